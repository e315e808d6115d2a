// A transcript whose architecture stays unknown still says its word size by its dumps: a 32-bit
// kernel's `rd` shows 8-digit addresses, and its words read as 32-bit values and slab objects. The
// kernel's own banner names its machine wherever it is printed. crash's `help rd` (help.c), unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

const RD_SS = [
  'crash> rd -SS f6e31f70 28',
  'f6e31f70:  [f6e31f6c:size-4096] [f779c180:filp] kmsg_read 00a9dd40',
  'f6e31f80:  00000fff vfs_read+159 [f6e31fa4:size-4096] [f779c180:filp]',
  'f6e31f90:  fffffff7 00a9b70f [f6e31000:size-4096] sys_read+60',
  'f6e31fa0:  [f6e31fa4:size-4096] 00000000 00000000 00000000',
];

const BANNER = [
  'crash> rd -a linux_banner',
  'c082a020:  Linux version 2.6.32-119.el6.i686 (mockbuild@hs20-bc2-4.buil',
  'c082a05c:  d.redhat.com) (gcc version 4.4.4 20100726 (Red Hat 4.4.4-13)',
  'c082a098:   (GCC) ) #1 SMP Tue Mar 1 18:16:57 EST 2011',
];

describe('word size and machine of a transcript without registers', () => {
  it('reads 32-bit dumps as 4-byte words: 8-digit values, slab objects by their caches', () => {
    const model = analyze(RD_SS.join('\n'));
    assert.equal(model.wordBytes, 4);
    assert.match(hoverOn(model, 'f6e31f6c'), /^\*\*f6e31f6c\*\* — slab object of size-4096/);
  });

  it("takes the machine from the kernel's banner in a dump", () => {
    const model = analyze([...BANNER, ...RD_SS].join('\n'));
    assert.equal(model.arch, 'unknown');
    assert.equal(model.archUnmodelled, 'i386');
  });
});
