// `struct -o TYPE ADDR` lists an object with each member's address in brackets: an address inside
// that object anywhere in the transcript (a stack word, a register) names the member there.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

const SESSION = [
  'crash> struct -o sock ffff888105a2c000',
  'struct sock {',
  '  [ffff888105a2c000] struct sock_common __sk_common;',
  '  [ffff888105a2c088] socket_lock_t sk_lock;',
  '  [ffff888105a2c0e8] atomic_t sk_drops;',
  '  [ffff888105a2c0ec] int sk_rcvlowat;',
  '  [ffff888105a2c0f0] struct sk_buff_head sk_error_queue;',
  '  [ffff888105a2c108] struct sk_buff_head sk_receive_queue;',
  '}',
  'SIZE: 0x3a8',
  'crash> rd ffffc90000e1fd00 4',
  'ffffc90000e1fd00:  ffff888105a2c108 ffff888105a2c0f4   ................',
  'ffffc90000e1fd10:  ffff888105a2c000 ffff888105a2c3a8   ................',
].join('\n');

describe('hover: an address inside an object that struct -o lists', () => {
  const model = analyze(SESSION, { arch: 'x86_64' });

  it('reads the listing as the layout of sock, its offsets from the first member', () => {
    const layout = model.structs.get('sock')!;
    assert.equal(layout.address, 0xffff888105a2c000n);
    assert.deepEqual(
      layout.members.map((m) => [m.path, m.offset]),
      [
        ['__sk_common', 0],
        ['sk_lock', 0x88],
        ['sk_drops', 0xe8],
        ['sk_rcvlowat', 0xec],
        ['sk_error_queue', 0xf0],
        ['sk_receive_queue', 0x108],
      ],
    );
  });

  it('names the member at a stack word, inside a member too', () => {
    assert.match(
      hoverOn(model, 'ffff888105a2c108', 1),
      /struct sock `ffff888105a2c000` \+ 0x108 = `sk_receive_queue` \(`struct -o` listed at line 2\)/,
    );
    assert.match(hoverOn(model, 'ffff888105a2c0f4'), /\+ 0xf4 = `sk_error_queue\+4`/);
    assert.match(hoverOn(model, 'ffff888105a2c000', 2), /Start of struct sock = `__sk_common`/);
  });

  it('says nothing past the object’s SIZE', () => {
    assert.doesNotMatch(hoverOn(model, 'ffff888105a2c3a8'), /struct sock/);
  });
});

describe('struct -o output a grep filtered', () => {
  // Petr Mladek on LKML, "Re: re. Spurious wakeup on a newly created kthread" (2022-06-28), unedited.
  const model = analyze(
    [
      '     crash> struct -x -o task_struct | grep wake_q',
      '        [0x860] struct wake_q_node wake_q;',
      '        [0x868] struct wake_q_node wake_q_sleeper;',
    ].join('\n'),
  );

  it('keeps the members it left, at their offsets in the type the command names', () => {
    const layout = model.structs.get('task_struct');
    assert.deepEqual(
      layout?.members.map((m) => [m.path, m.offset]),
      [
        ['wake_q', 0x860],
        ['wake_q_sleeper', 0x868],
      ],
    );
  });
});
