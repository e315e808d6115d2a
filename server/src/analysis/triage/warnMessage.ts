// The message a WARN() printed with its report: the lines between `------------[ cut here ]------------`
// and the `WARNING:` line (`refcount_t: underflow; use-after-free.`, `list_add corruption. …`), what
// tells two warnings of one site apart (a refcount's underflow from its saturation). Another printk
// caller's lines interleaved there (a device's messages on another CPU) are not its.
import { consoleCaller, consolePrefixLength } from '../parse/console/lines';
import type { LineSource } from '../lines';
import type { Report } from '../types';

const CUT_HERE = /^-+\[ cut here \]-+\s*$/;
const OTHER_REPORT_LINE = /^(?:Hardware name: |CPU: \d+ |Modules linked in:|Call [Tt]race:|Kernel panic - )/;
/** How far above its `WARNING:` line a report's cut-here marker may be: a message of a few lines, others' lines between. */
const REACH = 8;

export function warnMessage(lines: LineSource, report: Report): string | undefined {
  if (report.kind !== 'warning' || !report.title.startsWith('WARNING: ')) return undefined;
  const header = lines.line(report.line);
  const caller = consoleCaller(header, consolePrefixLength(header));
  const message: string[] = [];
  for (let i = report.line - 1; i >= Math.max(0, report.line - REACH); i--) {
    const text = lines.line(i);
    const prefix = consolePrefixLength(text);
    const body = text.slice(prefix).trim();
    if (CUT_HERE.test(body)) return message.length > 0 ? message.reverse().join(' ') : undefined;
    // Another caller's line (with caller ids to tell), or a line of no console at all: skipped, not the message's.
    if (caller !== undefined && consoleCaller(text, prefix) !== caller) continue;
    if (body === '') return undefined;
    // A report's own lines of another CPU, interleaved without caller ids.
    if (OTHER_REPORT_LINE.test(body)) continue;
    message.push(body);
  }
  return undefined;
}
