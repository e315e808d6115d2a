// s390x walks start at r15 with the PSW address as frame 0's pc (console `Krnl PSW :` /
// `Krnl GPRS:`, crash bt's `PSW:` / `GPRS:` blocks of kernel-mode exception frames).
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import type { Register } from '../../types';
import { findRegister, pcOf } from '../../unwind/code';
import type { UnwindStart } from '../../unwind/types';
import { PSW_MASK_PSTATE } from './ptRegs';

/** Below 1 MiB lie lowcore and the kernel's first page tables, never a stack. */
const LOWEST_STACK = 0x100000n;

/**
 * User and kernel address spaces share numbers: the PSW's problem-state bit says whose r15 it is,
 * and a kernel r15 is 8-byte aligned above lowcore.
 */
export function kernelStack(sp: bigint, block: readonly Register[]): boolean {
  const mask = findRegister(block, 'PSW.mask')?.value;
  if (mask !== undefined && (mask & PSW_MASK_PSTATE) !== 0n) return false;
  return sp >= LOWEST_STACK && (sp & 7n) === 0n;
}

export function registerStart(model: Model, block: Register[]): { register: Register; start: UnwindStart; alsoOn?: number[] }[] {
  const r15 = findRegister(block, 'r15');
  const psw = findRegister(block, 'PSW.addr');
  if (r15?.value === undefined || !kernelStack(r15.value, block)) return [];
  const label = `r15 ${hex16(r15.value)}`;
  const start: UnwindStart = { fp: r15.value, sp: r15.value, ...pcOf(model, psw), arch: 's390x', line: r15.line, label };
  // The PSW line names the function; the r15 value ends the GPRS row: the lens goes on both.
  return [{ register: r15, start, alsoOn: psw && psw.line !== r15.line ? [psw.line] : undefined }];
}
