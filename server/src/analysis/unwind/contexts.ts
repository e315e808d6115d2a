// Interrupted contexts the transcript prints outside its stack dumps: the registers of console
// reports, crash's exception-frame blocks and `help -r`. A walk that cannot read its way on
// (memory not dumped, the top of an IRQ stack) resumes at the one that fits, and says "likely".
import { hex16 } from '../hex';
import type { Model } from '../model';
import { perModel } from '../perModel';
import { findRegister, isTextAddress, pcOf, stackOf, type StackBounds } from './code';
import { registerBlocks } from './registerBlocks';
import { isRegsCopyBlock } from './savedRegsCopy';
import type { Register } from '../types';

export interface InterruptedContext {
  pc: bigint;
  sp: bigint;
  /** The frame-pointer register (rbp, x29) when the block has it. */
  fp?: bigint;
  /** The link register (ppc64 LR, riscv64 ra) when the block has it: a leaf's caller. */
  lr?: bigint;
  /** The registers' lines, first the pc's. */
  lines: number[];
  /** In words, for notes: "the registers at line 12 (RIP ffff…, RSP ffff…)". */
  what: string;
  /** Where the saved registers lie, when read from memory (x86_64 pt_regs). */
  at?: bigint;
}

/** Kernel-mode register blocks with a text pc and a stack pointer, in transcript order. */
export const interruptedContexts = perModel(collect);

function collect(model: Model): InterruptedContext[] {
  const spec = model.spec;
  if (!spec) return [];
  const { pc: pcNames, sp: spNames, fp: fpNames, lr: lrNames } = spec.registers;
  const result: InterruptedContext[] = [];
  for (const block of registerBlocks(model)) {
    // The copy in __crash_kexec's frame holds a real context, but not at the stack place a resume needs.
    if (isRegsCopyBlock(model, block)) continue;
    const pcRegister = withValue(block, pcNames) ?? findRegister(block, ...pcNames);
    const spRegister = findRegister(block, ...spNames);
    const { pc } = pcOf(model, pcRegister);
    const sp = spRegister?.value;
    if (pc === undefined || sp === undefined || !spec.kernelStack(sp, block) || !isTextAddress(model, pc)) continue;
    if (result.some((c) => c.pc === pc && c.sp === sp)) continue;
    const fpRegister = findRegister(block, ...fpNames);
    const lines = [...new Set([pcRegister!.line, spRegister!.line])];
    result.push({
      pc,
      sp,
      fp: fpRegister?.value,
      lr: withValue(block, lrNames)?.value,
      lines,
      what: `the registers at line ${lines[0] + 1} (${pcRegister!.name} ${hex16(pc)}, ${spRegister!.name} ${hex16(sp)})`,
    });
  }
  return result;
}

/** A register of the names that holds a number: riscv64 consoles print `epc : func+off` before the hex `epc : …` line. */
function withValue(block: readonly Register[], names: readonly string[]): Register | undefined {
  return block.find((r) => r.value !== undefined && names.includes(r.name));
}

/** The context a walk stuck at `sp` on `stack` resumes at: the nearest above it on the same stack. */
export function contextAbove(
  model: Model,
  stack: StackBounds,
  sp: bigint,
  used: Set<InterruptedContext>,
): InterruptedContext | undefined {
  let best: InterruptedContext | undefined;
  for (const c of interruptedContexts(model)) {
    if (used.has(c) || c.sp <= sp || c.sp >= stack.top || c.sp < stack.base) continue;
    if (!best || c.sp < best.sp) best = c;
  }
  return best;
}

/** The context on another stack than `stack` (the task an IRQ interrupted), the first the transcript shows. */
export function contextElsewhere(
  model: Model,
  stack: StackBounds,
  used: Set<InterruptedContext>,
): InterruptedContext | undefined {
  return interruptedContexts(model).find((c) => !used.has(c) && stackOf(model, c.sp).base !== stack.base);
}
