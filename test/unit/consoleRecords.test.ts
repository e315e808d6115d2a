// Console reports as people paste them from logs, mail and trackers: a printk record of several
// lines that dmesg and journalctl indent after its first, a fault site decode_stacktrace.sh rewrote
// into source lines (`pc : handle_futex_death (kernel/futex/core.c:661`), and the lines that name
// the architecture of a report cut before its registers. Each excerpt is a real public one, unedited
// (cut where its source's excerpt ends); where from is said above it.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

const reportsOf = (lines: readonly string[]) => summarize(analyze(lines.join('\n'))).reports;

describe('console reports: records of several lines, decoded sites, the architecture', () => {
  it("reads journalctl's indented later lines of a lockdep record as the report's, and the module of the lock site's `.cold` part", () => {
    // github.com/intel/thermal_daemon/issues/381
    const lines = [
      'Nov 13 08:58:21 fedora kernel: WARNING: possible circular locking dependency detected',
      'Nov 13 08:58:21 fedora kernel: 6.1.0-0.rc4.20221111git4bbf3422df78.39.fc38.x86_64 #1 Not tainted',
      'Nov 13 08:58:21 fedora kernel: ------------------------------------------------------',
      'Nov 13 08:58:21 fedora kernel: thermald/1049 is trying to acquire lock:',
      'Nov 13 08:58:21 fedora kernel: ffffffffaf26d980 (cpu_hotplug_lock){++++}-{0:0}, at: powerclamp_set_cur_state.cold+0x35/0xa8 [intel_powerclamp]',
      'Nov 13 08:58:21 fedora kernel: ',
      '                               but task is already holding lock:',
      'Nov 13 08:58:21 fedora kernel: ffff941dc9a1cd58 (&cdev->lock){+.+.}-{3:3}, at: cur_state_store+0x50/0xc0',
      'Nov 13 08:58:21 fedora kernel: ',
      '                               which lock already depends on the new lock.',
      'Nov 13 08:58:21 fedora kernel: ',
      '                               the existing dependency chain (in reverse order) is:',
    ];
    const model = analyze(lines.join('\n'));
    const [report] = summarize(model).reports;
    assert.equal(report.title, 'possible deadlock in powerclamp_set_cur_state');
    assert.equal(report.module, 'intel_powerclamp');
    assert.ok(model.reports[0].endLine >= 7, `report ends at line ${model.reports[0].endLine}`);
    // lockdep prints the kernel release first: `6.1.0-….fc38.x86_64 #1 Not tainted`.
    assert.equal(model.archDetected, 'x86_64');
  });

  it("reads a Rust panic's message from the line dmesg indented under it, not the `cut here` line after", () => {
    // github.com/AsahiLinux/linux/issues/389
    const lines = [
      '[   81.688775] asahi 206400000.gpu: Unsupported GPU/firmware combination (G14, G, [13, 3, 0])',
      '[   81.688779] rust_kernel: panicked at /builddir/build/BUILD/kernel-6.12.1/linux-6.12.1-404.asahi.fc39.aarch64/rust/kernel/sync/arc.rs:370:58:',
      '               called `Option::unwrap()` on a `None` value',
      '[   81.688790] ------------[ cut here ]------------',
      '[   81.688790] kernel BUG at rust/helpers/bug.c:7!',
      '[   81.688792] Internal error: Oops - BUG: 00000000f2000800 [#1] SMP',
    ];
    const model = analyze(lines.join('\n'));
    const [report] = summarize(model).reports;
    assert.match(report.title, /^called `Option::unwrap\(\)` on a `None` value in /);
    // arm64's oops prints its ESR as the error code (`Oops - BUG: 00000000f2000800`).
    assert.equal(model.archDetected, 'arm64');
  });

  it('reads a `pc :` line decode_stacktrace.sh rewrote as the fault site, in a report a mailer wrapped and a test harness interleaved', () => {
    // LKFT's report on linux-next, "arm64: Unable to handle kernel unknown 43 at virtual address" (LKML, 2023-10-26).
    const lines = [
      '<1>[ 203.119139] Unable to handle kernel unknown 43 at virtual',
      'address 0001ffff9e2e7d78',
      '<1>[ 203.119838] Mem abort info:',
      '<1>[ 203.120064] ESR = 0x000000009793002b',
      '<1>[ 203.121040] EC = 0x25: DABT (current EL), IL = 32 bits',
      'set_robust_list01 1 TPASS : set_robust_list: retval = -1',
      '(expected -1), errno = 22 (expected 22)',
      'set_robust_list01 2 TPASS : set_robust_list: retval = 0',
      '(expected 0), errno = 0 (expected 0)',
      '<1>[ 203.124496] SET = 0, FnV = 0',
      '<1>[ 203.124778] EA = 0, S1PTW = 0',
      '<1>[ 203.125029] FSC = 0x2b: unknown 43',
      '<1>[ 203.126470] Data abort info:',
      '<1>[ 203.126710] Access size = 4 byte(s)',
      '<1>[ 203.126969] SSE = 0, SRT = 19',
      '<1>[ 203.127708] SF = 0, AR = 0',
      '<1>[ 203.128213] CM = 0, WnR = 0, TnD = 0, TagAccess = 0',
      '<1>[ 203.128788] GCS = 0, Overlay = 0, DirtyBit = 0, Xs = 0',
      '<1>[ 203.130416] user pgtable: 4k pages, 52-bit VAs, pgdp=000000010606a780',
      '<1>[ 203.130817] [0001ffff9e2e7d78] pgd=0000000000000000',
      '<0>[ 203.132603] Internal error: Oops: 000000009793002b [#1] PREEMPT SMP',
      '<4>[ 203.133483] Modules linked in: btrfs blake2b_generic libcrc32c',
      'xor xor_neon raid6_pq zstd_compress crct10dif_ce sm3_ce sm3 sha3_ce',
      'sha512_ce sha512_arm64 fuse drm backlight dm_mod ip_tables x_tables',
      '<4>[ 203.135177] CPU: 1 PID: 653 Comm: set_robust_list Not tainted',
      '6.6.0-rc7-next-20231026 #1',
      '<4>[ 203.135642] Hardware name: linux,dummy-virt (DT)',
      '<4>[ 203.136609] pstate: 83400009 (Nzcv daif +PAN -UAO +TCO +DIT',
      '-SSBS BTYPE=--)',
      '<4>[ 203.137028] pc : handle_futex_death (kernel/futex/core.c:661',
      '(discriminator 6))',
      '<4>[ 203.138844] lr : handle_futex_death',
      '(arch/arm64/include/asm/uaccess.h:46 (discriminator 1)',
      'kernel/futex/core.c:661 (discriminator 1))',
      '',
    ];
    const [report] = reportsOf(lines);
    assert.equal(report.function, 'handle_futex_death');
    assert.equal(report.title, 'BUG: unable to handle kernel unknown NUM in handle_futex_death');
  });

  it("says x86_64 of a KASAN report without addresses: its `<TASK>` marks and SRSO's return thunk left on the stack", () => {
    // github.com/ThinkParQ/beegfs/issues/108
    const lines = [
      '[  146.752369] BUG: KASAN: slab-use-after-free in __mutex_lock+0x1ccd/0x25c0',
      '[  146.753052] Read of size 4 at addr ff110001148d0034 by task venom-agent/1101',
      '[  146.753693] ',
      '[  146.862911] CPU: 7 UID: 0 PID: 1101 Comm: venom-agent Tainted: G      D    O        6.19.0-g990dca9c3b7a-dirty #47 PREEMPT(lazy) ',
      '[  146.862966] Tainted: [D]=DIE, [O]=OOT_MODULE',
      '[  146.862979] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.13.0-1ubuntu1.1 04/01/2014',
      '[  146.863004] Call Trace:',
      '[  146.863015]  <TASK>',
      '[  146.863029]  dump_stack_lvl+0xc6/0x120',
      '[  146.863072]  print_report+0xce/0x660',
      '[  146.863118]  ? __mutex_lock+0x1ccd/0x25c0',
      '[  146.863168]  ? srso_alias_return_thunk+0x5/0xfbef5',
      '[  146.863212]  ? __virt_addr_valid+0xfe/0x620',
      '[  146.863250]  ? __mutex_lock+0x1ccd/0x25c0',
      '[  146.863300]  kasan_report+0xe0/0x110',
      '[  146.863348]  ? __mutex_lock+0x1ccd/0x25c0',
      '[  146.863409]  __mutex_lock+0x1ccd/0x25c0',
      '[  146.863459]  ? lock_release+0x1c4/0x270',
      '[  146.863495]  ? FhgfsInode_referenceHandle+0x1c4/0x16a0 [beegfs]',
      '[  146.864418]  ? __pfx_stack_trace_consume_entry+0x10/0x10',
      '[  146.864463]  ? srso_alias_return_thunk+0x5/0xfbef5',
      '[  146.864502]  ? is_bpf_text_address+0x99/0x1e0',
      '[  146.864556]  ? kernel_text_address+0x153/0x170',
      '[  146.864610]  ? __pfx___mutex_lock+0x10/0x10',
    ];
    assert.equal(analyze(lines.join('\n')).archDetected, 'x86_64');
  });

  it('says x86_64 of an old oops by its `IP: [<ffffffff…>]` line', () => {
    // github.com/Open-CAS/standalone-linux-io-tracer/issues/37
    const lines = [
      '[ 5797.598826] BUG: unable to handle kernel NULL pointer dereference at 000000000000000a',
      '[ 5797.607974] IP: [<ffffffffc0841d99>] octf_trace_push+0x19/0x240 [iotrace]',
      '[ 5797.616049] PGD 0 ',
      '[ 5797.619308] Oops: 0000 [#1] SMP ',
    ];
    assert.equal(analyze(lines.join('\n')).archDetected, 'x86_64');
  });

  it("says arm64 of a hung task's trace by its unwinder's ` (T)` mark", () => {
    // github.com/qualcomm-linux/kernel/issues/258
    const lines = [
      '                [  244.878944][   T74] INFO: task swapper/0:1 blocked for more than 120 seconds.',
      '                [  244.886342][   T74]       Not tainted 6.19.0-rc8-00567-gc10784363e6a #1',
      '                [  244.893160][   T74] "echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
      '                [  244.901926][   T74] task:swapper/0       state:D stack:10416 pid:1     tgid:1     ppid:0      task_flags:0x0140 flags:0x00000010',
      '                [  244.913832][   T74] Call trace:',
      '                [  244.917082][   T74]  __switch_to+0x108/0x1c8 (T)',
      '                [  244.921861][   T74]  __schedule+0x2fc/0x740',
      '                [  244.926189][   T74]  schedule+0x38/0xb8',
      '                [  244.930158][   T74]  schedule_timeout+0x130/0x148',
      '                [  244.935020][   T74]  __wait_for_common+0xec/0x1f8',
      '                [  244.940071][   T74]  wait_for_completion+0x28/0x40',
      '                [  244.945016][   T74]  __flush_work+0x8c/0x110',
      '                [  244.949409][   T74]  flush_work+0x38/0x50',
      '                [  244.953533][   T74]  deferred_probe_initcall+0x64/0xc8',
      '                [  244.958814][   T74]  do_one_initcall+0x60/0x2c0',
      '                [  244.963474][   T74]  do_initcalls+0xfc/0x1f8',
    ];
    assert.equal(analyze(lines.join('\n')).archDetected, 'arm64');
  });

  it("reads a hypervisor's guest and port tag before the timestamp as part of the console prefix (no caller id)", () => {
    // github.com/xvisor/xvisor/issues/199
    const lines = [
      '[guest0/uart0] [    1.885337] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(1,0)',
      '[guest0/uart0] [    1.889359] CPU: 1 UID: 0 PID: 1 Comm: swapper/0 Not tainted 6.17.0-rc2-00060-g068a56e56fa8 #1 NONE ',
      '[guest0/uart0] [    1.893237] Hardware name: Virt64 (DT)',
      '[guest0/uart0] [    1.895008] Call Trace:',
      '[guest0/uart0] [    1.896331] [<ffffffff800151e0>] dump_backtrace+0x1c/0x24',
      '[guest0/uart0] [    1.899347] [<ffffffff80002368>] show_stack+0x28/0x34',
      '[guest0/uart0] [    1.901604] [<ffffffff8000e70e>] dump_stack_lvl+0x4a/0x68',
    ];
    const model = analyze(lines.join('\n'));
    assert.equal(model.reports.length, 1);
    assert.deepEqual(
      model.reports[0].frames.map((f) => f.function),
      ['dump_backtrace', 'show_stack', 'dump_stack_lvl'],
    );
  });
});
