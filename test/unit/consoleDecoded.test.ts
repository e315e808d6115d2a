// Traces decoded by decode_stacktrace.sh as the 0-day robot (LKP) mails them: the offset replaced
// by the source locations (`dump_stack_lvl (lib/dump_stack.c:122)`), `?` and discriminators kept,
// the prefix's blanks squeezed. Excerpts of an LKP report (i386, 6.13-rc5, lockdep).
import { strict as assert } from 'assert';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import { parseConsoleFrame, siteFunction } from '../../server/src/analysis/parse/console';
import { summarize } from '../../server/src/analysis/summary';

const LOCKDEP_DECODED = [
  '[    5.611439][    T1] WARNING: possible recursive locking detected',
  '[    5.612070][    T1] 6.13.0-rc5-00768-ga105e36eac9f #1 Tainted: G                T',
  '[    5.612838][    T1] --------------------------------------------',
  '[    5.613448][    T1] swapper/1 is trying to acquire lock:',
  '[ 5.613981][ T1] 8bb1f2c0 ((netdev_chain).rwsem){++++}-{4:4}, at: blocking_notifier_call_chain (kernel/notifier.c:?)',
  '[    5.614973][    T1]',
  '[    5.614973][    T1] but task is already holding lock:',
  '[ 5.615681][ T1] 8bb1f2c0 ((netdev_chain).rwsem){++++}-{4:4}, at: blocking_notifier_call_chain (kernel/notifier.c:?)',
  '[    5.623745][    T1] stack backtrace:',
  '[    5.624307][    T1] CPU: 0 UID: 0 PID: 1 Comm: swapper Tainted: G                T  6.13.0-rc5-00768-ga105e36eac9f #1',
  '[    5.626829][    T1] Call Trace:',
  '[ 5.627162][ T1] dump_stack_lvl (lib/dump_stack.c:122)',
  '[ 5.627595][ T1] ? vprintk (kernel/printk/printk_safe.c:?)',
  '[ 5.628004][ T1] dump_stack (lib/dump_stack.c:129)',
  '[ 5.628427][ T1] print_deadlock_bug (kernel/locking/lockdep.c:3039)',
  '[ 5.628931][ T1] __lock_acquire (kernel/locking/lockdep.c:3089 kernel/locking/lockdep.c:3891 kernel/locking/lockdep.c:5226)',
  '[ 5.629437][ T1] lock_acquire (kernel/locking/lockdep.c:5849)',
  '[ 5.630484][ T1] down_read (kernel/locking/rwsem.c:1524)',
  '[ 5.632054][ T1] blocking_notifier_call_chain (kernel/notifier.c:?)',
  '[ 5.633224][ T1] register_netdevice (include/linux/notifier.h:207 net/core/dev.c:10597)',
  '[ 5.639684][ T1] ? ktime_get (include/linux/seqlock.h:368 (discriminator 3) include/linux/seqlock.h:388 (discriminator 3) kernel/time/timekeeping.c:815 (discriminator 3))',
  '[ 5.645293][ T1] do_initcall_level (init/main.c:1327 (discriminator 6))',
  '[ 5.649060][ T1] ret_from_fork_asm (??:?)',
  '[    7.669903][   T35] e1000: eth0 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: RX',
];

describe('console traces decoded by decode_stacktrace.sh (LKP)', () => {
  it('reads a decoded frame as its function and the source line of that function', () => {
    const cases: [string, string, string | undefined, boolean][] = [
      ['dump_stack_lvl (lib/dump_stack.c:122)', 'dump_stack_lvl', 'lib/dump_stack.c:122', false],
      ['? vprintk (kernel/printk/printk_safe.c:?)', 'vprintk', 'kernel/printk/printk_safe.c:?', true],
      // Inlined calls come first, the named function's own line last.
      [
        'register_netdevice (include/linux/notifier.h:207 net/core/dev.c:10597)',
        'register_netdevice',
        'net/core/dev.c:10597',
        false,
      ],
      ['do_initcall_level (init/main.c:1327 (discriminator 6))', 'do_initcall_level', 'init/main.c:1327', false],
      ['ret_from_fork_asm (??:?)', 'ret_from_fork_asm', undefined, false],
    ];
    for (const [body, fn, source, unreliable] of cases) {
      const frame = parseConsoleFrame(body);
      assert.equal(frame?.function, fn, body);
      assert.equal(frame.source, source, body);
      assert.equal(frame.unreliable, unreliable, body);
      assert.equal(frame.column, body.indexOf(fn), body);
    }
    // A module's frame names its module after the locations, bare (LKP, 6.x nfsd).
    assert.equal(parseConsoleFrame('nfsd_dispatch (fs/nfsd/nfssvc.c:1004) nfsd')?.module, 'nfsd');
    // Kept offsets take the decoded locations too.
    assert.equal(
      parseConsoleFrame(' check_preemption_disabled+0x2a/0x680 (lib/smp_processor_id.c:16 (discriminator 1))')?.source,
      'lib/smp_processor_id.c:16',
    );
    // Prose with a parenthesis is no frame.
    assert.equal(parseConsoleFrame('see the fix (net/core/dev.c:10597)'), undefined);
    // lockdep's held-lock line names the function that took the lock.
    assert.equal(siteFunction(LOCKDEP_DECODED[4].slice(18)), 'blocking_notifier_call_chain');
  });

  it('gives an LKP lockdep report its frames and the standard title, with no damage', () => {
    const text = LOCKDEP_DECODED.join('\n');
    const model = analyze(text);
    const [report] = summarize(model).reports;
    assert.equal(report.kind, 'lockdep');
    assert.equal(report.title, 'possible deadlock in blocking_notifier_call_chain');
    assert.deepEqual(report.damage, []);
    assert.deepEqual(
      report.frames.map((f) => f.function),
      [
        'dump_stack_lvl',
        'vprintk',
        'dump_stack',
        'print_deadlock_bug',
        '__lock_acquire',
        'lock_acquire',
        'down_read',
        'blocking_notifier_call_chain',
        'register_netdevice',
        'ktime_get',
        'do_initcall_level',
        'ret_from_fork_asm',
      ],
    );
    assert.equal(report.frames[8].source, 'net/core/dev.c:10597');
    assert.equal(diagnose(model).diagnostics.filter((d) => d.code === 'report-damaged').length, 0);
    // i386's `? handle_exception` (a stale word) is no evidence of riscv64, whose entry code has that name.
    const stale = text.replace('? vprintk (kernel/printk/printk_safe.c:?)', '? handle_exception (init_task.c:?)');
    assert.equal(analyze(stale).arch, 'unknown');
  });
});
