// E-mail quoting: a crash session or console quoted in a reply (`> crash> bt`, `>> `, `> > `).
// A quoted line is read as the same line with its quote marker blanked: the columns of
// everything after it stay those of the real line, so every parser and feature works unchanged.

/**
 * Length of the quote marker at `begin` (`>` followed by a space, another `>` or the line end,
 * repeated; `&gt;` as well), 0 when the line is not quoted. KASAN's shadow-memory row `>ffff888...: 00 fc` and
 * s390x's `>0000...` code line start with `>` too, and are not quoted.
 */
export function quoteLength(text: string, begin = 0, end = text.length): number {
  let k = begin;
  let quote = 0;
  for (;;) {
    // `>`, or `&gt;` in a quote escaped for HTML (blanked, it keeps the columns too).
    const mark = text.charCodeAt(k) === 62 ? 1 : text.startsWith('&gt;', k) ? 4 : 0;
    if (mark === 0 || k + mark > end) break;
    const after = k + mark;
    const next = after < end ? text.charCodeAt(after) : -1;
    if (next === 32) {
      // A reply to a reply quotes the quote with its own blank: `>  > ` (2006 LKML's) is two levels.
      let j = after + 1;
      while (j < end && j - after <= 3 && text.charCodeAt(j) === 32) j++;
      k = j > after + 1 && j < end && (text.charCodeAt(j) === 62 || text.startsWith('&gt;', j)) ? j : after + 1;
    } else if (next === 62 || next === -1 || (next === 38 && text.startsWith('&gt;', after))) k = after;
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
  const c = line.charCodeAt(0);
  return c === 62 || c === 38 ? blankQuote(line, quoteLength(line)) : line;
}

/** The line without its quote marker (for readers that need no columns, like triage). */
export function withoutQuote(line: string): string {
  const c = line.charCodeAt(0);
  return c === 62 || c === 38 ? line.slice(quoteLength(line)) : line;
}
