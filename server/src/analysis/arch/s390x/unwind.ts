// s390x back-chain walk (kernel built with -mpacked-stack -mbackchain, as every distribution
// kernel is): the 160-byte `struct stack_frame` at a frame's r15 keeps the caller's r15 (the
// back chain) at +152 and r6–r15 at +72…+151 (arch/s390/include/asm/stacktrace.h). A callee
// saves its registers into its caller's frame, so the r14 at frame+136 is the return
// address into the frame's own function; crash's bt reads the same words (s390x.c:
// s390_stack_frame_back_chain, s390_stack_frame_r14). A back chain of 0 ends the frames of
// an entry path: pt_regs follows at +160 and the walk goes on at the interrupted r15
// (arch/s390/kernel/unwind_bc.c does the same).
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import { inStack, nameAt, sourceOf, stackOf, type StackBounds } from '../../unwind/code';
import { contextAbove, type InterruptedContext } from '../../unwind/contexts';
import type { UnwindFrame, UnwindStart, WalkOutput } from '../../unwind/types';
import { named, outOfStack, registersFrame, resumedFrame, returnFrame, stackSwitchNote, WalkLog } from '../../unwind/walkStep';
import { PSW_MASK_PSTATE, PT_REGS, STACK_FRAME_OVERHEAD } from './ptRegs';

/** Offsets in `struct stack_frame` (packed stack). */
export const BACK_CHAIN = 152n;
export const SAVED_R14 = 136n;
/** Words of one `struct stack_frame`, as `rd -x ADDR 20` prints them. */
const FRAME_WORDS = 20;
/** The shortest call (`basr`) is 2 bytes: return address − 2 lies inside any call. */
export const RETURN_TO_CALL = 2n;
const PSW_ADDR = BigInt(PT_REGS.offsets.psw_addr);
const PSW_MASK = BigInt(PT_REGS.offsets.psw_mask);
const PT_R15 = BigInt(PT_REGS.offsets.r15);
/** Stack switches (async/IRQ stack → task stack) a single walk may follow. */
const MAX_STACK_SWITCHES = 4;

export function walkS390x(model: Model, start: UnwindStart): WalkOutput {
  const log = new WalkLog();
  const { frames } = log;
  let sp = start.fp ?? start.sp;
  if (sp === undefined) return log.end({ kind: 'no-start', reason: 'no stack pointer (r15) to start from' });
  const missing = (address: bigint, what: string, words = FRAME_WORDS): WalkOutput =>
    log.missing(address, `${what} at ${hex16(address)} is not in the transcript`, `rd -x ${hex16(address)} ${words}`);

  const first = startFrame(model, start, sp);
  if (!first) return missing(sp + SAVED_R14, `the saved r14 of the stack frame ${hex16(sp)}`);
  frames.push(first);

  let stack: StackBounds = stackOf(model, sp);
  let switches = 0;
  let level = 1;
  const used = new Set<InterruptedContext>();
  /** Where memory stops at `from`: registers the transcript prints above it on this stack (the console's Krnl PSW/GPRS) stand for the rest. */
  const resumeAbove = (from: bigint, reason: string): InterruptedContext | undefined => {
    const context = contextAbove(model, stack, from, used);
    if (!context) return undefined;
    used.add(context);
    frames.push(resumedFrame(model, level++, context, context.sp, reason));
    return context;
  };
  for (;;) {
    const limit = log.atLimit();
    if (limit) return limit;
    const chain = model.memory.read64(sp + BACK_CHAIN);
    if (!chain) return missing(sp, `the stack frame (back chain at +${BACK_CHAIN})`);
    const link = chain.value;
    if (link === 0n) {
      // An entry path's frame: pt_regs above it holds the interrupted PSW and registers.
      const regs = sp + STACK_FRAME_OVERHEAD;
      const mask = model.memory.read64(regs + PSW_MASK);
      const addr = model.memory.read64(regs + PSW_ADDR);
      const r15 = model.memory.read64(regs + PT_R15);
      if (!mask || !addr || !r15) {
        const what = `the pt_regs of the entry frame ${hex16(sp)}`;
        const context = resumeAbove(sp, `${what} at ${hex16(regs)} is not in the transcript`);
        if (context) {
          sp = context.sp;
          continue;
        }
        return missing(regs, what, Number(PT_REGS.bytes) / 8);
      }
      if ((mask.value & PSW_MASK_PSTATE) !== 0n) {
        return log.end({
          kind: 'user-mode',
          address: regs,
          reason: `pt_regs at ${hex16(regs)} holds a user-mode PSW (${hex16(addr.value)}): end of the kernel stack`,
        });
      }
      const frame = exceptionFrame(model, level, regs, addr.value, r15.value);
      frame.evidence.push(chain.line, addr.line, ...(r15.line !== addr.line ? [r15.line] : []));
      frames.push(frame);
      level++;
      if ((r15.value & 7n) !== 0n)
        return log.end({
          kind: 'misaligned',
          address: r15.value,
          reason: `the interrupted r15 ${hex16(r15.value)} is not 8-byte aligned`,
        });
      if (!inStack(stack, r15.value)) {
        // An interrupt taken on another stack (async, machine-check, restart): pt_regs sits on the
        // new stack and its r15 is the interrupted stack's, followed where the transcript shows it.
        if (switches >= MAX_STACK_SWITCHES || model.memory.read64(r15.value + BACK_CHAIN) === undefined)
          return missing(r15.value, `the interrupted stack frame (r15 of the pt_regs at ${hex16(regs)})`);
        switches++;
        stack = stackOf(model, r15.value);
        frame.notes.push(stackSwitchNote(stack));
      } else if (r15.value <= sp) {
        return log.end({
          kind: 'not-increasing',
          address: r15.value,
          reason: `the interrupted r15 ${hex16(r15.value)} is not above pt_regs`,
        });
      }
      sp = r15.value;
      continue;
    }
    if ((link & 7n) !== 0n)
      return log.end({
        kind: 'misaligned',
        address: link,
        reason: `back chain ${hex16(link)} at ${hex16(sp + BACK_CHAIN)} is not 8-byte aligned`,
      });
    if (link <= sp && inStack(stack, link))
      return log.end({
        kind: 'not-increasing',
        address: link,
        reason: `back chain ${hex16(link)} is not above the frame ${hex16(sp)}`,
      });
    if (!inStack(stack, link)) {
      // An async (IRQ) stack's first frame links to the interrupted stack: only to a stack the transcript shows.
      const other = stackOf(model, link);
      if (!other.known || switches >= MAX_STACK_SWITCHES) {
        return log.end(outOfStack('back chain', link, stack));
      }
      switches++;
      stack = other;
      frames[frames.length - 1].notes.push(stackSwitchNote(other));
    }
    const saved = model.memory.read64(link + SAVED_R14);
    if (!saved) return missing(link, `the saved r14 of the stack frame ${hex16(link)}`);
    const frame = chainFrame(model, level, link, saved.value);
    frame.evidence.unshift(chain.line, saved.line);
    log.noteUnnamed(frame);
    frames.push(frame);
    level++;
    sp = link;
  }
}

/** Frame 0: the start's pc (registers, a bt frame), else the r14 its callee saved in the frame. */
function startFrame(model: Model, start: UnwindStart, sp: bigint): UnwindFrame | undefined {
  if (start.pc === undefined && !start.pcSymbol) {
    const saved = model.memory.read64(sp + SAVED_R14);
    if (!saved) return undefined;
    const frame = chainFrame(model, 0, sp, saved.value);
    frame.evidence.unshift(saved.line);
    return frame;
  }
  const name = start.pc !== undefined ? nameAt(model, start.pc) : undefined;
  return registersFrame(model, start, name, { frameAddress: sp, sp });
}

/** The frame at `sp`, named by the return address its callee saved there. */
function chainFrame(model: Model, level: number, sp: bigint, ret: bigint): UnwindFrame {
  return returnFrame(model, level, ret, RETURN_TO_CALL, { frameAddress: sp, sp, returnAddress: ret }, 'back-chain');
}

/** The interrupted context of pt_regs: its PSW address is the exact pc, its r15 the next frame. */
function exceptionFrame(model: Model, level: number, regs: bigint, pc: bigint, sp: bigint): UnwindFrame {
  const name = nameAt(model, pc);
  return {
    level,
    frameAddress: regs,
    pc,
    sp,
    ...named(name),
    source: sourceOf(model, pc),
    method: 'exception-frame',
    confidence: 'certain',
    evidence: name?.line !== undefined ? [name.line] : [],
    notes: [`pt_regs at ${hex16(regs)} (entry frame's back chain is 0); interrupted r15 ${hex16(sp)}`],
  };
}
