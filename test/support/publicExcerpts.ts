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
