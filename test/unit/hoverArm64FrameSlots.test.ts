// arm64 functions may keep their frame record anywhere in their frame, so the words between two
// records are the callee's (above its record) or the caller's (below its own) as the listed prologues
// say. crash-arm64/01-warning: panic's `dis -r` shows `sub sp, sp, #0xe0` / `stp x29, x30, [sp, #80]`,
// so panic's frame runs from its record at ffff80000800b6b0 less 0x50 to 0xe0 above that (truth:
// panic sp ffff80000800b660, cfa ffff80000800b740; __const_udelay's frame is its record alone).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { readShared } from '../support/corpus';
import { hoverOn } from '../support/hover';

const model = analyze(readShared('corpus', 'crash-arm64', '01-warning.crashlog'));
const slot = (address: string) => hoverOn(model, address, 0, (l) => l.startsWith(`    ${address}:`));

describe('hover: whose frame an arm64 stack slot is', () => {
  it("is the caller's below its record where its prologue puts the record above its locals", () => {
    assert.match(slot('ffff80000800b670'), /in frame #2 `panic`, below its frame record \(`ffff80000800b6b0`/);
  });

  it("is the callee's above its record within the frame its prologue allocates", () => {
    assert.match(slot('ffff80000800b700'), /in frame #2 `panic`, above its frame record \(`ffff80000800b6b0`/);
  });

  it('is left open between two records where no listed prologue says', () => {
    assert.match(
      slot('ffff80000800bbc0'),
      /between the frame records of #17 `vfs_write` .* and #18 `ksys_write` .*; a `dis ksys_write 8` of the prologue tells which/,
    );
  });

  it('is the frame of the record itself', () => {
    assert.match(slot('ffff80000800b6b0'), /in frame #2 `panic` \(slot `ffff80000800b6b0`/);
  });
});
