// Hover cards on ppc64 words of our own dumps (test/corpus/ppc64le): back-chain words and LR
// save words named by the frame they belong to, a return address with the `bl` before it
// (a module's PLT stub names no callee), and D-form operands read as struct members.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { analyze, type Model } from '../../server/src/analysis/model';
import { semanticTokens, TOKEN_MODIFIERS } from '../../server/src/analysis/semanticTokens';

const TRANSCRIPT = readFileSync(join(__dirname, '../corpus/ppc64le/01-warning.crashlog'), 'utf8');

/** The hover card on `word` in the first line (after `after`) that starts with `prefix`. */
function hoverOn(model: Model, prefix: string, word: string, after = 0): string {
  const line = model.lines.findIndex((l, i) => i >= after && l.startsWith(prefix));
  assert.ok(line >= 0, `a line starting ${prefix}`);
  const card = describeAt(model, line, model.lines[line].indexOf(word, prefix.length) + 1);
  assert.ok(card, `a card on ${word}`);
  return renderHover(card.markdown);
}

describe('ppc64 hovers on a real crash session', () => {
  const model = analyze(TRANSCRIPT);
  const rd = model.lines.findIndex((l) => l.startsWith('crash> rd -x c0000000048fb380 400'));

  it("reads the word at a frame's r1 as its back chain, with the caller's LR save word", () => {
    const text = hoverOn(model, 'c0000000048fb410:  ', 'c0000000048fb470', rd);
    assert.match(
      text,
      /Back chain \(the caller's r1\) of the stack frame at `c0000000048fb410`: links to the stack frame at `c0000000048fb470` \(frame of 0x60 bytes\)/,
    );
    assert.match(text, /LR save word in that frame at \+16: `__warn\+312`/);
  });

  it('reads the word at r1 + 16 as the LR save word of that frame', () => {
    const text = hoverOn(model, 'c0000000048fb420:  ', 'c00000000013789c', rd);
    assert.match(
      text,
      /LR save word: the return address into the function of the frame at `c0000000048fb410`, saved there by its callee/,
    );
    assert.match(text, /Return address `check_panic_on_warn\+124`/);
  });

  it('colours a back-chain word as a frame pointer and an LR save word as a return address', () => {
    const modifiersOf = (prefix: string, word: string) => {
      const line = model.lines.findIndex((l, i) => i > rd && l.startsWith(prefix));
      const token = semanticTokens(model, line, line).find((t) => t.start === model.lines[line].indexOf(word, prefix.length));
      return TOKEN_MODIFIERS.filter((_, bit) => ((token?.modifiers ?? 0) & (1 << bit)) !== 0);
    };
    assert.deepStrictEqual(modifiersOf('c0000000048fb410:  ', 'c0000000048fb470'), ['framePointer']);
    assert.deepStrictEqual(modifiersOf('c0000000048fb420:  ', 'c00000000013789c'), ['returnAddress']);
  });

  it("names the `bl` before a return address, and says a module's PLT stub names no callee", () => {
    const text = hoverOn(model, 'c0000000048fb900:  ', 'c0080000003702d4', rd);
    assert.match(text, /Returns after `bl +0xc008000000370540 <cleanup_module\+136>` at `cc_do_warning\+44` \(through a stub/);
    assert.doesNotMatch(text, /must be `cleanup_module`/);
  });

  it('reads `8(r9)` as an offset from r9 and the struct members there; `16(r1)` as a stack offset', () => {
    const lines = [
      'crash> struct -o list_head',
      'struct list_head {',
      '   [0] struct list_head *next;',
      '   [8] struct list_head *prev;',
      '}',
      'SIZE: 16',
      'crash> dis cc_do_null 20',
      ...TRANSCRIPT.split('\n').filter((l) => /^0xc0080000003702c8 <cc_do_warning\+36>:/.test(l)),
      '0xc008000000370344 <cc_do_null+56>:\tld      r30,8(r9)',
    ];
    const small = analyze(lines.join('\n'));
    const member = hoverOn(small, '0xc008000000370344', '8(r9)');
    assert.match(member, /offset 8 \(0x8\) from `r9`/);
    assert.match(member, /list_head\.prev/);
    const stack = hoverOn(small, '0xc0080000003702c8', '16(r1)');
    assert.match(stack, /offset 16 \(0x10\) from `r1`/);
    assert.doesNotMatch(stack, /list_head/);
  });
});
