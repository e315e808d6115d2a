// E-mail quoting: a crash session or console quoted in a reply (`> crash> bt`, `>> `, `> > `).
// A quoted line is read as the same line with its quote marker blanked: the columns of
// everything after it stay those of the real line, so every parser and feature works unchanged.

/**
 * Length of the quote marker at `begin` (`>` followed by a space, another `>` or the line end,
 * repeated), 0 when the line is not quoted. KASAN's shadow-memory row `>ffff888...: 00 fc` and
 * s390x's `>0000...` code line start with `>` too, and are not quoted.
 */
export function quoteLength(text: string, begin = 0, end = text.length): number {
  let k = begin;
  let quote = 0;
  while (k < end && text.charCodeAt(k) === 62) {
    const next = k + 1 < end ? text.charCodeAt(k + 1) : -1;
    if (next === 32) k += 2;
    else if (next === 62 || next === -1) k += 1;
    else break;
    quote = k - begin;
  }
  return quote;
}

/** The line with its first `quote` characters (its quote marker) blanked. */
export function blankQuote(line: string, quote: number): string {
  return quote > 0 ? ' '.repeat(quote) + line.slice(quote) : line;
}

/** The line as the analysis reads it: a quoted line with its quote marker blanked. */
export function unquoted(line: string): string {
  return line.charCodeAt(0) === 62 ? blankQuote(line, quoteLength(line)) : line;
}

/** The line without its quote marker (for readers that need no columns, like triage). */
export function withoutQuote(line: string): string {
  return line.charCodeAt(0) === 62 ? line.slice(quoteLength(line)) : line;
}
