// ppc64 walks start at r1 (crash `R1:`, console `GPR01` in the `GPR00:` row) with NIP and LR beside it.
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import type { Register } from '../../types';
import { findRegister, pcOf } from '../../unwind/code';
import type { UnwindStart } from '../../unwind/types';

/** Kernel stacks are in the linear map at 0xc000… (book3s64 has no VMAP_STACK); a user r1 starts no kernel walk. */
export function kernelStack(sp: bigint): boolean {
  return sp >= 0xc000000000000000n;
}

export function registerStart(model: Model, block: Register[]): { register: Register; start: UnwindStart; alsoOn?: number[] }[] {
  const r1 = findRegister(block, 'R1', 'GPR1');
  if (r1?.value === undefined || !kernelStack(r1.value)) return [];
  const nip = findRegister(block, 'NIP');
  const pc = pcOf(model, nip);
  const lr = findRegister(block, 'LR', 'LINK')?.value;
  const label = `r1 ${hex16(r1.value)}`;
  const start: UnwindStart = { sp: r1.value, ...pc, lr, arch: 'ppc64', line: r1.line, label };
  // The console prints NIP a dozen lines above the `GPR00:` row that holds r1: the lens goes on both.
  return [{ register: r1, start, alsoOn: nip && nip.line !== r1.line ? [nip.line] : undefined }];
}
