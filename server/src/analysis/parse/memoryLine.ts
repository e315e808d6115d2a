// Memory dump lines: `ffffffc0427f33b0:  ffffffc0427f33e0 ffffffc008fb9754` (rd, bt -f,
// search), gdb `0xffff80001358e730:     0xffff80001358e814      0xffff00ff9ed2cce8`,
// rd -s / bt -F symbolic words, hand annotations (`0072006900560318[rbp]`,
// `0xffff80000907208c<i40e_lan_xmit_frame+68>`), and two search columns side by side.
// Hand-scanned without allocating: this is the hottest loop of the parser.
import { HEX_DIGITS as HEX } from '../hex';

export interface MemorySink {
  word(addrHi: number, addrLo: number, valHi: number, valLo: number, width: number, column: number): void;
  symbolic(addrHi: number, addrLo: number, text: string, column: number): void;
}

const TWO_32 = 0x100000000;
const SYMBOLIC = /^(?:[A-Za-z_.$][\w.$]*(?:\+\d+)?|\[[\w.:()-]+\])$/;
const SLAB_POINTER = /^\[([0-9a-fA-F]{1,16}):[^\]]+\]$/;

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * Parses a dump line; returns the number of words found, or -1 when the line
 * is not a dump line at all. `allowSymbolic` admits rd -s / bt -F words;
 * `fixedWidth` (bytes) comes from `rd -8/-16/-32`.
 */
export function parseMemoryLine(
  text: string,
  sink: MemorySink,
  allowSymbolic: boolean,
  fixedWidth = 0,
  begin = 0,
  end = text.length,
): number {
  // [begin, end) may be one line of a whole transcript: nothing below reads past `end`.
  const n = end;
  let i = begin;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  let words = 0;
  while (i < n) {
    // Address column.
    let gdb = false;
    if (text.charCodeAt(i) === 48 && text.charCodeAt(i + 1) === 120) {
      i += 2;
      gdb = true;
    }
    const addrStart = i;
    // Digits shift through a 64-bit hi:lo register as they are read: one pass per word.
    let addrHi = 0;
    let addrLo = 0;
    for (let d = i < n ? HEX[text.charCodeAt(i)] : -1; d >= 0; d = ++i < n ? HEX[text.charCodeAt(i)] : -1) {
      addrHi = addrHi * 16 + (addrLo >>> 28);
      addrLo = ((addrLo & 0x0fffffff) * 16 + d) >>> 0;
    }
    const addrEnd = i;
    const digits = addrEnd - addrStart;
    if (digits < 7 || digits > 16) return words > 0 ? words : -1;
    if (gdb && text.charCodeAt(i) === 32 && text.charCodeAt(i + 1) === 60) {
      const close = text.indexOf('>', i);
      if (close < 0 || close >= n) return words > 0 ? words : -1;
      i = close + 1;
    }
    if (text.charCodeAt(i) !== 58) return words > 0 ? words : -1;
    i++;
    if (i < n && !isSpace(text.charCodeAt(i))) return words > 0 ? words : -1;
    let bytes = 0;
    let nextColumn = false;
    while (i < n) {
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      if (i >= n) break;
      const tokenStart = i;
      let j = i;
      if (text.charCodeAt(j) === 48 && text.charCodeAt(j + 1) === 120) j += 2;
      const valueStart = j;
      let valHi = 0;
      let valLo = 0;
      for (let d = j < n ? HEX[text.charCodeAt(j)] : -1; d >= 0; d = ++j < n ? HEX[text.charCodeAt(j)] : -1) {
        valHi = valHi * 16 + (valLo >>> 28);
        valLo = ((valLo & 0x0fffffff) * 16 + d) >>> 0;
      }
      const valueEnd = j;
      const len = valueEnd - valueStart;
      const next = valueEnd < n ? text.charCodeAt(valueEnd) : 32;
      if (next === 58 && len >= 7) {
        // A second address column (search output side by side).
        i = tokenStart;
        nextColumn = true;
        break;
      }
      const annotated = next === 91 || next === 60; // `[` or `<` right after the word
      if (
        len > 0 &&
        (isSpace(next) || annotated || valueEnd === n) &&
        (len === 16 || len === 8 || len === 4 || len === 2 || (valueStart > tokenStart && len <= 16))
      ) {
        const width = fixedWidth || (len > 8 ? 8 : len > 4 ? 4 : len > 2 ? 2 : 1);
        if (bytes + width > 16) return words;
        sink.word(addrHi, addrLo, valHi, valLo, width, tokenStart - begin);
        words++;
        bytes += width;
        addrLo += width;
        if (addrLo >= TWO_32) {
          addrLo -= TWO_32;
          addrHi = (addrHi + 1) >>> 0;
        }
        i = valueEnd;
        if (annotated) while (i < n && !isSpace(text.charCodeAt(i))) i++;
        continue;
      }
      // Symbolic words are as wide as the addresses' words: 4 bytes on 32-bit dumps.
      const step = fixedWidth || (digits > 8 ? 8 : 4);
      if (!allowSymbolic || bytes + step > 16) return words;
      let end = i;
      while (end < n && !isSpace(text.charCodeAt(end))) end++;
      const token = text.slice(i, end);
      if (!SYMBOLIC.test(token)) return words;
      sink.symbolic(addrHi, addrLo, token, tokenStart - begin);
      // `bt -FF`/`rd -SS` show the value too: `[ffff81007e020380:files_cache]`.
      const slab = SLAB_POINTER.exec(token);
      if (slab) {
        const value = slab[1].padStart(16, '0');
        const hi = parseInt(value.slice(0, 8), 16);
        const lo = parseInt(value.slice(8), 16);
        sink.word(addrHi, addrLo, hi, lo, step, tokenStart - begin);
      }
      words++;
      bytes += step;
      addrLo += step;
      if (addrLo >= TWO_32) {
        addrLo -= TWO_32;
        addrHi = (addrHi + 1) >>> 0;
      }
      i = end;
    }
    if (!nextColumn) break;
  }
  return words;
}
