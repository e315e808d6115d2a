// The stack-protector canary: a random word with its low byte zero that a stack holds at two or
// more slots. Lines of a public `crash` session (x86_64 6.1, softlockup in netdev_run_todo), the
// note author's `//` annotations left out.
import { strict as assert } from 'assert';
import { hoverContext } from '../../server/src/analysis/hover/context';
import { stackCanary } from '../../server/src/analysis/hover/facts/stackCanary';
import { analyze } from '../../server/src/analysis/model';
import { at } from '../support/caret';
import { X86_KMALLOC_NODE_BT_F } from '../support/publicExcerpts';

const SESSION = [
  'crash> bt',
  'PID: 4962     TASK: ffff8881025dc880  CPU: 0    COMMAND: "mdsvr"',
  ' #0 [ffffc900022e7ae8] machine_kexec at ffffffff802857d3',
  ' #1 [ffffc900022e7b68] __crash_kexec at ffffffff80394297',
  ' #2 [ffffc900022e7c38] panic at ffffffff802a4da5',
  ' #3 [ffffc900022e7cb8] netdev_run_todo at ffffffff80cb82bc',
  ' #4 [ffffc900022e7d58] vlan_ioctl_handler at ffffffff810590d3',
  'crash> rd -s ffffc900022e7c38 128',
  'ffffc900022e7c38:  panic+326        0000003000000008 ',
  'ffffc900022e7c48:  ffffc900022e7cc0 ffffc900022e7c60 ',
  'ffffc900022e7c58:  _printk+89       schedule_timeout+210 ',
  'ffffc900022e7c68:  00000000ffffdfff ffffc900022e7bc0 ',
  'ffffc900022e7c78:  d66ccc72ee3a4e00 0000000000001fff ',
  'ffffc900022e7c88:  _printk_rb_static_descs ffffc900022e7d10',
  'ffffc900022e7c98:  ffffc900022e7d00 ffffc900022e7d00',
  'ffffc900022e7ca8:  00000001000cdf18 ffffc900022e7d50',
  'ffffc900022e7cc8:  0000000000000002 vlan_vid_del+285 ',
  'ffffc900022e7cd8:  0000000000000002 00000001000ce1f1 ',
  'ffffc900022e7ce8:  ffff8881025dc880 000000fa03a45440 ',
  'ffffc900022e7cf8:  00000001000cc919 ffff888102af84d0 ',
  'ffffc900022e7d18:  0000000000000000 d66ccc72ee3a4e00 ',
];

function card(lines: readonly string[], needle: string, nth = 0) {
  const model = analyze(lines.join('\n'));
  const { line, character } = at(model.lines, needle, { nth, offset: 1 });
  const context = hoverContext(model, line, character);
  assert.ok(context, needle);
  return stackCanary.describe(context);
}

describe('hover: stack-protector canary', () => {
  it('names a random word with a zero low byte at two slots of one stack', () => {
    const said = card(SESSION, 'd66ccc72ee3a4e00', 1);
    assert.ok(said && typeof said === 'object', 'a card');
    assert.match(said.text, /stack-protector canary/);
    assert.match(said.text, /2 slots of the stack of PID 4962 \(mdsvr\)/);
    assert.equal(said.places.length, 2);
  });

  it('says nothing of a word the stack holds once', () => {
    assert.equal(card(SESSION.slice(0, -1), 'd66ccc72ee3a4e00'), undefined);
  });

  it('says nothing of a repeated word whose low byte is not zero, or of a pointer', () => {
    const other = SESSION.map((l) => l.replace(/d66ccc72ee3a4e00/g, 'd66ccc72ee3a4e01'));
    assert.equal(card(other, 'd66ccc72ee3a4e01', 1), undefined);
    assert.equal(card(SESSION, 'ffffc900022e7d00', 1), undefined);
  });

  it('says nothing of a kernel-half pointer in no region the layout knows, at slots of several frames (a `struct file *`)', () => {
    assert.equal(card(X86_KMALLOC_NODE_BT_F, 'ffff9c5a0728f100', 1), undefined);
  });
});
