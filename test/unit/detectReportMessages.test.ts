// A console excerpt cut before its registers still names its architecture by the report lines only one
// kernel prints: arm64's abort decoding and ESR-valued oops, powerpc's 64-bit faulting instruction
// address, x86_64's non-canonical general protection fault. Excerpts of public reports, unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

// A Raspberry Pi 4's 64-bit kernel (a raspberrypi/linux issue), up to its oops line.
const ARM64_ABORT = [
  '[  402.108994] Unable to handle kernel paging request at virtual address 0000000800000022',
  '[  402.108999] Mem abort info:',
  '[  402.109001]   ESR = 0x96000005',
  '[  402.109004]   Exception class = DABT (current EL), IL = 32 bits',
  '[  402.109006]   SET = 0, FnV = 0',
  '[  402.109008]   EA = 0, S1PTW = 0',
  '[  402.109009] Data abort info:',
  '[  402.109011]   ISV = 0, ISS = 0x00000005',
  '[  402.109012]   CM = 0, WnR = 0',
  '[  402.109017] user pgtable: 4k pages, 39-bit VAs, pgdp = 000000005f5d0f95',
  '[  402.109019] [0000000800000022] pgd=0000000000000000, pud=0000000000000000',
  '[  402.109025] Internal error: Oops: 96000005 [#1] PREEMPT SMP',
];

// A POWER9 sysrq crash (an op-build issue): the console's lines as printed once.
const PPC64_SYSRQ = [
  '[  349.166638] Unable to handle kernel paging request for data at address 0x00000000',
  '[  349.167485] Faulting instruction address: 0xc00000000069d168',
  '[  349.168127] Oops: Kernel access of bad area, sig: 11 [#1]',
];

// A KASAN kernel's NULL dereference (an intel/ccc-linux-guest-hardening issue), cut before its registers.
const X86_64_KASAN_GPF = [
  'general protection fault, probably for non-canonical address 0xdffffc0000000000: 0000 [#1] PREEMPT DEBUG_PAGEALLOC KASAN',
  'KASAN: null-ptr-deref in range [0x0000000000000000-0x0000000000000007]',
  'CPU: 0 PID: 1 Comm: swapper Not tainted 6.0.0-rc2-g1d588de205f8 #1',
  'RIP: 0010:tdx_fuzz (arch/x86/coco/tdx/kafl-agent.c:523) ',
];

// A syzbot UBSAN report (lore: 69ef9c80.050a0220.18b4f.0005.GAE@google.com): no register line, only its
// symbolized frames' sources under arch/x86/.
const X86_64_UBSAN = [
  'UBSAN: shift-out-of-bounds in ./include/linux/log2.h:57:13',
  "shift exponent 64 is too large for 64-bit type 'unsigned long'",
  'CPU: 1 UID: 0 PID: 77 Comm: kworker/u8:4 Not tainted syzkaller #0 PREEMPT(full) ',
  'Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 04/18/2026',
  'Workqueue: events_unbound conn_resize_work_handler',
  'Call Trace:',
  ' <TASK>',
  ' dump_stack_lvl+0xe8/0x150 lib/dump_stack.c:120',
  ' ubsan_epilogue+0xa/0x30 lib/ubsan.c:233',
  ' __ubsan_handle_shift_out_of_bounds+0x385/0x410 lib/ubsan.c:494',
  ' __roundup_pow_of_two include/linux/log2.h:57 [inline]',
  ' ip_vs_rht_desired_size+0x2cf/0x410 net/netfilter/ipvs/ip_vs_core.c:240',
  ' ip_vs_conn_desired_size net/netfilter/ipvs/ip_vs_conn.c:765 [inline]',
  ' conn_resize_work_handler+0x1b6/0x14c0 net/netfilter/ipvs/ip_vs_conn.c:822',
  ' process_one_work kernel/workqueue.c:3302 [inline]',
  ' process_scheduled_works+0xb5d/0x1860 kernel/workqueue.c:3385',
  ' worker_thread+0xa53/0xfc0 kernel/workqueue.c:3466',
  ' kthread+0x388/0x470 kernel/kthread.c:436',
  ' ret_from_fork+0x514/0xb70 arch/x86/kernel/process.c:158',
  ' ret_from_fork_asm+0x1a/0x30 arch/x86/entry/entry_64.S:245',
  ' </TASK>',
  '---[ end trace ]---',
];

describe('architecture from report lines alone', () => {
  it("reads arm64 from its abort decoding and its oops's ESR", () => {
    assert.equal(analyze(ARM64_ABORT.join('\n')).arch, 'arm64');
    // The oops line alone, as a mail quotes it.
    assert.equal(analyze(ARM64_ABORT.slice(-1).join('\n')).arch, 'arm64');
  });

  it("reads ppc64 from powerpc's 64-bit faulting instruction address", () => {
    assert.equal(analyze(PPC64_SYSRQ.join('\n')).arch, 'ppc64');
  });

  it("reads x86_64 from a non-canonical address's fault, and KASAN's shadow of 0 in it on a KASAN kernel's oops", () => {
    const model = analyze(X86_64_KASAN_GPF.join('\n'));
    assert.equal(model.arch, 'x86_64');
    assert.match(hoverOn(model, '0xdffffc0000000000'), /KASAN shadow offset \(KASAN_SHADOW_OFFSET\): the shadow of address 0/);
  });

  it("leaves 32-bit arm's oops (`Oops: 5`) to its registers", () => {
    assert.equal(analyze('[330930.269683] Internal error: Oops: 5 [#1] SMP ARM').arch, 'unknown');
  });

  it("reads the architecture from a symbolized frame's source under arch/", () => {
    assert.equal(analyze(X86_64_UBSAN.join('\n')).arch, 'x86_64');
  });
});
