// A KASAN kernel's task stacks are 32 KiB on x86_64 (THREAD_SIZE doubled), while a stack's extent is
// learned at 16 KiB: the slot card gives the KASAN extent too (a public btrfs report's `bt` and `bt -FF`,
// test/support/publicExcerpts.ts; dffffc0000000000 is x86_64's KASAN_SHADOW_OFFSET among the words).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';
import { BTRFS_KASAN_BT, BTRFS_KASAN_BT_FF } from '../support/publicExcerpts';

const BTRFS_KASAN = [...BTRFS_KASAN_BT, '', ...BTRFS_KASAN_BT_FF];

describe('hover: stack slots of a KASAN kernel (x86_64)', () => {
  it("give the 32 KiB extent of such a kernel's stacks", () => {
    const model = analyze(BTRFS_KASAN.join('\n'), { arch: 'x86_64' });
    const text = hoverOn(model, 'ffffc900037775b0', 0, (l) => l.startsWith('    ffffc90003777580:'));
    assert.match(text, /a KASAN kernel's task stacks are 32 KiB: then `ffffc90003770000`–`ffffc90003778000`, offset 0x75b0/);
  });

  it('say nothing of it without KASAN', () => {
    const plain = BTRFS_KASAN.map((l) => l.replace('dffffc0000000000', '0000000000000000'));
    const text = hoverOn(analyze(plain.join('\n'), { arch: 'x86_64' }), 'ffffc900037775b0', 0, (l) =>
      l.startsWith('    ffffc90003777580:'),
    );
    assert.match(text, /Stack slot of the stack of PID 1214/);
    assert.doesNotMatch(text, /KASAN/);
  });
});

describe("hover: the cache name in bt -FF's [ADDR:cache]", () => {
  it('is the slab cache of the object the word points into, with the commands that show them', () => {
    const model = analyze(BTRFS_KASAN.join('\n'), { arch: 'x86_64' });
    const text = hoverOn(model, 'btrfs_extent_buffer', 0, (l) => l.startsWith('    ffffc90003777570:'));
    assert.match(text, /^\*\*btrfs_extent_buffer\*\* — slab cache: the word `ffff88817afc7c20` points into an object of it/m);
    assert.match(text, /`kmem ffff88817afc7c20` gives the object; `kmem -s btrfs_extent_buffer` the cache/);
  });
});
