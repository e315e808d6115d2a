// A 32-bit dump (i386) prints its words with 8 digits; hover cards say its addresses the same way,
// not padded to 64 bits. test/corpus/i386/02-null: a crash session on a Debian 6.1 686 vmcore.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { analyze, type Model } from '../../server/src/analysis/model';
import { at } from '../support/caret';

const SESSION = readFileSync(path.join(__dirname, '..', 'corpus', 'i386', '02-null.crashlog'), 'utf8');

function hoverOn(model: Model, needle: string, line?: (text: string) => boolean): string {
  const position = at(model.lines, needle, { line, offset: 1 });
  const card = describeAt(model, position.line, position.character);
  return card ? renderHover(card.markdown) : '';
}

describe('hover: a 32-bit dump (i386) says its addresses with 8 digits', () => {
  const model = analyze(SESSION);

  it('a stack slot: the stack and the frame slot', () => {
    const text = hoverOn(model, 'c2c4dd84', (l) => l.startsWith('    c2c4dd60:'));
    assert.match(text, /Stack slot of the stack of PID 87 \(sh\), CPU 0: `c2c4c000`–`c2c4e000`/);
    assert.match(text, /\(slot `c2c4dd68`, line \d+\)/);
  });

  it('a function name and a symbol with an offset', () => {
    assert.match(
      hoverOn(model, 'panic', (l) => l.startsWith(' #0 ')),
      /starts at `c18d2fb2`/,
    );
    assert.match(hoverOn(model, 'page_fault_oops+136'), /Address `c1061148` \(function starts at `c10610c0`\)/);
  });

  it('no card on the session pads a value to 16 digits', () => {
    const padded: string[] = [];
    model.lines.forEach((text, line) => {
      for (const word of text.matchAll(/[0-9a-f]{8}|[A-Za-z_][\w.]*(?:\+\d+)?/g)) {
        const card = describeAt(model, line, word.index);
        const found = card && /\b0{8}[0-9a-f]{8}\b/.exec(card.markdown);
        if (found) padded.push(`${line + 1}: ${word[0]}: ${found[0]}`);
      }
    });
    assert.deepEqual(padded.slice(0, 5), []);
  });
});
