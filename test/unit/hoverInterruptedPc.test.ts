// A bt frame printed at the pc of the exception frame crash shows above it is the instruction the
// exception interrupted, not a return address (x86_64's NMI, ppc64's SLB fault); ppc64's `(unreliable)`
// doubts the frame itself. Excerpts of public sessions (a note on a spinlock deadlock, a ppc64 fix's commit message).
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze } from '../../server/src/analysis/model';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { readShared } from '../support/corpus';
import { hoverOn } from '../support/hover';
import {
  PPC64_PERF_CALLCHAIN,
  RISCV64_SYSRQ_BT,
  X86_KMALLOC_NODE_BT_F,
  X86_KMALLOC_NODE_CONSOLE,
} from '../support/publicExcerpts';

const X86_NMI = [
  '   PID: 30388  TASK: ffff88039e30b500  CPU: 20  COMMAND: "java"',
  '    #0 [ffff880028387e90] crash_nmi_callback at ffffffff8102fee6',
  '    #1 [ffff880028387ea0] notifier_call_chain at ffffffff8152d515',
  '    #2 [ffff880028387ee0] atomic_notifier_call_chain at ffffffff8152d57a',
  '    #3 [ffff880028387ef0] notify_die at ffffffff810a154e',
  '    #4 [ffff880028387f20] do_nmi at ffffffff8152b1db',
  '    #5 [ffff880028387f50] nmi at ffffffff8152aaa0',
  '       [exception RIP: _spin_lock_irq+40]',
  '       RIP: ffffffff8152a238  RSP: ffff88049d8b5638  RFLAGS: 00000093',
  '       RAX: 00000000000066ce  RBX: ffff880000022e80  RCX: 0000000000000004',
  '       RDX: 00000000000066cc  RSI: 000000000000000a  RDI: ffff88000002b2c0',
  '       RBP: ffff88049d8b5638   R8: 000000000000000a   R9: 0000000000000000',
  '       R10: 0000000000000000  R11: 0000000000000004  R12: ffffea001a8688b8',
  '       R13: 0000000000000000  R14: ffff8800283931c0  R15: 0040000000020028',
  '       ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
  '   --- <NMI exception stack> ---',
  '    #6 [ffff88049d8b5638] _spin_lock_irq at ffffffff8152a238',
  '    #7 [ffff88049d8b5640] ____pagevec_lru_deactivate at ffffffff81136cc8',
  '    #8 [ffff88049d8b56d0] lru_add_drain at ffffffff81136f68',
  '    #9 [ffff88049d8b5700] __pagevec_release at ffffffff81136fd6',
];

const PPC64_SLB_FAULT = [
  '  PID: 7574   TASK: c0000000d492cb80  CPU: 13  COMMAND: "drmgr"',
  '   #0 [c0000000e4f075a0] crash_kexec at c00000000027d7dc',
  '   #1 [c0000000e4f075d0] oops_end at c000000000029608',
  '   #2 [c0000000e4f07650] __bad_page_fault at c0000000000904b4',
  '   #3 [c0000000e4f076c0] do_bad_slb_fault at c00000000009a5a8',
  '   #4 [c0000000e4f076f0] data_access_slb_common_virt at c000000000008b30',
  '   Data SLB Access [380] exception frame:',
  '   R0:  c000000000167250    R1:  c0000000e4f07a00    R2:  c000000002a46100',
  '   R3:  c000000002b39ce8    R4:  00000000000000c0    R5:  00000000000000a9',
  '   R6:  3894674d000000c0    R7:  0000000000000000    R8:  00000000000000ff',
  '   R9:  0000000000000100    R10: 6b6b6b6b6b6b6b6b    R11: 0000000000008000',
  '   R12: c00000000023da80    R13: c0000009ffd38b00    R14: 0000000000000000',
  '   R15: 000000011c87f0f0    R16: 0000000000000006    R17: 0000000000000003',
  '   R18: 0000000000000002    R19: 0000000000000004    R20: 0000000000000005',
  '   R21: 000000011c87ede8    R22: 000000011c87c5a8    R23: 000000011c87d3a0',
  '   R24: 0000000000000000    R25: 0000000000000001    R26: c0000000e4f07cc8',
  '   R27: c00000004d1cc400    R28: c0080000031d00e8    R29: c00000004d23d800',
  '   R30: c00000004d1d2400    R31: c00000004d1d2540',
  '   NIP: c000000000167258    MSR: 8000000000009033    OR3: c000000000e9f474',
  '   CTR: 0000000000000000    LR:  c000000000167250    XER: 0000000020040003',
  '   CCR: 0000000024088420    MQ:  0000000000000000    DAR: 6b6b6b6b6b6b6ba3',
  '   DSISR: c0000000e4f07920     Syscall Result: fffffffffffffff2',
  '   [NIP  : release_resource+56]',
  '   [LR   : release_resource+48]',
  '   #5 [c0000000e4f07a00] release_resource at c000000000167258  (unreliable)',
  '   #6 [c0000000e4f07a30] remove_phb_dynamic at c000000000105648',
];

// The BC-Linux notes page: the console's RIP, then `bt -f` pasted from the interrupted frame on, without crash's
// exception frame, then `dis` of the RIP.
const X86_CONSOLE_RIP_BT = [
  ...X86_KMALLOC_NODE_CONSOLE,
  ...X86_KMALLOC_NODE_BT_F,
  'crash> dis __kmalloc_node+0x123',
  '0xffffffff9c49a9d3 <__kmalloc_node+291>:        mov    0x0(%rbp,%rax,1),%rbx',
];

// The registers netdev's ppc64le bt below prints twice, at its head and in its exception frame.
const PPC64_REGISTERS = [
  '  R0:  c0080000010bb1a0    R1:  c000000003b7b910    R2:  c008000001178000',
  '  R3:  08000001173928be    R4:  c00c00000045ce40    R5:  00000000000028be',
  '  R6:  0000000000000001    R7:  ffffffffffffffff    R8:  0000000000000000',
  '  R9:  0000000000000010    R10: 0000000000000000    R11: c0080000010fee78',
  '  R12: c000000000231cf0    R13: c000000fffff9080    R14: 0000000000000000',
  '  R15: 0000000000000000    R16: 0000000000000001    R17: 0000000000000000',
  '  R18: 08000001173928be    R19: 0000000000000000    R20: 0000000000000000',
  '  R21: c0000001173928be    R22: c000000003164a00    R23: c000000012570200',
  '  R24: 0000000000000000    R25: 0000000000000001    R26: c00000001c51e050',
  '  R27: 0000000000000005    R28: c000000003164000    R29: 0000000000000000',
  '  R30: c0000000d38a8ae0    R31: 0000000000000000',
  '  NIP: c0080000010bb1e8    MSR: 800000000280b033    OR3: c000000000230128',
  '  CTR: c000000000231cf0    LR:  c0080000010bb1a0    XER: 0000000020040000',
  '  CCR: 0000000048008482    MQ:  0000000000000000    DAR: 000000000000000e',
];

// netdev, Thinh Tran, 2023-11-15 (<bab94c00-c26e-4883-98c9-eb0a31b781fd@linux.vnet.ibm.com>): ppc64le bt of a
// NULL write in a module's transmit, the interrupted registers first, named by `[NIP  : …]` and `[LR   : …]`.
const PPC64_NAMED_NIP = [
  'crash> bt',
  'PID: 41       TASK: c000000003d29b00  CPU: 5    COMMAND: "ksoftirqd/5"',
  ...PPC64_REGISTERS,
  '  DSISR: 0000000042000000     Syscall Result: 0000000000000000',
  '  [NIP  : bnx2x_start_xmit+496]',
  '  [LR   : bnx2x_start_xmit+424]',
  '  #0 [c000000003b7b4e0] crash_kexec at c000000000279f8c',
  '  #1 [c000000003b7b510] oops_end at c0000000000291a8',
  '  #2 [c000000003b7b590] __bad_page_fault at c00000000008d1cc',
  '  #3 [c000000003b7b600] data_access_common_virt at c0000000000088dc',
];

// riscv64.c starts the walk at the crash notes' epc, which bt prints as frame #0.
const RISCV64_BT = RISCV64_SYSRQ_BT.slice(0, 6);

// The same bt's exception frame, below frame #3.
const PPC64_DATA_ACCESS = ['  Data Access [300] exception frame:', ...PPC64_REGISTERS];

// netdev, Matthew Rosato, "Re: [BUG REPORT]net: page_pool: kernel crash at iommu_get_dma_domain+0xc/0x20"
// (s390x 6.11-rc3): the console trace starts at the PSW's address.
const S390X_CONSOLE_TRACE = [
  '[  691.860855] Unable to handle kernel pointer dereference in virtual kernel address space',
  '[  691.861153] Oops: 0038 ilc:2 [#1] PREEMPT SMP ',
  '[  691.861319] CPU: 9 UID: 0 PID: 283 Comm: kworker/9:2 Not tainted 6.11.0-rc3 #1',
  '[  691.861342] Krnl PSW : 0704e00180000000 0000013bd3a6ee26 (iommu_iova_to_phys+0x6/0x40)',
  '[  691.861426] Call Trace:',
  '[  691.861430]  [<0000013bd3a6ee26>] iommu_iova_to_phys+0x6/0x40 ',
  '[  691.861436]  [<0000013bd2f47a32>] dma_unmap_page_attrs+0x1a2/0x1e0 ',
];

// mm-commits, "mm-slub-prevent-kmalloc_node-crashes-and-memory-leaks.patch added to -mm tree" (ppc64le 5.6-rc2):
// the registers' NIP and LR, then powerpc's line naming each.
const PPC64_NIP_NAMED_LINE = [
  'BUG: Kernel NULL pointer dereference on read at 0x000073b0',
  'Oops: Kernel access of bad area, sig: 11 [#1]',
  'NIP:  c0000000003d55f4 LR: c0000000003d5b94 CTR: 0000000000000000',
  'NIP [c0000000003d55f4] ___slab_alloc+0x1f4/0x760',
  'LR [c0000000003d5b94] __slab_alloc+0x34/0x60',
];

describe('hover: the pc an exception interrupted, printed as a bt frame', () => {
  it("calls x86_64's frame below the NMI exception frame the interrupted instruction", () => {
    const card = hoverOn(analyze(X86_NMI.join('\n')), 'ffffffff8152a238', 1);
    assert.match(card, /where the exception interrupted it, the pc of the exception frame on line \d+, not a return address/);
    assert.doesNotMatch(card, /^Return address/m);
  });

  it("calls a bt frame at the console report's RIP the interrupted instruction where the bt shows no exception frame", () => {
    const card = hoverOn(analyze(X86_CONSOLE_RIP_BT.join('\n')), 'ffffffff9c49a9d3');
    assert.match(card, /Instruction at `__kmalloc_node\+291` \(`__kmalloc_node\+0x123`\): where the exception interrupted it/);
  });

  it("calls riscv64's bt frame #0 the pc crash starts from, not a return address", () => {
    const card = hoverOn(analyze(RISCV64_BT.join('\n')), 'ffffffff800078f8');
    assert.match(card, /Instruction at `riscv_crash_save_regs`: the pc crash starts this backtrace from/);
    assert.doesNotMatch(card, /^Return address/m);
    // Frame #1's is a return address as ever.
    assert.match(hoverOn(analyze(RISCV64_BT.join('\n')), 'ffffffff806578c6'), /^Return address into `panic`/m);
  });

  it("calls a console trace's first frame at the PSW's address the pc, the next one a return address (s390x)", () => {
    const model = analyze(S390X_CONSOLE_TRACE.join('\n'));
    const first = hoverOn(model, '0000013bd3a6ee26', 1);
    assert.match(
      first,
      /Instruction at `iommu_iova_to_phys\+6` \(`iommu_iova_to_phys\+0x6`\): where the exception interrupted it/,
    );
    assert.match(hoverOn(model, '0000013bd2f47a32'), /^Return address `dma_unmap_page_attrs\+418`/m);
  });

  it("reads powerpc's `NIP [addr] func+off` line as the pc, and s390x's breaking-event address as the last branch", () => {
    const nip = hoverOn(analyze(PPC64_NIP_NAMED_LINE.join('\n')), 'c0000000003d55f4', 0, (l) => l.startsWith('NIP ['));
    assert.match(
      nip,
      /Instruction at `___slab_alloc\+500` \(`___slab_alloc\+0x1f4`\): where execution was, not a return address/,
    );
    const trace = [
      ...S390X_CONSOLE_TRACE,
      '[  691.861495] Last Breaking-Event-Address:',
      '[  691.861499]  [<0000013bd3a76556>] iommu_dma_unmap_page+0x36/0xb0',
    ];
    const branch = hoverOn(analyze(trace.join('\n')), '0000013bd3a76556');
    assert.match(branch, /the last branch taken before the exception \(s390x's breaking-event address\), not a return address/);
  });

  it("takes ppc64's `[NIP  : func+off]` as showing the function as code", () => {
    const card = hoverOn(analyze(PPC64_NAMED_NIP.join('\n')), 'c0080000010bb1a0', 1);
    assert.match(card, /^Return address `bnx2x_start_xmit\+424`/m);
    // ppc64 loads modules into vmalloc space, its image lies in the linear map.
    assert.match(card, /^\*\*c0080000010bb1a0\*\* — module text$/m);
    assert.doesNotMatch(card, /may be data|no function/);
  });

  it('heads −1 (R7) as all bits set before it calls it an errno', () => {
    const card = hoverOn(analyze(PPC64_NAMED_NIP.join('\n')), 'ffffffffffffffff');
    assert.match(card, /^\*\*ffffffffffffffff\*\* — −1: all bits set \(a mask or a sentinel\), or −EPERM$/m);
  });

  it("places the interrupted context's R1 in the frame of the function NIP names, not the exception entry's", () => {
    const card = hoverOn(analyze([...PPC64_NAMED_NIP, ...PPC64_DATA_ACCESS].join('\n')), 'c000000003b7b910', 1);
    assert.match(card, /in the frame of `bnx2x_start_xmit`, which frame #3 `data_access_common_virt` interrupted/);
  });

  it("does so for ppc64 too, without the function's start in the transcript", () => {
    const withoutNames = PPC64_SLB_FAULT.filter((l) => !/^\s*\[(?:NIP|LR)\s*:/.test(l));
    const card = hoverOn(analyze(withoutNames.join('\n')), 'c000000000167258', 1);
    assert.match(card, /Instruction in `release_resource`: where the exception interrupted it/);
    // With crash's `[NIP  : release_resource+56]`, the function's start is known.
    const named = hoverOn(analyze(PPC64_SLB_FAULT.join('\n')), 'c000000000167258', 1);
    assert.match(named, /Instruction at `release_resource\+56` \(`release_resource\+0x38`\): where the exception interrupted it/);
  });

  it("reads ppc64's `(unreliable)` on the frame at the exception's NIP as crash's mark for an LR in the same function, not a doubt", () => {
    // ppc64.c prints `(unreliable)` where the frame's function is the one the exception frame's LR is in.
    const messages = diagnose(analyze(PPC64_SLB_FAULT.join('\n')), { unwinder: null })
      .diagnostics.filter((d) => d.code === 'unreliable-frame')
      .map((d) => d.message);
    assert.equal(messages.length, 1);
    assert.match(messages[0], /holds its address as the pc: the code the exception interrupted/);
    assert.match(messages[0], /LR, c000000000167250, lies in the same function/);
    assert.doesNotMatch(messages[0], /may be stale/);
  });
});

describe('hover: the interrupted pc saved on the stack', () => {
  it("reads a dumped stack word equal to an exception frame's RIP as that pc (pt_regs.ip), not a return address", () => {
    // Our x86_64 dump's `bt -f`: pt_regs of the NULL dereference hold its RIP at ffffcd72c062fd78.
    const model = analyze(readFileSync(join(__dirname, '..', 'corpus', 'x86_64', '01-null.formats.crashlog'), 'utf8'));
    const text = hoverOn(model, 'ffffffffc0435163', 0, (l) => l.startsWith('    ffffcd72c062fd78:'));
    assert.match(text, /where the exception interrupted it, the pc of the exception frame on line \d+, not a return address/);
    assert.doesNotMatch(text, /^Return address/m);
  });

  it("names a word that points at those registers (the IRQ stack's saved pointer to the task stack)", () => {
    // crash-x86_64/06: `ffffd4e4c0003fe0: ffffd4e4c051bbd8 0000000000000000` at the IRQ stack's top.
    const model = analyze(readShared('corpus', 'crash-x86_64', '06-SOFTLOCKUP.crashlog'));
    assert.match(
      hoverOn(model, 'ffffd4e4c051bbd8', 0, (l) => l.startsWith('    ffffd4e4c0003fe0:')),
      /^Points at the registers an exception saved at `ffffd4e4c051bbd8` \(pt_regs, printed on line \d+\)/m,
    );
  });

  it('reads the pc field of saved registers found by their place on the stack the same way', () => {
    // crash-x86_64/06: a timer interrupt's pt_regs at ffffd4e4c051bbd8; their RIP slot holds
    // lkdtm_SOFTLOCKUP+14, which crash's bt also took for frame #7's return address.
    const model = analyze(readShared('corpus', 'crash-x86_64', '06-SOFTLOCKUP.crashlog'));
    const text = hoverOn(model, 'ffffffffc02a84de', 0, (l) => l.startsWith('    ffffd4e4c051bc50:'));
    assert.match(text, /^Instruction at `lkdtm_SOFTLOCKUP\+14` \[lkdtm\].*: where the exception interrupted it/m);
    assert.doesNotMatch(text, /^Return address/m);
  });
});

describe("hover: powerpc's faulting instruction address", () => {
  it('is where execution was, not a return address', () => {
    const model = analyze(PPC64_PERF_CALLCHAIN.join('\n'));
    const text = hoverOn(model, 'c00000000020fac0');
    assert.match(text, /^Instruction at `perf_callchain_user_64\+384`.*: where execution was, not a return address/m);
  });
});
