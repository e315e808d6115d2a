// A word of a stack dump that crash's bt read as a frame's return address: x86_64's bt brackets
// the slot that holds it (`#1 [ffffcd72c062fc48] page_fault_oops at ffffffff91287329`). arm64's bt
// brackets the frame record, whose words are no frame's return address as bt prints it (it shows
// the return address less 4): the card says nothing there.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

const corpus = (arch: string, name: string) => analyze(readFileSync(join(__dirname, '..', 'corpus', arch, name), 'utf8'));

describe("hover: a stack word crash's bt read as a return address", () => {
  it('names the frame and the bt line on x86_64', () => {
    const model = corpus('x86_64', '01-null.formats.crashlog');
    const card = hoverOn(model, 'ffffffff91287329', 0, (l) => l.includes('ffffcd72c062fc40:'));
    assert.match(
      card,
      /crash's bt read this slot as the return address of frame #1, into `page_fault_oops` \(line 4; \d+ more bt listings show it too\)/,
    );
  });

  it('says nothing of arm64 frame records', () => {
    const model = corpus('arm64', '05-irq.crashlog');
    model.lines.forEach((text, line) => {
      for (const word of text.matchAll(/\b[0-9a-f]{16}\b/g)) {
        const card = describeAt(model, line, word.index + 1);
        assert.ok(!card || !renderHover(card.markdown).includes("crash's bt read this slot"), `line ${line + 1}: ${word[0]}`);
      }
    });
  });
});
