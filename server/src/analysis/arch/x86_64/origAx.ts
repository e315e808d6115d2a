// ORIG_RAX (pt_regs' orig_ax): not an address nor an error number but the entry's own word
// (arch/x86/include/asm/ptrace.h): the system call's number on a system call's entry, an exception's
// error code, the interrupt vector's complement for an interrupt, −1 when there is none of them.
import type { StatusRegister } from '../types';
import { x86_64SyscallName } from './syscalls';

const ALL_ONES = (1n << 64n) - 1n;
/** First vector of the APIC's own (the local timer, IPIs, spurious, error: arch/x86/include/asm/irq_vectors.h). */
const FIRST_SYSTEM_VECTOR = 0xec;

function reading(value: bigint): string[] {
  if (value === ALL_ONES) return ['−1: no system call and no error code (an exception without one, an NMI)'];
  const complement = ALL_ONES ^ value;
  if (complement < 0x100n) {
    const vector = Number(complement);
    const what = vector >= FIRST_SYSTEM_VECTOR ? "one of the APIC's own: the local timer, an IPI" : 'a device interrupt';
    return [`interrupt vector 0x${vector.toString(16)}, stored as its complement (${what})`];
  }
  const name = value < 1024n ? x86_64SyscallName(Number(value)) : undefined;
  return [
    `on a system call's entry: system call ${value}${name === undefined ? '' : ` (${name})`}`,
    `on an exception's: its error code 0x${value.toString(16)}`,
  ];
}

/**
 * System call numbers and error codes are small, a vector's complement all ones above it: a kernel
 * address there is no entry's word but one of a frame read at the wrong slot (crash's "possibly
 * bogus exception frame"), better hovered as the address it is.
 */
function holdsValue(value: bigint): boolean {
  return value < 1n << 47n || (ALL_ONES ^ value) < 0x100n;
}

export const ORIG_AX: StatusRegister = { title: 'ORIG_RAX', holds: "the entry's own word", fields: reading, holdsValue };
