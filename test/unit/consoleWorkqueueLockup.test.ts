// The workqueue watchdog's report (kernel/workqueue.c wq_watchdog_timer_fn): a pool made no progress,
// no CPU is stuck, and no stack prints; it is a kind of its own, not a soft lockup. A Xen dom0's, as
// posted to xen-devel (Jan Beulich, on ballooning), without timestamps.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

const LOCKUP = [
  'BUG: workqueue lockup - pool cpus=6 node=0 flags=0x0 nice=0 stuck for 64s!',
  'Showing busy workqueues and worker pools:',
  'workqueue events: flags=0x0',
  '  pwq 12: cpus=6 node=0 flags=0x0 nice=0 active=2/256 refcnt=3',
  '    in-flight: 229:balloon_process',
  '    pending: cache_reap',
  'pool 12: cpus=6 node=0 flags=0x0 nice=0 hung=64s workers=3 idle: 2222 43',
];

describe('a workqueue lockup', () => {
  it('is a report of its own kind, undamaged without a stack, titled as syzkaller titles it', () => {
    const reports = summarize(analyze(LOCKUP.join('\n'))).reports;
    assert.deepEqual(
      reports.map((r) => [r.kind, r.title, r.damage]),
      [['workqueue-lockup', 'BUG: workqueue lockup', []]],
    );
  });
});
