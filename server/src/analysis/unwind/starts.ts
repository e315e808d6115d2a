// Where a walk can start: register lines (console reports, crash register blocks,
// `help -r`), `bt` frames and headers, and dump lines that begin a frame record.
import type { FramePointerEvidence, Layout } from '../arch/types';
import { hex16 } from '../hex';
import { LineKind } from '../lineKinds';
import type { Model } from '../model';
import { perModel } from '../perModel';
import type { Backtrace, Register } from '../types';
import { interruptedContexts } from './contexts';
import { registerBlocks } from './registerBlocks';
import { checkReturnAddress, nameAt, stackWord } from './code';
import type { UnwindStart } from './types';

export interface StartTarget {
  line: number;
  /** Column of the word the start stands for (dump lines), else the line's start. */
  column?: number;
  start: UnwindStart;
  title: string;
}

/** crash's riscv64 and mips64 `bt -f` line above a frame's words. */
const FRAME_SIZE_LINE = /^\s*\[PC: [0-9a-f]+ RA: [0-9a-f]+ SP: [0-9a-f]+ SIZE: \d+\]\s*$/;

/** Lens targets on a long transcript stay bounded. */
const MAX_DUMP_TARGETS = 2000;

export const startTargets = perModel(collect);

function collect(model: Model): StartTarget[] {
  const targets: StartTarget[] = [];
  // Only an architecture crashlog models says how its frames link (unwindUnavailable).
  if (!model.spec) return targets;
  for (const block of registerBlocks(model)) targets.push(...fromRegisters(model, block));
  for (const bt of model.backtraces) {
    const first = bt.frames.find((f) => f.stackAddress !== undefined && f.address !== undefined);
    const headerStart =
      first && bt.line !== first.line ? frameStart(model, first.stackAddress!, first.address!, bt.line) : undefined;
    if (headerStart) targets.push({ line: bt.line, start: headerStart, title: `Unwind from [${hex16(first!.stackAddress!)}]` });
    for (const frame of bt.frames) {
      if (frame.stackAddress === undefined || frame.address === undefined) continue;
      // Only `bt -f`-style frames (with their stack words below) get a lens: one per plain bt line is noise.
      // riscv64/mips64 crash prints a `[PC: … RA: … SP: … SIZE: N]` line between the frame and its words.
      const words =
        model.lineKinds[frame.line + 1] === LineKind.Memory ||
        (model.lineKinds[frame.line + 2] === LineKind.Memory && FRAME_SIZE_LINE.test(model.line(frame.line + 1)));
      if (!words) continue;
      const start = frameStart(model, frame.stackAddress, frame.address, frame.line);
      if (start) targets.push({ line: frame.line, start, title: `Unwind from [${hex16(frame.stackAddress)}]` });
    }
  }
  targets.push(...dumpTargets(model));
  targets.sort((a, b) => a.line - b.line);
  return targets;
}

/** The start the CodeLens on a bt header offers: its first frame with a slot and an address. */
export function backtraceStart(model: Model, bt: Backtrace): UnwindStart | undefined {
  const first = bt.frames.find((f) => f.stackAddress !== undefined && f.address !== undefined);
  return first ? frameStart(model, first.stackAddress!, first.address!, bt.line) : undefined;
}

/**
 * A bt frame line without a lens (plain `bt`, `bt -fl` with a source line below): the walk from
 * its slot, which reads what the transcript dumps and names the `rd -x` for what it does not.
 */
export function btFrameStartAtLine(model: Model, line: number): UnwindStart | undefined {
  for (const bt of model.backtraces) {
    if (line < bt.line || line > bt.endLine) continue;
    const frame = bt.frames.find((f) => f.line === line);
    if (frame?.stackAddress !== undefined && frame.address !== undefined)
      return frameStart(model, frame.stackAddress, frame.address, line);
  }
  return undefined;
}

/** What a bt frame's slot means depends on the architecture: none when it is unknown. */
function frameStart(model: Model, stackAddress: bigint, address: bigint, line: number): UnwindStart | undefined {
  const start = model.spec?.unwinder.frameStart(stackAddress, address, line, `[${hex16(stackAddress)}]`);
  return start && { ...start, pcFromBt: true };
}

/** Starts from a block of registers: the architecture recognises its own (x29, RSP/RBP). */
function fromRegisters(model: Model, block: Register[]): StartTarget[] {
  const targets: StartTarget[] = [];
  for (const { register, start, alsoOn } of model.spec!.unwinder.registerStart(model, block)) {
    const title = `Unwind from ${start.label ?? register.name}`;
    targets.push({ line: register.line, start, title });
    for (const line of alsoOn ?? []) targets.push({ line, start: { ...start, line }, title });
  }
  return targets;
}

/** Farthest a typed address is scanned for the first return address or frame record (bytes). */
const ADDRESS_SCAN = 0x800n;

/** A dump line: its address and the 8-byte words after it (`rd -x`, `bt -f`, `search`, gdb `x/gx`). */
const DUMP_LINE = /^\s*(?:0x)?([0-9a-fA-F]{8,16}):((?:\s+(?:0x)?[0-9a-fA-F]{16}\b)+)/;

/** Whether this kernel keeps frame pointers: the architecture's judgement of the transcript, else its rule. */
export function framePointerEvidence(model: Model): FramePointerEvidence | undefined {
  const spec = model.spec;
  if (!spec) return undefined;
  const judged = spec.unwinder.framePointers?.(model);
  if (judged) return judged;
  const register = spec.frames.register;
  return spec.frames.alwaysKept
    ? { kept: true, why: `every function keeps the ${register} chain on this architecture` }
    : { kept: false, why: `functions do not all keep the ${register} chain on this architecture` };
}

/**
 * The start a return address at `slot` stands for: on a kernel that keeps frame pointers,
 * the frame record whose return slot it is; otherwise the slot itself (frames sized from there).
 */
export function returnSlotStart(model: Model, slot: bigint, value: bigint, line: number): UnwindStart | undefined {
  const spec = model.spec;
  if (!spec) return undefined;
  const name = nameAt(model, value);
  if (!framePointerEvidence(model)?.kept && spec.unwinder.returnSlotStart) {
    const label = `[${hex16(slot)}]${name ? ' ' + name.function + (name.offset ? '+' + name.offset : '') : ''}`;
    return spec.unwinder.returnSlotStart(slot, value, line, label);
  }
  const fp = slot - spec.frames.returnOffset;
  return isFrameRecord(model, fp) ? { fp, arch: model.arch, line, label: hex16(fp) } : undefined;
}

/** A frame address whose link is 0 or a frame above it on the same stack, aligned as the architecture wants. */
function isFrameRecord(model: Model, fp: bigint): boolean {
  const spec = model.spec!;
  const { linkOffset, alignment } = spec.frames;
  if ((fp & (alignment - 1n)) !== 0n) return false;
  const link = stackWord(model, fp + linkOffset)?.value;
  if (link === undefined) return false;
  return link === 0n || ((link & (alignment - 1n)) === 0n && link > fp && link - fp <= spec.stackBytes.task);
}

/** A stack word a walk can start from: a return address (text, not a function's start, after a call where shown). */
export function isReturnWord(model: Model, value: bigint): boolean {
  const layout = model.layout;
  const spec = model.spec;
  if (!layout || !spec) return false;
  return checkReturnAddress(model, spec.stripTags(value, layout)).ok;
}

/**
 * The return word of a frame record whose link already checks out: also text at a function's first
 * byte (a noreturn call before it, or s390x's r14 of an interrupted context), which crash shows as a frame.
 */
function isChainReturnWord(model: Model, value: bigint): boolean {
  const layout = model.layout;
  const spec = model.spec;
  if (!layout || !spec) return false;
  const check = checkReturnAddress(model, spec.stripTags(value, layout));
  return check.ok || check.atFunctionStart === true;
}

/**
 * Dump lines a walk can start from: where the kernel keeps frame pointers, a line that begins a
 * frame's saved words (the architecture's FrameLinkage: arm64/x86_64 {link, return} at +0/+8,
 * riscv64's record below fp, s390x's `struct stack_frame` with its back chain at +152); and
 * on any kernel a line holding a return address, the lens on that word.
 */
function dumpTargets(model: Model): StartTarget[] {
  const targets: StartTarget[] = [];
  if (!model.spec || !model.layout) return targets;
  const records = framePointerEvidence(model)?.kept === true;
  const small = smallWordPrefix(model.layout);
  for (let line = 0; line < model.lineCount && targets.length < MAX_DUMP_TARGETS; line++) {
    if (model.lineKinds[line] !== LineKind.Memory) continue;
    const m = DUMP_LINE.exec(model.line(line));
    if (!m) continue;
    const record = records ? recordAtLine(model, BigInt('0x' + m[1]), line) : undefined;
    if (record) {
      targets.push(record);
      continue;
    }
    const address = BigInt('0x' + m[1]);
    const words = m[2].trim().split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      const word = words[i].replace(/^0x/, '');
      // Zero and small words (most of a stack) are never text: no BigInt for them.
      if (word.startsWith(small)) continue;
      const value = BigInt('0x' + word);
      if (!isReturnWord(model, value)) continue;
      const slotStart = returnSlotStart(model, address + BigInt(i * 8), value, line);
      if (!slotStart) continue;
      // The word is a return address by its value alone: frame 0 is the stack's word, not registers.
      const start: UnwindStart = {
        ...slotStart,
        fromStackWord: true,
        ...(slotStart.pc !== undefined && { pcFromStack: 'likely' }),
      };
      const column = model.line(line).indexOf(words[i], m[1].length);
      targets.push({ line, column, start, title: `Unwind from ${start.label}` });
      break;
    }
  }
  return targets;
}

/**
 * Leading zeros of a 16-digit word too small to be text: below 2^24, or below the layout's
 * `smallBelow` where the kernel's text starts lower (s390x from 1 MiB).
 */
function smallWordPrefix(layout: Layout): string {
  const digits = (layout.smallBelow ?? 1n << 32n).toString(16).length - 1;
  return '0'.repeat(Math.max(10, 16 - digits));
}

/** The frame whose saved words begin at `address` (the lowest of link, return and frame address). */
function recordAtLine(model: Model, address: bigint, line: number): StartTarget | undefined {
  const spec = model.spec!;
  const { linkOffset, returnOffset } = spec.frames;
  const lowest = [linkOffset, returnOffset, 0n].reduce((m, o) => (o < m ? o : m));
  const fp = address - lowest;
  if (!isFrameRecord(model, fp) || stackWord(model, fp + linkOffset)?.value === 0n) return undefined;
  const saved = stackWord(model, fp + returnOffset);
  if (!saved || !isReturnWord(model, saved.value)) return undefined;
  const label = hex16(fp);
  return { line, start: { fp, arch: model.arch, line, label, fromStackWord: true }, title: `Unwind from ${label}` };
}

/**
 * "Unwind from Address…": a typed stack address read as the kernel allows. Where frame
 * pointers are kept, the frame record at (or holding the return slot at) the address;
 * elsewhere the return address at the address, or the first one above it (slot plus scan).
 */
export function addressStart(model: Model, address: bigint): UnwindStart {
  return { ...typedAddressStart(model, address), fromStackWord: true };
}

function typedAddressStart(model: Model, address: bigint): UnwindStart {
  const label = hex16(address);
  const evidence = framePointerEvidence(model);
  if (!evidence) return { fp: address, label };
  const spec = model.spec!;
  // The dumped words from the address up, as far as the dump goes without a gap.
  const scanned: { slot: bigint; value: bigint; line: number }[] = [];
  for (let slot = address; slot < address + ADDRESS_SCAN; slot += 8n) {
    const word = stackWord(model, slot);
    if (!word) break;
    scanned.push({ slot, value: word.value, line: word.line });
  }
  if (evidence.kept) {
    if (
      isFrameRecord(model, address) &&
      scanned.some((w) => w.slot === address + spec.frames.returnOffset && isChainReturnWord(model, w.value))
    ) {
      const choice = `the ${spec.frames.register} chain from ${label}: ${evidence.why}`;
      // Registers whose frame pointer is this record name the function that owns it.
      const owner = interruptedContexts(model).find((c) => c.fp === address);
      if (owner)
        return {
          fp: address,
          pc: owner.pc,
          sp: owner.sp,
          arch: model.arch,
          label,
          choice: `${choice}; its function from ${owner.what}`,
        };
      return { fp: address, arch: model.arch, label, choice };
    }
  }
  for (const word of scanned) {
    if (!isReturnWord(model, word.value)) continue;
    const start = returnSlotStart(model, word.slot, word.value, word.line);
    if (!start) continue;
    const method = evidence.kept ? `the ${spec.frames.register} chain` : 'the return slot, frames sized from there';
    const where =
      word.slot === address
        ? `${label} holds a return address`
        : `the first return address at or above ${label} is at ${hex16(word.slot)}`;
    // A word at the typed slot is a return address by its value alone; one found above it, a scan's guess.
    const pcFromStack = start.pc === undefined ? undefined : word.slot === address ? 'likely' : 'guess';
    return { ...start, label: start.label ?? label, choice: `${where}; ${method}: ${evidence.why}`, pcFromStack };
  }
  const reason =
    scanned.length === 0
      ? `${label} is not in the transcript`
      : `no return address within ${hex16(address)}–${hex16(address + BigInt(scanned.length * 8))}`;
  const start: UnwindStart = evidence.kept ? { fp: address } : { sp: address };
  return { ...start, arch: model.arch, label, choice: `${reason}: ${evidence.why}` };
}
