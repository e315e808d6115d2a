// crash's `bt` of a stack splits it into frames at the slots it prints. A word a scan takes for a
// return address between two of those slots lies inside one of crash's frames without being its
// return slot: crash, scanning the same words with the kernel's whole symbol table, did not take
// it (a local copy of _RET_IP_, a function pointer). A scan's guess does not overrule that.
import { hex16 } from '../hex';
import type { Model } from '../model';
import type { Frame } from '../types';

/** The bt frame whose extent holds `slot` when `slot` is not itself one of bt's slots on that stack. */
export function insideBtFrame(model: Model, slot: bigint): Frame | undefined {
  const stack = model.stackAt(slot);
  if (!stack) return undefined;
  let below: Frame | undefined;
  for (const frame of model.framesInStack(stack)) {
    if (frame.stackAddress === slot) return undefined;
    if (frame.stackAddress! < slot) below = frame;
    else return below;
  }
  return undefined;
}

/** The note for a scan candidate passed over because it lies inside `frame`. */
export function insideBtFrameNote(slot: bigint, value: bigint, frame: Frame): string {
  return `passed ${hex16(value)} at ${hex16(slot)}: inside crash's frame #${frame.level} ${frame.function} [${hex16(frame.stackAddress!)}], not its return slot`;
}
