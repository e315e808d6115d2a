// mips64 (little- or big-endian, 64-bit kernel): __show_regs (arch/mips/kernel/traps.c) prints
// the general registers as rows without names (`$ 0   : v v v v`), then named ones with padded
// names (`Hi    :`, `epc   : v func+off`, `ra    :`, `Cause :`, `BadVA :`, `PrId  :`). The kernel
// runs in CKSEG0 (text at ffffffff80…, arch/mips/include/asm/addrspace.h) and modules are mapped
// at ffffffffc0… (MODULE_START, arch/mips/include/asm/pgtable-64.h), where x86_64 and riscv64
// keep theirs: text addresses only tie; MIPS-only mnemonics and register names decide.
import { oneOf, type ReadOnlyArch } from './types';

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
  registers: {
    names: ['Hi', 'Lo', 'epc', 'ra', 'Cause', 'BadVA', 'PrId'],
    pc: ['epc'],
    sp: [],
    fp: [],
    lr: ['ra'],
    args: [],
  },
  evidence: {
    // riscv64 prints `epc :` and `ra :` too: only the names MIPS alone prints are evidence.
    registerLine: oneOf(2, 'Hi', 'Lo', 'Cause', 'BadVA', 'PrId'),
    instruction: (mnemonic) => (MNEMONICS.has(mnemonic) ? 2 : 0),
    textAddress: (hex) => (hex.startsWith('ffffffff80') || hex.startsWith('ffffffffc0') ? 1 : 0),
  },
};
