// A return address in a dump is named as crash's bt (and the unwinder) names it: by the frame
// printed at that address, or at its call on arm64 (return address − 4), not after the nearest
// function start the transcript happens to show, whose size is unknown. Lines are machine output
// from public crash sessions, unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

/** x86_64 4.19 with frame pointers: `dis -l enqueue_entity` shows only that function's start. */
const X86_ENQUEUE = [
  'crash> bt',
  'PID: 0      TASK: ffff8d52f8990000  CPU: 33  COMMAND: "swapper/33"',
  ' #8 [ffff8d5300143db0] do_page_fault at ffffffff90074cfe',
  ' #9 [ffff8d5300143de0] page_fault at ffffffff90a015c5',
  '    [exception RIP: enqueue_entity+532]',
  '    RIP: ffffffff900c5f74  RSP: ffff8d5300143e90  RFLAGS: 00010046',
  '#10 [ffff8d5300143ed0] enqueue_task_fair at ffffffff900c647c',
  '#11 [ffff8d5300143f30] activate_task at ffffffff900b8664',
  '',
  'crash> dis -l enqueue_entity | grep push | nl -v 2 | grep r12',
  '     6  0xffffffff900c5d74 <enqueue_entity+20>: push   %r12',
  '',
  'crash> bt -f |grep -B 3 enqueue_task_fair',
  '    ffff8d5300143eb8: ffff8d5300143f90 0000000000000000',
  '    ffff8d5300143ec8: ffff8d5300143f28 ffffffff900c647c',
  '#10 [ffff8d5300143ed0] enqueue_task_fair at ffffffff900c647c',
].join('\n');

/** arm64 39-bit (Android 4.4): `dis sys_renameat2` lists its first instructions only. */
const ARM64_RENAME = [
  'crash64> bt 5223',
  'PID: 5223   TASK: ffffffc14c098000  CPU: 4   COMMAND: "obike.mobikeapp"',
  ' #6 [ffffffc08d01fda0] lock_rename at ffffff80081bd454',
  ' #7 [ffffffc08d01fdd0] sys_renameat2 at ffffff80081c070c',
  ' #8 [ffffffc08d01feb0] sys_renameat at ffffff80081c0958',
  ' #9 [ffffffc08d01fed0] el0_svc_naked at ffffff800808462c',
  'crash64> dis sys_renameat2',
  '0xffffff80081c0598 <sys_renameat2>:     stp     x29, x30, [sp,#-224]!',
  '0xffffff80081c059c <sys_renameat2+4>:   tst     w4, #0xfffffff8',
  '0xffffff80081c05a0 <sys_renameat2+8>:   mov     x29, sp',
  'crash64> rd ffffffc08d01fdd0 -e ffffffc08d01feb0',
  'ffffffc08d01fdd0:  ffffffc08d01feb0 ffffff80081c095c   ........\\.......',
  'ffffffc08d01fde0:  0000000000400000 0000000000000000   ..@.............',
].join('\n');

/** x86_64 4.19 `bt -f`: nothing but the frame line below names the return slot. */
const X86_SINGLE_OPEN = [
  'crash> bt -f',
  ' #8 [ffffbd3602893be0] kvmalloc_node at ffffffff9c43eba3',
  '    ffffbd3602893be8: ffff9c5a0728f100 ffffffff9c566720',
  '    ffffbd3602893bf8: 0000000000000000 ffffffff9c4f47bc',
  ' #9 [ffffbd3602893c00] single_open_size at ffffffff9c4f47bc',
  '    ffffbd3602893c08: ffff9c5d2eef3d40 ffff9c5d2eef3d40',
].join('\n');

describe('hover: a return address named by the bt frame printed there', () => {
  it('x86_64: the bt -f return slot is enqueue_task_fair, not the nearest start enqueue_entity', () => {
    const model = analyze(X86_ENQUEUE, { arch: 'x86_64' });
    const text = hoverOn(model, 'ffffffff900c647c', 1);
    assert.match(text, /Return address into `enqueue_task_fair`, as bt frame #10 names it/);
    assert.doesNotMatch(text, /enqueue_entity/);
    assert.doesNotMatch(text, /nearest known symbol/);
  });

  it('x86_64: the saved frame pointer beside it names the same function', () => {
    const model = analyze(X86_ENQUEUE, { arch: 'x86_64' });
    const text = hoverOn(model, 'ffff8d5300143f28');
    assert.match(text, /return address beside it: `enqueue_task_fair`/);
  });

  it('arm64: the saved LR is sys_renameat, whose bt frame crash prints at the call (LR − 4)', () => {
    const model = analyze(ARM64_RENAME, { arch: 'arm64' });
    const text = hoverOn(model, 'ffffff80081c095c');
    assert.match(text, /Return address into `sys_renameat`, as bt frame #8 names it, printed at its call `ffffff80081c0958`/);
    assert.doesNotMatch(text, /sys_renameat2\+964/);
  });

  it('x86_64: a return slot no symbol names takes the name of the frame line below it', () => {
    const model = analyze(X86_SINGLE_OPEN, { arch: 'x86_64' });
    const text = hoverOn(model, 'ffffffff9c4f47bc');
    assert.match(text, /Return address into `single_open_size`, as bt frame #9 names it/);
  });
});
