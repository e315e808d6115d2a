// s390x walks start at r15 with the PSW address as frame 0's pc (console `Krnl PSW :` /
// `Krnl GPRS:`, crash bt's `PSW:` / `GPRS:` blocks of kernel-mode exception frames).
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import type { Register } from '../../types';
import { findRegister, pcOf } from '../../unwind/code';
import type { UnwindStart } from '../../unwind/types';
import { PSW_MASK_PSTATE } from './ptRegs';

export function registerStart(model: Model, block: Register[]): { register: Register; start: UnwindStart; alsoOn?: number[] }[] {
  const r15 = findRegister(block, 'r15');
  const mask = findRegister(block, 'PSW.mask')?.value;
  const psw = findRegister(block, 'PSW.addr');
  // A user-mode PSW (problem state): its r15 is a user stack pointer.
  if (r15?.value === undefined || r15.value === 0n || (r15.value & 7n) !== 0n) return [];
  if (mask !== undefined && (mask & PSW_MASK_PSTATE) !== 0n) return [];
  const label = `r15 ${hex16(r15.value)}`;
  const start: UnwindStart = { fp: r15.value, sp: r15.value, ...pcOf(model, psw), arch: 's390x', line: r15.line, label };
  // The PSW line names the function; the r15 value ends the GPRS row: the lens goes on both.
  return [{ register: r15, start, alsoOn: psw && psw.line !== r15.line ? [psw.line] : undefined }];
}
