// `bt -F` prints stack words by name (`panic+844`, `[task_struct]`, `.LC0+877`): the walk reads a
// `func+off` back to its value where the transcript tells where `func` starts (the bt's own frames
// print the return addresses its slots hold), passes words that cannot be return addresses, and
// names the command that prints the rest raw. Lines from the corpus's real crash sessions
// (crash-arm64/01-warning, crash-x86_64/01-BUG) and test/corpus/arm64/05-irq, unedited.
import * as assert from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { backtraceStart, frameName, unwind } from '../../server/src/analysis/unwind';
import { readBackNamedWord } from '../../server/src/analysis/unwind/namedWords';

/** arm64 (crash 8.0.2): frames #0–#4 of `bt -F`; #5 report_bug, whose LR #4's record holds, is cut off. */
const ARM64_BT_F = [
  'crash> bt -F',
  'PID: 1        TASK: ffff0000025ab0c0  CPU: 0    COMMAND: "init"',
  ' #0 [ffff80000800b620] __delay at ffff800008c98e7c',
  '    ffff80000800b620: ffff80000800b650 __const_udelay+44 ',
  '    ffff80000800b630: warn_count       0000000000000001 ',
  '    ffff80000800b640: 0000000000000e74 panic+784        ',
  ' #1 [ffff80000800b650] __const_udelay at ffff800008c98f2c',
  '    ffff80000800b650: ffff80000800b6b0 panic+844        ',
  '    ffff80000800b660: ffff80000800b740 ffff80000800b740 ',
  '    ffff80000800b670: ffff80000800b700 00000000ffffffc8 ',
  '    ffff80000800b680: ffff00003fdad310 ffff80000800b740 ',
  '    ffff80000800b690: ffff80000800b740 ffff80000800b700 ',
  '    ffff80000800b6a0: 00000000ffffffc8 7b84945456078100 ',
  ' #2 [ffff80000800b6b0] panic at ffff800008cc5ffc',
  '    ffff80000800b6b0: ffff80000800b740 check_panic_on_warn+140 ',
  '    ffff80000800b6c0: cleanup_module+3630 0000000000000000 ',
  '    ffff80000800b6d0: ffff80000800b900 0000000000000009 ',
  '    ffff80000800b6e0: cc_do_warning+48 0000000000000016 ',
  '    ffff80000800b6f0: cpu_number       c0000000ffffefff ',
  '    ffff80000800b700: ffff80000800b730 kallsyms_token_index+1312 ',
  '    ffff80000800b710: panic_on_warn    0000000000000001 ',
  '    ffff80000800b720: 0000000000000000 [task_struct]    ',
  '    ffff80000800b730: 0000000000057fa8 c0000000ffffefff ',
  ' #3 [ffff80000800b740] check_panic_on_warn at ffff800008093ecc',
  '    ffff80000800b740: ffff80000800b750 __warn+180       ',
  ' #4 [ffff80000800b750] __warn at ffff800008094110',
  '    ffff80000800b750: ffff80000800b7c0 report_bug+180   ',
  '    ffff80000800b760: context_tracking+8 cc_do_warning+48 ',
  '    ffff80000800b770: cleanup_module+7440 ffff80000800b900 ',
  '    ffff80000800b780: 00000000fffff11a 0000000000000000 ',
  '    ffff80000800b790: 0000000000000001 0000000000000002 ',
  '    ffff80000800b7a0: cleanup_module+7568 module_bug_list  ',
  '    ffff80000800b7b0: 000000000000000c c0000000ffffefff ',
].join('\n');

/** arm64, test/corpus/arm64/05-irq: `bt -F` frames #10–#13, across the exception entry el1h_64_sync. */
const ARM64_BT_F_EXCEPTION = [
  'crash> bt -F',
  'PID: 87       TASK: ffff0000030930c0  CPU: 0    COMMAND: "sh"',
  '#10 [ffff800008003cf0] el1h_64_sync_handler at ffff800008ccc924',
  '    ffff800008003cf0: ffff800008003e30 el1h_64_sync+100 ',
  '    ffff800008003d00: 0000000000000009 [task_struct]    ',
  '    ffff800008003d10: 0000000000000000 0000000000000000 ',
  '    ffff800008003d20: 0000000000000000 0000000000000fff ',
  '    ffff800008003d30: 0000000000057fa8 c0000000ffffefff ',
  '    ffff800008003d40: 0000000000017fe8 vprintk_emit+540 ',
  '    ffff800008003d50: _printk_rb_static_descs 00000000ffffefff ',
  '    ffff800008003d60: 726564204c4c554e 65636e6572656665 ',
  '    ffff800008003d70: 0000000000000000 ffff800008003920 ',
  '    ffff800008003d80: ffff800008000000 ffff8000365a9000 ',
  '    ffff800008003d90: 0000000000000006 0000000000000007 ',
  '    ffff800008003da0: 0000000000000000 ffff00003fdb14e0 ',
  '    ffff800008003db0: __cpu_online_mask 00000000000000c0 ',
  '    ffff800008003dc0: cpu_number       cpu_number       ',
  '    ffff800008003dd0: cc_irq_timer_fn  ffff00003fdb1480 ',
  '    ffff800008003de0: ffff00003fdb14c0 ffff800008003e50 ',
  '    ffff800008003df0: cc_do_null+52    ffff800008003e50 ',
  '    ffff800008003e00: cc_do_null+56    00000000600000c5 ',
  '    ffff800008003e10: ffff800008003e30 cc_dir           ',
  '    ffff800008003e20: cleanup_module+2992 cc_timer         ',
  '#11 [ffff800008003e30] el1h_64_sync at ffff80000801127c',
  '    ffff800008003e30: ffff800008003e50 cc_do_null+56    ',
  '    ffff800008003e40: 0000000008000000 0000000000000000 ',
  '#12 [ffff800008003e50] cc_do_null at ffff800000d00270 [corpus_crash]',
  '    ffff800008003e50: ffff800008003e70 cc_irq_timer_fn+44 ',
  '    ffff800008003e60: cc_timer         ffff00003fdb1480 ',
  '#13 [ffff800008003e70] cc_irq_timer_fn at ffff800000d002b0 [corpus_crash]',
  '    ffff800008003e70: ffff800008003ea0 __hrtimer_run_queues+328 ',
].join('\n');

/** x86_64 (ORC kernel): `bt -F` down to the module frame after the exception frame. */
const X86_64_BT_F = [
  'crash> bt -F',
  'PID: 105      TASK: ffff8c604252c200  CPU: 0    COMMAND: "sh"',
  ' #0 [ffffd45d40403a88] panic at ffffffff89001e27',
  '    ffffd45d40403a90: 0000000000000008 ffffd45d40403b10 ',
  '    ffffd45d40403aa0: ffffd45d40403ab0 afbc20196b869d00 ',
  '    ffffd45d40403ab0: 0000000000000018 00000000ffffefff ',
  '    ffffd45d40403ac0: 0000000000000000 c0000000ffffefff ',
  '    ffffd45d40403ad0: 0000000000000000 ffffd45d404039a8 ',
  '    ffffd45d40403ae0: ffffd45d40403bd8 0000000000000246 ',
  '    ffffd45d40403af0: 0000000000000004 [task_struct]    ',
  '    ffffd45d40403b00: 000000000000000b show_opcodes.cold ',
  '    ffffd45d40403b10: 0000000000000006 0000000000000000 ',
  '    ffffd45d40403b20: 0000000000000002 do_trap+197      ',
  ' #1 [ffffd45d40403b28] do_trap at ffffffff88632935',
  '    ffffd45d40403b30: lkdtm_BUG+5      .LC0+877         ',
  '    ffffd45d40403b40: ffffd45d40403bd8 0000000000000004 ',
  '    ffffd45d40403b50: .LC0+877         0000000000000002 ',
  '    ffffd45d40403b60: 0000000000000006 0000000000000000 ',
  '    ffffd45d40403b70: do_error_trap+106 ',
  ' #2 [ffffd45d40403b70] do_error_trap at ffffffff88632b6a',
  '    ffffd45d40403b78: lkdtm_BUG+5      ffffd45d40403bd8 ',
  '    ffffd45d40403b88: 0000000000000000 0000000000000000 ',
  '    ffffd45d40403b98: 0000000000000000 0000000000000000 ',
  '    ffffd45d40403ba8: 0000000000000000 exc_invalid_op+76 ',
  ' #3 [ffffd45d40403bb0] exc_invalid_op at ffffffff890446cc',
  '    ffffd45d40403bb8: lkdtm_BUG+5      0000000000000000 ',
  '    ffffd45d40403bc8: 0000000000000000 asm_exc_invalid_op+22 ',
  ' #4 [ffffd45d40403bd0] asm_exc_invalid_op at ffffffff89200b96',
  '    [exception RIP: lkdtm_BUG+5]',
  '    RIP: ffffffffc02f2625  RSP: ffffd45d40403c80  RFLAGS: 00000282',
  '    RAX: ffffffffc02f2620  RBX: 0000000000000004  RCX: c0000000ffffefff',
  '    RDX: 0000000000000000  RSI: 00000000ffffefff  RDI: ffffffffc02fde30',
  '    RBP: ffff8c6050d57000   R8: 0000000000000000   R9: ffffd45d40403b20',
  '    R10: 0000000000000003  R11: ffffffff8a0d4448  R12: ffffffffc02fde30',
  '    R13: ffffd45d40403d80  R14: 0000000000000004  R15: ffffd45d40403d80',
  '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
  '    ffffd45d40403bd8: ffffd45d40403d80 0000000000000004 ',
  '    ffffd45d40403be8: ffffd45d40403d80 crashtypes+16    ',
  '    ffffd45d40403bf8: ffff8c6050d57000 0000000000000004 ',
  '    ffffd45d40403c08: _printk_rb_static_descs+98280 0000000000000003 ',
  '    ffffd45d40403c18: ffffd45d40403b20 0000000000000000 ',
  '    ffffd45d40403c28: lkdtm_BUG        c0000000ffffefff ',
  '    ffffd45d40403c38: 0000000000000000 00000000ffffefff ',
  '    ffffd45d40403c48: crashtypes+16    ffffffffffffffff ',
  '    ffffd45d40403c58: lkdtm_BUG+5      0000000000000010 ',
  '    ffffd45d40403c68: 0000000000000282 ffffd45d40403c80 ',
  '    ffffd45d40403c78: 0000000000000018 direct_entry.cold+24 ',
  ' #5 [ffffd45d40403c80] direct_entry.cold at ffffffffc02f3900 [lkdtm]',
].join('\n');

function walkFromHeader(text: string) {
  const model = analyze(text);
  const start = backtraceStart(model, model.backtraces[0]);
  assert.ok(start, 'the bt header starts a walk');
  return { model, result: unwind(model, start) };
}

describe('unwind: bt -F words printed by name', () => {
  it('arm64: reads each saved LR back from the frame the same bt prints for it', () => {
    const { result } = walkFromHeader(ARM64_BT_F);
    assert.deepStrictEqual(
      result.frames.map((f) => [f.function, f.frameAddress]),
      [
        ['__delay', 0xffff80000800b620n],
        ['__const_udelay', 0xffff80000800b650n],
        ['panic', 0xffff80000800b6b0n],
        ['check_panic_on_warn', 0xffff80000800b740n],
        ['__warn', 0xffff80000800b750n],
      ],
    );
    // `__const_udelay+44` in the record at #0's x29: #1 prints the bl at ffff800008c98f2c, the LR is 4 past it.
    assert.strictEqual(result.frames[1].returnAddress, 0xffff800008c98f30n);
    assert.strictEqual(result.frames[2].returnAddress, 0xffff800008cc6000n);
    assert.ok(result.frames[1].notes.some((n) => n.includes('`__const_udelay+44` read as ffff800008c98f30')));
    assert.strictEqual(result.frames[1].confidence, 'likely');
  });

  it("arm64: a stale word of a known function reads as its own offset, not as the frame's return address", () => {
    const model = analyze(ARM64_BT_F);
    // `panic+784` at ffff80000800b648 (a leftover below #1's record); panic starts at ffff800008cc6000 − 844.
    assert.strictEqual(readBackNamedWord(model, 0xffff80000800b648n)?.value, 0xffff800008cc6000n - 844n + 784n);
    // A data symbol (`warn_count`) and a slab object (`[task_struct]`) have no value to read back.
    assert.strictEqual(readBackNamedWord(model, 0xffff80000800b630n), undefined);
    assert.strictEqual(readBackNamedWord(model, 0xffff80000800b728n), undefined);
  });

  it('arm64: the pc below an exception entry reads as the printed address + 4, as crash prints every frame', () => {
    const model = analyze(ARM64_BT_F_EXCEPTION);
    // The record in pt_regs at #11's x29 holds the interrupted pc, `cc_do_null+56`: the console's pc : cc_do_null+0x38.
    assert.strictEqual(readBackNamedWord(model, 0xffff800008003e38n)?.value, 0xffff800000d00274n);
    assert.strictEqual(readBackNamedWord(model, 0xffff800008003e58n)?.value, 0xffff800000d002b4n);
  });

  it('arm64: where the frame naming an LR is not shown, says the word is printed by name and which command prints it raw', () => {
    const { result } = walkFromHeader(ARM64_BT_F);
    assert.strictEqual(result.stop.kind, 'missing-memory');
    assert.strictEqual(result.stop.command, 'rd -x ffff80000800b750 2');
    assert.match(result.stop.reason, /shown by name only \(`report_bug\+180` at ffff80000800b758, line 27\).*`bt -f` or `rd -x`/);
  });

  it('x86_64: the scan reads return addresses back from the frames and passes slab objects and local labels', () => {
    const { result } = walkFromHeader(X86_64_BT_F);
    const doTrap = result.frames.find((f) => f.function === 'do_trap');
    assert.ok(doTrap, `do_trap is found: ${result.frames.map(frameName).join(', ')}`);
    assert.strictEqual(doTrap.frameAddress, 0xffffd45d40403b28n);
    assert.strictEqual(doTrap.returnAddress, 0xffffffff88632935n);
    // `[task_struct]` at ffffd45d40403af8 stopped the scan before; `.LC0+877` at ffffd45d40403b38 is rodata.
    assert.ok(!result.frames.some((f) => f.frameAddress === 0xffffd45d40403b38n));
    for (const [name, slot] of [
      ['do_error_trap', 0xffffd45d40403b70n],
      ['exc_invalid_op', 0xffffd45d40403bb0n],
      ['asm_exc_invalid_op', 0xffffd45d40403bd0n],
      ['direct_entry.cold', 0xffffd45d40403c80n],
    ] as const)
      assert.ok(
        result.frames.some((f) => f.function === name && f.frameAddress === slot),
        `${name} at ${slot.toString(16)}: ${result.frames.map(frameName).join(', ')}`,
      );
  });
});
