// The function a report faulted in, as triage names it: the fault-site line first, then the
// header's function, then the first frame that is neither unreliable nor the report's own printing.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

function reportsOf(lines: string[]): ReturnType<typeof summarize>['reports'] {
  return summarize(analyze(lines.join('\n') + '\n')).reports;
}

describe('the function triage names for a report', () => {
  it("reads i386's `EIP is at func+0x..` as the fault site", () => {
    // Red Hat bugzilla 865695 (3.6 i686, kept in abrt/satyr's test oopses).
    const lines = [
      'kernel BUG at include/net/cfg80211.h:2473!',
      'invalid opcode: 0000 [#1] SMP ',
      'Pid: 598, comm: wpa_supplicant Tainted: P         C O 3.6.1-1.fc17.i686.PAE #1 Hewlett-Packard HP Mini 110-1100/308F',
      'EIP: 0060:[<f8e40765>] EFLAGS: 00210246 CPU: 1',
      'EIP is at wdev_priv.part.8+0x3/0x5 [wl]',
      'EAX: 00000000 EBX: f3cf6120 ECX: f8fc05a0 EDX: f3e16400',
      'Call Trace:',
      ' [<f8e3dde1>] wl_cfg80211_scan+0x411/0x4a0 [wl]',
      ' [<c09705a8>] ? mutex_lock+0x18/0x40',
      ' [<f8034a38>] nl80211_trigger_scan+0x3d8/0x560 [cfg80211]',
    ];
    const [report] = reportsOf(lines);
    assert.deepEqual([report.function, report.module], ['wdev_priv.part.8', 'wl']);
  });
});
