// LineIndex.replaced: an editor's change applied to a text kept in chunks must give the index a
// fresh one of the edited text gives (lines, starts, positions), while sharing the chunks it did
// not touch; sameEnds finds what two versions share as a comparison of their characters would.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/analysis/lines';
import { example } from '../support/corpus';
import { sharedEnds } from '../support/textEnds';

const seed000 = example('x86_64-seed000.crashlog');
// The same text with a serial console's line ends too: a bare `\r`, and `\r\r\n`.
const base = [seed000, example('arm64-seed002.crashlog'), seed000.replace(/\n/g, '\r'), seed000.replace(/\n/g, '\r\r\n')];

/** A change as an editor sends it: a range of the text and what replaces it. */
const change = fc.tuple(
  fc.nat(),
  fc.nat({ max: 400 }),
  fc.oneof(
    fc.constantFrom('', '\n', '\r', ' ', '\r\n', 'x\ny\n', '\n\n\n', 'x\r'),
    fc.string({ unit: fc.constantFrom('a', ' ', '\n', 'f', '0', '\r', 'é', '\u00ff'), maxLength: 300 }),
  ),
);

function assertSameIndex(actual: LineIndex, text: string): void {
  const fresh = new LineIndex(text);
  assert.equal(actual.length, text.length);
  assert.equal(actual.lineCount, fresh.lineCount);
  assert.deepEqual(Array.from(actual.starts), Array.from(fresh.starts));
  for (let i = 0; i < fresh.lineCount; i++) {
    assert.equal(actual.line(i), fresh.line(i), `line ${i}`);
    assert.equal(actual.lineLength(i), fresh.lineLength(i), `length of line ${i}`);
  }
  for (let offset = 0; offset <= text.length; offset += 97) assert.deepEqual(actual.positionAt(offset), fresh.positionAt(offset));
  assert.equal(actual.source, text);
}

describe('LineIndex after edits', () => {
  it('equals a fresh index of the edited text after a series of changes, for any chunk size', () => {
    fc.assert(
      fc.property(
        fc.nat(base.length - 1),
        fc.integer({ min: 1, max: 3000 }),
        fc.array(change, { minLength: 1, maxLength: 12 }),
        (b, chunkChars, changes) => {
          let text = base[b];
          let index = new LineIndex(text, undefined, chunkChars);
          for (const [at, removed, inserted] of changes) {
            const start = at % (text.length + 1);
            const end = Math.min(text.length, start + removed);
            const next = index.replaced(start, end, inserted);
            text = text.slice(0, start) + inserted + text.slice(end);
            // Shared chunks count whole, the chunks between them are compared by character: exact.
            assert.deepEqual(index.sameEnds(next), sharedEnds(index.source, text));
            index = next;
          }
          assertSameIndex(index, text);
        },
      ),
      { seed: 1414, numRuns: 200 },
    );
  });

  it('deletes everything and starts again', () => {
    const index = new LineIndex(base[0], undefined, 512);
    const empty = index.replaced(0, index.length, '');
    assertSameIndex(empty, '');
    assertSameIndex(empty.replaced(0, 0, 'crash> bt\n'), 'crash> bt\n');
  });

  it('shares the chunks an edit did not touch with the text before it', () => {
    const text = base[0];
    const index = new LineIndex(text, undefined, 1024);
    const middle = index.starts[Math.floor(index.lineCount / 2)];
    const next = index.replaced(middle, middle, 'crash> sym\n');
    const { head, tail } = index.sameEnds(next);
    // Only the chunk holding the change (and a crumb merged into it) is new.
    assert.ok(head >= middle - 1024 && head <= middle);
    assert.ok(tail >= text.length - middle - 2 * 1024);
  });
});
