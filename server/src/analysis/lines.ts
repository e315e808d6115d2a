// Line/offset bookkeeping shared by every feature: positions are 0-based here,
// the CLI adds one when it prints them. Lines are cut from the text when asked:
// a million live line strings would cost more memory and collector time than
// the text itself.
import { firstIndexAtOrAfter, lastIndexAtOrBefore } from './search';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: Uint32Array;
  readonly lineCount: number;
  private materialized: string[] | undefined;

  /** `knownStarts`, when given, are the line starts of `source` (see `edited`). */
  constructor(
    readonly source: string,
    knownStarts?: Uint32Array,
  ) {
    if (knownStarts) {
      this.starts = knownStarts;
      this.lineCount = knownStarts.length;
      return;
    }
    // One pass, into a buffer sized for typical lines and grown when the guess was short.
    let starts = new Uint32Array(Math.max(16, (source.length >> 5) + 16));
    let count = 1;
    for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) {
      if (count === starts.length) {
        const bigger = new Uint32Array(starts.length * 2);
        bigger.set(starts);
        starts = bigger;
      }
      starts[count++] = at + 1;
    }
    this.starts = starts.length === count ? starts : starts.slice(0, count);
    this.lineCount = count;
  }

  /**
   * The index of `source`, a text equal to this one but between its first `head` and last `tail`
   * characters: lines before the edit keep their starts, lines after it are shifted, and only
   * the edited lines are scanned.
   */
  edited(source: string, head: number, tail: number): LineIndex {
    const old = this.starts;
    const first = Math.max(
      0,
      lastIndexAtOrBefore(this.lineCount, (k) => old[k], head),
    );
    // Lines whose preceding newline lies in the common end are the old ones, shifted.
    const keptOld = firstIndexAtOrAfter(this.lineCount, (k) => old[k], this.source.length - tail + 1);
    const keptFrom = source.length - tail + 1;
    const scanned: number[] = [];
    for (let at = source.indexOf('\n', old[first]); at >= 0 && at + 1 < keptFrom; at = source.indexOf('\n', at + 1))
      scanned.push(at + 1);
    const starts = new Uint32Array(first + 1 + scanned.length + this.lineCount - keptOld);
    starts.set(old.subarray(0, first + 1));
    starts.set(scanned, first + 1);
    const shift = source.length - this.source.length;
    for (let k = keptOld, to = first + 1 + scanned.length; k < this.lineCount; k++, to++) starts[to] = old[k] + shift;
    return new LineIndex(source, starts);
  }

  /** End of a line's text, before its `\n` and a trailing CR. */
  private lineEnd(i: number): number {
    let end = i + 1 < this.lineCount ? this.starts[i + 1] - 1 : this.source.length;
    if (end > this.starts[i] && this.source.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** A line's text without its end-of-line characters; '' past the last line. */
  line(i: number): string {
    if (i < 0 || i >= this.lineCount) return '';
    return this.source.slice(this.starts[i], this.lineEnd(i));
  }

  lineLength(i: number): number {
    if (i < 0 || i >= this.lineCount) return 0;
    return this.lineEnd(i) - this.starts[i];
  }

  /** Every line as an array, made on first use (tests and tools; features read `line`). */
  get lines(): string[] {
    if (!this.materialized) {
      const lines = new Array<string>(this.lineCount);
      for (let i = 0; i < this.lineCount; i++) lines[i] = this.line(i);
      this.materialized = lines;
    }
    return this.materialized;
  }

  offsetAt(position: Position): number {
    const line = Math.min(Math.max(position.line, 0), this.lineCount - 1);
    const character = Math.min(Math.max(position.character, 0), this.lineLength(line));
    return this.starts[line] + character;
  }

  positionAt(offset: number): Position {
    const line = Math.max(
      0,
      lastIndexAtOrBefore(this.lineCount, (i) => this.starts[i], offset),
    );
    return { line, character: Math.min(Math.max(0, offset - this.starts[line]), this.lineLength(line)) };
  }
}

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
