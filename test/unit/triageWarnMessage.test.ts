// A WARN()'s own message, printed between its `[ cut here ]` line and its `WARNING:` header, is the
// report's `message`: what tells two warnings of one site apart (a refcount's underflow from its
// saturation). Real syzkaller logs (../shared/corpus/syzkaller), some with other CPUs' lines between.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { formatSummary, summarize } from '../../server/src/analysis/summary';
import { hasShared, syzkallerReports } from '../support/corpus';

describe("a WARN()'s message", () => {
  (hasShared ? it : it.skip)("is the text between the cut-here line and the WARNING line, without other CPUs' lines", () => {
    const messages = new Map<string, string>();
    for (const { name, log } of syzkallerReports()) {
      for (const r of summarize(analyze(log)).reports) if (r.message !== undefined) messages.set(name, r.message);
    }
    // A refcount's warnings say which it was; 335's message has another CPU's `Hardware name:` printed into it.
    assert.equal(messages.get('473'), 'refcount_t: underflow; use-after-free.');
    assert.equal(messages.get('335'), 'downgrading a read lock');
    assert.ok(
      [...messages.values()].every((m) => !/^(?:Hardware name|CPU: \d|------------)/.test(m)),
      [...messages.values()].join('\n'),
    );
    assert.ok(messages.size >= 30, `${messages.size} messages`);
  });

  it('is printed by `crashlog analyze` under the header', () => {
    // syzkaller's log 473, its first lines (another task's HID messages between, told apart by caller id).
    const log = [
      '[  347.999844][ T4270] ------------[ cut here ]------------',
      '[  348.000384][   T78] steelseries_srws1 0003:1038:1410.00A7: unknown main item tag 0x0',
      '[  348.001259][ T4270] refcount_t: underflow; use-after-free.',
      '[  348.001333][ T4270] WARNING: CPU: 0 PID: 4270 at lib/refcount.c:28 refcount_warn_saturate+0x1d1/0x1e0',
    ];
    assert.match(
      formatSummary(summarize(analyze(log.join('\n')))),
      /WARNING: CPU: 0 PID: 4270 at lib\/refcount\.c:28 refcount_warn_saturate\+0x1d1\/0x1e0\n {2}message: refcount_t: underflow; use-after-free\.\n/,
    );
  });
});
