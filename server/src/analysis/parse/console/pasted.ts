// Console text as people paste it: quoted in e-mail (`> `, `>> `, `> > `) or coloured by a
// terminal (ANSI escapes). The line is read through them; the text itself is never changed,
// and columns found in the reading map back to the real line.

/** How a line is read when it is quoted or coloured. */
export interface LineView {
  /** The line without its colour escapes. */
  text: string;
  /** Length of the e-mail quote marker that starts `text`. */
  quote: number;
  /** The column of the real line where a column of `text` lies. */
  column: (at: number) => number;
}

// A quote marker is `>` followed by a space, another `>` or the line end: KASAN's shadow-memory
// row `>ffff888...: 00 fc` starts with `>` too, and is not quoted.
const QUOTE = /^(?:>(?: |(?=>)|$))+/;
// Select Graphic Rendition and the other CSI sequences a terminal log may keep.
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** The view of a quoted or coloured line; undefined for a line read as it is. */
export function readThrough(line: string): LineView | undefined {
  const coloured = line.indexOf('\x1b[') >= 0;
  if (!coloured && line.charCodeAt(0) !== 62) return undefined;
  if (!coloured) {
    const quote = QUOTE.exec(line);
    return quote ? { text: line, quote: quote[0].length, column: (at) => at } : undefined;
  }
  // Where each escape was taken out (a column of the reading) and how long it was.
  const at: number[] = [];
  const length: number[] = [];
  let text = '';
  let last = 0;
  for (const m of line.matchAll(ANSI_ESCAPE)) {
    text += line.slice(last, m.index);
    at.push(text.length);
    length.push(m[0].length);
    last = m.index + m[0].length;
  }
  text += line.slice(last);
  const quote = QUOTE.exec(text)?.[0].length ?? 0;
  return {
    text,
    quote,
    // An escape just before a column belongs before it: the text there starts after the escape.
    column: (column) => {
      let real = column;
      for (let k = 0; k < at.length && at[k] <= column; k++) real += length[k];
      return real;
    },
  };
}
