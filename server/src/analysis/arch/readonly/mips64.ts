// mips64 (little- or big-endian, 64-bit kernel): the console prints registers as rows
// (`$ 0   : v v v v`) and `epc   : …`, `ra    : …` (arch/mips/kernel/traps.c __show_regs),
// which are not `NAME: value` pairs. The kernel runs in CKSEG0 (text at ffffffff80…,
// arch/mips/include/asm/addrspace.h) and modules are mapped at ffffffffc0… (MODULE_START,
// arch/mips/include/asm/pgtable-64.h), where x86_64 and riscv64 keep theirs: text addresses
// only tie; MIPS-only mnemonics decide.
import type { ReadOnlyArch } from './types';

// Only MIPS writes these (riscv64 shares `sd`, `ld`, `jal`, `jalr`, `jr`, `lui`: no evidence).
const MNEMONICS = new Set([
  'daddiu',
  'daddu',
  'dsubu',
  'dsll',
  'dsll32',
  'dsrl',
  'dsra',
  'move',
  'mfc0',
  'mtc0',
  'dmfc0',
  'dmtc0',
  'bal',
]);

export const mips64: ReadOnlyArch = {
  name: 'mips64',
  wordBytes: 8,
  // THREAD_SIZE 16 KiB with 4 KiB pages on 64-bit (arch/mips/include/asm/thread_info.h); IRQ_STACK_SIZE = THREAD_SIZE.
  stackBytes: { task: 0x4000n, irq: 0x4000n },
  evidence: {
    registerLine: () => 0,
    instruction: (mnemonic) => (MNEMONICS.has(mnemonic) ? 2 : 0),
    textAddress: (hex) => (hex.startsWith('ffffffff80') || hex.startsWith('ffffffffc0') ? 1 : 0),
  },
};
