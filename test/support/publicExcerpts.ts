// Real public transcripts several tests read, kept once: each names where it was published.

/**
 * A riscv64 `bt -e` quoted in crash's commit d86dc69 (github.com/crash-utility/crash), unedited: the
 * kernel-mode exception frame of an lkdtm EXCEPTION, with its registers up to a5.
 */
export const RISCV64_BT_E: readonly string[] = [
  '  crash> bt -e',
  '  PID: 1        TASK: ff600000000e0000  CPU: 1    COMMAND: "sh"',
  '',
  '  KERNEL-MODE EXCEPTION FRAME AT: ff200000000138d8',
  '       PC: ffffffff805303c0  [lkdtm_EXCEPTION+6]',
  '       RA: ffffffff8052fe36  [lkdtm_do_action+16]',
  '       SP: ff20000000013cf0  CAUSE: 000000000000000f',
  '  epc : ffffffff805303c0 ra : ffffffff8052fe36 sp : ff20000000013cf0',
  '   gp : ffffffff814ef848 tp : ff600000000e0000 t0 : 6500000000000000',
  '   t1 : 000000000000006c t2 : 6550203a6d74646b s0 : ff20000000013d00',
  '   s1 : 000000000000000a a0 : ffffffff814aef40 a1 : c0000000ffffefff',
  '   a2 : 0000000000000010 a3 : 0000000000000001 a4 : 5d53ea10ca096e00',
  '   a5 : ffffffff805303ba a6 : 0000000000000008 a7 : 0000000000000038',
];

/**
 * A riscv64 `bt` of a sysrq panic, then `bt -f`'s first frame, from crash's own riscv64 support (crash-utility
 * list, Xianting Tian, "[PATCH 5/9] RISCV64: Add 'bt' command support", 2022): no register line; its
 * kernel text at ffffffff8… is where x86_64's is.
 */
export const RISCV64_SYSRQ_BT: readonly string[] = [
  'crash> bt',
  'PID: 113      TASK: ff6000000226c200  CPU: 0    COMMAND: "sh"',
  ' #0 [ff20000010333b90] riscv_crash_save_regs at ffffffff800078f8',
  ' #1 [ff20000010333cf0] panic at ffffffff806578c6',
  ' #2 [ff20000010333d50] sysrq_reset_seq_param_set at ffffffff8038c03c',
  ' #3 [ff20000010333da0] __handle_sysrq at ffffffff8038c604',
  ' #4 [ff20000010333e00] write_sysrq_trigger at ffffffff8038cae4',
  ' #5 [ff20000010333e20] proc_reg_write at ffffffff801b7ee8',
  ' #6 [ff20000010333e40] vfs_write at ffffffff80152bb2',
  ' #7 [ff20000010333e80] ksys_write at ffffffff80152eda',
  ' #8 [ff20000010333ed0] sys_write at ffffffff80152f52',
  '',
  'crash> bt -f',
  'PID: 113      TASK: ff6000000226c200  CPU: 0    COMMAND: "sh"',
  ' #0 [ff20000010333b90] riscv_crash_save_regs at ffffffff800078f8',
  '    [PC: ffffffff800078f8 RA: ffffffff806578c6 SP: ff20000010333b90 SIZE: 352]',
  '    ff20000010333b90: ff20000010333bb0 ffffffff800078f8',
  '    ff20000010333ba0: ffffffff8008862c ff20000010333b90',
  '    ff20000010333bb0: ffffffff810dde38 ff6000000226c200',
  '    ff20000010333bc0: ffffffff8032be68 0720072007200720',
];

/**
 * linux-btrfs, Naohiro Aota, "Re: [PATCH] btrfs: fix deadlock with concurrent chunk allocations involving
 * system chunks", <20210623073724.diltq4hd7z6t6dmo@naota-xeon>: a KASAN kernel's `bt` of PID 1214 and a
 * stretch of its `bt -FF` (dffffc0000000000 is x86_64's KASAN_SHADOW_OFFSET), unedited.
 */
export const BTRFS_KASAN_BT: readonly string[] = [
  'crash> bt 1214',
  'PID: 1214   TASK: ffff8881c8be4000  CPU: 0   COMMAND: "fsstress"',
  ' #0 [ffffc90003777228] __schedule at ffffffff8260d345',
  ' #1 [ffffc90003777330] schedule at ffffffff8260eb67',
  ' #2 [ffffc90003777360] rwsem_down_read_slowpath at ffffffff826194bd',
  ' #3 [ffffc900037774b8] __down_read_common at ffffffff812648cc',
  ' #4 [ffffc90003777568] down_read_nested at ffffffff81264d44',
  ' #5 [ffffc900037775b8] btrfs_read_lock_root_node at ffffffffa02b2fe7 [btrfs]',
];
export const BTRFS_KASAN_BT_FF: readonly string[] = [
  'crash> bt -FF 1214',
  ' #4 [ffffc90003777568] down_read_nested at ffffffff81264d44',
  '    ffffc90003777570: [ffff88817afc7c20:btrfs_extent_buffer] 0000000000000000 ',
  '    ffffc90003777580: 0000000000000000 ffffc900037775b0 ',
  '    ffffc90003777590: __btrfs_tree_read_lock+40 [ffff88817afc7c20:btrfs_extent_buffer] ',
  '    ffffc900037775a0: ffffed102e623800 dffffc0000000000 ',
  '    ffffc900037775b0: ffffc900037775d8 btrfs_read_lock_root_node+71',
  '#14 [ffffc90003777c50] do_clone_file_range at ffffffff8179f72c',
];

/**
 * crash's bt of a ppc64le oops in zram (linuxppc-dev, 2025-04-21,
 * lore.kernel.org/linuxppc-dev/89bfdedb74416156423d36d28c5b92e9@linux.ibm.com), unedited: the exception
 * frame's registers (OR3 holds CFAR) and `[NIP : …]`/`[LR : …]` before the frames.
 */
export const PPC64_ZRAM_BT: readonly string[] = [
  'crash> bt',
  'PID: 465      TASK: c000000006067d80  CPU: 68   COMMAND: "kswapd0"',
  '  R0:  000000000e000000    R1:  c0000000a5a57040    R2:  c0000000017a8100',
  '  R3:  c000000d34cefd00    R4:  c00800000a1affe8    R5:  fffffffffffffffa',
  '  R6:  01ffffffffffffff    R7:  03ffffff2cb33000    R8:  0000000080000000',
  '  R9:  0000000000000010    R10: 0000000000000020    R11: 0000000000000030',
  '  R12: 0000000000000040    R13: c000000ffde34300    R14: 0000000000000050',
  '  R15: 0000000000000060    R16: 0000000000000070    R17: 5deadbeef0000122',
  '  R18: 0000000101124ad9    R19: 0000000000018028    R20: 0000000000c01400',
  '  R21: c0000000a5a574b0    R22: 0000000000010000    R23: 0000000000000051',
  '  R24: c000000002be02f8    R25: c00c000003ef7380    R26: c00800000a190000',
  '  R27: c0000001054dbbe0    R28: c00c0000034d3340    R29: 00000000000002d8',
  '  R30: fffffffffffffffa    R31: c0000001054dbbb0',
  '  NIP: c000000000175670    MSR: 8000000002009033    OR3: c0000000001756c8',
  '  CTR: 01fffffffffffc05    LR:  c0000000006d96b4    XER: 0000000020040001',
  '  CCR: 0000000044042880    MQ:  0000000000000000    DAR: c00800000a1b0000',
  '  DSISR: 0000000040000000     Syscall Result: 0000000000000000',
  '  [NIP  : memcpy_power7+1648]',
  '  [LR   : zs_obj_write+548]',
  '  #0 [c0000000a5a56c50] crash_kexec at c00000000037f268',
  '  #1 [c0000000a5a56c80] oops_end at c00000000002b678',
  '  #2 [c0000000a5a56d00] __bad_page_fault at c00000000014f348',
  '  #3 [c0000000a5a56d70] data_access_common_virt at c000000000008be0',
  '  #4 [c0000000a5a57040] memcpy_power7 at c000000000175274',
  '  #5 [c0000000a5a57140] zs_obj_write at c0000000006d96b4',
  '  #6 [c0000000a5a571b0] zram_write_page at c008000009174a50 [zram]',
  '  #7 [c0000000a5a57260] zram_bio_write at c008000009174ff4 [zram]',
  '  #8 [c0000000a5a57310] __submit_bio at c0000000009323ac',
];

/**
 * linuxppc-dev, 20260309144045.169427-1-vmalik@redhat.com: a ppc64le NULL dereference in a BPF
 * program's user stack walk, its NIP lines cut from the mail (`[...]` left out); the stale first
 * frame (`(unreliable)`) spans the faulting address.
 */
export const PPC64_PERF_CALLCHAIN: readonly string[] = [
  '[26215.051935] Kernel attempted to read user page (588) - exploit attempt? (uid: 0)',
  '[26215.051950] BUG: Kernel NULL pointer dereference on read at 0x00000588',
  '[26215.051952] Faulting instruction address: 0xc00000000020fac0',
  '[26215.051957] Oops: Kernel access of bad area, sig: 11 [#1]',
  '[26215.052049] Call Trace:',
  '[26215.052050] [c000000061da6d30] [c00000000020fc10] perf_callchain_user_64+0x2d0/0x490 (unreliable)',
  '[26215.052054] [c000000061da6dc0] [c00000000020f92c] perf_callchain_user+0x1c/0x30',
  '[26215.052057] [c000000061da6de0] [c0000000005ab2a0] get_perf_callchain+0x100/0x360',
  '[26215.052063] [c000000061da6e70] [c000000000573bc8] bpf_get_stackid+0x88/0xf0',
  '[26215.052067] [c000000061da6ea0] [c008000000042258] bpf_prog_16d4ab9ab662f669_do_perf_event+0xf8/0x274',
];

/**
 * A public notes page on a BC-Linux 4.19 x86_64 crash (a stack-segment fault in __kmalloc_node, a corrupted
 * SLUB freelist): the console report from its header to its registers, unedited.
 */
export const X86_KMALLOC_NODE_CONSOLE: readonly string[] = [
  '[ 9016.879381] stack segment: 0000 [#1] SMP NOPTI',
  '[ 9016.879404] CPU: 0 PID: 965 Comm: irqbalance Kdump: loaded Tainted: G           OE     4.19.90-2107.6.0.0251.43.oe1.bclinux.x86_64 #1',
  '[ 9016.879447] Hardware name: VMware, Inc. VMware Virtual Platform/440BX Desktop Reference Platform, BIOS 6.00 11/12/2020',
  '[ 9016.879480] RIP: 0010:__kmalloc_node+0x123/0x280',
  '[ 9016.879494] Code: 0e 41 f6 47 0b 04 4d 89 f9 0f 84 6b ff ff ff 4c 89 ff e8 60 d3 01 00 49 89 c1 e9 5b ff ff ff 41 8b 41 20 49 8b 39 48 8d 4a 01 <48> 8b 5c 05 00 48 89 e8 65 48 0f c7 0f 0f 94 c0 84 c0 0f 84 41 ff',
  '[ 9016.879541] RSP: 0018:ffffbd3602893ba8 EFLAGS: 00010246',
  '[ 9016.879576] RAX: 0000000000000000 RBX: 00000000007012c0 RCX: 0000000000015a88',
  '[ 9016.879638] RDX: 0000000000015a87 RSI: 00000000007012c0 RDI: 00000000000271c0',
  '[ 9016.880299] RBP: 6d69742f72656761 R08: ffff9c5d2dc271c0 R09: ffff9c5a00006680',
  '[ 9016.880908] R10: ffffffff9d667a60 R11: 0000000000000000 R12: 00000000007012c0',
  '[ 9016.881488] R13: 0000000000001150 R14: 00000000ffffffff R15: ffff9c5a00006680',
  '[ 9016.882102] FS:  00007f689d31b300(0000) GS:ffff9c5d2dc00000(0000) knlGS:0000000000000000',
  '[ 9016.882725] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033',
  '[ 9016.883349] CR2: 00007fb0bde9f040 CR3: 0000000103892003 CR4: 00000000007606f0',
];

/**
 * The same session's `bt -f` as it shows it (its first frames cut to `......` there): a `struct file *`
 * passed down proc_reg_open → single_open_size → kvmalloc_node, at a slot of each frame.
 */
export const X86_KMALLOC_NODE_BT_F: readonly string[] = [
  'crash> bt -f',
  '......',
  ' #7 [ffffbd3602893b78] __kmalloc_node at ffffffff9c49a9d3',
  '    ffffbd3602893b80: 0000000000000010 0000000000010246',
  '    ffffbd3602893b90: ffffbd3602893ba8 0000000000000018',
  '    ffffbd3602893ba0: ffffffff9c49a913 ffffffff9c43eba3',
  '    ffffbd3602893bb0: 00000000007000c0 0000000000001150',
  '    ffffbd3602893bc0: 00000000ffffffff 0000000000001150',
  '    ffffbd3602893bd0: ffff9c5d2fb6e618 ffff9c5a0728f100',
  '    ffffbd3602893be0: ffffffff9c43eba3',
  ' #8 [ffffbd3602893be0] kvmalloc_node at ffffffff9c43eba3',
  '    ffffbd3602893be8: ffff9c5a0728f100 ffffffff9c566720',
  '    ffffbd3602893bf8: 0000000000000000 ffffffff9c4f47bc',
  ' #9 [ffffbd3602893c00] single_open_size at ffffffff9c4f47bc',
  '    ffffbd3602893c08: ffff9c5d2eef3d40 ffff9c5d2eef3d40',
  '    ffffbd3602893c18: ffff9c5a0d3e8310 ffff9c5a0728f100',
  '    ffffbd3602893c28: 00000000fffffff4 ffff9c5d2fb6e618',
  '    ffffbd3602893c38: ffffffff9c55ceee',
  '#10 [ffffbd3602893c38] proc_reg_open at ffffffff9c55ceee',
  '    ffffbd3602893c40: ffff9c5a0728f100 ffff9c5a0d3e8310',
  '    ffffbd3602893c50: ffff9c5a0728f110 ffffffff9c55ce80',
];
