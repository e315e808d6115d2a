// not-text on real lines: a bt return address that can never be text is an error (crash names
// every frame: a misread or edited line); a trace address the kernel printed without a name is
// a warning, its unwinder's own stray step.
import { strict as assert } from 'assert';
import { diagnose, type ActionableDiagnostic } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';

function notText(lines: readonly string[]): ActionableDiagnostic[] {
  return diagnose(analyze(lines.join('\n')), { unwinder: null }).diagnostics.filter((d) => d.code === 'not-text');
}

// An s390x expedited RCU stall (KVM, 6.5): the task dump of a task running on another CPU,
// whose one trace entry the kernel could not name; the self-detected stall follows.
const S390X_STALL = [
  ' [ 4915.311372] rcu: INFO: rcu_sched detected expedited stalls on CPUs/tasks: { 14-.... } 24533 jiffies s: 5269 root: 0x1/.',
  ' [ 4915.311390] rcu: blocking rcu_node structures (internal RCU debug): l=1:0-15:0x4000/.',
  ' [ 4915.311394] Task dump for CPU 14:',
  ' [ 4915.311395] task:qemu-system-s39 state:R  running task     stack:0     pid:217198 ppid:1      flags:0x00000045',
  ' [ 4915.311399] Call Trace:',
  ' [ 4915.311401]  [<0000038003a33a10>] 0x38003a33a10',
  ' [ 4933.861321] rcu: INFO: rcu_sched self-detected stall on CPU',
  ' [ 4933.861357] CPU: 14 PID: 217198 Comm: qemu-system-s39 Not tainted 6.5.0-20230816.rc6.git26.a9d17c5d8813.300.fc38.s390x #1',
  ' [ 4933.861360] Hardware name: IBM 8561 T01 703 (LPAR)',
  ' [ 4933.861361] Krnl PSW : 0704e00180000000 000003ff804bfc66 (kvm_s390_gisa_destroy+0x3e/0xe0 [kvm])',
  ' [ 4933.861444] Call Trace:',
  ' [ 4933.861445]  [<000003ff804bfc66>] kvm_s390_gisa_destroy+0x3e/0xe0 [kvm]',
  ' [ 4933.861507]  [<000003ff804aea98>] kvm_arch_destroy_vm+0x50/0x120 [kvm]',
];

// An x86_64 (4-level paging) NULL dereference of the corpus (test/corpus/x86_64), first frames of its bt.
// (A 5-level paging session would not do: there ffff0000… addresses are canonical.)
const X86_64_BT = [
  'crash> bt',
  'PID: 89       TASK: ffff8b4ec2944200  CPU: 0    COMMAND: "sh"',
  ' #0 [ffffcd72c062fba8] panic at ffffffff91bf6ec0',
  ' #1 [ffffcd72c062fc48] page_fault_oops at ffffffff91287329',
  ' #2 [ffffcd72c062fcc8] exc_page_fault at ffffffff91c3d350',
  ' #3 [ffffcd72c062fcf0] asm_exc_page_fault at ffffffff91e00c02',
];

describe('diagnostics: not-text', () => {
  it('a bt return address on the stack is an error; hashed trace pointers are left alone', () => {
    const found = notText([
      'crash> bt',
      'PID: 1      TASK: ffff888000100000  CPU: 0    COMMAND: "x"',
      ' #0 [ffffc90000013e00] a_func at ffffffff81000105',
      ' #1 [ffffc90000013e20] b_func at ffffc90000013e80',
      '',
      'Call Trace:',
      ' [<00000000adc671f1>] ipmr_mfc_seq_stop+0x1/0x10',
    ]);
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.severity]),
      [[3, 'error']],
    );
  });

  it("leaves alone a frame crash itself calls unreliable (ppc64's `#0 … (unreliable)`)", () => {
    const found = notText([
      'crash> bt',
      'PID: 2        TASK: c000000004797f80  CPU: 0    COMMAND: "kthreadd"',
      ' #0 [c00000000484fbc0] _end at c00000000484fd70  (unreliable)',
      ' #1 [c00000000484fd70] __switch_to at c00000000001fabc',
      ' #2 [c00000000484fdd0] __schedule at c0000000011ca9dc',
      ' #3 [c00000000484feb0] schedule at c0000000011caeb0',
      ' #4 [c00000000484ff20] kthreadd at c0000000001af6c4',
      ' #5 [c00000000484ffe0] start_kernel_thread at c00000000000ded8',
    ]);
    assert.deepEqual(found, []);
    // Said of a frame crash vouches for, in plain words.
    const edited = notText([
      'crash> bt',
      'PID: 2        TASK: c000000004797f80  CPU: 0    COMMAND: "kthreadd"',
      ' #0 [c00000000484fbc0] _end at c00000000484fd70',
      ' #1 [c00000000484fd70] __switch_to at c00000000001fabc',
      ' #2 [c00000000484fdd0] __schedule at c0000000011ca9dc',
    ]);
    assert.deepEqual(
      edited.map((d) => [d.range.start.line, d.severity]),
      [[2, 'error']],
    );
    assert.match(edited[0].message, /an address on the stack of PID 2 \(kthreadd\) cannot be a return address/);
  });

  it('a stack address the kernel printed without a name is its unwinder going astray: a warning', () => {
    const found = notText(S390X_STALL);
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.severity]),
      [[5, 'warning']],
    );
    assert.equal(S390X_STALL[5].slice(found[0].range.start.character, found[0].range.end.character), '0000038003a33a10');
    assert.match(found[0].message, /the kernel printed a [a-z ]+ address, which cannot be a return address/);
  });

  it("leaves alone the user PSW address that ends an s390x system call's trace (user space is another address space)", () => {
    // 3.10 (RHEL 7, a kernel BUG in a bug report): the trace ends past sysc_nr_ok in user space.
    const trace = [
      'Krnl PSW : 0704c00180000000 000003ff808bd352 (sd_prep_fn+0xfa/0xd1c [sd_mod])',
      'Call Trace:',
      '([<000003ff808bd2e8>] sd_prep_fn+0x90/0xd1c [sd_mod])',
      ' [<00000000003813e4>] blk_peek_request+0xfc/0x25c',
      ' [<000000000043250c>] scsi_request_fn+0x64/0x620',
      ' [<000000000028390a>] SyS_read+0x5e/0xac',
      ' [<00000000005db5cc>] sysc_nr_ok+0x22/0x28',
      ' [<0000004e15e926dc>] 0x4e15e926dc',
      'Last Breaking-Event-Address:',
      ' [<0000000000431f8a>] scsi_alloc_sgtable+0x5e/0x7c',
    ];
    assert.deepEqual(notText(['kernel BUG at drivers/scsi/scsi_lib.c:1085!', ...trace]), []);
  });

  it('leaves that user PSW alone where the registers make its numbers a vmalloc address', () => {
    // The same report whole (abrt/satyr tests/kerneloopses/rhbz-1040900-s390x-2, escapes decoded; its code left out).
    const report = [
      'kernel BUG at drivers/scsi/scsi_lib.c:660!',
      'illegal operation: 0001 [#1] SMP',
      'Krnl PSW : 0404c00180000000 0000000000431f8e (scsi_alloc_sgtable+0x62/0x7c)',
      '           R:0 T:1 IO:0 EX:0 Key:0 M:1 W:0 P:0 AS:3 CC:0 PM:0 EA:3',
      'Krnl GPRS: 000000000c7fff88 000000006ad08600 000000006e8e2078 0000000000000000',
      '           0000000000000020 0000000000000000 0000000000001000 000000000c7fff80',
      '           0000000000000000 000000006e8e2078 0000000000000020 0000000000000000',
      '           000000006e8e2078 000000006ad09200 000000006ef4b8b0 000000006ef4b858',
      'Call Trace:',
      '([<00000000027f8000>] 0x27f8000)',
      ' [<0000000000432114>] scsi_init_io+0xdc/0x184',
      ' [<000003ff808bd352>] sd_prep_fn+0xfa/0xd1c [sd_mod]',
      ' [<00000000003813e4>] blk_peek_request+0xfc/0x25c',
      ' [<000000000043250c>] scsi_request_fn+0x64/0x620',
      ' [<000000000037abaa>] __blk_run_queue+0x52/0x68',
      ' [<000000000037d416>] queue_unplugged+0x42/0xbc',
      ' [<000000000038191c>] blk_flush_plug_list+0x24c/0x2cc',
      ' [<0000000000381dc0>] blk_finish_plug+0x2c/0x58',
      ' [<000000000021cfcc>] __do_page_cache_readahead+0x1f4/0x294',
      ' [<000000000021d724>] force_page_cache_readahead+0xbc/0x114',
      ' [<0000000000210ee2>] generic_file_aio_read+0x5c2/0x844',
      ' [<000000000028259e>] do_sync_read+0x86/0xc0',
      ' [<0000000000282caa>] vfs_read+0x82/0x17c',
      ' [<000000000028390a>] SyS_read+0x5e/0xac',
      ' [<00000000005db5cc>] sysc_nr_ok+0x22/0x28',
      ' [<0000004e15e926dc>] 0x4e15e926dc',
      'Last Breaking-Event-Address:',
      ' [<0000000000431f8a>] scsi_alloc_sgtable+0x5e/0x7c',
    ];
    assert.deepEqual(notText(report), []);
  });

  it("says riscv64's bt frame #0 is the pc crash starts from, which a user address cannot be", () => {
    // Linux 59c026c359c3 ("RISC-V: Fixup get incorrect user mode PC for kernel mode regs", stable, 2022-08-15):
    // the crash notes of a 5.18 kernel held a user pc, which crash's bt printed as frame #0.
    const bt = [
      'crash> bt',
      'PID: 113      TASK: ff60000002269600  CPU: 0    COMMAND: "sh"',
      ' #0 [ff2000001039bb90] __efistub_.Ldebug_info0 at 00ffffffa5537400',
      ' #1 [ff2000001039bcf0] panic at ffffffff806578ba',
      ' #2 [ff2000001039bd50] sysrq_reset_seq_param_set at ffffffff8038c030',
    ];
    assert.deepEqual(
      notText(bt).map((d) => d.message),
      [
        "#0 __efistub_.Ldebug_info0 at 00ffffffa5537400: a user space address cannot be the kernel pc crash starts from (frame #0's)",
      ],
    );
  });

  it('names the kind once: a non-canonical address, a user space address', () => {
    // #2 and #3 as misreadings would show them: an arm64 text address and a user one.
    const misread = [...X86_64_BT];
    misread[4] = ' #2 [ffffcd72c062fcc8] exc_page_fault at ffff000008083474';
    misread[5] = ' #3 [ffffcd72c062fcf0] asm_exc_page_fault at 00007f9e87e6f1a0';
    const found = notText(misread);
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.severity]),
      [
        [4, 'error'],
        [5, 'error'],
      ],
    );
    assert.match(found[0].message, /^#2 exc_page_fault at ffff000008083474: a non-canonical address cannot be a return address$/);
    assert.match(
      found[1].message,
      /^#3 asm_exc_page_fault at 00007f9e87e6f1a0: a user space address cannot be a return address$/,
    );
  });

  it('a trace none of whose addresses can be text here comes from another architecture: information, not errors', () => {
    // The x86_64 session's note quotes an arm64 softlockup from linux-fsdevel (crash's bt -c 40).
    const lines = [
      ...X86_64_BT,
      '',
      'The same lock is taken on the arm64 box:',
      '',
      'crash> bt -c 40',
      'PID: 1      TASK: ffff801faf851f80  CPU: 40  COMMAND: "systemd"',
      '  #0 [ffff000009c9bda0] crash_save_cpu at ffff0000081a280c',
      '  #1 [ffff000009c9bf60] handle_IPI at ffff000008096850',
      '  #2 [ffff000009c9bfd0] gic_handle_irq at ffff0000080818d0',
    ];
    assert.equal(analyze(lines.join('\n')).arch, 'x86_64');
    const found = notText(lines);
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.severity]),
      [[11, 'info']],
    );
    assert.match(found[0].message, /another architecture or machine than the transcript's x86_64/);
  });
  it("flags the RA of crash's riscv64 frame extent that is a stack address (a leaf function's, which saved no ra)", () => {
    // Commit 9b69093 of github.com/crash-utility/crash, "RISCV64: Fix 'bt' output when no ra on the stack top", before the fix.
    const lines = [
      'crash> bt -f',
      'PID: 1        TASK: ff600000000e0000  CPU: 1    COMMAND: "sh"',
      ' #0 [ff20000000013cf0] lkdtm_EXCEPTION at ffffffff805303c0',
      '    [PC: ffffffff805303c0 RA: ff20000000013d10 SP: ff20000000013cf0 SIZE: 16] <- wrong next PC',
      '    ff20000000013cf0: 0000000000000001 ff20000000013d10 <- next FP',
      '    ff20000000013d00: ff20000000013d40',
    ];
    const [finding] = notText(lines);
    assert.equal(finding?.range.start.line, 3);
    assert.match(finding.message, /the RA crash gives it, ff20000000013d10, is an address on the stack of PID 1 \(sh\)/);
  });
});
