// A boot banner after other output is a reboot ("unexpected kernel reboot", syzkaller's title), unless
// it is the banner of the boot whose earliest messages come before it: the kernel prints
// `Linux version` after lines it logged earlier in the same boot, stamped at the same time.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

// The start of a Fedora 4.2 vmcore-dmesg.txt (github skomra/logs): early boot lines, then the banner.
const EARLY_BOOT = [
  '[    0.000000] microcode: CPU0 microcode updated early to revision 0x1b, date = 2014-05-29',
  '[    0.000000] Initializing cgroup subsys cpuset',
  '[    0.000000] Initializing cgroup subsys cpu',
  '[    0.000000] Initializing cgroup subsys cpuacct',
  '[    0.000000] Linux version 4.2.3-300.fc23.x86_64 (mockbuild@bkernel02.phx2.fedoraproject.org) (gcc version 5.1.1 20150618 (Red Hat 5.1.1-4) (GCC) ) #1 SMP Mon Oct 5 15:42:54 UTC 2015',
  '[    0.000000] Command line: BOOT_IMAGE=/vmlinuz-4.2.3-300.fc23.x86_64 root=/dev/mapper/fedora-root ro rd.lvm.lv=fedora/root rd.lvm.lv=fedora/swap rhgb quiet LANG=en_US.UTF-8',
];

// syzkaller console log 317 (TITLE: unexpected kernel reboot): the last line before the reboot, then
// the new boot's banner (the firmware's lines between them left out).
const REBOOT = [
  '[  500.720639] EFER = 0x0000000000000d01  PAT = 0x0407050600070106',
  '[    0.000000] Linux version 4.20.0-rc3+ (syzkaller@ci) (gcc version 8.0.1 20180413 (experimental) (GCC)) #344 SMP PREEMPT Wed Nov 21 20:21:13 UTC 2018',
];

describe('console: boot banners', () => {
  it('the banner of the boot whose early lines come before it is no report', () => {
    assert.deepEqual(summarize(analyze(EARLY_BOOT.join('\n'))).reports, []);
  });

  it('a banner after later times is a reboot', () => {
    const reports = summarize(analyze(REBOOT.join('\n'))).reports;
    assert.deepEqual(
      reports.map((r) => r.title),
      ['unexpected kernel reboot'],
    );
  });
});
