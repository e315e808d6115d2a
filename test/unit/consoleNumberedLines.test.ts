// A console log pasted with an editor's line numbers before each line (`  11748 [46223316.661106] `),
// the first line's lost: a hard-lockup panic of github.com/alibaba/diagnose-tools/issues/107, unedited.
// Its trace is cut inside the NMI handler, before the code the NMI interrupted.
import { strict as assert } from 'assert';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import { consolePrefixLength } from '../../server/src/analysis/parse/console';
import { summarize } from '../../server/src/analysis/summary';

const HARD_LOCKUP = [
  '11745 [46223316.649832] Kernel panic - not syncing: Hard LOCKUP',
  '  11746 [46223316.652645] CPU: 0 PID: 282859 Comm: dockerd-current Kdump: loaded Tainted: G        W  OE K------------   3.10.0-862.mt20190308.130.el7.x86_64 #1',
  '  11747 [46223316.658281] Hardware name: Sugon I620-G20/60G16-US, BIOS 006 09/15/2018',
  '  11748 [46223316.661106] Call Trace:',
  '  11749 [46223316.663898]  <NMI>  [<ffffffffa7313562>] dump_stack+0x19/0x1b',
  '  11750 [46223316.666675]  [<ffffffffa730cc7f>] panic+0xe8/0x20d',
  '  11751 [46223316.669507]  [<ffffffffa6c920af>] nmi_panic+0x3f/0x40',
  '  11752 [46223316.672227]  [<ffffffffa6d44411>] watchdog_overflow_callback+0x121/0x140',
  '  11753 [46223316.674965]  [<ffffffffa6d83ae1>] __perf_event_overflow+0x51/0xf0',
  '  11754 [46223316.677697]  [<ffffffffa6d8c414>] perf_event_overflow+0x14/0x20',
  '  11755 [46223316.680307]  [<ffffffffa6c0a4e0>] intel_pmu_handle_irq+0x220/0x500',
  '  11756 [46223316.682979]  [<ffffffffa731c02b>] perf_event_nmi_handler+0x2b/0x50',
  '  11757 [46223316.685534]  [<ffffffffa731d8c7>] nmi_handle.isra.0+0x87/0x140',
  '  11758 [46223316.688038]  [<ffffffffa731dadd>] do_nmi+0x15d/0x450',
  '  11759 [46223316.690452]  [<ffffffffa731cd69>] end_repeat_nmi+0x1e/0x81',
];

describe('console lines numbered by an editor', () => {
  it('cuts the line number with the console prefix', () => {
    assert.equal(HARD_LOCKUP[3].slice(consolePrefixLength(HARD_LOCKUP[3])), 'Call Trace:');
  });

  it('reads the call trace, so the report is not called damaged', () => {
    const model = analyze(HARD_LOCKUP.join('\n'));
    const [report] = model.reports;
    assert.ok(report.frames.some((f) => f.function === 'watchdog_overflow_callback'));
    assert.deepEqual(
      diagnose(model).diagnostics.filter((d) => d.code === 'report-damaged'),
      [],
    );
  });

  it("names no function from the NMI watchdog's own frames", () => {
    const [report] = summarize(analyze(HARD_LOCKUP.join('\n'))).reports;
    assert.equal(report.kind, 'hard-lockup');
    assert.equal(report.function, undefined);
  });
});
