// An arm64 walk from a register block without a usable x29 starts at sp: the first frame record at
// or above sp in the dumped stack, then the records as from x29. Lines from the corpus's real
// crash-arm64/01-warning: the console's WARNING cut after `sp :` (its x29 line lost), crash's `bt`
// of the same dump, and `rd -x` of the stack from sp, unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { unwind, unwindStartAtLine } from '../../server/src/analysis/unwind';

/** The console report up to `sp :`. */
const CONSOLE_TO_SP = [
  '[    2.972637] corpus_crash: triggering WARNING',
  '[    2.973063] ------------[ cut here ]------------',
  '[    2.973166] WARNING: CPU: 0 PID: 1 at corpus_crash.c:22 cc_do_warning+0x30/0x40 [corpus_crash]',
  '[    2.973568] Modules linked in: corpus_crash(OE) qemu_fw_cfg',
  '[    2.973933] CPU: 0 PID: 1 Comm: init Tainted: G           OE      6.1.0-56-arm64 #1  Debian 6.1.192-2',
  '[    2.974139] Hardware name: linux,dummy-virt (DT)',
  '[    2.974301] pstate: 60000005 (nZCv daif -PAN -UAO -TCO -DIT -SSBS BTYPE=--)',
  '[    2.974411] pc : cc_do_warning+0x30/0x40 [corpus_crash]',
  '[    2.974494] lr : cc_do_warning+0x20/0x40 [corpus_crash]',
  '[    2.974572] sp : ffff80000800ba50',
];

/** crash's `bt` (named frames) and the stack from sp. */
const CRASH = [
  'crash> bt',
  'PID: 1        TASK: ffff0000025ab0c0  CPU: 0    COMMAND: "init"',
  ' #0 [ffff80000800b620] __delay at ffff800008c98e7c',
  ' #1 [ffff80000800b650] __const_udelay at ffff800008c98f2c',
  ' #2 [ffff80000800b6b0] panic at ffff800008cc5ffc',
  ' #3 [ffff80000800b740] check_panic_on_warn at ffff800008093ecc',
  ' #4 [ffff80000800b750] __warn at ffff800008094110',
  ' #5 [ffff80000800b7c0] report_bug at ffff800008c9bfb0',
  ' #6 [ffff80000800b820] bug_handler at ffff800008020298',
  ' #7 [ffff80000800b840] call_break_hook at ffff8000080159a0',
  ' #8 [ffff80000800b850] brk_handler at ffff800008015aa4',
  ' #9 [ffff80000800b870] do_debug_exception at ffff800008038cfc',
  '#10 [ffff80000800b8c0] el1_dbg at ffff800008cd810c',
  '#11 [ffff80000800b8f0] el1h_64_sync_handler at ffff800008cd96e4',
  '#12 [ffff80000800ba30] el1h_64_sync at ffff80000801127c',
  '#13 [ffff80000800ba50] cc_do_warning at ffff800000d0c210 [corpus_crash]',
  '#14 [ffff80000800ba60] cc_dispatch at ffff800000d0c080 [corpus_crash]',
  '#15 [ffff80000800ba80] cc_trigger_write at ffff800000d0c150 [corpus_crash]',
  '#16 [ffff80000800bae0] full_proxy_write at ffff8000084833c4',
  '#17 [ffff80000800bb80] vfs_write at ffff8000083abd48',
  '#18 [ffff80000800bbd0] ksys_write at ffff8000083ac1cc',
  '#19 [ffff80000800bc00] __arm64_sys_write at ffff8000083ac290',
  '#20 [ffff80000800be20] invoke_syscall at ffff8000080287a4',
  '#21 [ffff80000800be40] el0_svc_common.constprop.0 at ffff800008028868',
  '#22 [ffff80000800be70] do_el0_svc at ffff80000802893c',
  '#23 [ffff80000800be80] el0_svc at ffff800008cd8424',
  '#24 [ffff80000800bea0] el0t_64_sync_handler at ffff800008cd9890',
  '#25 [ffff80000800bfe0] el0t_64_sync at ffff800008011544',
  'crash> rd -x ffff80000800ba50 64',
  'ffff80000800ba50:  ffff80000800ba60 ffff800000d0c084 ',
  'ffff80000800ba60:  ffff80000800ba80 ffff800000d0c154 ',
  'ffff80000800ba70:  000000000ee91960 ffff800009120000 ',
  'ffff80000800ba80:  ffff80000800bae0 ffff8000084833c8 ',
  'ffff80000800ba90:  ffff00000832bf00 ffff00000832bf00 ',
  'ffff80000800baa0:  ffff80000800bbc0 ffff8000083bd1c8 ',
  'ffff80000800bab0:  ffff80000800bae0 00474e494e524157 ',
  'ffff80000800bac0:  0000000000000000 0000000000000000 ',
  'ffff80000800bad0:  0000000000000000 7b84945456078100 ',
  'ffff80000800bae0:  ffff80000800bb80 ffff8000083abd4c ',
  'ffff80000800baf0:  0000000000000008 ffff00000832bf00 ',
  'ffff80000800bb00:  000000000ee91960 ffff000008141800 ',
  'ffff80000800bb10:  ffff80000800bbc0 0000000000000000 ',
  'ffff80000800bb20:  ffff80000800bb30 ffff800008105814 ',
  'ffff80000800bb30:  0000000000000000 ffff80000800bb38 ',
  'ffff80000800bb40:  ffff80000800bb38 7b84945456078100 ',
  'ffff80000800bb50:  ffff80000800bca0 ffff8000083c3804 ',
  'ffff80000800bb60:  00000000ffffff9c ffff80000800bcd4 ',
  'ffff80000800bb70:  ffff80000800bba0 7b84945456078100 ',
  'ffff80000800bb80:  ffff80000800bbd0 ffff8000083ac1d0 ',
  'ffff80000800bb90:  ffff00000832bf00 ffff00000832bf00 ',
  'ffff80000800bba0:  000000000ee91960 0000000000000008 ',
  'ffff80000800bbb0:  0000000020000000 ffff8000083da724 ',
  'ffff80000800bbc0:  0000000000000000 7b84945456078100 ',
  'ffff80000800bbd0:  ffff80000800bc00 ffff8000083ac294 ',
  'ffff80000800bbe0:  ffff80000800beb0 ffff0000025ab0c0 ',
  'ffff80000800bbf0:  00000000ffffffff 000000000044a7cc ',
  'ffff80000800bc00:  ffff80000800be20 ffff8000080287a8 ',
  'ffff80000800bc10:  0000000000000406 ffff00000832bc00 ',
  'ffff80000800bc20:  ffff80000800bc50 ffff8000083dc06c ',
  'ffff80000800bc30:  000000000000000b ffff00000832bc00 ',
  'ffff80000800bc40:  0000000000000000 ffff00000832bc00 ',
];

function walkFromSpLine(lines: string[]) {
  const model = analyze(lines.join('\n'));
  const line = lines.findIndex((l) => l.includes('sp : ffff80000800ba50'));
  const start = unwindStartAtLine(model, line);
  assert.ok(start, 'the sp line starts a walk');
  return { start, result: unwind(model, start) };
}

describe('unwind: arm64 from sp when x29 is missing', () => {
  it("finds the first frame record at or above sp and walks the records crash's bt shows", () => {
    const { start, result } = walkFromSpLine([...CONSOLE_TO_SP, ...CRASH]);
    assert.strictEqual(start.fp, undefined);
    assert.strictEqual(start.sp, 0xffff80000800ba50n);
    assert.match(start.choice ?? '', /no x29/);
    assert.deepStrictEqual(
      result.frames.map((f) => [f.function, f.frameAddress]),
      [
        ['cc_do_warning', 0xffff80000800ba50n],
        ['cc_dispatch', 0xffff80000800ba60n],
        ['cc_trigger_write', 0xffff80000800ba80n],
        ['full_proxy_write', 0xffff80000800bae0n],
        ['vfs_write', 0xffff80000800bb80n],
        ['ksys_write', 0xffff80000800bbd0n],
        ['__arm64_sys_write', 0xffff80000800bc00n],
        ['invoke_syscall', 0xffff80000800be20n],
      ],
    );
    assert.strictEqual(result.frames[0].method, 'registers');
    assert.strictEqual(result.frames[1].confidence, 'likely');
    // The dump of the stack ends below the next record.
    assert.strictEqual(result.stop.command, 'rd -x ffff80000800be20 2');
  });

  it('without the stack dumped at sp, says so and what to paste', () => {
    const { result } = walkFromSpLine(CONSOLE_TO_SP);
    assert.strictEqual(result.stop.kind, 'missing-memory');
    assert.strictEqual(result.stop.command, 'rd -x ffff80000800ba50 64');
  });
});
