// An address on a known stack: whose stack, the offset, and the frame it falls in.
import { hex16 } from '../../hex';
import type { Frame } from '../../types';
import { code, lineRef } from '../card';
import type { HoverFact } from '../fact';

export const stackSlot: HoverFact = {
  id: 'stack-slot',
  describe({ model, value }) {
    const stack = value?.cls.stack;
    if (!value || !stack) return undefined;
    const address = value.address;
    let best: Frame | undefined;
    for (const f of model.framesInStack(stack)) {
      if (f.stackAddress! > address) break;
      best = f;
    }
    const whose =
      stack.kind === 'irq'
        ? `IRQ stack${stack.cpu !== undefined ? ` of CPU ${stack.cpu}` : ''}`
        : `stack of PID ${stack.task?.pid ?? '?'}${stack.task?.command ? ` (${stack.task.command})` : ''}${stack.cpu !== undefined ? `, CPU ${stack.cpu}` : ''}`;
    let text = `Stack slot of the ${whose}: ${code(hex16(stack.base))}–${code(hex16(stack.top))}, offset 0x${(address - stack.base).toString(16)}`;
    if (best)
      text += `; in frame #${best.level} ${code(best.function)} (slot ${code(hex16(best.stackAddress!))}, line ${lineRef(best.line)})`;
    return text;
  },
};
