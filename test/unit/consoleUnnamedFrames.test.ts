// Console reports of kernels that could not name their frames (no kallsyms, a module gone): the
// addresses after the call trace marker are frames, so the report is not "damaged" for want of
// them; and the log prefixes of OpenWrt's logread and journalctl -o short-monotonic.
import { strict as assert } from 'assert';
import { LineKind } from '../../server/src/analysis/lineKinds';
import { analyze } from '../../server/src/analysis/model';
import { DAMAGE } from '../../server/src/analysis/reportDamage';
import { summarize } from '../../server/src/analysis/summary';

// An arm64 OpenWrt oops without kallsyms (openwrt/openwrt issue 17266), shortened.
const ARM64_UNNAMED = [
  '<1>[79512.540000] Unable to handle kernel paging request at virtual address 0000000000001234',
  '<0>[79512.550000] Internal error: Oops: 0000000096000004 [#1] SMP',
  '<4>[79512.550200] CPU: 2 PID: 1234 Comm: netatop Tainted: G           O       5.15.167 #0',
  '<4>[79512.550500] pc : 0xffffffc00818ff8c',
  '<4>[79512.550600] lr : 0xffffffc000c81e2c',
  '<4>[79512.550700] sp : ffffffc00b4fbb60',
  '<7>[79512.566261] Call trace:',
  '<7>[79512.568692]  0xffffffc00818ff8c',
  '<7>[79512.571817]  0xffffffc000c81e2c [netatop@000000006b7888f1+0x12000]',
  '<7>[79512.577994]  0xffffffc000c82214 [netatop@000000006b7888f1+0x12000]',
  '<7>[79512.596480]  0xffffffc0086f4048',
  '<0>[79512.646480] Code: b9402aa2 f9405ea3 8b0202c0 dac00c00 (f8626ac2)',
  '<4>[79512.652553] ---[ end trace 5e8eb2b2f2a4dfb1 ]---',
];

// An old x86_64 trace through a module unloaded since: `[<addr>] 0xaddr`, and a zero return address.
const X86_UNNAMED = [
  '[ 1234.567890] BUG: unable to handle kernel NULL pointer dereference at 0000000000000008',
  '[ 1234.567900] IP: [<ffffffffa0123456>] 0xffffffffa0123456',
  '[ 1234.567910] Oops: 0000 [#1] SMP',
  '[ 1234.567920] Call Trace:',
  '[ 1234.567930]  [<ffffffffa0123456>] 0xffffffffa0123456',
  '[ 1234.567940]  [<ffffffffa0124567>] ? 0xffffffffa0124567',
  '[ 1234.567950]  [<          (null)>]           (null)',
  '[ 1234.567960] Code:  Bad RIP value.',
];

// powerpc: the stack pointer and the address in brackets, then the address again (`0x0` for none).
const POWERPC_UNNAMED = [
  '[   10.100000] Oops: Kernel access of bad area, sig: 11 [#1]',
  '[   10.400000] Call Trace:',
  '[   10.500000] [c00000000ffdfb20] [0000000000000000] 0x0 (unreliable)',
  '[   10.600000] [c00000000ffdfb90] [c0000000000ff4a0] 0xc0000000000ff4a0',
  '[   10.700000] Instruction dump:',
];

describe('console traces whose frames have no names', () => {
  it('reads addresses after the call trace marker as unnamed frames, not as a trace without frames', () => {
    const cases: [string[], (string | undefined)[]][] = [
      [ARM64_UNNAMED, ['ffffffc00818ff8c', 'ffffffc000c81e2c', 'ffffffc000c82214', 'ffffffc0086f4048']],
      // `[<          (null)>]           (null)`: the zero return address that ended the walk, no frame.
      [X86_UNNAMED, ['ffffffffa0123456', 'ffffffffa0124567']],
      [POWERPC_UNNAMED, [undefined, 'c0000000000ff4a0']],
    ];
    for (const [lines, addresses] of cases) {
      const model = analyze(lines.join('\n'));
      const report = model.reports[0];
      // What syzkaller calls a corrupted report: no function to rely on (not "no frames").
      assert.deepEqual(report.damage, [DAMAGE.unreliableOnly], lines[0]);
      assert.deepEqual(
        report.frames.map((f) => [f.function, f.address?.toString(16)]),
        addresses.map((a) => ['', a]),
      );
      assert.equal(report.frames[1].module, lines === ARM64_UNNAMED ? 'netatop' : undefined);
      assert.equal(
        report.frames[lines === POWERPC_UNNAMED ? 0 : 1].unreliable,
        lines !== ARM64_UNNAMED,
        'the `?`, `(unreliable)` frame',
      );
      for (const frame of report.frames) assert.equal(model.lineKinds[frame.line], LineKind.TraceFrame);
    }
  });

  it('reads an excerpt that starts at its call trace marker, unnamed frames and all', () => {
    // The same oops pasted from its call trace on (the issue's own paste), to its `Code:` line.
    const lines = ARM64_UNNAMED.slice(
      ARM64_UNNAMED.findIndex((l) => l.includes('Call trace:')),
      -1,
    );
    const model = analyze(lines.join('\n'));
    assert.equal(model.reports.length, 1);
    const [report] = model.reports;
    assert.equal(report.traceLine, 0);
    assert.deepEqual(
      report.frames.map((f) => [f.line, f.address?.toString(16), f.module ?? '']),
      [
        [1, 'ffffffc00818ff8c', ''],
        [2, 'ffffffc000c81e2c', 'netatop'],
        [3, 'ffffffc000c82214', 'netatop'],
        [4, 'ffffffc0086f4048', ''],
      ],
    );
    // Without the marker before them, addresses alone are no trace.
    assert.equal(analyze(lines.slice(1).join('\n')).reports.length, 0);
  });

  it('takes no fault site from `Code: Bad RIP value.`', () => {
    // The site line names no function (`IP: [<addr>] 0xaddr`); the Code line's `RIP value` is no `RIP:`.
    assert.equal(
      summarize(analyze(X86_UNNAMED.join('\n'))).reports[0].title,
      'BUG: unable to handle kernel NULL pointer dereference in corrupted',
    );
  });

  it('leaves the same address shapes alone outside a call trace', () => {
    const model = analyze(
      ['[ 12.3] BUG: unable to handle page fault for address: 0000000000000008', '[ 12.4]  0xffffffc00818ff8c'].join('\n'),
    );
    assert.notEqual(model.lineKinds[1], LineKind.TraceFrame);
  });
});

describe('log prefixes of OpenWrt and the journal', () => {
  it("reads OpenWrt logread's weekday, year and facility before the printk timestamp", () => {
    const text = [
      'Sun Aug  9 13:47:00 2026 kern.warn kernel: [509378.242848] WARNING: CPU: 1 PID: 0 at net/sched/sch_generic.c:478 dev_watchdog+0x2a0/0x2b0',
      'Sun Aug  9 13:47:00 2026 kern.warn kernel: [509378.242860] Call trace:',
      'Sun Aug  9 13:47:00 2026 kern.warn kernel: [509378.242862]  dev_watchdog+0x2a0/0x2b0',
      'Sun Aug  9 13:47:00 2026 kern.warn kernel: [509378.242865]  call_timer_fn+0x34/0x130',
    ].join('\n');
    const [report] = analyze(text).reports;
    assert.equal(summarize(analyze(text)).reports[0].title, 'WARNING in dev_watchdog');
    assert.deepEqual(
      report.frames.map((f) => f.function),
      ['dev_watchdog', 'call_timer_fn'],
    );
  });

  it("reads journalctl -o short-monotonic's host and `kernel:` after the printk timestamp", () => {
    const text = [
      '[ 4274.052063] fovo.local kernel: BUG: unable to handle page fault for address: ffffc90000a3b000',
      '[ 4274.052085] fovo.local kernel: RIP: 0010:mydrv_probe+0x45/0x120 [mydrv]',
      '[ 4274.052090] fovo.local kernel: Call Trace:',
      '[ 4274.052092] fovo.local kernel:  <TASK>',
      '[ 4274.052095] fovo.local kernel:  local_pci_probe+0x42/0x80',
      '[ 4274.052098] fovo.local kernel:  pci_device_probe+0xc6/0x250',
      '[ 4274.052104] fovo.local kernel:  </TASK>',
      '[ 4274.052106] fovo.local systemd[1]: Started something.',
    ].join('\n');
    const [report] = analyze(text).reports;
    const [triaged] = summarize(analyze(text)).reports;
    assert.equal(triaged.function, 'mydrv_probe');
    assert.equal(triaged.module, 'mydrv');
    assert.deepEqual(
      report.frames.map((f) => [f.function, f.context]),
      [
        ['local_pci_probe', 'TASK'],
        ['pci_device_probe', 'TASK'],
      ],
    );
  });
});

describe('the zero return address that ends a trace', () => {
  it('is no frame (arm64 4.4 task dumps of an RCU stall)', () => {
    // apritzel/pine64 issue #5, shortened.
    const text = [
      'INFO: rcu_sched detected stalls on CPUs/tasks:',
      '        0-...: (1 GPs behind) idle=d09/1/0 softirq=1302/3861 fqs=20997',
      '        (detected by 3, t=21010 jiffies, g=-93, c=-94, q=1)',
      'Task dump for CPU 0:',
      'swapper/0       R  running task        0     0      0 0x00000002',
      'Call trace:',
      '[<ffffffc000086ed4>] __switch_to+0xd4/0xf8',
      '[<          (null)>]           (null)',
    ].join('\n');
    const [report] = analyze(text).reports;
    assert.deepEqual(
      report.frames.map((f) => f.function),
      ['__switch_to'],
    );
  });
});
