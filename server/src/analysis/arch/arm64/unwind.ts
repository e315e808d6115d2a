// arm64 frame-record walk: x29 points at {previous x29, saved LR}. A record is
// trusted only when 16-byte aligned, inside the current stack and above the last one.
import { hex16 } from '../../hex';
import { stripPac } from './pointer';
import { PT_REGS } from './ptRegs';
import { recordAboveSp } from './spStart';
import type { Model } from '../../model';
import { contextAbove, contextElsewhere, type InterruptedContext } from '../../unwind/contexts';
import {
  inStack,
  isTextAddress,
  nameAt,
  noreturnNote,
  returnName,
  sourceOf,
  stackOf,
  stackWord,
  type StackBounds,
} from '../../unwind/code';
import { isNamedWord, unreadWords } from '../../unwind/namedWords';
import type { UnwindFrame, UnwindStart, WalkOutput } from '../../unwind/types';
import {
  named,
  notReturnAddress,
  outOfStack,
  readBack,
  registersFrame,
  resumedFrame,
  returnFrame,
  stackSwitchNote,
  WalkLog,
} from '../../unwind/walkStep';

/** Exception vector entries: the record after theirs is pt_regs.stackframe, whose LR is the interrupted pc. */
const VECTOR_ENTRY =
  /^(?:el[01][th]?_(?:64|32)_(?:sync|irq|fiq|error)|el[01]_(?:sync|irq|fiq|error)(?:_invalid|_compat)?|ret_to_kernel)$/;
/** Offset of `stackframe` in arm64 `struct pt_regs` (5.x/6.x). */
const PT_REGS_STACKFRAME = BigInt(PT_REGS.offsets.stackframe);
const PT_REGS_PC = BigInt(PT_REGS.offsets.pc);
const PT_REGS_SP = BigInt(PT_REGS.offsets.sp);
const PT_REGS_PSTATE = BigInt(PT_REGS.offsets.pstate);
const PT_REGS_X29 = BigInt(PT_REGS.offsets.regs) + 29n * 8n;
const PT_REGS_BYTES = BigInt(PT_REGS.bytes);
/** pstate M[3:2], the exception level the exception was taken from: EL1 for kernel code. */
const PSTATE_EL_MASK = 0xcn;
const PSTATE_EL1 = 0x4n;
/** A missing record this close to its stack's top is the IRQ stack's last (call_on_irq_stack's). */
const IRQ_STACK_TOP = 0x100n;
/**
 * Functions that run on another stack than their caller's: IRQ handlers on the IRQ stack, and
 * the overflow stack's handler (`handle_bad_stack`, entered from `__bad_stack`): the record above
 * theirs is on the interrupted stack.
 */
const IRQ_TRAMPOLINE =
  /^(?:call_on_irq_stack|do_interrupt_handler|__do_softirq|do_softirq_own_stack|el[01]_interrupt|el1h_64_irq_handler|el0t_64_irq_handler|handle_bad_stack|__bad_stack|panic_bad_stack)$/;
/** Every instruction, `bl` included, is 4 bytes: the call sits at lr − 4. */
export const CALL_BYTES = 4n;
/** IRQ → task stack switches a single walk may follow. */
const MAX_STACK_SWITCHES = 4;

export function walkArm64(model: Model, start: UnwindStart): WalkOutput {
  const vaBits = model.layout?.vaBits ?? 48;
  const log = new WalkLog();
  const { frames } = log;
  if (start.fp === undefined && start.sp === undefined)
    return log.end({ kind: 'no-start', reason: 'no frame pointer (x29) or stack pointer to start from' });

  if (start.pc !== undefined || start.pcSymbol) {
    const name = start.pc !== undefined ? nameAt(model, start.pc) : undefined;
    frames.push(registersFrame(model, start, name, { frameAddress: start.fp, sp: start.sp }));
  }
  let fp: bigint;
  let firstFromSp: number | undefined;
  if (start.fp !== undefined) fp = start.fp;
  else {
    // x29 missing or unusable: the first frame record at or above sp.
    const found = recordAboveSp(model, start.sp!, vaBits);
    if ('stop' in found) return log.end(found.stop);
    // The running function's record, as a walk from x29 takes x29 to be (a leaf's is its caller's).
    if (frames[0]) {
      frames[0].frameAddress = found.fp;
      frames[0].notes.push(`first frame record at or above sp ${hex16(start.sp!)}: ${hex16(found.fp)}`);
      frames[0].evidence.push(...found.lines);
    }
    fp = found.fp;
    firstFromSp = frames.length;
  }

  let stack: StackBounds = stackOf(model, fp);
  let previous: bigint | undefined;
  let switches = 0;
  const visited = new Set<bigint>();
  const used = new Set<InterruptedContext>();
  let linkLine: number | undefined;
  let level = Math.max(1, frames.length);
  for (;;) {
    const limit = log.atLimit();
    if (limit) return limit;
    if (fp === 0n) return log.end({ kind: 'end', reason: 'frame pointer is 0: end of the frame-record chain' });
    if ((fp & 0xfn) !== 0n)
      return log.end({ kind: 'misaligned', address: fp, reason: `frame pointer ${hex16(fp)} is not 16-byte aligned` });
    if (visited.has(fp))
      return log.end({ kind: 'loop', address: fp, reason: `frame record ${hex16(fp)} was already visited (loop)` });
    if (!inStack(stack, fp)) {
      // Leaving an IRQ stack for the interrupted task's stack: only to a stack the transcript shows.
      const other = stackOf(model, fp);
      const trampoline = IRQ_TRAMPOLINE.test(frames[frames.length - 1]?.function ?? '') && stackWord(model, fp) !== undefined;
      if ((other.known || trampoline) && switches < MAX_STACK_SWITCHES) {
        switches++;
        stack = other;
        previous = undefined;
        // The frame whose record is at fp is the first on the other stack: crash's `--- <IRQ stack> ---` stands above it.
        const first = frames[frames.length - 1];
        if (first) {
          first.notes.push(stackSwitchNote(other));
          first.stackSwitch = {
            to: fp,
            label: `saved x29 ${hex16(fp)} on the stack ${hex16(other.base)}`,
            confidence: 'certain',
            line: linkLine,
          };
        }
      } else {
        return log.end(outOfStack('frame pointer', fp, stack));
      }
    }
    if (previous !== undefined && fp <= previous) {
      return log.end({
        kind: 'not-increasing',
        address: fp,
        reason: `frame pointer ${hex16(fp)} is not above the previous record ${hex16(previous)}`,
      });
    }
    const savedFp = stackWord(model, fp);
    const savedLr = stackWord(model, fp + 8n);
    if (!savedFp || !savedLr) {
      const reason = `the frame record at ${hex16(fp)} ${unreadWords(model, fp, 2)}`;
      const fromLr = fp === start.fp && frames.length === 1 ? lrFrame(model, level, start, frames[0], reason) : undefined;
      if (fromLr) {
        frames.push(fromLr);
        level++;
      }
      const command = `rd -x ${hex16(fp)} 2`;
      // Registers the transcript prints elsewhere (the console's, crash's exception blocks) may stand for the context above.
      const context = contextAbove(model, stack, fp, used);
      if (context?.fp !== undefined && context.fp > fp) {
        used.add(context);
        log.ask(command);
        frames.push(resumedFrame(model, level++, context, context.fp, reason));
        previous = undefined;
        fp = context.fp;
        continue;
      }
      // At the top of an IRQ stack: the interrupted task's context, printed or as pt_regs in its stack's dump.
      const interrupted =
        stack.kind === 'irq' || fp >= stack.top - IRQ_STACK_TOP
          ? (contextElsewhere(model, stack, used) ?? ptRegsElsewhere(model, stack, used))
          : undefined;
      if (interrupted?.fp !== undefined && switches < MAX_STACK_SWITCHES) {
        used.add(interrupted);
        log.ask(command);
        const frame = resumedFrame(model, level++, interrupted, interrupted.fp, reason);
        frame.stackSwitch = {
          to: interrupted.sp,
          label: `interrupted sp ${hex16(interrupted.sp)} (${interrupted.what})`,
          confidence: 'likely',
          line: interrupted.lines[0],
        };
        frames.push(frame);
        switches++;
        stack = stackOf(model, interrupted.fp);
        previous = undefined;
        fp = interrupted.fp;
        continue;
      }
      return log.missing(fp, reason, command);
    }
    visited.add(fp);
    previous = fp;
    const lr = stripPac(savedLr.value, vaBits);
    if (lr === 0n) {
      const reason =
        savedFp.value === 0n
          ? `frame record ${hex16(fp)} is {0, 0}: end of the chain`
          : `frame record ${hex16(fp)} has no return address (LR 0)`;
      return log.end({ kind: 'end', address: fp, reason });
    }
    const noReturn = notReturnAddress(model, lr, fp + 8n, stack);
    if (noReturn) return log.end(noReturn);
    const caller = frames[frames.length - 1];
    const afterVector = caller?.function !== undefined && VECTOR_ENTRY.test(caller.function);
    const frame = afterVector
      ? exceptionFrame(model, level, fp, savedFp.value, savedLr.value, lr)
      : recordFrame(model, level, savedFp.value, savedLr.value, lr);
    frame.evidence.unshift(savedFp.line, ...(savedLr.line !== savedFp.line ? [savedLr.line] : []));
    if (lr !== savedLr.value) {
      // Stripped of its top bits a word may name code; where it names none, the word was no signed
      // return address at all (a stack canary, data): nothing vouches for the frame.
      if (frame.function === undefined) {
        frame.confidence = 'guess';
        frame.notes.push(
          `LR ${hex16(savedLr.value)} is no kernel address as saved; read as a pointer-authenticated return it is ${hex16(lr)}, where the transcript shows no code`,
        );
      } else frame.notes.push(`LR ${hex16(savedLr.value)} carries pointer-authentication bits`);
    }
    if (isNamedWord(savedLr)) readBack(frame, savedLr);
    // The record a walk from sp found first is a find, not the register's word.
    if (frames.length === firstFromSp && frame.confidence === 'certain') frame.confidence = 'likely';
    log.noteUnnamed(frame, lr);
    frames.push(frame);
    level++;
    fp = savedFp.value;
    linkLine = savedFp.line;
  }
}

/**
 * The caller of the function at the start's pc, from the LR register, where the frame record x29
 * points at is not in the transcript. Only "likely": LR is the return address of that function's
 * caller until it makes a call of its own; an LR into the pc's own function is such a stale one.
 */
function lrFrame(model: Model, level: number, start: UnwindStart, current: UnwindFrame, reason: string): UnwindFrame | undefined {
  const { lr, lrSymbol } = start;
  if (lr === undefined || (!isTextAddress(model, lr) && !lrSymbol)) return undefined;
  const frame = returnFrame(model, level, lr, CALL_BYTES, { returnAddress: lr }, 'registers');
  if (frame.function === undefined && lrSymbol)
    Object.assign(frame, named({ function: lrSymbol.name, offset: lrSymbol.offset, confident: true }));
  if (frame.function !== undefined && frame.function === current.function) return undefined;
  frame.confidence = 'likely';
  frame.notes.push(`from the LR register ${hex16(lr)}: ${reason}`);
  return frame;
}

function recordFrame(model: Model, level: number, savedFp: bigint, rawLr: bigint, lr: bigint): UnwindFrame {
  const name = returnName(model, lr, CALL_BYTES);
  const frame = returnFrame(model, level, lr, CALL_BYTES, { frameAddress: savedFp, returnAddress: rawLr }, 'frame-record', name);
  const noreturn = name && noreturnNote(name, lr, CALL_BYTES);
  if (noreturn) frame.notes.push(noreturn);
  return frame;
}

/** The record inside pt_regs: its LR is the exact interrupted pc, not a return address. */
function exceptionFrame(model: Model, level: number, recordAt: bigint, savedFp: bigint, rawLr: bigint, pc: bigint): UnwindFrame {
  const name = nameAt(model, pc) ?? returnName(model, pc, CALL_BYTES);
  const regs = recordAt - PT_REGS_STACKFRAME;
  const savedPc = stackWord(model, regs + PT_REGS_PC);
  const savedSp = stackWord(model, regs + PT_REGS_SP);
  const frame: UnwindFrame = {
    level,
    frameAddress: savedFp,
    returnAddress: rawLr,
    pc,
    sp: savedSp?.value,
    ...named(name),
    source: sourceOf(model, pc),
    method: 'exception-frame',
    confidence: savedPc?.value === pc ? 'certain' : 'likely',
    evidence: name?.line !== undefined ? [name.line] : [],
    notes: [`pt_regs at ${hex16(regs)} (exception entry)`],
  };
  if (savedPc) frame.evidence.push(savedPc.line);
  return frame;
}

/**
 * The interrupted context in the dump of another stack the transcript shows: EL1 pt_regs whose pc
 * is text, whose sp lies above them on that stack, and whose `stackframe` record is {x29, pc}, as
 * the exception entry builds it (arch/arm64/kernel/entry.S).
 */
function ptRegsElsewhere(model: Model, stack: StackBounds, used: Set<InterruptedContext>): InterruptedContext | undefined {
  const word = (address: bigint) => stackWord(model, address);
  for (const other of model.stacks) {
    if (other.base === stack.base) continue;
    for (let at = other.base; at + PT_REGS_BYTES <= other.top; at += 16n) {
      const pc = word(at + PT_REGS_PC);
      const record = word(at + PT_REGS_STACKFRAME + 8n);
      if (!pc || !record || record.value !== pc.value) continue;
      const x29 = word(at + PT_REGS_X29);
      const link = word(at + PT_REGS_STACKFRAME);
      const sp = word(at + PT_REGS_SP);
      const pstate = word(at + PT_REGS_PSTATE);
      if (!x29 || !link || link.value !== x29.value || !sp || !pstate) continue;
      if ((pstate.value & PSTATE_EL_MASK) !== PSTATE_EL1) continue;
      if (sp.value < at + PT_REGS_BYTES || sp.value >= other.top || !isTextAddress(model, pc.value)) continue;
      if ([...used].some((u) => u.pc === pc.value && u.sp === sp.value)) continue;
      return {
        pc: pc.value,
        sp: sp.value,
        fp: x29.value,
        lines: [pc.line, sp.line],
        at,
        what: `the pt_regs at ${hex16(at)} in the dump of the stack ${hex16(other.base)} (pc ${hex16(pc.value)}, sp ${hex16(sp.value)})`,
      };
    }
  }
  return undefined;
}
