// Transcripts copied from a web page, chat or word processor: no-break spaces (`&nbsp;` rendered)
// where the machine printed spaces, zero-width characters and a byte-order mark where it printed
// nothing. They are read as spaces: the same model as the plain text, the same hovers, same columns.
import { strict as assert } from 'assert';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';
import { plainChars } from '../../server/src/analysis/parse/pastedChars';

// crash-utility users' `bt` as posted in a GitHub issue (jason--liu/Blog#43).
const CRASH_BT = [
  'crash> bt',
  'PID: 1747838  TASK: ffff887644fe5e20  CPU: 26  COMMAND: "CPU 1/KVM"',
  ' #0 [ffff888f4a6e38b0] machine_kexec at ffffffff81059bdb',
  ' #1 [ffff888f4a6e3910] __crash_kexec at ffffffff811057c2',
  ' #2 [ffff888f4a6e39e0] crash_kexec at ffffffff811058b0',
  ' #3 [ffff888f4a6e39f8] oops_end at ffffffff8168f888',
  ' #4 [ffff888f4a6e3a20] die at ffffffff8102e93b',
  ' #5 [ffff888f4a6e3a50] do_trap at ffffffff8168ef40',
  ' #6 [ffff888f4a6e3aa0] do_invalid_op at ffffffff8102b144',
  ' #7 [ffff888f4a6e3b50] invalid_op at ffffffff8169891e',
  '    [exception RIP: kvm_zap_rmapp+87]',
  '    RIP: ffffffffa075fb37  RSP: ffff888f4a6e3c00  RFLAGS: 00010246',
  '    RAX: 0000000000000000  RBX: ffffc900efcb2a60  RCX: 000000000011014c',
  '    RDX: ffff881bad618a60  RSI: ffff881bad618a60  RDI: ffff882795e30000',
  '    RBP: ffff888f4a6e3c10   R8: 0000000000000001   R9: 0000000000000000',
  '    R10: ffffc900b7446000  R11: 0000000000140000  R12: ffff882795e30000',
  '    R13: ffffffffa075fb40  R14: 0000000000000000  R15: ffffc900b7446008',
  '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
  ' #8 [ffff888f4a6e3c18] kvm_unmap_rmapp at ffffffffa075fb4e [kvm]',
  ' #9 [ffff888f4a6e3c28] kvm_handle_hva_range at ffffffffa075bc74 [kvm]',
  '#10 [ffff888f4a6e3cc8] kvm_unmap_hva_range at ffffffffa07683d7 [kvm]',
].join('\n');

// A kernel BUG as posted in a GitHub issue (dolohow/uksm#44).
const CONSOLE = [
  'kernel BUG at mm/uksm.c:3328!',
  'invalid opcode: 0000 [#1] SMP PTI',
  'CPU: 4 PID: 196 Comm: uksmd Tainted: P           OE     5.4.42-1-lily #4',
  'RIP: 0010:scan_vma_one_page+0xa13/0x2260',
  'RSP: 0018:ffff969a403e3d70 EFLAGS: 00010202',
  'RAX: ffff91c9ccc55690 RBX: ffff91cab3ec8540 RCX: 0000000000000b87',
  'Call Trace:',
  ' ? sradix_tree_next+0xca/0x150',
  ' uksm_do_scan+0x149/0x24d0',
  ' uksm_scan_thread+0x141/0x180',
  ' kthread+0x117/0x130',
  ' ret_from_fork+0x35/0x40',
].join('\n');

const same = (pasted: string, plain: string): void => assert.deepEqual(summarize(analyze(pasted)), summarize(analyze(plain)));

describe('no-break and zero-width spaces of a web page or chat', () => {
  for (const [name, text] of [
    ['a crash session', CRASH_BT],
    ['a console report', CONSOLE],
  ]) {
    it(`reads ${name} whose spaces are all no-break spaces as the plain text`, () => {
      same(text.replace(/ /g, '\u00a0'), text);
    });

    it(`reads ${name} indented with no-break spaces, or after a byte-order mark, as the plain text`, () => {
      same(
        text.replace(/^ +/gm, (blank) => '\u00a0'.repeat(blank.length)),
        text,
      );
      same('\ufeff' + text, ' ' + text);
    });
  }

  it('hovers a stack slot and a register of a bt pasted with no-break spaces as the plain one', () => {
    const plain = analyze(CRASH_BT);
    const pasted = analyze(CRASH_BT.replace(/ /g, '\u00a0'));
    for (const [line, character] of [
      [2, 6],
      [11, 14],
    ]) {
      const card = describeAt(pasted, line, character);
      assert.ok(card, `a card at ${line}:${character}`);
      assert.equal(renderHover(card.markdown), renderHover(describeAt(plain, line, character)!.markdown));
    }
  });
});

describe('typographic quotes of a word processor or chat', () => {
  it('reads a bt header whose command name is in “curly quotes” as the plain one: the task and its stack are known', () => {
    const pasted = CRASH_BT.replace(/"([^"\n]*)"/g, '\u201c$1\u201d');
    same(pasted, CRASH_BT);
    const model = analyze(pasted);
    assert.equal(model.backtraces[0]?.command, 'CPU 1/KVM');
    assert.match(renderHover(describeAt(model, 2, 6)!.markdown), /stack of PID 1747838/);
  });
});

describe("a serial console's carriage returns in caret notation (`cat -v`, `less`)", () => {
  it('reads a console report and a bt whose lines end in `^M` as the plain ones', () => {
    same(CONSOLE.replace(/\n/g, '^M\n'), CONSOLE);
    same(CRASH_BT.replace(/\n/g, '^M^M\n'), CRASH_BT);
  });

  it('keeps a `^M` inside a line as it is', () => {
    assert.equal(plainChars('echo ^M | foo'), 'echo ^M | foo');
    assert.equal(plainChars(' do_exit+0x1c/0x40^M  '), ' do_exit+0x1c/0x40    ');
  });
});
