// Facts derived from a whole model are made once per model (document version), on first use.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { perModel } from '../../server/src/analysis/perModel';
import { interruptedContexts } from '../../server/src/analysis/unwind/contexts';
import { startTargets } from '../../server/src/analysis/unwind/starts';
import { example } from '../support/corpus';

describe('facts derived once per model', () => {
  const text = example('x86_64-seed000.crashlog');

  it('derives on first use, once per model, an undefined answer too', () => {
    const calls: number[] = [];
    const backtraceCount = perModel((model) => {
      calls.push(model.backtraces.length);
      return model.backtraces.length;
    });
    const nothing = perModel((model) => {
      calls.push(-model.lineCount);
      return undefined;
    });
    const first = analyze(text);
    const second = analyze(text);
    assert.deepEqual(calls, []);
    assert.equal(backtraceCount(first), 2);
    assert.equal(backtraceCount(first), 2);
    assert.equal(backtraceCount(second), 2);
    assert.equal(nothing(first), undefined);
    assert.equal(nothing(first), undefined);
    assert.deepEqual(calls, [2, 2, -first.lineCount]);
  });

  it('gives every request on a model the same contexts and unwind starts', () => {
    const model = analyze(text);
    assert.ok(startTargets(model).length > 0);
    assert.equal(startTargets(model), startTargets(model));
    assert.equal(interruptedContexts(model), interruptedContexts(model));
    assert.notEqual(startTargets(analyze(text)), startTargets(model));
  });
});
