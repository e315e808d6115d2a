// `stale-frame` of a system call's entry seen twice on a task's stack: a task makes one system call at a
// time, so the frames above the innermost entry are return addresses left by earlier calls (likely: an
// information, not a warning). Excerpts of crash's commit messages (github.com/crash-utility/crash),
// unedited, whose authors marked the stale entries with `<<`.
import { strict as assert } from 'assert';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';

function staleLines(lines: readonly string[]): number[] {
  return diagnose(analyze(lines.join('\n')), { unwinder: null })
    .diagnostics.filter((d) => d.code === 'stale-frame')
    .map((d) => d.range.start.line);
}

describe('stale-frame: a system call entered twice', () => {
  it("doubts x86_64's outer do_syscall_64 of a bt crash read without ORC data", () => {
    // Commit 77d8621, "x86_64: Fix \"bt\" command printing stale entries on Linux 6.4 and later".
    const lines = [
      '  crash> bt 1',
      '  PID: 1        TASK: ffff93cd06294180  CPU: 51   COMMAND: "systemd"',
      '   #0 [ffffb72bc00cbc98] __schedule at ffffffff86e52aae',
      '   #1 [ffffb72bc00cbd00] schedule at ffffffff86e52f6a',
      '   #2 [ffffb72bc00cbd18] schedule_hrtimeout_range_clock at ffffffff86e58ef5',
      '   #3 [ffffb72bc00cbd88] ep_poll at ffffffff8669624d',
      '   #4 [ffffb72bc00cbe28] do_epoll_wait at ffffffff86696371',
      '   #5 [ffffb72bc00cbe30] do_timerfd_settime at ffffffff8669902b        <<',
      '   #6 [ffffb72bc00cbe60] __x64_sys_epoll_wait at ffffffff86696bf0',
      '   #7 [ffffb72bc00cbeb0] do_syscall_64 at ffffffff86e3feb9',
      '   #8 [ffffb72bc00cbee0] __task_pid_nr_ns at ffffffff863330d7          <<',
      '   #9 [ffffb72bc00cbf08] syscall_exit_to_user_mode at ffffffff86e466b2 << stale entries',
      '  #10 [ffffb72bc00cbf18] do_syscall_64 at ffffffff86e3fec9             <<',
    ];
    const stale = staleLines(lines);
    assert.ok(stale.includes(lines.findIndex((l) => l.includes('do_syscall_64 at ffffffff86e3fec9'))), String(stale));
    assert.ok(!stale.includes(lines.findIndex((l) => l.includes('do_syscall_64 at ffffffff86e3feb9'))), String(stale));
    const [info] = diagnose(analyze(lines.join('\n')), { unwinder: null }).diagnostics.filter((d) => d.code === 'stale-frame');
    assert.equal(info.severity, 'info');
  });

  it('doubts both leftover entries of a stack with a random offset, not the live one', () => {
    // Commit daa43fa, "x86_64: Fix \"bt\" command on kernels with random_kstack_offset=on".
    const lines = [
      '  crash> bt 1',
      '  PID: 1        TASK: ffff9c250023b880  CPU: 0    COMMAND: "systemd"',
      '    #0 [ffffb7e5c001fc80] __schedule at ffffffff91ae2b16',
      '    #1 [ffffb7e5c001fd00] schedule at ffffffff91ae2ed3',
      '    #2 [ffffb7e5c001fd18] schedule_hrtimeout_range_clock at ffffffff91ae7ed8',
      '    #3 [ffffb7e5c001fda8] ep_poll at ffffffff913ef828',
      '    #4 [ffffb7e5c001fe48] do_epoll_wait at ffffffff913ef943',
      '    #5 [ffffb7e5c001fe80] __x64_sys_epoll_wait at ffffffff913f0130',
      '    #6 [ffffb7e5c001fed0] do_syscall_64 at ffffffff91ad7169',
      '    #7 [ffffb7e5c001fef0] do_syscall_64 at ffffffff91ad7179             <<',
      '    #8 [ffffb7e5c001ff10] syscall_exit_to_user_mode at ffffffff91adaab2 << stale entries',
      '    #9 [ffffb7e5c001ff20] do_syscall_64 at ffffffff91ad7179             <<',
    ];
    const at = (s: string, nth = 0) => lines.map((l, i) => (l.includes(s) ? i : -1)).filter((i) => i >= 0)[nth];
    assert.deepEqual(staleLines(lines), [at('do_syscall_64 at ffffffff91ad7179'), at('do_syscall_64 at ffffffff91ad7179', 1)]);
  });
});
