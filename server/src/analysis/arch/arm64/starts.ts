// arm64 walks start at x29 (with pc and sp beside it when the block has them); where x29 is
// missing or is no frame record on sp's stack, at sp, from the first frame record at or above it
// (./unwind finds it in the dumped stack).
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import type { Register } from '../../types';
import { findRegister, pcOf } from '../../unwind/code';
import type { UnwindStart } from '../../unwind/types';

/** The kernel half: from fff0000000000000 with 52-bit VA, ffff000000000000 with 48, ffffff8000000000 with 39 (Documentation/arch/arm64/memory.rst). */
export function kernelStack(sp: bigint): boolean {
  return sp >= 0xfff0000000000000n;
}

export function registerStart(model: Model, block: Register[]): { register: Register; start: UnwindStart; alsoOn?: number[] }[] {
  const x29 = findRegister(block, 'x29', 'X29');
  const sp = findRegister(block, 'sp', 'SP');
  const pcRegister = findRegister(block, 'pc', 'PC');
  const pc = pcOf(model, pcRegister);
  const lrRegister = block.find((r) => (r.name === 'lr' || r.name === 'LR') && r.value !== undefined);
  const unusable = x29Unusable(x29, sp?.value);
  if (x29?.value !== undefined && !unusable) {
    const label = `x29 ${hex16(x29.value)}`;
    const start: UnwindStart = {
      fp: x29.value,
      ...pc,
      sp: sp?.value,
      lr: lrRegister?.value,
      lrSymbol: lrRegister?.symbol,
      arch: 'arm64',
      line: x29.line,
      label,
    };
    // crash's exception frame prints PC and LR on lines of their own above: they start the same walk.
    const alsoOn = [pcRegister?.line, lrRegister?.line].filter((l): l is number => l !== undefined && l !== x29.line);
    return [{ register: x29, start, ...(alsoOn.length > 0 ? { alsoOn: [...new Set(alsoOn)] } : {}) }];
  }
  if (sp?.value === undefined || !kernelStack(sp.value)) return [];
  const label = `sp ${hex16(sp.value)}`;
  return [{ register: sp, start: { sp: sp.value, ...pc, arch: 'arm64', line: sp.line, label, choice: unusable } }];
}

/**
 * Why x29 cannot start a walk: missing, or no frame record (one lies in the kernel's stacks,
 * 16-byte aligned, and never below sp). Undefined when it can.
 */
function x29Unusable(x29: Register | undefined, sp: bigint | undefined): string | undefined {
  if (x29?.value === undefined) return 'the registers hold no x29: the walk starts from the frame records at or above sp';
  const fp = x29.value;
  const why = (reason: string) => `x29 ${hex16(fp)} ${reason}: the walk starts from the frame records at or above sp`;
  if (!kernelStack(fp)) return why('is not a kernel stack address');
  if ((fp & 0xfn) !== 0n) return why('is not 16-byte aligned');
  if (sp !== undefined && kernelStack(sp) && fp < sp) return why(`is below sp ${hex16(sp)}`);
  return undefined;
}
