import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../server/src/analysis/semanticTokens';
import { at } from '../support/caret';
import { example } from '../support/corpus';

function tokenAt(text: string, needle: string, lineFilter: (l: string) => boolean) {
  const model = analyze(text);
  const { line, character: start } = at(model.lines, needle, { line: lineFilter });
  const token = semanticTokens(model, line, line).find((t) => t.start === start);
  assert.ok(token, `no token on ${needle}`);
  return {
    type: TOKEN_TYPES[token.type],
    modifiers: TOKEN_MODIFIERS.filter((_, bit) => token.modifiers & (1 << bit)),
  };
}

describe('semantic tokens', () => {
  const seed002 = example('arm64-seed002.crashlog');
  const record = (l: string) => l.startsWith('ffffffc0427f33b0:');

  it('marks a saved frame pointer in a dumped frame record', () => {
    assert.deepEqual(tokenAt(seed002, 'ffffffc0427f33e0', record), { type: 'stackAddress', modifiers: ['framePointer'] });
  });

  it('marks the LR beside it as a return address in kernel text', () => {
    assert.deepEqual(tokenAt(seed002, 'ffffffc008fb9754', record), { type: 'kernelText', modifiers: ['returnAddress'] });
  });

  it('colours module text, stack slots and slab objects by class', () => {
    const seed000 = example('x86_64-seed000.crashlog');
    const frame8 = (l: string) => l.startsWith(' #8 [ffffa269e37dbd30]');
    assert.equal(tokenAt(seed000, 'ffffffffc07258b3', frame8).type, 'moduleText');
    assert.equal(tokenAt(seed000, 'ffffa269e37dbd30', frame8).type, 'stackAddress');
    const seed001 = example('arm64-seed001.crashlog');
    assert.equal(tokenAt(seed001, 'ffff00ff862fc148', (l) => l.includes('x25: ffff00ff862fc148')).type, 'slabAddress');
  });

  it('leaves prose and Markdown uncoloured', () => {
    const model = analyze('# ffffffffc07258b3 in a heading\nsome prose ffffffffc07258b3\n');
    assert.deepEqual(semanticTokens(model), []);
  });
});
