// crash names any kernel address beside a dumped word by its nearest symbol (`bt -F`, `rd -s`), data
// objects included: a word named by a symbol the transcript never shows as code (no frame, listing,
// call or text `sym` of it) is no return address by that name alone, and one far past its symbol's
// start is in an object. Our own dumps' sessions (test/corpus/arm64/05-irq, mips64/02-null) and
// ../shared/corpus/crash-x86_64/01-BUG.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze } from '../../server/src/analysis/model';
import { hasShared, readShared } from '../support/corpus';
import { hoverOn } from '../support/hover';

const corpus = (file: string) => analyze(readFileSync(join(__dirname, '../corpus', file), 'utf8'));

describe('hover: words crash names by a symbol shown as no function', () => {
  const arm64 = corpus('arm64/05-irq.crashlog');

  it('does not call the hex word a return address, and says how to tell', () => {
    const card = hoverOn(arm64, 'ffff800008febeb8', 0, (l) => l.startsWith('    ffff800008003a90:'));
    assert.match(card, /`kallsyms_token_index\+29984` — the transcript shows `kallsyms_token_index` as no function/);
    assert.match(card, /`sym kallsyms_token_index` tells/);
    assert.doesNotMatch(card, /Return address/);
  });

  it('says a symbolic word may be data, not where a function starts', () => {
    const card = hoverOn(arm64, 'kallsyms_token_index+29984');
    assert.match(
      card,
      /`kallsyms_token_index` starts at `ffff800008fe4998`; the transcript shows it as no function, so it may be data/,
    );
    assert.doesNotMatch(card, /function starts at/);
  });

  it('keeps a function the transcript shows as code a return address', () => {
    // cc_do_null is a frame of the task's bt.
    const card = hoverOn(arm64, 'ffff800000d00270', 0, (l) => l.startsWith('    ffff800008003df0:'));
    assert.match(card, /Return address `cc_do_null\+52` \[corpus_crash\]/);
  });

  it('reads a word far past its symbol as a pointer into an object', () => {
    const card = hoverOn(corpus('mips64/02-null.crashlog'), '_printk_rb_static_descs+98280');
    assert.match(card, /the transcript shows it as no function, so it may be data/);
  });

  (hasShared ? it : it.skip)('x86_64: a register and a stack slot holding a pointer into _printk_rb_static_descs', () => {
    const model = analyze(readShared('corpus', 'crash-x86_64', '01-BUG.crashlog'));
    const card = hoverOn(model, 'ffffffff8a0d4448', 0, (l) => l.startsWith('    ffffd45d40403c08:'));
    assert.match(card, /98280 bytes in, more than a function's length: most likely a pointer into data, not a return address/);
  });

  (hasShared ? it : it.skip)("x86_64: a word at a cold part's start is no object or function pointer", () => {
    const model = analyze(readShared('corpus', 'crash-x86_64', '01-BUG.crashlog'));
    const card = hoverOn(model, 'show_opcodes.cold', 0, (l) => /^\s+[0-9a-f]{16}: /.test(l));
    assert.match(card, /a compiler's cold part, whose address no code takes, so no object or function pointer/);
  });
});

describe('hover: an object crash names by its symbol after a pointer', () => {
  // `list … -s cfs_rq.tg` of a public RHEL 7 analysis (update_blocked_averages use-after-free, a GitHub
  // markdown post): `root_task_group` is a struct task_group in the kernel image's data.
  const model = analyze(
    [
      'crash> list -o cfs_rq.leaf_cfs_rq_list -s cfs_rq.tg -H ffff88047fd192e0',
      'ffff88007679a800',
      '  tg = 0xffff8802a3772800',
      'ffff88047fd18b00',
      '  tg = 0xffffffff81ea6600 <root_task_group>',
    ].join('\n'),
    { arch: 'x86_64' },
  );

  it('is not called kernel text when nothing shows the symbol as code', () => {
    const card = hoverOn(model, 'ffffffff81ea6600');
    assert.match(card, /^\*\*ffffffff81ea6600\*\* — kernel image: root_task_group, text or data/);
  });
});

// A blog's bt -f (Ming Lei, "Linux kernel debug note", 2025): a word in the kernel image's range 3.6 MB past
// the one function the transcript places there.
const IMAGE_WORD = [
  'crash> bt -f 876',
  'PID: 876      TASK: ffff95cb4fdb0000  CPU: 7    COMMAND: "iscsid"',
  ' #0 [ffffa32e4102f7f8] __schedule at ffffffffb0c8eb7b',
  '    ffffa32e4102f800: ffff95cb49931240 ffffffff00000004',
  '    ffffa32e4102f810: ffffffffb1030fc0 0000000000000000',
  '    ffffa32e4102f820: 0000000000000002 b4f849dadddac700',
  '    ffffa32e4102f830: ffff95ccfa940c58 ffff95cb4fdb0000',
  '    ffffa32e4102f840: 0000000000000000 ffff95cb40538000',
];

describe("hover: a word in the kernel image's range that no known function holds", () => {
  it('is the image, text or data, not kernel text', () => {
    assert.match(
      hoverOn(analyze(IMAGE_WORD.join('\n')), 'ffffffffb1030fc0'),
      /^\*\*ffffffffb1030fc0\*\* — kernel image \(text or data\)$/m,
    );
  });
});
