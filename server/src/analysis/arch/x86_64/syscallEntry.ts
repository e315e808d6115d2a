// Register blocks of user mode and of the `syscall` instruction's entry. A block saved on entry
// from user mode has a code or stack selector of privilege 3 (`CS: 0033`, `RIP: 0033:0x…`, `SS:
// 002b`). `syscall` itself keeps the user RIP in RCX and RFLAGS in R11 (Intel SDM, SYSCALL), and
// entry_SYSCALL_64 saves RIP from RCX: a user block whose RCX equals its RIP entered by it, with the
// arguments in RDI, RSI, RDX, R10, R8, R9 (arch/x86/entry/entry_64.S) and RAX preset to −ENOSYS
// until the call returns, its number in ORIG_RAX.
import type { Register } from '../../types';

/** A selector's requested privilege level is 3: user mode. */
function userSelector(value: number | bigint | undefined): boolean {
  return value !== undefined && (BigInt(value) & 3n) === 3n;
}

export function userModeBlock(block: readonly Register[]): boolean {
  for (const r of block) {
    if ((r.name === 'RIP' || r.name === 'RSP') && r.selector !== undefined) return userSelector(r.selector);
    if (r.name === 'CS' || r.name === 'SS') return userSelector(r.value);
  }
  return false;
}

export function syscallEntry(block: readonly Register[]): boolean {
  if (!userModeBlock(block)) return false;
  const rip = block.find((r) => r.name === 'RIP')?.value;
  return rip !== undefined && block.find((r) => r.name === 'RCX')?.value === rip;
}

const ARGUMENTS = ['RDI', 'RSI', 'RDX', 'R10', 'R8', 'R9'];

export const SYSCALL_ROLES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(ARGUMENTS.map((name, i) => [name, `argument ${i + 1} of the system call`])),
  RCX: 'the user return address: `syscall` keeps RIP in RCX',
  R11: 'the user RFLAGS: `syscall` keeps them in R11',
  RAX: 'the return value of the system call, −ENOSYS until it returns (ORIG_RAX holds its number)',
};
