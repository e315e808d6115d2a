// arm64's exception syndrome (ESR), hovered where the oops prints it: its class, the abort's fault
// status and direction, a BRK's immediate. The kernel's own decoding below the value (`EC = 0x25:
// DABT (current EL)`, `FSC = 0x06: level 2 translation fault`, `WnR = 1`) is what the card must agree
// with. Our own dumps' console logs (test/corpus/arm64, the grammar's copy of the arm64 BUG), unedited.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

const read = (file: string) => analyze(readFileSync(join(__dirname, '..', file), 'utf8'));

describe("hover: arm64's exception syndrome (ESR)", () => {
  const abort = read('corpus/arm64/05-irq.console.crashlog');

  it("decodes the abort decoding's ESR as the kernel does: a data abort in the kernel, level 2 translation fault, a write", () => {
    const card = hoverOn(abort, '0x0000000096000046');
    assert.match(card, /ESR: the exception syndrome \(why the exception was taken\), not an address/);
    assert.match(card, /- EC 0x25: DABT \(current EL\)/);
    assert.match(card, /- DFSC 0x06: translation fault, level 2/);
    assert.match(card, /- WnR: a write/);
    assert.doesNotMatch(card, /32-bit value|signed/);
  });

  it("decodes the oops line's error code, which is the ESR on arm64", () => {
    const card = hoverOn(abort, '0000000096000046', 0, (l) => l.includes('Internal error'));
    assert.match(card, /- EC 0x25: DABT \(current EL\)[\s\S]*- WnR: a write/);
  });

  it("reads a BUG()'s ESR as a BRK with the kernel's BUG immediate", () => {
    const card = hoverOn(read('grammar/snap/console-arm64-bug.crashlog'), '00000000f2000800');
    assert.match(card, /- EC 0x3c: BRK \(AArch64\)/);
    assert.match(card, /- comment 0x800: BUG_BRK_IMM: a BUG\(\)/);
  });
});

describe("hover: arm64's ESR of a 52-bit (LPA2) kernel", () => {
  // LKFT's report on linux-next, "arm64: Unable to handle kernel unknown 43 at virtual address" (LKML, 2023-10-26), unedited.
  const model = analyze(
    [
      '<1>[ 203.119139] Unable to handle kernel unknown 43 at virtual',
      'address 0001ffff9e2e7d78',
      '<1>[ 203.119838] Mem abort info:',
      '<1>[ 203.120064] ESR = 0x000000009793002b',
      '<1>[ 203.121040] EC = 0x25: DABT (current EL), IL = 32 bits',
    ].join('\n'),
  );

  it('names the fault status the kernel calls `unknown 43`: a level −1 translation fault, and the access the syndrome holds', () => {
    const card = hoverOn(model, '0x000000009793002b');
    assert.match(card, /- DFSC 0x2b: translation fault, level −1/);
    assert.match(card, /- WnR clear: a read/);
    assert.match(card, /- ISV: a word access with register x19/);
  });
});
