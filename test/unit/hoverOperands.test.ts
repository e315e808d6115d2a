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
