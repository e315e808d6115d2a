// ORIG_RAX (pt_regs' orig_ax): not an address nor an error number but the entry's own word
// (arch/x86/include/asm/ptrace.h): the system call's number on a system call's entry, an exception's
// error code, the interrupt vector's complement for an interrupt, −1 when there is none of them.
// A 32-bit task's entry (its code segment __USER32_CS) numbers its system calls from the 32-bit table,
// as i386's ORIG_EAX does.
import type { Register } from '../../types';
import type { StatusRegister } from '../types';
import { i386SyscallName } from './i386Syscalls';
import { x86_64SyscallName } from './syscalls';

/** First vector of the APIC's own (the local timer, IPIs, spurious, error: arch/x86/include/asm/irq_vectors.h). */
const FIRST_SYSTEM_VECTOR = 0xec;
/** __USER32_CS (arch/x86/include/asm/segment.h): a 32-bit task's code segment on x86_64. */
const USER32_CS = 0x23;

/** What a page fault's error code says, in the kernel's own words (arch/x86/mm/fault.c, show_fault_oops). */
function pageFaultCode(code: number): string | undefined {
  // X86_PF_PROT, WRITE, USER, RSVD, INSTR, PK, SHSTK, SGX: any other bit is no page fault's.
  if ((code & ~0x807f) !== 0) return undefined;
  const access = code & 0x10 ? 'instruction fetch' : code & 2 ? 'write access' : 'read access';
  const cause = !(code & 1)
    ? 'not-present page'
    : code & 8
      ? 'reserved bit violation'
      : code & 0x20
        ? 'protection keys violation'
        : 'permissions violation';
  return `as a page fault's (#PF): ${code & 4 ? 'user' : 'supervisor'} ${access}, ${cause}`;
}

/**
 * The readings of a value. `entry`: the context entered the kernel from user space (a system call's
 * number or an exception's code), from the kernel itself (no system call), or either (unknown).
 */
function reader(
  bits: 32 | 64,
  syscallName: (n: number) => string | undefined,
  table: string,
  entry: 'user' | 'kernel' | 'either',
): (value: bigint) => string[] {
  const allOnes = (1n << BigInt(bits)) - 1n;
  return (value) => {
    if (value === allOnes) return ['−1: no system call and no error code (an exception without one, an NMI)'];
    const complement = allOnes ^ value;
    if (complement < 0x100n) {
      const vector = Number(complement);
      const what = vector >= FIRST_SYSTEM_VECTOR ? "one of the APIC's own: the local timer, an IPI" : 'a device interrupt';
      return [`interrupt vector 0x${vector.toString(16)}, stored as its complement (${what})`];
    }
    const readings: string[] = [];
    if (entry !== 'kernel') {
      const name = value < 1024n ? syscallName(Number(value)) : undefined;
      readings.push(`on a ${table}system call's entry: system call ${value}${name === undefined ? '' : ` (${name})`}`);
    }
    readings.push(`on an exception's: its error code 0x${value.toString(16)}`);
    const pageFault = value < 0x10000n ? pageFaultCode(Number(value)) : undefined;
    if (pageFault && entry === 'kernel') readings.push(pageFault);
    return readings;
  };
}

/**
 * System call numbers and error codes are small, a vector's complement all ones above it: a kernel
 * address there is no entry's word but one of a frame read at the wrong slot (crash's "possibly
 * bogus exception frame"), better hovered as the address it is.
 */
function holds(bits: 32 | 64): (value: bigint) => boolean {
  const allOnes = (1n << BigInt(bits)) - 1n;
  // Below user space's top on x86_64 (2^47), below any kernel address on i386 (c0000000).
  const below = bits === 64 ? 1n << 47n : 0xc0000000n;
  return (value) => value < below || (allOnes ^ value) < 0x100n;
}

/**
 * The code segment selector of the context a register block's line belongs to (`CS: 0010` on crash's
 * ORIG_RAX line, the console's `RIP: 0023:0xf7421509` above it), if it shows one: the one on the line,
 * else the nearest before it.
 */
function codeSegment(block: readonly Register[], line: number): number | undefined {
  let found: number | undefined;
  for (const r of block) {
    if (r.line > line) break;
    if (r.name === 'CS' && r.value !== undefined && r.value < 0x10000n) found = Number(r.value);
    else if ((r.name === 'RIP' || r.name === 'EIP') && r.selector !== undefined) found = r.selector;
  }
  return found;
}

function variant(title: string, bits: 32 | 64, syscallName: (n: number) => string | undefined, table: string) {
  const make = (entry: 'user' | 'kernel' | 'either'): StatusRegister => ({
    title,
    holds: "the entry's own word",
    fields: reader(bits, syscallName, table, entry),
    holdsValue: holds(bits),
  });
  return { either: make('either'), user: make('user'), kernel: make('kernel') };
}

const NATIVE = variant('ORIG_RAX', 64, x86_64SyscallName, '');
const COMPAT = variant('ORIG_RAX', 64, i386SyscallName, '32-bit ');

/**
 * x86_64's ORIG_RAX as its block says: a kernel-mode context (CS ring 0) made no system call, and its
 * page fault's code is read; a 32-bit task's (__USER32_CS) numbers them from the 32-bit table.
 */
export const ORIG_AX: StatusRegister = {
  ...NATIVE.either,
  inBlock(block, line) {
    const cs = codeSegment(block, line);
    if (cs === undefined) return NATIVE.either;
    if ((cs & 3) === 0) return NATIVE.kernel;
    return cs === USER32_CS ? COMPAT.user : NATIVE.user;
  },
};

const I386 = variant('ORIG_EAX', 32, i386SyscallName, '');

/** i386's ORIG_EAX: the same word, 32 bits wide, system calls from the 32-bit table. */
export const ORIG_EAX: StatusRegister = {
  ...I386.either,
  inBlock(block, line) {
    const cs = codeSegment(block, line);
    return cs === undefined ? I386.either : (cs & 3) === 0 ? I386.kernel : I386.user;
  },
};
