// A dumped stack word inside the registers an exception saved (struct pt_regs, found where its pc
// and sp words hold a printed block's) is that register of the interrupted context: ORIG_RAX's −1
// is no errno, RFLAGS' 0x246 status bits. Our own dumps' sessions (test/corpus/x86_64/01-null.formats,
// arm64/05-irq).
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze } from '../../server/src/analysis/model';
import { exceptionFramePlaces } from '../../server/src/analysis/unwind/exceptionFramePlaces';
import { hoverOn } from '../support/hover';

const corpus = (file: string) => analyze(readFileSync(join(__dirname, '../corpus', file), 'utf8'));

describe('hover: a word of the registers an exception saved', () => {
  const x86 = corpus('x86_64/01-null.formats.crashlog');

  it('finds the pt_regs whose ip and sp words hold the printed block', () => {
    assert.deepEqual(
      exceptionFramePlaces(x86).map((p) => p.address),
      [0xffffcd72c062fcf8n],
    );
  });

  it("reads pt_regs.orig_ax's −1 as ORIG_RAX, not as an error number", () => {
    const card = hoverOn(x86, 'ffffffffffffffff', 0, (l) => l.startsWith('    ffffcd72c062fd68:'));
    assert.match(card, /^\*\*ffffffffffffffff\*\* — ORIG_RAX: the entry's own word, not an address/);
    assert.match(card, /`pt_regs\.orig_ax` of the registers an exception saved at `ffffcd72c062fcf8`, printed as `ORIG_RAX`/);
    assert.doesNotMatch(card, /EPERM/);
  });

  it('reads pt_regs.flags as status bits', () => {
    const card = hoverOn(x86, '0000000000000246', 0, (l) => l.startsWith('    ffffcd72c062fd88:'));
    assert.match(card, /RFLAGS: status bits[\s\S]*IF: interrupts enabled/);
  });

  it('arm64: the stackframe record inside pt_regs is no second pt_regs', () => {
    // Its {x29, pc} pair stands where a pt_regs 0x38 higher would keep sp and pc.
    const places = exceptionFramePlaces(corpus('arm64/05-irq.crashlog')).map((p) => p.address);
    assert.ok(places.includes(0xffff800008003d00n));
    assert.ok(!places.includes(0xffff800008003d38n));
  });
});
