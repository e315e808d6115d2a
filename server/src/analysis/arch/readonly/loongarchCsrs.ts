// LoongArch's control and status registers that an oops prints (arch/loongarch/kernel/traps.c
// show_regs: ` CRMD: 000000b0 (PLV0 -IE -DA +PG DACF=CC DACM=CC -WE)`, ` PRMD:`, ` EUEN:`, ` ECFG:`,
// `ESTAT: 00010000 [PIL] (IS= ECode=1 EsubCode=0)`; crash's `CSR crmd :` …): status bits, no addresses.
// Fields from the LoongArch reference manual, volume 1, §7.4 (arch/loongarch/include/asm/loongarch.h).
import type { StatusRegister } from '../types';

const bit = (value: bigint, n: number) => ((value >> BigInt(n)) & 1n) === 1n;
const field = (value: bigint, shift: number, width: number) => Number((value >> BigInt(shift)) & ((1n << BigInt(width)) - 1n));
const on = (value: bigint, n: number, name: string) => `${bit(value, n) ? '+' : '-'}${name}`;
const holdsValue = (value: bigint) => value < 1n << 32n;

const PLV = (level: number) => `PLV${level}${level === 0 ? ' (kernel)' : level === 3 ? ' (user)' : ''}`;
/** Memory access types of the direct address translation mode. */
const ACCESS = ['SUC (strongly-ordered uncached)', 'CC (coherent cached)', 'WUC (weakly-ordered uncached)', 'reserved'];

export const CRMD: StatusRegister = {
  title: 'CRMD (current mode)',
  holdsValue,
  fields: (value) => [
    `privilege ${PLV(field(value, 0, 2))}`,
    `${on(value, 2, 'IE')} (interrupts ${bit(value, 2) ? 'enabled' : 'disabled'})`,
    `${on(value, 3, 'DA')} ${on(value, 4, 'PG')} (${bit(value, 4) ? 'mapped address translation' : 'direct addressing'})`,
    `DACF=${ACCESS[field(value, 5, 2)]}, DACM=${ACCESS[field(value, 7, 2)]}`,
    `${on(value, 9, 'WE')} (watchpoints ${bit(value, 9) ? 'enabled' : 'disabled'})`,
  ],
};

export const PRMD: StatusRegister = {
  title: 'PRMD (mode before the exception)',
  holdsValue,
  fields: (value) => [
    `interrupted at ${PLV(field(value, 0, 2))}`,
    `${on(value, 2, 'PIE')} (interrupts were ${bit(value, 2) ? 'enabled' : 'disabled'})`,
    `${on(value, 3, 'PWE')} (watchpoints were ${bit(value, 3) ? 'enabled' : 'disabled'})`,
  ],
};

export const EUEN: StatusRegister = {
  title: 'EUEN (extended units enabled)',
  holdsValue,
  fields: (value) => [
    `${on(value, 0, 'FPE')} floating point`,
    `${on(value, 1, 'SXE')} LSX (128-bit vectors)`,
    `${on(value, 2, 'ASXE')} LASX (256-bit vectors)`,
    `${on(value, 3, 'BTE')} binary translation`,
  ],
};

/** Ecode's exceptions, by number (the manual's names, which the oops prints in brackets). */
const EXCEPTIONS: readonly string[] = [
  'INT: interrupt',
  'PIL: page invalid on a load',
  'PIS: page invalid on a store',
  'PIF: page invalid on an instruction fetch',
  'PME: page modification (a store to a clean page)',
  'PNR: page not readable',
  'PNX: page not executable',
  'PPI: page privilege illegal',
  'ADE: address error',
  'ALE: address alignment',
  'BCE: bound check',
  'SYS: system call',
  'BRK: breakpoint',
  'INE: instruction not defined',
  'IPE: instruction privilege error',
  'FPD: floating point disabled',
  'SXD: LSX disabled',
  'ASXD: LASX disabled',
  'FPE: floating point error',
  'WPE: watchpoint',
  'BTD: binary translation disabled',
  'BTE: binary translation error',
  'GSPR: guest sensitive privileged resource',
  'HVC: hypervisor call',
  'GCM: guest CSR modified',
];

/** IS: pending interrupts, by bit. */
const INTERRUPTS = ['SWI0', 'SWI1', 'HWI0', 'HWI1', 'HWI2', 'HWI3', 'HWI4', 'HWI5', 'HWI6', 'HWI7', 'PMI', 'TI (timer)', 'IPI'];

export const ESTAT: StatusRegister = {
  title: 'ESTAT (exception status)',
  holdsValue,
  fields: (value) => {
    const code = field(value, 16, 6);
    const sub = field(value, 22, 9);
    const pending = INTERRUPTS.filter((_, i) => bit(value, i));
    const subcode =
      code === 8
        ? ` (${sub === 0 ? 'ADEF: on an instruction fetch' : sub === 1 ? 'ADEM: on a memory access' : `EsubCode ${sub}`})`
        : sub
          ? ` (EsubCode ${sub})`
          : '';
    return [
      `ECode ${code}: ${EXCEPTIONS[code] ?? 'none the manual names'}${subcode}`,
      `interrupts pending: ${pending.length > 0 ? pending.join(', ') : 'none'}`,
    ];
  },
};
