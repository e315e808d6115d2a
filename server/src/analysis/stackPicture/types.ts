// The stack as a picture (issue 15): plain JSON data, addresses as 16-digit hex
// strings, so the same object crosses the protocol, feeds the webview and the
// ASCII drawing. Rows run from high addresses (top of the picture) to low ones,
// the way kernel engineers draw a stack.
import type { Arch } from '../types';
import type { Confidence, UnwindMethod } from '../unwind/types';

export type AxisKind = 'task' | 'irq' | 'exception' | 'overflow' | 'unknown';

/** What a dumped word is in the walk. */
export type SlotRole = 'return' | 'saved-fp' | 'pt-regs' | 'stale' | 'word';

export interface SlotRow {
  kind: 'slot';
  address: string;
  /** The word's value; absent when the slot is a frame anchor the transcript did not dump. */
  value?: string;
  role: SlotRole;
  /** Short words beside the slot: `LR → panic+692`, `saved x29 → ffffffc0427f3460`, `pt_regs.ip`. */
  label?: string;
  /** Transcript line (0-based) and column of the word; absent when not dumped. */
  line?: number;
  column?: number;
  /** Index into `frames` of the box the slot lies in. */
  frame?: number;
  /** Not dumped: the `crash` command that shows it. */
  command?: string;
  /** The walk stopped here for want of this word. */
  stop?: boolean;
}

export interface GapRow {
  kind: 'gap';
  /** First missing address and the end of the gap (exclusive). */
  from: string;
  to: string;
  words: number;
  /** The `crash` command whose output fills the gap. */
  command: string;
  /** The walk stopped here for want of this memory. */
  stop?: boolean;
}

export type PictureRow = SlotRow | GapRow;

export interface PtRegsBox {
  /** Rows spanned (top = higher address, so `topRow <= bottomRow`). */
  topRow: number;
  bottomRow: number;
  address: string;
  registers: { name: string; value: string }[];
  line?: number;
  /** Some registers are not dumped: the `crash` command that shows them all. */
  command?: string;
}

export interface FrameBox {
  /** Walk level (`#N`). */
  level: number;
  /** `func+off`, or `?` when the code is not in the transcript. */
  name: string;
  module?: string;
  method: UnwindMethod;
  confidence: Confidence;
  /** Human words for how it was found and how sure: `frame record, certain`. */
  how: string;
  topRow: number;
  bottomRow: number;
  /** Transcript line the frame came from (its evidence). */
  line?: number;
  /** Row of the slot that named it (return address / LR), when on this axis. */
  returnRow?: number;
  notes: string[];
  /** Agreement with the transcript's own `bt`. */
  bt?: { status: 'agrees' | 'differs' | 'absent'; text: string; first: boolean };
}

/** A frame of crash's `bt`, placed at its slot beside the walk's boxes. */
export interface BtMark {
  level: number;
  function: string;
  row: number;
  line: number;
  /** The walk has a frame here with the same function. */
  agrees: boolean;
  first: boolean;
}

/** An arrow between rows of one axis: a saved frame pointer to the record it points at. */
export interface LinkArrow {
  fromRow: number;
  toRow: number;
  kind: 'frame-pointer';
}

export interface StackAxis {
  kind: AxisKind;
  label: string;
  base: string;
  top: string;
  /** The transcript showed this stack's range (else it is the aligned 16 KiB around the walk). */
  known: boolean;
  rows: PictureRow[];
  /**
   * Rows in the whole axis when `rows` holds only its first ones (a new page's first screen,
   * the whole picture following it): the strip keeps its height, and the rest fills it in place.
   */
  rowTotal?: number;
  frames: FrameBox[];
  ptRegs: PtRegsBox[];
  bt: BtMark[];
  links: LinkArrow[];
}

/** The walk leaves one axis for another (IRQ stack → interrupted task stack). */
export interface StackSwitch {
  fromAxis: number;
  fromRow: number;
  toAxis: number;
  toRow: number;
  label: string;
}

export interface StackPicture {
  arch: Arch;
  title: string;
  /** Line the picture was drawn for (the start of the walk). */
  line?: number;
  axes: StackAxis[];
  switches: StackSwitch[];
  /** Where the walk and crash's `bt` first part, in words. */
  firstDifference?: string;
  btLine?: number;
  stop: { reason: string; command?: string };
  /** Commands that would name or size frames the walk could only guess. */
  commands: string[];
  /** Rows in all axes (the webview sizes its drawing from it). */
  rowCount: number;
}
