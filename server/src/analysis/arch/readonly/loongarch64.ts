// loongarch64, from the kernel sources alone (no dump could be made here: Debian has no
// loong64 port this mirror serves). __show_regs (arch/loongarch/kernel/traps.c) prints
// `pc X ra X tp X sp X` rows without colons, then `   ra: X func+off`, `  ERA: X func+off`,
// ` CRMD:`, ` PRMD:`, ` EUEN:`, ` ECFG:`, `ESTAT:` (the CSRs). The kernel runs in the cached
// direct-mapped window at 9000000000000000 (CACHE_BASE, arch/loongarch/include/asm/addrspace.h);
// modules and vmalloc start at vm_map_base = -(1 << (VA bits - 1)), ffff8000… with 48-bit
// VA (arch/loongarch/include/asm/pgtable.h), where arm64 puts its image: no evidence there.
import { oneOf, type ReadOnlyArch } from './types';

const CSRS = ['ERA', 'CRMD', 'PRMD', 'EUEN', 'ECFG', 'ESTAT', 'BADV'];

export const loongarch64: ReadOnlyArch = {
  name: 'loongarch64',
  wordBytes: 8,
  // THREAD_SIZE 16 KiB (arch/loongarch/include/asm/thread_info.h); IRQ_STACK_SIZE = THREAD_SIZE (asm/irq.h).
  stackBytes: { task: 0x4000n, irq: 0x4000n },
  registers: {
    names: [...CSRS, 'ra'],
    pc: ['ERA'],
    sp: [],
    fp: [],
    lr: ['ra'],
    args: [],
  },
  evidence: {
    registerLine: oneOf(2, ...CSRS),
    // Only LoongArch spells mnemonics with a width suffix (`addi.d`) or these names.
    instruction: oneOf(
      2,
      'addi.d',
      'addi.w',
      'ld.d',
      'ld.w',
      'st.d',
      'st.w',
      'ldptr.d',
      'stptr.d',
      'jirl',
      'pcaddu12i',
      'pcalau12i',
      'lu12i.w',
    ),
    textAddress: (hex) => (hex.startsWith('90000000') ? 2 : 0),
  },
};
