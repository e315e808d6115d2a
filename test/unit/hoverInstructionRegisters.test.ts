// ppc64 saves CFAR, the address of the last branch taken, in pt_regs' orig_gpr3 on an interrupt other
// than a system call: crash prints it as OR3, show_regs as CFAR. An instruction's address, never a return
// address. crash's bt of a ppc64le oops (test/support/publicExcerpts.ts).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';
import { PPC64_ZRAM_BT } from '../support/publicExcerpts';

const BT = PPC64_ZRAM_BT;

describe("hover: ppc64's OR3 (CFAR)", () => {
  it('reads a text address in OR3 as the last branch taken, not a return address', () => {
    const card = hoverOn(analyze(BT.join('\n')), 'c0000000001756c8');
    assert.match(card, /Instruction at `memcpy_power7\+1736`[^\n]*: the last branch taken before the interrupt \(CFAR/);
    assert.doesNotMatch(card, /Return address/);
  });
});
