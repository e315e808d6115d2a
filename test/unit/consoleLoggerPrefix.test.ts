// A console logger's lines (`2024/07/23 18:01:21 [M83LP63]: ` before the kernel's own prefix, or
// before a record's continued line), and the panic a WARNING caused with panic_on_warn: an s390x
// report of lore (87le1sjd2e.fsf@linux.ibm.com), its Modules line and PSW code rows cut.
import { strict as assert } from 'assert';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import { consolePrefixLength, isKernelPrefix, isLiveStack } from '../../server/src/analysis/parse/console';

const LOGGED_WARNING = [
  '2024/07/23 18:01:21 [M83LP63]: [  157.267727] ------------[ cut here ]------------',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267735] WARNING: CPU: 21 PID: 725 at kernel/workqueue.c:3340 worker_thread+0x54e/0x558',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267746] Modules linked in: binfmt_misc nft_fib_inet nft_fib_ipv4 nft_fib_ipv6',
  '2024/07/23 18:01:21 [M83LP63]: loop dm_multipath configfs nfnetlink lcs ctcm fsm zfcp scsi_transport_fc',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267792] CPU: 21 PID: 725 Comm: kworker/dying Not tainted 6.10.0-rc2-00239-g68f83057b913 #95',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267796] Hardware name: IBM 3906 M04 704 (LPAR)',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267799] Krnl PSW : 0404c00180000000 000003d600fcd9fe (worker_thread+0x556/0x558)',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267853] Call Trace:',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267855]  [<000003d600fcd9fa>] worker_thread+0x552/0x558',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267859] ([<000003d600fcd772>] worker_thread+0x2ca/0x558)',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267862]  [<000003d600fd6c80>] kthread+0x120/0x128',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267865]  [<000003d600f5305c>] __ret_from_fork+0x3c/0x58',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267868]  [<000003d601cc746a>] ret_from_fork+0xa/0x30',
  '2024/07/23 18:01:21 [M83LP63]: [  157.267879] Kernel panic - not syncing: kernel: panic_on_warn set ...',
  '2024/07/23 18:01:22 [M83LP63]: [  157.267881] CPU: 21 PID: 725 Comm: kworker/dying Not tainted 6.10.0-rc2-00239-g68f83057b913 #95',
  '2024/07/23 18:01:22 [M83LP63]: [  157.267885] Call Trace:',
  '2024/07/23 18:01:22 [M83LP63]: [  157.267886]  [<000003d600fa7f8c>] panic+0x1ec/0x308',
  '2024/07/23 18:01:22 [M83LP63]: [  157.267892]  [<000003d600fa822c>] check_panic_on_warn+0x84/0x88',
  '2024/07/23 18:01:22 [M83LP63]: [  157.267896]  [<000003d600fa846e>] __warn+0xa6/0x160',
  '2024/07/23 18:01:22 [M83LP63]: [  157.267914]  [<000003d600fcd9fa>] worker_thread+0x552/0x558',
];

describe("a console logger's date and machine before the kernel's lines", () => {
  it('cuts the date, the machine and the printk timestamp, and calls the line the kernel’s', () => {
    const line = LOGGED_WARNING[7];
    assert.equal(line.slice(consolePrefixLength(line)), 'Call Trace:');
    assert.ok(isKernelPrefix(line, consolePrefixLength(line)));
    // A record's continued line has the logger's prefix alone.
    const continued = LOGGED_WARNING[3];
    assert.equal(
      continued.slice(consolePrefixLength(continued)),
      'loop dm_multipath configfs nfnetlink lcs ctcm fsm zfcp scsi_transport_fc',
    );
    // A fuzzer's own line, stamped with the date alone, is no kernel line.
    const fuzzer = '2018/01/09 14:28:48 executing program 3:';
    assert.equal(consolePrefixLength(fuzzer), '2018/01/09 14:28:48 '.length);
    assert.ok(!isKernelPrefix(fuzzer, consolePrefixLength(fuzzer)));
  });

  it('reads the report: s390x, its trace, and no report called damaged', () => {
    const model = analyze(LOGGED_WARNING.join('\n'));
    assert.equal(model.arch, 's390x');
    const [report] = model.reports;
    assert.equal(report.kind, 'warning');
    assert.deepEqual(
      diagnose(model).diagnostics.filter((d) => d.code === 'report-damaged'),
      [],
    );
  });

  it("keeps the panic's own stack apart from the WARNING's trace, as a stack running at the time", () => {
    const [report] = analyze(LOGGED_WARNING.join('\n')).reports;
    const own = report.frames.filter((f) => f.section === undefined).map((f) => f.function);
    assert.deepEqual(own, ['worker_thread', 'worker_thread', 'kthread', '__ret_from_fork', 'ret_from_fork']);
    const panic = report.frames.filter((f) => f.section !== undefined);
    assert.deepEqual(
      panic.map((f) => f.function),
      ['panic', 'check_panic_on_warn', '__warn', 'worker_thread'],
    );
    assert.ok(panic.every((f) => isLiveStack(f.section!)));
  });
});
