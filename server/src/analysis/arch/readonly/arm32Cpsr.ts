// 32-bit arm's CPSR (`psr: a0000013`, crash's `PSR:`): the program status, status bits, not an
// address (Arm ARM B1.3.3; arch/arm/include/uapi/asm/ptrace.h). The oops spells the same out on
// its `Flags: NzCv  IRQs on  FIQs on  Mode SVC_32  ISA ARM` line; its mode says whose context it is.
import type { StatusRegister } from '../types';

/** M[4:0] (arch/arm/include/uapi/asm/ptrace.h *_MODE). */
const MODES: Record<number, string> = {
  0x10: 'USR_32: user mode',
  0x11: 'FIQ_32: fast interrupt',
  0x12: 'IRQ_32: interrupt',
  0x13: 'SVC_32: kernel mode (supervisor)',
  0x16: 'MON_32: secure monitor',
  0x17: 'ABT_32: abort',
  0x1a: 'HYP_32: hypervisor',
  0x1b: 'UND_32: undefined instruction',
  0x1f: 'SYS_32: system',
};

const bit = (value: bigint, n: number) => ((value >> BigInt(n)) & 1n) === 1n;

function fields(value: bigint): string[] {
  const flags = ['N', 'Z', 'C', 'V'].map((f, i) => (bit(value, 31 - i) ? f : f.toLowerCase())).join('');
  const mode = Number(value & 0x1fn);
  const isa = bit(value, 5) ? (bit(value, 24) ? 'ThumbEE' : 'Thumb') : bit(value, 24) ? 'Jazelle' : 'ARM';
  return [
    MODES[mode] ?? `mode 0x${mode.toString(16)} (none Linux uses)`,
    `condition flags ${flags}`,
    `IRQs ${bit(value, 7) ? 'off' : 'on'}, FIQs ${bit(value, 6) ? 'off' : 'on'}`,
    `ISA ${isa}`,
    ...(bit(value, 9) ? ['E: big-endian data'] : []),
  ];
}

/** Only the low 32 bits exist. */
const holdsValue = (value: bigint) => value < 1n << 32n;

export const CPSR: StatusRegister = { title: 'CPSR', fields, holdsValue };
