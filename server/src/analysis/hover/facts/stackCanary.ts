// A random-looking 64-bit word whose low byte is zero, dumped at two or more slots of one stack:
// the stack-protector canary (get_random_canary() clears the low byte; per task on x86_64 and
// ppc64, one for all on arm64 without STACKPROTECTOR_PER_TASK; every frame of a function built
// with -fstack-protector keeps a copy just below its saved registers).
// Said only where the value is no address (or in no region), no poison and no text, and repeats on the same stack.
import { hexWord } from '../../hex';
import { code, lineRef, type Place } from '../card';
import { readValue } from '../context';
import type { HoverFact } from '../fact';
import { cpuStackName } from '../../classify';

/** Fewest distinct bytes among the seven upper bytes of a random canary (a pattern or text has fewer). */
const MIN_DISTINCT_BYTES = 5;

export const stackCanary: HoverFact = {
  id: 'stack-canary',
  describe(context) {
    const hovered = readValue(context);
    const { model } = context;
    // No pointer (x86_64's non-canonical hole), or an address in no region (ppc64's kernel quadrant holds
    // every value starting c…: a random one with its low byte clear is no pointer either).
    const kind = hovered?.cls.kind;
    if (!hovered || hovered.status || model.wordBytes !== 8 || (kind !== 'non-canonical' && kind !== 'kernel')) return undefined;
    const value = hovered.raw;
    if ((value & 0xffn) !== 0n || !randomLooking(value) || signExtendedKernelHalf(value)) return undefined;
    const words = model.memory.occurrencesOfValue(value, 200).filter((w) => w.width === 8);
    // The slots of one stack that hold it (a word dumped twice is one slot).
    const byStack = new Map<bigint, Map<bigint, { line: number; column: number }>>();
    for (const w of words) {
      const stack = model.stackAt(w.address);
      if (!stack) continue;
      const slots = byStack.get(stack.base) ?? new Map<bigint, { line: number; column: number }>();
      if (!slots.has(w.address)) slots.set(w.address, { line: w.line, column: w.column });
      byStack.set(stack.base, slots);
    }
    const own = hovered.location !== undefined ? model.stackAt(hovered.location) : undefined;
    const slots = own ? byStack.get(own.base) : [...byStack.values()].find((s) => s.size >= 2);
    if (!slots || slots.size < 2) return undefined;
    const stack = model.stackAt(slots.keys().next().value!);
    const whose =
      stack?.kind === 'irq'
        ? `the ${cpuStackName(stack)}`
        : stack?.task
          ? `the stack of PID ${stack.task.pid}${stack.task.command ? ` (${stack.task.command})` : ''}`
          : 'one stack';
    const sorted = [...slots.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const places: Place[] = sorted.map(([, p]) => ({ line: p.line, character: p.column }));
    const shown = sorted
      .slice(0, 6)
      .map(([address, p]) => `${code(hexWord(address, model.wordBytes))} (line ${lineRef(p.line)})`)
      .join(', ');
    return {
      text:
        `Probably the stack-protector canary: a random value with its low byte zero, ` +
        `at ${slots.size} slots of ${whose} — ${shown}${sorted.length > 6 ? ', …' : ''}. ` +
        'Each frame of a function built with -fstack-protector keeps a copy below its saved registers',
      places,
    };
  },
};

/**
 * `ffff…`: the kernel half of x86_64, arm64 and riscv64, where a value in no region the layout knows is
 * still far likelier a pointer (a direct-map object 256-byte aligned, of a KASLR'd map) than a random
 * canary, which starts so once in 65,536.
 */
function signExtendedKernelHalf(value: bigint): boolean {
  return value >> 48n === 0xffffn;
}

function randomLooking(value: bigint): boolean {
  const bytes = new Set<bigint>();
  for (let shift = 8n; shift < 64n; shift += 8n) bytes.add((value >> shift) & 0xffn);
  return bytes.size >= MIN_DISTINCT_BYTES;
}
