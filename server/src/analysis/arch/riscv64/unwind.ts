// riscv64 frame-pointer walk. With CONFIG_FRAME_POINTER every C function's prologue is
// `addi sp,sp,-N; sd s0,N-16(sp); sd ra,N-8(sp); addi s0,sp,N`: s0 (fp) is the sp at
// entry and the record {previous fp, ra} lies just below it, at fp − 16 and fp − 8
// (arch/riscv/kernel/stacktrace.c walk_stackframe: `frame = (struct stackframe *)fp - 1`).
// A frame's address is its sp, which is its callee's fp: crash's riscv64 bt brackets.
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import {
  checkReturnAddress,
  inStack,
  nameAt,
  returnName,
  sourceOf,
  stackOf,
  isTextAddress,
  type StackBounds,
} from '../../unwind/code';
import type { UnwindFrame, UnwindStart, WalkOutput } from '../../unwind/types';
import { interruptedContexts, type InterruptedContext } from '../../unwind/contexts';
import {
  named,
  notReturnAddress,
  outOfStack,
  registersFrame,
  resumedFrame,
  returnFrame,
  stackSwitchNote,
  WalkLog,
} from '../../unwind/walkStep';
import { PT_REGS, STATUS_SPP } from './ptRegs';

/** Bytes from a return address into the call: 2 lands inside a `jalr` (4 bytes) and a `c.jalr` (2). */
export const RETURN_TO_CALL = 2n;
/** The record below fp: saved fp at −16, ra at −8. */
const RECORD_FP = -16n;
const RECORD_RA = -8n;
/** Where the exception entry calls the `do_*` handlers and returns to (arch/riscv/kernel/entry.S). */
const EXCEPTION_ENTRY = /^(?:handle_exception|ret_from_exception|ret_from_fork)$/;
const PT_REGS_BYTES = BigInt(PT_REGS.bytes);
const field = (name: string) => BigInt(PT_REGS.offsets[name]);
/** Lowest kernel address of every paging mode (Sv57 starts at ff00…). */
export const KERNEL_START = 0xff00000000000000n;
/** IRQ → task stack switches one walk may follow. */
const MAX_STACK_SWITCHES = 4;
/** Bytes above a frame's sp scanned for its record when neither fp nor the frame size is known. */
const SCAN_BYTES = 0x800n;
/** `bt -f` prints each frame's registers and size: `[PC: … RA: … SP: … SIZE: 80]`. */
const BT_FRAME_SIZE = /\[PC: ([0-9a-f]{16}) RA: ([0-9a-f]{16}) SP: ([0-9a-f]{16}) SIZE: (\d+)\]/;

export function walkRiscv64(model: Model, start: UnwindStart): WalkOutput {
  const log = new WalkLog();
  const { frames } = log;
  const found = start.fp !== undefined ? { fp: start.fp, how: undefined } : frameOfSp(model, start);
  if (!found) {
    const reason =
      start.sp !== undefined
        ? `no frame record above sp ${hex16(start.sp)} in the transcript`
        : 'no frame pointer (s0) to start from';
    return log.end({ kind: 'no-start', reason });
  }
  let fp = found.fp;
  if (start.pc !== undefined || start.pcSymbol) {
    const name = start.pc !== undefined ? nameAt(model, start.pc) : undefined;
    const first = registersFrame(model, start, name, { frameAddress: start.sp, sp: start.sp });
    if (found.how) first.notes.push(found.how);
    frames.push(first);
  }
  // ra may still be in its register where a function has not saved it (a leaf): the kernel's own check.
  let lr = start.lr;
  let fromRegisters = start.pc !== undefined && start.lr !== undefined;
  let stack: StackBounds = stackOf(model, fp - 1n);
  let previous: bigint | undefined;
  let switches = 0;
  const used = new Set<InterruptedContext>();
  for (let level = frames.length; ; level++) {
    const limit = log.atLimit();
    if (limit) return limit;
    if (fp === 0n) return log.end({ kind: 'end', reason: 'frame pointer is 0: end of the chain' });
    if ((fp & 0x7n) !== 0n)
      return log.end({ kind: 'misaligned', address: fp, reason: `frame pointer ${hex16(fp)} is not 8-byte aligned` });
    if (!inStack(stack, fp - 1n)) {
      const other = stackOf(model, fp - 1n);
      if (other.known && switches < MAX_STACK_SWITCHES) {
        switches++;
        stack = other;
        previous = undefined;
        frames[frames.length - 1]?.notes.push(stackSwitchNote(other));
      } else {
        return log.end(outOfStack('frame pointer', fp, stack));
      }
    }
    if (previous !== undefined && fp <= previous)
      return log.end({
        kind: 'not-increasing',
        address: fp,
        reason: `frame pointer ${hex16(fp)} is not above the previous one ${hex16(previous)}`,
      });
    previous = fp;

    const savedRa = model.memory.read64(fp + RECORD_RA);
    if (fromRegisters && lr !== undefined && savedRa && isFramePointer(stack, fp, savedRa.value)) {
      // A leaf keeps only s0, at fp − 8; ra never left its register.
      const frame = returnFrame(model, level, lr, RETURN_TO_CALL, { frameAddress: fp, sp: fp }, 'registers');
      frame.evidence.push(savedRa.line);
      frame.notes.push(`leaf frame: only s0 saved at ${hex16(fp + RECORD_RA)}, ra taken from the register`);
      frames.push(frame);
      fp = savedRa.value;
      fromRegisters = false;
      continue;
    }
    fromRegisters = false;
    const savedFp = model.memory.read64(fp + RECORD_FP);
    if (!savedFp || !savedRa) {
      const record = fp + RECORD_FP;
      return log.missing(record, `the frame record at ${hex16(record)} is not in the transcript`, `rd -x ${hex16(record)} 2`);
    }
    const ra = savedRa.value;
    if (ra === 0n) {
      const reason =
        savedFp.value === 0n
          ? `frame record ${hex16(fp + RECORD_FP)} is {0, 0}: end of the chain`
          : `frame record ${hex16(fp + RECORD_FP)} has no return address (ra 0)`;
      return log.end({ kind: 'end', address: fp + RECORD_FP, reason });
    }
    // A leaf keeps only s0 at fp − 8: there the "ra" is the caller's frame pointer, no return address.
    if (isFramePointer(stack, fp, ra))
      return log.end({
        kind: 'end',
        address: fp + RECORD_RA,
        reason: `the word at ${hex16(fp + RECORD_RA)} is a frame pointer (${hex16(ra)}), not a return address: a leaf function saves only s0, its ra stays in the register (the console's or crash's ra names the caller)`,
      });
    const noReturn = notReturnAddress(model, ra, fp + RECORD_RA, stack);
    if (noReturn) return log.end(noReturn);
    const frame = returnFrame(model, level, ra, RETURN_TO_CALL, { frameAddress: fp, sp: fp }, 'frame-record');
    frame.returnAddress = ra;
    frame.evidence.unshift(savedFp.line, ...(savedRa.line !== savedFp.line ? [savedRa.line] : []));
    log.noteUnnamed(frame);
    frames.push(frame);

    if (!isExceptionReturn(model, fp, frame.function, savedFp.value)) {
      fp = savedFp.value;
      continue;
    }
    // The handler's fp is the sp it was called with: the pt_regs handle_exception saved.
    const regs = readPtRegs(model, fp);
    // Not dumped: registers the transcript prints with the sp the entry linked to (the console's
    // epc/ra/sp/s0, show_regs of those very pt_regs) stand for them.
    const printed = regs ? undefined : printedContext(model, savedFp.value, used);
    if (printed) {
      used.add(printed);
      frame.notes.push(`pt_regs at ${hex16(fp)} (exception entry)`);
      frames.push(resumedFrame(model, ++level, printed, printed.sp, `no pt_regs at ${hex16(fp)} in the transcript`));
      if (printed.fp === undefined) return log.end({ kind: 'end', reason: `${printed.what} print no s0 to go on from` });
      fp = printed.fp;
      lr = printed.lr;
      fromRegisters = lr !== undefined;
      continue;
    }
    if (!regs) {
      const command = `rd -x ${hex16(fp)} ${PT_REGS.bytes / 8}`;
      log.ask(command);
      return log.missing(fp, `the pt_regs at ${hex16(fp)} are not in the transcript`, command);
    }
    frame.notes.push(`pt_regs at ${hex16(fp)} (exception entry)`);
    if (!regs.kernel)
      return log.end({
        kind: 'user-mode',
        address: fp,
        reason: `the pt_regs at ${hex16(fp)} hold a user-mode context (epc ${hex16(regs.epc)})`,
      });
    const interrupted = exceptionFrame(model, level + 1, regs.sp, regs.epc);
    interrupted.sp = regs.sp;
    interrupted.evidence.push(...regs.lines);
    interrupted.notes.push(`pt_regs at ${hex16(fp)}: epc ${hex16(regs.epc)}, ra ${hex16(regs.ra)}, s0 ${hex16(regs.s0)}`);
    frames.push(interrupted);
    level++;
    fp = regs.s0;
    lr = regs.ra;
    fromRegisters = true;
  }
}

/** A frame pointer the kernel would follow from `fp`: above the record, inside the stack (fp_is_valid). */
function isFramePointer(stack: StackBounds, fp: bigint, value: bigint): boolean {
  return (value & 0x7n) === 0n && value >= fp + 16n && value <= stack.top;
}

/**
 * Whether the return address returns into the exception entry, after which the saved
 * "fp" is the interrupted sp: by name where the transcript names it, else by the shape
 * the entry leaves (pt_regs at this fp whose sp is that saved value, just above them
 * for a kernel-mode trap or a user address).
 */
function isExceptionReturn(model: Model, fp: bigint, fn: string | undefined, savedFp: bigint): boolean {
  if (fn !== undefined && EXCEPTION_ENTRY.test(fn)) return true;
  const sp = model.memory.read64(fp + field('sp'));
  // pt_regs not dumped: a kernel-mode trap's, just below the interrupted sp that registers the transcript prints.
  if (!sp) return savedFp === fp + PT_REGS_BYTES && printedContext(model, savedFp, new Set()) !== undefined;
  if (sp.value !== savedFp) return false;
  return savedFp === fp + PT_REGS_BYTES || savedFp < KERNEL_START;
}

/** A kernel-mode register block the transcript prints whose sp is `sp` (unwind/contexts). */
function printedContext(model: Model, sp: bigint, used: ReadonlySet<InterruptedContext>): InterruptedContext | undefined {
  return interruptedContexts(model).find((c) => c.sp === sp && !used.has(c));
}

interface PtRegsRead {
  epc: bigint;
  ra: bigint;
  sp: bigint;
  s0: bigint;
  kernel: boolean;
  lines: number[];
}

function readPtRegs(model: Model, address: bigint): PtRegsRead | undefined {
  const read = (name: string) => model.memory.read64(address + field(name));
  const epc = read('epc');
  const ra = read('ra');
  const sp = read('sp');
  const s0 = read('s0');
  if (!epc || !ra || !sp || !s0) return undefined;
  const status = read('status');
  // sstatus.SPP says which mode trapped; without it, a kernel epc does.
  const kernel = status ? (status.value & STATUS_SPP) !== 0n : epc.value >= KERNEL_START;
  return { epc: epc.value, ra: ra.value, sp: sp.value, s0: s0.value, kernel, lines: [epc.line, s0.line] };
}

/** fp of the frame whose sp is `start.sp`: from bt -f's SIZE, else the first record above sp. */
function frameOfSp(model: Model, start: UnwindStart): { fp: bigint; how: string } | undefined {
  const sp = start.sp;
  if (sp === undefined) return undefined;
  if (start.line !== undefined) {
    for (let line = start.line; line <= start.line + 2 && line < model.lineCount; line++) {
      const m = BT_FRAME_SIZE.exec(model.line(line));
      if (m && BigInt('0x' + m[3]) === sp) return { fp: sp + BigInt(m[4]), how: `frame size ${m[4]} from bt -f` };
    }
  }
  // A spilled frame pointer beside a data word can look like a record: the first record whose ra the
  // transcript names (or shows after a call) wins over the first text word.
  const stack = stackOf(model, sp);
  let unnamed: bigint | undefined;
  for (let slot = sp; slot < sp + SCAN_BYTES && slot + 8n < stack.top; slot += 8n) {
    const link = model.memory.read64(slot);
    if (!link || (link.value & 0xfn) !== 0n || !isFramePointer(stack, slot + 16n, link.value)) continue;
    const ra = model.memory.read64(slot + 8n);
    if (!ra || !isTextAddress(model, ra.value)) continue;
    // A named function's first byte counts: a noreturn call ends the function before it.
    if (checkReturnAddress(model, ra.value).confidence === 'likely' || nameAt(model, ra.value)?.confident === true)
      return { fp: slot + 16n, how: `frame record found at ${hex16(slot)} above sp (its ra is a known return address)` };
    unnamed ??= slot;
  }
  return unnamed !== undefined ? { fp: unnamed + 16n, how: `frame record found at ${hex16(unnamed)} above sp` } : undefined;
}

/** The interrupted context of pt_regs at its sp: epc is the exact pc, not a return address. */
function exceptionFrame(model: Model, level: number, sp: bigint, pc: bigint): UnwindFrame {
  const name = nameAt(model, pc) ?? returnName(model, pc, RETURN_TO_CALL);
  return {
    level,
    frameAddress: sp,
    pc,
    sp,
    ...named(name),
    source: sourceOf(model, pc),
    method: 'exception-frame',
    confidence: name && !name.confident ? 'likely' : 'certain',
    evidence: name?.line !== undefined ? [name.line] : [],
    notes: [],
  };
}

/**
 * FrameLinkage.crossException: where the record at `fp` returns into the exception entry,
 * the frame pointer of the interrupted kernel code (pt_regs.s0, or the caller's fp a leaf
 * left at s0 − 8), `null` for a user-mode trap, undefined elsewhere.
 */
export function crossException(model: Model, fp: bigint): bigint | null | undefined {
  const savedFp = model.memory.read64(fp + RECORD_FP);
  const savedRa = model.memory.read64(fp + RECORD_RA);
  if (!savedFp || !savedRa) return undefined;
  if (!isExceptionReturn(model, fp, returnName(model, savedRa.value, RETURN_TO_CALL)?.function, savedFp.value)) return undefined;
  const regs = readPtRegs(model, fp);
  // Not dumped: the s0 of the registers the transcript prints for that context.
  const s0 = regs ? (regs.kernel ? regs.s0 : undefined) : printedContext(model, savedFp.value, new Set())?.fp;
  if (s0 === undefined) return null;
  const leafLink = model.memory.read64(s0 + RECORD_RA);
  return leafLink && isFramePointer(stackOf(model, s0 - 1n), s0, leafLink.value) ? leafLink.value : s0;
}
