// Names crash printed in stack dumps (`rd -s`, `bt -F`): what they say about the word, and what
// they must not be taken for. Transcripts: test/corpus/riscv64/01-warning (crash 8.0.2, whose
// riscv64 `rd -s` names values after the wrong symbols) and crash-arm64/01-warning.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis/model';
import { readShared, REPO_ROOT } from '../support/corpus';
import { hoverOn } from '../support/hover';

const riscv = analyze(readFileSync(path.join(REPO_ROOT, 'test', 'corpus', 'riscv64', '01-warning.crashlog'), 'utf8'));
const at = (address: string) => (l: string) => l.startsWith(address);

describe('hover: names crash gave to values that start no symbol', () => {
  it('a name after a debug section, millions of bytes on, makes no symbol: the value stays user space', () => {
    // `rd -s` printed s9's 00007fffd332d4e0 as `__efistub_.Ldebug_info0+140736541922512`.
    const text = hoverOn(riscv, '00007fffd332d4e0', 0, at('    ff2000000035b8e0:'));
    assert.match(text, /^\*\*00007fffd332d4e0\*\* — user space/);
    assert.doesNotMatch(text, /kernel text|Ldebug_info0/);
  });

  it('a name for a word of the NULL page says the word holds 0', () => {
    // `rd -s`: `ff2000000035b6d0:  zswap.c          .LC3`; `bt -f` shows 0000000000000000 there.
    assert.match(
      hoverOn(riscv, 'zswap.c', 0, at('ff2000000035b6d0:')),
      /^\*\*zswap\.c\*\* — the word at `ff2000000035b6d0` holds `0000000000000000` \(line \d+\): crash printed a value of the NULL page/,
    );
  });
});

describe('hover: a data symbol crash printed by name', () => {
  it('is a symbol, not a function, where the transcript shows no code of it', () => {
    const model = analyze(readShared('corpus', 'crash-arm64', '01-warning.crashlog'));
    const text = hoverOn(model, 'warn_count', 0, at('    ffff80000800b630:'));
    assert.match(text, /^\*\*warn_count\*\* — symbol, starts at `ffff800009f7cc20`/m);
    assert.doesNotMatch(text, /— function/);
  });
});
