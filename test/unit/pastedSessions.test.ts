// crash sessions as people paste them, made from real transcripts (../shared and our own dumps):
// quoted in e-mail (`> crash> bt`, `>> `, `> > `) and marked with a person's notes (`<-- here`,
// ` # why`): every session is read as the machine printed it.
import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { LineKind } from '../../server/src/analysis/lineKinds';
import { analyze, type Model } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';
import type { Frame } from '../../server/src/analysis/types';
import { crashDumps, REPO_ROOT, repoConsoles, syzkallerReports } from '../support/corpus';

/** Crash sessions: the shared corpus (when present) and the repository's own dumps. */
function sessions(): { name: string; text: string }[] {
  const shared = [...crashDumps('x86_64'), ...crashDumps('arm64')].map((d) => ({ name: d.name, text: d.transcript }));
  const own: { name: string; text: string }[] = [];
  const corpus = path.join(REPO_ROOT, 'test', 'corpus');
  for (const arch of readdirSync(corpus)) {
    for (const file of readdirSync(path.join(corpus, arch))) {
      if (file.endsWith('.crashlog') && !file.endsWith('.console.crashlog'))
        own.push({ name: `${arch}/${file}`, text: readFileSync(path.join(corpus, arch, file), 'utf8') });
    }
  }
  return [...shared, ...own];
}

// How mail clients quote, varied line by line; an empty line is quoted as a bare `>`.
const MARKERS = ['> ', '>> ', '> > ', '>>> '];

function quoted(text: string): { text: string; quote: number[] } {
  const quote: number[] = [];
  const lines = text.split('\n').map((line, i) => {
    const marker = line.replace(/\r$/, '') === '' ? '>' : MARKERS[i % MARKERS.length];
    quote.push(marker.length);
    return marker + line;
  });
  return { text: lines.join('\n'), quote };
}

/** The hover cards of the first words of every few lines, labelled with their columns less the line's quote. */
function hovers(model: Model, shift: (line: number) => number, every: number): string[] {
  const cards: string[] = [];
  for (let line = 0; line < model.lineCount; line += every) {
    const text = model.line(line);
    let words = 0;
    for (const m of text.matchAll(/[\w.+$]{3,}/g)) {
      if (words++ === 4) break;
      const card = describeAt(model, line, m.index + 1);
      cards.push(`${line}:${m.index - shift(line)} ${card ? renderHover(card.markdown) : ''}`);
    }
  }
  return cards;
}

/** Each finding as line, code and message: what a rewritten transcript must keep. */
const findings = (m: Model): string[] => diagnose(m).diagnostics.map((d) => `${d.range.start.line} ${d.code} ${d.message}`);

describe('crash sessions quoted in e-mail', () => {
  const all = sessions();

  it('has sessions to quote', () => assert.ok(all.length >= 8, `${all.length} sessions`));

  for (const { name, text } of all) {
    it(`${name}: sections, backtraces, reports, diagnostics and hovers as unquoted`, () => {
      const original = analyze(text);
      const mail = quoted(text);
      const model = analyze(mail.text);
      assert.ok(original.sections.length > 0, 'the session has prompts');
      assert.deepEqual(summarize(model), summarize(original));
      // Register blocks of bt are read when asked, from the quoted lines too.
      const registers = (m: Model, shift: (line: number) => number): string[] =>
        m.backtraces.flatMap((bt) =>
          bt.exceptionFrames.flatMap((e) => e.registers.map((r) => `${r.line}:${r.column - shift(r.line)} ${r.name}=${r.value}`)),
        );
      assert.deepEqual(
        registers(model, (line) => mail.quote[line]),
        registers(original, () => 0),
      );
      // Diagnostics at the same places, one quote marker to the right.
      const place = (m: Model, shift: (line: number) => number): string[] =>
        diagnose(m).diagnostics.map(
          (d) => `${d.range.start.line}:${d.range.start.character - shift(d.range.start.line)} ${d.code} ${d.message}`,
        );
      assert.deepEqual(
        place(model, (line) => mail.quote[line]),
        place(original, () => 0),
      );
      assert.deepEqual(
        hovers(model, (line) => mail.quote[line], 9),
        hovers(original, () => 0, 9),
      );
    });
  }

  it('reads a quoted session after an unquoted one, where `>` marks crash ps active tasks', () => {
    const text = [
      'crash> ps',
      '   PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM',
      '>     0       0   0  ffffffff83a1aa40  RU   0.0        0        0  [swapper/0]',
      '>   105      -1   1  ffff8c604252c200  RU   0.0     2260       56  sh',
      '> crash> bt 105',
      '> PID: 105      TASK: ffff8c604252c200  CPU: 1    COMMAND: "sh"',
      '>  #0 [ffffa8d2c03bfc28] machine_kexec at ffffffffb9c6f8a1',
      '>  #1 [ffffa8d2c03bfc80] __crash_kexec at ffffffffb9d7e41d',
    ].join('\n');
    const model = analyze(text);
    assert.deepEqual(
      model.sections.map((s) => `${s.line} ${s.kind}`),
      ['0 ps', '4 bt'],
    );
    assert.deepEqual(
      model.taskSightings.filter((t) => t.line < 4).map((t) => t.pid),
      [0, 105],
    );
    assert.deepEqual(
      model.backtraces.flatMap((bt) => bt.frames.map((f) => `${f.line} ${f.function}`)),
      ['6 machine_kexec', '7 __crash_kexec'],
    );
  });

  it("blanks only the quote markers the parser read: crash ps's `>` under an unquoted prompt stays, and its task hovers", () => {
    const lines = [
      'crash> ps',
      '      PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM',
      '        0       0   0  ffffffff8a01aa40  RU   0.0        0        0  [swapper/0]',
      '>     105      -1   0  ffff8c604252c200  RU   0.0     2260       56  sh',
      '> crash> bt 105',
      '> PID: 105      TASK: ffff8c604252c200  CPU: 0    COMMAND: "sh"',
    ];
    const model = analyze(lines.join('\n'));
    assert.equal(model.line(3), lines[3]);
    assert.equal(model.line(4), '  crash> bt 105');
    assert.equal(model.line(5), '  PID: 105      TASK: ffff8c604252c200  CPU: 0    COMMAND: "sh"');
    const card = describeAt(model, 3, lines[3].indexOf('ffff8c604252c200') + 2);
    assert.match(card ? renderHover(card.markdown) : '', /PID 105/);
  });
});

// crash prompts with the name it was run as: builds installed as crash64, crash_arm64 (a cross
// build), or with their version in the name.
const PROGRAM_NAMES = ['crash64', 'crash_arm64', 'crash-8.0.2', 'crash_arm64-8.0.3'];

describe('crash sessions of a crash binary with another name', () => {
  for (const { name, text } of sessions()) {
    it(`${name}: sections, backtraces, reports and diagnostics as under \`crash>\``, () => {
      const original = analyze(text);
      let prompts = 0;
      const renamed = text.replace(/^crash> /gm, () => `${PROGRAM_NAMES[prompts++ % PROGRAM_NAMES.length]}> `);
      assert.ok(prompts > 0, 'the session has prompts');
      const model = analyze(renamed);
      assert.deepEqual(summarize(model), summarize(original));
      assert.deepEqual(findings(model), findings(original));
    });
  }
});

// How notes set a prompt apart in Markdown: bold around the prompt line or the prompt, inline code.
const MARKDOWN_PROMPTS = [
  (command: string) => `**crash> ${command}**`,
  (command: string) => `**crash>** ${command}`,
  (command: string) => `\`crash> ${command}\``,
  (command: string) => `- __crash> ${command}__`,
];

describe('crash sessions with prompts set in Markdown', () => {
  for (const { name, text } of sessions()) {
    it(`${name}: sections, backtraces, reports and diagnostics as with plain prompts`, () => {
      const original = analyze(text);
      let prompts = 0;
      const marked = text.replace(/^crash> ([^\r\n]*)/gm, (_, command: string) =>
        MARKDOWN_PROMPTS[prompts++ % MARKDOWN_PROMPTS.length](command),
      );
      assert.ok(prompts > 0, 'the session has prompts');
      const model = analyze(marked);
      assert.deepEqual(summarize(model), summarize(original));
      assert.deepEqual(findings(model), findings(original));
    });
  }
});

describe("crash sessions in drgn's crash compatibility mode", () => {
  for (const { name, text } of sessions()) {
    it(`${name}: \`%crash>\` and \`>>> %crash\` prompts read as \`crash>\``, () => {
      const original = analyze(text);
      let prompts = 0;
      const drgn = text.replace(/^crash> /gm, () => (prompts++ % 2 === 0 ? '%crash> ' : '>>> %crash '));
      assert.ok(prompts > 0, 'the session has prompts');
      const model = analyze(drgn);
      assert.deepEqual(summarize(model), summarize(original));
      assert.deepEqual(findings(model), findings(original));
    });
  }

  it('reads its `(inline)` frames and frames without a slot, and judges the calls past the inlined ones', () => {
    // Our dumps' first bt, as drgn prints it when the debug info shows a function inlined above each
    // caller (numbered in turn) and one frame whose sp it could not tell.
    let checked = 0;
    for (const { name, text } of sessions()) {
      const bt = /^crash> bt\r?\n((?:(?!crash>).*\S.*\r?\n)+)/m.exec(text);
      if (!bt) continue;
      const lines = bt[1].split('\n').map((l) => l.replace(/\r$/, ''));
      const original = analyze(['crash> bt', ...lines].join('\n'));
      const frames = original.backtraces[0]?.frames ?? [];
      if (frames.length < 3 || frames.some((f) => f.stackAddress === undefined)) continue;
      let level = 0;
      let unknownSlot = '';
      const drgn = lines.flatMap((line, k) => {
        const frame = /^\s*#\s?\d+ (\[[0-9a-f]+\]) (\S+) at /.exec(line);
        if (!frame) return [line];
        const out: string[] = [];
        if (level > 0) out.push(`${`#${level++}`.padStart(3)} (inline)           ${frame[2]}_inlined_part`);
        let renumbered = line.replace(/#\s?\d+/, (n) => `#${level++}`.padStart(n.length));
        if (k === lines.length - 1 || (!unknownSlot && level > 4)) {
          unknownSlot = frame[2];
          renumbered = renumbered.replace(frame[1], `[${'?'.repeat(frame[1].length - 2)}]`);
        }
        out.push(renumbered);
        return out;
      });
      const model = analyze(['%crash> bt', ...drgn].join('\n'));
      const read = model.backtraces[0].frames;
      assert.deepEqual(
        read
          .filter((f) => !f.inlined)
          .map((f) => [f.function, f.address, f.module, f.function === unknownSlot || f.stackAddress]),
        frames.map((f) => [f.function, f.address, f.module, f.function === unknownSlot || f.stackAddress]),
        name,
      );
      assert.deepEqual(
        read.filter((f) => f.inlined).map((f) => f.function),
        frames.slice(1).map((f) => `${f.function}_inlined_part`),
        name,
      );
      // The inlined functions made no calls: every call is judged against the real frame above.
      const codes = (m: Model): string[] =>
        diagnose(m)
          .diagnostics.map((d) => `${d.severity} ${d.code}`)
          .sort();
      assert.deepEqual(codes(model), codes(original), name);
      checked++;
    }
    assert.ok(checked >= 5, `${checked} backtraces checked`);
  });
});

describe("drgn's own stack traces (`print(prog.stack_trace(task))`)", () => {
  /** Console frames of real reports: ours (function+offset/size) and syzkaller's symbolised ones (source line). */
  function consoleFrames(): { name: string; frames: Frame[] }[] {
    const logs = [
      ...repoConsoles(),
      ...syzkallerReports()
        .filter((_, k) => k % 7 === 0)
        .map((r) => ({ name: r.name, text: r.log })),
    ];
    return logs.map(({ name, text }) => ({
      name,
      frames: analyze(text).reports.flatMap((r) => r.frames.filter((f) => f.function && (f.source ?? f.size) !== undefined)),
    }));
  }

  it('reads `#N  func (file:line:col)`, `#N  func+0x1c/0x40` and `#N  0xADDR` frames', () => {
    let checked = 0;
    for (const { name, frames } of consoleFrames()) {
      if (frames.length === 0) continue;
      // libdrgn's `#%-2zu `: the level left-aligned in two columns, then a blank.
      const lines = frames.map((f, k) => {
        const level = `#${k}`.padEnd(3);
        if (f.source !== undefined) return `${level} ${f.function} (${f.source}:${(k % 40) + 1})`;
        return `${level} ${f.function}+0x${f.offset!.toString(16)}/0x${f.size!.toString(16)}`;
      });
      lines.push(`#${frames.length}`.padEnd(3) + ' 0xffffffffc0123456');
      const read = analyze(['>>> prog.stack_trace(1)', ...lines].join('\n')).backtraces.flatMap((b) => b.frames);
      assert.deepEqual(
        read.map((f) => [f.line, f.function, f.source ?? `${f.offset}/${f.size}`]),
        frames
          .map((f, k) => [k + 1, f.function, f.source ?? `${f.offset}/${f.size}`])
          .concat([[frames.length + 1, '', 'undefined/undefined']]),
        name,
      );
      assert.equal(read[read.length - 1].address, 0xffffffffc0123456n, name);
      checked++;
    }
    assert.ok(checked >= 20, `${checked} traces checked`);
  });

  it('leaves a numbered name without offset or source as prose', () => {
    const model = analyze(['#1  first', '#2 point (see below)'].join('\n'));
    assert.equal(model.backtraces.length, 0);
  });
});

// Lines of crash's own output (a `#` note is tried on these only: the kernel prints `seq # bug:` itself).
const CRASH_KINDS = new Set<number>([
  LineKind.BtHeader,
  LineKind.BtFrame,
  LineKind.ExceptionRip,
  LineKind.StackMarker,
  LineKind.Memory,
  LineKind.Disassembly,
  LineKind.Source,
  LineKind.Sym,
  LineKind.Struct,
  LineKind.Kmem,
  LineKind.CommandOutput,
  LineKind.CrashMessage,
]);
const CONSOLE_PREFIX = /^\s*\[\s*\d+\.\d+\]/;

/** The session with `note` after every line of output (blank lines and prompts left alone). */
function noted(text: string, model: Model, note: string, crashOnly: boolean): string {
  return text
    .split('\n')
    .map((line, i) => {
      const kind = model.lineKinds[i];
      if (kind === LineKind.Blank || kind === LineKind.Prompt) return line;
      const crash = CRASH_KINDS.has(kind) || (kind === LineKind.Registers && !CONSOLE_PREFIX.test(line));
      return crashOnly && !crash ? line : line.replace(/\r$/, '') + note;
    })
    .join('\n');
}

describe("crash sessions with a person's notes after the output", () => {
  const all = sessions();
  const notes: [string, boolean][] = [
    ['   <-- here', false],
    [' << this one', false],
    [' // why?', false],
    [' # saved rbp', true],
  ];
  for (const { name, text } of all) {
    it(`${name}: every line noted reads as it was printed`, () => {
      const original = analyze(text);
      for (const [note, crashOnly] of notes) {
        const model = analyze(noted(text, original, note, crashOnly));
        assert.deepEqual(summarize(model), summarize(original), note);
        const registers = (m: Model): string[] =>
          m.backtraces.flatMap((bt) =>
            bt.exceptionFrames.flatMap((e) => e.registers.map((r) => `${r.line}:${r.column} ${r.name}=${r.value}`)),
          );
        assert.deepEqual(registers(model), registers(original), note);
        // columns too: notes after the output move no finding within its line
        const findingsAt = (m: Model): string[] =>
          diagnose(m).diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);
        assert.deepEqual(findingsAt(model), findingsAt(original), note);
      }
    });
  }
});

/** A session as a web page shows it when its HTML is copied as text. */
function escaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

describe('crash sessions escaped for HTML', () => {
  for (const { name, text } of sessions()) {
    it(`${name}: prompts, dis listings, stack markers and the rest read as printed, quoted (&gt; ) or not`, () => {
      const original = analyze(text);
      for (const pasted of [escaped(text), escaped(text.replace(/^/gm, '> '))]) {
        const model = analyze(pasted);
        assert.deepEqual(summarize(model), summarize(original));
        assert.deepEqual(
          model.backtraces.flatMap((bt) => bt.markers.map((m) => `${m.line} ${m.text}`)),
          original.backtraces.flatMap((bt) => bt.markers.map((m) => `${m.line} ${m.text}`)),
        );
        assert.deepEqual(findings(model), findings(original));
      }
    });
  }
});
