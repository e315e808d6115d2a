// Rust functions in a call trace, demangled (crash's `log -R`, decode tools): a path
// (`rust_panic::area_in_hp`) or a type's method (`<rust_panic::HelloPanic>::step_two`) is one frame.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';

// crash 9.0's `log -R` (its commit message): a Rust module's panic.
const LOG_R = [
  '[ 2174.308966] Call Trace:',
  '[ 2174.311693]  <TASK>',
  '[ 2174.314033]  dump_stack_lvl+0x5d/0x80',
  '[ 2174.318125]  panic+0x156/0x32a',
  '[ 2174.321539]  rust_panic::area_in_hp+0xf7/0x120 [rust_panic]',
  '[ 2174.329700]  ? console_unlock+0x9c/0x140',
  '[ 2174.338352]  ? __pfx_init_module+0x10/0x10 [rust_panic]',
  '[ 2174.344183]  <rust_panic::HelloPanic>::step_two+0x20/0xe0 [rust_panic]',
  '[ 2174.353698]  ? _printk+0x6b/0x90',
  '[ 2174.357303]  init_module+0x57/0xff0 [rust_panic]',
  '[ 2174.362456]  <kernel::sync::Arc<T> as core::ops::Drop>::drop+0x1c/0x40 [rust_panic]',
];

describe('Rust frames of a call trace', () => {
  it('reads demangled paths and methods with their offsets and modules', () => {
    const [report] = analyze(LOG_R.join('\n')).reports;
    const reliable = report.frames.filter((f) => !f.unreliable);
    assert.deepEqual(
      reliable.map((f) => `${f.function}+${f.offset} ${f.module ?? ''}`.trim()),
      [
        'dump_stack_lvl+93',
        'panic+342',
        'rust_panic::area_in_hp+247 rust_panic',
        '<rust_panic::HelloPanic>::step_two+32 rust_panic',
        'init_module+87 rust_panic',
        '<kernel::sync::Arc<T> as core::ops::Drop>::drop+28 rust_panic',
      ],
    );
  });
});
