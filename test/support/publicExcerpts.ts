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
