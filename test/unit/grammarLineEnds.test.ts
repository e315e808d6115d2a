// Lines ended by the rule that takes their newline (syntaxes/src/lineEnds.ts): which regexes end at the
// line's end, what the pass makes of a region and of a whole-line match, and, through vscode-textmate,
// that a small grammar tokenizes every line as before, token ends included. The real grammar's tokens
// are compared by scripts/compare-grammar-tokens.mjs.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

import type { RuleSet } from '../../syntaxes/src/grammar';
import { endsAtLineEnd } from '../../syntaxes/src/grammar';
import { lineEndsTaken, NEVER_AGAIN } from '../../syntaxes/src/lineEnds';

describe('grammar line ends', () => {
  it('tells a regex whose every match ends at the line end', () => {
    for (const re of [
      String.raw`\G(\w++)[ \t]*+$`,
      String.raw`\G(?:(a)$|(?:b[ \t]*+$)|(?!))`,
      String.raw`\G(?=[ab])(?:(?>a(b)$)|(c(?:d|e)$))`,
      String.raw`\G[^\n]*+(?=\n)`,
      // The rest of the line taken whole, possessive or greedy with nothing after it.
      String.raw`\G(?:(Hardware name)(:)[ \t]*+([^\n]*+)|(?!))`,
      String.raw`\G(?:a[^\n]*|b$)`,
    ])
      assert.ok(endsAtLineEnd(re), re);
    for (const re of [
      String.raw`\G(\w++)`,
      String.raw`\G(?:a$|b)`,
      String.raw`\G(?:a$)?`,
      String.raw`\Ga\$`,
      String.raw`\G[$]`,
      String.raw`\Ga(?=$)`,
      String.raw`\G(?<x>a$)`,
      String.raw`\Ga\[^\n]*`,
      String.raw`\G(?:a[^\n]*)?b`,
      String.raw`\Ga[^\n]*?`,
    ])
      assert.ok(!endsAtLineEnd(re), re);
  });

  const repository = (): RuleSet => ({
    run: {
      begin: String.raw`\G(?=[A-Z])`,
      while: String.raw`\G(?=[A-Z])`,
      patterns: [{ include: '#pair' }, { include: '#word' }, { include: '#tail' }, { include: '#line-end' }],
    },
    pair: {
      match: String.raw`\G(\w++)(:) (\w++)[ \t]*+$`,
      name: 'meta.pair.x',
      captures: { 1: { name: 'a.x' }, 3: { name: 'b.x' } },
    },
    word: { match: String.raw`\G\w++` },
    tail: {
      begin: String.raw`\G`,
      end: String.raw`(?=\n)`,
      applyEndPatternLast: true,
      patterns: [{ match: '[0-9]++', name: 'c.x' }],
    },
    'line-end': { begin: String.raw`\n|\Z`, while: NEVER_AGAIN, patterns: [] },
  });

  it('makes a whole-line match of a run take the newline, and leaves a region closing at the line end open there', () => {
    const rules = repository();
    lineEndsTaken(rules, ['run']);
    assert.deepEqual(rules.run.patterns, [
      { include: '#pair-to-line-end' },
      { include: '#word' },
      { include: '#tail' },
      { include: '#line-end' },
    ]);
    const pair = rules['pair-to-line-end'];
    assert.equal(pair.begin, String.raw`\G(\w++)(:) (\w++)[ \t]*+$(\n)`);
    assert.equal(pair.name, 'meta.pair.x');
    assert.deepEqual(pair.beginCaptures, { 1: { name: 'a.x' }, 3: { name: 'b.x' }, 4: {} });
    assert.equal(pair.while, NEVER_AGAIN);
    assert.deepEqual(pair.patterns, []);
    // The region keeps its place in every list; its end is gone, line-end comes where the end was tried.
    const tail = rules.tail;
    assert.equal(tail.end, undefined);
    assert.equal(tail.while, NEVER_AGAIN);
    assert.deepEqual(tail.patterns, [{ match: '[0-9]++', name: 'c.x' }, { include: '#line-end' }]);
    assert.equal(rules.word.match, String.raw`\G\w++`);
  });

  it('tokenizes every line as before, the last token ending before the newline', async () => {
    await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
    const grammarOf = async (rules: RuleSet) => {
      const registry = new vsctm.Registry({
        onigLib: Promise.resolve({
          createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
          createOnigString: (text: string) => new oniguruma.OnigString(text),
        }),
        loadGrammar: () =>
          Promise.resolve({
            scopeName: 'source.x',
            patterns: [{ include: '#document' }],
            repository: {
              ...rules,
              // The document after its first line, as the real grammar's: `\G` at every line's start.
              document: { begin: String.raw`\A[^\n]*+\n`, end: String.raw`\G(?=\x{ffff})(?!)`, patterns: [{ include: '#run' }] },
            },
          } as unknown as vsctm.IRawGrammar),
      });
      return (await registry.loadGrammar('source.x'))!;
    };
    const tokens = (grammar: vsctm.IGrammar, lines: string[]) => {
      let stack = vsctm.INITIAL;
      return lines.map((line) => {
        const result = grammar.tokenizeLine(line, stack);
        stack = result.ruleStack;
        return result.tokens.map((t) => `${t.startIndex}-${t.endIndex} ${t.scopes.join(' ')}`).join(' | ');
      });
    };
    const lines = ['first', 'Key: val  ', 'Key: v', 'Abc 12 x3', 'Word', 'Key: val', 'lower 1', 'Key: w'];
    const before = repository();
    before.run.patterns = before.run.patterns!.slice(0, -1); // no line-end: the run ends its lines by its end
    before.run.end = '\\n';
    delete before.run.while;
    const after = repository();
    lineEndsTaken(after, ['run']);
    assert.deepEqual(tokens(await grammarOf(after), lines), tokens(await grammarOf(before), lines));
  });
});
