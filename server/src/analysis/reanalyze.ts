// Re-analysis after an edit: the lines before and after the edited part keep what the
// previous model made of them, and only the lines around the edit are parsed again.
// Parsing starts where the parser's state was fresh (a crash prompt, or a line the
// parser started at rest) and stops at the first such line after the edit where the
// new parse is fresh too: from there on both parses agree. The previous model is only
// read: what the new one reuses of it is shared, never changed.
import { LineKind } from './lineKinds';
import { MemoryBuilder } from './memory';
import { Rest } from './parse/driver';
import { lastAtOrBefore } from './search';
import type { Section } from './types';
import { analyze, AnalyzeOptions, finish, LINE_STORES, Model, parseRange } from './model';

/** The model of `text`, reusing `previous` (the model of the text before an edit) where it can. */
export function reanalyze(previous: Model, text: string, options: AnalyzeOptions = {}): Model {
  const model = new Model(text);
  const n = model.lineCount;
  // Only edits that keep the line count keep every later line where it was.
  if (previous.lineCount !== n) return analyze(text, options);
  // The edited lines: from the first to the last character where the two texts differ.
  const oldText = previous.text.source;
  const head = commonPrefix(oldText, text);
  if (head === oldText.length && head === text.length) return analyze(text, options);
  const tail = commonSuffix(oldText, text, Math.min(oldText.length, text.length) - head);
  const first = model.text.positionAt(head).line;
  const last = Math.max(first, model.text.positionAt(Math.max(head, text.length - 1 - tail)).line);

  // The parse starts at the last line at or before the edit that the parser started at rest,
  // or at an unedited prompt.
  const kinds = previous.lineKinds;
  const rest = previous.atRest;
  const freshPrompt = (line: number) => kinds[line] === LineKind.Prompt && line < first;
  let from = first;
  while (from > 0 && rest[from] === Rest.Busy && !freshPrompt(from)) from--;

  const memory = new MemoryBuilder();
  carryLines(previous, model, memory, 0, from);
  // A section still open at `from` goes on in the new model: as a copy, the previous model's stays
  // as it was, ending where it stood at `from` (its last non-blank line so far).
  let open: Section | undefined;
  if (rest[from] === Rest.InSection && !freshPrompt(from)) {
    const sections = model.sections;
    open = { ...sections[sections.length - 1] };
    let end = from - 1;
    while (end > open.line && kinds[end] === LineKind.Blank) end--;
    open.endLine = Math.max(open.line, end);
    sections[sections.length - 1] = open;
  }
  const to = parseRange(model, memory, from, n, {
    section: open,
    // From a line after the edit where both parses are at rest alike, they agree: a prompt, or the
    // same kind of rest in the same section (whose prompt the edit left alone).
    canStop: (line, atRest, sectionLine) => {
      if (line <= last) return false;
      if (kinds[line] === LineKind.Prompt) return true;
      if (atRest === Rest.Busy || rest[line] !== atRest) return false;
      if (atRest === Rest.Outside) return true;
      return (sectionLine < first || sectionLine > last) && sectionBefore(previous, line)?.line === sectionLine;
    },
  });
  // Stopped inside a section: it ends where it ended in the previous model when a later line of it
  // said so (a non-blank line, or the Markdown line that closed it); else where the new parse left it.
  if (to < n && model.atRest[to] === Rest.InSection && kinds[to] !== LineKind.Prompt) {
    const section = model.sections[model.sections.length - 1];
    const end = sectionBefore(previous, to)?.endLine ?? -1;
    let next = to;
    while (next < n && kinds[next] === LineKind.Blank) next++;
    if (end >= to || kinds[next] === LineKind.Markdown) section.endLine = end;
  }
  // A report's damage depends on whether another report came before it.
  const oldReportsUpTo = previous.reports.filter((r) => r.line < to).length;
  const laterReports = previous.reports.some((r) => r.line >= to);
  if (laterReports && oldReportsUpTo > 0 !== model.reports.length > 0) return analyze(text, options);
  carryLines(previous, model, memory, to, n);
  return finish(model, memory, options);
}

/** Length of the common start of two texts: whole chunks compare natively, characters only in the last one. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 1 << 16; step >= 16; step >>= 4)
    while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common end of two texts, at most `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let k = 0;
  for (let step = 1 << 16; step >= 16; step >>= 4) {
    while (k + step <= limit && a.slice(a.length - k - step, a.length - k) === b.slice(b.length - k - step, b.length - k))
      k += step;
  }
  while (k < limit && a.charCodeAt(a.length - 1 - k) === b.charCodeAt(b.length - 1 - k)) k++;
  return k;
}

/** The last section whose prompt comes before a line. */
function sectionBefore(model: Model, line: number): Section | undefined {
  return lastAtOrBefore(model.sections, (s) => s.line, line - 1);
}

/** Copies every per-line store of `previous` for lines [start, end). */
function carryLines(previous: Model, model: Model, memory: MemoryBuilder, start: number, end: number): void {
  if (start >= end) return;
  for (const carry of Object.values(LINE_STORES)) carry(previous, model, memory, start, end);
}
