// Plain data of a frame walk: what each frame is, how it was found, why the walk stopped.
import type { Arch, SourceLine, SymbolRef } from '../types';

/**
 * How a frame was found (design.md §5). `registers` and `bt-frame` are the start itself (its pc from
 * registers, or a frame crash's bt printed); `back-chain`: s390x/ppc64 saved stack pointers.
 */
export type UnwindMethod =
  'registers' | 'bt-frame' | 'frame-record' | 'rbp-chain' | 'back-chain' | 'prologue' | 'exception-frame' | 'scan';

/** `certain`: read from memory by the architecture's rules; `likely`: checked against code; `guess`: a scan hit. */
export type Confidence = 'certain' | 'likely' | 'guess';

export interface UnwindStart {
  /** arm64 x29 / x86_64 rbp: walk frame records (rbp chain on x86_64). */
  fp?: bigint;
  /** x86_64 stack pointer at `pc` (walk by frame sizes). */
  sp?: bigint;
  pc?: bigint;
  /** Symbolic pc when only `func+0x../0x..` is known (console `RIP:`/`pc :`). */
  pcSymbol?: SymbolRef;
  /** Link register at the start (riscv64 ra, ppc64 LR): the return address of a function that has not saved it yet. */
  lr?: bigint;
  /** The symbol crash printed beside the LR (arm64 exception frames: `LR: … [ext4_i_callback+24]`). */
  lrSymbol?: SymbolRef;
  /** x86_64 rbp value at the start (frame-pointer functions need it). */
  rbp?: bigint;
  /** x86_64: the stack slot holding the return address into `pc` (a `bt` frame's bracket). */
  slot?: bigint;
  arch?: Arch;
  /** Line the start came from (0-based). */
  line?: number;
  /** Label for titles ("x29 ffffffc0427f3950"). */
  label?: string;
  /** How a typed address was read (frame-pointer chain or return slot plus scan) and why. */
  choice?: string;
  /**
   * How sure the start's pc is when a stack word gave it (a return address at the chosen slot, or the
   * first one above it): frame 0 is then a scan's finding, not the registers'.
   */
  pcFromStack?: Confidence;
  /** The start is a frame of crash's bt (its slot and address): frame 0 is that frame, not registers. */
  pcFromBt?: boolean;
  /** The start is a stack word a person chose (a dump line's lens, a typed address), not registers nor a bt frame. */
  fromStackWord?: boolean;
}

/** Whether a frame is the walk's start itself (no record or slot of the walk's own led to it). */
export function isStartFrame(frame: Pick<UnwindFrame, 'method'>): boolean {
  return frame.method === 'registers' || frame.method === 'bt-frame';
}

export interface BtAgreement {
  status: 'agrees' | 'differs' | 'absent';
  level?: number;
  function?: string;
  line?: number;
  /** This is the first place where walk and `bt` part. */
  first?: boolean;
}

export interface UnwindFrame {
  level: number;
  /** Placed by registers printed elsewhere where the memory ran out: the stack between it and the frame before was not read. */
  resumed?: boolean;
  /** arm64: the frame-record address (x29, crash's bracket); x86_64: the stack slot of the return address. */
  frameAddress?: bigint;
  /** LR / return address as read from the stack (PAC bits kept). */
  returnAddress?: bigint;
  /** Code address in this frame's function: the pc (frame 0, exception frames) or the return address. */
  pc?: bigint;
  /** x86_64: stack pointer inside this frame (just above the return slot). */
  sp?: bigint;
  function?: string;
  /** Offset of `pc` in `function`. */
  offset?: number;
  module?: string;
  source?: SourceLine;
  method: UnwindMethod;
  confidence: Confidence;
  /** Transcript lines (0-based) the frame was read from. */
  evidence: number[];
  notes: string[];
  bt?: BtAgreement;
  /** The walk reached this frame by leaving one stack for another (IRQ → task): the word read and where it led. */
  stackSwitch?: StackSwitchStep;
}

export interface StackSwitchStep {
  /** The word that links the stacks (x86_64: the top of the IRQ stack), when the walk read one. */
  from?: bigint;
  /** The stack pointer on the other stack. */
  to: bigint;
  label: string;
  confidence: Confidence;
  /** Transcript line of the linking word (or of the registers the walk resumed at). */
  line?: number;
}

export type StopKind =
  | 'end'
  | 'null'
  | 'loop'
  | 'out-of-stack'
  | 'misaligned'
  | 'not-increasing'
  | 'missing-memory'
  | 'not-text'
  | 'user-mode'
  | 'no-return-address'
  | 'limit'
  | 'no-start';

export interface UnwindStop {
  kind: StopKind;
  reason: string;
  address?: bigint;
  /** The crash command whose output, pasted into the transcript, lets the walk go on. */
  command?: string;
}

/** A frame of the transcript's own `bt` the walk did not find (crash shows a frame where the walk has none). */
export interface BtExtraFrame {
  level: number;
  function: string;
  stackAddress: bigint;
  line: number;
  first?: boolean;
}

export interface BtComparison {
  /** Line of the `bt` header (or first frame) compared against. */
  line: number;
  extra: BtExtraFrame[];
  /** Levels of bt frames in a stretch the walk jumped over (resumed at a register block above): not compared. */
  notCompared: number[];
  /** Human words for the first difference, when there is one. */
  firstDifference?: string;
}

export interface UnwindResult {
  arch: Arch;
  start: UnwindStart;
  frames: UnwindFrame[];
  stop: UnwindStop;
  /** Commands that would name or size frames the walk could only guess (`dis -l ADDR`, `dis FUNC`). */
  commands: string[];
  bt?: BtComparison;
}

/** Bound on every walk, whatever the input. */
export const MAX_FRAMES = 512;

/** What a walker hands back: frames, why it stopped, the crash commands that would take it further. */
export interface WalkOutput {
  frames: UnwindFrame[];
  stop: UnwindStop;
  commands: string[];
}
