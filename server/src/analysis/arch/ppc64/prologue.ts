// What a ppc64 function has done to r1 and LR by a given pc, read from its listing in the
// transcript (`dis FUNC`). ELFv2 prologues: `mflr r0`, `std r0,16(r1)` (LR into the
// *caller's* frame header), `stdu r1,-N(r1)` (allocates the frame and stores the back
// chain at the new r1); epilogues `addi r1,r1,N` or `ld r1,0(r1)` before `blr`.
import type { Model } from '../../model';
import type { Instruction } from '../../types';

export interface FrameState {
  /** r1 points at the function's own frame at this pc (allocated and not yet popped). */
  ownsFrame: boolean;
  /** LR is already stored in the caller's frame header (r1 + 16 before the allocation). */
  savedLr: boolean;
  /** Listing lines that decided it. */
  lines: number[];
}

const ALLOCATE = /^stdux?$/;
const R1_BASE = /^r1,-?\d+\(r1\)$|^r1,r1,r\d+$/;
const SAVE_LR = /^r0,16\(r1\)$/;

function isAllocate(i: Instruction): boolean {
  return ALLOCATE.test(i.mnemonic) && R1_BASE.test(i.operands.replace(/\s+/g, ''));
}

function isPop(i: Instruction): boolean {
  const operands = i.operands.replace(/\s+/g, '');
  return (i.mnemonic === 'addi' && /^r1,r1,\d+$/.test(operands)) || (i.mnemonic === 'ld' && operands === 'r1,0(r1)');
}

/** Leaves the function: the code after it is another path (the frame may still be allocated there). */
function isReturn(i: Instruction): boolean {
  return i.mnemonic === 'blr' || i.mnemonic === 'b' || i.mnemonic === 'bctr';
}

/**
 * The frame state at `pc` in the function starting at `base`, when the transcript lists
 * every instruction from `base` up to `pc`; undefined when it does not.
 */
export function frameStateAt(model: Model, base: bigint, pc: bigint): FrameState | undefined {
  if (pc < base || pc - base > 0x4000n) return undefined;
  const listed = model.instructions.range(base, pc);
  if (BigInt(listed.length) * 4n !== pc - base) return undefined;
  let ownsFrame = false;
  let savedLr = false;
  let popped = false;
  const lines: number[] = [];
  for (const i of listed) {
    if (isAllocate(i)) {
      ownsFrame = true;
      popped = false;
      lines.push(i.line);
    } else if (SAVE_LR.test(i.operands.replace(/\s+/g, '')) && i.mnemonic === 'std') {
      savedLr = true;
      lines.push(i.line);
    } else if (ownsFrame && isPop(i)) {
      ownsFrame = false;
      popped = true;
      lines.push(i.line);
    } else if (popped && isReturn(i)) {
      // Code after the epilogue's return runs with the frame still allocated.
      ownsFrame = true;
      popped = false;
    }
  }
  return { ownsFrame, savedLr, lines };
}
