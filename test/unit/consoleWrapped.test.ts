// Console lines hard-wrapped when pasted (a mail client or a terminal cutting at 76 columns): a
// frame cut inside its +0x../0x.. and a register line cut inside a value are read joined.
import { strict as assert } from 'assert';
import { hoverContext } from '../../server/src/analysis/hover/context';
import { consoleFrame } from '../../server/src/analysis/hover/facts/consoleFrame';
import { hexWord } from '../../server/src/analysis/hex';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';
import { consolePrefixLength } from '../../server/src/analysis/parse/console';
import { crashDumps, hasShared, syzkallerReports } from '../support/corpus';

const WIDTH = 76;
const FRAME_OFFSET = /\+0x[0-9a-f]*(?:\/(?:0x[0-9a-f]*)?)?$/;
const REGISTER_VALUE = /[A-Z0-9]{2,3}: ?[0-9a-f]+$/;

/** The lines with each frame or register line (as the analysis reads them) longer than WIDTH cut there when the cut falls inside an offset or a value. */
function wrapped(text: string): { lines: string[]; cuts: number } {
  const reports = analyze(text).reports;
  const own = new Set([
    ...reports.flatMap((r) => r.frames.map((f) => f.line)),
    ...reports.flatMap((r) => r.registers.map((g) => g.line)),
  ]);
  const out: string[] = [];
  let cuts = 0;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    const head = line.slice(0, WIDTH);
    const tail = line.slice(WIDTH);
    const cutInside = /\S/.test(line.charAt(WIDTH - 1)) && /\S/.test(line.charAt(WIDTH));
    const prefixed = consolePrefixLength(line) > 0;
    if (own.has(index) && prefixed && tail && cutInside && (FRAME_OFFSET.test(head) || REGISTER_VALUE.test(head))) {
      out.push(head, tail);
      cuts++;
    } else out.push(raw);
  }
  return { lines: out, cuts };
}

/** The frames and register values of every report (how a report is split from the next may
 * depend on line distances, which the extra lines change). */
function reading(text: string): string[] {
  const reports = analyze(text).reports;
  return [
    ...reports.flatMap((r) =>
      r.frames.map((f) => `${f.unreliable ? '? ' : ''}${f.function}+${f.offset}/${f.size} [${f.module ?? ''}]`),
    ),
    ...reports.flatMap((r) => r.registers.map((g) => `${g.name}=${g.value?.toString(16) ?? g.symbol?.name}`)),
  ];
}

describe('hard-wrapped console lines', () => {
  (hasShared ? it : it.skip)('reads real consoles cut at 76 columns inside frames and register values as they were', () => {
    const consoles = [
      ...crashDumps('x86_64').map((d) => ({ name: d.name, text: d.console })),
      ...syzkallerReports()
        .filter((_, index) => index % 4 === 0)
        .map((r) => ({ name: r.name, text: r.log })),
    ];
    let cuts = 0;
    let joined = 0;
    for (const { name, text } of consoles) {
      const wrap = wrapped(text);
      if (wrap.cuts === 0) continue;
      const again = wrap.lines.join('\n');
      assert.deepEqual(reading(again), reading(text), name);
      // Quoted in a reply, the continuation line carries the quote marker too.
      assert.deepEqual(reading(wrap.lines.map((line) => `> ${line}`).join('\n')), reading(text), `${name} (quoted)`);
      const model = analyze(again);
      for (const frame of model.reports.flatMap((r) => r.frames).filter((f) => f.joined)) {
        const line = model.line(frame.line);
        const context = hoverContext(model, frame.line, line.indexOf(frame.function) + 1)!;
        assert.match(consoleFrame.describe(context) as string, /read joined/, `${name}:${frame.line + 1}`);
        joined++;
      }
      for (const register of model.reports.flatMap((r) => r.registers).filter((g) => g.joined)) {
        const line = model.line(register.line);
        const context = hoverContext(model, register.line, line.lastIndexOf(register.name, register.column) + 1)!;
        assert.ok(
          (consoleFrame.describe(context) as string).includes(`read joined as \`${hexWord(register.value!, model.wordBytes)}\``),
          `${name}:${register.line + 1}`,
        );
        joined++;
      }
      cuts += wrap.cuts;
    }
    assert.ok(cuts > 50, `${cuts} cuts`);
    assert.ok(joined >= cuts, `${joined} joined of ${cuts} cuts`);
  });
  (hasShared ? it : it.skip)('reads a RIP line cut inside its size once, with the whole size', () => {
    // A name long enough that the line is as wide as a mail's wrap: `…+0x5/0x1` then `0` on the next line.
    const console = crashDumps('x86_64')[0]
      .console.replace(/\r\n/g, '\n')
      .replace(/ RIP: 0010:(\w+)\+0x5\/0x10 \[lkdtm\]/g, ' RIP: 0010:$1_of_a_longer_name+0x5/0x10');
    const lines = console.split('\n');
    const at = lines.findIndex((l) => / RIP: 0010:\w+_of_a_longer_name\+0x5\/0x10$/.test(l));
    assert.ok(at >= 0 && lines[at].length >= 56, 'a RIP line as wide as a wrap');
    const cut = [...lines.slice(0, at), lines[at].slice(0, -1), '0', ...lines.slice(at + 1)].join('\n');
    const rips = analyze(cut)
      .reports.flatMap((r) => r.registers)
      .filter((r) => r.line === at)
      .map((r) => `${r.name} ${r.symbol?.offset}/${r.symbol?.size}`);
    assert.deepEqual(rips, ['RIP 5/16']);
  });

  it('titles a report by a RIP line a mailer wrapped after its addresses, its function on the next line (LKML, 3.16)', () => {
    const lines = [
      '[459395.776124] PANIC: double fault, error_code: 0x0',
      '[459395.776606] CPU: 0 PID: 36565 Comm: fio Not tainted 3.16.39kmemleak #4',
      '[459395.776617] RIP: 0010:[<ffffffff81048ecf>] [<ffffffff81048ecf>]',
      '__do_page_fault+0x1f/0x540',
      '[459395.776628] RSP: 002b:00007ffe0bc9bfa8 EFLAGS: 00010012',
    ];
    const [report] = summarize(analyze(lines.join('\n'))).reports;
    assert.equal(report.title, 'PANIC: double fault in __do_page_fault');
  });

  it('titles a general protection fault whose header a mailer wrapped before its address (a reply quoting syzbot, lore: 30efbec6-b80d-471f-a445-5b7f06dd0f49@huaweicloud.com)', () => {
    const lines = [
      '>> Oops: general protection fault, probably for non-canonical address',
      '>> 0xdffffc0000000000: 0000 [#1] SMP KASAN PTI',
      '>> KASAN: null-ptr-deref in range [0x0000000000000000-0x0000000000000007]',
      '>> CPU: 1 UID: 0 PID: 5994 Comm: syz.0.17 Not tainted syzkaller #0 PREEMPT(full)',
      '>> Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google',
      '>> 01/24/2026',
      '>> RIP: 0010:bitmap_subset include/linux/bitmap.h:433 [inline]',
      '>> RIP: 0010:cpumask_subset include/linux/cpumask.h:836 [inline]',
      '>> RIP: 0010:rebuild_sched_domains_locked+0x2aa/0x980 kernel/cgroup/cpuset.c:967',
      '>> Code: 7d 05 00 41 83 c4 01 89 de 48 83 c5 08 44 89 e7 e8 fb 76 05 00 41 39 dc',
      '>> 0f 8d 4c 04 00 00 e8 fd 7c 05 00 48 89 e8 48 c1 e8 03 <42> 80 3c 30 00 0f 85',
      '>> 1d 06 00 00 48 8b 04 24 48 23 45 00 31 ff 44',
    ];
    const [report] = summarize(analyze(lines.join('\n'))).reports;
    assert.equal(report.title, 'general protection fault in rebuild_sched_domains_locked');
  });

  it('joins a decode_stacktrace.sh frame wrapped inside its source locations, whatever its width (linux-rockchip issue 38; the build tree prefix cut)', () => {
    const lines = [
      '[   31.295816] task:rcu_preempt     state:I stack:0     pid:15    tgid:15    ppid:2      task_flags:0x208040 flags:0x00000010',
      '[   31.296817] Call trace:',
      '[   31.297041] __switch_to (sd-fuse_rk3528/kernel-rk3528/arch/arm64/kernel/process.c:740) (T)',
      '[   31.297402] __schedule (sd-fuse_rk3528/kernel-rk3528/kernel/sched/core.c:5404 sd-fuse_rk3528/',
      'kernel-rk3528/kernel/sched/core.c:6790)',
    ];
    const frames = analyze(lines.join('\n')).reports.flatMap((r) => r.frames);
    assert.deepEqual(
      frames.map((f) => [f.function, f.joined === true]),
      [
        ['__switch_to', false],
        ['__schedule', true],
      ],
    );
  });
});

describe("32-bit arm's frames a mailer wrapped after their caller's address", () => {
  // A reply on usrp-users ("Re: Kernel Panic with v3.15.0.0 on E320", 2020): each `(func) from [<addr>]`
  // on one line, the caller's `(name+off/size)` on the next, quoted.
  const lines = [
    '> [35770.523528] Internal error: Oops: 80000007 [#1] PREEMPT SMP ARM',
    '> [35770.547351] LR is at rcu_process_callbacks+0x55c/0x60c',
    '> [35770.776874] [<c018863c>] (rcu_process_callbacks) from [<c0102c28>]',
    '> (__do_softirq+0x260/0x3dc)',
    '> [35770.785375] [<c0102c28>] (__do_softirq) from [<c0129100>]',
    '> (irq_exit+0x88/0xe0)',
    '> [35770.792578] [<c0129100>] (irq_exit) from [<c017af58>]',
    '> (__handle_domain_irq+0xa4/0xf0)',
  ];

  it('reads each with its caller, quoted or not', () => {
    for (const text of [lines.join('\n'), lines.map((l) => l.slice(2)).join('\n')]) {
      const frames = analyze(text).reports.flatMap((r) => r.frames);
      assert.deepEqual(
        frames.map((f) => [f.function, f.offset, f.line]),
        [
          ['rcu_process_callbacks', undefined, 2],
          ['__do_softirq', 0x260, 4],
          ['irq_exit', 0x88, 6],
          ['__handle_domain_irq', 0xa4, 6],
        ],
      );
    }
  });
});

// A ppc64le oops of a stable patch's commit message (drm/amdgpu, POWER10), its GPR rows wrapped by the
// mailer after their third value: each row's fourth register on a line of its own.
const WRAPPED_GPR_ROWS = [
  'BUG: Kernel NULL pointer dereference on read at 0x00000002',
  'Faulting instruction address: 0xc0000000002c8a64',
  'Oops: Kernel access of bad area, sig: 11 [#1]',
  'NIP:  c0000000002c8a64 LR: c00000000125dbc8 CTR: c00000000125e730',
  'GPR00: c00000000125d908 c0000001e0957820 c0000000016e8100',
  'c00000013d814540',
  'GPR04: 0000000000000002 c00000013d814550 0000000000000045',
  '0000000000000000',
  'NIP [c0000000002c8a64] __mutex_add_waiter+0x24/0xc0',
];

describe('a register row a mailer wrapped', () => {
  it("reads the row's last value on the next line as its register", () => {
    const [report] = analyze(WRAPPED_GPR_ROWS.join('\n')).reports;
    const gprs = report.registers.filter((r) => r.name.startsWith('GPR'));
    assert.deepEqual(
      gprs.map((r) => [r.name, r.line]),
      [
        ['GPR0', 4],
        ['GPR1', 4],
        ['GPR2', 4],
        ['GPR3', 5],
        ['GPR4', 6],
        ['GPR5', 6],
        ['GPR6', 6],
        ['GPR7', 7],
      ],
    );
    assert.equal(gprs[3].value, 0xc00000013d814540n);
  });
});
