// Console traces in the shapes other tools and older kernels print them, made from real
// corpus text by rewriting its frame lines: the same frames must come out.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { consoleCaller, consolePrefixLength, parseConsoleFrame, readThrough } from '../../server/src/analysis/parse/console';
import { triageReport } from '../../server/src/analysis/triage';
import type { Frame } from '../../server/src/analysis/types';
import { crashDumps, hasShared, syzkallerReports } from '../support/corpus';

/** Real console logs: the crash corpus consoles and every fifth syzkaller report. */
function realConsoles(): { name: string; text: string }[] {
  const dumps = [...crashDumps('x86_64'), ...crashDumps('arm64')].map((d) => ({ name: d.name, text: d.console }));
  const syzkaller = syzkallerReports()
    .filter((_, index) => index % 5 === 0)
    .map((r) => ({ name: r.name, text: r.log }));
  return [...dumps, ...syzkaller];
}

function framesOf(text: string): Frame[] {
  return analyze(text).reports.flatMap((report) => report.frames);
}

/** What a frame says besides where it was printed. */
function facts(frame: Frame, withReliability = true): string {
  const reliability = withReliability ? `${frame.unreliable ? '? ' : ''}${frame.context ?? ''} ` : '';
  return `${reliability}${frame.function}+${frame.offset}/${frame.size} [${frame.module ?? ''}]`;
}

/** A text address for a function, the same wherever it is printed. */
function addressOf(fn: string, offset: number): string {
  let hash = 0;
  for (let i = 0; i < fn.length; i++) hash = (hash * 31 + fn.charCodeAt(i)) >>> 0;
  return (0xffffffff81000000n + BigInt(hash % 0x800000) * 16n + BigInt(offset)).toString(16);
}

/** A line's console prefix and body, CR kept apart (the crash corpus consoles end lines with CRLF). */
function split(line: string): { prefix: string; body: string; end: string } {
  const end = line.endsWith('\r') ? '\r' : '';
  const text = end ? line.slice(0, -1) : line;
  const n = consolePrefixLength(text);
  return { prefix: text.slice(0, n), body: text.slice(n), end };
}

/** A trace frame line as it is rewritten: one with function, offset and size and nothing else. */
function plainFrame(body: string): ReturnType<typeof parseConsoleFrame> {
  const frame = parseConsoleFrame(body);
  if (!frame || frame.offset === undefined || frame.address || frame.caller || frame.probe || frame.source) return undefined;
  return /^\s*(?:\? )?[A-Za-z_.$][\w.$]*\+0x[0-9a-f]+\/0x[0-9a-f]+(?: \[[\w-]+\])?\s*$/.test(body) ? frame : undefined;
}

/**
 * The old x86_64 form: every frame with its address (`[<ffffffff813a0886>] ? func+0x../0x..`),
 * and a stack switch printed at the start of the next frame's line (`<IRQ>`, `</IRQ>` as `<EOI>`).
 */
function toOldForm(text: string): { text: string; rewritten: Set<number> } {
  const out: string[] = [];
  const rewritten = new Set<number>();
  let pendingMarker: string | undefined;
  let markerLine = '';
  for (const line of text.split('\n')) {
    const { prefix, body, end } = split(line);
    const marker = /^\s*<(\/?IRQ)>\s*$/.exec(body);
    if (marker) {
      if (pendingMarker) out.push(markerLine);
      pendingMarker = marker[1] === 'IRQ' ? '<IRQ> ' : '<EOI> ';
      markerLine = line;
      continue;
    }
    const frame = plainFrame(body);
    if (!frame) {
      // No frame follows the marker: it stays on its own line.
      if (pendingMarker) out.push(markerLine);
      pendingMarker = undefined;
      out.push(line);
      continue;
    }
    const address = addressOf(frame.function, frame.offset!);
    rewritten.add(out.length);
    out.push(`${prefix} ${pendingMarker ?? ''}[<${address}>] ${body.trimStart()}${end}`);
    pendingMarker = undefined;
  }
  return { text: out.join('\n'), rewritten };
}

/** klogd's form: `[module:func+dec/dec]`, `count` frames to a line. */
function toKlogdForm(text: string, count: number): string {
  const out: string[] = [];
  let run: string[] = [];
  let runPrefix = '';
  const flush = (): void => {
    if (run.length > 0) out.push(`${runPrefix} ${run.join(' ')}`);
    run = [];
  };
  for (const line of text.split('\n')) {
    const { prefix, body } = split(line);
    const frame = plainFrame(body);
    if (!frame) {
      flush();
      out.push(line);
      continue;
    }
    // A line of frames is one printk caller's.
    if (run.length > 0 && consoleCaller(prefix, prefix.length) !== consoleCaller(runPrefix, runPrefix.length)) flush();
    if (run.length === 0) runPrefix = prefix;
    run.push(`[${frame.module ? frame.module + ':' : ''}${frame.function}+${frame.offset}/${frame.size}]`);
    if (run.length === count) flush();
  }
  flush();
  return out.join('\n');
}

/** The frames `toOldForm`/`toKlogdForm` rewrite, as they came out of the real text. */
function rewrittenFrames(text: string): Frame[] {
  const lines = text.split('\n');
  return framesOf(text).filter((frame) => plainFrame(split(lines[frame.line]).body) !== undefined);
}

describe('console traces as other tools and older kernels print them', () => {
  it('reads /proc/PID/stack, old x86_64 frames with <IRQ>/<EOI> and klogd frames', () => {
    const stack = ['[<0>] do_wait+0x1c6/0x2e0', '[<0>] kernel_wait4+0xaf/0x150', '[<0>] do_syscall_64+0x5b/0x80'];
    assert.deepEqual(
      framesOf(stack.join('\n')).map((f) => facts(f)),
      [' do_wait+454/736 []', ' kernel_wait4+175/336 []', ' do_syscall_64+91/128 []'],
    );
    const old = [
      'Call Trace:',
      ' <IRQ>  [<ffffffff8108c1a5>] ? run_timer_softirq+0x35/0x2a0',
      ' [<ffffffff81083b24>] __do_softirq+0xd4/0x230',
      ' <EOI>  [<ffffffff8100c2cc>] do_softirq+0x6c/0x80',
      ' [<ffffffffa0123456>] foo_bar+0x10/0x20 [foo]',
    ];
    const frames = framesOf(old.join('\n'));
    assert.deepEqual(
      frames.map((f) => facts(f)),
      ['? IRQ run_timer_softirq+53/672 []', 'IRQ __do_softirq+212/560 []', ' do_softirq+108/128 []', ' foo_bar+16/32 [foo]'],
    );
    assert.equal(frames[0].address, 0xffffffff8108c1a5n);
    const klogd = ['Call Trace: [schedule+16/32] [ext3:journal_commit+123/456]', ' [system_call+44/48]'];
    assert.deepEqual(
      framesOf(klogd.join('\n')).map((f) => facts(f)),
      [' schedule+16/32 []', ' journal_commit+123/456 [ext3]', ' system_call+44/48 []'],
    );
  });

  (hasShared ? it : it.skip)('finds the frames of real consoles in /proc/PID/stack form', () => {
    let checked = 0;
    for (const { name, text } of realConsoles()) {
      const report = analyze(text).reports.find((r) => r.frames.some((f) => f.offset !== undefined && !f.inlined));
      if (!report) continue;
      const frames = report.frames.filter((f) => f.offset !== undefined && f.size !== undefined && !f.inlined);
      const stack = frames.map(
        (f) => `[<0>] ${f.function}+0x${f.offset!.toString(16)}/0x${f.size!.toString(16)}${f.module ? ` [${f.module}]` : ''}`,
      );
      assert.deepEqual(
        framesOf(stack.join('\n')).map((f) => facts(f, false)),
        frames.map((f) => facts(f, false)),
        name,
      );
      checked++;
    }
    assert.ok(checked > 100, `${checked} consoles checked`);
  });

  (hasShared ? it : it.skip)('finds the same frames in real consoles rewritten in the old x86_64 and klogd forms', () => {
    let checked = 0;
    for (const { name, text } of realConsoles()) {
      const original = rewrittenFrames(text);
      if (original.length === 0) continue;
      const old = toOldForm(text);
      assert.equal(rewrittenFrames(old.text).length, 0, `${name}: every plain frame rewritten`);
      const oldFrames = framesOf(old.text).filter((f) => old.rewritten.has(f.line));
      assert.deepEqual(
        oldFrames.map((f) => facts(f)),
        original.map((f) => facts(f)),
        `${name} (old form)`,
      );
      for (const count of [1, 3]) {
        const klogdText = toKlogdForm(text, count);
        const klogdLines = klogdText.split('\n');
        const klogdFrames = framesOf(klogdText).filter((f) => /\[[\w:.$-]+\+\d+\/\d+\]/.test(split(klogdLines[f.line]).body));
        assert.deepEqual(
          klogdFrames.map((f) => facts(f, false)),
          original.map((f) => facts(f, false)),
          `${name} (klogd form, ${count} a line)`,
        );
      }
      checked++;
    }
    assert.ok(checked > 80, `${checked} consoles checked`);
  });

  (hasShared ? it : it.skip)("finds the same frames in real consoles printed as Amlogic's vendor kernels print them", () => {
    // `[ 6020.023137@0] [ffffff80201c7800+  32][<ffffff80091f0e2c>] func+0xd8/0xe4`: the CPU after the
    // time, each frame's sp and size before its address.
    let checked = 0;
    for (const { name, text } of realConsoles()) {
      const old = toOldForm(text);
      const expected = framesOf(old.text).filter((f) => old.rewritten.has(f.line));
      if (expected.length === 0) continue;
      let sp = 0xffffff80201c7800n;
      const amlogic = old.text
        .split('\n')
        .map((line, i) => {
          const stamped = line.replace(/^(\s*\[\s*\d+\.\d+)\]/, '$1@2]');
          if (!old.rewritten.has(i) || /<\/?[A-Z]+>/.test(line)) return stamped;
          sp += 0x40n;
          return stamped.replace(' [<', ` [${sp.toString(16)}+  64][<`);
        })
        .join('\n');
      const frames = framesOf(amlogic).filter((f) => old.rewritten.has(f.line));
      assert.deepEqual(
        frames.map((f) => facts(f)),
        expected.map((f) => facts(f)),
        name,
      );
      checked++;
    }
    assert.ok(checked > 80, `${checked} consoles checked`);
  });

  it('reads through quote markers and colour escapes, not through KASAN shadow rows', () => {
    assert.equal(readThrough('>ffff888012345600: 00 00 fc fc'), undefined);
    assert.equal(readThrough('> >ffff888012345600: 00 00 fc fc')?.quote, 2);
    assert.equal(readThrough('>>  func+0x1/0x2')?.quote, 3);
    const view = readThrough('\x1b[32m[   1.5]\x1b[0m RIP: \x1b[1m0010:f+0x1/0x2\x1b[0m')!;
    assert.equal(view.text, '[   1.5] RIP: 0010:f+0x1/0x2');
    assert.equal(view.column(view.text.indexOf('0010')), '\x1b[32m[   1.5]\x1b[0m RIP: \x1b[1m'.length);
  });

  (hasShared ? it : it.skip)('reads real consoles quoted in e-mail and coloured by a terminal, columns on the real text', () => {
    const pastes: [string, (line: string, index: number) => string][] = [
      ['quoted', (line) => `> ${line}`],
      ['quoted twice', (line, index) => (index % 2 === 0 ? `>> ${line}` : `> > ${line}`)],
      ['coloured', colour],
      ['quoted and coloured', (line) => `> ${colour(line)}`],
    ];
    let checked = 0;
    for (const { name, model, lines } of consolesWithFrames().filter((_, index) => index % 2 === 0)) {
      for (const [how, paste] of pastes) assertSameReading(`${name} (${how})`, model, lines, lines.map(paste));
      checked++;
    }
    assert.ok(checked > 40, `${checked} consoles checked`);
  });
  it('reads dmesg -T and system log prefixes as console prefixes', () => {
    const lines = [
      '[Mon Nov 23 01:07:26 2026] BUG: kernel NULL pointer dereference, address: 0000000000000000',
      'Nov  2 01:07:26 host kernel: [   12.345678][ T1083] Call Trace:',
      'Nov 22 01:07:26 host kernel:  do_syscall_64+0x5b/0x80',
      '2026-11-22T01:07:26.123456+00:00 host kernel: RIP: 0010:f+0x1/0x2',
      'May 17 18:48:11 kernel: [ 6141.921849]  schedule+0x50/0xa8',
      '    May 17 18:48:11 host kernel: [ 6141.921868]  io_schedule+0x20/0x40',
    ];
    const bodies = lines.map((line) => line.slice(consolePrefixLength(line)));
    assert.deepEqual(bodies, [
      'BUG: kernel NULL pointer dereference, address: 0000000000000000',
      'Call Trace:',
      ' do_syscall_64+0x5b/0x80',
      'RIP: 0010:f+0x1/0x2',
      ' schedule+0x50/0xa8',
      ' io_schedule+0x20/0x40',
    ]);
    assert.equal(consoleCaller(lines[1], consolePrefixLength(lines[1])), 'T1083');
    // Other programs' lines in a system log and a user-space date are no kernel prefix.
    assert.equal(consolePrefixLength('Nov 22 01:07:26 host systemd[1]: Started foo.'), 0);
    assert.equal(consolePrefixLength('Mon Nov 23 the meeting'), 0);
  });

  it("reads through HTML and Markdown escapes and a person's notes", () => {
    const cases: [string, string][] = [
      [
        '[   12.5] RIP: 0010:cc\\_do\\_null+0x10/0x20 \\[corpus\\_crash\\]',
        '[   12.5] RIP: 0010:cc_do_null+0x10/0x20 [corpus_crash]',
      ],
      ['&gt; [   12.5]  &lt;IRQ&gt;', '> [   12.5]  <IRQ>'],
      ['**BUG: KASAN: use-after-free in cc_read+0x1/0x2**', 'BUG: KASAN: use-after-free in cc_read+0x1/0x2'],
      ['`[   12.5]  cc_read+0x1/0x2`', '[   12.5]  cc_read+0x1/0x2'],
      ['[   12.5]  cc_read+0x1/0x2   <-- here it faults', '[   12.5]  cc_read+0x1/0x2'],
      ['[   12.5]  cc_read+0x1/0x2 // why?', '[   12.5]  cc_read+0x1/0x2'],
      ['[   12.5] RAX: 0000000000000000 << zero', '[   12.5] RAX: 0000000000000000'],
    ];
    for (const [pasted, printed] of cases) assert.equal(readThrough(pasted)?.text, printed, pasted);
    // The kernel's own marks stay: lost messages, lockdep's `-> #1`, the `#1` of a build.
    for (const line of [
      '** 3 printk messages dropped ** [   12.5] x',
      'CPU: 0 PID: 1 Comm: sh Not tainted 6.1.0 #1',
      '-> #1 (&lock){+.+.}:',
    ])
      assert.equal(readThrough(line), undefined, line);
    const view = readThrough('[   12.5] RIP: 0010:cc\\_do+0x1/0x2 <-- here')!;
    assert.equal(view.column(view.text.indexOf('do+')), '[   12.5] RIP: 0010:cc\\_'.length);
    assert.equal(view.note, '[   12.5] RIP: 0010:cc\\_do+0x1/0x2 '.length);
  });

  (hasShared ? it : it.skip)('reads real consoles escaped for HTML or Markdown, or marked by a person', () => {
    const html = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const markdown = (line: string) => line.replace(/[_*[\]]/g, (c) => `\\${c}`);
    const notes = ['   <-- here', ' // why is this here', ' << look'];
    const forms: [string, (line: string, index: number) => string][] = [
      ['HTML', html],
      ['Markdown', markdown],
      ['inline code', (line) => (line.trim() ? `\`${line.replace(/\r$/, '')}\`` : line)],
      [
        'notes',
        (line, index) =>
          index % 3 === 0 && line.trim() ? `${line.replace(/\r$/, '')}${notes[Math.floor(index / 3) % 3]}` : line,
      ],
      [
        'bold headers',
        (line) =>
          line.replace(/^(\[[^\]]*\] ?)?((?:BUG|WARNING|INFO|Oops|general protection fault)\S*: .*?)(\r?)$/, '$1**$2**$3'),
      ],
    ];
    let checked = 0;
    for (const { name, model, lines } of consolesWithFrames().filter((_, index) => index % 2 === 1)) {
      for (const [how, paste] of forms) assertSameReading(`${name} (${how})`, model, lines, lines.map(paste));
      checked++;
    }
    assert.ok(checked > 40, `${checked} consoles checked`);
  });

  (hasShared ? it : it.skip)(
    "reads real consoles copied from inside their first line's timestamp (`22734.139015] BUG: ...`)",
    () => {
      let checked = 0;
      for (const { name, model, lines } of consolesWithFrames()) {
        const first = model.reports[0].line;
        if (!/^\[\s*\d+\.\d{6}\]/.test(lines[first])) continue;
        const from = lines.slice(first);
        const whole = analyze(from.join('\n'));
        const cut = from.map((line, i) => (i === 0 ? line.replace(/^\[\s*/, '') : line));
        assertSameReading(name, whole, from, cut);
        checked++;
      }
      assert.ok(checked > 100, `${checked} consoles checked`);
    },
  );

  (hasShared ? it : it.skip)('reads real consoles printed by dmesg -T or kept in a system log', () => {
    // The syslog forms keep the printk time after `kernel: ` (with its caller id, which tells interleaved reports apart).
    const kept = (line: string, rest: string): string => line.slice(0, line.length - rest.length).trimStart();
    const forms: [string, (line: string) => string][] = [
      ['dmesg -T', (line) => restamped(line, (s, rest) => `${wallClock(s).dmesg}${rest}`)],
      ['syslog', (line) => restamped(line, (s, rest) => `${wallClock(s).syslog}${kept(line, rest)}${rest}`)],
      ['journal, ISO time', (line) => restamped(line, (s, rest) => `${wallClock(s).iso}${kept(line, rest)}${rest}`)],
      [
        'syslog of a remote log server',
        (line) =>
          restamped(
            line,
            (s, rest) => `${wallClock(s).syslog.replace(' host ', ' 192.168.2.9 host ')}${kept(line, rest)}${rest}`,
          ),
      ],
      [
        'syslog in the reader’s language',
        (line) =>
          restamped(line, (s, rest) => `${wallClock(s).syslog.replace(/^[A-Z][a-z]{2}/, 'ноя')}${kept(line, rest)}${rest}`),
      ],
      ['journal, precise time', (line) => restamped(line, (s, rest) => `${wallClock(s).precise}${kept(line, rest)}${rest}`)],
      // A syslog that leaves the host out, and one pasted as a Markdown code block (indented four blanks).
      [
        'syslog without host',
        (line) => restamped(line, (s, rest) => `${wallClock(s).syslog.replace(' host ', ' ')}${kept(line, rest)}${rest}`),
      ],
      ['syslog indented', (line) => restamped(line, (s, rest) => `    ${wallClock(s).syslog}${kept(line, rest)}${rest}`)],
      ['OpenWrt logread', (line) => restamped(line, (s, rest) => `${wallClock(s).logread}${kept(line, rest)}${rest}`)],
      // A serial capture's ISO time before the console's own line (a GitHub issue's log).
      [
        'serial capture, ISO time',
        (line) => restamped(line, (s, rest) => `${wallClock(s).iso.slice(0, 32)}   ${kept(line, rest)}${rest}`),
      ],
      ['journal, short-full', (line) => restamped(line, (s, rest) => `${wallClock(s).full}${kept(line, rest)}${rest}`)],
      ['journal, short-unix', (line) => restamped(line, (s, rest) => `${wallClock(s).unix}${kept(line, rest)}${rest}`)],
      // KernelCI's LAVA logs: the line's number and the runner's clock before the console's line.
      [
        'LAVA',
        (line) =>
          restamped(line, (s, rest) => `${String(Math.floor(s)).padStart(5)} 09:14:46.976626  ${kept(line, rest)}${rest}`),
      ],
      // socklog's ISO time and facility.level, pasted indented by a tab.
      ['socklog', (line) => restamped(line, (s, rest) => `\t${wallClock(s).socklog}${kept(line, rest)}${rest}`)],
      // journalctl -o short-monotonic: the printk time, then the host and `kernel: ` before the message
      // (the journal keeps no caller id: those lines stay as the console printed them).
      [
        'journal, monotonic time',
        (line) => restamped(line, (_, rest) => (rest.startsWith(' ') ? `${kept(line, rest)} host kernel:${rest}` : line)),
      ],
      [
        'journal, monotonic time, no host',
        (line) => restamped(line, (_, rest) => (rest.startsWith(' ') ? `${kept(line, rest)} kernel:${rest}` : line)),
      ],
    ];
    let checked = 0;
    for (const { name, model, lines } of consolesWithFrames()) {
      if (!lines.some((line) => PRINTK_STAMP.test(line))) continue;
      for (const [how, paste] of forms) {
        const pasted = lines.map(paste);
        assertSameReading(`${name} (${how})`, model, lines, pasted);
        // What a triager reads first: title, faulting function and module, signature.
        assert.deepEqual(triageOf(analyze(pasted.join('\n'))), triageOf(model), `${name} (${how}) triage`);
      }
      checked++;
    }
    assert.ok(checked > 100, `${checked} consoles checked`);
  });
});

const PRINTK_STAMP = /^(\s*)(?:<\d+>)?\[\s*(\d+)\.\d+\]/;

/** A wall-clock time for a printk time (seconds since boot), as dmesg -T and syslog print it. */
function wallClock(seconds: number): {
  dmesg: string;
  syslog: string;
  precise: string;
  iso: string;
  logread: string;
  socklog: string;
  full: string;
  unix: string;
} {
  const at = new Date(Date.UTC(2026, 10, 22, 1, 7, 26) + seconds * 1000);
  const [day, date, month, year, time] = at.toUTCString().replace(',', '').split(' ');
  const padded = date.replace(/^0/, ' ');
  return {
    dmesg: `[${day} ${month} ${padded} ${time} ${year}]`,
    syslog: `${month} ${padded} ${time} host kernel: `,
    // journalctl -o short-precise: microseconds after the seconds.
    precise: `${month} ${padded} ${time}.${String(Math.round((seconds % 1) * 1e6)).padStart(6, '0')} host kernel: `,
    iso: `${at.toISOString().slice(0, 19)}.123456+00:00 host kernel: `,
    // OpenWrt's logread: the weekday first, the year and the facility.level after the time.
    logread: `${day} ${month} ${padded} ${time} ${year} kern.warn kernel: `,
    socklog: `${at.toISOString().slice(0, 19)}.00878 kern.warn: `,
    // journalctl -o short-full: the weekday, the ISO date and the zone; -o short-unix: seconds since 1970.
    full: `${day} ${at.toISOString().slice(0, 10)} ${time} UTC host kernel: `,
    unix: `${(at.getTime() / 1000).toFixed(6)} host kernel: `,
  };
}

/** A console line with its printk time rewritten by `stamp` (other lines as they are). */
function restamped(line: string, stamp: (seconds: number, rest: string) => string): string {
  const m = PRINTK_STAMP.exec(line);
  return m ? stamp(Number(m[2]), line.slice(m[0].length)) : line;
}

/** Real consoles with frames, analysed as they are. */
function consolesWithFrames(): { name: string; text: string; model: ReturnType<typeof analyze>; lines: string[] }[] {
  return realConsoles()
    .map(({ name, text }) => ({ name, text, model: analyze(text), lines: text.split('\n') }))
    .filter(({ model }) => model.reports.some((r) => r.frames.length > 0));
}

/** The pasted lines give the reports (judged damaged alike), frames and register values (at their columns) of the real ones. */
function assertSameReading(what: string, model: ReturnType<typeof analyze>, lines: string[], pasted: string[]): void {
  const again = analyze(pasted.join('\n'));
  const reports = (m: typeof model): string[] =>
    m.reports.map((r) => `${r.kind} ${r.title} (${r.damage.join('; ')}): ${r.frames.map((f) => facts(f)).join(', ')}`);
  assert.deepEqual(reports(again), reports(model), what);
  const registers = (m: typeof model, of: string[]): string[] =>
    m.reports.flatMap((r) =>
      r.registers.map((g) => `${g.line} ${g.name}=${uncoloured(of[g.line].slice(g.column, g.column + g.length))}`),
    );
  assert.deepEqual(registers(again, pasted), registers(model, lines), `${what} registers`);
}

/** The triage of every report of a model (title, faulting function and module, signature). */
function triageOf(model: ReturnType<typeof analyze>): string[] {
  return model.reports.map((_, i) => {
    const t = triageReport(model.text, model.reports, i);
    return `${t.title} | ${t.function} [${t.module}] ${t.signature}`;
  });
}

/** A terminal's colours: the console prefix green, each word of the body bold. */
function colour(line: string): string {
  const { prefix, body, end } = split(line);
  const words = body.replace(/\S+/g, (word) => `\x1b[1m${word}\x1b[0m`);
  return `${prefix ? `\x1b[0;32m${prefix}\x1b[0m` : ''}${words}${end}`;
}

/** Text as the machine printed it: colours, HTML entities and Markdown escapes taken out. */
function uncoloured(text: string): string {
  return text
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/\\(?=[_*[\]])/g, '')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');
}
