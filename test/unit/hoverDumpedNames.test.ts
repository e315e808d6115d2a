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

describe("hover: bt -F's `[cache]` of a word that points into a slab object", () => {
  it('names the cache and, from bt -f, the word (x86_64)', () => {
    // crash-x86_64/01-BUG `bt -F`: `ffffd45d40403af0: 0000000000000004 [task_struct]`; bt -f shows ffff8c604252c200.
    const model = analyze(readShared('corpus', 'crash-x86_64', '01-BUG.crashlog'));
    assert.match(
      hoverOn(model, 'task_struct', 0, at('    ffffd45d40403af0:')),
      /^\*\*task_struct\*\* — slab cache: the word `ffff8c604252c200` \(line \d+\) points into an object of it/,
    );
  });

  it('of the word under the name, not the one before it (i386: two blanks between words)', () => {
    // test/corpus/i386/02-null `bt -F`: `c2c4dd6c: 00000000  [mm_struct]  00000000  c2c4dda4`; bt -f: c2c4dd70 holds c2015680.
    const model = analyze(readFileSync(path.join(REPO_ROOT, 'test', 'corpus', 'i386', '02-null.crashlog'), 'utf8'));
    const text = hoverOn(model, 'mm_struct', 0, at('    c2c4dd6c:'));
    assert.match(text, /^\*\*mm_struct\*\* — slab cache: the word `c2015680` \(line \d+\)/);
    assert.doesNotMatch(text, /symbol's address/);
  });
});

describe('hover: ppc64 words in no region', () => {
  // test/corpus/ppc64le/02-null `bt -F`: `c0000000045a7930: _end+30570848    c7ab379252bb0800`.
  const model = analyze(readFileSync(path.join(REPO_ROOT, 'test', 'corpus', 'ppc64le', '02-null.crashlog'), 'utf8'));
  const line = at('    c0000000045a7930:');

  it("calls a name after the image's last symbol an address past it, with the value bt -f printed", () => {
    assert.match(
      hoverOn(model, '_end+30570848', 0, line),
      /^\*\*_end\+30570848\*\* — an address past the kernel image, named after the linker's `_end`.*not a function: the word holds `c0000000045a7960` \(line \d+\), stack of PID 84/,
    );
  });

  it('finds the stack-protector canary in the kernel quadrant too', () => {
    assert.match(hoverOn(model, 'c7ab379252bb0800', 0, line), /^Probably the stack-protector canary/m);
  });
});

describe("hover: a compiler's cold part at its first byte", () => {
  it('reads the same in bt -f (its value) as in bt -F (its name)', () => {
    // crash-x86_64/01-BUG: the slot ffffd45d40403b08 holds ffffffff88ffbdcf, bt -F prints `show_opcodes.cold`.
    const model = analyze(readShared('corpus', 'crash-x86_64', '01-BUG.crashlog'));
    const line = at('    ffffd45d40403b00:');
    for (const word of ['ffffffff88ffbdcf', 'show_opcodes.cold']) {
      const text = hoverOn(model, word, 0, line);
      assert.match(text, /cold part, whose address no code takes, so no object or function pointer/, word);
      assert.doesNotMatch(text, /an object's address or a function pointer/, word);
    }
  });
});
