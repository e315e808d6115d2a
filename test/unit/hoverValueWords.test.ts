// Words that are values, not what their shape suggests: a 64-bit immediate (an address, a poison,
// never an offset), a symbol `sym` shows as data, a list poison on a pointer-authentication kernel.
// Excerpts of public crash sessions.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';
import { PPC64_ZRAM_BT } from '../support/publicExcerpts';

// x86_64: a blog's hunt for a mutex's owner (dis -r of the caller, then sym of the immediate).
const MUTEX_HUNT = [
  'crash> dis -r ffffffff82ffdff9',
  '0xffffffff82ffdfe0 <rtnetlink_rcv>:     nopl   0x0(%rax,%rax,1) [FTRACE NOP]',
  '0xffffffff82ffdfe5 <rtnetlink_rcv+0x5>: push   %rbp',
  '0xffffffff82ffdfed <rtnetlink_rcv+0xd>: mov    $0xffffffff836fe760,%rdi',
  '0xffffffff82ffdff4 <rtnetlink_rcv+0x14>:        callq  0xffffffff83110b60 <mutex_lock>',
  '0xffffffff82ffdff9 <rtnetlink_rcv+0x19>:        mov    %rbx,%rdi',
  'crash> sym 0xffffffff836fe760',
  'ffffffff836fe760 (d) rtnl_mutex',
  'crash> dis run_timer_softirq 2',
  '0xffffffff8036d0c1 <run_timer_softirq+1617>:    movabs $0xdead000000000122,%rax',
  '0xffffffff8036d0cb <run_timer_softirq+1627>:    mov    %rax,(%r15)',
];

// arm64 4.19 (no pointer authentication): a workqueue_struct whose list entry was deleted.
const ARM64_POISON = [
  'crash> bt',
  'PID: 2772769  TASK: ffff8004296f7d00  CPU: 24  COMMAND: "nfsd"',
  ' #0 [ffff80043786f5b0] machine_kexec at ffff0000480a2e8c',
  ' #1 [ffff80043786f610] __crash_kexec at ffff0000481ba948',
  ' #2 [ffff80043786f780] crash_kexec at ffff0000481baa58',
  'crash> struct workqueue_struct ffff80042c343400',
  'struct workqueue_struct {',
  '  list = {',
  '    next = 0xffff0000498d7be8 <workqueues>, ',
  '    prev = 0xdead000000000200',
  '  }, ',
];

// ppc64le (a zram fix's report on LKML): LIST_POISON2 on powerpc's own ILLEGAL_POINTER_VALUE.
const PPC64_LIST_POISON = PPC64_ZRAM_BT.slice(
  0,
  PPC64_ZRAM_BT.findIndex((l) => l.startsWith('  #1 ')),
);

// ppc64 (a use-after-free fix's commit message): the faulting address, a pointer read from a freed object plus a member's offset.
const PPC64_POISON_FIELD = [
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

// arm64 5.4+ (a vendor driver's fix on LKML): the kernel image inside the vmalloc range, frames without offsets.
const ARM64_IMAGE_IN_VMALLOC = [
  'crash_arm64> bt',
  'PID: 232    TASK: ffffff80e8c2c340  CPU: 0   COMMAND: "Binder:232_2"',
  ' #0 [ffffffc013e5b080] sysdump_panic_event$b2bce43a479f4f7762201bfee02d7889 at ffffffc0108d7c2c',
  ' #1 [ffffffc013e5b0c0] atomic_notifier_call_chain at ffffffc010300228',
  ' #2 [ffffffc013e5b2c0] panic at ffffffc0102c926c',
  ' #3 [ffffffc013e5b370] die at ffffffc010267670',
  ' #4 [ffffffc013e5b3a0] die_kernel_fault at ffffffc0102808a4',
  ' #5 [ffffffc013e5b3d0] __do_kernel_fault at ffffffc010280820',
  ' #6 [ffffffc013e5b410] do_bad_area at ffffffc01028059c',
  ' #7 [ffffffc013e5b440] do_translation_fault$4df5decbea5d08a63349aa36f07426b2 at ffffffc0111149c8',
];

// s390x 5.11 with KASLR (LKML, Sven Schnelle quoted in <87v9bomtd0.fsf@jogness.linutronix.de>): the image's
// text at 0x78c8…, a CPU's lowcore prefix far below it.
const S390X_KASLR_LOWCORE = [
  'crash> sym 0x79009700',
  '79009700 (t) iomap_finish_ioend+192',
  'crash> bt',
  'PID: 859915  TASK: dad24000          CPU: 9   COMMAND: "ld.so.1"',
  ' LOWCORE INFO:',
  '  -psw      : 0x0002000180000000 0x0000000078c8400e',
  '  -function : stop_run at 78c8400e',
  '  -prefix   : 0x0041e000',
];

// A public note on a k8s node's panic (x86_64 4.19): an idle CPU's bt pasted before crash's
// `--- <IRQ stack> ---`, its outermost frame the interrupt entry at the top of the IRQ stack.
const X86_CUT_IRQ_STACK = [
  'crash> bt',
  'PID: 0      TASK: ffff8d52f8990000  CPU: 33  COMMAND: "swapper/33"',
  ' #0 [ffff8d5300143b10] machine_kexec at ffffffff90063443',
  ' #1 [ffff8d5300143b70] __crash_kexec at ffffffff9012a6a9',
  '#13 [ffff8d5300143f88] sched_ttwu_pending at ffffffff900b9e3e',
  '#14 [ffff8d5300143fc0] scheduler_ipi at ffffffff900ba04c',
  '#15 [ffff8d5300143fd8] smp_reschedule_interrupt at ffffffff90a02b19',
  '#16 [ffff8d5300143ff0] reschedule_interrupt at ffffffff90a023e4',
  '',
];

describe('hover: words that are values', () => {
  const x86 = analyze(MUTEX_HUNT.join('\n'));

  it('reads a 64-bit immediate as the value it is, exactly', () => {
    const card = hoverOn(x86, '$0xffffffff836fe760');
    assert.match(card, /^\*\*ffffffff836fe760\*\*/);
    assert.doesNotMatch(card, /offset/);
    assert.match(hoverOn(x86, '$0xdead000000000122'), /LIST_POISON2/);
  });

  it("does not call memory far below a KASLR'd s390x image's text kernel text (the lowcore prefix)", () => {
    const card = hoverOn(analyze(S390X_KASLR_LOWCORE.join('\n')), '0x0041e000');
    assert.doesNotMatch(card, /kernel text/);
  });

  it('does not call the address a `sym` line names a return address', () => {
    const card = hoverOn(analyze(S390X_KASLR_LOWCORE.join('\n')), '79009700', 0, (l) => l.includes('(t)'));
    assert.match(
      card,
      /Instruction at `iomap_finish_ioend\+192` \(`iomap_finish_ioend\+0xc0`\): the address `sym` names on this line/,
    );
    assert.doesNotMatch(card, /^Return address/m);
  });

  it("places frames under an interrupt entry at the top of their block on the CPU's IRQ stack, not the task's", () => {
    const card = hoverOn(analyze(X86_CUT_IRQ_STACK.join('\n')), 'ffff8d5300143b10');
    assert.match(card, /^\*\*ffff8d5300143b10\*\* — IRQ stack of CPU 33$/m);
  });

  it('names a symbol `sym` shows as data as data, not as a function start', () => {
    const card = hoverOn(x86, '$0xffffffff836fe760');
    assert.match(card, /kernel data/);
    assert.match(card, /`rtnl_mutex` — data, not code: `sym` shows `rtnl_mutex` as `\(d\)`/);
  });

  it('reads a list poison as the poison, not as a signed pointer', () => {
    const card = hoverOn(analyze(ARM64_POISON.join('\n')), '0xdead000000000200');
    assert.match(card, /LIST_POISON2/);
    assert.doesNotMatch(card, /Pointer-authentication|module text/);
  });
});

describe('hover: a link register the pc has gone past', () => {
  // arm64 4.19 (an nfsd crash in a blog): the fault's registers, and the function's listing.
  const model = analyze(
    [
      'crash> bt',
      'PID: 2772769  TASK: ffff8004296f7d00  CPU: 24  COMMAND: "nfsd"',
      ' #8 [ffff80043786f960] do_mem_abort at ffff0000480812c4',
      ' #9 [ffff80043786fb40] el1_ia at ffff000048082f0c',
      '     PC: ffff000048111014  [__queue_work+180]',
      '     LR: ffff00004811100c  [__queue_work+172]',
      '     SP: ffff80043786fb50  PSTATE: 60c00085',
      '    X29: ffff80043786fb50  X28: ffff80042b644ef8  X27: ffff000049f44aa8',
      'crash> dis __queue_work',
      '0xffff000048110f60 <__queue_work>:      stp     x29, x30, [sp,#-112]!',
      '0xffff000048111004 <__queue_work+164>:  mov     x0, x28',
      '0xffff000048111008 <__queue_work+168>:  bl      0xffff000048110ef0 <get_work_pool>',
      '0xffff00004811100c <__queue_work+172>:  mov     x2, x0',
      '0xffff000048111010 <__queue_work+176>:  cbnz    x0, 0xffff000048111100 <__queue_work+416>',
      '0xffff000048111014 <__queue_work+180>:  ldr     x0, [x0]',
    ].join('\n'),
  );

  it('says the call before the lr has returned, not that its callee is the frame above', () => {
    const card = hoverOn(model, 'ffff00004811100c', 0, (l) => l.includes('LR:'));
    assert.match(card, /A link register left over: the pc of the same registers, `__queue_work\+180`/);
    assert.match(card, /`get_work_pool`\) has returned/);
    assert.doesNotMatch(card, /the frame above must be/);
  });

  it("reads powerpc's LIST_POISON2 (0x5deadbeef0000122) as the poison it is", () => {
    assert.match(hoverOn(analyze(PPC64_LIST_POISON.join('\n')), '5deadbeef0000122'), /^\*\*5deadbeef0000122\*\* — LIST_POISON2/);
  });

  it('reads a slab poison plus an offset as a pointer read from a freed object, dereferenced at a member', () => {
    const card = hoverOn(analyze(PPC64_POISON_FIELD.join('\n')), '6b6b6b6b6b6b6ba3');
    assert.match(card, /— slab poison \(POISON_FREE 0x6b\) \+ 0x38/);
    assert.match(card, /a pointer read from a freed object \(use after free\), dereferenced at a member 0x38 bytes in/);
  });

  it("calls a bt frame's address kernel text where arm64 maps the image inside the vmalloc range", () => {
    assert.match(
      hoverOn(analyze(ARM64_IMAGE_IN_VMALLOC.join('\n')), 'ffffffc0102c926c'),
      /^\*\*ffffffc0102c926c\*\* — kernel text/,
    );
  });

  it("calls a bt frame's address of a module's function module text, from the frame's tag (s390x)", () => {
    const model = analyze(
      [
        'PID: 237      TASK: 81d1a100          CPU: 1    COMMAND: "sshd"',
        '  #3 [380004b7c38] wait_port_writable at 3ff80149b2e [virtio_console]',
        '  #4 [380004b7cc0] port_fops_write at 3ff8014a282 [virtio_console]',
      ].join('\n'),
      { arch: 's390x' },
    );
    assert.match(hoverOn(model, '3ff80149b2e'), /— module text \[virtio_console\]/);
  });

  it("calls a module-tagged bt frame's address module text where the layout puts another region (arm64, a 39-bit kernel)", () => {
    // A crash issue on GitHub (crash-utility/crash#5): 4.x arm64 with its modules below the linear map.
    const model = analyze(
      [
        'crash> bt',
        'PID: 25723  TASK: ffffffd095bde400  CPU: 0   COMMAND: "bash"',
        'bt: WARNING: corrupt prstatus? pstate=0x20000000, but no user frame found',
        ' #0 [ffffffc04c98fa20] crash_kexec at ffffffc0002aaaac',
        ' #1 [ffffffc04c98fa90] panic at ffffffc000690ff0',
        ' #2 [ffffffc04c98fc10] lkdtm_do_action at ffffffbfa2ccd434 [lkdtm]',
        ' #3 [ffffffc04c98fce0] direct_entry at ffffffbfa2ccdc94 [lkdtm]',
        ' #4 [ffffffc04c98fd70] __vfs_write at ffffffc00037eaac',
        ' #5 [ffffffc04c98fda0] vfs_write at ffffffc00037f4fc',
        ' #6 [ffffffc04c98fe40] sys_write at ffffffc000380158',
      ].join('\n'),
    );
    assert.match(hoverOn(model, 'ffffffbfa2ccd434'), /^\*\*ffffffbfa2ccd434\*\* — module text \[lkdtm\]$/m);
  });

  it('reads a slab pointer whose cache carries its memory cgroup, and the words after it (bt -FF)', () => {
    const model = analyze(
      [
        'crash> bt -FF',
        '#10 [ffff8880b1ab79c0] async_page_fault at ffffffff8380119e',
        '    ffff8880b1ab79c8: [ffff8880b6a43ec8:nfs_inode_cache(198:serial-getty@ttyS0.service)] ffffea0002cd5900 ',
      ].join('\n'),
    );
    assert.match(hoverOn(model, 'ffff8880b6a43ec8'), /slab object of nfs_inode_cache/);
    assert.equal(model.memory.read64(0xffff8880b1ab79d0n)?.value, 0xffffea0002cd5900n);
  });

  it("calls a stack word rd -s printed by name a return address where crash's bt frame reads it", () => {
    const model = analyze(
      [
        'crash> bt',
        'PID: 4962     TASK: ffff8881025dc880  CPU: 0    COMMAND: "mdsvr"',
        ' #1 [ffffc900022e7b68] __crash_kexec at ffffffff80394297',
        ' #2 [ffffc900022e7c38] panic at ffffffff802a4da5',
        ' #3 [ffffc900022e7cb8] netdev_run_todo at ffffffff80cb82bc',
        'crash> rd -s ffffc900022e7c38 128',
        'ffffc900022e7c38:  panic+326        0000003000000008 ',
        'ffffc900022e7c48:  ffffc900022e7cc0 ffffc900022e7c60 ',
      ].join('\n'),
      { arch: 'x86_64' },
    );
    assert.match(
      hoverOn(model, 'panic+326'),
      /A return address: crash's bt frame #2 \(`panic`, line 4\) reads it from this slot/,
    );
  });
});
