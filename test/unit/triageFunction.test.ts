// The function and module `analyze --json` gives a report, which a triager reads first: where no
// register names the fault site, the function the title names (past the code that prints the
// report), tagged with the module the report's text gives it. Excerpts of public reports.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

/** Title, function and module of each report. */
function triage(lines: string[]): string[] {
  return summarize(analyze(lines.join('\n'))).reports.map((r) => `${r.title} | ${r.function ?? '-'} | ${r.module ?? '-'}`);
}

// /sys/kernel/debug/kmemleak as read by hand (an out-of-tree network stack, 2020): no `BUG: memory leak` line.
const KMEMLEAK = [
  'unreferenced object 0xffff88804b7b5640 (size 32):',
  '  comm "softirq", pid 0, jiffies 4310614523 (age 9737.592s)',
  '  hex dump (first 32 bytes):',
  '    00 d2 65 59 80 88 ff ff a0 dd 65 59 80 88 ff ff  ..eY......eY....',
  '    90 49 70 48 80 88 ff ff 90 49 70 48 80 88 ff ff  .IpH.....IpH....',
  '  backtrace:',
  '    [<000000004d300c9a>] __kmalloc+0x13c/0x330',
  '    [<00000000114265ca>] kmalloc+0x9/0x10 [rina_irati_core]',
  '    [<00000000a1b6664e>] generic_alloc+0x21/0xe0 [rina_irati_core]',
  '    [<00000000b64bc0ee>] rkmalloc+0x1a/0x20 [rina_irati_core]',
  '    [<000000004b3c47cc>] normal_pff_dump+0x10/0x50 [normal_ipcp]',
  '    [<0000000005f018ba>] normal_mgmt_du_post+0x159/0x2f0 [normal_ipcp]',
  '    [<00000000cb3f3f3c>] __netif_receive_skb_list_core+0x663/0xa40',
];

// arm32 4.4-rt (a vendor kernel's issue): no fault site; the first frames print the report.
const SCHEDULING_WHILE_ATOMIC = [
  '[    2.985859] BUG: scheduling while atomic: swapper/0/0/0x00000002',
  '[    2.985866] Modules linked in:',
  '[    2.985885] Preemption disabled at:[<c0447f2d>] schedule_preempt_disabled+0x15/0x16',
  '[    2.985894] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 4.4.144-rt161 #1',
  '[    2.985897] Hardware name: Generic DT based system',
  '[    2.985922] [<c0061afd>] (unwind_backtrace) from [<c005f683>] (show_stack+0xb/0xc)',
  '[    2.985936] [<c005f683>] (show_stack) from [<c01bab3d>] (dump_stack+0x51/0x68)',
  '[    2.985949] [<c01bab3d>] (dump_stack) from [<c007dd49>] (__schedule_bug+0x55/0x7c)',
  '[    2.985962] [<c007dd49>] (__schedule_bug) from [<c044795d>] (__schedule+0x4d/0x26c)',
  '[    2.985976] [<c044795d>] (__schedule) from [<c0447bdf>] (schedule+0x63/0x88)',
  '[    2.985987] [<c0447bdf>] (schedule) from [<c04489f3>] (rt_spin_lock_slowlock+0xff/0x1f4)',
  '[    2.986003] [<c04489f3>] (rt_spin_lock_slowlock) from [<c0364c13>] (choose_freq+0x2f/0xe4)',
  '[    2.986016] [<c0364c13>] (choose_freq) from [<c0365267>] (cpufreq_interactive_timer+0x153/0x240)',
];

// x86_64 6.12 (an out-of-tree file system's issue): the lock site names the module, the chains do not.
const LOCKDEP = [
  '======================================================',
  'WARNING: possible circular locking dependency detected',
  '6.12.29aufsD+ #532 Not tainted',
  '------------------------------------------------------',
  'mount/28040 is trying to acquire lock:',
  'ffff899148b870c8 (&sbinfo->si_rwsem){++++}-{3:3}, at: aufs_statfs+0x41/0x560 [aufs]',
  '',
  'but task is already holding lock:',
  'ffff899144bdeb38 (&q->limits_lock){+.+.}-{3:3}, at: loop_configure+0x258/0x5d0 [loop]',
  '',
  'which lock already depends on the new lock.',
  '',
  'the existing dependency chain (in reverse order) is:',
  '',
  '-> #4 (&q->limits_lock){+.+.}-{3:3}:',
  '       __mutex_lock+0x98/0xbc0',
  '       nvme_update_ns_info_block+0x164/0x780',
  '       nvme_update_ns_info+0x20f/0x260',
];

// x86_64 4.9 in a system log (a netfilter module's issue): the WARN header tags its function.
const WARN_IN_MODULE = [
  'Mar 12 13:22:14 egzos kernel: WARNING: CPU: 4 PID: 0 at /build/linux-8fxPc5/linux-4.9.6/lib/list_debug.c:62 netflow_target+0x68f/0xfd0 [ipt_NETFLOW]',
  'Mar 12 13:22:14 egzos kernel: list_del corruption. next->prev should be ffff92e8ae4f58f0, but was ffffffffc0633428',
  'Mar 12 13:22:14 egzos kernel: CPU: 4 PID: 0 Comm: swapper/4 Tainted: G           OE   4.9.0-1-amd64 #1 Debian 4.9.6-3',
];

// x86_64 5.14 (an out-of-tree file system's pull request), pasted tab-indented, cut before the call trace:
// the lock site says where the lock was taken in the wrong state; the stack after it is lockdep's record.
const INCONSISTENT_LOCK_STATE = [
  '\t================================',
  '\tWARNING: inconsistent lock state',
  '\t5.14.0-427.35.1.el9_4.x86_64+debug #1 Tainted: G           OE     -------  ---',
  '\t--------------------------------',
  '\tinconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.',
  '\tswapper/2/0 [HC0[0]:SC1[1]:HE1:SE0] takes:',
  '\tffff88813cdd9c20 (&recinf->lock){+.?.}-{2:2}, at: timer_callback+0x26/0x380 [scoutfs]',
  '\t{SOFTIRQ-ON-W} state was registered at:',
  '\t  __lock_acquire+0x7d0/0x1900',
  '\t  lock_acquire+0x1da/0x640',
  '\t  _raw_spin_lock+0x34/0x80',
  '\t  scoutfs_recov_finish+0x80/0x830 [scoutfs]',
];

// i386 3.15 in a system log (a network stack's issue): lockdep's old bracketed header.
const OLD_INCONSISTENT_LOCK_STATE = [
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872] =================================',
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872] [ INFO: inconsistent lock state ]',
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872] 3.15.0 #406 Not tainted',
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872] ---------------------------------',
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872] inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.',
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872] swapper/0/0 [HC0[0]:SC1[1]:HE0:SE0] takes:',
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872]  (&(&tables_lock)->rlock){+.?...}, at: [<e114d8c6>] tbls_find+0x26/0x80 [arp826]',
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872] {SOFTIRQ-ON-W} state was registered at:',
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872]   [<c1090c3b>] __lock_acquire+0x46b/0x1a20',
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872]   [<c109277e>] lock_acquire+0x7e/0x100',
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872]   [<c16622d2>] _raw_spin_lock+0x42/0x70',
  'Nov  6 16:23:32 irati-vbox2 kernel: [  293.438872]   [<e114dd8c>] tbls_destroy+0x1c/0x90 [arp826]',
];

// x86_64 6.0 through decode_stacktrace.sh (a guest-hardening project's issue): source locations in
// place of the offsets, in the WARN header and at RIP.
const DECODED_WARNING = [
  '------------[ cut here ]------------',
  'WARNING: CPU: 0 PID: 79 at mm/slub.c:3567 kfree (mm/slub.c:3567 mm/slub.c:4558) ',
  'Modules linked in:',
  'CPU: 0 PID: 79 Comm: sh Not tainted 6.0.0-rc2-g1d588de205f8 #1',
  'RIP: 0010:kfree (mm/slub.c:3567 mm/slub.c:4558) ',
];

// s390x, a KVM VM torn down (kvm@vger, "KVM: s390: fix gisa destroy operation might lead to cpu stalls",
// <20230823124140.3839373-1-mimu@linux.ibm.com>; its registers, code and the trace's last frames left out).
const S390X_RCU_STALL = [
  ' [ 4933.861321] rcu: INFO: rcu_sched self-detected stall on CPU',
  ' [ 4933.861332] rcu: \t14-....: (42008 ticks this GP) idle=53f4/1/0x4000000000000000 softirq=61530/61530 fqs=14031',
  ' [ 4933.861353] rcu: \t(t=42008 jiffies g=238109 q=100360 ncpus=18)',
  ' [ 4933.861357] CPU: 14 PID: 217198 Comm: qemu-system-s39 Not tainted 6.5.0-20230816.rc6.git26.a9d17c5d8813.300.fc38.s390x #1',
  ' [ 4933.861360] Hardware name: IBM 8561 T01 703 (LPAR)',
  ' [ 4933.861361] Krnl PSW : 0704e00180000000 000003ff804bfc66 (kvm_s390_gisa_destroy+0x3e/0xe0 [kvm])',
  ' [ 4933.861444] Call Trace:',
  ' [ 4933.861445]  [<000003ff804bfc66>] kvm_s390_gisa_destroy+0x3e/0xe0 [kvm]',
  ' [ 4933.861460] ([<00000002623523de>] free_unref_page+0xee/0x148)',
  ' [ 4933.861507]  [<000003ff804aea98>] kvm_arch_destroy_vm+0x50/0x120 [kvm]',
  ' [ 4933.861521]  [<000003ff8049d374>] kvm_destroy_vm+0x174/0x288 [kvm]',
  ' [ 4933.861532]  [<000003ff8049d4fe>] kvm_vm_release+0x36/0x48 [kvm]',
  ' [ 4933.861542]  [<00000002623cd04a>] __fput+0xea/0x2a8',
  ' [ 4933.861547]  [<00000002620d5bf8>] task_work_run+0x88/0xf0',
];

// LoongArch 6.12, a page freed with a flag set (stable: "LoongArch: Set initial pte entry with PAGE_GLOBAL for kernel
// space", 7cd1f5f77925; its page dump, stack words and the trace's last frames left out).
const LOONGARCH_BAD_PAGE = [
  ' BUG: Bad page state in process uffd-unit-tests  pfn:00000',
  ' CPU: 2 UID: 0 PID: 1913 Comm: uffd-unit-tests Not tainted 6.12.0 #184',
  ' Call Trace:',
  ' [<9000000000223a94>] show_stack+0x5c/0x180',
  ' [<9000000001c3fd64>] dump_stack_lvl+0x6c/0xa0',
  ' [<900000000056aa08>] bad_page+0x1a0/0x1f0',
  ' [<9000000000574978>] free_unref_folios+0xbf0/0xd20',
  ' [<90000000004e65cc>] folios_put_refs+0x1a4/0x2b8',
];

// powerpc 5.12 (linux-xfs, a scrub's NULL dereference): the oops's exit path sleeps; its trace crosses the
// interrupt of the oops, whose registers it prints (the register rows left out).
const PPC64_SLEEP_IN_OOPS_EXIT = [
  '[  974.510000] BUG: sleeping function called from invalid context at include/linux/percpu-rwsem.h:49 ',
  '[  974.510171] Call Trace: ',
  '[  974.510173] [c0000000afb1f260] [c0000000008b38e4] dump_stack+0xe8/0x144 (unreliable) ',
  '[  974.510182] [c0000000afb1f2b0] [c0000000001b3098] ___might_sleep+0x2e8/0x300 ',
  '[  974.510188] [c0000000afb1f340] [c0000000001803fc] exit_signals+0x4c/0x490 ',
  '[  974.510195] [c0000000afb1f390] [c00000000016aabc] do_exit+0xfc/0x720 ',
  '[  974.510201] [c0000000afb1f420] [c00000000002c75c] oops_end+0x18c/0x1c0 ',
  '[  974.510208] [c0000000afb1f4a0] [c000000000092940] __bad_page_fault+0x178/0x198 ',
  '[  974.510215] [c0000000afb1f510] [c00000000009268c] hash__do_page_fault+0xac/0xb0 ',
  '[  974.510221] [c0000000afb1f540] [c00000000009b488] do_hash_fault+0x58/0x80 ',
  '[  974.510227] [c0000000afb1f570] [c000000000008994] data_access_common_virt+0x194/0x1f0 ',
  '[  974.510233] --- interrupt: 300 at xfs_btree_visit_blocks+0x60/0x220 [xfs] ',
  '[  974.510293] NIP:  c008000001cf6598 LR: c008000001df3b9c CTR: 0000000000000000 ',
  '[  974.510298] REGS: c0000000afb1f5e0 TRAP: 0300   Tainted: G      D            (5.12.0-rc4+) ',
  '[  974.510302] MSR:  8000000000009033 <SF,EE,ME,IR,DR,RI,LE>  CR: 24002800  XER: 00000004 ',
  '[  974.510314] CFAR: c00000000000fd30 DAR: 0000000000000010 DSISR: 40000000 IRQMASK: 0  ',
  '[  974.510376] NIP [c008000001cf6598] xfs_btree_visit_blocks+0x60/0x220 [xfs] ',
  '[  974.510436] LR [c008000001df3b9c] xchk_fscount_aggregate_agcounts+0x304/0x500 [xfs] ',
  '[  974.510506] --- interrupt: 300 ',
  '[  974.510509] [c0000000afb1f880] [c008000001deee38] xchk_ag_btcur_init+0x180/0x2e0 [xfs] (unreliable) ',
  '[  974.510581] [c0000000afb1f900] [c008000001df3b9c] xchk_fscount_aggregate_agcounts+0x304/0x500 [xfs] ',
];

// riscv 6.18-rc5, a task stack overflowed in a BPF trampoline (bpf, Menglong Dong's fix quoting Andreas Schwab's
// report; the register rows and the trace's last frames left out).
const RISCV_STACK_OVERFLOW = [
  '  Insufficient stack space to handle exception!',
  '  Task stack:     [0xff20000000010000..0xff20000000014000]',
  '  Overflow stack: [0xff600000ffdad070..0xff600000ffdae070]',
  '  CPU: 1 UID: 0 PID: 1 Comm: systemd Not tainted 6.18.0-rc5+ #15 PREEMPT(voluntary)',
  '  Hardware name: riscv-virtio qemu/qemu, BIOS 2025.10 10/01/2025',
  '  epc : copy_from_kernel_nofault+0xa/0x198',
  '   ra : bpf_probe_read_kernel+0x20/0x60',
  '  epc : ffffffff802b732a ra : ffffffff801e6070 sp : ff2000000000ffe0',
  '  status: 0000000200000120 badaddr: 0000000000000000 cause: 8000000000000005',
  '  Kernel panic - not syncing: Kernel stack overflow',
  '  Call Trace:',
  '  [<ffffffff8001a1f8>] dump_backtrace+0x28/0x38',
  '  [<ffffffff80002502>] show_stack+0x3a/0x50',
  '  [<ffffffff800122be>] dump_stack_lvl+0x56/0x80',
];

describe('the function and module of a report without a fault site', () => {
  it('names a kmemleak object read without `BUG: memory leak` as syzkaller names that report', () => {
    assert.deepEqual(triage(KMEMLEAK), ['memory leak in normal_pff_dump | normal_pff_dump | normal_ipcp']);
  });

  it('gives the function the title names, not the code that printed the report', () => {
    assert.deepEqual(triage(SCHEDULING_WHILE_ATOMIC), ['BUG: scheduling while atomic in choose_freq | choose_freq | -']);
  });

  it('takes the module the report tags its function with outside the call trace', () => {
    assert.deepEqual(triage(LOCKDEP), ['possible deadlock in aufs_statfs | aufs_statfs | aufs']);
    assert.match(triage(WARN_IN_MODULE)[0], / \| netflow_target \| ipt_NETFLOW$/);
  });

  it("gives an inconsistent lock state the site that took the lock, not lockdep's record of the other state", () => {
    assert.deepEqual(triage(INCONSISTENT_LOCK_STATE), ['inconsistent lock state in corrupted | timer_callback | scoutfs']);
    assert.deepEqual(triage(OLD_INCONSISTENT_LOCK_STATE), ['inconsistent lock state in tbls_find | tbls_find | arp826']);
  });

  it("reads the function of a decoded WARN header and RIP (decode_stacktrace.sh's source locations for the offset)", () => {
    assert.deepEqual(triage(DECODED_WARNING), ['WARNING in corrupted | kfree | -']);
    assert.deepEqual(triage(DECODED_WARNING.slice(0, 4)), ['WARNING in corrupted | kfree | -']);
  });
});

// A journal in Ukrainian of a 4.5 kernel (a tuxonice issue), cut after its first frames: nothing past the
// code that prints the report is left to name.
const SCHEDULING_WHILE_ATOMIC_CUT = [
  'кві 09 19:54:36 spock kernel: BUG: scheduling while atomic: init/1/0x00000002',
  'кві 09 19:54:36 spock kernel: Modules linked in: raid6_pq(+) jitterentropy_rng sha256_ssse3 sha256_generic hmac drbg ansi_cprng algif_skcipher af_alg rtsx_usb_sdmmc led_class mmc_core rtsx_usb dm_crypt dm_mod raid10 md_mod hid_generic sd_mod usbhid hid atkbd libps2 crct10dif_pclmul crc32_pclmul crc32c_intel ghash_clmulni_intel aesni_intel aes_x86_64 lrw gf128mul glue_helper ablk_helper cryptd ahci libahci libata xhci_pci ehci_pci scsi_mod xhci_hcd ehci_hcd usbcore usb_common i8042 serio',
  'кві 09 19:54:36 spock kernel: CPU: 3 PID: 1 Comm: init Tainted: G        W       4.5.0-pf0 #1',
  'кві 09 19:54:36 spock kernel: Hardware name: Dell Inc.          Vostro 3360/0F5DWF, BIOS A18 09/25/2013',
  'кві 09 19:54:36 spock kernel:  0000000000000286 0000000032a2bddd ffff88042ce1bc50 ffffffff812e6b81',
  'кві 09 19:54:36 spock kernel:  ffff88042ce1c000 ffffffff8160a830 ffff88042ce1bc60 ffffffff8109e18b',
  'кві 09 19:54:36 spock kernel:  ffff88042ce1bcd8 ffffffff815b6118 0000000000000003 0000000000000246',
  'кві 09 19:54:36 spock kernel: Call Trace:',
  'кві 09 19:54:36 spock kernel:  [<ffffffff812e6b81>] dump_stack+0x63/0x82',
  'кві 09 19:54:36 spock kernel:  [<ffffffff8109e18b>] __schedule_bug+0x4b/0x60',
  '',
];

// An RCU stall of an idle CPU (a tetragon issue): the trace printed is the grace-period kthread's, not the stalled CPU's.
const RCU_STALL_KTHREAD_DUMP = [
  '[  103.087243] rcu: INFO: rcu_sched detected stalls on CPUs/tasks:',
  '[  103.087558] rcu: 	1-...!: (0 ticks this GP) idle=cf8/0/0x0 softirq=20/20 fqs=0 ',
  '[  103.087821] 	(detected by 0, t=38227 jiffies, g=-1127, q=10)',
  '[  103.088024] Sending NMI from CPU 0 to CPUs 1:',
  '[  103.088684] NMI backtrace for cpu 1 skipped: idling at default_idle+0x1e/0x130',
  '[  103.088153] rcu: rcu_sched kthread starved for 38227 jiffies! g-1127 f0x0 RCU_GP_WAIT_FQS(5) ->state=0x402 ->cpu=1',
  '[  103.088153] rcu: RCU grace-period kthread stack dump:',
  '[  103.088153] rcu_sched       I15016    11      2 0x80004000',
  '[  103.088153] Call Trace:',
  '[  103.088153]  __schedule+0x288/0x600',
  '[  103.088153]  ? __mod_timer+0x1a6/0x3c0',
  '[  103.088153]  schedule+0x34/0xa0',
  '[  103.088153]  schedule_timeout+0x84/0x140',
  '[  103.088153]  ? __next_timer_interrupt+0xc0/0xc0',
  '[  103.088153]  rcu_gp_kthread+0x4f6/0xd40',
  '[  103.088153]  ? kfree_call_rcu+0x10/0x10',
  '[  103.088153]  kthread+0x107/0x120',
  '[  103.088153]  ? __kthread_bind_mask+0x60/0x60',
  '[  103.088153]  ret_from_fork+0x35/0x40',
];

// openrisc 5.5 hashes its trace's addresses (a GitHub issue of the port).
const PTRVAL_WARNING = [
  '[   47.120000] ------------[ cut here ]------------',
  '[   47.120000] WARNING: CPU: 0 PID: 0 at net/sched/sch_generic.c:442 dev_watchdog+0x2dc/0x2e4',
  '[   47.120000] NETDEV WATCHDOG: eth0 (ethoc): transmit queue 0 timed out',
  '[   47.120000] Modules linked in:',
  '[   47.120000] CPU: 0 PID: 0 Comm: swapper Not tainted 5.5.0-simple-smp #95',
  '[   47.120000] Call trace:',
  '[   47.120000] [<(ptrval)>] show_stack+0x48/0x58',
  '[   47.120000] [<(ptrval)>] dump_stack+0x28/0x38',
  '[   47.120000] [<(ptrval)>] __warn+0xf0/0x120',
  '[   47.120000] [<(ptrval)>] ? dev_watchdog+0x2dc/0x2e4',
  '[   47.120000] [<(ptrval)>] warn_slowpath_fmt+0x7c/0x94',
  '[   47.120000] [<(ptrval)>] dev_watchdog+0x2dc/0x2e4',
  '[   47.120000] [<(ptrval)>] ? dev_watchdog+0x0/0x2e4',
  '[   47.120000] [<(ptrval)>] call_timer_fn.isra.0+0x24/0xa0',
  '[   47.120000] [<(ptrval)>] run_timer_softirq+0x238/0x544',
];

// A syzbot hung task (lore: 6a3e09d4.ac7367b4.6675.0003.GAE@google.com): its task's stack, then the NMI
// backtrace of an idle CPU with a RIP of its own. Unedited, the other CPUs' backtraces left out.
const HUNG_TASK_WITH_NMI_BACKTRACE = [
  'INFO: task syz.3.5067:25142 blocked for more than 143 seconds.',
  '      Tainted: G             L      syzkaller #0',
  '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
  'task:syz.3.5067      state:D stack:27688 pid:25142 tgid:25139 ppid:24491  task_flags:0x400140 flags:0x00080002',
  'Call Trace:',
  ' <TASK>',
  ' context_switch kernel/sched/core.c:5504 [inline]',
  ' __schedule+0x125c/0x6730 kernel/sched/core.c:7228',
  ' __schedule_loop kernel/sched/core.c:7307 [inline]',
  ' schedule+0xdd/0x390 kernel/sched/core.c:7322',
  ' cgroup_lock_and_drain_offline+0x383/0x800 kernel/cgroup/cgroup.c:3275',
  ' cgroup1_get_tree+0xc2/0x1620 kernel/cgroup/cgroup-v1.c:1265',
  ' vfs_get_tree+0x92/0x320 fs/super.c:1694',
  ' fc_mount fs/namespace.c:1198 [inline]',
  ' do_new_mount_fc fs/namespace.c:3765 [inline]',
  ' do_new_mount fs/namespace.c:3841 [inline]',
  ' path_mount+0x7d0/0x23d0 fs/namespace.c:4161',
  ' do_mount fs/namespace.c:4174 [inline]',
  ' __do_sys_mount fs/namespace.c:4390 [inline]',
  ' __se_sys_mount fs/namespace.c:4367 [inline]',
  ' __x64_sys_mount+0x293/0x310 fs/namespace.c:4367',
  ' do_syscall_x64 arch/x86/entry/syscall_64.c:63 [inline]',
  ' do_syscall_64+0x115/0x870 arch/x86/entry/syscall_64.c:94',
  ' entry_SYSCALL_64_after_hwframe+0x77/0x7f',
  'RIP: 0033:0x7fe24299ce59',
  ' </TASK>',
  'Sending NMI from CPU 1 to CPUs 0:',
  'NMI backtrace for cpu 0',
  'CPU: 0 UID: 0 PID: 0 Comm: swapper/0 Tainted: G             L      syzkaller #0 PREEMPT(full) ',
  'Tainted: [L]=SOFTLOCKUP',
  'Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 05/09/2026',
  'RIP: 0010:pv_native_safe_halt+0xf/0x20 arch/x86/kernel/paravirt.c:64',
  'Code: d6 85 02 c3 cc cc cc cc 0f 1f 00 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 f3 0f 1e fa 66 90 0f 00 2d 23 28 10 00 fb f4 <e9> fc 48 03 00 66 2e 0f 1f 84 00 00 00 00 00 66 90 90 90 90 90 90',
  'RSP: 0018:ffffffff8e407e10 EFLAGS: 00000246',
  'RAX: 00000000088c3e3f RBX: ffffffff8e491480 RCX: ffffffff8b9b72d5',
  'RDX: 0000000000000000 RSI: ffffffff8df596ca RDI: ffffffff8c1e7180',
  'RBP: fffffbfff1c92290 R08: 0000000000000001 R09: ffffed101708678d',
  'R10: ffff8880b8433c6b R11: 0000000000000000 R12: 0000000000000000',
  'R13: 0000000000000000 R14: 1ffffffff1c80fc6 R15: dffffc0000000000',
  'FS:  0000000000000000(0000) GS:ffff8881242e7000(0000) knlGS:0000000000000000',
  'CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033',
  'CR2: 00007fa09d875d58 CR3: 000000004c22a000 CR4: 00000000003526f0',
  'DR0: 0000000000000008 DR1: 0000000000000007 DR2: 0000000000000004',
  'DR3: 0000000000000008 DR6: 00000000ffff0ff0 DR7: 0000000000000400',
  'Call Trace:',
  ' <TASK>',
  ' arch_safe_halt arch/x86/include/asm/paravirt.h:62 [inline]',
  ' default_idle+0x9/0x10 arch/x86/kernel/process.c:768',
];

describe('the function and signature of a report with little to go on', () => {
  it("names a hung task's function from its own stack, not from another CPU's RIP", () => {
    assert.deepEqual(triage(HUNG_TASK_WITH_NMI_BACKTRACE), ['INFO: task hung in cgroup1_get_tree | cgroup1_get_tree | -']);
  });

  it('names no function where only the code that printed the report is left', () => {
    assert.deepEqual(triage(SCHEDULING_WHILE_ATOMIC_CUT), ['BUG: scheduling while atomic in corrupted | - | -']);
  });

  it("does not take a stall's function from the grace-period kthread's stack", () => {
    assert.deepEqual(triage(RCU_STALL_KTHREAD_DUMP), ['INFO: rcu detected stall in corrupted | - | -']);
  });

  it('titles an s390x stall by its PSW and call trace (no interrupt entry in the trace)', () => {
    assert.deepEqual(triage(S390X_RCU_STALL), ['INFO: rcu detected stall in kvm_vm_release | kvm_s390_gisa_destroy | kvm']);
  });

  it("names a bad page's freeing function, not mm's report of it (`bad_page`)", () => {
    assert.deepEqual(triage(LOONGARCH_BAD_PAGE), ['BUG: Bad page state in corrupted | free_unref_folios | -']);
  });

  it("does not take a report's function from the registers of an interrupt its trace crosses (powerpc)", () => {
    assert.deepEqual(triage(PPC64_SLEEP_IN_OOPS_EXIT), [
      'BUG: sleeping function called from invalid context in exit_signals | exit_signals | -',
    ]);
  });

  it('reads an overflowed stack from `Insufficient stack space` on, its pc naming where it overflowed', () => {
    assert.deepEqual(triage(RISCV_STACK_OVERFLOW), ['kernel panic: Kernel stack overflow | copy_from_kernel_nofault | -']);
  });

  it('reads a trace of `[<(ptrval)>]` frames for the title', () => {
    assert.deepEqual(triage(PTRVAL_WARNING), ['WARNING in dev_watchdog | dev_watchdog | -']);
  });

  it("groups reports whose title names no function by the report's function too", () => {
    const paging = (pc: string) =>
      summarize(
        analyze(
          [
            'Unable to handle kernel paging request at virtual address 20a8c320',
            'Internal error: Oops: 5 [#1] SMP ARM',
            `PC is at ${pc}`,
          ].join('\n'),
        ),
      ).reports[0];
    const a = paging('prefetch_freepointer+0x20/0x2c');
    // Both in functions the title never names (as syzkaller: `pointer` is vsprintf's).
    const b = paging('get_freepointer+0x10/0x2c');
    assert.equal(a.title, b.title);
    assert.notEqual(a.signature, b.signature);
    assert.equal(a.signature, paging('prefetch_freepointer+0x20/0x2c').signature);
  });
});
