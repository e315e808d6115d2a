// Characters a web page, chat or word processor puts in pasted text where the machine printed
// plain ones: no-break spaces (`&nbsp;` rendered, U+00A0, U+202F, U+2007) for spaces, zero-width
// characters (U+200B–U+200D, U+2060, a byte-order mark U+FEFF at the start of a file) where it
// printed nothing, and typographic quotes (“…”, ‘…’, „…“) for `"` and `'`. A line is read with each
// of them as the plain character: one UTF-16 unit for one, so every column stays the real line's.
// A serial console's carriage return shown in caret notation (`^M` at the line end, as `cat -v`,
// `less` and vim print it) reads as blanks.

const PASTED_CHAR = /[\u00a0\u2007\u202f\u200b-\u200d\u2060\ufeff\u2018-\u201f\u2032\u2033]/;
const PASTED_CHARS = /[\u00a0\u2007\u202f\u200b-\u200d\u2060\ufeff\u2018-\u201f\u2032\u2033]/g;

/** What a pasted character stands for: a space, `'` or `"`. */
function plain(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0x2018 && code <= 0x201b) return "'";
  if (code >= 0x201c && code <= 0x201f) return '"';
  if (code === 0x2032) return "'";
  if (code === 0x2033) return '"';
  return ' ';
}

const CARET_RETURNS = /(?:\^M)+\s*$/;

/** The line with its pasted characters read as plain ones (the same string when it has none). */
export function plainChars(line: string): string {
  if (PASTED_CHAR.test(line)) line = line.replace(PASTED_CHARS, plain);
  return line.includes('^M') ? line.replace(CARET_RETURNS, (marks) => ' '.repeat(marks.length)) : line;
}
