// Symbol names are shared by the models of one document's versions: looking a name up must not add it.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { symbolsOfOps } from '../../server/src/analysis/symbols';
import { example } from '../support/corpus';

describe('symbol names shared by versions', () => {
  const model = analyze(example('x86_64-seed000.crashlog'));
  const names = model.symbolOps.names;
  const known = model.symbolOps.fact(0).name;

  it('looks a name up without adding it', () => {
    const size = names.size;
    assert.equal(names.lookup('no_such_function_in_this_transcript'), undefined);
    assert.equal(names.size, size);
    assert.equal(names.lookup(known), names.id(known));
    assert.equal(names.size, size);
  });

  it('replays only the names asked for, and adds no name that no op had', () => {
    const size = names.size;
    const replayed = symbolsOfOps(model.symbolOps, new Set([known, 'no_such_function_in_this_transcript']));
    assert.deepEqual([...replayed.keys()], [known]);
    assert.deepEqual(replayed.get(known)?.symbol, model.symbolsOfOps.get(known)?.symbol);
    assert.equal(names.size, size);
  });
});
