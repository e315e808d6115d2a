// Characters a web page, chat or word processor puts in pasted text where the machine printed
// plain ones: no-break spaces (`&nbsp;` rendered, U+00A0, U+202F, U+2007) for spaces, zero-width
// characters (U+200B–U+200D, U+2060, a byte-order mark U+FEFF at the start of a file) where it
// printed nothing. A line is read with each of them as a space: one UTF-16 unit for one, so every
// column stays the real line's.

const PASTED_CHAR = /[\u00a0\u2007\u202f\u200b-\u200d\u2060\ufeff]/;
const PASTED_CHARS = /[\u00a0\u2007\u202f\u200b-\u200d\u2060\ufeff]/g;

/** The line with its pasted characters read as plain ones (the same string when it has none). */
export function plainChars(line: string): string {
  return PASTED_CHAR.test(line) ? line.replace(PASTED_CHARS, ' ') : line;
}
