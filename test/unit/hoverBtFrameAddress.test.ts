// The text address of a crash `bt` frame, hovered: crash's arm64 bt prints every frame at its saved
// pc − 4 (a caller at its bl, frame #0 one instruction before the CPU's pc), so the address is an
// instruction in the function the frame names, not a return address. Lines from test/corpus/arm64/05-irq
// (crash 8.0.2 on a Debian 6.1 arm64 vmcore), unedited.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

/** `bt` alone: no `dis` or `sym` names any of these addresses. */
const ARM64_BT = [
  'crash> bt',
  'PID: 87       TASK: ffff0000030930c0  CPU: 0    COMMAND: "sh"',
  ' #0 [ffff8000080039e0] __delay at ffff800008c8c23c',
  ' #1 [ffff800008003a10] __const_udelay at ffff800008c8c2ec',
  ' #2 [ffff800008003a70] panic at ffff800008cb9330',
  ' #3 [ffff800008003b50] die at ffff80000801fc58',
  ' #4 [ffff800008003bb0] die_kernel_fault at ffff800008cb8a24',
  ' #5 [ffff800008003c00] __do_kernel_fault at ffff800008038e58',
  ' #6 [ffff800008003c30] do_page_fault at ffff800008cdebb4',
  ' #7 [ffff800008003c80] do_translation_fault at ffff800008cdeed0',
  ' #8 [ffff800008003c90] do_mem_abort at ffff800008038a88',
  ' #9 [ffff800008003cc0] el1_abort at ffff800008ccb130',
  '#10 [ffff800008003cf0] el1h_64_sync_handler at ffff800008ccc924',
  '#11 [ffff800008003e30] el1h_64_sync at ffff80000801127c',
  '#12 [ffff800008003e50] cc_do_null at ffff800000d00270 [corpus_crash]',
  '#13 [ffff800008003e70] cc_irq_timer_fn at ffff800000d002b0 [corpus_crash]',
  '#14 [ffff800008003ea0] __hrtimer_run_queues at ffff8000081630e4',
  '#15 [ffff800008003f00] hrtimer_interrupt at ffff8000081643b0',
].join('\n');

describe('hover: a bt frame address (arm64)', () => {
  const model = analyze(ARM64_BT, { arch: 'arm64' });

  it("frame #0: an instruction in the frame's function, one before the pc", () => {
    const text = hoverOn(model, 'ffff800008c8c23c');
    assert.match(text, /Instruction in `__delay`, one before the pc of bt frame #0/);
    assert.match(text, /the pc is `ffff800008c8c240`/);
    assert.doesNotMatch(text, /Return address/);
  });

  it('a caller: the call before its return address', () => {
    const text = hoverOn(model, 'ffff800008c8c2ec');
    assert.match(text, /Call instruction in `__const_udelay`/);
    assert.match(text, /the return address is `ffff800008c8c2f0`/);
  });

  it('below an exception entry: one before the interrupted pc', () => {
    // The console's `pc : cc_do_null+0x38/0x4c` is ffff800000d00274.
    const text = hoverOn(model, 'ffff800000d00270');
    assert.match(text, /Instruction in `cc_do_null` \[corpus_crash\], one before the pc of bt frame #12/);
    assert.match(text, /the pc is `ffff800000d00274`, where the exception interrupted it/);
  });

  it("with the whole session's listings: the offset, and no return-address reading", () => {
    const whole = analyze(readFileSync(path.join(__dirname, '..', 'corpus', 'arm64', '05-irq.crashlog'), 'utf8'));
    const text = hoverOn(whole, 'ffff800008c8c23c');
    assert.match(text, /Instruction in `__delay\+92`/);
    assert.match(text, /\(`__delay\+96`\)/);
    assert.doesNotMatch(text, /Return address/);
  });
});

// crash's help page for bt: an i386 `bt -f` (an architecture read without its own rules).
const I386_BT_F = [
  'crash> bt -f 1592',
  'PID: 1592   TASK: c0cec000  CPU: 3   COMMAND: "httpd"',
  ' #0 [c0ceded4] schedule at c011af85',
  '    [RA: c0153088  SP: c0ceded4  FP: c0cedf04  SIZE: 52]',
  '    c0ceded4: c0cedf00  c0cec000  ce1a6000  00000003  ',
  ' #1 [c0cedf04] pipe_wait at c0153083',
  '    [RA: c0153184  SP: c0cedf08  FP: c0cedf58  SIZE: 84]',
];

describe('hover: a bt frame address where the architecture is unknown', () => {
  it('names the function the frame prints there', () => {
    const model = analyze(I386_BT_F.join('\n'));
    assert.equal(model.arch, 'unknown');
    assert.match(hoverOn(model, 'c011af85'), /Return address into `schedule`, as bt frame #0 names it/);
  });
});
