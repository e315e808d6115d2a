// crash heads the output of `files`, `vm`, `net -s`, `task` and `foreach … files` per task with bt's
// own `PID: … TASK: … CPU: … COMMAND:` line, and `waitq` lists a wait queue's tasks by it: it names
// the task, and starts no backtrace.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';

const SESSION = [
  'crash> files 923',
  'PID: 923      TASK: ffff8881045bcd40  CPU: 14   COMMAND: "a.out"',
  'ROOT: /    CWD: /root',
  ' FD       FILE            DENTRY           INODE       TYPE PATH',
  '  0 ffff888104f7e900 ffff8881002d2a80 ffff888100a4c6f0 CHR  /dev/pts/0',
  'crash> task -R cgroups 1968',
  'PID: 1968     TASK: ffff9046138a0000  CPU: 2    COMMAND: "bash"',
  '  cgroups = 0xffff90460d67b9c0,',
  // crash's help page for waitq (i386).
  'crash> waitq task_struct.wait_chldexit c5496000',
  'PID: 30879  TASK: c5496000  CPU: 0   COMMAND: "bash"',
  'crash> foreach bash bt',
  'PID: 1968     TASK: ffff9046138a0000  CPU: 2    COMMAND: "bash"',
  ' #0 [ffffc90000013e00] __schedule at ffffffff81000105',
];

describe('task-headed output of crash commands other than bt', () => {
  it('names the tasks of `files` and `task`, and only `foreach … bt` starts a backtrace', () => {
    const model = analyze(SESSION.join('\n'));
    assert.deepEqual(
      model.tasks.map((t) => [t.pid, t.command]),
      [
        [923, 'a.out'],
        [1968, 'bash'],
        [30879, 'bash'],
      ],
    );
    assert.deepEqual(
      model.backtraces.map((bt) => [bt.line, bt.frames.length]),
      [[11, 1]],
    );
  });
});

describe('`ps -l` and `ps -m` rows', () => {
  it('name their tasks, and start no backtrace', () => {
    const model = analyze(
      [
        'crash> ps -m',
        '[0 00:00:00.000] [RU]  PID: 0        TASK: ffffffff82a13940  CPU: 0    COMMAND: "swapper/0"',
        '[0 00:12:01.520] [UN]  PID: 4321     TASK: ffff888104d58000  CPU: 3    COMMAND: "kworker/3:1"',
        'crash> ps -l',
        '[4872010123456] [IN]  PID: 1        TASK: ffff888100a3c000  CPU: 1    COMMAND: "systemd"',
      ].join('\n'),
    );
    assert.deepEqual(
      model.tasks.map((t) => [t.pid, t.task.toString(16), t.cpu, t.command]),
      [
        [0, 'ffffffff82a13940', 0, 'swapper/0'],
        [4321, 'ffff888104d58000', 3, 'kworker/3:1'],
        [1, 'ffff888100a3c000', 1, 'systemd'],
      ],
    );
    assert.equal(model.backtraces.length, 0);
  });
});

describe('`runq` output', () => {
  // An x86_64 5-level-paging session's runq variants, from notes on crash's runq posted on GitHub.
  it('names the running and queued tasks of each CPU, in every variant', () => {
    const model = analyze(
      [
        'crash> runq -c 2',
        'CPU 2 RUNQUEUE: ff352c7e7f4a2940',
        '  CURRENT: PID: 0      TASK: ff352c010acbbc80  COMMAND: "swapper/2"',
        '  RT PRIO_ARRAY: ff352c7e7f4a2b80',
        '     [no tasks queued]',
        'crash> runq -t |more',
        ' CPU 0: 23825957346395907',
        '        00000000000000000  PID: 0      TASK: ffffffff91e12780  COMMAND: "swapper/0"',
        'crash> runq -m |more',
        '  CPU 11: [275 18:19:17.346]  PID: 0      TASK: ff352c010acf9e40  COMMAND: "swapper/11"',
        'crash> runq -g |more',
        'CPU 1',
        '  CURRENT: PID: 0      TASK: ff352c010acb8000  COMMAND: "swapper/1"',
      ].join('\n'),
    );
    assert.deepEqual(
      model.tasks.map((t) => [t.pid, t.task.toString(16), t.cpu, t.command]),
      [
        [0, 'ff352c010acbbc80', 2, 'swapper/2'],
        [0, 'ffffffff91e12780', 0, 'swapper/0'],
        [0, 'ff352c010acf9e40', 11, 'swapper/11'],
        [0, 'ff352c010acb8000', 1, 'swapper/1'],
      ],
    );
    assert.equal(model.backtraces.length, 0);
  });
});
