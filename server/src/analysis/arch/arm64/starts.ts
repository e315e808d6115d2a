// arm64 walks start at x29 (with pc and sp beside it when the block has them).
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import type { Register } from '../../types';
import { findRegister, KERNEL_HALF, pcOf } from '../../unwind/code';
import type { UnwindStart } from '../../unwind/types';

export function registerStart(model: Model, block: Register[]): { register: Register; start: UnwindStart }[] {
  const x29 = findRegister(block, 'x29', 'X29');
  if (x29?.value === undefined || x29.value < KERNEL_HALF) return [];
  const pc = pcOf(model, findRegister(block, 'pc', 'PC'));
  const sp = findRegister(block, 'sp', 'SP')?.value;
  const label = `x29 ${hex16(x29.value)}`;
  return [{ register: x29, start: { fp: x29.value, ...pc, sp, arch: 'arm64', line: x29.line, label } }];
}
