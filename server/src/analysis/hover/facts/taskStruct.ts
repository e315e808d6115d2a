// A value that is the task_struct of a task the transcript names (ps, bt headers).
import { readValue } from '../context';
import type { HoverFact } from '../fact';

export const taskStruct: HoverFact = {
  id: 'task-struct',
  describe(context) {
    const value = readValue(context);
    const task = value && context.model.taskAt(value.address);
    if (!task) return undefined;
    return `task_struct of PID ${task.pid ?? '?'}${task.command ? ` (${task.command})` : ''}${task.cpu !== undefined ? `, CPU ${task.cpu}` : ''}`;
  },
};
