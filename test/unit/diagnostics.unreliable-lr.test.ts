// unreliable-frame on ppc64: crash marks `(unreliable)` a frame whose address it took from an LR
// save word; where the exception frame just above holds that address in LR, the frame is the
// interrupted function's caller and the note says so instead of calling it possibly stale. An
// excerpt of crash's commit 5da4d15 (github.com/crash-utility/crash), "Fix unwinding with 32k stacks
// in ppc64le", unedited.
import { strict as assert } from 'assert';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';

describe('unreliable-frame: a ppc64 frame the exception frame confirms', () => {
  it("says the exception frame's LR confirms `_raw_spin_lock (unreliable)`", () => {
    const lines = [
      'crash> bt -c 3',
      'PID: 17524    TASK: c0000000b2c0e400  CPU: 3    COMMAND: "xyz"',
      ' #0 [c000001dff7d7c10] smp_call_function_single_async at c00000000028dd38',
      ' #1 [c000001dff7d7d30] _raw_spin_lock_irqsave at c000000001023f1c',
      ' #2 [c000001dff7d7d60] ibmvscsi_handle_crq at c0080000044635ec [ibmvscsi]',
      ' #3 [c000001dff7d7de0] ibmvscsi_task at c008000004463804 [ibmvscsi]',
      ' #4 [c000001dff7d7e30] tasklet_action_common.constprop.0 at c0000000001624cc',
      ' #5 [c000001dff7d7e90] __do_softirq at c0000000010244cc',
      ' #6 [c000001dff7d7f90] do_softirq_own_stack at c000000000016480',
      ' #7 [c000000140d67700] __irq_exit_rcu at c0000000001613b8',
      ' #8 [c000000140d67730] irq_exit at c000000000162170',
      ' #9 [c000000140d67750] do_IRQ at c000000000015fa4',
      ' #10 [c000000140d67780] hardware_interrupt_common_virt at c000000000009080',
      ' Hardware Interrupt [500] exception frame:',
      ' R0:  c000000001023de0    R1:  c000000140d67a90    R2:  c000000002c02500',
      ' R3:  c00800000b30269c    R4:  0000000000000001    R5:  0000000000000001',
      ' R6:  ffffffffffffffff    R7:  0000000000000000    R8:  0000000000000000',
      ' R9:  fffffffffffe0000    R10: 0000000000000002    R11: 0000000048422824',
      ' R12: c000000001023d70    R13: c000001dffffd480    R14: 00007ffd6ef6d238',
      ' R15: 0000000000000028    R16: c000001dfc1e2280    R17: c000001dfc1e2280',
      ' R18: 00000000ab97fa48    R19: 0000000000000000    R20: 0000000000000001',
      ' R21: 0000001df9ff0000    R22: 0000000000000028    R23: c0000000021f2280',
      ' R24: 0000000000000000    R25: c0000000021f2280    R26: c0000000021f2380',
      ' R27: 0000000000000000    R28: c00800000b30269c    R29: 0000000000000000',
      ' R30: c000000002c47190    R31: 000000000020000b',
      ' NIP: c0000000000aea14    MSR: 800000000280b033    OR3: c0000000000ae944',
      ' CTR: c000000001023d70    LR:  c000000001023de0    XER: 0000000020040001',
      ' CCR: 0000000088422824    MQ:  0000000000000000    DAR: 0000000000000001',
      ' DSISR: c0080000073b1e94     Syscall Result: 0000000000000000',
      ' [NIP  : queued_spin_lock_slowpath+1204]',
      ' [LR   : _raw_spin_lock+112]',
      ' #11 [c000000140d67a90] queued_spin_lock_slowpath at c0000000000aea14',
      ' #12 [c000000140d67bb0] _raw_spin_lock at c000000001023de0  (unreliable)',
      ' #13 [c000000140d67bd0] dm_blk_close at c00800000b2c6850 [dm_mod]',
      ' #14 [c000000140d67c00] blkdev_put_whole at c0000000007d2738',
      ' #15 [c000000140d67c30] bdev_release at c0000000007d3a38',
    ];
    const notes = diagnose(analyze(lines.join('\n')), { unwinder: null }).diagnostics.filter(
      (d) => d.code === 'unreliable-frame',
    );
    const note = notes.find((d) => d.message.includes('_raw_spin_lock'));
    assert.ok(note, notes.map((d) => d.message).join('\n'));
    assert.match(note.message, /holds it in LR: the interrupted function's caller, confirmed/);
    assert.doesNotMatch(note.message, /may be stale/);
  });
});
