// The grammar's `\w` and `\d` written as ASCII classes (syntaxes/src/asciiWords.ts): the rewrite itself,
// that no regex of the built grammar keeps the Unicode shorthands, and, through vscode-textmate, that a
// symbol right after non-ASCII text is scoped where the model's word finder finds it.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

import { asciiShorthands } from '../../syntaxes/src/asciiWords';
import { buildGrammar } from '../../syntaxes/src/build';
import { wordAt } from '../../server/src/analysis/words';

/** Every regex of a built grammar: its rules' match, begin, end and while, nested rules included. */
function* regexes(node: unknown): Generator<string> {
  if (Array.isArray(node)) for (const item of node) yield* regexes(item);
  else if (node !== null && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') yield value;
      else yield* regexes(value);
    }
}

/** A `\w` or `\d` shorthand (not an escaped backslash followed by the letter). */
const SHORTHAND = /(?<!\\)(?:\\\\)*\\[wd]/;

describe('grammar ASCII words', () => {
  it('writes \\w and \\d as ASCII classes, inside a class and alone, and leaves every other escape', () => {
    assert.equal(asciiShorthands(String.raw`(?<![\w.$])\w+\d`), String.raw`(?<![A-Za-z0-9_.$])[A-Za-z0-9_]+[0-9]`);
    assert.equal(asciiShorthands(String.raw`[^\w\d\n]++`), String.raw`[^A-Za-z0-9_0-9\n]++`);
    // A `]` first in a class is a member; the class goes on to the next one.
    assert.equal(asciiShorthands(String.raw`[]\w]\w`), String.raw`[]A-Za-z0-9_][A-Za-z0-9_]`);
    assert.equal(asciiShorthands(String.raw`[^]\d]`), String.raw`[^]0-9]`);
    for (const kept of [String.raw`\\w`, String.raw`\s\h\b\x{80}\[`, String.raw`a\\\\d`])
      assert.equal(asciiShorthands(kept), kept);
  });

  it('leaves no \\w or \\d in any regex of the built grammar', () => {
    const left = [...regexes(buildGrammar())].filter((re) => SHORTHAND.test(re));
    assert.deepEqual(left, []);
  });

  it('scopes a symbol right after non-ASCII text, where the model finds it', async () => {
    await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
    const grammarFile = path.join(__dirname, '..', '..', 'syntaxes', 'crashlog.tmLanguage.json');
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: () => Promise.resolve(vsctm.parseRawGrammar(readFileSync(grammarFile, 'utf8'), grammarFile)),
    });
    const grammar = (await registry.loadGrammar('source.crashlog'))!;
    const line = '见unmap_page_range+0x8dc/0x8ec';
    // The line second, after one of prose, as in a note.
    const { tokens } = grammar.tokenizeLine(line, grammar.tokenizeLine('note', vsctm.INITIAL).ruleStack);
    const functionToken = tokens.find((t) => t.scopes.includes('entity.name.function.crashlog'));
    assert.ok(functionToken, JSON.stringify(tokens));
    assert.equal(line.slice(functionToken.startIndex, functionToken.endIndex), 'unmap_page_range');
    const word = wordAt(line, functionToken.startIndex + 1);
    assert.equal(word?.start, functionToken.startIndex);
    assert.equal(word?.kind, 'symbol');
  });
});
