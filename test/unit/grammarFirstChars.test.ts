// The first-character guard the grammar build puts after a rule's `\G` (syntaxes/src/firstChars.ts):
// what the analysis reads from a regex, where it gives up, and, against oniguruma itself, that a
// match never starts with a character outside the set it returns.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as oniguruma from 'vscode-oniguruma';

import { anchorRules, guardedAtStart, literalFirst } from '../../syntaxes/src/anchors';
import type { RuleSet } from '../../syntaxes/src/grammar';
import { classSource, firstChars } from '../../syntaxes/src/firstChars';

const chars = (s: string) => [...s].map((c) => c.charCodeAt(0)).sort((a, b) => a - b);
const asciiOf = (re: string) => {
  const set = firstChars(re);
  return set && { ascii: [...set.ascii].sort((a, b) => a - b), nonAscii: set.nonAscii };
};

describe('grammar first characters', () => {
  it('reads literals, classes and an optional indent', () => {
    assert.deepEqual(asciiOf(String.raw`\G[ \t]*+(#[ \t]?\d++)`), { ascii: chars(' \t#'), nonAscii: false });
    assert.deepEqual(asciiOf(String.raw`\G(?:(PID)(:)|(?!))`), { ascii: chars('P'), nonAscii: false });
    assert.deepEqual(asciiOf(String.raw`\G[\h.]`), { ascii: chars('0123456789abcdefABCDEF.'), nonAscii: false });
    assert.deepEqual(asciiOf(String.raw`\G\x{41}|\G\-`), { ascii: chars('A-'), nonAscii: false });
    // An escaped character beyond the BMP is one character: the quantifier after it is its own.
    assert.deepEqual(asciiOf('\\G\\\u{1F600}?a'), { ascii: chars('a'), nonAscii: true });
    // \d is Unicode-aware in oniguruma: digits beyond ASCII may start the match too.
    assert.deepEqual(asciiOf(String.raw`\G\d++`), { ascii: chars('0123456789'), nonAscii: true });
  });

  it('takes the characters a look-ahead demands, and passes over look-behinds and negative look-aheads', () => {
    assert.deepEqual(asciiOf(String.raw`\G(?:(?=[ \t]*+[a-c])|(?!))`), { ascii: chars(' \tabc'), nonAscii: false });
    assert.deepEqual(asciiOf(String.raw`\G(?<![\w.])(?!xy)x`), { ascii: chars('x'), nonAscii: false });
  });

  it('counts a part quantified to zero as optional, and a (?!) branch as none', () => {
    assert.deepEqual(asciiOf(String.raw`\G(?:ab){0,2}c`), { ascii: chars('ac'), nonAscii: false });
    assert.deepEqual(asciiOf(String.raw`\G(?:ab){2}c`), { ascii: chars('a'), nonAscii: false });
    assert.deepEqual(asciiOf(String.raw`\G(?:x|(?!))`), { ascii: chars('x'), nonAscii: false });
    // Oniguruma's Ruby syntax: `{2}?` is `{2}` made optional, not a lazy `{2}`.
    assert.deepEqual(asciiOf(String.raw`\G(?:ab){2}?c`), { ascii: chars('ac'), nonAscii: false });
  });

  it('gives up where a match need not read its first character, or on syntax it does not know', () => {
    for (const re of [
      String.raw`\G`,
      String.raw`\G(?:x?)`,
      String.raw`\G(?!y)`,
      String.raw`\G.`,
      String.raw`\G(?i)abc`,
      String.raw`\G\1(a)`,
      String.raw`\G[[:alpha:]]`,
      String.raw`\G\p{L}`,
      // A comment or an extended-mode option in a branch skipped after its first character.
      String.raw`\G(?:a(?#[)|b|(c]))`,
      String.raw`\G(?:(?:a(?x)#[\n)|b|(c]))`,
    ]) {
      assert.equal(firstChars(re), undefined, re);
    }
  });

  it('guards a \\G regex with the set, and leaves one whose set is nearly every character', () => {
    assert.equal(guardedAtStart(String.raw`\G[ \t]*+#`), String.raw`\G(?=[\x{9}\x{20}\x{23}])[ \t]*+#`);
    assert.equal(guardedAtStart(String.raw`\G[^\n]++`), String.raw`\G[^\n]++`);
    assert.equal(guardedAtStart(String.raw`(?<=x)#`), String.raw`(?<=x)#`);
    assert.equal(guardedAtStart(String.raw`\G(?!)`), String.raw`\G(?!)`);
    assert.equal(classSource({ ascii: new Set(chars('abcdxz')), nonAscii: true }), String.raw`[a-dxz\x{80}-\x{10ffff}]`);
  });

  it('leaves a rule that starts with a word to its literal, and guards the others and joined alternations', () => {
    // struct-member's shape: any identifier first, `;` last.
    assert.equal(literalFirst(String.raw`\G[ \t]*+([A-Za-z_]\w*+)[ \t]++([A-Za-z_]\w*+)(;)`), true);
    assert.equal(literalFirst(String.raw`\G[ \t]*+(RIP|RSP)(:)`), false);
    assert.equal(literalFirst(String.raw`\G(?:([ \t]*+[A-Za-z_]\w*+;)|([ \t]*+[A-Za-z_]\w*+ =))`), false);
    assert.equal(literalFirst(String.raw`(?<=x)[A-Za-z_]\w*+;`), false);
  });

  it('puts the end of a dispatch region (every pattern anchored at its start) after its patterns, not that of a token region', () => {
    const repository: RuleSet = {
      member: { begin: String.raw`\G[ \t]*+#`, end: String.raw`(?=\n)`, patterns: [{ include: '#token' }] },
      token: { match: String.raw`(?<![\w.$])0x\h++` },
      family: { begin: String.raw`\G(?=[ \t]*+#)`, end: String.raw`(?=\n)`, patterns: [{ include: '#member' }] },
      mixed: { begin: String.raw`\G(?=x)`, end: String.raw`(?=\n)`, patterns: [{ include: '#member' }, { include: '#token' }] },
    };
    anchorRules([], repository);
    assert.equal(repository.family.end, String.raw`\Z`);
    assert.equal(repository.family.applyEndPatternLast, true);
    assert.equal(repository.mixed.end, String.raw`\Z`);
    assert.equal(repository.mixed.applyEndPatternLast, undefined);
    assert.equal(repository.member.end, String.raw`\n`);
    assert.equal(repository.member.applyEndPatternLast, undefined);
  });

  describe('against oniguruma', () => {
    before(async () => {
      await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
    });

    // Regexes of the grammar's shapes: literals, classes, optional indent, quantified groups,
    // alternations, look-arounds and never-matching branches.
    const atom: fc.Arbitrary<string> = fc.letrec<{ re: string; atom: string }>((tie) => ({
      re: fc.array(tie('atom'), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
      atom: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('a', 'b', '#', ' ', '0', String.raw`\.`, String.raw`\x{41}`, '\\\u{1F600}', '\u{1F600}', '(?#[)'),
        fc.constantFrom('[ab]', String.raw`[ \t]`, String.raw`[^a\n]`, String.raw`\h`, String.raw`\w`, String.raw`[\d.-]`),
        fc.constantFrom('^', '$', String.raw`\b`, String.raw`(?!)`),
        fc
          .tuple(tie('re'), fc.constantFrom('', '*', '+', '?', '*+', '++', '{0,2}', '{2}', '??', '{2}?', '{1,2}+', '{,2}'))
          .map(([re, q]) => `(?:${re})${q}`),
        fc.tuple(tie('re'), tie('re')).map(([a, b]) => `(?:${a}|${b})`),
        tie('re').map((re) => `(${re})`),
        fc.tuple(fc.constantFrom('(?=', '(?!', '(?<=', '(?<!', '(?>'), tie('re')).map(([head, re]) => `${head}${re})`),
      ),
    })).re;
    const line = fc
      .array(fc.constantFrom('a', 'b', '#', ' ', '\t', '0', '.', 'A', '-', 'é', '\u{1F600}', '\n'), { maxLength: 8 })
      .map((cs) => cs.join(''));

    it('never matches starting with a character outside the set', () => {
      fc.assert(
        fc.property(atom, fc.array(line, { minLength: 1, maxLength: 8 }), (body, lines) => {
          const re = String.raw`\G` + body;
          const set = firstChars(re);
          if (set === undefined) return;
          let scanner: oniguruma.OnigScanner;
          try {
            scanner = new oniguruma.OnigScanner([re]);
          } catch {
            return; // a look-behind of no fixed length: oniguruma refuses it, as it would in the grammar
          }
          try {
            for (const text of lines) {
              const match = scanner.findNextMatchSync(text, 0);
              if (!match || match.captureIndices[0].start !== 0) continue;
              const code = text.charCodeAt(0);
              assert.ok(code < 128 ? set.ascii.has(code) : set.nonAscii, `${re} matched ${JSON.stringify(text)}`);
              const guarded = new oniguruma.OnigScanner([guardedAtStart(re)]);
              const again = guarded.findNextMatchSync(text, 0);
              guarded.dispose();
              assert.deepEqual(again?.captureIndices, match.captureIndices, `${guardedAtStart(re)} on ${JSON.stringify(text)}`);
            }
          } finally {
            scanner.dispose();
          }
        }),
        { numRuns: 3000 },
      );
    });
  });
});
