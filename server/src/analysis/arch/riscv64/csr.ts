// riscv64's supervisor status and trap-cause registers as the console and crash print them
// (`status: 0000000200000120 badaddr: … cause: 8000000000000009`, crash's `CAUSE:`): status bits
// and a trap's cause, not addresses (The RISC-V Instruction Set Manual, Volume II: `sstatus`,
// `scause`; arch/riscv/include/asm/csr.h names them SR_* and EXC_* / IRQ_S_*).
import type { StatusRegister } from '../types';

const on = (value: bigint, bit: number) => ((value >> BigInt(bit)) & 1n) === 1n;
const field = (value: bigint, from: number, bits: number) => Number((value >> BigInt(from)) & ((1n << BigInt(bits)) - 1n));

/** sstatus.FS / VS / XS: the state of a unit's registers. */
const UNIT_STATES = ['off', 'initial', 'clean', 'dirty'];
/** sstatus.UXL: user mode's XLEN. */
const XLEN = ['invalid', '32-bit', '64-bit', '128-bit'];

function statusFields(value: bigint): string[] {
  const result = [
    on(value, 8) ? 'trap taken from supervisor mode (SPP=1)' : 'trap taken from user mode (SPP=0)',
    `interrupts ${on(value, 1) ? 'enabled' : 'disabled'} (SIE)`,
    `interrupts were ${on(value, 5) ? 'enabled' : 'disabled'} before the trap (SPIE)`,
    `floating-point registers ${UNIT_STATES[field(value, 13, 2)]} (FS)`,
    `user memory ${on(value, 18) ? 'accessible' : 'not accessible'} from supervisor mode (SUM)`,
  ];
  if (field(value, 9, 2) !== 0) result.push(`vector registers ${UNIT_STATES[field(value, 9, 2)]} (VS)`);
  if (on(value, 19)) result.push('loads from execute-only pages allowed (MXR)');
  result.push(`user mode ${XLEN[field(value, 32, 2)]} (UXL)`);
  return result;
}

/** scause with its interrupt bit clear: the exception. */
const EXCEPTIONS: Record<number, string> = {
  0: 'instruction address misaligned',
  1: 'instruction access fault',
  2: 'illegal instruction',
  3: 'breakpoint (ebreak: BUG()/WARN())',
  4: 'load address misaligned',
  5: 'load access fault',
  6: 'store/AMO address misaligned',
  7: 'store/AMO access fault',
  8: 'environment call from user mode (a system call)',
  9: 'environment call from supervisor mode',
  12: 'instruction page fault',
  13: 'load page fault',
  15: 'store/AMO page fault',
  18: 'software check',
  19: 'hardware error',
};
/** scause with its interrupt bit set: the interrupt. */
const INTERRUPTS: Record<number, string> = {
  1: 'supervisor software interrupt (an IPI)',
  5: 'supervisor timer interrupt',
  9: 'supervisor external interrupt (a device, through the PLIC/APLIC)',
  13: 'counter-overflow interrupt',
};

function causeFields(value: bigint): string[] {
  const interrupt = on(value, 63);
  const code = Number(value & 0x7fffffffffffffffn);
  const name = (interrupt ? INTERRUPTS : EXCEPTIONS)[code];
  return [`${interrupt ? 'interrupt' : 'exception'} ${code}: ${name ?? 'reserved or platform-specific'}`];
}

export const SSTATUS: StatusRegister = { title: 'sstatus', fields: statusFields };
export const SCAUSE: StatusRegister = { title: 'scause', holds: "a trap's cause", fields: causeFields };
