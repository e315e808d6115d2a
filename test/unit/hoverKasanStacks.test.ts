// A KASAN kernel's task stacks are 32 KiB on x86_64 (THREAD_SIZE doubled), while a stack's extent is
// learned at 16 KiB: the slot card gives the KASAN extent too. crash lines of linux-btrfs, Naohiro Aota,
// "Re: [PATCH] btrfs: fix deadlock with concurrent chunk allocations involving system chunks",
// <20210623073724.diltq4hd7z6t6dmo@naota-xeon> (its `...` elisions as posted); dffffc0000000000 is
// x86_64's KASAN_SHADOW_OFFSET among the words.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

const BTRFS_KASAN = [
  'crash> bt 1214',
  'PID: 1214   TASK: ffff8881c8be4000  CPU: 0   COMMAND: "fsstress"',
  ' #0 [ffffc90003777228] __schedule at ffffffff8260d345',
  ' #1 [ffffc90003777330] schedule at ffffffff8260eb67',
  ' #2 [ffffc90003777360] rwsem_down_read_slowpath at ffffffff826194bd',
  ' #3 [ffffc900037774b8] __down_read_common at ffffffff812648cc',
  ' #4 [ffffc90003777568] down_read_nested at ffffffff81264d44',
  ' #5 [ffffc900037775b8] btrfs_read_lock_root_node at ffffffffa02b2fe7 [btrfs]',
  '',
  '...',
  ' #4 [ffffc90003777568] down_read_nested at ffffffff81264d44',
  '    ffffc90003777570: [ffff88817afc7c20:btrfs_extent_buffer] 0000000000000000 ',
  '    ffffc90003777580: 0000000000000000 ffffc900037775b0 ',
  '    ffffc90003777590: __btrfs_tree_read_lock+40 [ffff88817afc7c20:btrfs_extent_buffer] ',
  '    ffffc900037775a0: ffffed102e623800 dffffc0000000000 ',
  '    ffffc900037775b0: ffffc900037775d8 btrfs_read_lock_root_node+71',
];

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
