// pt_regs' syscallno (crash's `SYSCALLNO: ffffffff`, 32 bits wide): the system call a user
// context entered the kernel with, or NO_SYSCALL (−1, arch/arm64/include/asm/ptrace.h) when it
// entered by an exception or an interrupt. A number, not an address nor an error code.
import type { StatusRegister } from '../types';

function fields(value: bigint): string[] {
  const number = BigInt.asIntN(32, value);
  return number === -1n ? ['−1 (NO_SYSCALL): not in a system call (an exception or interrupt entry)'] : [`system call ${number}`];
}

export const SYSCALL_NO: StatusRegister = { title: 'syscallno', holds: 'the system call number of the entry', fields };
