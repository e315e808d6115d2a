// syzbot's reports as its mails print them (symbolized): the header repeated once per function
// inlined at the fault, the last line the one the kernel printed. Titled by that last line, as
// syzbot titles them; a sanitizer's function is the one its header names, not a RIP printed inside
// it (an interrupted context's). Excerpts of syzbot's mails, unedited:
// https://lore.kernel.org/all/6a0ce39b.170a0220.39a13.0007.GAE@google.com/, https://lore.kernel.org/all/69c34b1c.050a0220.abc16.000b.GAE@google.com/, https://lore.kernel.org/all/69e69c55.050a0220.24bfd3.0029.GAE@google.com/.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { parseConsoleFrame } from '../../server/src/analysis/parse/console';
import { summarize } from '../../server/src/analysis/summary';

const KASAN_EXPANDED = [
  'BUG: KASAN: slab-use-after-free in instrument_atomic_read_write include/linux/instrumented.h:112 [inline]',
  'BUG: KASAN: slab-use-after-free in atomic_dec include/linux/atomic/atomic-instrumented.h:592 [inline]',
  'BUG: KASAN: slab-use-after-free in iowarrior_write_callback+0xdc/0x190 drivers/usb/misc/iowarrior.c:236',
  'Write of size 4 at addr ffff888050f49168 by task kworker/u32:13/17990',
  '',
  'CPU: 0 UID: 0 PID: 17990 Comm: kworker/u32:13 Tainted: G             L      syzkaller #0 PREEMPT(full) ',
  'Tainted: [L]=SOFTLOCKUP',
  'Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.3-debian-1.16.3-2 04/01/2014',
  'Workqueue: bat_events batadv_iv_send_outstanding_bat_ogm_packet',
  'Call Trace:',
  ' <IRQ>',
  ' __dump_stack lib/dump_stack.c:94 [inline]',
  ' dump_stack_lvl+0x100/0x190 lib/dump_stack.c:120',
  ' print_address_description mm/kasan/report.c:378 [inline]',
  ' print_report+0x13d/0x4b0 mm/kasan/report.c:482',
  ' kasan_report+0xdf/0x1d0 mm/kasan/report.c:595',
  ' check_region_inline mm/kasan/generic.c:186 [inline]',
  ' kasan_check_range+0x10f/0x1e0 mm/kasan/generic.c:200',
  ' instrument_atomic_read_write include/linux/instrumented.h:112 [inline]',
  ' atomic_dec include/linux/atomic/atomic-instrumented.h:592 [inline]',
  ' iowarrior_write_callback+0xdc/0x190 drivers/usb/misc/iowarrior.c:236',
  ' __usb_hcd_giveback_urb+0x38d/0x610 drivers/usb/core/hcd.c:1657',
  ' usb_hcd_giveback_urb+0x3ca/0x4a0 drivers/usb/core/hcd.c:1741',
  ' dummy_timer+0xda1/0x36c0 drivers/usb/gadget/udc/dummy_hcd.c:2005',
  ' __run_hrtimer kernel/time/hrtimer.c:1930 [inline]',
  ' __hrtimer_run_queues+0x470/0xa00 kernel/time/hrtimer.c:1994',
  ' hrtimer_run_softirq+0x17d/0x2c0 kernel/time/hrtimer.c:2011',
  ' handle_softirqs+0x1ea/0xa00 kernel/softirq.c:622',
  ' __do_softirq kernel/softirq.c:656 [inline]',
  ' invoke_softirq kernel/softirq.c:496 [inline]',
  ' __irq_exit_rcu+0x162/0x210 kernel/softirq.c:735',
  ' irq_exit_rcu+0x9/0x30 kernel/softirq.c:752',
  ' instr_sysvec_apic_timer_interrupt arch/x86/kernel/apic/apic.c:1061 [inline]',
  ' sysvec_apic_timer_interrupt+0xa3/0xc0 arch/x86/kernel/apic/apic.c:1061',
  ' </IRQ>',
  ' <TASK>',
  ' asm_sysvec_apic_timer_interrupt+0x1a/0x20 arch/x86/include/asm/idtentry.h:697',
  'RIP: 0010:stackdepot_memcmp lib/stackdepot.c:585 [inline]',
  'RIP: 0010:find_stack lib/stackdepot.c:618 [inline]',
  'RIP: 0010:stack_depot_save_flags+0x1b5/0x9d0 lib/stackdepot.c:676',
  'Code: 00 45 39 4e 10 75 ee 45 3b 6e 14 75 e8 31 c0 66 66 2e 0f 1f 84 00 00 00 00 00 66 66 2e 0f 1f 84 00 00 00 00 00 49 8b 7c c6 20 <49> 39 3c c4 75 c5 48 83 c0 01 48 39 c2 75 ec f6 c3 02 74 26 41 8b',
  'RSP: 0018:ffffc90006dc7870 EFLAGS: 00000202',
  'RAX: 0000000000000004 RBX: 0000000000000001 RCX: 000000007b9bc970',
  'RDX: 000000000000000b RSI: 00000000b68975a0 RDI: ffffffff895a9470',
  'RBP: 0000000000000820 R08: 0000000000d001a0 R09: 00000000decd001a',
  'R10: 0000000000000200 R11: 000000000000756b R12: ffffc90006dc78c8',
  'R13: 000000000000000b R14: ffff88802bfe14c0 R15: ffff88816d7001a0',
  ' kasan_save_stack+0x3f/0x50 mm/kasan/common.c:58',
];

const KMSAN_EXPANDED = [
  'BUG: KMSAN: uninit-value in set_carrier drivers/net/usb/rtl8150.c:726 [inline]',
  'BUG: KMSAN: uninit-value in rtl8150_open+0x1131/0x1360 drivers/net/usb/rtl8150.c:763',
  ' set_carrier drivers/net/usb/rtl8150.c:726 [inline]',
  ' rtl8150_open+0x1131/0x1360 drivers/net/usb/rtl8150.c:763',
  ' __dev_open+0x8e3/0xd40 net/core/dev.c:1702',
  ' __dev_change_flags+0x32f/0x950 net/core/dev.c:9764',
  ' netif_change_flags+0x8d/0x1e0 net/core/dev.c:9827',
  ' dev_change_flags+0x18c/0x320 net/core/dev_api.c:68',
  ' devinet_ioctl+0x10dd/0x25a0 net/ipv4/devinet.c:1199',
  ' inet_ioctl+0x4c0/0x6f0 net/ipv4/af_inet.c:1015',
  ' sock_do_ioctl net/socket.c:1254 [inline]',
  ' sock_ioctl+0x769/0x1140 net/socket.c:1375',
  ' vfs_ioctl fs/ioctl.c:51 [inline]',
  ' __do_sys_ioctl fs/ioctl.c:597 [inline]',
];

const WARNING_EXPANDED = [
  'ODEBUG: free active (active state 0) object: ffff8880258626e8 object type: timer_list hint: rtl2832_i2c_gate_work+0x0/0x100 drivers/media/dvb-frontends/rtl2832.c:-1',
  'WARNING: lib/debugobjects.c:632 at debug_print_object lib/debugobjects.c:629 [inline], CPU#1: kworker/1:2/821',
  'WARNING: lib/debugobjects.c:632 at __debug_check_no_obj_freed lib/debugobjects.c:1116 [inline], CPU#1: kworker/1:2/821',
  'WARNING: lib/debugobjects.c:632 at debug_check_no_obj_freed+0x405/0x550 lib/debugobjects.c:1146, CPU#1: kworker/1:2/821',
  'Modules linked in:',
  'CPU: 1 UID: 0 PID: 821 Comm: kworker/1:2 Not tainted syzkaller #0 PREEMPT_{RT,(full)} ',
  'Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 03/18/2026',
  'Workqueue: usb_hub_wq hub_event',
  'RIP: 0010:debug_print_object lib/debugobjects.c:629 [inline]',
  'RIP: 0010:__debug_check_no_obj_freed lib/debugobjects.c:1116 [inline]',
  'RIP: 0010:debug_check_no_obj_freed+0x44a/0x550 lib/debugobjects.c:1146',
  'Code: 89 44 24 20 e8 87 40 6f fd 48 8b 44 24 20 4c 8b 4d 00 4c 89 ef 48 c7 c6 a0 61 ca 8b 48 c7 c2 20 67 ca 8b 8b 0c 24 4d 89 f8 50 <67> 48 0f b9 3a 48 83 c4 08 4c 8b 6c 24 18 48 b9 00 00 00 00 00 fc',
  'RSP: 0018:ffffc90004fa67b8 EFLAGS: 00010246',
  'RAX: ffffffff8767dab0 RBX: ffffffff99edac98 RCX: 0000000000000000',
  'RDX: ffffffff8bca6720 RSI: ffffffff8bca61a0 RDI: ffffffff8fd9d990',
  'RBP: ffffffff8b6f5560 R08: ffff8880258626e8 R09: ffffffff8b6f68e0',
  'R10: dffffc0000000000 R11: ffffffff81b15270 R12: ffff888025862800',
  'R13: ffffffff8fd9d990 R14: ffff888025862000 R15: ffff8880258626e8',
  'FS:  0000000000000000(0000) GS:ffff888125b62000(0000) knlGS:0000000000000000',
  'CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033',
  'CR2: 00007f2ec609ae9c CR3: 000000003956c000 CR4: 00000000003526f0',
  'Call Trace:',
  ' <TASK>',
  ' slab_free_hook mm/slub.c:2620 [inline]',
  ' slab_free mm/slub.c:6246 [inline]',
  ' kfree+0x13e/0x6c0 mm/slub.c:6561',
  ' i2c_device_remove+0x88/0x220 drivers/i2c/i2c-core-base.c:631',
  ' device_remove drivers/base/dd.c:619 [inline]',
  ' __device_release_driver drivers/base/dd.c:1352 [inline]',
  ' device_release_driver_internal+0x46f/0x870 drivers/base/dd.c:1375',
];

// An arm64 lockdep WARN of 6.x (https://lore.kernel.org/all/694cb223.050a0220.35954c.0032.GAE@google.com/): the taint legend under its CPU line names SOFTLOCKUP.
const ARM64_LOCKING_BUG = [
  'WARNING: kernel/locking/lockdep.c:238 at hlock_class kernel/locking/lockdep.c:-1 [inline], CPU#1: khidpd_10cf5502/6710',
  'WARNING: kernel/locking/lockdep.c:238 at check_wait_context kernel/locking/lockdep.c:4854 [inline], CPU#1: khidpd_10cf5502/6710',
  'WARNING: kernel/locking/lockdep.c:238 at __lock_acquire+0x384/0x30a4 kernel/locking/lockdep.c:5187, CPU#1: khidpd_10cf5502/6710',
  'Modules linked in:',
  'CPU: 1 UID: 0 PID: 6710 Comm: khidpd_10cf5502 Tainted: G             L      syzkaller #0 PREEMPT ',
  'Tainted: [L]=SOFTLOCKUP',
  'Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 10/03/2025',
  'pstate: 634000c5 (nZCv daIF +PAN -UAO +TCO +DIT -SSBS BTYPE=--)',
  'pc : hlock_class kernel/locking/lockdep.c:-1 [inline]',
  'pc : check_wait_context kernel/locking/lockdep.c:4854 [inline]',
  'pc : __lock_acquire+0x384/0x30a4 kernel/locking/lockdep.c:5187',
  'lr : hlock_class kernel/locking/lockdep.c:238 [inline]',
  'lr : check_wait_context kernel/locking/lockdep.c:4854 [inline]',
  'lr : __lock_acquire+0x378/0x30a4 kernel/locking/lockdep.c:5187',
  'sp : ffff80009f727820',
  'x29: ffff80009f727900 x28: 0000000000000001 x27: ffff0000cfc46078',
  'x26: ffff80008afa88d4 x25: 0000000000000000 x24: 0000000000000001',
  'x23: 0000000000000000 x22: 0000000000000000 x21: ffff0000cfc45580',
  'x20: ffff8000975d0000 x19: 0000000000000000 x18: 1fffe00033781890',
  'x17: ffff80008f86e000 x16: ffff800082e5c71c x15: 0000000000000001',
  'x14: 1fffe000337818fa x13: 0000000000000000 x12: 0000000000000000',
  'x11: ffff800093397d48 x10: 0000000000ff0100 x9 : 910d7cd7a1feeb00',
  'x8 : 0000000000000000 x7 : 4e5241575f534b43 x6 : ffff800080575c38',
  'x5 : 0000000000000000 x4 : 0000000000000000 x3 : ffff8000807f0908',
  'x2 : 0000000000000001 x1 : 0000000100000002 x0 : 0000000000000000',
  'Call trace:',
  ' hlock_class kernel/locking/lockdep.c:-1 [inline] (P)',
  ' check_wait_context kernel/locking/lockdep.c:4854 [inline] (P)',
  ' __lock_acquire+0x384/0x30a4 kernel/locking/lockdep.c:5187 (P)',
  ' lock_acquire+0x140/0x2e0 kernel/locking/lockdep.c:5868',
  ' __raw_spin_lock_irqsave include/linux/spinlock_api_smp.h:110 [inline]',
  ' _raw_spin_lock_irqsave+0x5c/0x7c kernel/locking/spinlock.c:162',
  ' class_raw_spinlock_irqsave_constructor include/linux/spinlock.h:557 [inline]',
  ' set_task_blocked_on include/linux/sched.h:2165 [inline]',
  ' __mutex_lock_common+0xd24/0x2678 kernel/locking/mutex.c:701',
  ' __mutex_lock kernel/locking/mutex.c:776 [inline]',
  ' mutex_lock_nested+0x2c/0x38 kernel/locking/mutex.c:828',
  ' l2cap_unregister_user+0x74/0x190 net/bluetooth/l2cap_core.c:1729',
  ' hidp_session_thread+0x3d0/0x490 net/bluetooth/hidp/core.c:1304',
  ' kthread+0x5fc/0x75c kernel/kthread.c:463',
  ' ret_from_fork+0x10/0x20 arch/arm64/kernel/entry.S:844',
];

const leading = (lines: string[]) => summarize(analyze(lines.join('\n'))).reports[0];

describe("syzbot's expanded report headers", () => {
  it("titles a KASAN report by its last header line, its access from the line after; its function is the header's", () => {
    const report = leading(KASAN_EXPANDED);
    assert.equal(report.title, 'KASAN: slab-use-after-free Write in iowarrior_write_callback');
    assert.equal(report.function, 'iowarrior_write_callback');
  });

  it('titles a KMSAN report by its last header line', () => {
    assert.equal(leading(KMSAN_EXPANDED).title, 'KMSAN: uninit-value in rtl8150_open');
  });

  it("titles a WARN's expanded `WARNING: file:line at f … [inline], CPU#n:` lines by the last", () => {
    assert.equal(leading(WARNING_EXPANDED).title, 'WARNING: ODEBUG bug in i2c_device_remove');
  });

  it("reads on past a taint legend's `[L]=SOFTLOCKUP` (no hard lockup's header), to the frame the title names", () => {
    assert.equal(leading(ARM64_LOCKING_BUG).title, 'WARNING: locking bug in l2cap_unregister_user');
  });
});

describe("syzbot's inlined frames", () => {
  // Frame lines of syzbot's mails (lore: 69eed7e0.a00a0220.7773.0026.GAE@google.com, x86_64; 689cedef.050a0220.7f033.015c.GAE@google.com,
  // riscv64; the arm64 locking bug above), unedited.
  const frames = (lines: string[]) => lines.map((line) => parseConsoleFrame(line));

  it("reads a frame whose line syzbot does not know (`:-1`), one with its address before it, one with arm64's unwinder mark", () => {
    const parsed = frames([
      ' call_driver_probe drivers/base/dd.c:-1 [inline]',
      '[<ffffffff80062c2c>] __dump_stack lib/dump_stack.c:94 [inline]',
      ' hlock_class kernel/locking/lockdep.c:-1 [inline] (P)',
      ' check_wait_context kernel/locking/lockdep.c:4854 [inline] (P)',
    ]);
    assert.deepEqual(
      parsed.map((f) => [f?.function, f?.inlined, f?.source]),
      [
        ['call_driver_probe', true, 'drivers/base/dd.c:-1'],
        ['__dump_stack', true, 'lib/dump_stack.c:94'],
        ['hlock_class', true, 'kernel/locking/lockdep.c:-1'],
        ['check_wait_context', true, 'kernel/locking/lockdep.c:4854'],
      ],
    );
  });
});
