// An address on a known stack: whose stack, the offset, and the frame it falls in.
import { hexWord } from '../../hex';
import type { Frame } from '../../types';
import { code, lineRef } from '../card';
import type { HoverFact } from '../fact';
import { cpuStackName } from '../../classify';

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
        ? cpuStackName(stack)
        : `stack of PID ${stack.task?.pid ?? '?'}${stack.task?.command ? ` (${stack.task.command})` : ''}${stack.cpu !== undefined ? `, CPU ${stack.cpu}` : ''}`;
    let text = `Stack slot of the ${whose}: ${code(hexWord(stack.base, model.wordBytes))}–${code(hexWord(stack.top, model.wordBytes))}, offset 0x${(address - stack.base).toString(16)}`;
    if (best)
      text += `; in frame #${best.level} ${code(best.function)} (slot ${code(hexWord(best.stackAddress!, model.wordBytes))}, line ${lineRef(best.line)})`;
    return text;
  },
};
