// Where each part of a stack picture goes on one vertical strip: the axes one below
// the other (each under a two-row header), rows at fixed height, and the lanes of the
// left gutter where frame-pointer arrows and stack switches run. Shared by the
// webview's drawing and the SVG export; no DOM, no VS Code.
import type { StackPicture } from '../../../protocol/src';

export const HEADER_ROWS = 2;

export interface Arrow {
  kind: 'link' | 'switch';
  /** Global rows the arrow leaves and reaches. */
  from: number;
  to: number;
  lane: number;
  label?: string;
}

export interface PictureLayout {
  /** Global row of each axis's first row (its header is the HEADER_ROWS rows above). */
  offsets: number[];
  /** Rows in the strip, headers included. */
  total: number;
  arrows: Arrow[];
  lanes: number;
  /** Global rows of each transcript line (for the editor's cursor). */
  rowsByLine: Map<number, number[]>;
  /** Axis and row of a global row; undefined on header rows and rows not received yet. */
  at(global: number): { axis: number; row: number } | undefined;
}

export function layoutPicture(picture: StackPicture): PictureLayout {
  const offsets: number[] = [];
  let total = 0;
  for (const axis of picture.axes) {
    offsets.push(total + HEADER_ROWS);
    // A picture cut to its first rows takes the room of the whole one: the rest fills it in place.
    total += HEADER_ROWS + (axis.rowTotal ?? axis.rows.length);
  }
  const arrows: Arrow[] = [];
  picture.axes.forEach((axis, a) => {
    for (const link of axis.links)
      arrows.push({ kind: 'link', from: offsets[a] + link.fromRow, to: offsets[a] + link.toRow, lane: 0 });
  });
  for (const s of picture.switches)
    arrows.push({
      kind: 'switch',
      from: offsets[s.fromAxis] + s.fromRow,
      to: offsets[s.toAxis] + s.toRow,
      lane: 0,
      label: s.label,
    });
  const lanes = assignLanes(arrows);
  const rowsByLine = new Map<number, number[]>();
  picture.axes.forEach((axis, a) => {
    axis.rows.forEach((row, r) => {
      if (row.kind !== 'slot' || row.line === undefined) return;
      const list = rowsByLine.get(row.line);
      if (list) list.push(offsets[a] + r);
      else rowsByLine.set(row.line, [offsets[a] + r]);
    });
  });
  return {
    offsets,
    total,
    arrows,
    lanes,
    rowsByLine,
    at(global) {
      for (let a = offsets.length - 1; a >= 0; a--) {
        if (global >= offsets[a]) {
          const row = global - offsets[a];
          return row < picture.axes[a].rows.length ? { axis: a, row } : undefined;
        }
      }
      return undefined;
    },
  };
}

/**
 * Greedy interval colouring: each arrow takes the innermost lane free over its span
 * (arrows that only touch at an end share a lane, as a frame chain does). Switches
 * go outside every link. Returns the number of lanes used.
 */
function assignLanes(arrows: Arrow[]): number {
  const byLength = [...arrows].sort((x, y) => Math.abs(x.from - x.to) - Math.abs(y.from - y.to));
  const taken: [number, number][][] = [];
  const place = (arrow: Arrow, firstLane: number) => {
    const low = Math.min(arrow.from, arrow.to);
    const high = Math.max(arrow.from, arrow.to);
    for (let lane = firstLane; ; lane++) {
      const spans = (taken[lane] ??= []);
      if (spans.every(([l, h]) => high <= l || low >= h)) {
        spans.push([low, high]);
        arrow.lane = lane;
        return;
      }
    }
  };
  for (const arrow of byLength) if (arrow.kind === 'link') place(arrow, 0);
  const outside = taken.length;
  for (const arrow of byLength) if (arrow.kind === 'switch') place(arrow, outside);
  return Math.max(1, taken.length);
}
