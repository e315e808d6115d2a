import { strict as assert } from 'assert';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';
import { REPO_ROOT, repoConsoles } from '../support/corpus';

// The real consoles of test/corpus: the same module's BUG_ON and sysrq-c on each architecture.
const ARCHES = ['ppc64le', 's390x', 'riscv64'];

function leading(file: string): ReturnType<typeof summarize>['reports'][number] {
  const summary = summarize(analyze(readFileSync(path.join(REPO_ROOT, 'test', 'corpus', file), 'utf8')));
  assert.ok(summary.leadingReport !== undefined, file);
  return summary.reports[summary.leadingReport];
}

describe('triage of real consoles on other architectures', () => {
  for (const arch of ARCHES) {
    it(`${arch}: BUG_ON is titled and located from its fault site`, () => {
      const report = leading(`${arch}/03-bug.console.crashlog`);
      assert.equal(report.kind, 'bug');
      assert.equal(report.title, 'kernel BUG in cc_do_bug');
      assert.equal(report.function, 'cc_do_bug');
      assert.equal(report.module, 'corpus_crash');
    });

    it(`${arch}: a sysrq crash names neither the stack printers nor the +0x0 return address`, () => {
      const report = leading(`${arch}/04-sysrq.console.crashlog`);
      assert.equal(report.kind, 'panic');
      assert.equal(report.title, 'kernel panic: sysrq triggered crash');
      assert.ok(report.function === 'sysrq_handle_crash' || report.function === '__handle_sysrq', report.function);
    });
  }
});

describe('triage of a panic raised from an NMI handler', () => {
  it("names the handler that called nmi_panic(), not nmi_panic() (kernel/panic.c's wrapper of panic())", () => {
    const model = analyze(
      [
        '[  479.913827] Kernel panic - not syncing: An NMI occurred',
        '[  479.914427] Call Trace:',
        '[  479.914442]  <NMI>  [<ffffffff81581fba>] dump_stack+0x19/0x1b',
        '[  479.914482]  [<ffffffff8157b512>] panic+0xe8/0x21f',
        '[  479.914518]  [<ffffffff8109ae9f>] nmi_panic+0x3f/0x40',
        '[  479.914552]  [<ffffffffc02e13df>] cc_nmi_handler+0x6f/0xb0 [corpus_crash]',
        '[  479.914583]  [<ffffffff8158c93c>] nmi_handle.isra.0+0x8c/0x150',
      ].join('\n'),
    );
    const report = summarize(model).reports[0];
    assert.equal(report.kind, 'panic');
    assert.deepEqual([report.function, report.module], ['cc_nmi_handler', 'corpus_crash']);
  });
});

// mips64 and LoongArch print their fault as `CPU N Unable to handle kernel paging request at virtual
// address …, epc == …, ra == …` before `Oops[#1]:`, and the site padded (`epc   : addr func+off`, `ERA: addr func+off`).
describe('triage of the read-only architectures’ consoles and crash logs (test/corpus)', () => {
  const CASES: { file: string; reports: { kind: string; title: string; function?: string; module?: string }[] }[] = [
    {
      file: 'mips64/02-null.console.crashlog',
      reports: [
        {
          kind: 'paging',
          title: 'BUG: unable to handle kernel paging request in cc_do_null',
          function: 'cc_do_null',
          module: 'corpus_crash',
        },
        { kind: 'panic', title: 'kernel panic: Fatal exception' },
      ],
    },
    // The console prints the panic line alone for sysrq-c: no trace, so no function.
    { file: 'mips64/04-sysrq.console.crashlog', reports: [{ kind: 'panic', title: 'kernel panic: sysrq triggered crash' }] },
    {
      file: 'loongarch64/01-i8042.console.crashlog',
      reports: [
        { kind: 'paging', title: 'BUG: unable to handle kernel paging request in i8042_flush', function: 'i8042_flush' },
        { kind: 'panic', title: 'kernel panic: Fatal exception' },
      ],
    },
    {
      file: 'loongarch64/04-sysrq.console.crashlog',
      reports: [{ kind: 'panic', title: 'kernel panic: sysrq triggered crash', function: '__handle_sysrq' }],
    },
  ];
  it('names the function from the padded site line when the console is cut before its trace', () => {
    const cut = (file: string) => {
      const text = readFileSync(path.join(REPO_ROOT, 'test', 'corpus', file), 'utf8');
      return text.slice(0, text.indexOf('Call Trace:'));
    };
    const i8042 = cut('loongarch64/01-i8042.console.crashlog');
    // LoongArch kernels before 6.2 printed `era   :` and `ra    :` as mips does (arch/loongarch/kernel/traps.c).
    const before62 = i8042.replace('  ERA: ', 'era   : ').replace('   ra: ', 'ra    : ');
    assert.notEqual(before62, i8042);
    for (const [text, fn] of [
      [cut('mips64/02-null.console.crashlog'), 'cc_do_null'],
      [i8042, 'i8042_flush'],
      [before62, 'i8042_flush'],
    ]) {
      const summary = summarize(analyze(text));
      assert.deepEqual(
        summary.reports.map((r) => [r.kind, r.function, r.frames.length]),
        [['paging', fn, 0]],
      );
    }
  });

  it('names the caller of a jump to nowhere by its link register when the pc names nothing and no trace prints', () => {
    // riscv64 5.18 at boot (LKML, Jisheng Zhang, "riscv: move sbi_init() earlier before jump_label_init()"),
    // its general registers but the first row left out.
    const lines = [
      '[    0.000000] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000',
      '[    0.000000] Oops [#1]',
      '[    0.000000] Modules linked in:',
      '[    0.000000] CPU: 0 PID: 0 Comm: swapper Not tainted 5.18.0-rc7+ #79',
      '[    0.000000] Hardware name: riscv-virtio,qemu (DT)',
      '[    0.000000] epc : 0x0',
      '[    0.000000]  ra : sbi_remote_fence_i+0x1e/0x26',
      '[    0.000000] epc : 0000000000000000 ra : ffffffff80005826 sp : ffffffff80c03d50',
      '[    0.000000] status: 0000000000000100 badaddr: 0000000000000000 cause: 000000000000000c',
      '[    0.000000] ---[ end trace 0000000000000000 ]---',
    ];
    const [report] = summarize(analyze(lines.join('\n'))).reports;
    assert.deepEqual(
      [report.kind, report.title, report.function],
      ['paging', 'BUG: unable to handle kernel NULL pointer dereference in corrupted', 'sbi_remote_fence_i'],
    );
  });

  it("names no function for a hard lockup another CPU's detector reported: its trace is the detector's", () => {
    // arm64 5.4 (SC7180), quoted in a coresight fix's commit message (linux-arm-kernel, Sai Prakash
    // Ranjan), its indent kept and the trace cut after the interrupt entry.
    const lines = [
      '  Kernel panic - not syncing: Watchdog detected hard LOCKUP on cpu 0',
      '  CPU: 7 PID: 0 Comm: swapper/7 Tainted: G S  B             5.4.25 #100',
      '  Hardware name: Qualcomm Technologies, Inc. SC7180 IDP (DT)',
      '  Call trace:',
      '   dump_backtrace+0x0/0x188',
      '   show_stack+0x20/0x2c',
      '   dump_stack+0xdc/0x144',
      '   panic+0x168/0x370',
      '   arch_seccomp_spec_mitigate+0x0/0x14',
      '   watchdog_timer_fn+0x68/0x290',
      '   __hrtimer_run_queues+0x264/0x498',
      '   hrtimer_interrupt+0xf0/0x22c',
      '   arch_timer_handler_phys+0x40/0x50',
      '   handle_percpu_devid_irq+0x8c/0x158',
      '   __handle_domain_irq+0x84/0xc4',
      '   gic_handle_irq+0x100/0x1c4',
      '   el1_irq+0xbc/0x180',
      '   arch_cpu_idle+0x3c/0x5c',
    ];
    const summary = (text: string) => summarize(analyze(text)).reports.map((r) => [r.kind, r.function]);
    assert.deepEqual(summary(lines.join('\n')), [['hard-lockup', undefined]]);
    // Printed by the locked CPU itself, its interrupted code is the lockup's.
    assert.deepEqual(summary(lines.join('\n').replace('CPU: 7 PID: 0 Comm: swapper/7', 'CPU: 0 PID: 0 Comm: swapper/0')), [
      ['hard-lockup', 'arch_cpu_idle'],
    ]);
  });

  for (const { file, reports } of CASES) {
    const crashFile = file.replace('.console', '');
    const files = existsSync(path.join(REPO_ROOT, 'test', 'corpus', crashFile)) ? [file, crashFile] : [file];
    for (const name of files) {
      it(`${name}: kind, title, function and signature of every report`, () => {
        const summary = summarize(analyze(readFileSync(path.join(REPO_ROOT, 'test', 'corpus', name), 'utf8')));
        assert.deepEqual(
          summary.reports.map((r) => ({ kind: r.kind, title: r.title, function: r.function, module: r.module })),
          reports.map((r) => ({ module: undefined, function: undefined, ...r })),
        );
        for (const r of summary.reports) assert.match(r.signature, /^[0-9a-f]{16}$/);
        assert.equal(summary.leadingReport, 0);
      });
    }
  }
});

describe('triage of a console pasted from its registers on (header cut off)', () => {
  it('names the fault site of the register block above the orphan call trace, on our consoles of every architecture', () => {
    let checked = 0;
    for (const { name, text } of repoConsoles()) {
      const lines = text.split('\n');
      const whole = summarize(analyze(text)).reports[0];
      // The line that names where it faulted (`NIP [..] func`, `epc : func`, `RIP: 0010:func`, `Krnl PSW`…) before the trace.
      const trace = lines.findIndex((l) => /Call [Tt]race:/.test(l));
      const site = lines.findIndex(
        (l, i) =>
          i < trace &&
          whole?.function !== undefined &&
          /(?:NIP|epc|pc|RIP|PSW|ERA|EIP)\b.*:?/.test(l) &&
          l.includes(whole.function),
      );
      if (!whole?.function || trace < 0 || site < 0) continue;
      // A panic of panic_on_warn printed before the trace opens a report of its own: those are left out.
      const cut = summarize(analyze(lines.slice(site).join('\n'))).reports[0];
      if (cut.title !== 'Call trace') continue;
      assert.equal(cut.function, whole.function, name);
      checked++;
    }
    assert.ok(checked >= 6, `${checked} consoles checked`);
  });
});
