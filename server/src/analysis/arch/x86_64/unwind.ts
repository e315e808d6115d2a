// x86_64 walk. Without frame pointers (ORC kernels): each frame's size comes from
// its function's prologue in the transcript; pt_regs switch to the saved ip/sp;
// where no prologue is known, a scan for return addresses (a guess). With frame
// pointers: the rbp chain, where an rbp with its low bit set points at pt_regs.
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import { contextAbove, contextElsewhere, type InterruptedContext } from '../../unwind/contexts';
import {
  checkReturnAddress,
  inStack,
  stackWord,
  nameAt,
  noreturnNote,
  returnName,
  sourceOf,
  stackOf,
  type CodeName,
  type StackBounds,
} from '../../unwind/code';
import { type StackSwitchStep, type UnwindFrame, type UnwindStart, type UnwindStop, type WalkOutput } from '../../unwind/types';
import { isNamedWord, namedNonReturn, namedWordAt, unreadWords } from '../../unwind/namedWords';
import { named, outOfStack, readBack, registersFrame, resumedFrame, WalkLog } from '../../unwind/walkStep';
import { insideBtFrame, insideBtFrameNote } from '../../unwind/btBoundaries';
import { holdsRegsCopy } from '../../unwind/savedRegsCopy';
import { x86UserEntry } from './entryFunctions';
import { prologueAt, type Prologue } from './prologue';
import { kernelStack } from './starts';
import { PT_REGS, PT_REGS_SIZE, ptRegsAt, type PtRegs } from './ptRegs';

/** A return address minus 1 lies inside the call that pushed it (calls are 2 to 7 bytes). */
export const RETURN_TO_CALL = 1n;
/** Farthest a scan looks for the next return address (bytes). */
const SCAN_LIMIT = 0x800n;

interface State {
  pc?: bigint;
  name?: CodeName;
  sp: bigint;
  rbp?: bigint;
  stack: StackBounds;
  /** Set when the walk just left another stack: the next frame found carries it. */
  switched?: StackSwitchStep;
  /** The state is a register block's or pt_regs' (sp and rbp both known there), not a return slot's. */
  fromRegisters?: boolean;
}

type Found = { frame: UnwindFrame; state: State };
type Step = Found | { stop: UnwindStop };

export function walkX86(model: Model, start: UnwindStart): WalkOutput {
  if (start.sp === undefined && start.slot === undefined) {
    if (start.fp !== undefined) return walkRbpChain(model, start);
    return { frames: [], commands: [], stop: { kind: 'no-start', reason: 'no stack pointer or frame pointer to start from' } };
  }
  const log = new WalkLog();
  const sp = start.slot !== undefined ? start.slot + 8n : start.sp!;
  const name =
    start.pc !== undefined
      ? start.slot !== undefined
        ? returnName(model, start.pc, RETURN_TO_CALL)
        : nameAt(model, start.pc)
      : undefined;
  const first = registersFrame(model, start, name, { frameAddress: start.slot, sp });
  if (start.slot !== undefined) first.returnAddress = start.pc;
  const noreturn = name && start.slot !== undefined && start.pc !== undefined && noreturnNote(name, start.pc, RETURN_TO_CALL);
  if (noreturn) first.notes.push(noreturn);
  const { frames } = log;
  frames.push(first);
  let state: State = {
    pc: start.pc,
    name: first.function ? { function: first.function, offset: first.offset, confident: true } : undefined,
    sp,
    rbp: start.rbp,
    stack: stackOf(model, sp),
    fromRegisters: start.slot === undefined,
  };
  const visited = new Set<bigint>();
  const used = new Set<InterruptedContext>();
  for (;;) {
    const limit = log.atLimit();
    if (limit) return limit;
    state = irqStackSwitch(model, state, frames[frames.length - 1]);
    if (visited.has(state.sp))
      return log.end({ kind: 'loop', address: state.sp, reason: `stack pointer ${hex16(state.sp)} was already visited (loop)` });
    visited.add(state.sp);
    const next = nextFrame(model, state, frames[frames.length - 1], log);
    let step: Found;
    if ('stop' in next) {
      const viaRbp = state.fromRegisters ? rbpChainAfterRegisters(model, state, next.stop, log) : undefined;
      if (viaRbp) return viaRbp;
      const resumed = resumeStep(model, state, next.stop, used);
      if (!resumed) return log.end(next.stop);
      if (next.stop.command) log.ask(next.stop.command);
      step = resumed;
    } else step = next;
    if (state.switched) {
      step.frame.stackSwitch ??= state.switched;
      step.frame.notes.unshift(`on the other stack: ${state.switched.label}`);
    }
    step.frame.level = frames.length;
    frames.push(step.frame);
    state = step.state;
    const entered = userEntryStop(step.frame, state);
    if (entered) return log.end(entered);
  }
}

/**
 * A syscall's entry ends a task's kernel stack: the words below it are the user registers it saved
 * (pt_regs, at the stack's top), no frame of the kernel's. The walk ends there, no memory to ask for.
 */
function userEntryStop(frame: UnwindFrame, state: State): UnwindStop | undefined {
  if (frame.function === undefined || !x86UserEntry(frame.function) || frame.frameAddress === undefined) return undefined;
  // Only the entry's own slot, right below the pt_regs at the task stack's top: an entry address
  // elsewhere is a stale word the walk may pass.
  const regs = state.stack.top - PT_REGS_SIZE;
  if (state.stack.kind !== 'task' || frame.frameAddress > regs || regs - frame.frameAddress > ENTRY_SLOT_BELOW_REGS)
    return undefined;
  return {
    kind: 'user-mode',
    reason: `${frame.function} is where the task entered the kernel from user space: below it the stack holds the user registers (pt_regs at ${hex16(regs)}), no kernel frame`,
  };
}

/** How far below the user pt_regs a syscall entry's return slot lies (the call to do_syscall_64 pushes it right there). */
const ENTRY_SLOT_BELOW_REGS = 0x10n;

/**
 * A register block whose RSP words are not dumped may have its RBP's: where RBP points at a dumped
 * {saved rbp, return address} pair above RSP, the walk goes on by the rbp chain from there (as
 * `--fp RBP` would), noting that it left RSP's memory behind.
 */
function rbpChainAfterRegisters(model: Model, state: State, stop: UnwindStop, log: WalkLog): WalkOutput | undefined {
  const rbp = state.rbp;
  if (stop.kind !== 'missing-memory' || rbp === undefined || (rbp & 7n) !== 0n || rbp <= state.sp) return undefined;
  if (!inStack(state.stack, rbp) || !stackWord(model, rbp)) return undefined;
  const ret = stackWord(model, rbp + 8n);
  if (!ret || !checkReturnAddress(model, ret.value).ok) return undefined;
  const chain = walkRbpChain(model, { fp: rbp });
  if (chain.frames.length === 0) return undefined;
  const last = log.frames[log.frames.length - 1];
  last.notes.push(`${stop.reason}; rbp ${hex16(rbp)} is: going on by the rbp chain from there`);
  if (stop.command) log.ask(stop.command);
  for (const frame of chain.frames) {
    frame.level = log.frames.length;
    log.frames.push(frame);
  }
  for (const command of chain.commands) log.ask(command);
  return log.end(chain.stop);
}

/**
 * The top word of an x86_64 IRQ stack holds the stack pointer of the interrupted context
 * (call_on_irq_stack): a walk that reaches it goes on at that sp on the other stack.
 */
function irqStackSwitch(model: Model, state: State, current: UnwindFrame | undefined): State {
  if (state.sp !== state.stack.top - 8n) return state;
  const saved = stackWord(model, state.sp);
  if (!saved || (saved.value & 7n) !== 0n || !kernelStack(saved.value) || inStack(state.stack, saved.value)) return state;
  if (!stackWord(model, saved.value) && !model.stackAt(saved.value)) return state;
  const label = `interrupted sp ${hex16(saved.value)}`;
  current?.notes.push(`the top word of this stack [${hex16(state.sp)}] holds the ${label} (line ${saved.line + 1})`);
  return {
    ...state,
    sp: saved.value,
    stack: stackOf(model, saved.value),
    switched: { from: state.sp, to: saved.value, label, confidence: 'certain', line: saved.line },
  };
}

/**
 * Where the memory stops (a gap in the dumps, the top of an IRQ stack whose link is not
 * shown), a register block of the transcript can stand for the interrupted context: the
 * nearest above on the same stack, or at a stack's top one on another stack. "likely".
 */
function resumeStep(model: Model, state: State, stop: UnwindStop, used: Set<InterruptedContext>): Found | undefined {
  if (stop.kind !== 'missing-memory' && stop.kind !== 'no-return-address' && stop.kind !== 'out-of-stack') return undefined;
  const above = contextAbove(model, state.stack, state.sp, used);
  const atTop = state.sp >= state.stack.top - 8n || stop.kind === 'out-of-stack';
  const context =
    above ?? (atTop ? (contextElsewhere(model, state.stack, used) ?? ptRegsElsewhere(model, state.stack, used)) : undefined);
  if (!context) return undefined;
  used.add(context);
  const name = nameAt(model, context.pc);
  const stack = stackOf(model, context.sp);
  const frame = resumedFrame(model, 0, context, context.at, stop.reason);
  if (!above)
    frame.stackSwitch = {
      to: context.sp,
      label: `interrupted sp ${hex16(context.sp)} (${context.what})`,
      confidence: 'likely',
      line: context.lines[0],
    };
  return { frame, state: { pc: context.pc, name, sp: context.sp, rbp: context.fp, stack, fromRegisters: true } };
}

function nextFrame(model: Model, state: State, current: UnwindFrame, log: WalkLog): Step {
  if (!inStack(state.stack, state.sp)) return { stop: outOfStack('stack pointer', state.sp, state.stack) };
  const fn = state.name?.function;
  // An exception entry leaves pt_regs right above its return slot; in __crash_kexec's frame that shape is its copy.
  const regs = ptRegsAt(model, state.sp, state.stack);
  if (regs && !holdsRegsCopy(fn)) return exceptionStep(model, state, regs);

  const base = fn !== undefined ? functionBase(model, fn, state) : undefined;
  const prologue =
    base !== undefined && state.pc !== undefined && !isColdPart(fn!) ? prologueAt(model, base, state.pc) : undefined;
  if (prologue) {
    const sized = prologueStep(model, state, prologue, fn!);
    if (sized && 'stop' in sized) return sized;
    if (sized) return sized;
    current.notes.push(`the prologue of ${fn} gives no return address; scanning`);
  } else if (fn !== undefined) {
    const command = `dis ${fn}`;
    current.notes.push(
      isColdPart(fn)
        ? `${fn} is a split-off part: its frame is sized by the parent's prologue; scanning`
        : `no prologue of ${fn} in the transcript (${command}); scanning`,
    );
    if (!isColdPart(fn)) log.ask(command);
  } else if (state.pc !== undefined) {
    log.ask(`dis -l ${hex16(state.pc)}`);
  }
  return scanStep(model, state, fn);
}

function functionBase(model: Model, fn: string, state: State): bigint | undefined {
  if (state.pc !== undefined && state.name?.offset !== undefined) return state.pc - BigInt(state.name.offset);
  return model.symbols.get(fn)?.base;
}

/** `.cold`/`.part` code is split off its function: the prologue lives elsewhere. */
function isColdPart(fn: string): boolean {
  return /\.(?:cold|part)(?:\.\d+)?$/.test(fn);
}

function prologueStep(model: Model, state: State, prologue: Prologue, fn: string): Step | undefined {
  let slot: bigint | undefined;
  let method: UnwindFrame['method'] = 'prologue';
  const notes: string[] = [];
  if (!prologue.variable) slot = state.sp + BigInt(prologue.size);
  else if (prologue.framePointer && state.rbp !== undefined) {
    slot = state.rbp + 8n;
    method = 'rbp-chain';
    notes.push(`${fn} moves its sp by a run-time amount; slot from rbp ${hex16(state.rbp)}`);
  } else return undefined;
  if (slot < state.sp || !inStack(state.stack, slot)) return undefined;
  const word = stackWord(model, slot);
  if (!word) {
    return {
      stop: {
        kind: 'missing-memory',
        address: slot,
        reason: `the return slot ${hex16(slot)} of ${fn} ${unreadWords(model, slot)}`,
        command: `rd -x ${hex16(slot)} 2`,
      },
    };
  }
  const check = checkReturnAddress(model, word.value, fn);
  // A function's first byte in the slot a complete prologue names is the return of a noreturn call;
  // where the listing stops short of the pc the size may be short too: not enough to believe it.
  if (!check.ok && !(check.atFunctionStart && prologue.complete && !prologue.variable)) return undefined;
  if (!prologue.complete) notes.push(`listing of ${fn} stops before the pc; prologue assumed complete`);
  if (check.why) notes.push(check.why);
  const frame = returnFrame(
    model,
    slot,
    word.value,
    method,
    prologue.complete && check.confidence === 'likely' ? 'certain' : 'likely',
    [word.line, ...prologue.lines.slice(0, 4)],
    notes,
  );
  if (isNamedWord(word)) readBack(frame, word);
  const rbpDepth = prologue.saved.get('%rbp');
  let rbp = state.rbp;
  if (rbpDepth !== undefined) rbp = stackWord(model, slot - BigInt(rbpDepth))?.value;
  return {
    frame,
    state: { pc: word.value, name: returnName(model, word.value, RETURN_TO_CALL), sp: slot + 8n, rbp, stack: state.stack },
  };
}

function scanStep(model: Model, state: State, fn: string | undefined): Step {
  const end = state.stack.top < state.sp + SCAN_LIMIT ? state.stack.top : state.sp + SCAN_LIMIT;
  const passed: string[] = [];
  const notes: string[] = [];
  for (let slot = state.sp; slot < end; slot += 8n) {
    const regs = ptRegsAt(model, slot, state.stack);
    if (regs && holdsRegsCopy(fn)) {
      // Register values, not return addresses: the scan goes on past the copy.
      notes.push(copyNote(regs, fn!));
      slot = regs.address + PT_REGS_SIZE - 8n;
      continue;
    }
    if (regs) return exceptionStep(model, state, regs);
    const word = stackWord(model, slot);
    if (!word) {
      // A word `bt -F` printed by name whose value is not known: a slab object or data is no return
      // address, and a `func+off` of unknown start may be one. The scan passes it, naming the second.
      const named = namedWordAt(model, slot);
      if (named) {
        if (!namedNonReturn(named)) passed.push(`\`${named.text}\` at ${hex16(slot)}`);
        continue;
      }
      return {
        stop: {
          kind: 'missing-memory',
          address: slot,
          reason: `scanning for ${fn ?? 'the'} return address: ${hex16(slot)} ${unreadWords(model, slot)}`,
          command: `rd -x ${hex16(slot)} 32`,
        },
      };
    }
    const check = checkReturnAddress(model, word.value, fn);
    if (!check.ok) continue;
    const rejected = rejectedGuess(model, state, slot, word.value);
    if (rejected) {
      notes.push(rejected);
      continue;
    }
    notes.unshift(`found by scanning from ${hex16(state.sp)}`);
    if (check.why) notes.push(check.why);
    if (passed.length)
      notes.push(
        `passed ${passed.join(', ')}: printed by name only, unknown values that \`rd -x\` shows (a return address among them would be a frame before this one)`,
      );
    const frame = returnFrame(model, slot, word.value, 'scan', 'guess', [word.line], notes);
    if (isNamedWord(word)) readBack(frame, word);
    return {
      frame,
      state: {
        pc: word.value,
        name: returnName(model, word.value, RETURN_TO_CALL),
        sp: slot + 8n,
        rbp: state.rbp,
        stack: state.stack,
      },
    };
  }
  return {
    stop: { kind: 'no-return-address', address: state.sp, reason: `no return address within ${hex16(state.sp)}–${hex16(end)}` },
  };
}

/**
 * Why a word the scan could take for a return address is none, when the transcript says so:
 * it lies inside one of crash's bt frames, or its own function's prologue (in a `dis` listing)
 * puts the next return slot where no return address is.
 */
function rejectedGuess(model: Model, state: State, slot: bigint, value: bigint): string | undefined {
  const inside = insideBtFrame(model, slot);
  if (inside) return insideBtFrameNote(slot, value, inside);
  const name = returnName(model, value, RETURN_TO_CALL);
  if (!name || name.offset === undefined || isColdPart(name.function)) return undefined;
  const prologue = prologueAt(model, value - BigInt(name.offset), value);
  if (!prologue || prologue.variable) return undefined;
  const next = slot + 8n + BigInt(prologue.size);
  const word = stackWord(model, next);
  if (!word || !inStack(state.stack, next) || checkReturnAddress(model, word.value, name.function).ok) return undefined;
  return `passed ${hex16(value)} at ${hex16(slot)}: the prologue of ${name.function} would put its return slot at ${hex16(next)}, which holds no return address`;
}

function copyNote(regs: PtRegs, fn: string): string {
  return `pt_regs at ${hex16(regs.address)}–${hex16(regs.address + PT_REGS_SIZE)} is the copy crash_setup_regs() keeps in ${fn}'s frame (ip ${hex16(regs.ip)}, sp ${hex16(regs.sp)}), not an exception entry: passed`;
}

function returnFrame(
  model: Model,
  slot: bigint,
  value: bigint,
  method: UnwindFrame['method'],
  confidence: UnwindFrame['confidence'],
  evidence: number[],
  notes: string[],
): UnwindFrame {
  const name = returnName(model, value, RETURN_TO_CALL);
  if (name?.line !== undefined) evidence.push(name.line);
  const noreturn = name && noreturnNote(name, value, RETURN_TO_CALL);
  if (noreturn) notes.unshift(noreturn);
  return {
    level: 0,
    frameAddress: slot,
    returnAddress: value,
    pc: value,
    sp: slot + 8n,
    ...named(name),
    source: sourceOf(model, value),
    method,
    confidence,
    evidence: [...new Set(evidence)],
    notes,
  };
}

function exceptionStep(model: Model, state: State, regs: PtRegs): Step {
  if (regs.user) {
    return {
      stop: {
        kind: 'user-mode',
        address: regs.address,
        reason: `pt_regs at ${hex16(regs.address)} return to user mode (ip ${hex16(regs.ip)}, sp ${hex16(regs.sp)})`,
      },
    };
  }
  const name = nameAt(model, regs.ip);
  const stack = inStack(state.stack, regs.sp) ? state.stack : stackOf(model, regs.sp);
  const frame: UnwindFrame = {
    level: 0,
    frameAddress: regs.address,
    pc: regs.ip,
    sp: regs.sp,
    ...named(name),
    source: sourceOf(model, regs.ip),
    method: 'exception-frame',
    confidence: 'certain',
    evidence: regs.lines,
    notes: [
      `pt_regs at ${hex16(regs.address)}–${hex16(regs.address + PT_REGS_SIZE)}: ip ${hex16(regs.ip)}, sp ${hex16(regs.sp)}`,
    ],
  };
  // pt_regs at the top of an exception (NMI, #DF, #DB, #MC) or IRQ stack: the interrupted code ran on another stack.
  const switched: StackSwitchStep | undefined =
    stack === state.stack
      ? undefined
      : {
          to: regs.sp,
          label: `pt_regs.sp ${hex16(regs.sp)} of the pt_regs at ${hex16(regs.address)}`,
          confidence: 'certain',
          line: regs.lines[0],
        };
  return { frame, state: { pc: regs.ip, name, sp: regs.sp, rbp: regs.bp, stack, switched, fromRegisters: true } };
}

/** Frame-pointer kernels: rbp → {saved rbp, return address}; an rbp with bit 0 set encodes a pt_regs pointer. */
export function walkRbpChain(model: Model, start: UnwindStart): WalkOutput {
  const log = new WalkLog();
  const { frames } = log;
  let rbp = start.fp!;
  const stack0 = stackOf(model, rbp & ~1n);
  let stack = stack0;
  let previous: bigint | undefined;
  const visited = new Set<bigint>();
  for (;;) {
    const limit = log.atLimit();
    if (limit) return limit;
    if (rbp === 0n) return log.end({ kind: 'end', reason: 'rbp is 0: end of the rbp chain' });
    // Checked before the pt_regs case too: pt_regs whose saved bp encodes themselves would loop.
    if (visited.has(rbp)) return log.end({ kind: 'loop', address: rbp, reason: `rbp ${hex16(rbp)} was already visited (loop)` });
    if ((rbp & 1n) === 1n) {
      visited.add(rbp);
      const regs = ptRegsAt(model, rbp & ~1n, stack);
      if (!regs) {
        const at = rbp & ~1n;
        return log.missing(
          at,
          `rbp ${hex16(rbp)} encodes pt_regs at ${hex16(at)}, not in the transcript`,
          `rd -x ${hex16(at)} 21`,
        );
      }
      const step = exceptionStep(model, { sp: regs.address, stack }, regs);
      if ('stop' in step) return log.end(step.stop);
      step.frame.level = frames.length;
      frames.push(step.frame);
      stack = step.state.stack;
      previous = undefined;
      rbp = regs.bp ?? 0n;
      continue;
    }
    if ((rbp & 7n) !== 0n)
      return log.end({ kind: 'misaligned', address: rbp, reason: `rbp ${hex16(rbp)} is not 8-byte aligned` });
    if (!inStack(stack, rbp)) return log.end(outOfStack('rbp', rbp, stack));
    if (previous !== undefined && rbp <= previous)
      return log.end({
        kind: 'not-increasing',
        address: rbp,
        reason: `rbp ${hex16(rbp)} is not above the previous ${hex16(previous)}`,
      });
    const saved = stackWord(model, rbp);
    const ret = stackWord(model, rbp + 8n);
    if (!saved || !ret)
      return log.missing(rbp, `the frame at rbp ${hex16(rbp)} ${unreadWords(model, rbp, 2)}`, `rd -x ${hex16(rbp)} 2`);
    visited.add(rbp);
    previous = rbp;
    const check = checkReturnAddress(model, ret.value);
    if (!check.ok)
      return log.end({
        kind: 'not-text',
        address: rbp + 8n,
        reason: `the word above rbp ${hex16(rbp)} (${hex16(ret.value)}) is not a return address: ${check.why}`,
      });
    const frame = returnFrame(
      model,
      rbp + 8n,
      ret.value,
      'rbp-chain',
      check.confidence === 'likely' ? 'certain' : 'likely',
      [saved.line, ret.line],
      check.why ? [check.why] : [],
    );
    frame.level = frames.length;
    if (isNamedWord(ret)) readBack(frame, ret);
    if (frame.function === undefined) log.ask(`dis -l ${hex16(ret.value)}`);
    frames.push(frame);
    rbp = saved.value;
  }
}

/**
 * The interrupted context in the dump of another stack the transcript shows: kernel pt_regs
 * whose ip is text and whose sp points into that same stack, just above them (an IRQ entry's).
 */
function ptRegsElsewhere(model: Model, stack: StackBounds, used: Set<InterruptedContext>): InterruptedContext | undefined {
  const cs = BigInt(PT_REGS.offsets.cs);
  for (const other of model.stacks) {
    if (other.base === stack.base) continue;
    const bounds: StackBounds = { base: other.base, top: other.top, kind: other.kind, known: true };
    let found: InterruptedContext | undefined;
    model.memory.forEachInRange(other.base, other.top, (addrHi, addrLo, valHi, valLo, _line, width) => {
      if (found || width !== 8 || valHi !== 0 || valLo !== 0x10) return;
      const address = (BigInt(addrHi) << 32n) + BigInt(addrLo) - cs;
      const regs = ptRegsAt(model, address, bounds);
      if (!regs || regs.user || regs.sp < address + PT_REGS_SIZE || regs.sp >= other.top) return;
      const context: InterruptedContext = {
        pc: regs.ip,
        sp: regs.sp,
        fp: regs.bp,
        lines: regs.lines,
        at: address,
        what: `the pt_regs at ${hex16(address)} in the dump of the stack ${hex16(other.base)} (ip ${hex16(regs.ip)}, sp ${hex16(regs.sp)})`,
      };
      if ([...used].some((u) => u.pc === context.pc && u.sp === context.sp)) return;
      found = context;
    });
    if (found) return found;
  }
  return undefined;
}
