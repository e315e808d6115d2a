// `report-damaged`: the parser's damage findings on a console report (interleaved with
// another CPU's output, truncated, no frames after the call-trace marker; see
// ../../reportDamage.ts), as one warning on the report's header.
import { defineRule } from '../rule';

export const reportDamaged = defineRule({
  code: 'report-damaged',
  severity: 'warning',
  description: 'A console report is interleaved with other output, truncated, or has no frames after its call-trace marker.',
  arches: 'any',
  example: {
    lines: [
      '[   52.128311] WARNING: CPU: 0 PID: 1 at kernel/foo.c:10 foo+0x5/0x10',
      '[   52.128400] RIP: 0010:foo+0x5/0x10',
      '[   52.128500] Call Trace:',
      '[   52.128600] ---[ end trace 0000000000000000 ]---',
    ],
    firesOn: [0],
  },
  check({ evidence, emit }) {
    for (const report of evidence.model.reports) {
      if (report.damage.length === 0) continue;
      emit({
        severity: 'warning',
        message: `this ${report.kind === 'other' ? 'report' : report.kind + ' report'} is damaged: ${report.damage.slice(0, 5).join('; ')}`,
        range: evidence.lineRange(report.line),
        related: [],
      });
    }
  },
});
