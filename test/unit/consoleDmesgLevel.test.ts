// Logs the 0-day robot (LKP) mails are `dmesg -x` output: each line starts with its facility and
// level (`kern  :err   : `, squeezed to `kern :warn : ` on the lines decode_stacktrace.sh rewrote)
// before the printk timestamp. Excerpt of a real LKP report (6.5-rc6, i915 KASAN use-after-free,
// lore.kernel.org/oe-lkp/202308181627.2fec1157-oliver.sang@intel.com).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { consolePrefixLength } from '../../server/src/analysis/parse/console';
import { summarize } from '../../server/src/analysis/summary';

const LKP_KASAN = [
  'kern :err : [  162.196982] BUG: KASAN: slab-use-after-free in intel_wait_for_vblank_workers (drivers/gpu/drm/i915/display/intel_crtc.c:395 drivers/gpu/drm/i915/display/intel_crtc.c:447) i915',
  'kern  :err   : [  162.206530] Read of size 1 at addr ffff88811d8dc150 by task kworker/0:0H/8',
  '',
  'kern  :err   : [  162.216391] CPU: 0 PID: 8 Comm: kworker/0:0H Not tainted 6.5.0-rc6-00947-gcfd54d37e5cd #1',
  'kern  :err   : [  162.225319] Workqueue: events_highpri intel_atomic_cleanup_work [i915]',
  'kern  :err   : [  162.232683] Call Trace:',
  'kern  :err   : [  162.235861]  <TASK>',
  'kern :err : [  162.238688] dump_stack_lvl (lib/dump_stack.c:107 (discriminator 1)) ',
  'kern :err : [  162.256370] print_report (mm/kasan/report.c:476) ',
  'kern :err : [  162.272267] kasan_report (mm/kasan/report.c:590) ',
  'kern :err : [  162.276584] ? intel_wait_for_vblank_workers (drivers/gpu/drm/i915/display/intel_crtc.c:395 drivers/gpu/drm/i915/display/intel_crtc.c:447) i915',
  'kern :err : [  162.283336] intel_wait_for_vblank_workers (drivers/gpu/drm/i915/display/intel_crtc.c:395 drivers/gpu/drm/i915/display/intel_crtc.c:447) i915',
  'kern :err : [  162.289911] intel_atomic_cleanup_work (drivers/gpu/drm/i915/display/intel_display.c:6901) i915',
  'kern :err : [  162.301672] process_one_work (kernel/workqueue.c:2605) ',
  'kern :err : [  162.335181] ret_from_fork_asm (arch/x86/entry/entry_64.S:312) ',
  'kern  :err   : [  162.339840]  </TASK>',
  '',
  'kern  :err   : [  162.344980] Allocated by task 4201:',
  'kern :warn : [  162.349214] kasan_save_stack (mm/kasan/common.c:46) ',
  'kern :warn : [  162.368283] kmemdup (mm/util.c:131) ',
  'kern :warn : [  162.372075] intel_crtc_duplicate_state (include/linux/fortify-string.h:765 drivers/gpu/drm/i915/display/intel_atomic.c:242) i915',
  '',
  'kern  :err   : [  162.442600] Freed by task 266:',
  'kern :warn : [  162.446384] kasan_save_stack (mm/kasan/common.c:46) ',
  'kern :warn : [  162.470016] drm_atomic_state_default_clear (drivers/gpu/drm/drm_atomic.c:228) drm',
  '',
  'kern  :err   : [  162.612551] Memory state around the buggy address:',
  'kern  :warn  : [  162.672474] Disabling lock debugging due to kernel taint',
  'user  :info  : [  183.845750] [IGT] kms_cursor_legacy: starting dynamic subtest pipe-B',
];

/** The lines as `dmesg` without `-x` prints them. */
const withoutLevels = (lines: string[]): string[] => lines.map((l) => l.replace(/^(?:kern|user) *:[a-z]+ *: /, ''));

function report(lines: string[]) {
  const summary = summarize(analyze(lines.join('\n')));
  assert.equal(summary.reports.length, 1);
  return summary.reports[0];
}

describe('dmesg -x facility and level prefixes (LKP logs)', () => {
  it('cuts the facility and level as part of the console prefix, padded or squeezed', () => {
    const line = 'kern  :err   : [  162.232683] Call Trace:';
    assert.equal(line.slice(consolePrefixLength(line)), 'Call Trace:');
    const squeezed = 'kern :warn : [  162.349214] kasan_save_stack (mm/kasan/common.c:46) ';
    assert.equal(squeezed.slice(consolePrefixLength(squeezed)), 'kasan_save_stack (mm/kasan/common.c:46) ');
    const notice = 'user  :notice: [  183.847199] Total updates 140241';
    assert.equal(notice.slice(consolePrefixLength(notice)), 'Total updates 140241');
    // Prose that merely starts with a facility's name has no prefix.
    assert.equal(consolePrefixLength('kernel: the prefix is not this'), 0);
  });

  it('reads the report, its call trace and its allocation and free stacks as dmesg without -x prints them', () => {
    const prefixed = report(LKP_KASAN);
    const plain = report(withoutLevels(LKP_KASAN));
    assert.equal(prefixed.kind, 'kasan');
    assert.equal(prefixed.title, 'KASAN: slab-use-after-free Read in intel_wait_for_vblank_workers');
    assert.deepEqual([prefixed.function, prefixed.module], ['intel_wait_for_vblank_workers', 'i915']);
    assert.deepEqual(prefixed.damage, []);
    const frames = (r: typeof prefixed) => r.frames.map((f) => `${f.function} ${f.module ?? ''} ${f.context ?? ''}`);
    assert.deepEqual(frames(prefixed), frames(plain));
    assert.deepEqual(
      prefixed.frames.filter((f) => f.context === 'allocated' || f.context === 'freed').map((f) => f.function),
      ['kasan_save_stack', 'kmemdup', 'intel_crtc_duplicate_state', 'kasan_save_stack', 'drm_atomic_state_default_clear'],
    );
    assert.equal(prefixed.signature, plain.signature);
  });
});

// `dmesg -H` (a uksm bug report on GitHub): the minute a burst began, then seconds since the line before.
const DMESG_H = [
  '[Mar 8 17:07] ------------[ cut here ]------------',
  '[  +0.000005] kernel BUG at mm/uksm.c:3328!',
  '[  +0.000010] invalid opcode: 0000 [#1] SMP PTI',
  '[  +0.000005] CPU: 3 PID: 144 Comm: uksmd Tainted: G           OE     5.4.5-mc0-easy #1',
  '[  +0.000002] Hardware name: LENOVO 20EFCTO1WW/20EFCTO1WW, BIOS GNET83WW (2.31 ) 05/03/2017',
  '[  +0.000009] RIP: 0010:scan_vma_one_page+0xaca/0x1470',
  '[  +0.000005] Code: dc 80 00 4c 89 e8 48 2b 05 03 89 05 01 81 e3 f8 0f 00 00 48 c1 f8 06 48 c1 e0 0c 48 03 05 fe 88 05 01 48 01 c3 e9 c5 fe ff ff <0f> 0b 0f 0b 0f 0b 48 8b 4b 70 48 8b 45 b8 48 c1 e0 0c 48 03 01 48',
  '[  +0.000003] RSP: 0018:ffffc2b380b2fd90 EFLAGS: 00010286',
  '[  +0.000003] RAX: 0000000000000000 RBX: ffff9d9d64ab5540 RCX: ffff9d9cd74e1a50',
  '[  +0.000002] RDX: 0000000000000007 RSI: 0000000000000401 RDI: ffff9d9c8407bba0',
  '[  +0.000002] RBP: ffffc2b380b2fe00 R08: 00000000f5bbee78 R09: 0000000210038000',
  '[  +0.000003] R10: ffff9d9cef4a80a0 R11: 00007efd7b08d000 R12: ffff9d9cc9c4f820',
  '[  +0.000002] R13: 0000000000000528 R14: 0000000000000b04 R15: 0000000000000005',
  '[  +0.000003] FS:  0000000000000000(0000) GS:ffff9d9db60c0000(0000) knlGS:0000000000000000',
  '[  +0.000002] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033',
  '[  +0.000002] CR2: 000017bf5c29ee20 CR3: 000000024a084003 CR4: 00000000001606e0',
  '[  +0.000002] Call Trace:',
  '[  +0.000008]  uksm_do_scan+0x145/0x2b00',
];

describe("dmesg's human and delta stamps (`dmesg -H`, `-e`, `-d`)", () => {
  it('reads `[Mar 8 17:07] `, `[  +0.000005] ` and `[  123.456789 <    0.000005>] ` as console prefixes', () => {
    assert.equal(consolePrefixLength('[Mar 8 17:07] ------------[ cut here ]------------'), 14);
    // strftime's `%b%e`: a two-digit day follows the month without a blank.
    assert.equal(consolePrefixLength('[Nov22 01:07] ------------[ cut here ]------------'), 14);
    assert.equal(consolePrefixLength('[  +0.000005] kernel BUG at mm/uksm.c:3328!'), 14);
    assert.equal(consolePrefixLength('[  123.456789 <    0.000005>] BUG: kernel NULL pointer dereference'), 30);
  });

  it('finds the report of a `dmesg -H` log with its site and frames', () => {
    for (const lines of [DMESG_H, DMESG_H.map((line) => line.replace('[Mar 8 ', '[Mar22 '))]) {
      const [report] = summarize(analyze(lines.join('\n'))).reports;
      assert.equal(report.header, 'kernel BUG at mm/uksm.c:3328!');
    }
    const [report] = summarize(analyze(DMESG_H.join('\n'))).reports;
    assert.equal(report.title, 'kernel BUG in scan_vma_one_page');
    assert.equal(report.function, 'scan_vma_one_page');
    assert.deepEqual(
      report.frames.map((f) => f.function),
      ['uksm_do_scan'],
    );
  });
});

describe('records read raw from /dev/kmsg (`cat /dev/kmsg`)', () => {
  it('reads `level,sequence,microseconds,flags;` as the console prefix it is', () => {
    assert.equal(consolePrefixLength('4,5005,12915307506,-; ? __pfx_watchdog_timer_fn+0x10/0x10'), 21);
    assert.equal(consolePrefixLength('6,1234,5678,c;usb 1-1: new device'), 14);
    // A dump line or a list of numbers is no record.
    assert.equal(consolePrefixLength('1,2,3 are the steps'), 0);
  });

  it('finds the same report as in the timestamped log', () => {
    const plain = DMESG_H.filter((l) => l.startsWith('[  +')).map((l) => l.replace(/^\[[^\]]*\] /, ''));
    const kmsg = plain.map((l, n) => `4,${5000 + n},${12915307506 + n * 800},-;${l}`);
    const [fromKmsg] = summarize(analyze(kmsg.join('\n'))).reports;
    const [fromPlain] = summarize(analyze(plain.join('\n'))).reports;
    assert.deepEqual([fromKmsg.title, fromKmsg.function], [fromPlain.title, fromPlain.function]);
    assert.equal(fromKmsg.title, 'kernel BUG in scan_vma_one_page');
  });
});
