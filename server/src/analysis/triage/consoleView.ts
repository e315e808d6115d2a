// One report as a triager reads it in a console log: the lines of its own printk caller from its
// header on, console prefixes cut, doubtful (`?`) frames left out, cut where the next report
// starts (when the log has no caller ids to tell reports apart) and where the panic that the
// report itself caused begins. Titles and their frames are read from this view.
import {
  continuedRecordPrefix,
  DMESG_STAMP,
  indentOf,
  isBlockIndent,
  MIN_RECORD_INDENT,
  PRINTK_CALLER,
  PRINTK_SECONDS,
  withoutLogStamp,
} from '../parse/console/lines';
import { siteAddressContinued, siteContinued } from '../parse/console/wrapped';
import { familyOf, startsNoNewReport } from './families';

// `[  12.345678] `, `[  12.345678][ T123] ` (LKP: `[  12.345678] [ T123] `), `<4>[ 1.2] `, `dmesg -T`'s
// `[Mon Nov 23 01:07:26 2026] `, after a lost-messages note; a login prompt may run into it
// (`syzkaller login: [  12.3] ...`). One group: the caller id.
// A copy that started inside the first line's timestamp left its `[` out (`17032.567735] divide error: …`).
const PRINTK_PREFIX = new RegExp(
  String.raw`^(?:\*\* \d+ printk messages dropped \*\* )?(?:<\d+>)?(?:\[ *(?:${PRINTK_SECONDS}|${DMESG_STAMP})|\d+\.\d{6})\](?: ?(${PRINTK_CALLER}))? `,
);
// Or another program's short output that ran into it on a serial console (`Running sysctl: [ 5201.3] klogd invoked …`).
const AFTER_LOGIN = new RegExp(
  String.raw`^(?:.* login: |[^\[]{1,40}?[:.] )(?:<\d+>)?\[ *${PRINTK_SECONDS}\](?: ?(${PRINTK_CALLER}))? `,
);
const CPU_CALLER = /\[ *C\d+\]/;
// A frame the unwinder was not sure of: ` ? func+0x..` (x86) anywhere on the line, or first on it
// where decode_stacktrace.sh squeezed the blanks after the prefix (`[ 5.6][ T1] ? vprintk (...)`).
const DOUBTFUL_FRAME = /(?:^| )\? /;

/** Who printed a line: its printk caller id, `console` for a bare timestamp, '' for no prefix. */
type Printer = string;
const BARE_TIMESTAMP = 'console';

/** Who printed a line, and how long its console prefix is (0 for none). */
function printerOf(line: string): { printer: Printer; prefix: number } {
  const open = line.indexOf('[');
  const m = PRINTK_PREFIX.exec(line) ?? (open > 0 && (open <= 42 || line.includes(' login: ')) ? AFTER_LOGIN.exec(line) : null);
  if (!m) return { printer: '', prefix: 0 };
  return { printer: m[1] === undefined ? BARE_TIMESTAMP : m[1].replace(/ /g, ''), prefix: m[0].length };
}

/** The line without its console prefix, and whether it is a doubtful frame. */
function withoutPrefix(line: string, prefix: number): { text: string; doubtful: boolean } {
  if (prefix === 0) return { text: line, doubtful: false };
  const text = line.slice(prefix);
  if (text.includes('<EOI>')) return { text, doubtful: false };
  const doubtful = DOUBTFUL_FRAME.exec(text);
  if (doubtful) return { text: text.slice(doubtful.index + doubtful[0].length - 1), doubtful: true };
  if (text.endsWith(' (unreliable)')) return { text: text.slice(0, -13), doubtful: true };
  return { text, doubtful: false };
}

/** A header line syzbot's symbolizer expanded for an inlined function: `… in instrument_atomic_read include/linux/instrumented.h:68 [inline]`. */
const INLINED_HEADER = / \[inline\](?:, CPU#\d+: .*)?$/;
/** How many expanded header lines a report may open with (one per inlined function). */
const MAX_EXPANDED_HEADERS = 32;

/**
 * The header line a report is titled by: syzbot's reports repeat their header once per function
 * inlined at the fault (`BUG: KASAN: slab-use-after-free in atomic_dec … [inline]`, then
 * `… in iowarrior_write_callback+0xdc/0x190 …`; `WARNING: lib/x.c:632 at f … [inline], CPU#1: …`):
 * the last of them is the one the kernel printed, whose function syzkaller titles it by.
 */
function lastExpandedHeader(lineAt: (i: number) => string, lineCount: number, start: number): number {
  let i = start;
  while (i + 1 < lineCount && i - start < MAX_EXPANDED_HEADERS) {
    const here = bodyOf(lineAt(i));
    if (!INLINED_HEADER.test(here)) break;
    const stem = headerStem(here);
    if (stem === undefined || !bodyOf(lineAt(i + 1)).startsWith(stem)) break;
    i++;
  }
  return i;
}

/** A line without its log stamp and console prefix. */
function bodyOf(line: string): string {
  const text = withoutLogStamp(line);
  return text.slice(printerOf(text).prefix);
}

/** A header up to the function it names: through its first ` in ` (sanitizers) or ` at ` (a WARN's site). */
function headerStem(header: string): string | undefined {
  const marks = [header.indexOf(' in '), header.indexOf(' at ')].filter((at) => at > 0);
  return marks.length ? header.slice(0, Math.min(...marks) + 4) : undefined;
}

// Messages that print a stack of their own without being a bug: inside a report they mean the
// report's text is mixed with another one.
const STACK_PRINTING_MESSAGES = [
  'vmalloc: allocation failure:',
  'FAULT_INJECTION: forcing a failure',
  'FAULT_FLAG_ALLOW_RETRY missing',
];

// Lines after which the rest is the panic this report caused (panic_on_warn) or a lockdep report
// that printing the oops triggered; cut only when enough of the report came before them.
const FOLLOW_ON = /Kernel panic - not syncing|WARNING: possible circular locking dependency detected/;

// Titles come from a report's first few hundred lines; the bounds keep a log full of reports cheap.
const MAX_SCANNED = 5000;
const MAX_KEPT = 600;

/**
 * The lines of a block pasted indented as a whole (a commit message's blanks, a mail's tab) read
 * unindented: the indent before the report's header `start` is cut from every line that has it.
 */
function unindentedLines(lineAt: (i: number) => string, start: number): (i: number) => string {
  const first = lineAt(start);
  const indent = first.slice(0, indentOf(first));
  if (indent === '' || !isBlockIndent(indent)) return lineAt;
  return (i) => {
    const line = lineAt(i);
    return line.startsWith(indent) ? line.slice(indent.length) : line;
  };
}

/** Lines as printk printed them: a record's later lines, indented by dmesg or journalctl, with the record's prefix. */
function recordsContinued(lineAt: (i: number) => string): (i: number) => string {
  return (i) => {
    const line = lineAt(i);
    if (!line.startsWith(' '.repeat(MIN_RECORD_INDENT))) return line;
    const prefix = continuedRecordPrefix(lineAt, line, i);
    return prefix === undefined ? line : prefix + line.slice(prefix.length);
  };
}

/** Lines of one report, from its header line `start` to where it ends, as `\n`-terminated text. */
export function reportView(pastedLineAt: (i: number) => string, lineCount: number, headerLine: number): string {
  const lineAt = recordsContinued(unindentedLines(pastedLineAt, headerLine));
  const start = lastExpandedHeader(lineAt, lineCount, headerLine);
  // Lines kept in a system log are read as printk printed them.
  const header = withoutLogStamp(lineAt(start));
  const { printer } = printerOf(header);
  const ownCallerOnly = printer !== '' && printer !== BARE_TIMESTAMP;
  // KMSAN reports are short (no `Call Trace:` and register lines before their stack).
  const followOnAfter = header.includes('BUG: KMSAN:') ? 16 : 22;
  const out: string[] = [];
  let kept = 0;
  let nextReportSeen = false;
  let allCpus = false;
  let dropRest = false;
  const end = Math.min(lineCount, start + MAX_SCANNED);
  for (let i = start; i < end && out.length < MAX_KEPT; i++) {
    const line = withoutLogStamp(lineAt(i));
    const isHeader = i === start;
    if (!isHeader && !nextReportSeen) {
      if ((familyOf(line) && !startsNoNewReport(line)) || STACK_PRINTING_MESSAGES.some((m) => line.includes(m)))
        nextReportSeen = true;
      if (nextReportSeen && !ownCallerOnly) break;
    }
    const { printer: linePrinter, prefix } = printerOf(line);
    const { text, doubtful } = withoutPrefix(line, prefix);
    if (!isHeader && (doubtful || (linePrinter !== printer && !(allCpus && CPU_CALLER.test(linePrinter))))) continue;
    kept++;
    let skip = dropRest;
    if (line.includes('Disabling lock debugging due to kernel taint')) skip = true;
    else if (line.includes('Sending NMI from CPU')) allCpus = true;
    else if (FOLLOW_ON.test(line) && kept > followOnAfter) {
      dropRest = true;
      skip = true;
    }
    if (!isHeader && skip) continue;
    // A WARN or KASAN header a mailer wrapped after its site, `at` or `in` is read with the lines it went on to.
    const site = isHeader ? siteContinued(text, (ahead) => (i + ahead < end ? lineAt(i + ahead) : undefined)) : undefined;
    if (site !== undefined) i += site.taken;
    // So is a RIP line wrapped after its addresses, with its function.
    const rip = isHeader || i + 1 >= end ? undefined : siteAddressContinued(text, lineAt(i + 1));
    if (rip !== undefined) i++;
    out.push(site?.text ?? rip ?? text);
  }
  return out.join('\n') + '\n';
}
