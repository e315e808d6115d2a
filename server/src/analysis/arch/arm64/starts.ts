// arm64 walks start at x29 (with pc and sp beside it when the block has them).
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import type { Register } from '../../types';
import { findRegister, pcOf } from '../../unwind/code';
import type { UnwindStart } from '../../unwind/types';

/** The kernel half: from fff0000000000000 with 52-bit VA, ffff000000000000 with 48, ffffff8000000000 with 39 (Documentation/arch/arm64/memory.rst). */
export function kernelStack(sp: bigint): boolean {
  return sp >= 0xfff0000000000000n;
}

export function registerStart(model: Model, block: Register[]): { register: Register; start: UnwindStart }[] {
  const x29 = findRegister(block, 'x29', 'X29');
  if (x29?.value === undefined || !kernelStack(x29.value)) return [];
  const pc = pcOf(model, findRegister(block, 'pc', 'PC'));
  const sp = findRegister(block, 'sp', 'SP')?.value;
  const label = `x29 ${hex16(x29.value)}`;
  return [{ register: x29, start: { fp: x29.value, ...pc, sp, arch: 'arm64', line: x29.line, label } }];
}
