// `TYPE.member ADDR -o` lists one member at its own address: the object starts at the command's
// address, not at the first member printed. crash lines of a public RHEL 7 analysis
// (update_blocked_averages use-after-free, a GitHub markdown post), unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

const MEMBER_OF_RQ = [
  'crash> rq.leaf_cfs_rq_list ffff88047fd18a80 -o',
  'struct rq {',
  '  [ffff88047fd192e0] struct list_head leaf_cfs_rq_list;',
  '}',
  '',
  'crash> list -H ffff88047fd192e0',
  'ffff880070d434b0',
  'ffff880292b1cab0',
].join('\n');

describe('struct listings of some members of an object', () => {
  it('place the member at its offset in the object the command names', () => {
    const model = analyze(MEMBER_OF_RQ, { arch: 'x86_64' });
    const text = hoverOn(model, 'ffff88047fd192e0', 0, (l) => l.startsWith('crash> list -H'));
    assert.match(text, /^struct rq `ffff88047fd18a80` \+ 0x860 = `leaf_cfs_rq_list`/m);
    assert.doesNotMatch(text, /Start of struct rq/);
  });
});
