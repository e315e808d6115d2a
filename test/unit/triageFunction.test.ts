// The function a report faulted in, as triage names it: the fault-site line first, then the
// header's function, then the first frame that is neither unreliable nor the report's own printing.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

function reportsOf(lines: string[]): ReturnType<typeof summarize>['reports'] {
  return summarize(analyze(lines.join('\n') + '\n')).reports;
}

describe('the function triage names for a report', () => {
  it("reads i386's `EIP is at func+0x..` as the fault site", () => {
    // Red Hat bugzilla 865695 (3.6 i686, kept in abrt/satyr's test oopses).
    const lines = [
      'kernel BUG at include/net/cfg80211.h:2473!',
      'invalid opcode: 0000 [#1] SMP ',
      'Pid: 598, comm: wpa_supplicant Tainted: P         C O 3.6.1-1.fc17.i686.PAE #1 Hewlett-Packard HP Mini 110-1100/308F',
      'EIP: 0060:[<f8e40765>] EFLAGS: 00210246 CPU: 1',
      'EIP is at wdev_priv.part.8+0x3/0x5 [wl]',
      'EAX: 00000000 EBX: f3cf6120 ECX: f8fc05a0 EDX: f3e16400',
      'Call Trace:',
      ' [<f8e3dde1>] wl_cfg80211_scan+0x411/0x4a0 [wl]',
      ' [<c09705a8>] ? mutex_lock+0x18/0x40',
      ' [<f8034a38>] nl80211_trigger_scan+0x3d8/0x560 [cfg80211]',
    ];
    const [report] = reportsOf(lines);
    assert.deepEqual([report.function, report.module], ['wdev_priv.part.8', 'wl']);
  });

  it("passes over the report's own printing as compiler clones (`__ubsan_handle_shift_out_of_bounds.cold.14`)", () => {
    // syzkaller's report corpus (pkg/report/testdata/linux/report), "UBSAN: undefined-behaviour in xprt_calc_majortimeo".
    const lines = [
      '[  173.699127][ T8575] UBSAN: Undefined behaviour in net/sunrpc/xprt.c:597:14',
      "[  173.700242][ T8575] shift exponent 536871040 is too large for 64-bit type 'long unsigned int'",
      '[  173.701708][ T8575] CPU: 2 PID: 8575 Comm: syz-executor.0 Not tainted 5.4.0-next-20191128+ #3',
      '[  173.704304][ T8575] Call Trace:',
      '[  173.704780][ T8575]  dump_stack+0x1b1/0x22a',
      '[  173.705379][ T8575]  ubsan_epilogue+0xe/0x2b',
      '[  173.705994][ T8575]  __ubsan_handle_shift_out_of_bounds.cold.14+0x178/0x1f2',
      '[  173.709119][ T8575]  xprt_calc_majortimeo+0x210/0x280',
      '[  173.709849][ T8575]  xprt_do_reserve+0x4d2/0x720',
    ];
    assert.deepEqual(
      reportsOf(lines).map((r) => r.function),
      ['xprt_calc_majortimeo'],
    );
  });

  it('passes over an arm backtrace printer of a vendor kernel (`dump_backtrace_log_lvl`)', () => {
    // abrt/satyr's test oopses, arm-hung-task-oops (4.2 Yocto, Marvell Armada 370/XP).
    const lines = [
      'Kernel panic - not syncing: hung_task: blocked tasks',
      'CPU: 3 PID: 27 Comm: khungtaskd Tainted: P           O    4.2.8-yocto-standard-1968fcd27440e21d39a0b9e14a3be2ad #1',
      'Hardware name: Marvell Armada 370/XP (Device Tree)',
      'Backtrace: ',
      '[<c0014318>] (dump_backtrace_log_lvl) from [<c001457c>] (show_stack+0x24/0x2c)',
      ' r7:df912310 r6:df912140 r5:c081745c r4:00000000',
      '[<c0014558>] (show_stack) from [<c059798c>] (dump_stack+0x7c/0xc8)',
      '[<c0597910>] (dump_stack) from [<c05946f4>] (panic+0x98/0x218)',
      ' r5:00000061 r4:c084cea8',
      '[<c0594660>] (panic) from [<c00a8d68>] (watchdog+0x368/0x3a8)',
      ' r3:00000400 r2:00000000 r1:c08a49f8 r0:c06c0c43',
      ' r7:df912310',
      '[<c00a8a00>] (watchdog) from [<c0044898>] (kthread+0xe8/0xfc)',
    ];
    assert.deepEqual(
      reportsOf(lines).map((r) => r.function),
      ['watchdog'],
    );
  });
});
