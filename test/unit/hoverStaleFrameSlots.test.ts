// A stack word above frames that `stale-frame` proves left over is placed in the live frame below
// them, not in the stale frame crash listed. crash-x86_64/01-BUG: bt frames #10–#13 are return
// addresses of an earlier page fault (the console marks them `?`); the words up to #14's slot are
// do_syscall_64's (#9).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { readShared } from '../support/corpus';
import { hoverOn } from '../support/hover';

const model = analyze(readShared('corpus', 'crash-x86_64', '01-BUG.crashlog'));
const word = (value: string, row: string) => hoverOn(model, value, 0, (l) => l.startsWith(`    ${row}:`));

describe('hover: a stack word above stale frames', () => {
  it('is in the live frame below them, with the stale ones named', () => {
    assert.match(
      word('ffffd45d40403e00', 'ffffd45d40403ce8'),
      /in frame #9 `do_syscall_64` \(slot `ffffd45d40403db0`.*\): crash's frame #10 below this word \(the nearest `__handle_mm_fault`\) is stale/,
    );
    assert.match(
      word('ffffd45d40403f48', 'ffffd45d40403d90'),
      /in frame #9 `do_syscall_64` .*: crash's frames #10–#13 below this word \(the nearest `exit_to_user_mode_prepare`\) are stale/,
    );
  });

  it('is in the frame below it where that frame is live', () => {
    const text = word('ffffd45d40403d80', 'ffffd45d40403bd8');
    assert.match(text, /in frame #8 `ksys_write` \(slot `ffffd45d40403d78`/);
    assert.doesNotMatch(text, /stale/);
  });
});

describe("hover: a stale frame's return slot", () => {
  it('says the frame is stale, so its call says nothing of the frame above', () => {
    // `ffffd45d40403f28: ffffffff88746a14`, frame #13 exit_to_user_mode_prepare's slot.
    assert.match(
      word('ffffffff88746a14', 'ffffd45d40403f28'),
      /return address of frame #13, into `exit_to_user_mode_prepare`.*; that frame is stale, a return address an earlier call left/,
    );
  });
});
