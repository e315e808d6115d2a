// A stretch of a text as bytes, one per character, for the dump-line parser. Reading a character
// from a byte array costs a bounds check and a load; `charCodeAt` on a string also finds out, for
// every character, what kind of string it is (sequential, sliced, cons, one or two bytes a
// character), and on a dump line of 48 hex digits that was most of the parser's work.
// TextEncoder copies an ASCII stretch in bulk (UTF-8 is ASCII there) far faster than any loop.

/** Characters encoded at once: the window moves along the text in steps of this size. */
const WINDOW = 1 << 16;
/** The least a window shrinks to after meeting a non-ASCII character (see `size`). */
const MIN_WINDOW = 1 << 10;
/** What a non-ASCII character reads as: no hex digit, blank or punctuation any parser looks for. */
const NON_ASCII = 0x80;

const encoder = new TextEncoder();

export class AsciiWindow {
  /** bytes[k] holds the character at text offset `start + k`, for offsets in [start, end). */
  bytes = new Uint8Array(WINDOW);
  /** The same bytes, to read four at once. */
  view = new DataView(this.bytes.buffer);
  start = 0;
  private end = 0;
  private source = '';
  /**
   * Characters the next window encodes. After a non-ASCII character it shrinks to about where that
   * was, then doubles back on ASCII stretches: text with such a character on every line (a note in
   * another script) must not cost a whole window's encoding per line.
   */
  private size = WINDOW;

  /** Makes source[begin, end) readable as bytes[begin - start, end - start). */
  cover(source: string, begin: number, end: number): void {
    if (begin >= this.start && end <= this.end && source === this.source) return;
    this.source = source;
    this.start = begin;
    if (end - begin > this.bytes.length) {
      this.bytes = new Uint8Array(end - begin);
      this.view = new DataView(this.bytes.buffer);
    }
    const bytes = this.bytes;
    const { read, written } = encoder.encodeInto(source.substring(begin, begin + Math.max(this.size, end - begin)), bytes);
    if (read === written) {
      // All ASCII: each character became one byte.
      this.end = begin + read;
      this.size = Math.min(WINDOW, this.size * 2);
      return;
    }
    let ascii = 0;
    while (bytes[ascii] < 0x80) ascii++;
    this.end = begin + ascii;
    this.size = Math.max(MIN_WINDOW, ascii * 2);
    if (end <= this.end) return;
    // The line itself holds a non-ASCII character: it alone is copied, character by character.
    for (let k = begin; k < end; k++) {
      const c = source.charCodeAt(k);
      bytes[k - begin] = c < 0x80 ? c : NON_ASCII;
    }
    this.end = end;
  }

  /** Lets go of the text (a window kept between uses must not keep a closed document's text alive). */
  release(): void {
    this.source = '';
    this.start = this.end = 0;
  }
}
