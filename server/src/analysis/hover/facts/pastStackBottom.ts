// An address just below a task stack's bottom: stacks grow down, so a frame there ran past the
// stack's end (lkdtm's EXHAUST_STACK, a runaway recursion) into the page below it, which a
// VMAP_STACK kernel leaves unmapped as a guard: the fault that stopped the overflow.
import { hexWord } from '../../hex';
import type { StackRange } from '../../types';
import { code } from '../card';
import type { HoverFact } from '../fact';

/** How far below a stack's bottom an address still reads as its overflow: the guard page. */
const GUARD_BYTES = 0x1000n;

export const pastStackBottom: HoverFact = {
  id: 'past-stack-bottom',
  describe({ model, value }) {
    if (!value || value.cls.stack || value.cls.kind === 'small') return undefined;
    const address = value.address;
    const stack: StackRange | undefined = model.stackAt(address + GUARD_BYTES);
    if (!stack || stack.kind !== 'task' || address >= stack.base) return undefined;
    const whose =
      stack.task?.pid !== undefined ? `PID ${stack.task.pid}${stack.task.command ? ` (${stack.task.command})` : ''}` : 'a task';
    return `0x${(stack.base - address).toString(16)} below the bottom of the stack of ${whose} (${code(hexWord(stack.base, model.wordBytes))}): past its end, where a stack that overflows runs on (a VMAP_STACK kernel's guard page)`;
  },
};
