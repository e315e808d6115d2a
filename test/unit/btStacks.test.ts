// Which stack a bt frame's slot is on: crash prints a marker when a walk leaves a CPU's own stack
// (`--- <NMI exception stack> ---`, `--- <IRQ stack> ---`, `--- <OVERFLOW stack> ---`), so the
// frames above a marker are on the stack it names and those after the last one on the task's.
// The task's frames lie on one stack, its outermost frame's: one below it overflowed. Excerpts of
// crash's commit messages (github.com/crash-utility/crash), unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

describe('bt frames: the stack each is on', () => {
  it("puts an x86_64 NMI's frames on the NMI exception stack and the interrupt's on the IRQ stack, each by its top page", () => {
    // Commit 7d4daf0, "x86_64: Fix for bt -e/-E option for irq exception frame".
    const model = analyze(
      [
        '  PID: 2898241  TASK: ff4cb0ce0da0c680  CPU: 30   COMMAND: "star-ccm+"',
        '   #0 [fffffe4658d88e58] crash_nmi_callback at ffffffffa00675e8',
        '   #1 [fffffe4658d88e68] nmi_handle at ffffffffa002ebab',
        '  ...',
        '  --- <NMI exception stack> ---',
        '  ...',
        '  #13 [ff5eba269937cf90] __do_softirq at ffffffffa0c6c007',
        '  #14 [ff5eba269937cfe0] __irq_exit_rcu at ffffffffa010ef61',
        '  #15 [ff5eba269937cff0] sysvec_apic_timer_interrupt at ffffffffa0c58ca2',
        '  --- <IRQ stack> ---',
        '  #16 [ff5eba26ddc9f738] asm_sysvec_apic_timer_interrupt at ffffffffa0e00e06',
        '      [exception RIP: alloc_pte.constprop.0+32]',
        '      RIP: ffffffffa07c4e60  RSP: ff5eba26ddc9f7e8  RFLAGS: 00000206',
        '      RAX: ff5eba26ddc9f940  RBX: 0000000000001000  RCX: 0000000000000a20',
        '      RDX: 0000000000001000  RSI: ffffffb559980000  RDI: ff4cb12d67207400',
        '      RBP: ff5eba26ddc9f8b0   R8: ff5eba26ddc9f8af   R9: 0000000000000003',
        '      R10: 0000000000000a20  R11: ff5eba26ddc9f940  R12: 000000283c07f000',
        '      R13: ff4cb0f5a29a1c00  R14: 0000000000000001  R15: ff4cb0f5a29a1bf8',
        '      ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
        '  #17 [ff5eba26ddc9f830] iommu_v1_map_pages at ffffffffa07c5648',
        '  #18 [ff5eba26ddc9f8f8] __iommu_map at ffffffffa07d7803',
        '  #19 [ff5eba26ddc9f990] iommu_map_sg at ffffffffa07d7b71',
        '  #20 [ff5eba26ddc9f9f0] iommu_dma_map_sg at ffffffffa07ddcc9',
        '  #21 [ff5eba26ddc9fa90] __dma_map_sg_attrs at ffffffffa01b5205',
        '  ...',
      ].join('\n'),
    );
    const nmi = hoverOn(model, 'fffffe4658d88e58');
    assert.match(nmi, /^\*\*fffffe4658d88e58\*\* — NMI exception stack of CPU 30/);
    assert.doesNotMatch(nmi, /IRQ stack/);
    // The interrupt's outermost frame lies in its stack's top page, not 0xff0 above a bottom.
    const irq = hoverOn(model, 'ff5eba269937cff0');
    assert.match(irq, /IRQ stack of CPU 30: `ff5eba2699379000`–`ff5eba269937d000`, offset 0x3ff0/);
    assert.match(hoverOn(model, 'ff5eba26ddc9f738'), /stack of PID 2898241 \(star-ccm\+\)/);
  });

  it("reads riscv64's overflow: its first frames on the CPU's overflow stack, memset's below the task stack's bottom", () => {
    // Commit a694962, "RISCV64: Add per-cpu overflow stacks support".
    const model = analyze(
      [
        '  crash> bt',
        '  PID: 1        TASK: ff600000000d8000  CPU: 1    COMMAND: "sh"',
        '   #0 [ff6000001fc501c0] riscv_crash_save_regs at ffffffff8000a1dc',
        '   #1 [ff6000001fc50320] panic at ffffffff808773ec',
        '   #2 [ff6000001fc50380] walk_stackframe at ffffffff800056da',
        '       PC: ffffffff80876a34  [memset+96]',
        '       RA: ffffffff80563dc0  [recursive_loop+68]',
        '       SP: ff2000000000fd50  CAUSE: 000000000000000f',
        '  epc : ffffffff80876a34 ra : ffffffff80563dc0 sp : ff2000000000fd50',
        '   gp : ffffffff81515d38 tp : 0000000000000000 t0 : ff2000000000fd58',
        '   t1 : ff600000000d88c8 t2 : 6143203a6d74646b s0 : ff20000000010190',
        '   s1 : 0000000000000012 a0 : ff2000000000fd58 a1 : 1212121212121212',
        '   a2 : 0000000000000400 a3 : ff20000000010158 a4 : 0000000000000000',
        '   a5 : 725bedba92260900 a6 : 000000000130e0f0 a7 : 0000000000000000',
        '   s2 : ff2000000000fd58 s3 : ffffffff815170d8 s4 : ff20000000013e60',
        '   s5 : 000000000000000e s6 : ff20000000013e60 s7 : 0000000000000000',
        '   s8 : ff60000000861000 s9 : 00007fffc3641694 s10: 00007fffc3641690',
        '   s11: 00005555796ed240 t3 : 0000000000010297 t4 : ffffffff80c17810',
        '   t5 : ffffffff8195e7b8 t6 : ff20000000013b18',
        '   status: 0000000200000120 badaddr: ff2000000000fd58',
        '    cause: 000000000000000f orig_a0: 0000000000000000',
        '  --- <OVERFLOW stack> ---',
        '   #3 [ff2000000000fd50] memset at ffffffff80876a34',
        '   #4 [ff20000000010190] recursive_loop at ffffffff80563e16',
        '   #5 [ff200000000105d0] recursive_loop at ffffffff80563e16',
      ].join('\n'),
    );
    assert.match(hoverOn(model, 'ff6000001fc501c0'), /OVERFLOW stack of CPU 1/);
    const fault = hoverOn(model, 'ff2000000000fd58', 0, (l) => l.includes('badaddr'));
    assert.doesNotMatch(fault, /— stack of PID 1|Stack slot/);
    assert.match(fault, /0x2a8 below the bottom of the stack of PID 1 \(sh\) \(`ff20000000010000`\): past its end/);
    assert.match(hoverOn(model, 'ff20000000010190'), /stack of PID 1 \(sh\)/);
  });
  it("takes no text from a frame crash named at a stack address: ppc64's task_struct stays in the linear map", () => {
    // Commit 0c14080, "ppc64: Add gdb multi-stack unwind support".
    const model = analyze(
      [
        '    crash> bt',
        '    PID: 2        TASK: c000000004797f80  CPU: 0    COMMAND: "kthreadd"',
        '     #0 [c00000000484fbc0] _end at c00000000484fd70  (unreliable)',
        '     #1 [c00000000484fd70] __switch_to at c00000000001fabc',
        '     #2 [c00000000484fdd0] __schedule at c0000000011ca9dc',
        '     #3 [c00000000484feb0] schedule at c0000000011caeb0',
        '     #4 [c00000000484ff20] kthreadd at c0000000001af6c4',
      ].join('\n'),
    );
    assert.match(hoverOn(model, 'c000000004797f80'), /^\*\*c000000004797f80\*\* — linear map/);
  });
});

describe('hover: a stack word crash printed by its symbol', () => {
  it("reads `fair_sched_class` in bt -FF as the address of that symbol's start, no return address", () => {
    // Petr Mladek on LKML, "Re: re. Spurious wakeup on a newly created kthread" (2022-06-28): `bt -FFxs 842`, unedited.
    const model = analyze(
      [
        '    #2 [ffffb0f6808e7c80] ___preempt_schedule+0x16 at ffffffffaa201bb6',
        '        ffffb0f6808e7c88: [ffff9ca764ee90bd:kmalloc-4k] ffffb0f6808e7c20 ',
        '        ffffb0f6808e7c98: 0000000000027340 fair_sched_class ',
      ].join('\n'),
    );
    assert.match(
      hoverOn(model, 'fair_sched_class'),
      /^\*\*fair_sched_class\*\* — the word at `ffffb0f6808e7ca0` holds this symbol's address, printed by its name: its start/,
    );
  });

  it("says nothing of a dis line's mnemonic, which stands where a dumped word would", () => {
    // A public note's `dis -rl` pasted with blanks for its tab ("k8s kernel panic", x86_64), unedited.
    const model = analyze(
      [
        'crash> dis -rl enqueue_entity+532 | tail -n 2',
        'include/linux/rculist.h: 58',
        '0xffffffff900c5f74 <enqueue_entity+532>:        mov    %rdx,0x8(%rsi)',
      ].join('\n'),
    );
    assert.doesNotMatch(hoverOn(model, 'mov'), /holds this symbol's address/);
  });
});
