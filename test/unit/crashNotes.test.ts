// A person's notes after lines of crash's output (`<-- here`, `// why`, and `///`, which needs no blank
// after it) are left out of the line: the frame or dump words before them read as printed. Lines of a
// Chinese note on crash's `bt -f` (a RHEL 5 x86_64 session, module frames renamed by its author).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { crashNoteStart } from '../../server/src/analysis/parse/note';

const BT_F = [
  'crash> bt -f 1854',
  'PID: 1854   TASK: ffff810834d770c0  CPU: 3   COMMAND: "oracle"',
  ' #1 [ffff81011d6bbc70] panic at ffffffff8008f44e',
  '    ffff81011d6bbd58: 0000000000000040 ffffffff8818e734 ',
  ' #2 [ffff81011d6bbd60] myfunction1 at ffffffff8818e734    ///ffff81011d6bbd60 这里是call指令压入的返回地址',
  '    ffff81011d6bbd88: ffff81085d099400 ffffffff88186c4e   //ffff81011d6bbd88 是函数栈的起始位置',
  ' #3 [ffff81011d6bbd90] myfunction2 at ffffffff88186c4e    // 其他栈可以分析，可以结合函数汇编，看看push指令和rsp等寄存器的修改等。',
];

describe("a person's notes after crash's output", () => {
  it('keeps every bt frame, a `///` note after one too', () => {
    const [bt] = analyze(BT_F.join('\n')).backtraces;
    assert.deepEqual(
      bt.frames.map((f) => [f.level, f.function]),
      [
        [1, 'panic'],
        [2, 'myfunction1'],
        [3, 'myfunction2'],
      ],
    );
  });

  it('starts a note at its mark, and finds none in crash output that has no mark', () => {
    assert.equal(crashNoteStart(BT_F[4]), BT_F[4].indexOf('    ///'));
    assert.equal(crashNoteStart(BT_F[3]), -1);
  });
});
