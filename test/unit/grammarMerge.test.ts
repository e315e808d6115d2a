// Anchored match rules joined into alternations (syntaxes/src/merge.ts): which rules a joined regex
// holds, in what order, with what captures.
import { strict as assert } from 'node:assert';

import type { Pattern, RuleSet } from '../../syntaxes/src/grammar';
import { mergedPatterns } from '../../syntaxes/src/merge';

const matches = (patterns: Pattern[]) => patterns.map((p) => ('include' in p ? p.include : p.match));

describe('grammar merge', () => {
  it('joins consecutive anchored rules in their order, each name a capture around its branch', () => {
    const repository: RuleSet = {};
    const joined = mergedPatterns(
      [
        { match: String.raw`\G(a)b`, captures: { 1: { name: 'x' } } },
        { match: String.raw`\Gc`, name: 'y' },
        { match: String.raw`d` },
      ],
      repository,
    );
    assert.deepEqual(matches(joined), [String.raw`\G(?:(?:(a)b)|(c))`, 'd']);
    assert.deepEqual((joined[0] as { captures: object }).captures, { 1: { name: 'x' }, 2: { name: 'y' } });
  });

  it('keeps apart the rules that end at the line end and those that may not, so that the former can take the newline', () => {
    const joined = mergedPatterns(
      [
        { match: String.raw`\G(CPU)[^\n]*+` },
        { match: String.raw`\G(Hardware)[ \t]*+$` },
        { match: String.raw`\G(Call Trace)(:)` },
        { match: String.raw`\G(Code)(:)` },
        { match: String.raw`\G(RIP)[^\n]*+` },
      ],
      {},
    );
    assert.deepEqual(matches(joined), [
      String.raw`\G(?:(?:(CPU)[^\n]*+)|(?:(Hardware)[ \t]*+$))`,
      String.raw`\G(?:(?:(Call Trace)(:))|(?:(Code)(:)))`,
      String.raw`\G(RIP)[^\n]*+`,
    ]);
  });
});
