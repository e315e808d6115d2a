// `vtop` output by its columns: the address `vtop -u` was given is a user address (on s390x, where user
// space is an address space of its own, its value looks like the kernel's), the PHYSICAL column and
// the page-table walk are physical addresses, and what a table entry holds is an entry. s390x lines
// of crash's commit messages (fbb2e9e2e38d and others), i386 ones of crash's help page for vtop.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

const S390X = [
  'crash> vtop -u 0x60000000000000',
  'VIRTUAL           PHYSICAL',
  '60000000000000    5b50a000',
  '',
  'PAGE DIRECTORY: 000000005cea0000',
  ' RFTE: 000000005cea0018 => 000000006612400f (flags = 00f)',
  'crash> vtop -k 0x3d100000000',
  'VIRTUAL           PHYSICAL',
  '3d100000000       77c00000',
];

const I386 = [
  'crash> vtop 80b4000',
  'VIRTUAL   PHYSICAL',
  '80b4000   660f000',
  '',
  'PAGE DIRECTORY: c37f0000',
  '  PGD: c37f0080 => e0d067',
  '  PTE: c0e0d2d0 => 660f067',
  ' PAGE: 660f000',
];

describe('hover: vtop output', () => {
  it("reads `vtop -u`'s address as a user address, on the prompt and in the VIRTUAL column", () => {
    const model = analyze(S390X.join('\n'));
    assert.match(hoverOn(model, '0x60000000000000'), /— user space: the address `vtop -u` translates/);
    assert.match(hoverOn(model, '60000000000000', 1), /— user space: the address `vtop -u` translates/);
    assert.match(hoverOn(model, '5b50a000'), /— physical address, not a kernel virtual address/);
  });

  it('reads the page-table walk: where each entry is (physical) and what it holds (an entry)', () => {
    const model = analyze(S390X.join('\n'));
    assert.match(hoverOn(model, '000000005cea0018'), /— physical address/);
    assert.match(hoverOn(model, '000000006612400f'), /— page-table entry: a physical address and flag bits/);
    const i386 = analyze(I386.join('\n'));
    assert.match(hoverOn(i386, 'c0e0d2d0'), /— physical address/);
    assert.match(hoverOn(i386, '660f067'), /— page-table entry/);
    assert.match(hoverOn(i386, '660f000', 1), /— physical address/);
  });

  it("leaves `vtop -k`'s kernel address to the layout, and a page directory's base to its value", () => {
    const model = analyze(S390X.join('\n'));
    assert.doesNotMatch(hoverOn(model, '3d100000000', 1), /user space|physical/);
    assert.doesNotMatch(hoverOn(model, '000000005cea0000'), /physical address, not/);
  });
});
