// Console reports as they reach a transcript through mail, bug trackers and test robots: the
// shapes of real pasted reports that were read wrongly.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { LineKind } from '../../server/src/analysis/lineKinds';
import { DAMAGE } from '../../server/src/analysis/reportDamage';
import { summarize } from '../../server/src/analysis/summary';

describe('console reports as pasted', () => {
  it('reads the lines of an s390x `Krnl Code:` listing without console prefix as code, not memory', () => {
    // netdev, "[RFC 0/1] net/mlx5: Failing fw tracer allocation on s390".
    const text = [
      '[  331.531819] WARNING: CPU: 7 PID: 2156 at mm/page_alloc.c:4727 __alloc_pages_nodemask+0x25c/0x320',
      '[  331.531844] Krnl Code: 00000000735d7200: a7212000            tmll    %r2,8192',
      '\t\t      00000000735d7204: a774ff87            brc     7,00000000735d7112',
      '\t\t     #00000000735d7208: a7f40001            brc     15,00000000735d720a',
      '\t\t     >00000000735d720c: a7890000            lghi    %r8,0',
      '\t\t      00000000735d7210: a7f4ff83            brc     15,00000000735d7116',
      '\t\t      00000000735d7214: a7180000            lhi     %r1,0',
      '\t\t      00000000735d7218: a7f4ff1b            brc     15,00000000735d704e',
      '\t\t      00000000735d721c: e31003400004        lg      %r1,832',
      '[  331.531851] Call Trace:',
      '[  331.531852] ([<0000000000000201>] 0x201)',
      '[  331.531856]  [<00000000735a20c4>] kmalloc_order+0x34/0xb0',
      '',
    ].join('\n');
    const model = analyze(text);
    assert.equal(model.memory.wordCount, 0);
    assert.deepEqual(
      Array.from(model.lineKinds.slice(1, 10)),
      Array.from({ length: 9 }, () => LineKind.ConsoleLine),
    );
    assert.equal(model.reports.length, 1);
    assert.equal(model.reports[0].frames[0]?.function, 'kmalloc_order');
  });

  it("keeps decodecode's `All code` reading of `Code:` in the report (a decoded i386 report of the kernel test robot)", () => {
    // kernel test robot, "[linux-next:master] [block] ec7f31b2a2: BUG:unable_to_handle_page_fault_for_address".
    const text = [
      '[    1.770141][    T1] BUG: unable to handle page fault for address: fffba000',
      '[    1.771287][    T1] #PF: supervisor write access in kernel mode',
      '[    1.772177][    T1] #PF: error_code(0x0002) - not-present page',
      '[    1.772326][    T1] *pde = 03171067 *pte = 00000000',
      '[    1.772326][    T1] Oops: Oops: 0002 [#1]',
      '[    1.772326][    T1] CPU: 0 UID: 0 PID: 1 Comm: swapper/0 Tainted: G                T   6.18.0-rc2-00031-gec7f31b2a2d3 #1 NONE  a1d066dfe789f54bc7645c7989957d2bdee593ca',
      '[    1.772326][    T1] Tainted: [T]=RANDSTRUCT',
      '[    1.772326][    T1] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.3-debian-1.16.3-2 04/01/2014',
      '[    1.772326][    T1] EIP: memset (arch/x86/include/asm/string_32.h:168 arch/x86/lib/memcpy_32.c:17)',
      '[    1.772326][    T1] Code: a5 8b 4d f4 83 e1 03 74 02 f3 a4 83 c4 04 5e 5f 5d 2e e9 73 41 01 00 90 90 90 3e 8d 74 26 00 55 89 e5 57 56 89 c6 89 d0 89 f7 <f3> aa 89 f0 5e 5f 5d 2e e9 53 41 01 00 cc cc cc 55 89 e5 53 57 56',
      'All code',
      '========',
      '   0:\ta5                   \tmovsl  %ds:(%rsi),%es:(%rdi)',
      '   1:\t8b 4d f4             \tmov    -0xc(%rbp),%ecx',
      '   4:\t83 e1 03             \tand    $0x3,%ecx',
      '   7:\t74 02                \tje     0xb',
      '   9:\tf3 a4                \trep movsb %ds:(%rsi),%es:(%rdi)',
      '   b:\t83 c4 04             \tadd    $0x4,%esp',
      '   e:\t5e                   \tpop    %rsi',
      '   f:\t5f                   \tpop    %rdi',
      '  10:\t5d                   \tpop    %rbp',
      '  11:\t2e e9 73 41 01 00    \tcs jmp 0x1418a',
      '  17:\t90                   \tnop',
      '  18:\t90                   \tnop',
      '  19:\t90                   \tnop',
      '  1a:\t3e 8d 74 26 00       \tds lea 0x0(%rsi,%riz,1),%esi',
      '  1f:\t55                   \tpush   %rbp',
      '  20:\t89 e5                \tmov    %esp,%ebp',
      '  22:\t57                   \tpush   %rdi',
      '  23:\t56                   \tpush   %rsi',
      '  24:\t89 c6                \tmov    %eax,%esi',
      '  26:\t89 d0                \tmov    %edx,%eax',
      '  28:\t89 f7                \tmov    %esi,%edi',
      '  2a:*\tf3 aa                \trep stos %al,%es:(%rdi)\t\t<-- trapping instruction',
      '  2c:\t89 f0                \tmov    %esi,%eax',
      '  2e:\t5e                   \tpop    %rsi',
      '  2f:\t5f                   \tpop    %rdi',
      '  30:\t5d                   \tpop    %rbp',
      '  31:\t2e e9 53 41 01 00    \tcs jmp 0x1418a',
      '  37:\tcc                   \tint3',
      '  38:\tcc                   \tint3',
      '  39:\tcc                   \tint3',
      '  3a:\t55                   \tpush   %rbp',
      '  3b:\t89 e5                \tmov    %esp,%ebp',
      '  3d:\t53                   \tpush   %rbx',
      '  3e:\t57                   \tpush   %rdi',
      '  3f:\t56                   \tpush   %rsi',
      '',
      'Code starting with the faulting instruction',
      '===========================================',
      '   0:\tf3 aa                \trep stos %al,%es:(%rdi)',
      '   2:\t89 f0                \tmov    %esi,%eax',
      '   4:\t5e                   \tpop    %rsi',
      '   5:\t5f                   \tpop    %rdi',
      '   6:\t5d                   \tpop    %rbp',
      '   7:\t2e e9 53 41 01 00    \tcs jmp 0x14160',
      '   d:\tcc                   \tint3',
      '   e:\tcc                   \tint3',
      '   f:\tcc                   \tint3',
      '  10:\t55                   \tpush   %rbp',
      '  11:\t89 e5                \tmov    %esp,%ebp',
      '  13:\t53                   \tpush   %rbx',
      '  14:\t57                   \tpush   %rdi',
      '  15:\t56                   \tpush   %rsi',
      '[    1.772326][    T1] EAX: 0000006b EBX: 00000015 ECX: 001fefff EDX: 0000006b',
      '[    1.772326][    T1] ESI: fffb9000 EDI: fffba000 EBP: c611fbf0 ESP: c611fbe8',
      '[    1.772326][    T1] DS: 007b ES: 007b FS: 0000 GS: 0000 SS: 0068 EFLAGS: 00010287',
      '[    1.772326][    T1] CR0: 80050033 CR2: fffba000 CR3: 0316e000 CR4: 00040690',
      '[    1.772326][    T1] Call Trace:',
      '[    1.772326][    T1]  poison_element (mm/mempool.c:83 mm/mempool.c:102)',
      '[    1.772326][    T1]  mempool_init_node (mm/mempool.c:142 mm/mempool.c:226)',
      '[    1.772326][    T1]  mempool_init_noprof (mm/mempool.c:250 (discriminator 1))',
      '',
    ].join('\n');
    const reports = analyze(text).reports;
    assert.deepEqual(
      reports.map((r) => [r.line, r.title, r.damage]),
      [[0, 'BUG: unable to handle page fault for address: fffba000', []]],
    );
    assert.deepEqual(
      reports[0].frames.map((f) => f.function),
      ['poison_element', 'mempool_init_node', 'mempool_init_noprof'],
    );
    assert.ok(reports[0].registers.some((r) => r.name === 'EAX' && r.line === 64));
  });

  it('says of a trace of unnamed frames that it names no function, not that its frames are `?`', () => {
    // "[PATCH] KVM: s390: fix gisa destroy operation might lead to cpu stalls" (s390x).
    const text = [
      ' [ 4915.311372] rcu: INFO: rcu_sched detected expedited stalls on CPUs/tasks: { 14-.... } 24533 jiffies s: 5269 root: 0x1/.',
      ' [ 4915.311390] rcu: blocking rcu_node structures (internal RCU debug): l=1:0-15:0x4000/.',
      ' [ 4915.311394] Task dump for CPU 14:',
      ' [ 4915.311395] task:qemu-system-s39 state:R  running task     stack:0     pid:217198 ppid:1      flags:0x00000045',
      ' [ 4915.311399] Call Trace:',
      ' [ 4915.311401]  [<0000038003a33a10>] 0x38003a33a10',
      '',
    ].join('\n');
    const [report] = analyze(text).reports;
    assert.deepEqual(
      report.frames.map((f) => [f.function, f.unreliable]),
      [['', false]],
    );
    assert.deepEqual(report.damage, [DAMAGE.unreliableOnly]);
    assert.match(DAMAGE.unreliableOnly, /unnamed/);
  });

  it('finds the frames of a quoted ppc64 trace whose names a mailer wrapped onto lines without timestamp', () => {
    // dri-devel, "Re: [PATCH] drm/radeon: add late_register for connector" (ppc64 big-endian, quoted twice).
    const text = [
      '> > [   31.666727] Oops: Kernel access of bad area, sig: 11 [#1]',
      '> > [   31.778903] NIP [c000000000c973c0] .drm_gem_object_free+0x20/0x70',
      '> > [   31.783701] LR [c000000000d28dd8] .radeon_bo_unref+0x58/0x90',
      '> > [   31.788062] Call Trace:',
      '> > [   31.789199] [c000000006f978e0] [c000000006f97990] 0xc000000006f97990',
      '> > (unreliable)',
      '> > [   31.795388] [c000000006f97960] [c000000000d28dd8]',
      '> > .radeon_bo_unref+0x58/0x90',
      '> > [   31.801142] [c000000006f979e0] [c000000000e287b0]',
      '> > .radeon_vm_fini+0x260/0x330',
      '> > [   31.806982] [c000000006f97aa0] [c000000000d07c94]',
      '> > .radeon_driver_postclose_kms+0x1a4/0x1f0',
      '> > [   31.813954] [c000000006f97b30] [c000000000c9374c]',
      '> > .drm_file_free+0x28c/0x300',
      '> > [   31.819707] [c000000006f97be0] [c000000000c93900] .drm_release+0x90/=',
      '0x170',
      '> > [   31.825197] [c000000006f97c70] [c000000000304790] .__fput+0x120/0x3b=',
      '0',
      '> > [   31.830342] [c000000006f97d10] [c0000000002fe0fc]',
      '> > .__se_sys_close+0x4c/0xc0',
      '> > [   31.836010] [c000000006f97d90] [c000000000025bac]',
      '> > .system_call_exception+0x22c/0x260',
      '> > [   31.842460] [c000000006f97e10] [c00000000000b554]',
      '> > system_call_common+0xf4/0x258',
      '',
    ].join('\n');
    const reports = analyze(text).reports;
    assert.deepEqual(
      reports.map((r) => [r.title, r.frames.length, r.damage]),
      [['Oops: Kernel access of bad area, sig: 11 [#1]', 8, []]],
    );
    // The first, unnamed, is a word of the frame's own stack (its `(unreliable)` wrapped away): no address.
    assert.deepEqual(
      [reports[0].frames[0].function, reports[0].frames[0].address, reports[0].frames[0].unreliable],
      ['', undefined, true],
    );
  });

  it("keeps xmon's exception, its `Linux version` banner and its backtrace in the report (no reboot)", () => {
    // The same mail: the xmon debugger's part before the Oops.
    const text = [
      '> > [   29.561863] BUG: Kernel NULL pointer dereference on read at 0x000000=',
      '00',
      '> > [   29.567156] Faulting instruction address: 0xc000000000c973c0',
      '> > [   29.571574] cpu 0x1: Vector: 300 (Data Access) at [c000000006f97640]',
      '> > [   29.576637]     pc: c000000000c973c0: .drm_gem_object_free+0x20/0x70',
      '> > [   29.581708]     lr: c000000000d28dd8: .radeon_bo_unref+0x58/0x90',
      '> > [   29.586428]     sp: c000000006f978e0',
      '> > [   29.588695]    msr: 9000000000009032',
      '> > [   29.590962]    dar: 0',
      '> > [   29.591925]  dsisr: 40000000',
      '> > [   29.593496]   current =3D 0xc0000000085b1f00',
      '> > [   29.596286]   paca    =3D 0xc00000003ffff680     irqmask: 0x03',
      '> > irq_happened: 0x01',
      '> > [   29.602119]     pid   =3D 1524, comm =3D Xorg.wrap',
      '> > [   29.605257] Linux version 6.12.0-rc1-2-powerpc64-smp',
      '> > (geeko@buildhost) (powerpc64-suse-linux-gcc (SUSE Linux) 7.5.0, GNU ld',
      '> > (GNU Binutils; devel:gcc / SLE-15) 2.43.1.20240828-150300.536) #1 SMP',
      '> > Fri Oct  4 08:55:45 CEST 2024',
      '> > [   29.623892] enter ? for help',
      '> > [   29.625487] [c000000006f97960] c000000000d28dd8',
      '> > .radeon_bo_unref+0x58/0x90',
      '> > [   29.631083] [c000000006f979e0] c000000000e287b0',
      '> > .radeon_vm_fini+0x260/0x330',
      '> > [   29.636765] [c000000006f97aa0] c000000000d07c94',
      '> > .radeon_driver_postclose_kms+0x1a4/0x1f0',
      '> > [   29.643579] [c000000006f97b30] c000000000c9374c',
      '> > .drm_file_free+0x28c/0x300',
      '> > [   29.649174] [c000000006f97be0] c000000000c93900 .drm_release+0x90/0x=',
      '170',
      '> > [   29.654508] [c000000006f97c70] c000000000304790 .__fput+0x120/0x3b0',
      '> > [   29.659495] [c000000006f97d10] c0000000002fe0fc .__se_sys_close+0x4c=',
      '/0xc0',
      '> > [   29.665004] [c000000006f97d90] c000000000025bac',
      '> > .system_call_exception+0x22c/0x260',
      '> > [   29.671295] [c000000006f97e10] c00000000000b554',
      '> > system_call_common+0xf4/0x258',
      '> > [   29.677164] --- Exception: c00 (System Call) at 00000000006b2b48',
      '> > [   29.681876] SP (fff4b3d0) is in userspace',
      '> > [   29.684577] 1:mon>  <no input ...>',
      '',
    ].join('\n');
    const reports = analyze(text).reports;
    assert.equal(reports.length, 1);
    assert.match(reports[0].title, /^BUG: Kernel NULL pointer dereference on read/);
    const frames = reports[0].frames;
    assert.equal(frames[0].function, '.radeon_bo_unref');
    const fput = frames.find((f) => f.function === '.__fput');
    assert.deepEqual([fput?.offset, fput?.size, fput?.address?.toString(16)], [0x120, 0x3b0, 'c000000000304790']);
    assert.equal(frames[frames.length - 1].function, 'system_call_common');
    // xmon's register lines, named as show_regs names them: the pc's symbol is the report's site.
    assert.deepEqual(
      reports[0].registers.map((r) => [r.name, r.value?.toString(16), r.symbol?.name]),
      [
        ['NIP', 'c000000000c973c0', '.drm_gem_object_free'],
        ['LR', 'c000000000d28dd8', '.radeon_bo_unref'],
        ['R1', 'c000000006f978e0', undefined],
        ['MSR', '9000000000009032', undefined],
        ['DAR', '0', undefined],
        ['DSISR', '40000000', undefined],
      ],
    );
  });

  it("titles an xmon report pasted without timestamps by xmon's pc", () => {
    // linuxppc-dev, "powerpc/mm: Fix kernel crash on page table free" (ndctl unbind, 5.x).
    const text = [
      'BUG: Unable to handle kernel data access on read at 0xc000000380000000',
      'Faulting instruction address: 0xc00000000008b6f0',
      'cpu 0x5: Vector: 300 (Data Access) at [c0000000d8587790]',
      '    pc: c00000000008b6f0: arch_remove_memory+0x150/0x210',
      '    lr: c00000000008b720: arch_remove_memory+0x180/0x210',
      '    sp: c0000000d8587a20',
      '   msr: 800000000280b033',
      '   dar: c000000380000000',
      ' dsisr: 40000000',
      '  current = 0xc0000000d8558600',
      '  paca    = 0xc00000000fff8f00   irqmask: 0x03   irq_happened: 0x01',
      '    pid   = 1220, comm = ndctl',
      'enter ? for help',
      ' memunmap_pages+0x33c/0x410',
      ' devm_action_release+0x30/0x50',
      ' release_nodes+0x30c/0x3a0',
    ];
    const model = analyze(text.join('\n'));
    assert.equal(model.arch, 'ppc64');
    assert.deepEqual(
      text.map((_, i) => model.lineKinds[i]).filter((k) => k === LineKind.Prose),
      [],
    );
    const [report] = summarize(model).reports;
    assert.equal(report.title, 'BUG: unable to handle kernel paging request in arch_remove_memory');
  });

  it("reads a journal whose month is in the reader's language and lower case (`sty 03 …`, Polish)", () => {
    // linux-tkg issue #682, "Error log linux 6.1" (journalctl in a Polish locale).
    const text = [
      'BUG: KFENCE: use-after-free read in bfq_exit_icq_bfqq+0x132/0x270',
      'sty 03 12:44:18 pc kernel: Use-after-free read at 0x00000000b8368693 (in kfence-#52):',
      'sty 03 12:44:18 pc kernel:  bfq_exit_icq_bfqq+0x132/0x270',
      'sty 03 12:44:18 pc kernel:  bfq_exit_icq+0x5e/0x80',
      'sty 03 12:44:18 pc kernel:  exit_io_context+0x88/0xb0',
      'sty 03 12:44:18 pc kernel:  do_exit+0x76f/0xae0',
      '',
    ].join('\n');
    const [report] = analyze(text).reports;
    assert.deepEqual(
      report.frames.map((f) => f.function),
      ['bfq_exit_icq_bfqq', 'bfq_exit_icq', 'exit_io_context', 'do_exit'],
    );
    assert.ok(!report.damage.includes(DAMAGE.noTrace), report.damage.join());
  });

  it('reads a report the kernel printed whole without a trace as undamaged', () => {
    // A linux-riscv message (lore mvmh7wwq6nb.fsf@suse.de, riscv 5.6: die() showed registers only, then the footer).
    const riscvOops = [
      '[    0.165922] Unable to handle kernel paging request at virtual address 00000016e1694827',
      '[    0.173081] Oops [#1]',
      '[    0.175308] Modules linked in:',
      '[    0.178353] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 5.6.6-212-default #1 openSUSE Tumbleweed (unreleased)',
      '[    0.188074] epc: ffffffe00016f40a ra : ffffffe00016f44c sp : ffffffe1f6ae9c90',
      '[    0.195193]  gp : ffffffe0009ae600 tp : ffffffe1f6ae3480 t0 : ffffffe1f6c19c80',
      '[    0.202398]  t1 : 0000000000000000 t2 : 000000000000f8b7 s0 : ffffffe1f6ae9cd0',
      '[    0.209605]  s1 : ffffffe1f6a036c0 a0 : 0000000000000000 a1 : 00000000000002e1',
      '[    0.216811]  a2 : ffffffe000a08c18 a3 : 7fda5816e1694827 a4 : 00000001f7d06000',
      '[    0.224017]  a5 : 00000001f7d06000 a6 : ffffffe1f6c19c00 a7 : 0000000000ff0000',
      '[    0.231224]  s2 : 0000000000000cc0 s3 : ffffffe00043262a s4 : 7fda5816e1694827',
      '[    0.238429]  s5 : ffffffe1f6a1a800 s6 : 0000000000000000 s7 : 0000000000000038',
      '[    0.245636]  s8 : ffffffe00018a674 s9 : ffffffe00018ab60 s10: ffffffe1f6c19c00',
      '[    0.252842]  s11: 000000000000000a t3 : ff633e17173e647f t4 : 000000f600000000',
      '[    0.260047]  t5 : 000000ff00000000 t6 : ffffffe1f6c34258',
      '[    0.265344] status: 0000000200000120 badaddr: 00000016e1694827 cause: 000000000000000d',
      '[    0.273289] ---[ end trace 703a116d0e920a95 ]---',
    ].join('\n');
    // starfive-tech/Fedora_on_StarFive issue #34: a soft lockup in a program, whose registers are the user's.
    const userLockup = [
      '[53021.381908] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [cc1plus:171665]',
      '[53021.389191] Modules linked in:',
      '[53021.392281] CPU: 1 PID: 171665 Comm: cc1plus Not tainted 5.12.0-gnu #2',
      '[53021.398828] Hardware name: sifive,freedom-u74-arty (DT)',
      '[53021.404064] epc : 0000000000cc9d6e ra : 0000000000d80428 sp : 0000003fffe6f8a0',
      '[53021.411306]  gp : 0000000001b4b478 tp : 0000003fed692710 t0 : 0000000000000020',
      '[53021.418544]  t1 : 0000000000000000 t2 : 0000000001bbc010 s0 : 0000003fffe6f990',
      '[53021.425785]  s1 : 0000000001f0a4a0 a0 : 0000000001f0a4a0 a1 : 0000003fffe6f958',
      '[53021.433025]  a2 : 0000003fffe6f8a8 a3 : 0000003fffe6f8a8 a4 : 0000003feb556090',
      '[53021.440291]  a5 : 0000003fffe6f958 a6 : 0000000000000002 a7 : 0000003fed2edb28',
      '[53021.447529]  s2 : 0000000000000000 s3 : 0000002adee279f0 s4 : 0000002adeba4500',
      '[53021.454769]  s5 : 0000002adee279f0 s6 : 0000003fff81cdc0 s7 : 0000002adee1edf4',
      '[53021.462009]  s8 : 0000002adddfe020 s9 : 0000002adde00ad4 s10: 0000002adeb0889d',
      '[53021.469270]  s11: 000000000000005c t3 : 0000003fed6f775e t4 : 0000000000000000',
      '[53021.476547]  t5 : 0000000000000001 t6 : 0000000000000000',
      '[53021.481885] status: 0000000200004020 badaddr: 0000000000000000 cause: 8000000000000005',
      '',
    ].join('\n');
    for (const text of [riscvOops, userLockup]) {
      const [report] = analyze(text).reports;
      assert.ok(!report.damage.includes(DAMAGE.noTrace), report.damage.join());
    }
    // Cut before its footer, the oops is a fragment.
    const [cut] = analyze(riscvOops.split('\n').slice(0, -1).join('\n')).reports;
    assert.ok(cut.damage.includes(DAMAGE.noTrace), cut.damage.join());
  });

  it('reads a reply to a reply quoted `>  > ` (LKML 2006, Andrew Morton, "Re: workqueue lockdep bug.")', () => {
    const quoted = [
      '>  > =======================================================',
      '>  > [ INFO: possible circular locking dependency detected ]',
      '>  > 2.6.17-1.2548.fc6 #1',
      '>  > -------------------------------------------------------',
      '>  > pm-hibernate/4335 is trying to acquire lock:',
      '>  >  ((cpu_chain).rwsem){..--}, at: [<c0430fa4>] blocking_notifier_call_chain+0x11/0x2d',
      '>  > ',
      '>  > but task is already holding lock:',
      '>  >  (workqueue_mutex){--..}, at: [<c0612820>] mutex_lock+0x21/0x24',
    ];
    const reports = summarize(analyze(quoted.join('\n'))).reports;
    assert.deepEqual(
      reports.map((r) => [r.kind, r.title]),
      [['lockdep', 'possible deadlock in blocking_notifier_call_chain']],
    );
  });

  it("reads a report a commit message indents by a tab, then the console's own blank", () => {
    // driver core, Jinjie Ruan's fix of module_add_driver()'s exit path (arm64 6.11; its registers and frames cut).
    const indented = [
      '\t Internal error: Oops: 0000000096000005 [#1] PREEMPT SMP',
      '\t CPU: 2 UID: 0 PID: 2036 Comm: modprobe Not tainted 6.11.0-rc2-g6a0e38264012 #295',
      '\t Hardware name: linux,dummy-virt (DT)',
      '\t pstate: 60000005 (nZCv daif -PAN -UAO -TCO -DIT -SSBS BTYPE=--)',
      '\t pc : strlen+0x24/0xb0',
      '\t lr : kernfs_name_hash+0x1c/0xc4',
      '\t Call trace:',
      '\t  strlen+0x24/0xb0',
      '\t  kernfs_name_hash+0x1c/0xc4',
      '\t  kernfs_find_ns+0x118/0x2e8',
    ];
    const reports = summarize(analyze(indented.join('\n'))).reports;
    assert.deepEqual(
      reports.map((r) => [r.kind, r.title, r.line]),
      [['oops', 'Internal error in kernfs_name_hash', 1]],
    );
  });

  it("keeps powerpc's `(unreliable)` mark before a paste's trailing blanks", () => {
    // openzfs/zfs issue #4297 (ppc32 3.12): every line of the paste ends in a blank.
    const text = [
      'INFO: rcu_sched detected stalls on CPUs/tasks: { 0} (detected by 1, t=5252 jiffies, g=825, c=824, q=1) ',
      'Task dump for CPU 0: ',
      'Call Trace: ',
      '[c7363c70] [c0631338] schedule+0x30/0xbc (unreliable) ',
      '[c7363d30] [c007d6cc] call_console_drivers.constprop.24+0xe8/0x108 ',
      '[c7363d50] [c007db14] console_unlock+0x1fc/0x458 ',
    ].join('\n');
    const [report] = summarize(analyze(text)).reports;
    assert.deepEqual(
      report.frames.map((f) => [f.function, f.unreliable]),
      [
        ['schedule', true],
        ['call_console_drivers.constprop.24', false],
        ['console_unlock', false],
      ],
    );
    assert.equal(report.function, 'call_console_drivers.constprop.24');
  });

  it('reads a journal whose month is a number and 月 (`8月 14 …`, a Chinese locale)', () => {
    // WeiJiLab/kernel-inline-hook-framework issue #7 (arm64 4.19, journalctl in zh_CN).
    const text = [
      '8月 14 10:24:12 xxxx kernel: Unable to handle kernel paging request at virtual address ffff00000bca30d8',
      '8月 14 10:24:12 xxxx kernel: Mem abort info:',
      '8月 14 10:24:12 xxxx kernel:   ESR = 0x96000006',
      '8月 14 10:24:12 xxxx kernel: Internal error: Oops: 96000006 [#1] SMP',
    ].join('\n');
    const model = analyze(text);
    assert.equal(model.arch, 'arm64');
    assert.deepEqual(
      model.reports.map((r) => [r.kind, r.line]),
      [['paging', 0]],
    );
  });

  it("titles a report the console printed right after a shell's prompt as the one without it", () => {
    const report = [
      '[   41.065798] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000008',
      '[   41.066012] Internal error: Oops: 0000000096000006 [#1] PREEMPT SMP',
      '[   41.066530] CPU: 1 UID: 0 PID: 214 Comm: sh Not tainted 6.14.0 #1',
      '[   41.066811] pc : cc_do_null+0x10/0x20 [corpus_crash]',
      '[   41.066902] lr : cc_dispatch+0xc8/0xd0 [corpus_crash]',
      '[   41.067012] Call trace:',
      '[   41.067100]  cc_do_null+0x10/0x20 [corpus_crash] (P)',
      '[   41.067190]  cc_dispatch+0xc8/0xd0 [corpus_crash]',
      '[   41.067280]  full_proxy_write+0x60/0xb0',
      '[   41.067370]  vfs_write+0xd0/0x360',
    ];
    const plain = summarize(analyze(report.join('\n'))).reports[0];
    for (const prompt of ['[root@localhost ~]# ', 'root@qemu:~# ', '# ']) {
      const pasted = summarize(analyze([prompt + report[0], ...report.slice(1)].join('\n'))).reports[0];
      assert.deepEqual([pasted.title, pasted.function, pasted.signature], [plain.title, plain.function, plain.signature], prompt);
    }
    assert.match(plain.title, /in cc_do_null$/);
  });

  it('reads a report whose first line a Markdown fence was glued to (```` ```[   32.0] WARNING: … ````)', () => {
    // minipli/linux-unofficial_grsec issue 23, a screen copied by hand into a GitHub issue.
    const lines = [
      '```[   32.092791] WARNING: CPU: 0 PID: 7 at arch/x86/kernel/smp.c:127 native_smp_send_reschedule+0x95/0xb0',
      '[   32.097759] CPU: 0 PID: 7 Comm: rcu_sched Tainted: G     D           4.9.73-unofficial+grsec171230-04 #1 ',
      '[   32.122570] Call Trace: ',
      '[   32.132297]  [<ffffffff81118205>] __warn+0x185/0x1c0',
      '[   32.137146]  [<ffffffff81118439>] warn_slowpath_null+0x49/0x80',
      '[   32.141921]  [<ffffffff810b8245>] native_smp_send_reschedule+0x95/0xb0 ',
      '[   32.146662]  [<ffffffff8117bda5>] trigger_load_balance+0x1d5/0x2a0```',
    ];
    const [report] = summarize(analyze(lines.join('\n'))).reports;
    assert.deepEqual(
      [report.kind, report.title, report.line, report.frames.map((f) => f.function)],
      [
        'warning',
        'WARNING in native_smp_send_reschedule',
        1,
        ['__warn', 'warn_slowpath_null', 'native_smp_send_reschedule', 'trigger_load_balance'],
      ],
    );
  });
});
