// The stack picture as it crosses the wire (server → extension → webview). A 64 KiB stack
// is 8,192 rows; as objects with hex addresses that is about 115 bytes a row, and each hop
// (the LSP pipe, code-server's socket, the webview's postMessage) pays for it before the
// first paint. Most rows are plain dumped words whose address follows from the row above,
// so the wire carries per slot only its value, line and column; roles, labels and commands
// travel for the few rows that have them, and the frame a slot lies in follows from the
// boxes. `unpackPicture(packPicture(p))` is `p` again. No imports at run time: the webview
// bundles this file.
import type { GapRow, PictureRow, SlotRow, StackAxis, StackPicture } from '../../server/src/analysis/stackPicture/types';

/** A row's fields beyond what the wire carries for every slot. */
export type RowExtra = Partial<Pick<SlotRow, 'role' | 'label' | 'command' | 'stop'>> & Partial<Pick<GapRow, 'command'>>;

export interface PackedAxis extends Omit<StackAxis, 'rows'> {
  /** Rows from the top down as pairs [words of a gap row (0: none), slots after it]: addresses follow from `top`. */
  runs: number[];
  /** Each slot's value as 16 hex digits, `-` × 16 where it was not dumped. */
  values: string;
  /** Each slot's transcript line as the difference from the previous slot's (`null`: none). */
  lines: (number | null)[];
  /** Each slot's column (`-1`: none). */
  columns: number[];
  /** Row index → what a row has beyond a plain word (role other than `word`, label, command, stop). */
  extras: [number, RowExtra][];
}

export interface PackedPicture extends Omit<StackPicture, 'axes'> {
  axes: PackedAxis[];
}

const NOT_DUMPED = '----------------';

export function packPicture(picture: StackPicture): PackedPicture {
  return { ...picture, axes: picture.axes.map(packAxis) };
}

function packAxis(axis: StackAxis): PackedAxis {
  const { rows, ...rest } = axis;
  const runs: number[] = [];
  const values: string[] = [];
  const lines: (number | null)[] = [];
  const columns: number[] = [];
  const extras: [number, RowExtra][] = [];
  let lastLine = 0;
  let slots = 0;
  let gapWords = 0;
  rows.forEach((row, r) => {
    if (row.kind === 'gap') {
      if (gapWords > 0 || slots > 0) runs.push(gapWords, slots);
      slots = 0;
      gapWords = row.words;
      const extra: RowExtra = {};
      if (row.command !== defaultGapCommand(row.from, row.words)) extra.command = row.command;
      if (row.stop) extra.stop = true;
      if (Object.keys(extra).length > 0) extras.push([r, extra]);
      return;
    }
    slots++;
    values.push(row.value ?? NOT_DUMPED);
    if (row.line === undefined) lines.push(null);
    else {
      lines.push(row.line - lastLine);
      lastLine = row.line;
    }
    columns.push(row.column ?? -1);
    const extra: RowExtra = {};
    if (row.role !== 'word') extra.role = row.role;
    if (row.label !== undefined) extra.label = row.label;
    if (row.command !== undefined) extra.command = row.command;
    if (row.stop) extra.stop = true;
    if (Object.keys(extra).length > 0) extras.push([r, extra]);
  });
  if (slots > 0 || gapWords > 0) runs.push(gapWords, slots);
  return { ...rest, runs, values: values.join(''), lines, columns, extras };
}

/** Rows an axis's runs stand for: one per gap, one per slot. */
export function runRows(runs: number[]): number {
  let rows = 0;
  for (let k = 0; k + 1 < runs.length; k += 2) rows += (runs[k] > 0 ? 1 : 0) + runs[k + 1];
  return rows;
}

/**
 * The picture with only the first `keep` rows of each axis (boxes, arrows and marks whole), or
 * the picture itself when no axis has more:
 * what a new page needs for its first screen, which shows the top of the strip. A cut axis
 * says how many rows it has in all (`rowTotal`), so the page lays out the whole strip at once
 * and the whole picture, following it, fills the rows in place.
 */
export function firstRows(packed: PackedPicture, keep: number): PackedPicture {
  const axes = packed.axes.map((axis) => cutAxis(axis, keep));
  return axes.every((axis, a) => axis === packed.axes[a]) ? packed : { ...packed, axes };
}

function cutAxis(axis: PackedAxis, keep: number): PackedAxis {
  const total = runRows(axis.runs);
  if (total <= keep) return axis;
  const runs: number[] = [];
  let rows = 0;
  let slots = 0;
  for (let k = 0; k + 1 < axis.runs.length && rows < keep; k += 2) {
    const gapWords = axis.runs[k];
    if (gapWords > 0) rows++;
    const taken = Math.min(axis.runs[k + 1], keep - rows);
    runs.push(gapWords, taken);
    rows += taken;
    slots += taken;
  }
  return {
    ...axis,
    runs,
    values: axis.values.slice(0, slots * 16),
    lines: axis.lines.slice(0, slots),
    columns: axis.columns.slice(0, slots),
    extras: axis.extras.filter(([row]) => row < rows),
    rowTotal: total,
  };
}

/** The command a gap carries unless the walk stopped in it. */
function defaultGapCommand(from: string, words: number): string {
  return `rd -x ${from} ${words}`;
}

/**
 * The picture again, rows as objects. Throws on a packing that does not add up (the
 * webview checks what it receives: a throw there means the message is dropped).
 */
export function unpackPicture(packed: PackedPicture): StackPicture {
  return { ...packed, axes: packed.axes.map(unpackAxis) };
}

function unpackAxis(packed: PackedAxis): StackAxis {
  const { runs, values, lines, columns, extras, ...rest } = packed;
  const rows: PictureRow[] = [];
  const extraAt = new Map(extras);
  let address = BigInt('0x' + packed.top);
  let slot = 0;
  let line = 0;
  if (runs.length % 2 !== 0) throw new Error('odd runs');
  for (let k = 0; k < runs.length; k += 2) {
    const [gapWords, slots] = [runs[k], runs[k + 1]];
    if (gapWords > 0) {
      const extra = extraAt.get(rows.length);
      const to = address;
      address -= BigInt(gapWords) * 8n;
      const from = hex16(address);
      const gap: GapRow = {
        kind: 'gap',
        from,
        to: hex16(to),
        words: gapWords,
        command: extra?.command ?? defaultGapCommand(from, gapWords),
      };
      if (extra?.stop) gap.stop = true;
      rows.push(gap);
    }
    for (let s = 0; s < slots; s++, slot++) {
      address -= 8n;
      const value = values.slice(slot * 16, slot * 16 + 16);
      if (value.length !== 16) throw new Error('values too short');
      const row: SlotRow = { kind: 'slot', address: hex16(address), role: 'word' };
      if (value !== NOT_DUMPED) row.value = value;
      const delta = lines[slot];
      if (delta !== null && delta !== undefined) {
        line += delta;
        row.line = line;
      }
      if (columns[slot] >= 0) row.column = columns[slot];
      const extra = extraAt.get(rows.length);
      if (extra) Object.assign(row, extra);
      rows.push(row);
    }
  }
  // The frame a slot lies in: the first box spanning it, as the layout placed them.
  packed.frames.forEach((box, index) => {
    for (let r = box.topRow; r <= box.bottomRow && r < rows.length; r++) {
      const row = rows[r];
      if (row.kind === 'slot' && row.frame === undefined) row.frame = index;
    }
  });
  return { ...rest, rows };
}

function hex16(value: bigint): string {
  return value.toString(16).padStart(16, '0');
}
