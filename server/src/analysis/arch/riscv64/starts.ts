// riscv64 walks start at s0 (the frame pointer) with epc, ra and sp beside it: console
// reports (`epc : … ra : … sp : …`), crash's `help -r`.
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import type { Register } from '../../types';
import { findRegister, pcOf } from '../../unwind/code';
import type { UnwindStart } from '../../unwind/types';
import { KERNEL_START } from './unwind';

/** The kernel half: from ff00000000000000 (Sv57), ffff800000000000 (Sv48), ffffffc000000000 (Sv39); vm-layout.rst. */
export function kernelStack(sp: bigint): boolean {
  return sp >= KERNEL_START;
}

export function registerStart(model: Model, block: Register[]): { register: Register; start: UnwindStart; alsoOn?: number[] }[] {
  const s0 = findRegister(block, 's0', 'fp');
  if (s0?.value === undefined || !kernelStack(s0.value)) return [];
  // The hex `epc :` line, else the symbolic one a console report prints first.
  const epc = block.find((r) => r.name === 'epc' && r.value !== undefined) ?? findRegister(block, 'epc');
  const ra = block.find((r) => r.name === 'ra' && r.value !== undefined);
  const sp = findRegister(block, 'sp')?.value;
  const label = `s0 ${hex16(s0.value)}`;
  const start: UnwindStart = { fp: s0.value, ...pcOf(model, epc), sp, lr: ra?.value, arch: 'riscv64', line: s0.line, label };
  // The lens goes on the `epc : … sp : …` line too, where a reader looks first, and on crash's
  // `bt -e` line above the block (`KERNEL-MODE EXCEPTION FRAME AT:`); `unwind --line` starts from any line of it.
  const lines = new Set<number>();
  const spLine = findRegister(block, 'sp')?.line;
  if (spLine !== undefined && spLine !== s0.line) lines.add(spLine);
  const header = block[0].line - 1;
  if (header >= 0 && EXCEPTION_FRAME_HEADER.test(model.line(header))) lines.add(header);
  return [{ register: s0, start, alsoOn: lines.size > 0 ? [...lines].sort((a, b) => a - b) : undefined }];
}

/** crash's `bt -e` line above an exception's registers. */
const EXCEPTION_FRAME_HEADER = /^\s*(?:KERNEL|USER)-MODE EXCEPTION FRAME AT: [0-9a-f]+\s*$/;
