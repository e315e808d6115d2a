// The text address of a crash `bt` frame where crash prints each frame at its saved pc − 4 (arm64):
// an instruction in the function the frame names, even where nothing else in the transcript names
// that address — a caller's call, or the instruction before the pc of frame #0 (or of the frame
// below an exception entry). Neither is a return address: ./returnAddress leaves them to this fact
// and keeps the frames of architectures whose bt prints return addresses.
import { btAddressRole, type BtAddressRole } from '../../unwind/btFrameAddress';
import { nameAt } from '../../unwind/code';
import { hexWord } from '../../hex';
import type { Backtrace, Frame } from '../../types';
import { code } from '../card';
import { readValue, type HoverContext } from '../context';
import type { HoverFact } from '../fact';

export interface HoveredBtAddress {
  bt: Backtrace;
  frame: Frame;
  /** The frame's address, the hovered value. */
  address: bigint;
  role: BtAddressRole;
  /** Bytes from a return address back to its call (CallConvention.returnToCall). */
  step: bigint;
}

/** The bt frame whose `at` address is the hovered value, on the frame's own line. */
export function hoveredBtAddress(context: HoverContext): HoveredBtAddress | undefined {
  const value = readValue(context);
  const spec = context.model.spec;
  if (!value || !spec) return undefined;
  for (const bt of context.model.backtraces) {
    if (context.line < bt.line || context.line > bt.endLine) continue;
    const k = bt.frames.findIndex((f) => f.line === context.line && f.address === value.raw);
    if (k >= 0)
      return { bt, frame: bt.frames[k], address: value.raw, role: btAddressRole(spec, bt, k), step: spec.calls.returnToCall };
  }
  return undefined;
}

export const btFrameAddress: HoverFact = {
  id: 'bt-frame-address',
  describe(context) {
    const hovered = hoveredBtAddress(context);
    if (!hovered) return undefined;
    const { model } = context;
    const { frame, address, role, step } = hovered;
    // A return address is the return-address fact's.
    if (role === 'return') return undefined;
    const name = nameAt(model, address);
    const offset = name?.function === frame.function ? name.offset : undefined;
    const at = code(offset !== undefined ? `${frame.function}+${offset}` : frame.function);
    const module = frame.module ? ` [${frame.module}]` : '';
    const parts: string[] = [];
    const stepOn = (what: string) => {
      const after = offset !== undefined ? ` (${code(`${frame.function}+${offset + Number(step)}`)})` : '';
      return `${what} is ${code(hexWord(address + step, model.wordBytes))}${after}`;
    };
    if (role === 'pc') {
      parts.push(
        `Instruction at ${at}${module}: the pc crash starts this backtrace from — a stopped CPU's saved pc, or where a task that is not running resumes (the ra it switched out with) — not a return address a call left`,
      );
    } else if (role === 'before-pc') {
      const where =
        frame.level === 0 ? 'where the CPU was (or the task, when it last ran)' : 'where the exception interrupted it';
      parts.push(
        `Instruction in ${at}${module}, one before the pc of bt frame #${frame.level}: crash prints each frame at its pc − ${step}; ${stepOn('the pc')}, ${where}`,
      );
    } else {
      parts.push(
        `Call instruction in ${at}${module}: crash prints a caller at its call, return address − ${step}; ${stepOn('the return address')}`,
      );
    }
    const instruction = model.instructions.at(address);
    if (instruction) parts.push(`Instruction: ${code(`${instruction.mnemonic} ${instruction.operands}`.trim())}`);
    const source = model.sourceAt(address);
    if (source) parts.push(`Source: ${code(`${source.file}: ${source.line}`)}`);
    return parts.join('\n\n');
  },
};
