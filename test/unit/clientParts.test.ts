// The client's plain parts: links of an unwound stack, and the words for why the server stopped.
import { strict as assert } from 'assert';
import { describeExit, StderrTail } from '../../client/src/serverExit';
import { addressLinks } from '../../client/src/unwindLinks';
import { formatUnwind } from '../../server/src/analysis/unwind/format';
import { analyze } from '../../server/src/analysis/model';
import { unwind } from '../../server/src/analysis/unwind';
import { at } from '../support/caret';
import { example } from '../support/corpus';

describe('client: unwound-stack links', () => {
  const seed002 = example('arm64-seed002.crashlog');
  const walk = formatUnwind(unwind(analyze(seed002), { fp: 0xffffffc0427f33b0n }));

  it('links every address of a linked output line to its transcript line', () => {
    const links = addressLinks(walk.text, walk.links);
    const lines = walk.text.split('\n');
    const first = at(lines, '__const_udelay+40');
    const onFirst = links.filter((l) => l.line === first.line);
    assert.deepEqual(
      onFirst.map((l) => lines[l.line].slice(l.start, l.end)),
      ['ffffffc0427f33e0', 'ffffffc008fb9754'],
    );
    // The frame record the walk read: the dump line holding both words.
    const source = seed002.split('\n')[onFirst[0].sourceLine];
    assert.ok(source.includes('ffffffc0427f33e0') && source.includes('ffffffc008fb9754'), source);
  });

  it('links nothing for lines without a source and ignores links outside the text', () => {
    assert.deepEqual(
      addressLinks('#1 [ffffffc0427f33e0] x\nfoo', [
        { outputLine: 0, sourceLine: -1 },
        { outputLine: 5, sourceLine: 2 },
        { outputLine: 1, sourceLine: 3 },
      ]),
      [],
    );
  });
});

describe('client: why the server stopped', () => {
  it('names the exit code and the last error the process printed', () => {
    const tail = new StderrTail();
    tail.append('/x/dist/server.js:1\n    at Timeout._onTimeout (server.js:9)\nTypeError: number 5 is not iterable\n');
    tail.append('    at new Set (<anonymous>)\n\nNode.js v20.1.0\n');
    assert.equal(describeExit(1, null, tail.lastError()), 'exited with code 1: TypeError: number 5 is not iterable');
  });

  it('names a signal, and says less when there is nothing to say', () => {
    assert.equal(describeExit(null, 'SIGKILL', undefined), 'was killed by SIGKILL');
    assert.equal(describeExit(null, null, undefined), 'stopped');
    const tail = new StderrTail(10);
    tail.append('x'.repeat(50) + '\nlast words');
    assert.equal(tail.lastError(), 'last words');
  });

  it('keeps only the tail of a long stderr', () => {
    const tail = new StderrTail(100);
    for (let i = 0; i < 1000; i++) tail.append(`line ${i}\n`);
    assert.equal(tail.lastError(), 'line 999');
  });
});
