// The document's printk regions as runs (syntaxes/src/printkRuns.ts): what the pass makes of them.
// Their tokens line after line, and line-end's part in them (a line after a run is read as anywhere
// else), are checked by test/grammar/console-runs.crashlog and the token comparison script.
import { strict as assert } from 'node:assert';

import type { RuleSet } from '../../syntaxes/src/grammar';
import { printkRuns } from '../../syntaxes/src/printkRuns';

describe('grammar printk runs', () => {
  const timestamped = String.raw`\G(?=[\x{5b}])(?:(\[\d++\.\d++\])[ \t]?(?=[A-Z])|(?!))`;
  const repository = (): RuleSet => ({
    document: {
      begin: String.raw`\A[^\n]*+\n`,
      end: String.raw`\G(?=\x{ffff})(?!)`,
      patterns: [
        // Whole-line runs (runs.ts): one of timestamped frames, one of bt frames.
        {
          begin: String.raw`\G(?=[\x{5b}])(\[\d++\.\d++\])  (\w++)\+0x\h++\n`,
          while: String.raw`\G(\[\d++\.\d++\])  (\w++)\+0x\h++\n`,
          patterns: [],
        },
        { begin: String.raw`\G(?=[#])(#\d++) \n`, while: String.raw`\G(#\d++) \n`, patterns: [] },
        { include: '#console-printk-upper' },
        { include: '#console-printk-lower' },
      ],
    },
    'console-printk-upper': {
      begin: timestamped,
      beginCaptures: { 1: { name: 'comment.other.timestamp.crashlog' } },
      end: String.raw`\Z`,
      applyEndPatternLast: true,
      patterns: [{ include: '#body' }],
    },
    'console-printk-lower': {
      begin: timestamped.replace('A-Z', 'a-z'),
      end: String.raw`\Z`,
      applyEndPatternLast: true,
      patterns: [{ include: '#body' }],
    },
  });

  it('turns each into a region the next line of its kind stays in, its prefix scoped as at its begin', () => {
    const rules = repository();
    printkRuns(rules);
    assert.deepEqual(rules.document.patterns!.slice(2), [
      { include: '#console-printk-upper-run' },
      { include: '#console-printk-lower-run' },
    ]);
    const run = rules['console-printk-upper-run'];
    assert.equal(run.begin, timestamped);
    assert.equal(run.end, undefined);
    assert.deepEqual(run.whileCaptures, run.beginCaptures);
    assert.deepEqual(run.patterns, [{ include: '#body' }, { include: '#line-end' }]);
    // The begin/end regions stay for the `line` region (a first line, a Markdown fence).
    assert.equal(rules['console-printk-upper'].end, String.raw`\Z`);
  });

  it('checks the next line with its begin alone, a line an earlier whole-line run would take included', () => {
    const rules = repository();
    printkRuns(rules);
    // The earlier run's lines are read by the body's copy of its rule (dispatch.ts): no refusal to pay.
    assert.equal(rules['console-printk-upper-run'].while, timestamped);
    assert.equal(rules['console-printk-lower-run'].while, rules['console-printk-lower'].begin);
  });
});
