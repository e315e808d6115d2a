// ppc64 back-chain walk. Every frame starts with the ELFv2 header: the back chain (the
// caller's r1) at sp + 0 and the LR save doubleword at sp + 16, which the *callee* fills
// with the return address into this frame's function. So the frame at sp is named by the
// word at sp + 16, and the walk goes on at the back chain. Interrupt frames carry the
// "REGS" marker and pt_regs (./ptRegs): the walk continues in the interrupted context.
// Where the newest function stands in its prologue or epilogue decides whether r1 is its
// own frame or still its caller's (./prologue), as for the CPU that QEMU stopped in a leaf.
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import { inStack, isTextAddress, nameAt, returnName, sourceOf, stackOf, type StackBounds } from '../../unwind/code';
import { interruptedContexts, type InterruptedContext } from '../../unwind/contexts';
import { MAX_FRAMES, type UnwindFrame, type UnwindStart, type UnwindStop, type WalkOutput } from '../../unwind/types';
import { named, stackSwitchNote, WalkLog } from '../../unwind/walkStep';
import { frameStateAt, type FrameState } from './prologue';
import { ptRegsAtFrame } from './ptRegs';

/** Every instruction, `bl` included, is 4 bytes: the call sits at the return address − 4. */
export const CALL_BYTES = 4n;
/** The LR save doubleword of an ELFv2 frame header (STACK_FRAME_LR_SAVE = 2 doublewords). */
export const LR_SAVE = 16n;
/** Kernel addresses have the top bits set (0xc000…); anything below is a user r1. */
const KERNEL_START = 0xc000000000000000n;
/** Stack switches (IRQ stack → interrupted stack) a single walk may follow. */
const MAX_STACK_SWITCHES = 4;

/** An execution context: registers of a start or of an interrupt's pt_regs. */
interface Context {
  pc?: bigint;
  sp: bigint;
  lr?: bigint;
  pcSymbol?: UnwindStart['pcSymbol'];
}

interface Walk {
  model: Model;
  log: WalkLog;
  frames: UnwindFrame[];
}

export function walkPpc64(model: Model, start: UnwindStart): WalkOutput {
  const log = new WalkLog();
  const walk: Walk = { model, log, frames: log.frames };
  let frameSp: bigint;
  if (start.sp !== undefined) {
    const ctx: Context = { pc: start.pc, sp: start.sp, lr: start.lr, pcSymbol: start.pcSymbol };
    frameSp = contextFrames(walk, ctx, 'registers', start.line !== undefined ? [start.line] : [], []);
  } else if (start.fp !== undefined) {
    frameSp = start.fp;
    walk.frames.push(start.pc !== undefined ? btFrame(model, start) : newestFrame(walk, start.fp));
  } else {
    return log.end({ kind: 'no-start', reason: 'no r1 (stack pointer) to start from' });
  }
  const stop = followChain(walk, frameSp);
  walk.frames.forEach((f, i) => (f.level = i));
  return log.end(stop);
}

/**
 * The frames of a context: its function at pc, and when r1 is not (or no longer) that
 * function's own frame, the caller whose frame r1 is. Returns the frame r1 stands for.
 */
function contextFrames(walk: Walk, ctx: Context, method: UnwindFrame['method'], evidence: number[], notes: string[]): bigint {
  const { model } = walk;
  const name = ctx.pc !== undefined ? nameAt(model, ctx.pc) : undefined;
  const fn = name?.function ?? ctx.pcSymbol?.name;
  const offset = name?.offset ?? ctx.pcSymbol?.offset;
  const first: UnwindFrame = {
    level: 0,
    pc: ctx.pc,
    sp: ctx.sp,
    function: fn,
    offset,
    module: name?.module ?? ctx.pcSymbol?.module,
    source: ctx.pc !== undefined ? sourceOf(model, ctx.pc) : undefined,
    method,
    confidence: 'certain',
    evidence: [...evidence, ...(name?.line !== undefined ? [name.line] : [])],
    notes,
  };
  walk.frames.push(first);
  const state: (FrameState & { guessed?: string }) | undefined =
    (ctx.pc !== undefined && offset !== undefined ? frameStateAt(model, ctx.pc - BigInt(offset), ctx.pc) : undefined) ??
    unlistedState(model, ctx, fn);
  if (state?.guessed) first.notes.push(state.guessed);
  if (!state || state.ownsFrame) {
    first.frameAddress = ctx.sp;
    if (!state && fn !== undefined)
      first.notes.push(`r1 taken as ${fn}'s own frame (no listing of ${fn} up to the pc: dis ${fn})`);
    return ctx.sp;
  }
  // r1 is still (or again) the caller's frame: a leaf, or a prologue/epilogue in progress.
  const lr = state.savedLr
    ? model.memory.read64(ctx.sp + LR_SAVE)
    : ctx.lr !== undefined
      ? { value: ctx.lr, line: -1 }
      : undefined;
  first.evidence.push(...state.lines);
  first.notes.push(
    `${fn ?? 'the function'} has no frame of its own at this pc: r1 ${hex16(ctx.sp)} is its caller's frame` +
      (state.savedLr ? `, named by the LR it saved at ${hex16(ctx.sp + LR_SAVE)}` : ', named by LR'),
  );
  if (!lr) {
    first.frameAddress = ctx.sp;
    return ctx.sp;
  }
  const caller = chainFrame(model, ctx.sp, lr.value, lr.line >= 0 ? [lr.line] : [], state.savedLr ? 'back-chain' : method);
  if (state.guessed) caller.confidence = 'guess';
  walk.frames.push(caller);
  noteUnnamed(walk, caller);
  return ctx.sp;
}

/**
 * Without a listing of the interrupted function: r1's LR save word, when it returns into another
 * function, says r1 is that caller's frame (the interrupted one had not allocated its frame, or had
 * popped it already). The kernel's show_stack names the frame at r1 by that word too, but flags it
 * `(unreliable)` when it differs from the LR: a non-leaf that built its frame and faulted before
 * its first call leaves a stale word there. So with the LR known, the word is taken only when the
 * LR returns into the interrupted function (it called, then popped its frame) or into the word's
 * function (a leaf that kept its caller's LR); otherwise r1 stays the interrupted function's frame.
 */
function unlistedState(model: Model, ctx: Context, fn: string | undefined): (FrameState & { guessed: string }) | undefined {
  if (fn === undefined) return undefined;
  const saved = model.memory.read64(ctx.sp + LR_SAVE);
  if (!saved || !isTextAddress(model, saved.value)) return undefined;
  const caller = returnName(model, saved.value, CALL_BYTES);
  if (!caller?.confident || caller.function === fn) return undefined;
  if (ctx.lr !== undefined) {
    const link = returnName(model, ctx.lr, CALL_BYTES)?.function;
    if (link !== fn && link !== caller.function) return undefined;
  }
  return {
    ownsFrame: false,
    savedLr: true,
    lines: [saved.line],
    guessed: `no listing of ${fn} up to the pc (dis ${fn}): r1's LR save word returns into ${caller.function}, so r1 is taken as ${caller.function}'s frame, as the kernel and crash name it`,
  };
}

/** The frame a crash `bt` line stands for: its bracket is the frame, its address names it (crash names by the address itself). */
function btFrame(model: Model, start: UnwindStart): UnwindFrame {
  const pc = start.pc!;
  const direct = nameAt(model, pc);
  const name = direct?.confident ? direct : returnName(model, pc, CALL_BYTES);
  return {
    level: 0,
    frameAddress: start.fp,
    pc,
    sp: start.fp,
    function: name?.function ?? start.pcSymbol?.name,
    offset: name?.offset,
    module: name?.module,
    source: sourceOf(model, pc),
    method: 'bt-frame',
    confidence: 'certain',
    evidence: start.line !== undefined ? [start.line] : [],
    notes: [],
  };
}

/** A walk from a frame header alone: its owner is named by its own LR save word, which may be stale. */
function newestFrame(walk: Walk, sp: bigint): UnwindFrame {
  const saved = walk.model.memory.read64(sp + LR_SAVE);
  if (!saved) {
    return {
      level: 0,
      frameAddress: sp,
      sp,
      method: 'back-chain',
      confidence: 'guess',
      evidence: [],
      notes: [`the LR save word at ${hex16(sp + LR_SAVE)} is not in the transcript`],
    };
  }
  const frame = chainFrame(walk.model, sp, saved.value, [saved.line], 'back-chain');
  if (frame.confidence === 'certain') frame.confidence = 'likely';
  frame.notes.push(`the newest frame's LR save word is written by its latest callee: stale if that callee did not save LR`);
  noteUnnamed(walk, frame);
  return frame;
}

/** A frame named by the return address saved for it (LR save word or LR). */
function chainFrame(
  model: Model,
  frameAddress: bigint,
  ra: bigint,
  evidence: number[],
  method: UnwindFrame['method'],
): UnwindFrame {
  const text = isTextAddress(model, ra);
  const found = text ? returnName(model, ra, CALL_BYTES) : undefined;
  // Only the nearest function start below it: far more often a function the transcript never shows.
  const guessed = found && !found.confident ? found : undefined;
  const name = guessed ? undefined : found;
  const frame: UnwindFrame = {
    level: 0,
    frameAddress,
    returnAddress: ra,
    pc: ra,
    sp: frameAddress,
    ...named(name),
    source: text ? sourceOf(model, ra, ra - CALL_BYTES) : undefined,
    method,
    confidence: text ? 'certain' : 'guess',
    evidence: [...evidence, ...(name?.line !== undefined ? [name.line] : [])],
    notes: text
      ? []
      : [
          `the saved LR ${hex16(ra)} is no text address the transcript knows: a stale word (its callee saved no LR), or code it does not show`,
        ],
  };
  if (guessed)
    frame.notes.push(
      `the nearest function start the transcript shows is ${guessed.function} (+${guessed.offset ?? '?'}): a guess`,
    );
  return frame;
}

/** An unnamed frame asks for its code, unless its saved LR is no text at all (a stale word). */
function noteUnnamed(walk: Walk, frame: UnwindFrame): void {
  if (frame.confidence !== 'guess') walk.log.noteUnnamed(frame);
}

/** Follows back chains (and interrupt frames) from the frame at `sp` until the chain ends. */
function followChain(walk: Walk, first: bigint): UnwindStop {
  const { model, frames } = walk;
  let sp = first;
  let stack: StackBounds = stackOf(model, sp);
  let switches = 0;
  const visited = new Set<bigint>();
  const used = new Set<InterruptedContext>();
  for (;;) {
    if (frames.length >= MAX_FRAMES) return { kind: 'limit', reason: `stopped after ${MAX_FRAMES} frames` };
    if (visited.has(sp)) return { kind: 'loop', address: sp, reason: `frame ${hex16(sp)} was already visited (loop)` };
    visited.add(sp);
    const chain = model.memory.read64(sp);
    if (!chain) {
      return {
        kind: 'missing-memory',
        address: sp,
        reason: `the frame header at ${hex16(sp)} is not in the transcript`,
        command: `rd -x ${hex16(sp)} 4`,
      };
    }
    const regs = ptRegsAtFrame(model, sp);
    const interrupt = regs !== undefined && regs.sp === chain.value;
    if (regs && interrupt && regs.user) {
      return {
        kind: 'user-mode',
        address: regs.address,
        reason: `pt_regs at ${hex16(regs.address)} return to user mode (nip ${hex16(regs.nip)}, r1 ${hex16(regs.sp)})`,
      };
    }
    const next = chain.value;
    if (next === 0n) return { kind: 'end', address: sp, reason: `the back chain at ${hex16(sp)} is 0: end of the chain` };
    if (next < KERNEL_START)
      return {
        kind: 'end',
        address: sp,
        reason: `the back chain at ${hex16(sp)} holds a user-space r1 (${hex16(next)}): the kernel stack ends here`,
      };
    if ((next & 0xfn) !== 0n)
      return {
        kind: 'misaligned',
        address: sp,
        reason: `the back chain at ${hex16(sp)} (${hex16(next)}) is not 16-byte aligned`,
      };
    if (next <= sp)
      return {
        kind: 'not-increasing',
        address: sp,
        reason: `the back chain at ${hex16(sp)} (${hex16(next)}) does not rise toward the caller`,
      };
    if (!inStack(stack, next)) {
      const other = stackOf(model, next);
      if ((other.known || model.memory.read64(next) !== undefined) && switches < MAX_STACK_SWITCHES) {
        switches++;
        frames[frames.length - 1]?.notes.push(stackSwitchNote(other));
        stack = other;
      } else {
        return {
          kind: 'out-of-stack',
          address: next,
          reason: `the back chain at ${hex16(sp)} (${hex16(next)}) leaves the stack ${hex16(stack.base)}–${hex16(stack.top)}`,
          command: `rd -x ${hex16(next)} 4`,
        };
      }
    }
    // No pt_regs readable below the frame `next`: registers the transcript prints with r1 = `next`
    // (the console's NIP/GPR rows) are the context an interrupt frame there saved (crash 8.0.2 drops it).
    const printed = regs ? undefined : interruptedContexts(model).find((c) => c.sp === next && !used.has(c));
    if (printed) {
      used.add(printed);
      const at = frames.length;
      sp = contextFrames(walk, { pc: printed.pc, sp: printed.sp, lr: printed.lr }, 'exception-frame', printed.lines, [
        `no pt_regs of the interrupt frame at ${hex16(sp)} in the transcript: the walk goes on at ${printed.what}, whose r1 is its back chain`,
      ]);
      frames[at].confidence = 'likely';
      continue;
    }
    if (regs && interrupt) {
      const trap = regs.trap !== undefined ? ` (trap 0x${regs.trap.toString(16)})` : '';
      sp = contextFrames(walk, { pc: regs.nip, sp: regs.sp, lr: regs.link }, 'exception-frame', regs.lines, [
        `pt_regs at ${hex16(regs.address)}${trap}: nip ${hex16(regs.nip)}, r1 ${hex16(regs.sp)}`,
      ]);
      continue;
    }
    const saved = model.memory.read64(next + LR_SAVE);
    if (!saved) {
      return {
        kind: 'missing-memory',
        address: next,
        reason: `the LR save word of the frame at ${hex16(next)} is not in the transcript`,
        command: `rd -x ${hex16(next)} 4`,
      };
    }
    const frame = chainFrame(model, next, saved.value, [chain.line, saved.line], 'back-chain');
    frames.push(frame);
    noteUnnamed(walk, frame);
    sp = next;
  }
}
