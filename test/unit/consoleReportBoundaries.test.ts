// Where one console report ends and the next begins when the first printed no stack: lockdep's `=====`
// banner starts a report of its own even a few lines after an RCU stall's header.
// - RCU_STALL_THEN_LOCKDEP: kasan-dev, Steven Rostedt, "Re: [PATCH] kfence: Avoid stalling…" (2020-11-23;
//   the lockdep report's stack cut short).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

const RCU_STALL_THEN_LOCKDEP = [
  '[ 1614.162007] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:',
  '[ 1614.168625]  (detected by 0, t=3752 jiffies, g=3529, q=1)',
  '[ 1614.170825] rcu: All QSes seen, last rcu_preempt kthread activity 242 (4295293115-4295292873), jiffies_till_next_fqs=1, root ->qsmask 0x0',
  '[ 1614.194272] ',
  '[ 1614.196673] ================================',
  '[ 1614.199738] WARNING: inconsistent lock state',
  '[ 1614.203056] 5.10.0-rc4-next-20201119-00004-g77838ee21ff6-dirty #21 Not tainted',
  '[ 1614.207012] --------------------------------',
  '[ 1614.210125] inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.',
  '[ 1614.213832] swapper/0/1 [HC0[0]:SC0[0]:HE0:SE1] takes:',
  '[ 1614.217288] ffffd942547f47d8 (rcu_node_0){?.-.}-{2:2}, at: rcu_sched_clock_irq+0x7c0/0x17a0',
  '[ 1614.225496] {IN-HARDIRQ-W} state was registered at:',
  '[ 1614.229031]   __lock_acquire+0xae8/0x1ac8',
  '[ 1614.232203]   lock_acquire+0x268/0x508',
  '[ 1614.235254]   _raw_spin_lock_irqsave+0x78/0x14c',
  '[ 1614.238547]   rcu_sched_clock_irq+0x7c0/0x17a0',
  '[ 1614.241757]   update_process_times+0x6c/0xb8',
  '[ 1614.244950]   tick_sched_handle.isra.0+0x58/0x88',
  '[ 1614.248225]   tick_sched_timer+0x68/0xe0',
  '[ 1614.251304]   __hrtimer_run_queues+0x288/0x730',
  '[ 1614.254516]   hrtimer_interrupt+0x114/0x288',
  '[ 1614.257650]   arch_timer_handler_virt+0x50/0x70',
  '[ 1614.260922]   handle_percpu_devid_irq+0x104/0x4c0',
  '[ 1614.264236]   generic_handle_irq+0x54/0x78',
  '[ 1614.267385]   __handle_domain_irq+0xac/0x130',
  '[ 1614.270585]   gic_handle_irq+0x70/0x108',
  '[ 1614.273633]   el1_irq+0xc0/0x180',
];

describe('console: report boundaries', () => {
  it("starts lockdep's report at its banner, not inside an RCU stall that printed no stack", () => {
    const reports = summarize(analyze(RCU_STALL_THEN_LOCKDEP.join('\n'))).reports;
    assert.deepEqual(
      reports.map((r) => [r.kind, r.line]),
      [
        ['rcu-stall', 1],
        ['lockdep', 6],
      ],
    );
  });
});
