// A negative number a kernel message reports as an error is hovered as the errno it is. Lines of
// public reports, unedited: Ultramarine's bootc issue 4 (github.com/Ultramarine-Linux/bootc) and
// LKFT's LTP run on linux-next (LKML, 2023-10-26), whose test prints its own return values.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

describe('hover: an error number in a message', () => {
  it('names the errno of `error -6`', () => {
    const model = analyze(
      '[    0.981116] VFS: Cannot open root device "UUID=96991ead-b3b0-48ef-a347-f8c3c0f86bf1" or unknown-block(0,0): error -6',
    );
    assert.equal(hoverOn(model, '-6'), '**−6** — error code −ENXIO');
  });

  it("leaves a test's own return value and expectation alone", () => {
    const model = analyze(
      ['set_robust_list01 1 TPASS : set_robust_list: retval = -1', '(expected -1), errno = 22 (expected 22)'].join('\n'),
    );
    assert.equal(hoverOn(model, '-1'), '');
    assert.equal(hoverOn(model, '-1', 1), '');
  });
});
