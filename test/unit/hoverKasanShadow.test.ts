// Generic KASAN on x86_64: dffffc0000000000 is KASAN_SHADOW_OFFSET, and a word in the shadow of
// the kernel half (ffffec0000000000–fffffc0000000000) is a shadow byte's address, of the address
// (shadow − offset) << 3. Lines are `bt -FF` machine output from a public btrfs report, unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';
import { BTRFS_KASAN_BT_FF } from '../support/publicExcerpts';

const KASAN_BT_FF = BTRFS_KASAN_BT_FF;

describe('hover: generic KASAN shadow (x86_64)', () => {
  it('names the shadow offset', () => {
    const text = hoverOn(analyze(KASAN_BT_FF.join('\n'), { arch: 'x86_64' }), 'dffffc0000000000');
    assert.match(text, /^\*\*dffffc0000000000\*\* — KASAN shadow offset \(KASAN_SHADOW_OFFSET\)/);
  });

  it('reads a shadow address as the shadow of (shadow − offset) << 3', () => {
    const text = hoverOn(analyze(KASAN_BT_FF.join('\n'), { arch: 'x86_64' }), 'ffffed102e623800');
    assert.match(text, /^\*\*ffffed102e623800\*\* — KASAN shadow of ffff88817311c000$/m);
  });

  it('without any sign of KASAN the same range is no shadow (the randomized layout may use it)', () => {
    const lines = KASAN_BT_FF.map((l) => l.replace(' dffffc0000000000', ' 0000000000000000'));
    const text = hoverOn(analyze(lines.join('\n'), { arch: 'x86_64' }), 'ffffed102e623800');
    assert.doesNotMatch(text, /KASAN/);
  });
});
