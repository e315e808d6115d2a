// The PSW mask, the first word of an s390x PSW (`Krnl PSW : 0704c00180000000 000003ff7fd022c4`):
// status bits, not an address. Bit 0 is the most significant (z/Architecture Principles of
// Operation, "Program-Status Word"; arch/s390/include/asm/ptrace.h names them PSW_MASK_*).
import type { StatusRegister } from '../types';

const bit = (n: number, mask: bigint) => (mask >> BigInt(63 - n)) & 1n;
const field = (from: number, bits: number, mask: bigint) =>
  Number((mask >> BigInt(64 - from - bits)) & ((1n << BigInt(bits)) - 1n));

/** PSW bits 16–17, the address-space control. */
const ADDRESS_SPACES = ['primary-space mode', 'access-register mode', 'secondary-space mode', 'home-space mode'];

function fields(mask: bigint): string[] {
  const on = (n: number) => bit(n, mask) === 1n;
  const enabled = (what: string, n: number) => `${what} ${on(n) ? 'enabled' : 'disabled'}`;
  const addressing = on(31) ? (on(32) ? '64-bit' : 'invalid (EA without BA)') : on(32) ? '31-bit' : '24-bit';
  const result = [
    `DAT (address translation) ${on(5) ? 'on' : 'off'}`,
    enabled('I/O interrupts', 6),
    enabled('external interrupts', 7),
    enabled('machine checks', 13),
    `storage key ${field(8, 4, mask)}`,
    on(15) ? 'problem state (user mode)' : 'supervisor state (kernel mode)',
    ADDRESS_SPACES[field(16, 2, mask)],
    `condition code ${field(18, 2, mask)}`,
    `program mask 0x${field(20, 4, mask).toString(16)}`,
    `${addressing} addressing`,
  ];
  if (on(1)) result.push('PER (program-event recording) on');
  if (on(14)) result.push('wait state');
  if (on(24)) result.push('runtime instrumentation on');
  return result;
}

export const PSW_MASK: StatusRegister = { title: 'PSW mask', fields };

/** Whether a PSW mask is the problem state's (a user-mode context). */
export function isProblemState(mask: bigint): boolean {
  return bit(15, mask) === 1n;
}
