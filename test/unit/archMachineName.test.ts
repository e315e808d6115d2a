// The machine a transcript names itself decides its architecture when nothing else does: crash's
// start-up banner and `sys` (`MACHINE:`, `RELEASE:`), and the kernel release on an oops's CPU line.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { machineNamed } from '../../server/src/analysis/parse/machine';

/** `arch` or `unknown/unmodelled` of a transcript. */
function archOf(lines: string[]): string {
  const model = analyze(lines.join('\n'));
  return model.arch === 'unknown' ? `unknown/${model.archUnmodelled ?? ''}` : model.arch;
}

// crash's start-up banner (a RHEL 8 vmcore in a bug report), cut before any command.
const BANNER = [
  '      KERNEL: /usr/lib/debug/lib/modules/4.18.0-372.9.1.el8.x86_64/vmlinux',
  '    DUMPFILE: vmcore  [PARTIAL DUMP]',
  '        CPUS: 4',
  '        DATE: Tue Jun 14 10:21:37 UTC 2022',
  '      UPTIME: 00:05:12',
  'LOAD AVERAGE: 0.08, 0.19, 0.09',
  '       TASKS: 201',
  '    NODENAME: localhost',
  '     RELEASE: 4.18.0-372.9.1.el8.x86_64',
  '     VERSION: #1 SMP Fri Apr 15 22:12:19 EDT 2022',
  '     MACHINE: x86_64  (2394 Mhz)',
  '      MEMORY: 4 GB',
  '       PANIC: "sysrq: SysRq : Trigger a crash"',
];

// A console excerpt without register lines: a hung task's stack (names only).
const HUNG_TASK = (cpuLine: string) => [
  'INFO: task kworker/0:1:12 blocked for more than 122 seconds.',
  `      ${cpuLine}`,
  '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
  'task:kworker/0:1     state:D stack:    0 pid:   12 ppid:     2 flags:0x00004000',
  'Call Trace:',
  ' __schedule+0x2d1/0x830',
  ' schedule+0x35/0xa0',
  ' worker_thread+0x30/0x380',
];

describe('the machine a transcript names', () => {
  it("reads crash's banner: `MACHINE:` and `RELEASE:`", () => {
    assert.equal(archOf(BANNER), 'x86_64');
    assert.equal(archOf(BANNER.map((l) => l.replace(/x86_64/g, 'aarch64'))), 'arm64');
    assert.equal(archOf(BANNER.map((l) => l.replace(/x86_64/g, 'riscv64'))), 'riscv64');
    assert.equal(archOf(BANNER.map((l) => l.replace(/x86_64/g, 'ppc64le'))), 'ppc64');
    assert.equal(archOf(BANNER.map((l) => l.replace(/x86_64/g, 's390x'))), 's390x');
    // Architectures read without a model stay unknown, but the evidence says which they are.
    assert.equal(archOf(BANNER.map((l) => l.replace(/x86_64/g, 'mips64'))), 'unknown/mips64');
    // Without the banner's machine lines nothing tells.
    assert.equal(archOf(BANNER.filter((l) => !/MACHINE|RELEASE|KERNEL/.test(l))), 'unknown/');
  });

  it("reads a distribution kernel's release on a console CPU line", () => {
    assert.equal(archOf(HUNG_TASK('Not tainted 5.14.0-70.13.1.el9_0.aarch64 #1')), 'arm64');
    assert.equal(archOf(HUNG_TASK('Tainted: P S         OE  X  -------  ---  5.14.0-570.39.1.el9_6.x86_64 #1')), 'x86_64');
    assert.equal(archOf(HUNG_TASK('Tainted: G        W          6.1.0-13-arm64 #1 Debian 6.1.55-1')), 'arm64');
    assert.equal(archOf(HUNG_TASK('Not tainted 6.1.0-13-amd64 #1 Debian 6.1.55-1')), 'x86_64');
    // An upstream or Ubuntu release names no machine.
    assert.equal(archOf(HUNG_TASK('Not tainted 5.15.0-91-generic #101-Ubuntu')), 'unknown/');
  });

  it('takes only a release suffix that is a machine', () => {
    assert.equal(machineNamed('CPU: 1 PID: 9 Comm: sh Not tainted 5.4.0-amd-sev-x86 #3'), undefined);
    assert.equal(machineNamed('CPU: 1 PID: 9 Comm: sh Not tainted 4.19.90-2107.6.0.0100.oe1.aarch64 #1'), 'aarch64');
    assert.equal(machineNamed('     MACHINE: ppc64le  (2900 Mhz)'), 'ppc64le');
    assert.equal(machineNamed('CPU: 1 PID: 9 Comm: sh Not tainted 6.6.0 #1'), undefined);
  });

  // crash's `sys` on a riscv64 Sv57 vmcore (crash commit e7119d2225e1, "RISCV64: Add support for
  // Sv57"), cut after its header: its TASK lies in Sv57's direct map, where no Sv39 address lies.
  it("takes `sys`'s TASK for the panic task's task_struct: where the kernel keeps its tasks tells the layout", () => {
    const model = analyze(
      [
        '     RELEASE: 5.18.9',
        '     VERSION: #30 SMP Fri Jul 15 09:47:03 CST 2022',
        '     MACHINE: riscv64  (unknown Mhz)',
        '      MEMORY: 1 GB',
        '       PANIC: "Kernel panic - not syncing: sysrq triggered crash"',
        '         PID: 113',
        '     COMMAND: "sh"',
        '        TASK: ff60000002269600  [THREAD_INFO: ff60000002269600]',
        '         CPU: 0',
        '       STATE: TASK_RUNNING (PANIC)',
      ].join('\n'),
    );
    assert.equal(model.arch, 'riscv64');
    assert.equal(model.layout?.era, 'riscv64 Sv57');
    assert.deepEqual(
      model.tasks.map((t) => [t.pid, t.command, t.task.toString(16), t.line]),
      [[113, 'sh', 'ff60000002269600', 7]],
    );
  });
});
