// A word at a function's first byte is no return address, unless a noreturn call ends the function
// before it; that function is named only where the transcript shows it reaching so far. A riscv64
// `bt -e` quoted in crash's commit d86dc69 (github.com/crash-utility/crash), unedited: only
// lkdtm_do_action+16 is known below lkdtm_EXCEPTION, whose a5 holds its start (support/publicExcerpts).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';
import { RISCV64_BT_E } from '../support/publicExcerpts';

describe("hover: a function's first byte", () => {
  it('names no function before it whose extent the transcript does not show', () => {
    const text = hoverOn(analyze(RISCV64_BT_E.join('\n')), 'ffffffff805303ba');
    assert.match(text, /`lkdtm_EXCEPTION` — start of the function/);
    assert.doesNotMatch(text, /lkdtm_do_action\+1428|noreturn call at the end of `lkdtm_do_action`/);
  });
});
