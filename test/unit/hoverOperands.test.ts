// x86 memory operands hovered in dis lines people paste: an indexed access names its base, index and
// scale (an array element, no struct member at a fixed offset), and an immediate 0 is a zero, not a
// member's offset. Lines of a public blog's `dis -l evo_wait` (a nouveau crash, 2015) and of an
// LKML mail's `dis` (Mike Galbraith, "Re: [RFC][PATCH 08/10] sched/fair: Implement delayed dequeue",
// 2024-04-15), unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

describe('hover: x86 operands', () => {
  it('reads `(%rax,%rbx,4)` as base + scale × index, not an offset 0 from rax', () => {
    const model = analyze('0xffffffffa0406bf3 <evo_wait+83>:       movl   $0x20000000,(%rax,%rbx,4)');
    const card = hoverOn(model, '(%rax,%rbx,4)');
    assert.equal(
      card,
      '**(%rax,%rbx,4)** — address `rax` + 4 × `rbx`: an indexed access (an array element), not a member at a fixed offset',
    );
  });

  it('lists no struct member for an immediate 0', () => {
    const model = analyze(
      [
        '0xffffffff810d5b57 <pick_task_fair+71>:\tcmpb   $0x0,0x4c(%rax)',
        'crash> struct -ox sched_entity',
        'struct sched_entity {',
        '    [0x0] struct load_weight load;',
      ].join('\n'),
    );
    assert.equal(hoverOn(model, '$0x0'), '**$0x0** — immediate 0 (0x0)');
  });
});

describe('hover: a value a note writes after `RIP:`', () => {
  it('reads it as where execution was, not a return address', () => {
    // A blog's vmcore walk-through (chenxiaosong.com, an nfs_updatepage NULL dereference on 4.19), unedited.
    const model = analyze(
      [
        'crash> dis -l ffffffff81c0a939',
        '0xffffffff81c0a939 <nfs_inode_add_request+460>: lea    -0xe0(%rbp),%r14',
        '',
        'crash> bt # 查看崩溃的栈',
        '[exception RIP: _raw_spin_lock+29] RIP: ffffffff836c0e4a',
        'crash> sym ffffffff836c0e4a # [exception RIP: _raw_spin_lock+29] RIP: ffffffff836c0e4a',
        'ffffffff836c0e4a (T) _raw_spin_lock+29 /home/sonvhi/chenxiaosong/code/4.19-stable/build/../arch/x86/include/asm/atomic.h: 194',
      ].join('\n'),
    );
    const card = hoverOn(model, 'ffffffff836c0e4a');
    assert.match(card, /where execution was, not a return address/);
    assert.doesNotMatch(card, /Return address/);
  });
});
