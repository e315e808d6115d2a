// regs-vs-frame on real console lines: the pc/RIP against the WARNING header and, where traces
// start at the pc, against the first frame; an s390x trace unwound from the stack pointer (it
// opens with an entry in parentheses) starts at the caller and is no disagreement, and so does a
// riscv64 trace of 5.x, whose walk skipped the epc frame.
import { strict as assert } from 'assert';
import { diagnose, type ActionableDiagnostic } from '../../server/src/analysis/diagnostics';
import { analyze, type AnalyzeOptions } from '../../server/src/analysis/model';

function regsVsFrame(lines: readonly string[], options: AnalyzeOptions = {}): ActionableDiagnostic[] {
  return diagnose(analyze(lines.join('\n'), options), { unwinder: null }).diagnostics.filter((d) => d.code === 'regs-vs-frame');
}

// An s390x WARNING of Ubuntu's 5.4 (mlx5 on an IBM 8562): show_regs unwound from gpr15, so the
// trace opens with the save area's r14 in parentheses and goes on at the PSW function's caller.
const S390X_5_4_WARNING = [
  '[  331.531819] WARNING: CPU: 7 PID: 2156 at mm/page_alloc.c:4727 __alloc_pages_nodemask+0x25c/0x320',
  '[  331.531833] CPU: 7 PID: 2156 Comm: systemd-udevd Not tainted 5.4.0-14-generic #17-Ubuntu',
  '[  331.531833] Hardware name: IBM 8562 GT2 A00 (LPAR)',
  '[  331.531834] Krnl PSW : 0704c00180000000 00000000735d720c (__alloc_pages_nodemask+0x25c/0x320)',
  '[  331.531836]            R:0 T:1 IO:1 EX:1 Key:0 M:1 W:0 P:0 AS:3 CC:0 PM:0 RI:0 EA:3',
  '[  331.531851] Call Trace:',
  '[  331.531852] ([<0000000000000201>] 0x201)',
  '[  331.531856]  [<00000000735a20c4>] kmalloc_order+0x34/0xb0',
  '[  331.531856]  [<00000000735a2172>] kmalloc_order_trace+0x32/0xe0',
  '[  331.531880]  [<000003ff8042607e>] mlx5_fw_tracer_create+0x3e/0x500 [mlx5_core]',
  '[  331.531974] Last Breaking-Event-Address:',
  '[  331.531975]  [<00000000735d7208>] __alloc_pages_nodemask+0x258/0x320',
  '[  331.531975] ---[ end trace 5985b580c6dbfd3e ]---',
];

// An s390x RCU stall of 6.5 (KVM on an IBM 8561): unwound from the registers, the trace opens
// with the PSW's function, then the interrupted frame's r14 in parentheses.
const S390X_6_5_STALL = [
  ' [ 4933.861321] rcu: INFO: rcu_sched self-detected stall on CPU',
  ' [ 4933.861357] CPU: 14 PID: 217198 Comm: qemu-system-s39 Not tainted 6.5.0-20230816.rc6.git26.a9d17c5d8813.300.fc38.s390x #1',
  ' [ 4933.861360] Hardware name: IBM 8561 T01 703 (LPAR)',
  ' [ 4933.861361] Krnl PSW : 0704e00180000000 000003ff804bfc66 (kvm_s390_gisa_destroy+0x3e/0xe0 [kvm])',
  ' [ 4933.861444] Call Trace:',
  ' [ 4933.861445]  [<000003ff804bfc66>] kvm_s390_gisa_destroy+0x3e/0xe0 [kvm]',
  ' [ 4933.861460] ([<00000002623523de>] free_unref_page+0xee/0x148)',
  ' [ 4933.861507]  [<000003ff804aea98>] kvm_arch_destroy_vm+0x50/0x120 [kvm]',
  ' [ 4933.861521]  [<000003ff8049d374>] kvm_destroy_vm+0x174/0x288 [kvm]',
];

// A riscv64 oops of 5.18 (QEMU virt, KASAN): the trace begins two frames above epc (kasan_check_range,
// called from memset, called from pcpu_alloc), as every 5.x kernel's walk_stackframe printed it.
const RISCV64_5_18_OOPS = [
  '[   16.188727][    T1] Unable to handle kernel paging request at virtual address ffebfffeffff2000',
  '[   16.192727][    T1] Oops [#1]',
  '[   16.194687][    T1] CPU: 3 PID: 1 Comm: swapper/0 Not tainted 5.18.0-00001-g37ac279268bf-dirty #9',
  '[   16.197836][    T1] epc : kasan_check_range+0x9e/0x14e',
  '[   16.199104][    T1]  ra : memset+0x1e/0x4c',
  '[   16.200091][    T1] epc : ffffffff804787e0 ra : ffffffff80478f30 sp : ff600000073ffb70',
  '[   16.216910][    T1] Call Trace:',
  '[   16.217816][    T1] [<ffffffff803a4f32>] pcpu_alloc+0x844/0x1254',
  '[   16.219110][    T1] [<ffffffff803a59a0>] __alloc_percpu+0x28/0x34',
  '[   16.220244][    T1] [<ffffffff8328824a>] ip_rt_init+0x17e/0x382',
];

describe('diagnostics: regs-vs-frame', () => {
  it('the arm64 pc against the first frame and a WARNING header', () => {
    const found = regsVsFrame(
      [
        'WARNING: CPU: 1 PID: 2 at net/ipv4/af_inet.c:153 inet_sock_destruct+0x158/0x188',
        'pc : other_func+0x158/0x188',
        'lr : inet_sock_destruct+0x4c/0x188',
        'sp : ffff80001418fc10',
        'Call trace:',
        ' inet_sock_destruct+0x158/0x188',
        ' __sk_destruct+0x34/0x1a8',
      ].map((l) => `[498349.286372] ${l}`),
      { arch: 'arm64' },
    );
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, 0);
    assert.equal(found[0].related[0].range.start.line, 1);
  });

  it('an s390x trace unwound from the stack pointer starts at the caller: no disagreement', () => {
    assert.deepEqual(regsVsFrame(S390X_5_4_WARNING), []);
  });

  it('an s390x trace unwound from the registers starts at the PSW function, and another first frame is a warning', () => {
    assert.deepEqual(regsVsFrame(S390X_6_5_STALL), []);
    // The first frame as interleaved lines would show it: another function than the PSW's.
    const interleaved = [...S390X_6_5_STALL];
    interleaved[5] = ' [ 4933.861445]  [<000003ff804aea98>] kvm_arch_destroy_vm+0x50/0x120 [kvm]';
    const found = regsVsFrame(interleaved);
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.severity]),
      [[5, 'warning']],
    );
    assert.match(found[0].message, /PSW\.addr is in kvm_s390_gisa_destroy, but the call trace starts at kvm_arch_destroy_vm/);
  });

  it('a riscv64 trace may begin above epc (5.x skipped it): no disagreement', () => {
    const model = analyze(RISCV64_5_18_OOPS.join('\n'));
    assert.equal(model.arch, 'riscv64');
    assert.deepEqual(regsVsFrame(RISCV64_5_18_OOPS), []);
  });
});
