// ESR_ELx, the exception syndrome (Arm ARM D17.2.37; arch/arm64/include/asm/esr.h): why an
// exception was taken. arm64's oops prints it as its error code (`Internal error: Oops:
// 0000000096000046 [#1]`, `Oops - BUG: 00000000f2000800`) and in its abort decoding (`ESR =
// 0x…`), unhandled exceptions after `ESR` or `code`. Status bits, not an address: the class (EC,
// bits 31:26), the instruction length (IL) and the class's syndrome (ISS), decoded for aborts
// (fault status, read or write) and BRK (the immediate says which kernel check trapped).
import type { StatusRegister } from '../types';

/** Exception classes, the kernel's names for them (esr_class_str) and what they mean. */
const CLASSES: Record<number, string> = {
  0x00: 'Unknown/Uncategorized: an undefined instruction',
  0x01: 'WFI/WFE trapped',
  0x07: 'ASIMD: a floating-point or SIMD access trapped',
  0x09: 'PAC: a pointer-authentication instruction trapped',
  0x0d: 'BTI: a branch to an instruction that is no branch target',
  0x0e: 'PSTATE.IL: an illegal execution state',
  0x11: 'SVC (AArch32): a 32-bit task’s system call',
  0x15: 'SVC (AArch64): a system call',
  0x16: 'HVC (AArch64): a hypervisor call',
  0x17: 'SMC (AArch64): a secure monitor call',
  0x18: 'MSR/MRS (AArch64): a system register access or system instruction trapped',
  0x19: 'SVE: an SVE access trapped',
  0x1c: 'FPAC: a pointer-authentication failure (a corrupted or forged signed pointer)',
  0x1d: 'SME: an SME access trapped',
  0x20: 'IABT (lower EL): an instruction abort in user space',
  0x21: 'IABT (current EL): an instruction abort in the kernel (executing at an address that faults)',
  0x22: 'PC Alignment: a misaligned program counter',
  0x24: 'DABT (lower EL): a data abort in user space',
  0x25: 'DABT (current EL): a data abort in the kernel (a load or store that faulted)',
  0x26: 'SP Alignment: a misaligned stack pointer',
  0x28: 'FP (AArch32): a floating-point exception',
  0x2c: 'FP (AArch64): a floating-point exception',
  0x2f: 'SError: an asynchronous external abort (a hardware or firmware error)',
  0x30: 'Breakpoint (lower EL)',
  0x31: 'Breakpoint (current EL)',
  0x32: 'Software Step (lower EL)',
  0x33: 'Software Step (current EL)',
  0x34: 'Watchpoint (lower EL)',
  0x35: 'Watchpoint (current EL)',
  0x3c: 'BRK (AArch64): a BRK instruction',
};

const LEVELED: Record<number, string> = {
  0x00: 'address size fault',
  0x04: 'translation fault',
  0x08: 'access flag fault',
  0x0c: 'permission fault',
};
const FAULTS: Record<number, string> = {
  0x10: 'synchronous external abort',
  0x11: 'synchronous tag check fault (MTE: the pointer’s tag is not the memory’s)',
  0x18: 'synchronous parity or ECC error',
  0x21: 'alignment fault',
  0x30: 'TLB conflict abort',
  0x31: 'unsupported atomic hardware update fault',
};

/** The data or instruction fault status code (DFSC/IFSC, ISS bits 5:0). */
function faultStatus(code: number): string {
  if (code < 0x10) return `${LEVELED[code & 0x3c]}, level ${code & 3}`;
  if (code >= 0x14 && code <= 0x17) return `synchronous external abort on a translation table walk, level ${code & 3}`;
  if (code >= 0x1c && code <= 0x1f) return `synchronous parity or ECC error on a translation table walk, level ${code & 3}`;
  // FEAT_LPA2's level −1 (52-bit VAs with 4K pages).
  if (code === 0x29) return 'address size fault, level −1';
  if (code === 0x2b) return 'translation fault, level −1';
  if (code === 0x13) return 'synchronous external abort on a translation table walk, level −1';
  if (code === 0x1b) return 'synchronous parity or ECC error on a translation table walk, level −1';
  return FAULTS[code] ?? 'a fault status the kernel does not name';
}

const ACCESS_SIZES = ['byte', 'halfword', 'word', 'doubleword'];
const bit = (iss: number, n: number) => ((iss >>> n) & 1) === 1;

function abortFields(ec: number, iss: number): string[] {
  const data = ec === 0x24 || ec === 0x25;
  const result = [`${data ? 'DFSC' : 'IFSC'} 0x${(iss & 0x3f).toString(16).padStart(2, '0')}: ${faultStatus(iss & 0x3f)}`];
  if (data) {
    result.push(bit(iss, 6) ? 'WnR: a write' : 'WnR clear: a read');
    if (bit(iss, 8)) result.push('CM: a cache maintenance instruction');
    if (bit(iss, 24)) result.push(`ISV: a ${ACCESS_SIZES[(iss >>> 22) & 3]} access with register x${(iss >>> 16) & 0x1f}`);
  }
  if (bit(iss, 7)) result.push('S1PTW: on the stage 1 translation table walk');
  if (bit(iss, 9)) result.push('EA: an external abort');
  return result;
}

/** BRK immediates the kernel plants (arch/arm64/include/asm/brk-imm.h) and the check each stands for. */
function brkComment(imm: number): string {
  if (imm === 0x800) return 'BUG_BRK_IMM: a BUG() (a WARN() that returns is no oops)';
  if ((imm & ~0xff) === 0x900) return 'KASAN_BRK_IMM: a tag-based KASAN check failed';
  if ((imm & ~0xff) === 0x5500) return `UBSAN_BRK_IMM: an undefined-behaviour check trapped (check ${imm & 0xff})`;
  if ((imm & ~0x3ff) === 0x8000) return `CFI_BRK_IMM: a control-flow integrity check failed (target in x${imm & 0x1f})`;
  if (imm === 0x100) return 'FAULT_BRK_IMM: a fault on purpose';
  if (imm === 0x004 || imm === 0x006) return 'a kprobe';
  if (imm === 0x005) return 'a uprobe';
  if (imm === 0x400 || imm === 0x401) return 'a kgdb breakpoint';
  return 'an immediate the kernel does not plant';
}

function fields(value: bigint): string[] {
  const esr = Number(value & 0xffffffffn);
  const ec = esr >>> 26;
  const iss = esr & 0x1ffffff;
  const result = [
    `EC 0x${ec.toString(16).padStart(2, '0')}: ${CLASSES[ec] ?? 'a class the kernel does not name'}`,
    `IL: ${bit(esr, 25) ? '32-bit' : '16-bit'} instruction`,
  ];
  if (ec === 0x20 || ec === 0x21 || ec === 0x24 || ec === 0x25) result.push(...abortFields(ec, iss));
  else if (ec === 0x3c) result.push(`comment 0x${(iss & 0xffff).toString(16)}: ${brkComment(iss & 0xffff)}`);
  else result.push(`ISS 0x${iss.toString(16)}`);
  return result;
}

export const ESR: StatusRegister = {
  title: 'ESR',
  holds: 'the exception syndrome (why the exception was taken)',
  fields,
  // Bits 63:56 are RES0 (ISS2 reaches bit 55).
  holdsValue: (value) => value < 1n << 56n,
};

/**
 * What arm64 prints an ESR after: the abort decoding's `ESR = `, an unhandled exception's `ESR `
 * (`… sync exception on CPU0, ESR 0x… -- DABT`), an SError's or bad mode's `code `, and the error
 * code of the oops line (`Internal error: Oops - BUG: `), which on arm64 is the ESR.
 */
const ESR_LEAD =
  /(?:\bESR(?:_EL[12])?(?: *[=:] *| )|\bInternal error: [^:\n]*: |\b(?:SError Interrupt|Bad mode)\b.*\bcode )(?:0x)?$/;

/** The ESR whose value starts at `column` of `lineText`, if the line prints one there. */
export function esrOnLine(lineText: string, column: number): StatusRegister | undefined {
  return ESR_LEAD.test(lineText.slice(Math.max(0, column - 160), column)) ? ESR : undefined;
}
