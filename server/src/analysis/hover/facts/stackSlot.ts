// An address on a known stack: whose stack, the offset, and the frame it falls in.
import { hexWord } from '../../hex';
import type { Model } from '../../model';
import { provenStaleFrames } from '../../diagnostics/backtraceFacts';
import type { Frame, Register, StackRange } from '../../types';
import { code, lineRef } from '../card';
import type { HoverFact } from '../fact';
import { cpuStackName, kasanKernel } from '../../classify';

export const stackSlot: HoverFact = {
  id: 'stack-slot',
  describe({ model, value }) {
    const stack = value?.cls.stack;
    if (!value || !stack) return undefined;
    const address = value.address;
    let best: Frame | undefined;
    let above: Frame | undefined;
    for (const f of model.framesInStack(stack)) {
      if (f.stackAddress! > address) {
        above = f;
        break;
      }
      best = f;
    }
    const whose =
      stack.kind === 'irq'
        ? cpuStackName(stack)
        : `stack of PID ${stack.task?.pid ?? '?'}${stack.task?.command ? ` (${stack.task.command})` : ''}${stack.cpu !== undefined ? `, CPU ${stack.cpu}` : ''}`;
    let text = `Stack slot of the ${whose}: ${code(hexWord(stack.base, model.wordBytes))}–${code(hexWord(stack.top, model.wordBytes))}, offset 0x${(address - stack.base).toString(16)}`;
    const kasanBytes = model.spec?.stackBytes.kasanTask;
    // The stack's extent is learned at the architecture's THREAD_SIZE; a KASAN kernel's is larger.
    if (kasanBytes !== undefined && stack.kind === 'task' && stack.top - stack.base < kasanBytes && kasanKernel(model)) {
      const base = address & ~(kasanBytes - 1n);
      text += ` (a KASAN kernel's task stacks are ${kasanBytes / 1024n} KiB: then ${code(hexWord(base, model.wordBytes))}–${code(hexWord(base + kasanBytes, model.wordBytes))}, offset 0x${(address - base).toString(16)})`;
    }
    if (best) {
      const interrupted = interruptedFrame(model, best, address);
      text += interrupted
        ? `; in the frame of ${code(interrupted.function)}, which frame #${best.level} ${code(best.function)} interrupted (its saved ${interrupted.sp.name} ${code(hexWord(interrupted.sp.value!, model.wordBytes))}, line ${lineRef(interrupted.sp.line)})`
        : (betweenRecords(model, address, best, above) ??
          pastStaleFrames(model, address, stack, best) ??
          `; in frame #${best.level} ${code(best.function)} (slot ${code(hexWord(best.stackAddress!, model.wordBytes))}, line ${lineRef(best.line)})`);
    }
    return text;
  },
};

/**
 * The function an exception frame interrupted, when `address` lies at or above the stack pointer its
 * registers saved: those words are that function's frame (crash's `[exception RIP: enqueue_entity+532]`
 * after frame #9 `page_fault`), not the exception entry's.
 */
function interruptedFrame(model: Model, frame: Frame, address: bigint): { function: string; sp: Register } | undefined {
  const bt = model.backtraces.find((b) => b.line <= frame.line && frame.line <= b.endLine);
  const exception = bt?.exceptionFrames.find((e) => e.afterLevel === frame.level && !e.bogus);
  const spNames = model.spec?.registers.sp ?? [];
  const sp = exception?.registers.find((r) => spNames.includes(r.name) && r.value !== undefined);
  if (!exception || !sp || address < sp.value! || model.stackAt(sp.value!) !== model.stackAt(address)) return undefined;
  const fn = exception.exceptionRip?.replace(/\+.*$/, '') ?? interruptedFunction(model, exception.registers);
  return fn !== undefined ? { function: fn, sp } : undefined;
}

/**
 * The function a block's pc names where crash prints no `[exception RIP: …]`: s390x's `PSW: … (kmsg_dump_rewind+290)`,
 * or ppc64's NIP, by the function the transcript places there.
 */
function interruptedFunction(model: Model, registers: readonly Register[]): string | undefined {
  const pcNames = model.spec?.registers.pc ?? [];
  const pc = registers.find((r) => pcNames.includes(r.name) && r.value !== undefined);
  if (!pc) return undefined;
  if (pc.symbol) return pc.symbol.name;
  const match = model.symbols.lookup(pc.value!);
  return match && match.confidence !== 'nearest' ? match.symbol.name : undefined;
}

/** A frame record's two words: the link and the return beside it. */
const RECORD_BYTES = 16n;

/**
 * Where records may lie anywhere in a frame (arm64, FrameLinkage.slotOwner): a word past `callee`'s
 * record and below `caller`'s is the caller's when the caller's prologue puts its record above its
 * locals, the callee's when the callee's stores it at its frame's bottom, and either one otherwise.
 */
function betweenRecords(model: Model, address: bigint, callee: Frame, caller: Frame | undefined): string | undefined {
  const owner = model.spec?.frames.slotOwner;
  if (!owner || !caller || address < callee.stackAddress! + RECORD_BYTES) return undefined;
  const at = (f: Frame) => `${code(hexWord(f.stackAddress!, model.wordBytes))}, line ${lineRef(f.line)}`;
  const said = owner(model, address, callee, caller);
  if (said?.owner === 'callee')
    return `; in frame #${callee.level} ${code(callee.function)}, above its frame record (${at(callee)}): ${said.why}`;
  if (said?.owner === 'caller')
    return `; in frame #${caller.level} ${code(caller.function)}, below its frame record (${at(caller)}): ${said.why}`;
  return `; between the frame records of #${callee.level} ${code(callee.function)} (${at(callee)}) and #${caller.level} ${code(caller.function)} (${at(caller)}): ${code(callee.function)}'s frame above its record, or ${code(caller.function)}'s below its own (crash's bt -f lists it under #${callee.level}); a ${code(`dis ${caller.function} 8`)} of the prologue tells which`;
}

/**
 * A word above frames `stale-frame` proves left over (return addresses of earlier calls crash took for
 * frames): it is in the frame of the live frame below them, whose function's stack they lie on.
 */
function pastStaleFrames(model: Model, address: bigint, stack: StackRange, best: Frame): string | undefined {
  const stale = provenStaleFrames(model);
  if (!stale.has(best)) return undefined;
  const below = model.framesInStack(stack).filter((f) => f.stackAddress! <= address);
  const live = below.filter((f) => !stale.has(f)).pop();
  const skipped = below.filter((f) => stale.has(f) && (!live || f.stackAddress! > live.stackAddress!));
  const levels = [...new Set(skipped.map((f) => f.level))].sort((a, b) => a - b);
  const range = levels.length > 1 ? `#${levels[0]}–#${levels[levels.length - 1]}` : `#${levels[0]}`;
  const left = `crash's frame${levels.length > 1 ? 's' : ''} ${range} below this word (the nearest ${code(best.function)}) ${levels.length > 1 ? 'are' : 'is'} stale: return addresses of earlier calls (${code('crashlog check')} says why)`;
  if (!live) return `; among stale frames: ${left}`;
  return `; in frame #${live.level} ${code(live.function)} (slot ${code(hexWord(live.stackAddress!, model.wordBytes))}, line ${lineRef(live.line)}): ${left}`;
}
