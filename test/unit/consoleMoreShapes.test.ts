// Report headers and trace shapes of real logs the reader used to miss: the hard-lockup header of
// 4.x–6.4 (`NMI watchdog: Watchdog detected hard LOCKUP on cpu 87`) and RHEL 7's panic form, old
// x86_64's `<EOE>`/`<<EOE>>` end of an exception stack, warn_alloc's `page allocation failure`,
// decode_stacktrace frames with arm64's `(T)` mark, and a hung task's function.
import { strict as assert } from 'assert';
import { LineKind } from '../../server/src/analysis/lineKinds';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

// An arm64 pseudo-NMI hard lockup (lkdtm HARDLOCKUP), Ampere LTS kernel issue 181.
const ARM64_HARD_LOCKUP = [
  '[  757.732740] lkdtm: Performing direct entry HARDLOCKUP',
  '[  806.732804] NMI watchdog: Watchdog detected hard LOCKUP on cpu 87',
];

// A 3.10 hard lockup panic (redpill-lkm issue 21), every frame `?` and `<<EOE>>` after the NMI stack.
const RHEL7_HARD_LOCKUP = [
  '[41152.354507] Kernel panic - not syncing: Watchdog detected hard LOCKUP on cpu 1',
  '[41152.389469] CPU: 1 PID: 5121 Comm: influxd Tainted: PF          O 3.10.108 #42218',
  '[41152.425738] Hardware name: HP ProLiant MicroServer Gen8, BIOS J06 04/04/2019',
  '[41152.460622]  ffffffff814a2759 ffffffff814a16b1 0000000000000010 ffff880409a48d60',
  '[41152.498165]  ffff880409a48cf8 0000000000000000 0000000000000001 0000000000000001',
  '[41152.535348]  0000000000000001 ffffffff80000001 0000000000000030 ffff8803f52ddc00',
  '[41152.571634] Call Trace:',
  '[41152.583761]  <NMI>  [<ffffffff814a2759>] ? dump_stack+0xc/0x15',
  '[41152.612922]  [<ffffffff814a16b1>] ? panic+0xbb/0x1df',
  '[41152.637273]  [<ffffffff810a9eb8>] ? watchdog_overflow_callback+0xa8/0xb0',
  '[41152.670285]  [<ffffffff810db7d3>] ? __perf_event_overflow+0x93/0x230',
  '[41152.701594]  [<ffffffff810da612>] ? perf_event_update_userpage+0x12/0xf0',
  '[41152.734834]  [<ffffffff810152a4>] ? intel_pmu_handle_irq+0x1b4/0x340',
  '[41152.766158]  [<ffffffff814a9d06>] ? perf_event_nmi_handler+0x26/0x40',
  '[41152.797370]  [<ffffffff814a944e>] ? do_nmi+0xfe/0x440',
  '[41152.822551]  [<ffffffff814a8a53>] ? end_repeat_nmi+0x1e/0x7e',
  '[41152.849821]  <<EOE>> ',
];

// A 3.x NMI backtrace with printk levels (`<4>`), the interrupted frame after `<EOE>` on its line.
const EOE_FRAME = [
  '<4>[1401585.395826]  [<ffffffff8b03282c>] do_nmi+0xec/0x140',
  '<4>[1401585.395826]  [<ffffffff8b5d6721>] end_repeat_nmi+0x1a/0x1e',
  '<4>[1401585.395826]  [<ffffffff8b0ca613>] ? native_queued_spin_lock_slowpath+0x113/0x1a0',
  '<4>[1401585.395827]  [<ffffffff8b0ca613>] ? native_queued_spin_lock_slowpath+0x113/0x1a0',
  '<4>[1401585.395827]  [<ffffffff8b0ca613>] ? native_queued_spin_lock_slowpath+0x113/0x1a0',
  '<4>[1401585.395827]  <EOE>  [<ffffffff8b5d4df8>] _raw_spin_lock_irq+0x28/0x30',
];

// A 3.18 order-8 allocation failure (dm-writeboost issue 72).
const PAGE_ALLOCATION_FAILURE = [
  '[41923.154238] dmwb_writeback_: page allocation failure: order:8, mode:0x204010',
  '[41923.154241] CPU: 2 PID: 2674 Comm: dmwb_writeback_ Tainted: G           O   3.18.18+40-ph #1',
  '[41923.154242] Hardware name: Supermicro X10SRH/X10SRH-CF, BIOS T20141128183646 11/28/2014',
  '[41923.154243]  0000000000000000 ffff880aea4239c8 ffffffff815f3246 0000000000000001',
  '[41923.154244]  0000000000204010 ffff880aea423a58 ffffffff81138d22 ffff880aea423a58',
  '[41923.154246]  ffffffff815ee446 ffff880aea423a20 ffff880c7ffd9b38 ffff880aea423a28',
  '[41923.154247] Call Trace:',
  '[41923.154253]  [<ffffffff815f3246>] dump_stack+0x46/0x58',
  '[41923.154257]  [<ffffffff81138d22>] warn_alloc_failed+0xe2/0x150',
  '[41923.154259]  [<ffffffff815ee446>] ? __alloc_pages_direct_compact+0x66/0x19f',
  '[41923.154260]  [<ffffffff815eec68>] __alloc_pages_slowpath+0x6e9/0x754',
  '[41923.154262]  [<ffffffff8113c09a>] __alloc_pages_nodemask+0x22a/0x240',
  '[41923.154264]  [<ffffffff8117d4ee>] alloc_pages_current+0x9e/0x110',
  '[41923.154266]  [<ffffffff8118615e>] new_slab+0x2ee/0x300',
  '[41923.154268]  [<ffffffff815f0938>] __slab_alloc+0x301/0x45d',
  '[41923.154272]  [<ffffffffa02a5da0>] ? try_alloc_writeback_ios+0xb0/0x1d0 [dm_writeboost]',
  '[41923.154274]  [<ffffffff81187f0b>] kmem_cache_alloc+0xfb/0x130',
  '',
];

// A 4.16 hung task as `dmesg -T` printed it (logrotate issue 232), its mail quoting removed.
const HUNG_TASK = [
  '[Wed Dec 19 03:36:07 2018] INFO: task logrotate:17344 blocked for more than 120 seconds.',
  '[Wed Dec 19 03:36:07 2018]       Not tainted 4.16.2-1.el7.elrepo.x86_64 #1',
  '[Wed Dec 19 03:36:07 2018] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
  '[Wed Dec 19 03:36:07 2018] logrotate       D    0 17344  17342 0x00000080',
  '[Wed Dec 19 03:36:07 2018] Call Trace:',
  '[Wed Dec 19 03:36:07 2018]  __schedule+0x293/0x8a0',
  '[Wed Dec 19 03:36:07 2018]  schedule+0x36/0x80',
  '[Wed Dec 19 03:36:07 2018]  jbd2_log_wait_commit+0x98/0x120 [jbd2]',
  '[Wed Dec 19 03:36:07 2018]  ? remove_wait_queue+0x60/0x60',
  '[Wed Dec 19 03:36:07 2018]  jbd2_complete_transaction+0x57/0x90 [jbd2]',
  '[Wed Dec 19 03:36:07 2018]  ext4_sync_file+0x1ef/0x370 [ext4]',
  '[Wed Dec 19 03:36:07 2018]  vfs_fsync_range+0x43/0xb0',
  '[Wed Dec 19 03:36:07 2018]  do_fsync+0x3d/0x70',
  '[Wed Dec 19 03:36:07 2018]  SyS_fsync+0x10/0x20',
  '[Wed Dec 19 03:36:07 2018]  do_syscall_64+0x79/0x1b0',
  '[Wed Dec 19 03:36:07 2018]  entry_SYSCALL_64_after_hwframe+0x3d/0xa2',
  '[Wed Dec 19 03:36:07 2018] RIP: 0033:0x7fb78036ee00',
  '[Wed Dec 19 03:36:07 2018] RSP: 002b:00007ffe7e85e088 EFLAGS: 00000246 ORIG_RAX: 000000000000004a',
];

// A 6.16 arm64 RCU stall through decode_stacktrace.sh (linux-rockchip issue 38), `(T)` after the location;
// the build tree's absolute prefix of its path cut to the kernel-relative part.
const DECODED_MARKED = [
  '[   31.295816] task:rcu_preempt     state:I stack:0     pid:15    tgid:15    ppid:2      task_flags:0x208040 flags:0x00000010',
  '[   31.296817] Call trace:',
  '[   31.297041] __switch_to (arch/arm64/kernel/process.c:740) (T)',
];

const reportsOf = (lines: string[]) => summarize(analyze(lines.join('\n'))).reports;

// A hung task, then the person's sysrq-t (Open-CAS issue 874, 5.10): the tasks sysrq shows are no part of it.
const HUNG_TASK_THEN_SYSRQ = [
  '[95236.785440] INFO: task cas_cache1_stop:27835 blocked for more than 122 seconds.',
  '[95236.805677]       Tainted: G S      W IO      5.10.32.x86_64 #1',
  '[95236.825634] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
  '[95236.846308] task:cas_cache1_stop state:D stack:    0 pid:27835 ppid:     2 flags:0x00004080',
  '[95236.867823] Call Trace:',
  '[95236.882433]  __schedule+0x293/0x7d0',
  '[95236.915775]  schedule+0x3c/0xa0',
  '[95236.930769]  schedule_preempt_disabled+0xa/0x10',
  '[95236.947070]  kthread+0xce/0x130',
  '[95236.976098]  ret_from_fork+0x22/0x30',
  '[95237.050702] sysrq: Show State',
  '[95237.063917] task:systemd         state:S stack:    0 pid:    1 ppid:     0 flags:0x00000000',
  '[95237.083133] Call Trace:',
  '[95237.095325]  __schedule+0x293/0x7d0',
  '[95237.122413]  schedule+0x3c/0xa0',
  '[95237.163550]  ep_poll+0x442/0x460',
  '[95237.187665]  do_epoll_wait+0xae/0xd0',
];

describe('more report headers and trace shapes of real logs', () => {
  it("ends a report where a person's sysrq starts dumps of its own", () => {
    const [hung] = analyze(HUNG_TASK_THEN_SYSRQ.join('\n')).reports;
    assert.equal(hung.kind, 'hung-task');
    assert.equal(hung.endLine, 9);
    assert.deepEqual(
      hung.frames.map((f) => f.function),
      ['__schedule', 'schedule', 'schedule_preempt_disabled', 'kthread', 'ret_from_fork'],
    );
  });

  it('reads `NMI watchdog: Watchdog detected hard LOCKUP` as a hard lockup', () => {
    assert.deepEqual(
      reportsOf(ARM64_HARD_LOCKUP).map((r) => r.kind),
      ['hard-lockup'],
    );
  });

  it("reads RHEL 7's `Kernel panic - not syncing: Watchdog detected hard LOCKUP` as one, `<<EOE>>` as the NMI stack's end", () => {
    const model = analyze(RHEL7_HARD_LOCKUP.join('\n'));
    assert.deepEqual(
      model.reports.map((r) => r.kind),
      ['hard-lockup'],
    );
    const eoe = RHEL7_HARD_LOCKUP.findIndex((l) => l.includes('<<EOE>>'));
    assert.equal(model.lineKinds[eoe], LineKind.ConsoleLine);
    assert.equal(model.reports[0].endLine, RHEL7_HARD_LOCKUP.length - 1);
  });

  it('keeps the frame printed after `<EOE>` on its line, out of the NMI context', () => {
    const model = analyze(['[1401585.395800] Call Trace:', ...EOE_FRAME].join('\n'));
    const frames = model.reports[0]?.frames ?? [];
    assert.equal(frames.length, EOE_FRAME.length);
    assert.deepEqual([frames.at(-1)?.function, frames.at(-1)?.context], ['_raw_spin_lock_irq', undefined]);
  });

  it('reads a page allocation failure as a warning that blames neither warn_alloc nor the allocator', () => {
    const [report] = reportsOf(PAGE_ALLOCATION_FAILURE);
    assert.equal(report.kind, 'warning');
    assert.equal(report.title, 'page allocation failure in corrupted');
    assert.equal(report.function, undefined);
    const withCaller = [
      ...PAGE_ALLOCATION_FAILURE,
      '[41923.154276]  [<ffffffffa02a5da0>] try_alloc_writeback_ios+0xb0/0x1d0 [dm_writeboost]',
    ];
    assert.deepEqual(
      [reportsOf(withCaller)[0].title, reportsOf(withCaller)[0].function, reportsOf(withCaller)[0].module],
      ['page allocation failure in try_alloc_writeback_ios', 'try_alloc_writeback_ios', 'dm_writeboost'],
    );
  });

  it("names a hung task's function as its title does, not the scheduler", () => {
    const [report] = reportsOf(HUNG_TASK);
    assert.equal(report.title, 'INFO: task hung in jbd2_complete_transaction');
    assert.deepEqual([report.function, report.module], ['jbd2_complete_transaction', 'jbd2']);
  });

  it('keeps a decoded frame with its `(T)` mark as a frame', () => {
    const model = analyze(['[   31.296817] Call trace:', ...DECODED_MARKED.slice(1)].join('\n'));
    const frame = model.reports[0]?.frames[0];
    assert.deepEqual(
      [frame?.function, frame?.unwoundFrom, frame?.source],
      ['__switch_to', 'task', 'arch/arm64/kernel/process.c:740'],
    );
  });

  it("reads a hung task's I/O-wait wording, its header cut short and printed again whole (syzbot, 6.x)", () => {
    const reports = reportsOf([
      '[  584.319520][   T31] INFO: t',
      '** replaying previous printk message **',
      '[  584.319520][   T31] INFO: task udevd:5612 blocked in I/O wait for more than 143 seconds.',
      '[  584.319554][   T31]       Tainted: G             L      syzkaller #0',
    ]);
    assert.deepEqual(
      reports.map((r) => [r.kind, r.header]),
      [['hung-task', 'INFO: task udevd:5612 blocked in I/O wait for more than 143 seconds.']],
    );
  });

  it('titles a panic whose message quotes the oops as a panic', () => {
    assert.deepEqual(
      reportsOf(['[  532.302442][ T3061] Kernel panic - not syncing: Oops - BUG: Fatal exception']).map((r) => r.title),
      ['kernel panic: Oops - BUG: Fatal exception'],
    );
  });

  it("opens no report for lockdep switching off, a slow NMI handler's note or the wireless-extensions notice", () => {
    assert.deepEqual(
      reportsOf([
        '[901320.960000] INFO: lockdep is turned off.',
        '[   95.445015] INFO: NMI handler (perf_event_nmi_handler) took too long to run: 1.356 msecs',
        "[   53.573906][ T6865] warning: `syz.1.261' uses wireless extensions which will stop working for Wi-Fi 7 hardware; use nl80211",
      ]),
      [],
    );
  });

  it("says in a report's frames which part of it each is printed in, and arm64's mark of where it came from", () => {
    const [lockdep] = reportsOf([
      '[ 1740.381206][    C0] WARNING: possible circular locking dependency detected',
      '[ 1740.381266][    C0] the existing dependency chain (in reverse order) is:',
      '[ 1740.381268][    C0] ',
      '[ 1740.381270][    C0] -> #2 (&rq->lock){-.-.}:',
      '[ 1740.381280][    C0]        _raw_spin_lock+0x2b/0x40',
      '[ 1740.381283][    C0]        task_fork_fair+0x41/0x3c0',
    ]);
    assert.deepEqual(
      lockdep.frames.map((f) => f.section),
      ['-> #2 (&rq->lock){-.-.}', '-> #2 (&rq->lock){-.-.}'],
    );
    const [stall] = reportsOf([
      '[   31.296817] Call trace:',
      '[   31.297041]  handle_softirqs+0x9c/0x310 (P)',
      '[   31.297042]  __do_softirq+0x14/0x20',
    ]);
    assert.deepEqual(
      stall.frames.map((f) => f.unwoundFrom),
      ['exception-pc', undefined],
    );
  });
});
