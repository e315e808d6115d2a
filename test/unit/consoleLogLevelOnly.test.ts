// A console log as /proc/kmsg and a kernel without CONFIG_PRINTK_TIME give it (RHEL 6's): each line starts
// with its log level alone, no timestamp after it. A hung task of github.com/openzfs/zfs/issues/4339, unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { consolePrefixLength } from '../../server/src/analysis/parse/console';
import { summarize } from '../../server/src/analysis/summary';

const HUNG_TASK = [
  '<3>INFO: task txg_sync:4116 blocked for more than 120 seconds.',
  '<3>"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
  '<6>txg_sync      D 0000000000000008     0  4116      2 0x00000000',
  '<4> ffff88106960db70 0000000000000046 0000000000000001 ffff88107158a570',
  '<4> 0000000000000000 0000000000000000 ffff88106960daf0 ffffffff81063322',
  '<4> ffff8810704c7058 ffff88106960dfd8 000000000000fb88 ffff8810704c7058',
  '<4>Call Trace:',
  '<4> [<ffffffff81063322>] ? default_wake_function+0x12/0x20',
  '<4> [<ffffffff810a1aa9>] ? ktime_get_ts+0xa9/0xe0',
  '<4> [<ffffffff8150de73>] io_schedule+0x73/0xc0',
  '<4> [<ffffffffa021bccc>] cv_wait_common+0xac/0x1c0 [spl]',
  '<4> [<ffffffffa038de70>] ? zio_execute+0x0/0x140 [zfs]',
  '<4> [<ffffffff81096c80>] ? autoremove_wake_function+0x0/0x40',
  '<4> [<ffffffffa021bdf8>] __cv_wait_io+0x18/0x20 [spl]',
  '<4> [<ffffffffa038e0ab>] zio_wait+0xfb/0x1b0 [zfs]',
  '<4> [<ffffffffa031c083>] dsl_pool_sync+0xb3/0x430 [zfs]',
  '<4> [<ffffffffa0331be3>] spa_sync+0x433/0xac0 [zfs]',
  '<4> [<ffffffffa03465b4>] txg_sync_thread+0x3b4/0x640 [zfs]',
  '<4> [<ffffffff81056089>] ? set_user_nice+0xc9/0x130',
  '<4> [<ffffffffa0346200>] ? txg_sync_thread+0x0/0x640 [zfs]',
  '<4> [<ffffffffa0213978>] thread_generic_wrapper+0x68/0x80 [spl]',
];

describe('console lines with a log level and no timestamp', () => {
  it('cuts the level as the console prefix', () => {
    assert.equal(HUNG_TASK[6].slice(consolePrefixLength(HUNG_TASK[6])), 'Call Trace:');
    assert.equal(HUNG_TASK[9].slice(consolePrefixLength(HUNG_TASK[9])), ' [<ffffffff8150de73>] io_schedule+0x73/0xc0');
  });

  it('reads the report, its frames and its title as without the levels', () => {
    const summary = summarize(analyze(HUNG_TASK.join('\n')));
    assert.equal(summary.reports.length, 1);
    const report = summary.reports[0];
    assert.equal(report.kind, 'hung-task');
    assert.equal(report.title, 'INFO: task hung in dsl_pool_sync');
    assert.equal(report.frames.filter((f) => !f.unreliable).length, 8);
  });
});
