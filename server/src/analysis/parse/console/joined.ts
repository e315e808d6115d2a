// A console log whose line breaks a web page or a chat took out: the whole oops is one long
// line, and each record the kernel printed still starts with its printk timestamp or system log
// stamp, now after a blank in the middle of the line (HTML also folds the blanks inside
// `[   12.3]` into one). Cut at those stamps the records read as the lines they were; without
// stamps nothing tells where a record ended, and the line is left as it is.
import { MAX_LINE_LENGTH, type LineSource } from '../../lines';
import { consolePrefixLength, parseConsoleFrame, PRINTK_SECONDS, SYSLOG_STAMP_SOURCE } from './lines';

/** Shorter lines are left alone: three records of an oops are longer, and most console lines shorter (the test stays cheap). */
export const MIN_JOINED_LENGTH = 100;
/** Fewer timestamps are other output running into a line (interleaved CPUs), not a joined log. */
const MIN_RECORDS = 3;

// A record's stamp after a blank (or at the line's start): a system log's (`Nov 22 01:07:26 host
// kernel: `, its printk timestamp after it taken with it) or a printk timestamp with its caller id.
const RECORD_STAMP = new RegExp(
  String.raw`(?<=^|\s)(?:${SYSLOG_STAMP_SOURCE}(?:\[\s*${PRINTK_SECONDS}\])?|\[\s*${PRINTK_SECONDS}\](?:\[\s*[TC]\s*\d+\])?)`,
  'g',
);

/**
 * Where each record of a joined console log starts on `line` (at its stamp), or undefined when
 * the line is no such log. Stamps need not go forward in time: consoles of several CPUs print
 * out of order.
 */
export function joinedRecordStarts(line: string): number[] | undefined {
  // A line too long to parse is left whole (and unparsed), by the parser and by every reader after it.
  if (line.length < MIN_JOINED_LENGTH || line.length > MAX_LINE_LENGTH) return undefined;
  // The cheap test first: most long lines hold neither two ` [` before a digit or blank nor three ` kernel: `.
  if (count(line, ' [', true, 2) < 2 && count(line, ' kernel: ', false, 3) < 3) return undefined;
  const starts: number[] = [];
  RECORD_STAMP.lastIndex = 0;
  for (let m = RECORD_STAMP.exec(line); m !== null; m = RECORD_STAMP.exec(line)) starts.push(m.index);
  return starts.length >= MIN_RECORDS ? starts : undefined;
}

/** How many times `what` occurs in `line` (followed by a digit or blank when `stamp`), counted up to `enough`. */
function count(line: string, what: string, stamp: boolean, enough: number): number {
  let n = 0;
  for (let at = line.indexOf(what); at >= 0 && n < enough; at = line.indexOf(what, at + 1)) {
    const c = line.charCodeAt(at + what.length);
    if (!stamp || c === 32 || (c >= 48 && c <= 57)) n++;
  }
  return n;
}

/** Record `k` of a joined line as a line of its own: what comes before it blanked, so columns stay the line's. */
export function joinedRecord(line: string, starts: readonly number[], k: number): string {
  return ' '.repeat(starts[k]) + recordText(line, starts, k);
}

/** Record `k` of a joined line, for readers that need no columns. */
function recordText(line: string, starts: readonly number[], k: number): string {
  const end = k + 1 < starts.length ? starts[k + 1] : line.length;
  return line.slice(starts[k], end).trimEnd();
}

/**
 * Lines `first`..`last` of `source` with each joined console log cut into its records (the
 * words before a log's first record left out), for readers that go line by line; undefined when
 * none of them is joined.
 */
export function recordLines(source: LineSource, first: number, last: number): string[] | undefined {
  let out: string[] | undefined;
  for (let i = first; i <= last; i++) {
    const line = source.line(i);
    const starts = joinedRecordStarts(line);
    if (!starts && !out) continue;
    out ??= Array.from({ length: i - first }, (_, k) => source.line(first + k));
    if (!starts) out.push(line);
    else for (let k = 0; k < starts.length; k++) out.push(recordText(line, starts, k));
  }
  return out;
}

/** What locates a report among records: its first line and its title. */
interface ReportStart {
  line: number;
  title: string;
}

/**
 * Report `index`'s lines (its first to `last`) read record by record when a joined console log
 * is among them: from its header's record (an earlier report may start on the same joined line)
 * to the record before the next report's header. Undefined when none of the lines is joined.
 */
export function reportRecords(
  source: LineSource,
  reports: readonly ReportStart[],
  index: number,
  last: number,
): { records: string[]; header: number } | undefined {
  const report = reports[index];
  const records = recordLines(source, report.line, last);
  if (!records) return undefined;
  const headerOf = (k: number): number => {
    const r = reports[k];
    // The how-manieth report of this title on its line it is.
    let nth = 0;
    for (let j = k - 1; j >= 0 && reports[j].line === r.line; j--) if (reports[j].title === r.title) nth++;
    for (let at = 0; at < records.length; at++)
      if (records[at].includes(r.title) && !isTrailer(records[at]) && nth-- === 0) return at;
    return -1;
  };
  const header = Math.max(0, headerOf(index));
  const next = index + 1 < reports.length && reports[index + 1].line === report.line ? headerOf(index + 1) : -1;
  return { records: next > header ? records.slice(0, next) : records, header };
}

/** `---[ end Kernel panic - not syncing: ... ]---`: it repeats the panic's title but starts no report. */
function isTrailer(record: string): boolean {
  return record.startsWith('---[ end ', consolePrefixLength(record));
}

/** The frame line of a joined console log that holds `site`; the line itself when it is not joined. */
export function frameRecordHolding(line: string, site: string): string {
  const starts = joinedRecordStarts(line);
  if (!starts) return line;
  for (let k = 0; k < starts.length; k++) {
    const record = recordText(line, starts, k);
    if (record.includes(site) && parseConsoleFrame(record.slice(consolePrefixLength(record)))) return record;
  }
  return line;
}
