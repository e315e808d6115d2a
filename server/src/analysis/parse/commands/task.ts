// `task` output: the task_struct of a task, whose `stack` member says where its stack lies
// (`task -R stack`). The `PID:` line above it is a bt header (see bt.ts).
import { LineKind } from '../../lineKinds';
import type { ParseSink } from '../sink';
import { defineCommand } from './command';
import { isTableLine } from './table';

export const task = defineCommand({
  kind: 'task',
  names: ['task'],
  output: (sink: Pick<ParseSink, 'stack' | 'lastTask'>) => ({
    line(text: string, i: number): LineKind | undefined {
      const stack = parseTaskStack(text);
      if (stack) {
        sink.stack(BigInt('0x' + stack), 'task', i, sink.lastTask);
        return LineKind.CommandOutput;
      }
      return isTableLine(text.trim()) ? LineKind.Kmem : undefined;
    },
  }),
});

// `  stack = 0xffffd45d40400000,`
const TASK_STACK = /^\s*stack = 0x([0-9a-fA-F]+),?\s*$/;

export function parseTaskStack(text: string): string | undefined {
  return TASK_STACK.exec(text)?.[1];
}
