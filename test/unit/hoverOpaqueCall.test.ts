// A return address after a call to a retpoline thunk (`call … <__x86_indirect_thunk_rax>`, kernels
// since 2018) or to ftrace's hook: the thunk jumps on to the function in the register, so the
// listing does not name the frame above, and the hover says so instead of naming the thunk.
// Lines of a 4.18 (RHEL 8) session from a public write-up, with its author's unspaced note.
import { strict as assert } from 'assert';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { analyze } from '../../server/src/analysis/model';
import { opaqueTargetNote } from '../../server/src/analysis/callTargets';
import { at } from '../support/caret';

const SESSION = [
  'crash> dis process_one_work',
  '0xffffffffb34cd59f <process_one_work+415>:      mov    %rbx,%rdi',
  '0xffffffffb34cd5a2 <process_one_work+418>:      call   0xffffffffb40011f0 <__x86_indirect_thunk_rax> <---在这里跳转',
  '0xffffffffb34cd5a7 <process_one_work+423>:      nopl   0x0(%rax,%rax,1)',
  '',
  'crash> bt -f',
  ' #7 [ffffa7f28e14be60] css_free_rwork_fn at ffffffffb3561d11',
  '    ffffa7f28e14be68: ffff90dd548d90d0 ffff90dd7fae2a00',
  '    ffffa7f28e14be78: ffff90dd7faeae00 0000000000000000',
  '    ffffa7f28e14be88: ffff90dc5bc3d080 ffff90dd548d90d8',
  '    ffffa7f28e14be98: ffffffffb34cd5a7',
  ' #8 [ffffa7f28e14be98] process_one_work at ffffffffb34cd5a7',
];

function hoverOn(lines: string[], needle: string, nth = 0): string {
  const model = analyze(lines.join('\n'));
  const { line, character } = at(model.lines, needle, { nth, offset: 1 });
  const card = describeAt(model, line, character);
  return card ? renderHover(card.markdown) : '';
}

describe('hover: a return address after a call through a thunk', () => {
  it('says a retpoline call does not name the frame above, and leaves the note out of the instruction', () => {
    const text = hoverOn(SESSION, 'ffffffffb34cd5a7', 1);
    assert.match(text, /Returns after `call 0xffffffffb40011f0 <__x86_indirect_thunk_rax>` at `process_one_work\+418`/);
    assert.match(text, /a retpoline: an indirect call through `%rax`/);
    assert.doesNotMatch(text, /frame above must be/);
    assert.doesNotMatch(text, /在这里/);
  });

  it('still names the callee of a direct call', () => {
    const direct = SESSION.map((l) => l.replace('<__x86_indirect_thunk_rax> <---在这里跳转', '<css_free_rwork_fn>'));
    assert.match(hoverOn(direct, 'ffffffffb34cd5a7', 1), /frame above must be `css_free_rwork_fn`/);
  });

  it('knows the thunks of every register, clang and ftrace', () => {
    assert.match(opaqueTargetNote('__x86_indirect_thunk_r11') ?? '', /through `%r11`/);
    assert.match(opaqueTargetNote('__x86_indirect_call_thunk_rbx') ?? '', /through `%rbx`/);
    assert.match(opaqueTargetNote('__llvm_retpoline_r11') ?? '', /through `%r11`/);
    assert.match(opaqueTargetNote('__fentry__') ?? '', /ftrace/);
    assert.equal(opaqueTargetNote('__kmalloc'), undefined);
  });
});
