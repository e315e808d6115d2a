// The console report machine's state at a line, kept every so many lines of console text so
// that a re-analysis can start there (reports stay open until the next header and may be parked
// for up to 2000 lines, so console text is rarely at rest). Reports in a state are copies as
// they stood at that line: the parse went on changing its own.
import type { Report } from '../../types';

/** A report set aside while another printk caller's report prints. */
export interface ParkedReport {
  report: Report;
  lastLine: number;
  at: number;
  context: string | undefined;
  section: string | undefined;
  allCpus: boolean;
}

export interface ReportMachineState {
  report: Report | undefined;
  reportLastLine: number;
  reportContext: string | undefined;
  /** The heading of the trace section the open report prints (undefined in its own trace). */
  reportSection: string | undefined;
  lastBootBanner: number;
  reportAllCpus: boolean;
  parked: readonly ParkedReport[];
}

/** Maps a line of one version of a text to the same line of another; NaN when it has none there. */
export type LineMapper = (line: number) => number;

/**
 * Old lines to new ones after an edit that replaced old lines [first, kept) and moved the later
 * ones by `shift` (NaN for the replaced ones). Made here so that it holds nothing but the numbers.
 */
export function editMapper(first: number, kept: number, shift: number): LineMapper {
  return (line) => (line < first ? line : line >= kept ? line + shift : NaN);
}

/** `second` after `first`; with no `first`, `second`. */
export function composedMapper(first: LineMapper | undefined, second: LineMapper): LineMapper {
  return first ? (line) => second(first(line)) : second;
}

/** A report as it stands now, not changed by what is done to the original later (items are never changed once added). */
export function reportCopy(report: Report): Report {
  return {
    ...report,
    frames: [...report.frames],
    registers: [...report.registers],
    damage: [...report.damage],
    headerFunctions: report.headerFunctions && [...report.headerFunctions],
  };
}

/** A copy of a state whose reports can be changed without changing the state's. */
export function stateCopy(state: ReportMachineState): ReportMachineState {
  return {
    ...state,
    report: state.report && reportCopy(state.report),
    parked: state.parked.map((p) => ({ ...p, report: reportCopy(p.report) })),
  };
}

/** The reports a state holds: the open one, then the parked ones. */
export function stateReports(state: ReportMachineState): Report[] {
  const reports = state.parked.map((p) => p.report);
  if (state.report) reports.unshift(state.report);
  return reports;
}

const LINE_KEYS = new Set(['line', 'endLine', 'traceLine', 'lastLine', 'at', 'reportLastLine', 'lastBootBanner']);

/** Whether `live` is `state` with its lines mapped by `map` (every line number of both compared). */
export function sameState(live: ReportMachineState, state: ReportMachineState, map: LineMapper): boolean {
  return same(live, state, map, '');
}

function same(a: unknown, b: unknown, map: LineMapper, key: string): boolean {
  if (typeof b === 'number' && LINE_KEYS.has(key)) return Number.isFinite(b) ? a === map(b) : a === b;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!same(a[k], b[k], map, '')) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)])) if (!same(ra[k], rb[k], map, k)) return false;
  return true;
}

/** `state` with its lines mapped by `map`; undefined when one of them has no line there. */
export function movedState(state: ReportMachineState, map: LineMapper): ReportMachineState | undefined {
  const report = state.report && movedReport(state.report, map);
  if (state.report && !report) return undefined;
  const parked: ParkedReport[] = [];
  for (const entry of state.parked) {
    const moved = movedReport(entry.report, map);
    const lastLine = map(entry.lastLine);
    const at = map(entry.at);
    if (!moved || Number.isNaN(lastLine) || Number.isNaN(at)) return undefined;
    parked.push({ ...entry, report: moved, lastLine, at });
  }
  const reportLastLine = map(state.reportLastLine);
  const lastBootBanner = Number.isFinite(state.lastBootBanner) ? map(state.lastBootBanner) : state.lastBootBanner;
  if (Number.isNaN(reportLastLine) || Number.isNaN(lastBootBanner)) return undefined;
  return { ...state, report, parked, reportLastLine, lastBootBanner };
}

/** A report with its lines mapped by `map`; undefined when one of them has no line there. */
export function movedReport(report: Report, map: LineMapper): Report | undefined {
  let lost = false;
  const line = (n: number) => {
    const moved = map(n);
    if (Number.isNaN(moved)) lost = true;
    return moved;
  };
  const copy: Report = {
    ...report,
    line: line(report.line),
    endLine: line(report.endLine),
    frames: report.frames.map((f) => ({ ...f, line: line(f.line) })),
    registers: report.registers.map((r) => ({ ...r, line: line(r.line) })),
  };
  if (report.traceLine !== undefined) copy.traceLine = line(report.traceLine);
  return lost ? undefined : copy;
}
