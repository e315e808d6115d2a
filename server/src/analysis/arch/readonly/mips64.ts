// mips64 (little- or big-endian, 64-bit kernel): __show_regs (arch/mips/kernel/traps.c) prints
// the general registers as rows named by number (`$ 0   : v v v v`, `$ 4   :` … `$28   :`, $26/$27
// left blank), then padded names (`Hi    :`, `Lo    :`, `epc   : v func+off`, `ra    :`,
// `Status: v KX SX UX KERNEL EXL IE`, `Cause : v (ExcCode 03)`, `BadVA :`, `PrId  : v (cpu)`).
// crash's bt prints the same rows and names in its exception frames (mips64.c
// mips64_dump_exception_stack); its `help -r` prints `R0:`…`R31:`, `LO:`, `HI:`, `EPC:`, `BADVADDR:`,
// `STATUS:`, `CAUSE:` (mips64.c mips64_display_regs_from_elf_notes). n64 ABI: $29 sp, $30 s8/fp,
// $31 ra, arguments in $4–$11.
// The kernel runs in CKSEG0 (text at ffffffff80…, arch/mips/include/asm/addrspace.h) and modules
// are mapped at ffffffffc0… (MODULE_START, arch/mips/include/asm/pgtable-64.h), where x86_64 and
// riscv64 keep theirs: text addresses only tie; MIPS-only mnemonics and register names decide.
import type { RegisterRoles } from '../types';
import { NUMBERED_GPRS, type ReadOnlyArch } from './types';

// Only MIPS writes these (riscv64 shares `sd`, `ld`, `jal`, `jalr`, `jr`, `lui`, LoongArch `move`: no evidence).
const MNEMONICS = new Set([
  'daddiu',
  'daddu',
  'dsubu',
  'dsll',
  'dsll32',
  'dsrl',
  'dsra',
  'mfc0',
  'mtc0',
  'dmfc0',
  'dmtc0',
  'bal',
]);

/** Names only MIPS prints (its 32-bit kernels print them too: ./mips32) (riscv64 prints `epc :` and `ra :` too, LoongArch 5.19 `BadVA :` and `PrId  :`, ppc64's crash `R0:`…). */
export const MIPS_OWN_REGISTERS = ['Hi', 'Lo', 'Status', 'Cause', 'LO', 'HI', 'EPC', 'BADVADDR', 'STATUS', 'CAUSE'];
/** crash's `help -r`: R0…R31. */
export const MIPS_HELP_R = Array.from({ length: 32 }, (_, i) => `R${i}`);

/** The register names and roles of every MIPS kernel; `args`: the ABI's argument registers (n64's eight, o32's four). */
export function mipsRegisters(args: readonly string[]): RegisterRoles {
  return {
    names: [...NUMBERED_GPRS, ...MIPS_HELP_R, ...MIPS_OWN_REGISTERS, 'epc', 'ra', 'BadVA', 'PrId', 'Acx'],
    pc: ['epc', 'EPC'],
    sp: ['$29', 'R29'],
    fp: ['$30', 'R30'],
    lr: ['ra', '$31', 'R31'],
    args: [...args],
  };
}

/** A register line's evidence of MIPS (32- or 64-bit alike): its own names two points, a `$N` row one. */
export function mipsRegisterLine(name: string): number {
  return MIPS_OWN_REGISTERS.includes(name) || name === 'BadVA' || name === 'PrId' ? 2 : name.startsWith('$') ? 1 : 0;
}

export const mips64: ReadOnlyArch = {
  name: 'mips64',
  wordBytes: 8,
  // THREAD_SIZE 16 KiB with 4 KiB pages on 64-bit (arch/mips/include/asm/thread_info.h); IRQ_STACK_SIZE = THREAD_SIZE.
  stackBytes: { task: 0x4000n, irq: 0x4000n },
  registers: mipsRegisters(['$4', '$5', '$6', '$7', '$8', '$9', '$10', '$11']),
  evidence: {
    machines: ['mips64', 'mips64el', 'mips64r6el'],
    // A `$N` row also begins crash's LoongArch exception frames: a point each, the other names decide.
    registerLine: mipsRegisterLine,
    mnemonic: (mnemonic) => (MNEMONICS.has(mnemonic) ? 2 : 0),
    textAddress: (hex) => (hex.startsWith('ffffffff80') || hex.startsWith('ffffffffc0') ? 1 : 0),
    // Kernels loaded in XKPHYS (cached: a800…, 9800…; no other architecture's text) vmalloc their
    // modules in XKSEG (c000…), where ppc64's image lies: their core frames outweigh the modules'.
    traceAddress: (hex) => (hex.startsWith('a800') || hex.startsWith('9800') ? 2 : 0),
    // Its stacks and task_structs lie in XKPHYS too (`TASK: 9800000243bcf200`), where no other architecture's do.
    stackAddress: (hex) => (hex.startsWith('a800') || hex.startsWith('9800') ? 2 : 0),
  },
};
