// `ps` output: every task with its PID, CPU, state and command, so a task_struct address
// anywhere in the transcript can be named. `ps -l` and `ps -m` rows name the same.
//       PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM
// >     105      -1   0  ffff8c604252c200  RU   0.0     2260       56  sh
import { LineKind } from '../../lineKinds';
import type { ParseSink } from '../sink';
import { defineCommand } from './command';

const ROW = /^(>)?\s*(\d+)\s+-?\d+\s+(\d+|-)\s+([0-9a-fA-F]{8,16})\s+([A-Z]{2})\s+\d+(?:\.\d+)?\s+\d+\s+\d+\s+(\S.*?)\s*$/;
// `ps -l` (last run, in ns) and `ps -m` (time since it last ran) print each task as bt's header,
// after the time and the state: `[0 00:00:03.141] [IN]  PID: 1  TASK: ffff888100a3c000  CPU: 1  COMMAND: "systemd"`.
const TIMED_ROW = /^\[[\d :.]+\] \[[A-Z]{2}\]\s+PID: (\d+)\s+TASK: ([0-9a-fA-F]{8,16})\s+CPU: (\d+)\s+COMMAND: "(.*)"\s*$/;
const HEADING = /^\s*PID\s+PPID\s+CPU\s+TASK\s+ST\s/;

export const ps = defineCommand({
  kind: 'ps',
  names: ['ps'],
  output: (sink: Pick<ParseSink, 'task'>) => ({
    line(text: string, i: number): LineKind | undefined {
      const row = ROW.exec(text);
      if (row) {
        const cpu = row[3] === '-' ? undefined : Number(row[3]);
        sink.task({ pid: Number(row[2]), task: BigInt('0x' + row[4]), cpu, command: row[6], line: i });
        return LineKind.CommandOutput;
      }
      const timed = text.charCodeAt(0) === 91 ? TIMED_ROW.exec(text) : null;
      if (timed) {
        sink.task({ pid: Number(timed[1]), task: BigInt('0x' + timed[2]), cpu: Number(timed[3]), command: timed[4], line: i });
        return LineKind.CommandOutput;
      }
      return HEADING.test(text) ? LineKind.CommandOutput : undefined;
    },
  }),
});
