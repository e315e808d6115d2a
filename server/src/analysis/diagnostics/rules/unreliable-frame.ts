// `unreliable-frame` (information): a frame the unwinder itself doubted: the console's
// ` ? ` and probe-style `(inexact)` frames, crash's ` *` and `(?)`.
import { frameRecordHolding } from '../../parse/console/joined';
import { PC_NAMES } from '../../arch/registry';
import { asPrinted } from '../../parse/console/pasted';
import { defineRule, PAUSE_EVERY } from '../rule';

// crash's marks of a doubted bt frame: x86_64's ` *` and `(?)`, ppc64's `(unreliable)`.
const BT_MARKERS = ['(unreliable)', '(?)'];

/** The mark on a doubted bt frame's line, as crash printed it. */
function btMarker(line: string): string {
  const mark = BT_MARKERS.find((m) => line.includes(m)) ?? (/ \*\s*$/.test(line) ? '*' : undefined);
  return mark ? `\`${mark}\`` : 'marked doubtful';
}

export const unreliableFrame = defineRule({
  code: 'unreliable-frame',
  severity: 'info',
  description: "A frame the unwinder itself doubted (` ? `, `(inexact)`, crash's ` *`).",
  arches: 'any',
  example: {
    lines: ['Call Trace:', ' ? filemap_map_pages+0x153/0x720', ' ksys_write+0x6b/0xf0'],
    firesOn: [1],
  },
  *check({ evidence, emit }) {
    let seen = 0;
    for (const bt of evidence.model.backtraces) {
      if (++seen % PAUSE_EVERY === 0) yield;
      for (const frame of bt.frames) {
        if (!frame.unreliable) continue;
        const mark = btMarker(evidence.model.line(frame.line) ?? '');
        emit({
          severity: 'info',
          // ppc64's: the frame's return address came from an LR save word its function may not have written yet.
          message:
            mark === '`(unreliable)`'
              ? `crash could not verify frame #${frame.level} ${frame.function} (${mark}): its address comes from an LR save word on the stack that may not have been written yet (a function saves its link register only once it calls), so the frame itself may be stale`
              : `crash could not size or verify frame #${frame.level} ${frame.function} (${mark}): the frames below it may be off`,
          range: evidence.btFunctionRange(frame),
          related: [],
        });
      }
    }
    for (const report of evidence.model.reports) {
      if (++seen % PAUSE_EVERY === 0) yield;
      for (const frame of report.frames) {
        if (!frame.unreliable) continue;
        // A console log joined onto one line: the frame's own record.
        const site = frame.offset !== undefined ? `${frame.function}+0x${frame.offset.toString(16)}` : frame.function;
        const text = asPrinted(frameRecordHolding(evidence.model.line(frame.line) ?? '', site));
        const probe = text.includes('(inexact)');
        // s390x prints the interrupted frame's saved r14 in parentheses: it may be stale.
        const parenthesised = /(?:^|\]) ?\s*\(\[<[0-9a-fA-F]+>\]/.test(text);
        // powerpc's first entry: the LR save word of the newest frame, written by whatever it called last.
        const newest = text.trimEnd().endsWith('(unreliable)');
        // The fault site's own function and offset (`RIP: 0010:run_timer_softirq+0x645`): the interrupted code, no leftover.
        const atSite = report.registers.some(
          (r) => r.symbol?.name === frame.function && r.symbol.offset === frame.offset && PC_NAMES.has(r.name),
        );
        emit({
          severity: 'info',
          message: probe
            ? `${frame.function || 'frame'} is inexact: found by scanning the stack, not by unwinding`
            : parenthesised
              ? `${frame.function} is in parentheses: the r14 saved in the interrupted frame, which the unwinder cannot vouch for (it may be left over from an earlier call)`
              : newest
                ? `${frame.function} is marked \`(unreliable)\`: the LR save word of the newest frame, stale when the function running there has not called anything since`
                : atSite
                  ? `${frame.function} is marked \`?\` but is where the fault happened (the report's program counter names it): the interrupted code's address, found on the stack`
                  : `${frame.function} is marked \`?\`: a text address found on the stack that the kernel's unwinder did not reach; usually left over from an earlier call`,
          range: evidence.wordRange(frame.line, frame.function || undefined),
          related: [],
        });
      }
    }
  },
});
