// Architecture detection and address layout from real transcript lines (each test quotes
// machine output only; its source is named above it).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';

/** The verdict as the corpus record writes it: `x86_64`, `unknown/i386`, `unknown`. */
function verdictOf(text: string): string {
  const model = analyze(text);
  return model.archDetected + (model.archUnmodelled ? `/${model.archUnmodelled}` : '');
}

describe('x86_64 detection', () => {
  it('reads a KASLR bt -f (kernel text at ffffffffb…, a module at ffffffffc…) as x86_64', () => {
    // ming1.github.io, "linux kernel debug" (2025-03-04): crash's bt -f of a hung iscsid.
    const text = [
      'crash> bt -f 876',
      'PID: 876      TASK: ffff95cb4fdb0000  CPU: 7    COMMAND: "iscsid"',
      ' #0 [ffffa32e4102f7f8] __schedule at ffffffffb0c8eb7b',
      '    ffffa32e4102f800: ffff95cb49931240 ffffffff00000004',
      '    ffffa32e4102f860: ffffffffb0c8f00d',
      ' #1 [ffffa32e4102f860] schedule at ffffffffb0c8f00d',
      '    ffffa32e4102f868: ffff95ccfa940fc8 ffffffffb05acb86',
      ' #2 [ffffa32e4102f870] blk_mq_freeze_queue_wait at ffffffffb05acb86',
      ' #3 [ffffa32e4102f8b8] del_gendisk at ffffffffb05bc352',
      ' #4 [ffffa32e4102f8f8] sd_remove at ffffffffc0ee0aab [sd_mod]',
    ].join('\n');
    const model = analyze(text);
    assert.equal(model.arch, 'x86_64');
    assert.equal(model.classify(0xffffffffb0c8f00dn).kind, 'kernel-text');
  });

  it("reads a RHEL 7 trace (/proc/PID/stack) by its modules at ffffffffa… beside the kernel's 512 MB image", () => {
    // A RHEL 7 qxl hang (a Chinese blog post on a ttm ww_mutex deadlock): `cat /proc/4790/stack`.
    const text = [
      '[root@localhost ~]# cat /proc/4790/stack',
      '[<ffffffffa030ef25>] ttm_eu_reserve_buffers+0x205/0x320 [ttm]',
      '[<ffffffffa0328961>] qxl_release_reserve_list+0x51/0x110 [qxl]',
      '[<ffffffffa0326686>] qxl_draw_opaque_fb+0xe6/0x3c0 [qxl]',
      '[<ffffffffa0322f92>] qxl_fb_dirty_flush+0x1a2/0x260 [qxl]',
      '[<ffffffffa0323069>] qxl_fb_work+0x19/0x20 [qxl]',
      '[<ffffffff810a845b>] process_one_work+0x17b/0x470',
      '[<ffffffff810a9296>] worker_thread+0x126/0x410',
      '[<ffffffff810b0a4f>] kthread+0xcf/0xe0',
      '[<ffffffff81697758>] ret_from_fork+0x58/0x90',
      '[<ffffffffffffffff>] 0xffffffffffffffff',
    ].join('\n');
    assert.equal(verdictOf(text), 'x86_64');
    // Its core frames alone (ffffffff81…) are where riscv64 and mips64 kernels run too.
    assert.equal(verdictOf(text.replace(/^.*\[(?:ttm|qxl)\]$/gm, '')), 'unknown');
  });

  it('reads a console trace without registers or addresses by the entry code only x86_64 has', () => {
    // syzkaller's report corpus, "memory leak in gfs2_sys_fs_add" (kmemleak prints hashed pointers).
    const trace = [
      'BUG: memory leak',
      'unreferenced object 0xffff88005f607a40 (size 32):',
      '  comm "syz-executor0", pid 6646, jiffies 4294942725 (age 13.180s)',
      '  backtrace:',
      '    [<000000005040d77c>] __kmalloc_track_caller+0x14b/0x290',
      '    [<000000009136e0d6>] kstrdup+0x39/0x70',
      '    [<00000000f4b13d82>] gfs2_sys_fs_add+0xa1/0x1f0',
      '    [<00000000b5b99fa9>] fill_super+0x5fd/0xe20',
      '    [<00000000a8e58e5d>] do_mount+0x72b/0x1100',
      '    [<00000000cc40e6b2>] ksys_mount+0xab/0x120',
      '    [<000000004911d907>] __x64_sys_mount+0x26/0x30',
      '    [<00000000d4b3b027>] do_syscall_64+0x7c/0x180',
      '    [<000000004c73f7cb>] entry_SYSCALL_64_after_hwframe+0x44/0xa9',
    ];
    assert.equal(verdictOf(trace.join('\n')), 'x86_64');
    const common = trace.filter((l) => !/__x64_sys_|do_syscall_64|entry_SYSCALL_64/.test(l));
    assert.equal(verdictOf(common.join('\n')), 'unknown');
    // A compat syscall from syzkaller's "task hung in p9_fd_close": its entry is x86_64's alone.
    const compat = [
      '[ 1052.189780][   T41] Call Trace:',
      '[ 1052.199981][   T41]  <TASK>',
      '[ 1052.211420][   T41]  __schedule+0x10e9/0x6820',
      '[ 1052.227703][   T41]  schedule+0xdd/0x390',
      '[ 1052.456896][   T41]  p9_fd_close+0x299/0x5a0',
      '[ 1052.648963][   T41]  __ia32_sys_mount+0x292/0x310',
      '[ 1052.669251][   T41]  __do_fast_syscall_32+0xe7/0x950',
      '[ 1052.681143][   T41]  do_fast_syscall_32+0x32/0x70',
      '[ 1052.690801][   T41]  entry_SYSENTER_compat_after_hwframe+0x84/0x8e',
    ];
    assert.equal(verdictOf(compat.join('\n')), 'x86_64');
  });

  it('counts a stale word of entry code only x86_64 has (`? system_call_fastpath`) all the same', () => {
    // ddnet/ddnet issue #401: a 3.x hung task whose every frame is a stale word.
    const trace = [
      'INFO: task DDRace64-Server:27090 blocked for more than 120 seconds.',
      'Call Trace:',
      ' [<ffffffff8135067c>] ? __mutex_lock_common.isra.5+0xff/0x164',
      ' [<ffffffff8135056a>] ? mutex_lock+0x1a/0x2d',
      ' [<ffffffff810fab6d>] ? do_sys_open+0x5e/0xe5',
      ' [<ffffffff813561b2>] ? system_call_fastpath+0x16/0x1b',
    ];
    assert.equal(verdictOf(trace.join('\n')), 'x86_64');
    assert.equal(verdictOf(trace.slice(0, -1).join('\n')), 'unknown');
  });

  it('reads `RIP: 0010:` as x86_64 also where decode_stacktrace.sh put a source location after it', () => {
    // intel/ccc-linux-guest-hardening issue #98 (6.0-rc2, decoded).
    const report = [
      '------------[ cut here ]------------',
      'WARNING: CPU: 0 PID: 79 at mm/slub.c:3567 kfree (mm/slub.c:3567 mm/slub.c:4558) ',
      'Modules linked in:',
      'CPU: 0 PID: 79 Comm: sh Not tainted 6.0.0-rc2-g1d588de205f8 #1',
      'RIP: 0010:kfree (mm/slub.c:3567 mm/slub.c:4558) ',
    ];
    assert.equal(verdictOf(report.join('\n')), 'x86_64');
    assert.equal(verdictOf(report.slice(0, -1).join('\n')), 'unknown');
  });

  it("takes no i386 trace for x86_64's: the exception entry both have is no evidence of width", () => {
    // test/corpus/i386/01-warning.console.crashlog: the panic's trace, without its registers.
    const trace = [
      '[   11.094369] Call Trace:',
      '[   11.094450]  dump_stack_lvl+0x34/0x44',
      '[   11.094701]  panic+0xad/0x263',
      '[   11.095194]  __warn+0x7a/0xc0',
      '[   11.095352]  report_bug+0x11b/0x140',
      '[   11.095425]  ? exc_overflow+0x40/0x40',
      '[   11.095494]  handle_bug+0x2a/0x50',
      '[   11.095559]  exc_invalid_op+0x1b/0x60',
      '[   11.095631]  handle_exception+0x133/0x133',
    ].join('\n');
    // Nor riscv64's, whose trap entry is also called handle_exception.
    assert.equal(verdictOf(trace), 'unknown/i386');
  });
});

describe('x86_64 5-level paging (LA57)', () => {
  // A crash `bt` notes page (kernel 4.19.90 el7, LA57 server): bt and the start of bt -f.
  const text = [
    'crash> bt',
    'PID: 2429976  TASK: ff352c8c1e7fbc80  CPU: 53  COMMAND: "ovs-vswitchd"',
    ' #0 [ff63810032077b58] machine_kexec at ffffffff90c5ae7e',
    ' #1 [ff63810032077bb0] __crash_kexec at ffffffff90d5ec51',
    ' #2 [ff63810032077c70] crash_kexec at ffffffff90d5fafd',
    ' #7 [ff63810032077da0] page_fault at ffffffff9160116e',
    '    [exception RIP: __x64_sys_pwrite64]',
    '    RIP: ffffffff90ecd9c0  RSP: ff63810032077e58  RFLAGS: 00010282',
    '    RAX: ffffffff90ecd9c0  RBX: ff63810032077ee0  RCX: ffffffffc09e3960',
    '    RDX: ff352c7e7a204000  RSI: 0000000000000000  RDI: ff63810032077f58',
    '    RBP: ff352c7e4996ba98   R8: 0000000000000000   R9: 0000000000000001',
    '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
    ' #8 [ff63810032077e58] _MODULE_START_sys_linux at ffffffffc08bbb93 [sys_linux]',
    '#10 [ff63810032077f38] do_syscall_64 at ffffffff90c0435b',
    '#11 [ff63810032077f50] entry_SYSCALL_64_after_hwframe at ffffffff91600088',
    '',
    'crash> bt -f',
    'PID: 2429976  TASK: ff352c8c1e7fbc80  CPU: 53  COMMAND: "ovs-vswitchd"',
    ' #0 [ff63810032077b58] machine_kexec at ffffffff90c5ae7e',
    '    ff63810032077b60: 0000000000000000 ff352c0000000000 ',
    '    ff63810032077b70: 0000000005003000 ff352c0005003000 ',
  ].join('\n');
  const model = analyze(text);

  it('is told by tasks and stacks below ffff800000000000, which 4-level paging calls non-canonical', () => {
    assert.equal(model.arch, 'x86_64');
    assert.match(model.layout?.era ?? '', /5-level paging, randomized/);
    assert.equal(model.layout?.vaBits, 56);
    for (const value of [0xff352c8c1e7fbc80n, 0xff352c7e7a204000n, 0xff352c7e4996ba98n]) {
      assert.equal(model.classify(value).kind, 'direct-map', value.toString(16));
    }
    assert.equal(model.classify(0xff63810032077bb8n).kind, 'task-stack');
    // The canonical hole of 5-level paging is still one.
    assert.equal(model.classify(0x8000000000000000n).kind, 'non-canonical');
  });

  it('keeps the image and modules where 4-level paging has them', () => {
    assert.equal(model.classify(0xffffffff90c5ae7en).kind, 'kernel-text');
    assert.equal(model.classify(0xffffffffc08bbb93n).kind, 'module-text');
    assert.equal(model.classify(0xffffffffc09e3960n).kind, 'module-text');
  });

  it('reads a RHEL 8 LA57 bt (TASK ff47e4…, stacks ff7ea3…) alike', () => {
    // "IAN projekt 3" (a VUT FIT crash analysis, on GitHub): bt of the hung systemd.
    const rhel8 = analyze(
      [
        'crash> bt',
        'PID: 1        TASK: ff47e40b01891e40  CPU: 2    COMMAND: "systemd"',
        '#0 [ff7ea32980327dc0] __schedule at ffffffff8a77a2ad',
        '#1 [ff7ea32980327e18] schedule at ffffffff8a77a787',
        '#2 [ff7ea32980327e28] rwsem_down_read_slowpath at ffffffff8a77d320',
        '#3 [ff7ea32980327ec0] __do_page_fault at ffffffff89e75121',
      ].join('\n'),
      { arch: 'x86_64' },
    );
    assert.match(rhel8.layout?.era ?? '', /5-level/);
    assert.equal(rhel8.classify(0xff47e40b01891e40n).kind, 'direct-map');
  });
});

describe('32-bit powerpc', () => {
  // A PowerMac G4 oops on linuxppc-dev (as test/unit/consolePowerpc32.test.ts quotes it): ppc64's register names, 8-digit values.
  const oops = [
    'BUG: Unable to handle kernel instruction fetch',
    'Faulting instruction address: 0xf1020000',
    'Oops: Kernel access of bad area, sig: 11 [#1]',
    'BE PAGE_SIZE=4K MMU=Hash PowerMac',
    'CPU: 0 PID: 71 Comm: systemd-udevd Not tainted 5.9.0-rc1+ #298',
    'NIP:  f1020000 LR: c00053a4 CTR: f1020000',
    'REGS: c1c6dd50 TRAP: 0400   Not tainted  (5.9.0-rc1+)',
    'MSR:  10009032 <EE,ME,IR,DR,RI>  CR: 22222284  XER: 00000000',
    '',
    'GPR00: c0005390 c1c6de08 c1c6b400 00000000 00000cc0 00000008 ef6db038 00000001',
    'GPR08: 0000002e 00000000 00000000 00000000 22222284 00b6fb58 00000000 00000005',
    'NIP [f1020000] crct10dif_mod_init+0x0/0x60 [crct10dif_generic]',
    'LR [c00053a4] do_one_initcall+0x50/0x1f4',
    'Call Trace:',
    '[c1c6de08] [c0005390] do_one_initcall+0x3c/0x1f4 (unreliable)',
    '[c1c6de78] [c0102068] do_init_module+0x6c/0x27c',
    '[c1c6dea8] [c01053cc] sys_finit_module+0xc0/0x12c',
    '[c1c6df38] [c001c11c] ret_from_syscall+0x0/0x34',
  ];

  it('is no ppc64: its kernel text at c0… has 8 digits, a 32-bit kernel not modelled', () => {
    assert.equal(verdictOf(oops.join('\n')), 'unknown/ppc32');
  });

  it('its registers alone settle nothing (ppc64 prints the same names)', () => {
    assert.equal(verdictOf(oops.filter((l) => !l.startsWith('[c1c6')).join('\n')), 'unknown');
  });
});

describe('arm64 39-bit before 4.6: the kernel image in the linear map', () => {
  it("is arm64 by a console trace's text at ffffffc0…", () => {
    // apritzel/pine64 issue #5 (4.4, an RCU stall's task dump).
    const trace = [
      'Task dump for CPU 0:',
      'swapper/0       R  running task        0     0      0 0x00000002',
      'Call trace:',
      '[<ffffffc000086ed4>] __switch_to+0xd4/0xf8',
      '[<          (null)>]           (null)',
    ];
    assert.equal(verdictOf(trace.join('\n')), 'arm64');
  });
});

describe('arm64 before 5.4: the kernel image inside the vmalloc area', () => {
  it('48-bit: bt frames of the image at ffff000008… are kernel text, the rest of the area vmalloc', () => {
    // A 4.19 kdump's bt -l (realwujing.github.io notes), its frame lines.
    const model = analyze(
      [
        'crash> bt -l                                                           ',
        'PID: 29060    TASK: ffff800035462700  CPU: 6    COMMAND: "Isolated Web Co"',
        ' #0 [ffff8003ffec1290] crash_kexec at ffff000008170728                 ',
        ' #1 [ffff8003ffec12c0] die at ffff00000808d7f4                         ',
        ' #2 [ffff8003ffec1300] die_kernel_fault at ffff0000080a0fb4',
        ' #3 [ffff8003ffec1330] __do_kernel_fault at ffff0000080a104c',
        ' #4 [ffff8003ffec1360] do_page_fault at ffff0000080a1284  ',
      ].join('\n'),
    );
    assert.equal(model.arch, 'arm64');
    assert.match(model.layout?.era ?? '', /48-bit VA \(pre-5\.4/);
    assert.equal(model.classify(0xffff000008170728n).kind, 'kernel-text');
    assert.equal(model.classify(0xffff000008090000n).kind, 'kernel-text');
    assert.equal(model.classify(0xffff000010000000n).kind, 'vmalloc');
    assert.equal(model.classify(0xffff000000400000n).kind, 'module-text');
  });

  it('39-bit (Android 4.4): __switch_to at ffffff8008085538 is kernel text', () => {
    // A Chinese blog post on an Android rename deadlock: crash64's bt of the blocked thread.
    const model = analyze(
      [
        'crash64> bt 5200',
        'PID: 5200   TASK: ffffffc091108000  CPU: 0   COMMAND: "Thread-8"',
        ' #0 [ffffffc091b5bc50] __switch_to at ffffff8008085538',
        ' #1 [ffffffc091b5bc80] __schedule at ffffff8008f0ce1c',
        ' #2 [ffffffc091b5bce0] schedule at ffffff8008f0d16c',
        ' #6 [ffffffc091b5bda0] lock_rename at ffffff80081bd4c0',
        ' #7 [ffffffc091b5bdd0] sys_renameat2 at ffffff80081c070c',
      ].join('\n'),
    );
    assert.match(model.layout?.era ?? '', /39-bit VA \(pre-5\.4/);
    assert.equal(model.classify(0xffffff8008085538n).kind, 'kernel-text');
    assert.equal(model.classify(0xffffff8020000000n).kind, 'vmalloc');
  });
});

describe('arm64 5.4+ with KASLR: the kernel image anywhere in the vmalloc area', () => {
  // A 5.x arm64 panic from the SBSA watchdog: crash's bt, text at ffffde8e… (KASLR), the IRQ stack in vmalloc.
  const BT = [
    'PID: 0        TASK: ffffde8e444e8900  CPU: 0    COMMAND: "swapper/0"',
    '  #0 [ffff800010003db0] __crash_kexec at ffffde8e4370b424',
    '  #1 [ffff800010003e60] panic at ffffde8e4363b64c',
    '  #2 [ffff800010003eb0] sbsa_gwdt_interrupt at ffffde8e43d92aa8',
    '  #3 [ffff800010003ed0] __handle_irq_event_percpu at ffffde8e436b9720',
    '  #4 [ffff800010003f40] handle_irq_event at ffffde8e436b99c4',
    '  #5 [ffff800010003f70] handle_fasteoi_irq at ffffde8e436bff0c',
    '  #6 [ffff800010003fa0] __handle_domain_irq at ffffde8e436b831c',
    '  #7 [ffff800010003fe0] gic_handle_irq at ffffde8e43600974',
    '--- <IRQ stack> ---',
    '  #8 [ffffde8e444d3e50] el1_irq at ffffde8e43602288',
    '  #9 [ffffde8e444d3e70] cpuidle_enter_state at ffffde8e43dd6190',
    '#10 [ffffde8e444d3ed0] cpuidle_enter at ffffde8e43dd6314',
    '#11 [ffffde8e444d3f10] do_idle at ffffde8e4368307c',
    '#12 [ffffde8e444d3f70] cpu_startup_entry at ffffde8e4368314c',
    '#13 [ffffde8e444d3f90] rest_init at ffffde8e4408d79c',
    '#14 [ffffde8e444d3fb0] arch_call_rest_init at ffffde8e443b0730',
    '#15 [ffffde8e444d3fe0] start_kernel at ffffde8e443b0a60',
  ];

  it("is arm64 by its bt's exception-vector function (el1_irq), as a console trace would be", () => {
    const model = analyze(BT.join('\n'));
    assert.equal(model.arch, 'arm64');
  });

  it('bt frames of the image are kernel text, the rest of the area vmalloc', () => {
    const model = analyze(BT.join('\n'));
    assert.match(model.layout?.era ?? '', /48-bit VA \(5\.4\+/);
    assert.equal(model.classify(0xffffde8e4370b424n).kind, 'kernel-text');
    assert.equal(model.classify(0xffffde8e43700000n).kind, 'kernel-text');
    assert.equal(model.classify(0xffff800020000000n).kind, 'vmalloc');
  });
});

describe('x86_64 before VMAP_STACK (4.9): stacks in the direct map', () => {
  // One frame of `bt -f` as a 2015 xfs thread quoted it: no task line, the stack at ffff8800….
  const BT_F = [
    'crash> bt -f 7561',
    ' #4 [ffff88003744db40] xfs_iget at ffffffffa029c03e [xfs]',
    '    ffff88003744db48: 0000000000000000 0000000000000000 ',
    '    ffff88003744db58: 0000000000013b40 ffff88003744dc30 ',
    '    ffff88003744db78: 0000000000f78d4f ffffffffa02dafec ',
    '    ffff88003744db88: ffff88000c09e1c0 0000000000000008 ',
    '    ffff88003744db98: 0000000000000000 ffff88000c0a0ac0 ',
    '    ffff88003744dbb8: ffff88003744dc08 ffffffffa02a8e98',
  ];

  it('reads the stack and the objects beside it as direct map, not vmalloc', () => {
    const model = analyze(BT_F.join('\n'));
    assert.equal(model.arch, 'x86_64');
    assert.equal(model.classify(0xffff88000c09e1c0n).kind, 'direct-map');
    assert.equal(model.classify(0xffffc90000123000n).kind, 'vmalloc');
  });
});
