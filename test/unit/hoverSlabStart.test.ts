// A `bt -FF` pointer into a slab object, `[ffff8880b0cf0b00:nfs_page]`, whose start `kmem` shows
// in brackets under `FREE / [ALLOCATED]`: the card names the object's start instead of saying it
// is not shown. Lines are machine output from a public 4.19 NFS session, unedited (its author
// elided kmem's other lines with `...`).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

const NFS_PAGE = [
  'crash> bt -FF',
  '#11 [ffff8880b1ab7a78] nfs_inode_add_request at ffffffff81c0a939',
  '    ffff8880b1ab7a80: ffffea0002cd5900 [ffff8880b0cf0b00:nfs_page] ',
  '    ...',
  '',
  'crash> bt -f',
  '#11 [ffff8880b1ab7a78] nfs_inode_add_request at ffffffff81c0a939',
  '    ffff8880b1ab7a80: ffffea0002cd5900 ffff8880b0cf0b00',
  '',
  'crash> kmem ffff8880b0cf0b00',
  '...',
  '  FREE / [ALLOCATED]',
  '  [ffff8880b0cf0b00]',
  '...',
].join('\n');

describe('hover: a slab object whose start kmem shows', () => {
  const model = analyze(NFS_PAGE, { arch: 'x86_64' });

  it("on kmem's own line: the start of an allocated nfs_page object", () => {
    const text = hoverOn(model, 'ffff8880b0cf0b00', 3);
    assert.match(text, /Start of a nfs_page object, allocated \(kmem shows it in brackets, on this line\)/);
    assert.doesNotMatch(text, /start is not shown/);
  });

  it('elsewhere: the same start, with the kmem line', () => {
    const text = hoverOn(model, 'ffff8880b0cf0b00', 1);
    assert.match(text, /Start of a nfs_page object, allocated \(kmem shows it in brackets, line 13\)/);
  });
});
