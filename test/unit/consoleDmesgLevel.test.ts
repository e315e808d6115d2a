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
