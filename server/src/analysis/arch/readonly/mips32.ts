// 32-bit MIPS (o32: OpenWrt routers, Lantiq, Ralink, Atheros SoCs): __show_regs prints the rows and
// names of mips64 (./mips64) with 8-digit values (`$ 0   : 00000000 00000001 87c2e000 00000000`,
// `epc   : 8003ab3c kthread_data+0x4/0xc`), and traces `[<803290d8>] __schedule+0x470/0x5fc`.
// The kernel runs in KSEG0 (80000000–9fffffff, arch/mips/include/asm/addrspace.h) and maps its
// modules in KSEG2 (c0000000), where i386, arm32 and ppc32 keep theirs; 32-bit arm's 2G/2G split puts
// its image at 80008000 too. The register names tie with mips64's: 8-digit text addresses decide
// between them, the names against arm32.
import { mipsRegisterLine, mipsRegisters } from './mips64';
import { thirtyTwoBitLine, type ReadOnlyArch } from './types';

// Mnemonics only MIPS writes, on 32-bit and 64-bit kernels alike (riscv64 and LoongArch write `addi`).
const MNEMONICS = new Set(['addiu', 'addu', 'subu', 'mfc0', 'mtc0', 'bal']);

/** KSEG0, cached (8…) or uncached (a…, b… are KSEG1: no text runs there): the kernel image's text. */
const inKseg0 = (hex: string): boolean => hex[0] === '8' || hex[0] === '9';

export const mips32: ReadOnlyArch = {
  name: 'mips32',
  wordBytes: 4,
  // THREAD_SIZE 8 KiB with 4 KiB pages on 32-bit (THREAD_SIZE_ORDER 1, arch/mips/include/asm/thread_info.h); IRQ_STACK_SIZE = THREAD_SIZE.
  stackBytes: { task: 0x2000n, irq: 0x2000n },
  // o32: four arguments in registers.
  registers: mipsRegisters(['$4', '$5', '$6', '$7']),
  evidence: {
    machines: ['mips', 'mipsel'],
    registerLine: mipsRegisterLine,
    instruction: (mnemonic, text) => (MNEMONICS.has(mnemonic) && thirtyTwoBitLine(text) ? 2 : 0),
    textAddress: () => 0,
    textAddress32: (hex) => (inKseg0(hex) ? 1 : 0),
  },
};
