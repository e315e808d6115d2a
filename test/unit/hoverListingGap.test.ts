// A listing that stops short of a return address says nothing of the instruction before it:
// crash-x86_64/01-BUG's `dis exc_invalid_op 20` ends at `exc_invalid_op+64` (a 7-byte `mov`), and
// the `call do_error_trap` that frame #3 returns from (+71, ending at +76) is not listed.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { readShared } from '../support/corpus';
import { hoverOn } from '../support/hover';

describe('hover: the instruction before a return address, only where the listing reaches it', () => {
  const model = analyze(readShared('corpus', 'crash-x86_64', '01-BUG.crashlog'));

  it('a listing cut before the call does not make a return address "probably not" one', () => {
    const text = hoverOn(model, 'ffffffff890446cc', 0, (l) => l.startsWith(' #3 [ffffd45d40403bb0] exc_invalid_op'));
    assert.match(text, /^Return address `exc_invalid_op\+76`/m);
    assert.doesNotMatch(text, /not a call|probably not a return address/);
  });

  it('a listing that reaches it still names the call', () => {
    // asm_exc_invalid_op+22 follows the `call` to exc_invalid_op that `dis -l asm_exc_invalid_op` lists right before it.
    const text = hoverOn(model, 'ffffffff89200b96', 0, (l) => l.startsWith(' #4 [ffffd45d40403bd0] asm_exc_invalid_op'));
    assert.match(text, /^Returns after `call 0xffffffff89044680 <exc_invalid_op>` at `asm_exc_invalid_op\+17`/m);
  });
});

describe("hover: a listing line's jump or call operand", () => {
  const model = analyze(readShared('corpus', 'crash-x86_64', '01-BUG.crashlog'));

  it('is where the jump goes, not a return address after a call', () => {
    const text = hoverOn(model, '0xffffffff890446d9', 0, (l) => l.startsWith('0xffffffff89044695 <exc_invalid_op+21>:'));
    assert.match(
      text,
      /^Instruction at `exc_invalid_op\+89` .*: where the `jne` on this line branches to, not a return address/m,
    );
    assert.doesNotMatch(text, /^Return address/m);
  });

  it('is the function a call calls', () => {
    const text = hoverOn(model, '0xffffffff89044680', 0, (l) => /<asm_exc_invalid_op\+\d+>:\s+call/.test(l));
    assert.match(text, /^Instruction at `exc_invalid_op`: the target of the `call` on this line, the function it calls/m);
  });
});

describe('hover: the frame after an exception frame crash took for bogus', () => {
  // crash-x86_64/06-SOFTLOCKUP: `WARNING: possibly bogus exception frame`, then `#7 lkdtm_SOFTLOCKUP at
  // ffffffffc02a84de`, where the console's `RIP: 0010:lkdtm_SOFTLOCKUP+0xe/0x10` says the CPU was.
  const model = analyze(readShared('corpus', 'crash-x86_64', '06-SOFTLOCKUP.crashlog'));

  it('is the pc the console report names, not a return address', () => {
    const text = hoverOn(model, 'ffffffffc02a84de', 0, (l) => l.startsWith(' #7 [ffffd4e4c051bc58] lkdtm_SOFTLOCKUP'));
    assert.match(
      text,
      /^Instruction at `lkdtm_SOFTLOCKUP\+14` \[lkdtm\] \(`lkdtm_SOFTLOCKUP\+0xe`\): where the exception interrupted it/m,
    );
    assert.doesNotMatch(text, /Return address/);
  });
});
