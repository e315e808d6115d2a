// x86_64 walks start at RSP (with RIP and RBP) by frame sizes, or at RBP along the rbp chain.
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import type { Register } from '../../types';
import { findRegister, pcOf, stackOf } from '../../unwind/code';
import type { UnwindStart } from '../../unwind/types';

/** The kernel half: from ffff800000000000 with 4-level paging, ff00000000000000 with 5-level (Documentation/arch/x86/x86_64/mm.rst). */
export function kernelStack(sp: bigint): boolean {
  return sp >= 0xff00000000000000n;
}

export function registerStart(model: Model, block: Register[]): { register: Register; start: UnwindStart; alsoOn?: number[] }[] {
  const starts: { register: Register; start: UnwindStart; alsoOn?: number[] }[] = [];
  const rsp = findRegister(block, 'RSP');
  const rip = findRegister(block, 'RIP');
  const rbp = findRegister(block, 'RBP');
  if (rsp?.value !== undefined && kernelStack(rsp.value)) {
    const pc = pcOf(model, rip);
    const label = `RSP ${hex16(rsp.value)}`;
    const start: UnwindStart = { sp: rsp.value, ...pc, rbp: rbp?.value, arch: 'x86_64', line: rsp.line, label };
    // RIP and RSP are split by a `Code:` line in console reports: the lens goes on both.
    starts.push({ register: rsp, start, alsoOn: rip && rip.line !== rsp.line ? [rip.line] : undefined });
  }
  // On ORC kernels rbp is a general register: it starts a chain only where it points into RSP's stack.
  const sameStack =
    rsp?.value === undefined || (rbp?.value !== undefined && stackOf(model, rbp.value).base === stackOf(model, rsp.value).base);
  if (rbp?.value !== undefined && kernelStack(rbp.value) && rbp.line !== rsp?.line && sameStack) {
    const label = `RBP ${hex16(rbp.value)}`;
    starts.push({ register: rbp, start: { fp: rbp.value, arch: 'x86_64', line: rbp.line, label } });
  }
  return starts;
}
