// Shapes of console logs from boards and older kernels, read as any other: hashed frame addresses
// (`[<(ptrval)>]`, 4.15+ before the hashing key is ready), a vendor kernel's own caller id after the
// timestamp (`[pid:10974,cpu1,grep]`), a serial logger's stamp written against the printk timestamp,
// and powerpc's own hard-lockup reports. Excerpts of public reports (openrisc/linux issue 12,
// radxa/kernel issue 415, rockchip-linux/mpp issue 300, linuxppc/linux issue 203, op-build issue 2035,
// skiboot issue 194, a syzbot log).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

const reportsOf = (lines: string[]) => summarize(analyze(lines.join('\n'))).reports;

const PTRVAL_WARNING = [
  '[   73.300000] ------------[ cut here ]------------',
  '[   73.300000] WARNING: CPU: 1 PID: 16 at net/sched/sch_generic.c:442 dev_watchdog+0x36c/0x374',
  '[   73.300000] NETDEV WATCHDOG: eth0 (ethoc): transmit queue 0 timed out',
  '[   73.300000] Modules linked in:',
  '[   73.300000] CPU: 1 PID: 16 Comm: ksoftirqd/1 Not tainted 5.8.0-simple-smp-00012-g55b2662ec665-dirty #257',
  '[   73.300000] Call trace:',
  '[   73.300000] [<(ptrval)>] dump_stack+0xc4/0x100',
  '[   73.300000] [<(ptrval)>] __warn+0xf4/0x124',
  '[   73.300000] [<(ptrval)>] ? dev_watchdog+0x36c/0x374',
  '[   73.300000] [<(ptrval)>] warn_slowpath_fmt+0x7c/0x94',
  '[   73.300000] [<(ptrval)>] dev_watchdog+0x36c/0x374',
  '[   73.300000] [<(ptrval)>] ? dev_watchdog+0x0/0x374',
  '[   73.320000] [<(ptrval)>] call_timer_fn.isra.0+0x24/0xa0',
  '[   73.320000] [<(ptrval)>] run_timer_softirq+0x2a4/0x2b8',
  '[   73.320000] ---[ end trace 8ecdd7e2fa1e4ab8 ]---',
];

// The oops's first line, then its trace (two excerpts of one log).
const VENDOR_CALLER_ID = [
  '[  186.968067] [pid:10974,cpu1,grep]Internal error: Oops: 000000009600004f [#1] PREEMPT SMP',
  '[  186.976165] [pid:10974,cpu1,grep]thermal_sys: Temp Info FORMAT: <RELATED_COMPONENT>_<TEMP>_<PVT_NUMBER>.',
  '[  188.464444] [pid:10974,cpu1,grep] show_stack+0x18/0x30',
  '[  188.469577] [pid:10974,cpu1,grep] rdr_syserr_process_for_ap+0x90/0x260',
  '[  188.476102] [pid:10974,cpu1,grep] rdr_hisiap_panic_notify+0x38/0x50',
  '[  188.482368] [pid:10974,cpu1,grep] atomic_notifier_call_chain+0x60/0x90',
  '[  188.488893] [pid:10974,cpu1,grep] panic+0x240/0x3d8',
];

const SERIAL_LOGGER_STAMP = [
  '0410_03-08-12.384SOM-RK3399v2 login: [   48.042123] Unable to handle kernel NULL pointer dereference at virtual address 00000000',
  '0410_03-08-12.384[   48.042887] pgd = ffffffc0e270c000',
  '0410_03-08-12.384[   48.043801] Internal error: Oops: 96000045 [#1] SMP',
  '0410_03-08-12.384[   48.045067] CPU: 1 PID: 904 Comm: quadways_decode Not tainted 4.4.179-00001-gb8c28354 #6',
  '0410_03-08-12.384[   48.046788] PC is at rb_erase+0x120/0x3a8',
  '0410_03-08-12.384[   48.047153] LR is at timerqueue_del+0x38/0x88',
  '0410_03-08-12.384[   48.047538] pc : [<ffffff800842ac70>] lr : [<ffffff800842d628>] pstate: a00001c5',
  '0410_03-08-12.385[   48.048184] sp : ffffffc0f7ee1e00',
];

const PPC64_SELF_DETECTED = [
  '[   54.158854] watchdog: CPU 30 TB:77080881115, last SMP heartbeat TB:69380181751 (15040ms ago)',
  '[   55.293571] watchdog: CPU 1 self-detected hard LOCKUP @ do_raw_spin_lock+0x140/0x230',
  '[   55.293577] watchdog: CPU 1 TB:75267453118, last heartbeat TB:69871699982 (10538ms ago)',
  '[   55.293581] Modules linked in: dm_service_time crc32c_vpmsum ipr dm_multipath scsi_dh_rdac scsi_dh_emc scsi_dh_alua',
  '[   55.293624] CPU: 1 PID: 1733 Comm: systemd-udevd Not tainted 4.19.0-rc7+ #1',
];

const PPC64_OTHER_CPU = [
  '[ 2020.139747] Watchdog CPU:71 detected Hard LOCKUP other CPUS:42',
  '[ 2020.139931] Watchdog CPU:42 Hard LOCKUP',
  '[ 2020.139965] CPU: 42 PID: 3391 Comm: a.out Not tainted 4.15.0-15-generic #16-Ubuntu',
  '[ 2020.139967] NIP:  c0000000001d5364 LR: c0000000001d5340 CTR: c000000000acd200',
  '[ 2020.139969] REGS: c000000007da3d80 TRAP: 0100   Not tainted  (4.15.0-15-generic)',
];

// powerpc's die() with no `BUG:` line before it (its first half lost), and a recursive fault's (skiboot issue 194).
const POWERPC_OOPS = [
  'Oops: Kernel access of bad area, sig: 11 [#1]',
  'LE PAGE_SIZE=64K MMU=Hash SMP NR_CPUS=2048 NUMA pSeries',
  'CPU: 0 PID: 12 Comm: kworker/0:1 Not tainted 5.4.0-rc2-00104-g9e208aa06c21 #0',
  'NIP:  c00000000022d79c LR: c00000000022d784 CTR: 0000000000000000',
  'NIP [c00000000022d79c] partition_sched_domains_locked+0x1ac/0x5f0 kernel/sched/topology.c:2216',
  'LR [c00000000022d784] partition_sched_domains_locked+0x194/0x5f0 kernel/sched/topology.c:2216',
  'Call Trace:',
];

describe('console shapes of boards and older kernels', () => {
  it("titles powerpc's `Oops: REASON, sig: N [#N]` by its reason and NIP, not its signal and count", () => {
    const [report] = reportsOf(POWERPC_OOPS);
    assert.equal(report.title, 'Oops: Kernel access of bad area in partition_sched_domains_locked');
    const [recursive] = reportsOf(['[  219.539993] Oops: Kernel access of bad area, sig: 11 [#2]']);
    assert.equal(recursive.title, 'Oops: Kernel access of bad area in corrupted');
  });

  it('reads `[<(ptrval)>]` frames, with no address', () => {
    const [report] = reportsOf(PTRVAL_WARNING);
    assert.equal(report.kind, 'warning');
    assert.deepEqual(
      report.frames.map((f) => f.function),
      [
        'dump_stack',
        '__warn',
        'dev_watchdog',
        'warn_slowpath_fmt',
        'dev_watchdog',
        'dev_watchdog',
        'call_timer_fn.isra.0',
        'run_timer_softirq',
      ],
    );
    assert.ok(report.frames.every((f) => f.address === undefined));
    assert.equal(report.damage.length, 0);
  });

  it("reads a vendor kernel's `[pid:N,cpuN,comm]` after the timestamp as a caller id", () => {
    const [report] = reportsOf(VENDOR_CALLER_ID);
    assert.equal(report.kind, 'oops');
    assert.deepEqual(
      report.frames.map((f) => f.function),
      ['show_stack', 'rdr_syserr_process_for_ap', 'rdr_hisiap_panic_notify', 'atomic_notifier_call_chain', 'panic'],
    );
  });

  it("reads a serial logger's stamp before the printk timestamp as a prefix", () => {
    const [report] = reportsOf(SERIAL_LOGGER_STAMP);
    assert.equal(report.kind, 'paging');
    assert.equal(report.function, 'rb_erase');
    assert.equal(report.endLine, SERIAL_LOGGER_STAMP.length);
  });

  it("reads powerpc's self-detected hard lockup, titled by where the CPU was stuck", () => {
    const reports = reportsOf(PPC64_SELF_DETECTED);
    assert.deepEqual(
      reports.map((r) => `${r.kind} | ${r.title} | ${r.function}`),
      ['hard-lockup | BUG: hard lockup in do_raw_spin_lock | do_raw_spin_lock'],
    );
  });

  it("reads 4.15's `Watchdog CPU:42 Hard LOCKUP` as the report, the other CPU's notice as none", () => {
    const reports = reportsOf(PPC64_OTHER_CPU);
    assert.deepEqual(
      reports.map((r) => [r.kind, r.line]),
      [['hard-lockup', 2]],
    );
  });

  it("reads 6.5's `watchdog: CPU6: Watchdog detected hard LOCKUP on cpu 6` as a hard lockup", () => {
    const reports = reportsOf([
      '[ 1084.683268] watchdog: CPU6: Watchdog detected hard LOCKUP on cpu 6',
      '[ 1084.683274] Modules linked in: rcutorture torture xt_tcpudp',
    ]);
    assert.deepEqual(
      reports.map((r) => r.kind),
      ['hard-lockup'],
    );
  });
});
