// `runq` output: each CPU's run queue, its running task and the tasks queued on it, named as bt names
// a task, so that their task_structs can be named anywhere in the transcript.
//   CPU 1 RUNQUEUE: ff352c7e7f462940                       (`runq -g`: `CPU 1`; `runq -t`: ` CPU 1: 2382595734…`)
//     CURRENT: PID: 0      TASK: ff352c010acb8000  COMMAND: "swapper/1"
//        [120] PID: 2716   TASK: ff352c0125ef3c80  COMMAND: "kworker/1:2"
//   `runq -t`:     00000000000000000  PID: 0      TASK: …  COMMAND: "swapper/1"
//   `runq -m`:   CPU 1: [275 18:19:17.346]  PID: 0      TASK: …  COMMAND: "swapper/1"
import { LineKind } from '../../lineKinds';
import type { ParseSink } from '../sink';
import { defineCommand } from './command';

const RUNQUEUE = /^\s*CPU (\d+)(?: RUNQUEUE: [0-9a-fA-F]{8,16}|: \d+)?\s*$/;
// The running task (`CURRENT:`), one queued with its priority (`[120]`), one with its last-run time
// (`runq -t`), a CPU's own with how long it has run (`runq -m`).
const TASK_ROW =
  /^\s*(?:CURRENT:|\[\d+\]|[0-9a-fA-F]{16,17}|CPU (\d+): \[[\d :.]+\])\s+PID: (\d+)\s+TASK: ([0-9a-fA-F]{8,16})\s+COMMAND: "(.*)"\s*$/;

export const runq = defineCommand({
  kind: 'runq',
  names: ['runq'],
  output: (sink: Pick<ParseSink, 'task'>) => {
    let cpu: number | undefined;
    return {
      // The run queue's CPU names the tasks of the lines after it.
      idle: () => cpu === undefined,
      line(text: string, i: number): LineKind | undefined {
        const queue = RUNQUEUE.exec(text);
        if (queue) {
          cpu = Number(queue[1]);
          return LineKind.CommandOutput;
        }
        const row = TASK_ROW.exec(text);
        if (!row) return undefined;
        const rowCpu = row[1] !== undefined ? Number(row[1]) : cpu;
        sink.task({ pid: Number(row[2]), task: BigInt('0x' + row[3]), cpu: rowCpu, command: row[4], line: i });
        return LineKind.CommandOutput;
      },
    };
  },
});
