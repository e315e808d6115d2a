// crash's `SYSCALLNO:` of a user context's exception frame on the generic system call table:
// arm64's pt_regs.syscallno (32 bits wide; NO_SYSCALL, −1, when the context entered by an exception
// or an interrupt: arch/arm64/include/asm/ptrace.h), riscv64's a7. A number, not an address nor an
// error code, named from the table.
import { genericSyscallName } from './asmGenericSyscalls';
import type { StatusRegister } from './types';

function fields(value: bigint): string[] {
  const number = BigInt.asIntN(32, value);
  if (number === -1n) return ['−1 (NO_SYSCALL): not in a system call (an exception or interrupt entry)'];
  const name = number >= 0n && number < 1024n ? genericSyscallName(Number(number)) : undefined;
  return [`system call ${number}${name === undefined ? '' : ` (${name})`}`];
}

export const SYSCALL_NO: StatusRegister = { title: 'syscallno', holds: 'the system call number of the entry', fields };
