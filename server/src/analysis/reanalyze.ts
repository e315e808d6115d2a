// Re-analysis after an edit: the lines before and after the edited part keep what the
// previous model made of them, and only the lines around the edit are parsed again.
// Parsing starts where the parser's state was fresh (a crash prompt, a line the parser
// started at rest, or a console report header with nothing else open) and stops at the
// first such line after the edit where the new parse is fresh too: from there on both
// parses agree. Lines after the edit keep what they had, moved by the lines it added or
// removed. The previous model is only read: what the new one reuses of it is shared or
// copied, never changed.
import { LineKind } from './lineKinds';
import { MemoryBuilder } from './memory';
import { Rest } from './parse/driver';
import { isFollowOn } from './reportDamage';
import { firstIndexAtOrAfter, lastAtOrBefore } from './search';
import type { Report, Section } from './types';
import { analyze, AnalyzeOptions, finish, LINE_STORES, Model, parseRange } from './model';

/**
 * Where two versions of a text may differ: everything but their first `head` and last `tail`
 * characters (an editor knows it from the changes it applied; it may say less than is the same).
 */
export interface EditSpan {
  head: number;
  tail: number;
}

/**
 * The model of `text`, reusing `previous` (the model of the text before an edit) where it can;
 * `span` spares comparing the two texts.
 */
export function reanalyze(previous: Model, text: string, options: AnalyzeOptions = {}, span?: EditSpan): Model {
  const oldText = previous.text.source;
  const shorter = Math.min(oldText.length, text.length);
  const head = span ? Math.max(0, Math.min(span.head, shorter)) : commonPrefix(oldText, text);
  if (head === oldText.length && head === text.length) return analyze(text, options);
  const tail = span ? Math.max(0, Math.min(span.tail, shorter - head)) : commonSuffix(oldText, text, shorter - head);
  const model = new Model(previous.text.edited(text, head, tail));
  const n = model.lineCount;
  const oldCount = previous.lineCount;
  // Lines [first, kept) of the new text replace lines [first, kept - shift) of the old one;
  // the lines from `kept` on are the old ones from `kept - shift` on.
  const first = model.text.positionAt(head).line;
  const kept = firstLineAfter(model, text.length - tail);
  const shift = n - oldCount;
  const oldLine = (line: number) => (line < first ? line : line - shift);

  // The parse starts at the last line at or before the edit where the parser's state was fresh.
  const kinds = previous.lineKinds;
  const rest = previous.atRest;
  const freshPrompt = (line: number) => kinds[line] === LineKind.Prompt && line < first;
  let from = first;
  while (from > 0 && rest[from] === Rest.Busy && !freshPrompt(from)) from--;

  const memory = new MemoryBuilder();
  carryLines(previous, model, memory, 0, from, 0);
  // A section still open at `from` goes on in the new model: as a copy, the previous model's stays
  // as it was, ending where it stood at `from` (its last non-blank line so far).
  let open: Section | undefined;
  if ((rest[from] & ~Rest.ReportStart) === Rest.InSection && !freshPrompt(from)) {
    const sections = model.sections;
    open = { ...sections[sections.length - 1] };
    let end = from - 1;
    while (end > open.line && kinds[end] === LineKind.Blank) end--;
    open.endLine = Math.max(open.line, end);
    sections[sections.length - 1] = open;
  }
  // The open section is the same in both parses when its prompt was left alone.
  const sameSection = (line: number, sectionLine: number) =>
    sectionLine < 0 ||
    ((sectionLine < first || sectionLine >= kept) && sectionBefore(previous, line)?.line === oldLine(sectionLine));
  // The first report the previous model carries on with keeps its damage when it follows on the
  // report before it alike in both models (and has one before it in both, or in neither).
  const laterReportAgrees = (oldLine: number, before: Report | undefined) => {
    const reports = previous.reports;
    const index = firstIndexAtOrAfter(reports.length, (k) => reports[k].line, oldLine);
    if (index === reports.length) return true;
    const later = reports[index];
    if ((before === undefined) !== (index === 0)) return false;
    return isFollowOn({ ...later, line: later.line + shift }, before) === isFollowOn(later, reports[index - 1]);
  };
  let stoppedInSection = false;
  let stoppedAfterReport = false;
  const to = parseRange(model, memory, from, n, {
    section: open,
    // From a line after the edit where both parses are at rest alike, they agree: a prompt, or the
    // same kind of rest in the same section (whose prompt the edit left alone).
    canStop: (line, atRest, sectionLine) => {
      if (line < kept) return false;
      const old = line - shift;
      const agree =
        kinds[old] === LineKind.Prompt ||
        (atRest !== Rest.Busy && rest[old] === atRest && (atRest === Rest.Outside || sameSection(old, sectionLine)));
      if (!agree || !laterReportAgrees(old, model.reports[model.reports.length - 1])) return false;
      stoppedInSection = atRest === Rest.InSection;
      return true;
    },
    // After a report header that left both parses fresh alike, they agree too, but for the report
    // it opened: the previous parse's goes on.
    canStopAfterReport: (line, atRest, sectionLine) => {
      if (line < kept) return false;
      const old = line - shift;
      if (rest[old] !== (atRest | Rest.ReportStart) || (atRest === Rest.InSection && !sameSection(old, sectionLine)))
        return false;
      if (!laterReportAgrees(old, model.reports[model.reports.length - 2])) return false;
      stoppedInSection = atRest === Rest.InSection;
      stoppedAfterReport = true;
      return true;
    },
  });
  // Stopped inside a section: it ends where it ended in the previous model when a later line of it
  // said so, else where the new parse left it (only blank lines followed).
  if (to < n && stoppedInSection) {
    const section = model.sections[model.sections.length - 1];
    const end = sectionBefore(previous, to - shift)?.endLine ?? -1;
    if (end >= to - shift) section.endLine = end + shift;
  }
  // The report opened by the line before `to` goes on: the previous model's, moved.
  if (stoppedAfterReport) {
    model.reports.pop();
    LINE_STORES.reports(previous, model, memory, to - 1 - shift, to - shift, shift);
  }
  // How the parser started the line it stopped at is the new parse's (it differs before a prompt).
  const restAtStop = model.atRest[to];
  carryLines(previous, model, memory, to - shift, oldCount, shift);
  if (to < n) model.atRest[to] = restAtStop;
  return finish(model, memory, options);
}

/** The first line whose start comes after `offset` (lines from there on follow the edit unchanged). */
function firstLineAfter(model: Model, offset: number): number {
  let line = model.text.positionAt(offset).line + 1;
  while (line < model.lineCount && model.text.starts[line] <= offset) line++;
  return line;
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

/** Copies every per-line store of `previous` for its lines [start, end), `shift` lines further down. */
function carryLines(previous: Model, model: Model, memory: MemoryBuilder, start: number, end: number, shift: number): void {
  if (start >= end) return;
  for (const carry of Object.values(LINE_STORES)) carry(previous, model, memory, start, end, shift);
}
