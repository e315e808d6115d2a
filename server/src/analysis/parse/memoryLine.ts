// Memory dump lines: `ffffffc0427f33b0:  ffffffc0427f33e0 ffffffc008fb9754` (rd, bt -f,
// search), gdb `0xffff80001358e730:     0xffff80001358e814      0xffff00ff9ed2cce8`,
// rd -s / bt -F symbolic words, hand annotations (`0072006900560318[rbp]`,
// `0xffff80000907208c<i40e_lan_xmit_frame+68>`), and two search columns side by side.
// This is the hottest loop of the parser: it reads the line's characters from bytes (asciiWindow.ts),
// hex words four digits at a time, keeps each 64-bit number as two 32-bit halves in int32
// arithmetic, and allocates nothing but the text of a symbolic word.
import { HEX_DIGITS as HEX } from '../hex';
import { AsciiWindow } from './asciiWindow';

export interface MemorySink {
  /** Halves are unsigned 32-bit numbers. */
  word(addrHi: number, addrLo: number, valHi: number, valLo: number, width: number, column: number): void;
  symbolic(addrHi: number, addrLo: number, text: string, column: number): void;
}

// A slab pointer's cache may carry its memory cgroup: `[ffff8880b6a43ec8:nfs_inode_cache(198:serial-getty@ttyS0.service)]`.
const SYMBOLIC = /^(?:[A-Za-z_.$][\w.$]*(?:\+\d+)?|\[[\w.:()@/-]+\])$/;
const SLAB_POINTER = /^\[([0-9a-fA-F]{1,16}):[^\]]+\]$/;
const SYMBOL_OFFSET = /^[A-Za-z_.$][\w.$]*\+\d+$/;

const SPACE = 32;
const TAB = 9;
const ZERO = 48;
const X = 120;
const COLON = 58;
const LESS = 60;
const GREATER = 62;
const BRACKET = 91;

/** The window of the parsers that read one line at a time (hovers, tokens): they never nest. */
const lineWindow = new AsciiWindow();

/**
 * Parses a dump line; returns the number of words found, or -1 when the line
 * is not a dump line at all. `allowSymbolic` admits rd -s / bt -F words;
 * `fixedWidth` (bytes) comes from `rd -8/-16/-32`. [begin, end) may be one line of a whole
 * transcript: nothing past `end` is read.
 */
export function parseMemoryLine(
  text: string,
  sink: MemorySink,
  allowSymbolic: boolean,
  fixedWidth = 0,
  begin = 0,
  end = text.length,
): number {
  lineWindow.cover(text, begin, end);
  const words = parseDumpBytes(lineWindow, text, begin, end, sink, allowSymbolic, fixedWidth);
  lineWindow.release();
  return words;
}

/** parseMemoryLine on text[begin, end), read from `window`, which covers it. */
export function parseDumpBytes(
  window: AsciiWindow,
  text: string,
  begin: number,
  end: number,
  sink: MemorySink,
  allowSymbolic: boolean,
  fixedWidth: number,
): number {
  const bytes = window.bytes;
  // Byte k is the text's character at k + shift.
  const shift = window.start;
  const from = begin - shift;
  const n = end - shift;
  let i = from;
  while (i < n && isBlank(bytes[i])) i++;
  let words = 0;
  while (i < n) {
    // Address column.
    let gdb = false;
    if (bytes[i] === ZERO && i + 1 < n && bytes[i + 1] === X) {
      i += 2;
      gdb = true;
    }
    const addrStart = i;
    i = readHex(window, i, n);
    let addrHi = halves[0];
    let addrLo = halves[1];
    const digits = i - addrStart;
    if (digits < 7 || digits > 16) return words > 0 ? words : -1;
    if (gdb && i + 1 < n && bytes[i] === SPACE && bytes[i + 1] === LESS) {
      let close = i + 2;
      while (close < n && bytes[close] !== GREATER) close++;
      if (close >= n) return words > 0 ? words : -1;
      i = close + 1;
    }
    if (i >= n || bytes[i] !== COLON) return words > 0 ? words : -1;
    i++;
    if (i < n && !isBlank(bytes[i])) return words > 0 ? words : -1;
    let used = 0;
    let nextColumn = false;
    while (i < n) {
      while (i < n && isBlank(bytes[i])) i++;
      if (i >= n) break;
      const tokenStart = i;
      let j = i;
      if (bytes[j] === ZERO && j + 1 < n && bytes[j + 1] === X) j += 2;
      const valueStart = j;
      const valueEnd = readHex(window, j, n);
      const valHi = halves[0];
      const valLo = halves[1];
      const len = valueEnd - valueStart;
      const next = valueEnd < n ? bytes[valueEnd] : SPACE;
      if (next === COLON && len >= 7) {
        // A second address column (search output side by side).
        i = tokenStart;
        nextColumn = true;
        break;
      }
      const annotated = next === BRACKET || next === LESS; // `[` or `<` right after the word
      if (
        len > 0 &&
        (isBlank(next) || annotated || valueEnd === n) &&
        (len === 16 || len === 8 || len === 4 || len === 2 || (valueStart > tokenStart && len <= 16))
      ) {
        const width = fixedWidth || (len > 8 ? 8 : len > 4 ? 4 : len > 2 ? 2 : 1);
        if (used + width > 16) return words;
        sink.word(addrHi >>> 0, addrLo >>> 0, valHi >>> 0, valLo >>> 0, width, tokenStart - from);
        words++;
        used += width;
        const lo = (addrLo + width) | 0;
        if (lo >>> 0 < addrLo >>> 0) addrHi = (addrHi + 1) | 0;
        addrLo = lo;
        i = valueEnd;
        if (annotated) while (i < n && !isBlank(bytes[i])) i++;
        continue;
      }
      // Symbolic words are as wide as the addresses' words: 4 bytes on 32-bit dumps.
      const step = fixedWidth || (digits > 8 ? 8 : 4);
      if (used + step > 16) return words;
      let tokenEnd = i;
      while (tokenEnd < n && !isBlank(bytes[tokenEnd])) tokenEnd++;
      const token = text.slice(i + shift, tokenEnd + shift);
      // `bt -FF`/`rd -SS` show the value too: `[ffff81007e020380:files_cache]`. Only they print that
      // shape, and only -F/-s print `func+1636` (decimal offset) where a word goes, so a bare pasted
      // `bt -F` (no prompt naming -F) reads symbolic from such a word on.
      const slab = SLAB_POINTER.exec(token);
      if (slab || SYMBOL_OFFSET.test(token)) allowSymbolic = true;
      if (!allowSymbolic || !SYMBOLIC.test(token)) return words;
      sink.symbolic(addrHi >>> 0, addrLo >>> 0, token, tokenStart - from);
      if (slab) {
        const value = slab[1].padStart(16, '0');
        const hi = parseInt(value.slice(0, 8), 16);
        const lo = parseInt(value.slice(8), 16);
        sink.word(addrHi >>> 0, addrLo >>> 0, hi, lo, step, tokenStart - from);
      }
      words++;
      used += step;
      const lo = (addrLo + step) | 0;
      if (lo >>> 0 < addrLo >>> 0) addrHi = (addrHi + 1) | 0;
      addrLo = lo;
      i = tokenEnd;
    }
    if (!nextColumn) break;
  }
  return words;
}

/** The number read16 or readHex read last, as 32-bit halves (high, low; signed: `>>> 0` makes them unsigned). */
const halves = new Int32Array(6);

/**
 * Reads the 16 characters at `at` as hex digits into halves[slot], halves[slot + 1], four at a
 * time; false when one of them is no hex digit.
 */
function read16(view: DataView, at: number, slot: number): boolean {
  let hi = 0;
  let lo = 0;
  let invalid = 0;
  for (let k = at; k < at + 16; k += 4) {
    const quad = hexQuad(view.getInt32(k, true));
    invalid |= quad;
    hi = (hi << 16) | (lo >>> 16);
    lo = (lo << 16) | quad;
  }
  halves[slot] = hi;
  halves[slot + 1] = lo;
  return invalid >= 0;
}

/**
 * Reads the hex digits at `at` (up to `n`) into halves[0], halves[1]; returns where they end.
 * Only the last 16 digits count. Words of 16 digits, nearly all of a dump, are read four digits at a time.
 */
function readHex(window: AsciiWindow, at: number, n: number): number {
  if (at + 16 <= n && (at + 16 === n || HEX[window.bytes[at + 16]] < 0) && read16(window.view, at, 0)) return at + 16;
  return readHexDigits(window.bytes, at, n);
}

/** readHex one digit at a time. */
function readHexDigits(bytes: Uint8Array, at: number, n: number): number {
  // Digits shift through a 64-bit hi:lo register as they are read.
  let hi = 0;
  let lo = 0;
  let i = at;
  for (let d = i < n ? HEX[bytes[i]] : -1; d >= 0; d = ++i < n ? HEX[bytes[i]] : -1) {
    hi = (hi << 4) | (lo >>> 28);
    lo = (lo << 4) | d;
  }
  halves[0] = hi;
  halves[1] = lo;
  return i;
}

const HIGH_BITS = 0x80808080 | 0;

/**
 * The value of the four hex digits in `w`, four characters read little-endian (the first in the
 * low byte), or -1 when one of them is no hex digit. Each byte is tested and converted in parallel
 * with the others: no carry crosses from one byte to the next unless a byte has its top bit set,
 * and such a byte fails the test by itself.
 */
function hexQuad(w: number): number {
  // Top bit of each byte: at or above '0' and below ':', or (case folded) at or above 'a' and below 'g'.
  const digit = (w + 0x50505050) & ~(w + 0x46464646);
  const folded = w | 0x20202020;
  const letter = (folded + 0x1f1f1f1f) & ~(folded + 0x19191919);
  if (((digit | letter) & ~w & HIGH_BITS) !== HIGH_BITS) return -1;
  // Digits are their low four bits, letters those plus 9 (bit 6 tells them apart).
  const nibbles = (w & 0x0f0f0f0f) + ((w >>> 6) & 0x01010101) * 9;
  // Bytes 0 and 2 take the digit of the byte after them as their low half, then go into 16 bits, first digit highest.
  const pairs = ((nibbles << 4) | (nibbles >>> 8)) & 0x00ff00ff;
  return ((pairs & 0xff) << 8) | (pairs >>> 16);
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}
