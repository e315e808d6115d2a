// Line ends as LSP positions count them: `\n`, `\r\n` and a bare `\r`. Serial-console captures end
// lines with `\r` alone or `\r\r\n`; the analysis must split them where an editor's positions do.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/analysis/lines';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';
import { example, REPO_ROOT } from '../support/corpus';

/** What the model says, line numbers included. */
const reading = (text: string) => {
  const model = analyze(text);
  return { lines: model.lines, summary: summarize(model) };
};

describe('line ends', () => {
  it('splits lines where LSP positions do: \\n, \\r\\n and a bare \\r', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '\r\r\n'), maxLength: 60 }), (text) => {
        const index = new LineIndex(text);
        const document = TextDocument.create('file:///t.crashlog', 'crashlog', 1, text);
        assert.equal(index.lineCount, document.lineCount);
        for (let line = 0; line < document.lineCount; line++) {
          const lineText = document.getText({ start: { line, character: 0 }, end: { line, character: text.length } });
          assert.equal(index.line(line), lineText, `line ${line}`);
          assert.equal(index.lineLength(line), lineText.length);
          for (const character of [0, lineText.length]) {
            const position = { line, character };
            assert.equal(index.offsetAt(position), document.offsetAt(position));
            assert.deepEqual(index.positionAt(document.offsetAt(position)), position);
          }
        }
      }),
      { seed: 1505, numRuns: 500 },
    );
  });

  const transcripts = [
    ['x86_64 crash session', example('x86_64-seed000.crashlog')],
    ['arm64 console', readFileSync(path.join(REPO_ROOT, 'test/corpus/arm64/05-irq.console.crashlog'), 'utf8')],
  ];
  for (const [name, text] of transcripts) {
    const lf = text.replace(/\r\n/g, '\n');
    it(`reads a ${name} captured with bare-CR line ends as with \\n`, () => {
      assert.deepEqual(reading(lf.replace(/\n/g, '\r')), reading(lf));
    });

    it(`reads a ${name} captured with \\r\\r\\n line ends as with a blank line after each`, () => {
      assert.deepEqual(reading(lf.replace(/\n/g, '\r\r\n')), reading(lf.replace(/\n/g, '\n\n')));
    });
  }
});
