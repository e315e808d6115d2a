// How line rules read a line's indent (syntaxes/src/indent.ts), and the copies a family that reads the
// indent itself tries instead. What the copies match in the built grammar is checked by
// test/grammar/indent.crashlog and the token comparison script (--except-blanks).
import { strict as assert } from 'node:assert';

import { afterIndent, indentUse } from '../../syntaxes/src/indent';

describe('grammar indent', () => {
  it('tells a rule that reads any indent, one that needs one, and one that takes none', () => {
    assert.equal(indentUse({ match: String.raw`\G[ \t]*+(PID)(:)` }), 'any');
    assert.equal(indentUse({ begin: String.raw`\G(?:([ \t]*+(Call Trace)(:))` }), 'any');
    assert.equal(indentUse({ match: String.raw`\G(?:[ \t]++([A-Za-z_]\w*+) \[inline\])` }), 'some');
    assert.equal(indentUse({ begin: String.raw`\G(\$)[ \t]++(\w++)` }), 'none');
  });

  it('refuses a rule whose start it cannot tell, or that is not anchored where the family starts', () => {
    // A blank optional after an optional mark: the indent and the mark would need a copy of their own.
    assert.throws(() => indentUse({ match: String.raw`\G(>?)[ \t]*+(\d++)` }), /must start with/);
    assert.throws(() => indentUse({ match: String.raw`(?<=\s)(\[)(\w++)(\])` }), /must start with \\G/);
  });

  it('copies a rule so that it asks what was read before it: an indent, not an e-mail quote mark, and after a printk prefix a second blank', () => {
    const inline = { match: String.raw`\G(?:[ \t]++(\w++) \[inline\])`, name: 'meta.frame.crashlog' };
    assert.deepEqual(afterIndent(inline, 'some', 'line'), {
      match: String.raw`\G(?<=[ \t])(?<![>;] )(?:[ \t]*+(\w++) \[inline\])`,
      name: 'meta.frame.crashlog',
    });
    assert.equal(afterIndent(inline, 'some', 'printk').match, String.raw`\G(?<=[ \t]{2})(?:[ \t]*+(\w++) \[inline\])`);
    const prompt = { begin: String.raw`\G(\$)[ \t]++(\w++)`, end: String.raw`(?=\n)` };
    assert.deepEqual(afterIndent(prompt, 'none', 'line'), {
      begin: String.raw`\G(?:(?<![ \t])|(?<=[>;] ))(\$)[ \t]++(\w++)`,
      end: String.raw`(?=\n)`,
    });
  });
});
