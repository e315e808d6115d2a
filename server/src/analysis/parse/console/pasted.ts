// Console text as people paste it: quoted in e-mail (`> `, `>> `, `> > `), coloured by a
// terminal (ANSI escapes), escaped for HTML or Markdown (`&gt;`, `\_`, `**bold**`, backticks),
// or marked by the person who pasted it (`<-- here`, `// why`, `<<` at the end). The
// line is read through them; the text itself is never changed, and columns found in the
// reading map back to the real line.

import type { LineSource } from '../../lines';
import { quoteLength, withoutQuote } from '../quote';
import { plainChars } from '../pastedChars';

/** How a line is read when it is quoted, coloured, escaped or marked. */
export interface LineView {
  /** The line as the machine printed it: escapes decoded, colours and marks taken out. */
  text: string;
  /** Length of the e-mail quote marker that starts `text`. */
  quote: number;
  /** The column of the real line where a column of `text` lies. */
  column: (at: number) => number;
  /** Where a person's note starts on the real line (`<-- here`), when the line has one. */
  note?: number;
}

// Select Graphic Rendition and the other CSI sequences a terminal log may keep.
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/g;
// What a paste adds inside machine output, each with what it stands for ('' when it stands for
// nothing): HTML entities, Markdown's backslash escapes, bold markers around words.
const PASTE_MARKS =
  /&(?:gt|lt|amp|quot|#39|#x27|nbsp);|\\(?=[_*[\]<>`#()\\|~-])|(?<![^\s`])\*\*(?=[^\s*`])|(?<=[^\s*`])\*\*(?![^\s`])/g;
const ENTITIES: Record<string, string> = {
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&nbsp;': ' ',
};
// A line pasted as inline code: `...` around the whole output (the kernel's own `name' quotes are not).
const INLINE_CODE = /^([> ]*)`([^`]+)`\s*$/;
// A person's note at the end of a line of output: `<-- here`, `<<`, `// why` (not ` # note`: the
// kernel prints `seq # bug:` itself).
const NOTE = /\s+(?:(?:<-+|<<+|\/\/)(?:[\s\u0080-\uffff].*)?|\/{3,}.*)$/;
// Characters a line needs before it is worth a closer look (one scan for the common case).
const PASTED = /[\x1b&\\*`]|<[-<]|\/\//;

/** Whether a line has any of the characters a paste adds (cheap: most lines have none). */
export function mayBePasted(line: string): boolean {
  return PASTED.test(line);
}

/** The view of a pasted line; undefined for a line read as it is. */
export function readThrough(line: string): LineView | undefined {
  if (line.charCodeAt(0) !== 62 && !PASTED.test(line)) return undefined;
  // The reading, and for each of its characters the real column it came from.
  let text = '';
  const from: number[] = [];
  const keep = (start: number, end: number): void => {
    text += line.slice(start, end);
    for (let k = start; k < end; k++) from.push(k);
  };
  let last = 0;
  for (const m of line.matchAll(ANSI_ESCAPE)) {
    keep(last, m.index);
    last = m.index + m[0].length;
  }
  keep(last, line.length);
  const coloured = text.length < line.length;
  const code = INLINE_CODE.exec(text);
  if (code) {
    // The backticks go, the quote marker (or the blanks the parser left of it) before them stays.
    const open = code[1].length;
    const close = open + 1 + code[2].length;
    from.splice(close, 1);
    from.splice(open, 1);
    text = text.slice(0, open) + code[2] + text.slice(close + 1);
  }
  // A Markdown fence glued to the output it opens or closes (```` ```[   32.0] WARNING: … ````): the backticks go.
  const fenced = gluedFence(text, from);
  if (fenced) text = fenced;
  const marked = markedReading(text, from);
  if (marked) {
    text = marked.text;
    from.length = 0;
    from.push(...marked.from);
  }
  let note: number | undefined;
  const trailing = NOTE.exec(text);
  // A note only follows output: a line that is nothing but a mark is no console line.
  if (trailing && trailing.index > 0 && !/^\s*$/.test(text.slice(0, trailing.index))) {
    note = from[trailing.index + trailing[0].length - trailing[0].trimStart().length];
    text = text.slice(0, trailing.index);
    from.length = trailing.index;
  }
  const quote = quoteLength(text);
  if (!coloured && !code && !fenced && !marked && note === undefined && quote === 0) return undefined;
  if (!coloured && !code && !fenced && !marked) return { text, quote, column: (at) => at, note };
  return {
    text,
    quote,
    // A column past the reading's end is the real line's end (or the note's start).
    column: (at) => (at < from.length ? from[at] : at === from.length ? (from[at - 1] ?? -1) + 1 : line.length),
    note,
  };
}

// A fence's backticks before output on the same line (not an info string: ```` ```crashlog ````), or after it.
const GLUED_FENCE_OPEN = /^([> ]*)`{3,}(?=[[<(]|\s+\S)/;
const GLUED_FENCE_CLOSE = /(?<=\S)`{3,}\s*$/;

/** The text without a fence glued to its output (`from` kept in step); undefined when it has none. */
function gluedFence(text: string, from: number[]): string | undefined {
  let out = text;
  const close = GLUED_FENCE_CLOSE.exec(out);
  if (close) {
    from.splice(close.index, out.length - close.index);
    out = out.slice(0, close.index);
  }
  const open = GLUED_FENCE_OPEN.exec(out);
  if (open) {
    const lead = open[1].length;
    const ticks = open[0].length - lead;
    from.splice(lead, ticks);
    out = out.slice(0, lead) + out.slice(lead + ticks);
  }
  return out === text ? undefined : out;
}

/** The text with HTML entities decoded and Markdown escapes taken out; undefined when it has none. */
function markedReading(text: string, from: number[]): { text: string; from: number[] } | undefined {
  PASTE_MARKS.lastIndex = 0;
  const any = PASTE_MARKS.test(text);
  PASTE_MARKS.lastIndex = 0;
  if (!any) return undefined;
  let out = '';
  const outFrom: number[] = [];
  let last = 0;
  for (const m of text.matchAll(PASTE_MARKS)) {
    out += text.slice(last, m.index);
    for (let k = last; k < m.index; k++) outFrom.push(from[k]);
    const decoded = ENTITIES[m[0]];
    if (decoded !== undefined) {
      out += decoded;
      outFrom.push(from[m.index]);
    }
    last = m.index + m[0].length;
  }
  out += text.slice(last);
  for (let k = last; k < text.length; k++) outFrom.push(from[k]);
  return { text: out, from: outFrom };
}

const ENTITY = /&(?:gt|lt|amp|quot|#39|#x27|nbsp);/g;

/** The text with HTML entities decoded (columns move: only for lines whose readers keep none). */
export function decodeEntities(text: string): string {
  return text.indexOf('&') >= 0 ? text.replace(ENTITY, (entity) => ENTITIES[entity]) : text;
}

// A shell's prompt the console printed a kernel message right after (`[root@host ~]# [  41.06] Unable …`,
// `root@box:~# [ 12.3] BUG: …`, `# `, `$ `): the message starts at its timestamp.
const PROMPT_BEFORE_PRINTK = /^(?:\[[^\]]*\]|[\w.-]+@[\w.-]+(?::[^\s#$]*)?)?[#$] ?(?=\[\s*\d+\.\d+\])/;

/**
 * A console line as the kernel printed it: without quote marker, escapes, colours, a person's note or a
 * shell prompt it was printed after, its pasted no-break and zero-width spaces and typographic quotes
 * plain (no columns kept).
 */
export function asPrinted(line: string): string {
  line = plainChars(line);
  const view = readThrough(line);
  const printed = view ? view.text.slice(view.quote) : withoutQuote(line);
  const prompt = printed.charCodeAt(0) !== 32 ? PROMPT_BEFORE_PRINTK.exec(printed) : null;
  return prompt ? printed.slice(prompt[0].length) : printed;
}

/** Lines read as printed (asPrinted), for readers that judge a coloured or escaped paste as the plain console. */
export function asPrintedLines(lines: LineSource): LineSource {
  return { line: (i) => asPrinted(lines.line(i)), lineCount: lines.lineCount };
}
