// What every architecture's walk (arch/<id>/unwind.ts) does at each step, in one wording: the
// frame of the start's registers, a frame named by the return address saved for it, the note
// and `dis -l` for code the transcript does not show, the note where the walk changes stacks,
// and the ends a walk shares (the frame bound, memory to paste with `rd -x`).
import { ADDRESS_KINDS } from '../classify';
import { hex16 } from '../hex';
import type { Model } from '../model';
import { nameAt, returnName, sourceOf, type CodeName, type StackBounds } from './code';
import type { InterruptedContext } from './contexts';
import type { NamedWord } from './namedWords';
import { MAX_FRAMES, type UnwindFrame, type UnwindStart, type UnwindStop, type WalkOutput } from './types';

/**
 * A frame whose saved return address crash printed by name (`bt -F`) and the walk read back to
 * a value: says so, and no more than "likely", since the value is not one the dump shows.
 */
export function readBack(frame: UnwindFrame, word: NamedWord): void {
  frame.notes.push(word.readFrom);
  if (frame.confidence === 'certain') frame.confidence = 'likely';
}

/** The frames a walk has found and the crash commands that would take it further. */
export class WalkLog {
  readonly frames: UnwindFrame[] = [];
  readonly commands: string[] = [];

  /** The walk so far, ended for `stop`. */
  end(stop: UnwindStop): WalkOutput {
    return { frames: this.frames, commands: this.commands, stop };
  }

  /** Ends where the transcript lacks memory the walk needs; `command` names what to paste. */
  missing(address: bigint, reason: string, command: string): WalkOutput {
    return this.end({ kind: 'missing-memory', address, reason, command });
  }

  /** The end at the bound every walk has, once it is reached. */
  atLimit(): WalkOutput | undefined {
    return this.frames.length >= MAX_FRAMES
      ? this.end({ kind: 'limit', reason: `stopped after ${MAX_FRAMES} frames` })
      : undefined;
  }

  /** A crash command whose output would name or size more frames (each once). */
  ask(command: string): void {
    if (!this.commands.includes(command)) this.commands.push(command);
  }

  /** A frame whose code the transcript does not name: says so and asks for its `dis -l`. */
  noteUnnamed(frame: UnwindFrame, pc = frame.pc): void {
    if (frame.function !== undefined || pc === undefined) return;
    const command = `dis -l ${hex16(pc)}`;
    frame.notes.push(`code at ${hex16(pc)} is not in the transcript: ${command}`);
    this.ask(command);
  }
}

/**
 * The end where the word a frame record holds for its return address cannot be one: an address on
 * the stack the walk is on, or of a region no code lies in (the heap, user space, a poison). Such a
 * "record" is other data (a saved pt_regs, locals), and frames read from it would be garbage.
 */
export function notReturnAddress(model: Model, value: bigint, at: bigint, stack: StackBounds): UnwindStop | undefined {
  const onStack = value >= stack.base && value < stack.top;
  const cls = onStack ? undefined : model.classify(value);
  if (cls && ADDRESS_KINDS[cls.kind].text !== 'never' && !dataInDirectMap(model, value, cls.kind)) return undefined;
  const what = cls ? `${/^[aeiou]/.test(cls.label) ? 'an' : 'a'} ${cls.label} value` : 'an address on this stack';
  return {
    kind: 'no-return-address',
    address: at,
    reason: `the word at ${hex16(at)} (${hex16(value)}) is ${what}, not a return address: no frame record here`,
  };
}

/**
 * A direct-map address where the kernel image is elsewhere (arm64 since 4.6 and its backports: text at
 * ffffff80…, the linear map at ffffffc0…) and no symbol names it: data (an object a saved register
 * pointed to), not a return address. Where the image lies in the linear map (older arm64, ppc64) the
 * layout has no text region apart from it, and the word may be one.
 */
function dataInDirectMap(model: Model, value: bigint, kind: string): boolean {
  if (kind !== 'direct-map' || model.symbols.lookup(value) !== undefined) return false;
  return (
    model.layout?.regions.some((r) => r.kind === 'kernel-text' && (value < r.start || value >= r.end)) === true &&
    !model.layout.regions.some((r) => r.kind === 'kernel-text' && value >= r.start && value < r.end)
  );
}

/** The end where a link (`frame pointer`, `back chain`, `rbp`) leads off the stack the walk is on. */
export function outOfStack(what: string, address: bigint, stack: StackBounds): UnwindStop {
  const reason = `${what} ${hex16(address)} is outside the stack ${hex16(stack.base)}–${hex16(stack.top)}`;
  return { kind: 'out-of-stack', address, reason };
}

/** The note on the last frame before the walk goes on in another stack. */
export function stackSwitchNote(stack: StackBounds): string {
  return `stack switch to the ${stack.kind === 'unknown' ? '' : stack.kind + ' '}stack ${hex16(stack.base)}`;
}

/** The frame fields a code name fills. */
export function named(name: CodeName | undefined): Pick<UnwindFrame, 'function' | 'offset' | 'module'> {
  return { function: name?.function, offset: name?.offset, module: name?.module };
}

/**
 * The frame a walk resumes at when it cannot read its way on: the interrupted context the
 * transcript prints elsewhere (console or crash registers, a pt_regs in another dump), "likely".
 */
export function resumedFrame(
  model: Model,
  level: number,
  context: InterruptedContext,
  frameAddress: bigint | undefined,
  reason: string,
): UnwindFrame {
  return {
    level,
    resumed: true,
    frameAddress,
    pc: context.pc,
    sp: context.sp,
    ...named(nameAt(model, context.pc)),
    source: sourceOf(model, context.pc),
    method: 'exception-frame',
    confidence: 'likely',
    evidence: context.lines,
    notes: [`${reason}: the walk goes on at ${context.what}, the context this stack was interrupted in`],
  };
}

/**
 * Frame 0 of a walk from registers: the pc the start holds, named by `name` (else by the symbol a
 * console printed for it), at the place the architecture's bracket stands for.
 */
export function registersFrame(
  model: Model,
  start: UnwindStart,
  name: CodeName | undefined,
  place: Pick<UnwindFrame, 'frameAddress' | 'sp'>,
): UnwindFrame {
  return {
    level: 0,
    frameAddress: place.frameAddress,
    pc: start.pc,
    sp: place.sp,
    function: name?.function ?? start.pcSymbol?.name,
    offset: name?.offset ?? start.pcSymbol?.offset,
    module: name?.module ?? start.pcSymbol?.module,
    source: start.pc !== undefined ? sourceOf(model, start.pc) : undefined,
    method: start.pcFromStack ? 'scan' : start.pcFromBt ? 'bt-frame' : 'registers',
    confidence: start.pcFromStack ?? 'certain',
    evidence: start.line !== undefined ? [start.line] : [],
    notes: [],
  };
}

/**
 * A frame named by the return address saved for it, judged by its call (`step` bytes before, the
 * architecture's CallConvention.returnToCall): "likely" where only the nearest function start names it.
 */
export function returnFrame(
  model: Model,
  level: number,
  ret: bigint,
  step: bigint,
  place: Pick<UnwindFrame, 'frameAddress' | 'sp' | 'returnAddress'>,
  method: UnwindFrame['method'],
  name = returnName(model, ret, step),
): UnwindFrame {
  return {
    level,
    ...place,
    pc: ret,
    ...named(name),
    source: sourceOf(model, ret, ret - step),
    method,
    confidence: name && !name.confident ? 'likely' : 'certain',
    evidence: name?.line !== undefined ? [name.line] : [],
    notes: [],
  };
}
