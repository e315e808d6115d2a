// Re-analysis after an edit: the lines before and after the edited part keep what the
// previous model made of them, and only the lines around the edit are parsed again.
// Parsing starts where the parser's state was fresh (a crash prompt, a line the parser
// started at rest, or a console report header with nothing else open) and stops at the
// first such line after the edit where the new parse is fresh too: from there on both
// parses agree. Lines after the edit keep what they had, moved by the lines it added or
// removed. The previous model is only read: what the new one reuses of it is shared or
// copied, never changed.
import { LineKind } from './lineKinds';
import { commonPrefix, commonSuffix, LineIndex } from './lines';
import { MemoryBuilder } from './memory';
import { Rest } from './parse/driver';
import { isFollowOn } from './reportDamage';
import {
  composedMapper,
  editMapper,
  movedReport,
  sameState,
  stateCopy,
  stateReports,
  type LineMapper,
  type ReportMachineState,
} from './parse/console/state';
import { firstIndexAtOrAfter, lastAtOrBefore, lastIndexAtOrBefore } from './search';
import type { SymbolFact } from './symbols';
import type { Report, Section } from './types';
import { analyze, AnalyzeOptions, checkpointState, finish, LINE_STORES, Model, parseRange } from './model';

/**
 * Where two versions of a text may differ: everything but their first `head` and last `tail`
 * characters (an editor knows it from the changes it applied; it may say less than is the same).
 */
export interface EditSpan {
  head: number;
  tail: number;
}

/**
 * The model of `text`, reusing `previous` (the model of the text before an edit) where it can.
 * A text an editor derived from the previous one by `LineIndex.replaced` shares its unchanged
 * chunks, which tells where the two differ; for a plain string `span` spares comparing them.
 */
export function reanalyze(previous: Model, text: string | LineIndex, options: AnalyzeOptions = {}, span?: EditSpan): Model {
  const oldText = previous.text;
  const length = text.length;
  const shorter = Math.min(oldText.length, length);
  if (typeof text !== 'string') span ??= oldText.sameEnds(text);
  const head = span ? Math.max(0, Math.min(span.head, shorter)) : commonPrefix(oldText.source, text as string);
  if (head === oldText.length && head === length) return analyze(text, options);
  const tail = span
    ? Math.max(0, Math.min(span.tail, shorter - head))
    : commonSuffix(oldText.source, text as string, shorter - head);
  const model = new Model(typeof text === 'string' ? oldText.edited(text, head, tail) : text, previous.symbolOps.names);
  const n = model.lineCount;
  const oldCount = previous.lineCount;
  // Lines [first, kept) of the new text replace lines [first, kept - shift) of the old one;
  // the lines from `kept` on are the old ones from `kept - shift` on.
  const first = model.text.positionAt(head).line;
  const kept = firstLineAfter(model, length - tail);
  const shift = n - oldCount;
  const oldLine = (line: number) => (line < first ? line : line - shift);

  // Old lines to new ones: those the edit replaced have none.
  const map = editMapper(first, kept - shift, shift);
  const unmap = editMapper(first, kept, -shift);

  // The parse starts at the last line at or before the edit where the parser's state was fresh,
  // or at the last checkpoint of the console report machine before it.
  const kinds = previous.lineKinds;
  const rest = previous.atRest;
  const checkpoints = previous.checkpoints;
  const freshPrompt = (line: number) => kinds[line] === LineKind.Prompt && line < first;
  // The last checkpoint whose state earlier edits left alone.
  let lastCheckpoint = lastIndexAtOrBefore(checkpoints.length, (k) => checkpoints[k].line, first);
  let checkpointed: ReportMachineState | undefined;
  while (lastCheckpoint >= 0 && !(checkpointed = checkpointState(checkpoints[lastCheckpoint]))) lastCheckpoint--;
  const floor = lastCheckpoint >= 0 ? checkpoints[lastCheckpoint].line : 0;
  // A report header is a place to start only when the edit left it alone.
  const fresh = (line: number) =>
    (rest[line] !== Rest.Busy && (line < first || (rest[line] & Rest.ReportStart) === 0)) || freshPrompt(line);
  let from = first;
  while (from > floor && !fresh(from)) from--;
  const checkpoint = from === floor && !fresh(from) ? checkpoints[lastCheckpoint] : undefined;

  const memory = new MemoryBuilder();
  // About as many symbol ops as before: room made once, not grown by doubling.
  model.symbolOps.reserve(previous.symbolOps.length + 1024);
  carryLines(previous, model, memory, 0, from, 0, map);
  const keptOps = model.symbolOps.length;
  // At a checkpoint the reports open there go on: as copies of how they stood, in their places.
  let reportState: ReportMachineState | undefined;
  if (checkpoint && checkpointed) {
    reportState = stateCopy(checkpointed);
    const copies = new Map(stateReports(reportState).map((r) => [r.line, r]));
    const reports = model.reports;
    for (let k = reports.length - 1; k >= 0 && copies.size > 0; k--) {
      const copy = copies.get(reports[k].line);
      if (!copy) continue;
      copies.delete(copy.line);
      reports[k] = copy;
    }
  }
  // A section still open at `from` goes on in the new model: as a copy, the previous model's stays
  // as it was, ending where it stood at `from` (its last non-blank line so far).
  let open: Section | undefined;
  const restFrom = checkpoint ? checkpoint.rest : rest[from] & ~Rest.ReportStart;
  if (restFrom === Rest.InSection && !freshPrompt(from)) {
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
  /** The previous model's report at an old line. */
  const oldReport = (line: number) => {
    const reports = previous.reports;
    const k = firstIndexAtOrAfter(reports.length, (j) => reports[j].line, line);
    return k < reports.length && reports[k].line === line ? k : -1;
  };
  let stoppedInSection = false;
  let stoppedAfterReport = false;
  const to = parseRange(model, memory, from, n, {
    section: open,
    reports: reportState,
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
    // Where only reports are open and the report machine stands as it stood at a checkpoint of the
    // previous parse, both agree from there on: the reports open go on as the previous model's did.
    canStopAtCheckpoint: (line, onlyReports, sectionLine, live) => {
      if (line < kept) return false;
      const old = line - shift;
      const k = lastIndexAtOrBefore(checkpoints.length, (j) => checkpoints[j].line, old);
      const at = k >= 0 ? checkpoints[k] : undefined;
      if (!at || at.line !== old || at.rest !== onlyReports) return false;
      if (onlyReports === Rest.InSection && !sameSection(old, sectionLine)) return false;
      if (!sameState(live, at.state, composedMapper(at.map, map))) return false;
      const finals = new Map<Report, Report>();
      for (const report of stateReports(live)) {
        const index = oldReport(unmap(report.line));
        const final = index >= 0 ? movedReport(previous.reports[index], map) : undefined;
        if (!final) return false;
        finals.set(report, final);
      }
      const reports = model.reports;
      const finalOf = (r: Report | undefined) => (r && finals.get(r)) ?? r;
      // Each report's damage depends on whether it follows on the report before it.
      for (const [report, final] of finals) {
        const index = reports.lastIndexOf(report);
        const oldIndex = oldReport(unmap(report.line));
        const before = finalOf(reports[index - 1]);
        const oldBefore = previous.reports[oldIndex - 1];
        if ((before === undefined) !== (oldBefore === undefined)) return false;
        if (isFollowOn(final, before) !== isFollowOn(previous.reports[oldIndex], oldBefore)) return false;
      }
      if (!laterReportAgrees(old, finalOf(reports[reports.length - 1]))) return false;
      for (let j = 0; j < reports.length; j++) reports[j] = finalOf(reports[j])!;
      stoppedInSection = onlyReports === Rest.InSection;
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
    LINE_STORES.reports(previous, model, memory, to - 1 - shift, to - shift, shift, map);
  }
  // How the parser started the line it stopped at is the new parse's (it differs before a prompt);
  // stopped after a report header, the parser never started that line: the previous parse's stays.
  const restAtStop = model.atRest[to];
  const parsedOps = model.symbolOps.length;
  carryLines(previous, model, memory, to - shift, oldCount, shift, map);
  if (to < n && !stoppedAfterReport) model.atRest[to] = restAtStop;
  const symbolOps = {
    ...touchedNames(previous, keptOps, to - shift, model, parsedOps),
    keptOps,
    opsShift: model.symbolOps.length - previous.symbolOps.length,
    movedFrom: to - shift,
    lineShift: shift,
  };
  return finish(model, memory, options, { previous, symbolOps });
}

/**
 * Names whose symbol the lines parsed again may have changed: those with a base among them (its
 * line is evidence) or whose facts there differ, in the previous model's ops from `keptOps` to old
 * line `end` or in the new ones (to `parsedOps`). The others have the same facts in the same order
 * as before: only where their first op now stands may differ (`firstOps`).
 */
function touchedNames(
  previous: Model,
  keptOps: number,
  end: number,
  model: Model,
  parsedOps: number,
): { touched: Set<string>; firstOps: Map<string, number> } {
  const before = new Map<string, SymbolFact[]>();
  const ops = previous.symbolOps;
  for (let k = keptOps; k < ops.length && ops.line(k) < end; k++) {
    const fact = ops.fact(k);
    const list = before.get(fact.name);
    if (list) list.push(fact);
    else before.set(fact.name, [fact]);
  }
  const after = new Map<string, { facts: SymbolFact[]; first: number }>();
  for (let k = keptOps; k < parsedOps; k++) {
    const fact = model.symbolOps.fact(k);
    const entry = after.get(fact.name);
    if (entry) entry.facts.push(fact);
    else after.set(fact.name, { facts: [fact], first: k });
  }
  const touched = new Set<string>();
  const firstOps = new Map<string, number>();
  for (const name of before.keys()) if (!after.has(name)) touched.add(name);
  for (const [name, { facts, first }] of after) {
    const old = before.get(name);
    const same =
      old !== undefined &&
      old.length === facts.length &&
      facts.every((fact, k) => fact.kind !== 'base' && sameFact(fact, old[k]));
    if (same) firstOps.set(name, first);
    else touched.add(name);
  }
  return { touched, firstOps };
}

function sameFact(a: SymbolFact, b: SymbolFact): boolean {
  if (a.kind === 'offset') return b.kind === 'offset' && a.offset === b.offset && a.size === b.size && a.module === b.module;
  if (a.kind === 'module') return b.kind === 'module' && a.module === b.module;
  return b.kind === 'base' && a.base === b.base && a.weak === b.weak;
}

/** The first line whose start comes after `offset` (lines from there on follow the edit unchanged). */
function firstLineAfter(model: Model, offset: number): number {
  let line = model.text.positionAt(offset).line + 1;
  while (line < model.lineCount && model.text.starts[line] <= offset) line++;
  return line;
}

/** The last section whose prompt comes before a line. */
function sectionBefore(model: Model, line: number): Section | undefined {
  return lastAtOrBefore(model.sections, (s) => s.line, line - 1);
}

/** Copies every per-line store of `previous` for its lines [start, end), `shift` lines further down. */
function carryLines(
  previous: Model,
  model: Model,
  memory: MemoryBuilder,
  start: number,
  end: number,
  shift: number,
  map: LineMapper,
): void {
  if (start >= end) return;
  for (const carry of Object.values(LINE_STORES)) carry(previous, model, memory, start, end, shift, map);
}
