// Line/offset bookkeeping shared by every feature: positions are 0-based here,
// the CLI adds one when it prints them. Lines are cut from the text when asked:
// a million live line strings would cost more memory and collector time than
// the text itself.
//
// An edited text is kept in chunks of whole lines, shared with the version before the edit:
// a version costs the chunks the edit touched and the line table, not a copy of the text
// (on 50 MB of two-byte characters a copy is 100 MB and a major collection).
import { firstIndexAtOrAfter, lastIndexAtOrBefore } from './search';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Characters of a chunk an edit splits a text into; a chunk may hold more when a line is longer. */
const CHUNK_CHARS = 1 << 18;

/** The text as chunks of whole lines: each but the last ends with a line break. */
interface Chunks {
  readonly texts: readonly string[];
  /** Characters of the whole text. */
  readonly length: number;
  /** Offset of each chunk's first character. */
  readonly offsets: Uint32Array;
  /** Each chunk's first line. */
  readonly firstLines: Uint32Array;
}

/**
 * Line breaks as LSP positions count them: `\n`, `\r\n` and a bare `\r` (serial-console captures end
 * lines with `\r` alone, or `\r\r\n`). `next` gives the start of each next line, -1 after the last.
 * A line's text is then up to its break's last character, less a `\r` before a `\n`.
 */
class LineBreaks {
  private lf: number;
  private cr: number;

  /** Scans from `at`, which must not be the `\n` of a `\r\n`. */
  constructor(
    private readonly text: string,
    private at: number,
  ) {
    this.lf = text.indexOf('\n', at);
    // Most texts hold no `\r`: then this is the only search for one.
    this.cr = text.indexOf('\r', at);
  }

  next(): number {
    const text = this.text;
    const at = this.at;
    let lf = this.lf;
    if (lf >= 0 && lf < at) this.lf = lf = text.indexOf('\n', at);
    let cr = this.cr;
    if (cr >= 0) {
      if (cr < at) this.cr = cr = text.indexOf('\r', at);
      if (cr >= 0 && (lf < 0 || cr < lf)) return (this.at = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1);
    }
    return lf < 0 ? -1 : (this.at = lf + 1);
  }

  /** Goes on from `at` (not behind where it stands), reusing the searches already made past it. */
  skipTo(at: number): void {
    if (at > this.at) this.at = at;
  }
}

/** A copy of `starts` in an array twice as long. */
function doubled(starts: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(starts.length * 2);
  bigger.set(starts);
  return bigger;
}

/**
 * Adds to `starts[0..count)` the starts of the lines of a text without `\r` after its line feed at
 * `lineFeed` (−1: from the text's start), until the text or `starts` ends: the new count. Found by
 * the loop alone (a call per line cost more), in a function of its own with nothing to run before
 * or after the loop that needs type feedback: code optimised while one text ran the loop lacked it,
 * and deoptimised there on the next text.
 */
function addLineFeedStarts(source: string, starts: Uint32Array, count: number, lineFeed: number): number {
  while (count < starts.length && (lineFeed = source.indexOf('\n', lineFeed + 1)) >= 0) starts[count++] = lineFeed + 1;
  return count;
}

/** Lines as the analysis reads them (Model.line: e-mail quote markers blanked where the parser read one). */
export interface LineSource {
  line(i: number): string;
  readonly lineCount: number;
}

/** Longer lines are no transcript's: the parser leaves them unparsed, and no reader cuts them into records. */
export const MAX_LINE_LENGTH = 20000;

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: Uint32Array;
  readonly lineCount: number;
  /** Characters of the text. */
  readonly length: number;
  private materialized: string[] | undefined;
  /** The text in one string: given, or joined from the chunks when first asked. */
  private whole: string | undefined;
  /** The text in chunks, made on the first edit of a text given whole. */
  private chunks: Chunks | undefined;
  /** The chunk the last line read came from (lines are mostly read in order). */
  private lastChunk = 0;

  /**
   * `knownStarts`, when given, are the line starts of `source` (see `edited`). `chunkChars` is
   * the size of the chunks edits split the text into (tests make it small).
   */
  constructor(
    source: string | Chunks,
    knownStarts?: Uint32Array,
    private readonly chunkChars = CHUNK_CHARS,
  ) {
    if (typeof source === 'string') this.whole = source;
    else this.chunks = source;
    this.length = source.length;
    if (knownStarts) {
      this.starts = knownStarts;
      this.lineCount = knownStarts.length;
      return;
    }
    if (typeof source !== 'string') throw new Error('a text in chunks comes with its line starts');
    // One pass, into a buffer sized for typical lines and grown when the guess was short.
    let starts = new Uint32Array(Math.max(16, (source.length >> 5) + 16));
    let count = 1;
    if (source.indexOf('\r') < 0) {
      // Most texts hold no `\r`: their lines end at each `\n`.
      while ((count = addLineFeedStarts(source, starts, count, starts[count - 1] - 1)) === starts.length)
        starts = doubled(starts);
    } else {
      const breaks = new LineBreaks(source, 0);
      for (let start = breaks.next(); start >= 0; start = breaks.next()) {
        if (count === starts.length) starts = doubled(starts);
        starts[count++] = start;
      }
    }
    this.starts = starts.length === count ? starts : starts.slice(0, count);
    this.lineCount = count;
  }

  /** The whole text as one string (joined once when the text is in chunks: tests and tools). */
  get source(): string {
    this.whole ??= this.chunks!.texts.join('');
    return this.whole;
  }

  /**
   * The index of `source`, a text equal to this one but between its first `head` and last `tail`
   * characters: lines before the edit keep their starts, lines after it are shifted, and only
   * the edited lines are scanned.
   */
  edited(source: string, head: number, tail: number): LineIndex {
    const old = this.starts;
    let first = Math.max(
      0,
      lastIndexAtOrBefore(this.lineCount, (k) => old[k], head),
    );
    // A line after a bare `\r` stops being one when the edit puts a `\n` at its start: scan from the line before.
    if (first > 0 && source.charCodeAt(old[first] - 1) === 13) first--;
    // Lines whose preceding newline lies in the common end are the old ones, shifted.
    const keptOld = firstIndexAtOrAfter(this.lineCount, (k) => old[k], this.length - tail + 1);
    const keptFrom = source.length - tail + 1;
    const scanned: number[] = [];
    const breaks = new LineBreaks(source, old[first]);
    for (let start = breaks.next(); start >= 0 && start < keptFrom; start = breaks.next()) scanned.push(start);
    const starts = new Uint32Array(first + 1 + scanned.length + this.lineCount - keptOld);
    starts.set(old.subarray(0, first + 1));
    starts.set(scanned, first + 1);
    const shift = source.length - this.length;
    for (let k = keptOld, to = first + 1 + scanned.length; k < this.lineCount; k++, to++) starts[to] = old[k] + shift;
    return new LineIndex(source, starts, this.chunkChars);
  }

  /**
   * The text with characters [start, end) replaced by `text`, as an editor applies a change:
   * the new index shares every chunk the change did not touch with this one.
   */
  replaced(start: number, end: number, text: string): LineIndex {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    // A `\r` before the change and a `\n` after it may pair with what it inserts (or lose their pair): it takes them in.
    if (start > 0 && this.charCodeAt(start - 1) === 13) {
      start--;
      text = '\r' + text;
    }
    if (end < this.length && this.charCodeAt(end) === 10) {
      end++;
      text += '\n';
    }
    const chunks = this.chunked();
    const { texts, offsets, firstLines } = chunks;
    const c0 = Math.max(
      0,
      lastIndexAtOrBefore(texts.length, (k) => offsets[k], start),
    );
    const c1 = Math.max(
      c0,
      lastIndexAtOrBefore(texts.length, (k) => offsets[k], end),
    );
    // The touched chunks' new text: whole lines, ending with a line break unless it is the last.
    let middle = texts[c0].slice(0, start - offsets[c0]) + text + texts[c1].slice(end - offsets[c1]);
    let last = c1;
    // A small remainder joins the chunk after it, so that edits do not leave crumbs.
    if (middle.length < this.chunkChars >> 2 && last + 1 < texts.length) middle += texts[++last];
    const delta = text.length - (end - start);
    const length = this.length + delta;

    // Line starts: those up to the change kept, those of the inserted text, those after it shifted.
    const old = this.starts;
    const keptBefore = lastIndexAtOrBefore(this.lineCount, (k) => old[k], start) + 1;
    const keptAfter = firstIndexAtOrAfter(this.lineCount, (k) => old[k], end + 1);
    const added: number[] = [];
    const breaks = new LineBreaks(text, 0);
    for (let at = breaks.next(); at >= 0; at = breaks.next()) added.push(start + at);
    const starts = new Uint32Array(keptBefore + added.length + this.lineCount - keptAfter);
    starts.set(old.subarray(0, keptBefore));
    starts.set(added, keptBefore);
    let to = keptBefore + added.length;
    for (let k = keptAfter; k < this.lineCount; k++) starts[to++] = old[k] + delta;

    // The middle in chunks of about chunkChars, cut after a line break.
    const pieces: string[] = [];
    const pieceOffsets: number[] = [];
    // One scanner over the middle: a new one per piece would search to its end for a `\r` each time.
    const middleBreaks = new LineBreaks(middle, 0);
    for (let from = 0; from < middle.length;) {
      let cut = middle.length;
      if (middle.length - from > 2 * this.chunkChars) {
        middleBreaks.skipTo(from + this.chunkChars - 1);
        const lineStart = middleBreaks.next();
        if (lineStart >= 0) cut = lineStart;
      }
      pieces.push(middle.slice(from, cut));
      pieceOffsets.push(offsets[c0] + from);
      from = cut;
    }
    if (pieces.length === 0 && texts.length === last - c0 + 1) {
      pieces.push('');
      pieceOffsets.push(0);
    }
    const count = texts.length - (last - c0 + 1) + pieces.length;
    const newTexts = texts.slice(0, c0).concat(pieces, texts.slice(last + 1));
    const newOffsets = new Uint32Array(count);
    const newFirstLines = new Uint32Array(count);
    newOffsets.set(offsets.subarray(0, c0));
    newFirstLines.set(firstLines.subarray(0, c0));
    const lineShift = starts.length - this.lineCount;
    for (let k = 0; k < pieces.length; k++) {
      newOffsets[c0 + k] = pieceOffsets[k];
      newFirstLines[c0 + k] = lastIndexAtOrBefore(starts.length, (j) => starts[j], pieceOffsets[k]);
    }
    for (let k = last + 1, at = c0 + pieces.length; k < texts.length; k++, at++) {
      newOffsets[at] = offsets[k] + delta;
      newFirstLines[at] = firstLines[k] + lineShift;
    }
    return new LineIndex({ texts: newTexts, length, offsets: newOffsets, firstLines: newFirstLines }, starts, this.chunkChars);
  }

  /**
   * How many characters this text and `other` (derived from it by edits) share at their start
   * and, after that, at their end: shared chunks count without a look at their characters.
   */
  sameEnds(other: LineIndex): { head: number; tail: number } {
    const a = this.chunked();
    const b = other.chunked();
    let k = 0;
    while (k < a.texts.length && k < b.texts.length && a.texts[k] === b.texts[k]) k++;
    let i = a.texts.length;
    let j = b.texts.length;
    while (i > k && j > k && a.texts[i - 1] === b.texts[j - 1]) {
      i--;
      j--;
    }
    // Between the shared chunks: the chunks the edits made and those they replaced, a few.
    const before = a.texts.slice(k, i).join('');
    const after = b.texts.slice(k, j).join('');
    const head = commonPrefix(before, after);
    const tail = commonSuffix(before, after, Math.min(before.length, after.length) - head);
    const start = k < a.texts.length ? a.offsets[k] : this.length;
    const end = i < a.texts.length ? a.offsets[i] : this.length;
    return { head: start + head, tail: this.length - end + tail };
  }

  /** The text in chunks: made by slicing the whole text (no copy) when it has none yet. */
  private chunked(): Chunks {
    if (this.chunks) return this.chunks;
    const source = this.whole!;
    const texts: string[] = [];
    const offsets: number[] = [];
    const firstLines: number[] = [];
    for (let line = 0; line < this.lineCount;) {
      const from = this.starts[line];
      const next = firstIndexAtOrAfter(this.lineCount, (k) => this.starts[k], from + this.chunkChars);
      const nextLine = Math.max(line + 1, next);
      texts.push(source.slice(from, nextLine < this.lineCount ? this.starts[nextLine] : this.length));
      offsets.push(from);
      firstLines.push(line);
      line = nextLine;
    }
    this.chunks = { texts, length: this.length, offsets: Uint32Array.from(offsets), firstLines: Uint32Array.from(firstLines) };
    return this.chunks;
  }

  /** The chunk holding a line's text; the last one read, when it does. */
  private chunkOf(chunks: Chunks, line: number): number {
    const c = this.lastChunk;
    const firstLines = chunks.firstLines;
    if (firstLines[c] <= line && (c + 1 === firstLines.length || line < firstLines[c + 1])) return c;
    this.lastChunk = lastIndexAtOrBefore(firstLines.length, (k) => firstLines[k], line);
    return this.lastChunk;
  }

  /**
   * The stretch of text holding a line, for a loop that reads lines in place: its characters
   * (the whole text, or the chunk), the offset of its first one and the line after its last.
   */
  segment(line: number): { text: string; offset: number; endLine: number } {
    if (this.whole !== undefined) return { text: this.whole, offset: 0, endLine: this.lineCount };
    const chunks = this.chunks!;
    const c = this.chunkOf(chunks, Math.min(Math.max(line, 0), this.lineCount - 1));
    const endLine = c + 1 < chunks.firstLines.length ? chunks.firstLines[c + 1] : this.lineCount;
    return { text: chunks.texts[c], offset: chunks.offsets[c], endLine };
  }

  /** End of a line's text, before its line break's last character (a `\r` before a `\n` is still in). */
  private lineEnd(i: number): number {
    return i + 1 < this.lineCount ? this.starts[i + 1] - 1 : this.length;
  }

  /** A line's text without its end-of-line characters; '' past the last line. */
  line(i: number): string {
    if (i < 0 || i >= this.lineCount) return '';
    let text: string;
    let start = this.starts[i];
    let end = this.lineEnd(i);
    if (this.whole !== undefined) text = this.whole;
    else {
      const chunks = this.chunks!;
      const c = this.chunkOf(chunks, i);
      text = chunks.texts[c];
      start -= chunks.offsets[c];
      end -= chunks.offsets[c];
    }
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    return text.slice(start, end);
  }

  lineLength(i: number): number {
    if (i < 0 || i >= this.lineCount) return 0;
    const end = this.lineEnd(i);
    return end - this.starts[i] - (end > this.starts[i] && this.charCodeAt(end - 1) === 13 ? 1 : 0);
  }

  /** The character code at an offset (NaN outside the text). */
  private charCodeAt(offset: number): number {
    if (this.whole !== undefined) return this.whole.charCodeAt(offset);
    const chunks = this.chunks!;
    const c = lastIndexAtOrBefore(chunks.offsets.length, (k) => chunks.offsets[k], offset);
    return c < 0 ? NaN : chunks.texts[c].charCodeAt(offset - chunks.offsets[c]);
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

/** Length of the common start of two texts: whole chunks compare natively, characters only in the last one. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 1 << 16; step >= 16; step >>= 4)
    while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common end of two texts, at most `limit`. */
export function commonSuffix(a: string, b: string, limit: number): number {
  limit = Math.min(limit, a.length, b.length);
  let k = 0;
  for (let step = 1 << 16; step >= 16; step >>= 4) {
    while (k + step <= limit && a.slice(a.length - k - step, a.length - k) === b.slice(b.length - k - step, b.length - k))
      k += step;
  }
  while (k < limit && a.charCodeAt(a.length - 1 - k) === b.charCodeAt(b.length - 1 - k)) k++;
  return k;
}

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}
