// riscv64 on its real dumps (test/corpus/riscv64): with crash's backtraces, log and symbolic
// dumps removed and the console cut before its first trace, "Unwind from here" on the
// registers and on the first dumped stack word must reproduce crash's frames in order; the
// `rd -x` words `rd -s` names as func+off hover as that; no error on the whole transcripts.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze, type Model } from '../../server/src/analysis/model';
import { namesNoFunction } from '../../server/src/analysis/symbols';
import { unwind, unwindStartAtLine, unwindStartFromLine, type UnwindResult } from '../../server/src/analysis/unwind';
import { hasShared, syzkallerReports } from '../support/corpus';
import { removeSections, sectionLines } from '../support/sections';

const DIR = join(__dirname, '../corpus/riscv64');
const DUMPS = ['01-warning', '02-null', '03-bug', '04-sysrq'];
/** Commands whose output the walk must not be able to copy. */
const REMOVED = /^(?:bt(?:\s+-\w+)*|log(?:\s.*)?|rd\s+-s\b.*)$/;

interface Truth {
  frames: { level: number; function: string; crash_pc: string }[];
  exception_pt_regs: { address: string; fields: Record<string, string> }[];
  console_call_traces: { address: string; symbol: string }[][];
}

const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const big = (hex: string) => BigInt(hex.startsWith('0x') ? hex : '0x' + hex);

/** The console up to its first trace: a `Call Trace:` header or, in riscv64 oopses, the first `[<addr>]` frame. */
function consoleBeforeTrace(console: string): string {
  const lines = console.split('\n');
  const trace = lines.findIndex((l) => /Call [Tt]race:|\] \[<[0-9a-f]{16}>\] /.test(l));
  return lines.slice(0, trace < 0 ? lines.length : trace).join('\n');
}

/** How many of `expected` the walk's pcs hold in order (longest common subsequence). */
function inOrder(expected: bigint[], walked: bigint[]): number {
  const table = Array.from({ length: expected.length + 1 }, () => new Array<number>(walked.length + 1).fill(0));
  for (let i = expected.length - 1; i >= 0; i--)
    for (let j = walked.length - 1; j >= 0; j--)
      table[i][j] = expected[i] === walked[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  return table[0][0];
}

interface Start {
  name: string;
  line: number;
  expected: bigint[];
}

interface Dump {
  name: string;
  transcript: string;
  console: string;
  truth: Truth;
  cut: Model;
  starts: Start[];
}

function load(name: string): Dump {
  const transcript = read(`${name}.crashlog`);
  const console = read(`${name}.console.crashlog`);
  const truth = JSON.parse(read(`${name}.truth.json`)) as Truth;
  const cut = analyze(consoleBeforeTrace(console) + '\n' + removeSections(transcript, (c) => REMOVED.test(c)));
  const starts: Start[] = [];
  const crashPcs = truth.frames.map((f) => big(f.crash_pc));
  // (a) the oops report's own registers: its s0 line; expected, the oops trace from epc on.
  const consoleS0 = cut.reports.flatMap((r) => r.registers).find((r) => r.name === 's0' && r.value !== undefined);
  if (consoleS0 && truth.console_call_traces.length > 0)
    starts.push({ name: 'console s0', line: consoleS0.line, expected: truth.console_call_traces[0].map((f) => big(f.address)) });
  // (a) crash's `help -r` registers (where QEMU stopped the CPU): crash's whole bt.
  const help = cut.sections.find((s) => s.kind === 'help' && s.options.includes('-r'));
  if (help) {
    for (let line = help.line; line <= help.endLine; line++)
      if (/\bs0 : [0-9a-f]{16}/.test(cut.line(line))) starts.push({ name: 'help -r s0', line, expected: crashPcs });
  }
  // (b) the first dumped stack word: the record {fp, ra} at the lowest frame's sp; frame #0 is the CPU's, not on the stack.
  const rd = cut.lines.findIndex((l) => /^crash> rd -x /.test(l));
  if (rd >= 0)
    starts.push({
      name: "first rd -x word (crash's #0 not counted: the CPU's pc, on no stack slot)",
      line: rd + 1,
      expected: crashPcs.slice(1),
    });
  return { name, transcript, console, truth, cut, starts };
}

const dumps = DUMPS.map(load);

function walkFrom(dump: Dump, start: Start): { result: UnwindResult; matched: number } {
  const begin = unwindStartAtLine(dump.cut, start.line);
  assert.ok(begin, `${dump.name}: line ${start.line + 1} starts a walk`);
  const result = unwind(dump.cut, begin);
  const pcs = result.frames.map((f) => f.pc).filter((pc): pc is bigint => pc !== undefined);
  return { result, matched: inOrder(start.expected, pcs) };
}

describe('unwind on the real riscv64 crash sessions (test/corpus/riscv64)', () => {
  for (const dump of dumps) {
    describe(dump.name, () => {
      it('is riscv64, on the Sv57 layout, with crash bt, log and rd -s removed', () => {
        assert.strictEqual(dump.cut.arch, 'riscv64');
        assert.match(dump.cut.layout?.era ?? '', /Sv57/);
        assert.ok(!/^crash> (?:bt|log|rd -s)\b/m.test(dump.cut.lines.join('\n')), 'sections removed');
      });

      for (const start of dump.starts) {
        // The figures go into the test names: frames matched / expected per start.
        const { matched } = walkFrom(dump, start);
        it(`from the ${start.name}: ${matched}/${start.expected.length} of crash's frames in order (≥ 95 %)`, () => {
          const { result, matched: again } = walkFrom(dump, start);
          assert.ok(
            again >= Math.ceil(start.expected.length * 0.95),
            `${again}/${start.expected.length}: ${result.frames.map((f) => `${f.function}+${f.offset}`).join(' ')} (${result.stop.reason})`,
          );
        });
      }

      it("from every bt -f frame line (its bracket and the SIZE crash prints): crash's frames from there on", () => {
        const model = analyze(dump.transcript);
        const section = model.sections.find((x) => x.kind === 'bt' && x.options.includes('-f'));
        assert.ok(section, 'bt -f section');
        const crashPcs = dump.truth.frames.map((f) => big(f.crash_pc));
        let walked = 0;
        for (let line = section.line; line <= section.endLine; line++) {
          const m = /^ #(\d+) \[/.exec(model.line(line));
          if (!m) continue;
          const level = Number(m[1]);
          const start = unwindStartAtLine(model, line);
          assert.ok(start, `#${level} starts a walk`);
          const pcs = unwind(model, start)
            .frames.map((f) => f.pc)
            .filter((pc): pc is bigint => pc !== undefined);
          const expected = crashPcs.slice(level);
          assert.strictEqual(inOrder(expected, pcs), expected.length, `from #${level}`);
          walked++;
        }
        assert.strictEqual(walked, dump.truth.frames.length);
      });

      if (dump.truth.exception_pt_regs.length > 0) {
        it("goes on past crash's last frame through the pt_regs handle_exception saved", () => {
          const first = dump.starts.find((s) => s.name.startsWith('first rd -x word'));
          assert.ok(first);
          const { result } = walkFrom(dump, first);
          const regs = dump.truth.exception_pt_regs[0];
          const exception = result.frames.find((f) => f.method === 'exception-frame');
          assert.ok(exception, 'an exception frame');
          assert.strictEqual(exception.pc, big(regs.fields.epc));
          assert.strictEqual(exception.frameAddress, big(regs.fields.sp));
          // Then the interrupted context's frames, as the oops trace printed them, up to the syscall entry.
          const trace = dump.truth.console_call_traces.find((t) => big(t[0].address) === big(regs.fields.epc));
          assert.ok(trace, 'the console has the interrupted trace');
          const after = result.frames.slice(result.frames.indexOf(exception)).map((f) => f.pc!);
          assert.deepStrictEqual(
            after,
            trace.map((f) => big(f.address)),
          );
          assert.strictEqual(result.stop.kind, 'user-mode');
        });

        it("where the dump leaves out those pt_regs, goes on at the console's epc/ra/sp/s0 lines", () => {
          const first = dump.starts.find((s) => s.name.startsWith('first rd -x word'))!;
          const full = walkFrom(dump, first).result;
          const regs = big(dump.truth.exception_pt_regs[0].address);
          // The rd -x lines of pt_regs (288 bytes) and the struct pt_regs listing removed: the console printed those registers.
          const inRegs = (l: string) => {
            const m = /^\s*([0-9a-f]+):\s/.exec(l);
            return m !== null && big(m[1]) >= regs && big(m[1]) < regs + 288n;
          };
          const text = dump.cut.lines.filter((l) => !inRegs(l)).join('\n');
          const model = analyze(removeSections(text, (c) => /^struct pt_regs\b/.test(c)));
          assert.ok(!model.lines.some((l) => /^crash> struct pt_regs/.test(l)));
          const line = model.lines.findIndex((l) => /^crash> rd -x /.test(l)) + 1;
          const result = unwind(model, unwindStartAtLine(model, line)!);
          const resumed = result.frames.find((f) => f.method === 'exception-frame');
          assert.ok(resumed, `an exception frame (${result.stop.reason})`);
          assert.deepStrictEqual([resumed.pc, resumed.confidence], [big(dump.truth.exception_pt_regs[0].fields.epc), 'likely']);
          assert.match(resumed.notes.join(' '), /the walk goes on at the registers at line/);
          const after = (r: UnwindResult) => r.frames.slice(r.frames.findIndex((f) => f.method === 'exception-frame'));
          const key = (f: UnwindResult['frames'][number]) =>
            `${f.function} ${f.pc?.toString(16)} [${f.frameAddress?.toString(16)}]`;
          assert.deepStrictEqual(after(result).map(key), after(full).map(key), 'the same frames above the exception');
          assert.strictEqual(result.stop.kind, 'user-mode');
          // Where nothing names the entry either, its shape tells: the record links to the printed sp, pt_regs just below it.
          const unnamed = analyze(model.lines.filter((l) => !/handle_exception|ret_from_exception/.test(l)).join('\n'));
          const unnamedLine = unnamed.lines.findIndex((l) => /^crash> rd -x /.test(l)) + 1;
          const again = unwind(unnamed, unwindStartAtLine(unnamed, unnamedLine)!);
          const pcs = (r: UnwindResult) => after(r).map((f) => f.pc);
          assert.deepStrictEqual(pcs(again), pcs(full), 'the same pcs above the exception, the entry unnamed');
        });
      }

      it('hovers every rd -x word that rd -s names as func+off (of a function the transcript knows) as that func+off', () => {
        const symbolic = sectionLines(dump.transcript, (c) => /^rd -s\b/.test(c)).flatMap((s) => s.lines);
        const names = new Map<bigint, string>();
        for (const line of symbolic) {
          const m = /^([0-9a-f]{16}):\s+(.*)$/.exec(line);
          if (!m) continue;
          const cells = m[2].trim().split(/\s+/);
          cells.forEach((cell, i) => {
            const named = /^([A-Za-z_][\w.]*)\+(\d+)$/.exec(cell);
            if (named && !namesNoFunction(named[1]) && dump.cut.symbols.get(named[1])) names.set(big(m[1]) + BigInt(i * 8), cell);
          });
        }
        assert.ok(names.size >= 5, `enough named words (${names.size})`);
        const lines = dump.cut.lines;
        let checked = 0;
        let command = '';
        for (let line = 0; line < lines.length; line++) {
          if (lines[line].startsWith('crash> ')) command = lines[line];
          const m = /^([0-9a-f]{16}):\s+([0-9a-f]{16})\s+([0-9a-f]{16})?/.exec(lines[line]);
          if (!m || !command.startsWith('crash> rd -x')) continue;
          for (const [i, word] of [m[2], m[3]].entries()) {
            const name = word && names.get(big(m[1]) + BigInt(i * 8));
            if (!name) continue;
            const card = describeAt(dump.cut, line, lines[line].indexOf(word, 18) + 1);
            assert.ok(card, `${word} on line ${line + 1} hovers`);
            assert.ok(
              renderHover(card.markdown).includes(`\`${name}\``),
              `${word} (line ${line + 1}) hovers as ${name}: ${renderHover(card.markdown)}`,
            );
            checked++;
          }
        }
        assert.ok(checked >= names.size, `checked ${checked} of ${names.size}`);
        if (process.env.CRASHLOG_FIGURES) console.log(`${dump.name}: ${checked} rd -x words hover as rd -s names them`);
      });

      it('raises no error on the whole transcript, the console, or the cut transcript', () => {
        for (const text of [dump.transcript, dump.console]) {
          const { diagnostics, failures } = diagnose(analyze(text));
          assert.deepStrictEqual(failures, []);
          assert.deepStrictEqual(
            diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.code}: ${d.message}`),
            [],
          );
        }
        const cutErrors = diagnose(dump.cut).diagnostics.filter((d) => d.severity === 'error');
        assert.deepStrictEqual(
          cutErrors.map((d) => `${d.code}: ${d.message}`),
          [],
        );
      });

      it('flags every frame the console marks unreliable that bt prints anyway', () => {
        const whole = analyze(dump.console + '\n' + dump.transcript);
        const unreliable = new Set(
          whole.reports
            .flatMap((r) => r.frames)
            .filter((f) => f.unreliable)
            .map((f) => f.function),
        );
        const flagged = new Set(diagnose(whole).diagnostics.map((d) => d.range.start.line));
        for (const bt of whole.backtraces)
          for (const frame of bt.frames)
            if (unreliable.has(frame.function)) assert.ok(flagged.has(frame.line), `#${frame.level} ${frame.function} flagged`);
        // riscv64's dump_backtrace prints no `?` frames: these consoles have none.
        assert.strictEqual(unreliable.size, 0);
      });
    });
  }
});

describe('riscv64 hovers on the real 02-null session', () => {
  const dump = dumps.find((d) => d.name === '02-null')!;
  const model = analyze(dump.transcript);
  const card = (lineText: string, word: string) => {
    const line = model.lines.findIndex((l) => l.startsWith(lineText));
    assert.ok(line >= 0, lineText);
    const found = describeAt(model, line, model.line(line).indexOf(word, lineText.indexOf(':') + 1) + 1);
    assert.ok(found, `${word} hovers`);
    return renderHover(found.markdown);
  };

  it('names the saved s0 of a frame record, the record it links to and the ra beside it', () => {
    const text = card('ff2000000021b7f0:  ff2000000021b870 ffffffff8000698a', 'ff2000000021b870');
    assert.match(
      text,
      /Saved frame pointer \(s0\) of the frame record at `ff2000000021b800`: links to the (?:frame )?record at `ff2000000021b870` \(frame of 0x70 bytes\); return address \(ra\) beside it: `die\+314`/,
    );
  });

  it('names the saved ra as a return address of its record and as die+314', () => {
    const text = card('ff2000000021b7f0:  ff2000000021b870 ffffffff8000698a', 'ffffffff8000698a');
    assert.match(text, /Return address `die\+314`/);
    assert.match(text, /Return address \(ra\) of the frame record at `ff2000000021b800`/);
  });

  it('reads a register of help -r by its value: s0 on the stack of PID 128', () => {
    const text = card(' t1 : 000000000000002d t2 : 20646e65205b2d2d s0 : ff2000000021b7b0', 's0');
    assert.match(text, /stack of PID 128/);
    assert.match(text, /value of register `s0`/);
  });

  it('reads a load operand `256(a0)` as an offset from a0', () => {
    const text = card('0xffffffff8001059a <handle_page_fault+18>:', '256(a0)');
    assert.match(text, /\*\*256\(a0\)\*\* — offset 256 \(0x100\) from `a0`/);
  });
});

describe('riscv64 diagnostic rules on mutated real transcripts', () => {
  const dump = dumps.find((d) => d.name === '02-null')!;
  const findings = (text: string, code: string) =>
    diagnose(analyze(text))
      .diagnostics.filter((d) => d.code === code)
      .map((d) => `${d.range.start.line + 1}: ${d.message}`);

  it('fp-chain-broken: a saved s0 that points back down the stack breaks the chain from the console s0', () => {
    const cut = consoleBeforeTrace(dump.console) + '\n' + removeSections(dump.transcript, (c) => REMOVED.test(c));
    const record = 'ff2000000021ba70:  ff2000000021bae0 ffffffff01e6c134';
    assert.ok(cut.includes(record));
    assert.deepStrictEqual(findings(cut, 'fp-chain-broken'), [], 'the real chain crosses handle_exception quietly');
    const broken = cut.replace(record, 'ff2000000021ba70:  ff2000000021ba00 ffffffff01e6c134');
    const found = findings(broken, 'fp-chain-broken');
    assert.strictEqual(found.length, 1);
    assert.match(found[0], /frame record at ff2000000021ba80 saves fp ff2000000021ba00, which points back down the stack/);
  });

  it('not-text: a bt frame whose address is a stack address is an error; the real frames are not', () => {
    const frame = ' #2 [ff2000000021b800] die at ffffffff8000698a';
    assert.deepStrictEqual(findings(dump.transcript, 'not-text'), []);
    const found = findings(dump.transcript.replace(frame, ' #2 [ff2000000021b800] die at ff2000000021b920'), 'not-text');
    assert.ok(found.length >= 1, 'not-text fires');
    assert.match(found[0], /ff2000000021b920/);
  });
});

describe('riscv64 before 5.13: the kernel in the linear map (a real 5.10 syzkaller report in ../shared)', () => {
  (hasShared ? it : it.skip)(
    'reads ffffffe0… as kernel text, its frames and epc raise no not-text, and its stack is the task’s',
    () => {
      const report = syzkallerReports().find((r) => r.name === '545')!;
      assert.match(report.log, /5\.10\.2 /);
      const model = analyze(report.log);
      assert.strictEqual(model.arch, 'riscv64');
      assert.match(model.layout!.era, /before 5\.13/);
      const panic = model.reports.flatMap((r) => r.frames).find((f) => f.function === 'panic')!;
      assert.strictEqual(model.classify(panic.address!).kind, 'kernel-text');
      assert.deepStrictEqual(
        diagnose(model).diagnostics.filter((d) => d.severity !== 'info'),
        [],
      );
      const sp = model.reports.flatMap((r) => r.registers).find((r) => r.name === 'sp')!;
      assert.strictEqual(model.stackAt(sp.value!)?.kind, 'task');
    },
  );

  (hasShared ? it : it.skip)('tells the layout from epc and ra when the report is cut before its call trace', () => {
    const log = syzkallerReports().find((r) => r.name === '545')!.log;
    const lines = log.split('\n');
    const cut = lines
      .slice(
        0,
        lines.findIndex((l) => /\bCall Trace:/.test(l)),
      )
      .join('\n');
    const model = analyze(cut);
    assert.strictEqual(model.arch, 'riscv64');
    assert.ok(model.reports[0].frames.length === 0 && model.reports[0].registers.some((r) => r.name === 'epc'));
    assert.match(model.layout!.era, /before 5\.13/);
    assert.deepStrictEqual(
      diagnose(model).diagnostics.filter((d) => d.code === 'not-text'),
      [],
    );
  });
});

describe('riscv64: a leaf frame whose record holds only s0', () => {
  // crash's bt -f of lkdtm EXCEPTION (a public write-up): lkdtm_EXCEPTION is a leaf, its 16 bytes hold
  // s0 only (at fp − 16 the caller's fp, at fp − 8 no ra): crash itself printed that word as its RA.
  const BT_F = [
    'crash> bt -f',
    'PID: 1        TASK: ff600000000e0000  CPU: 1    COMMAND: "sh"',
    ' #0 [ff20000000013cf0] lkdtm_EXCEPTION at ffffffff805303c0',
    '    [PC: ffffffff805303c0 RA: ff20000000013d10 SP: ff20000000013cf0 SIZE: 16]',
    '    ff20000000013cf0: 0000000000000001 ff20000000013d10',
    '    ff20000000013d00: ff20000000013d40',
  ];

  it('stops at the frame pointer where a return address would be, rather than calling it one', () => {
    const model = analyze(BT_F.join('\n'));
    const start = unwindStartFromLine(model, 2);
    assert.ok(start, 'a start');
    const result = unwind(model, start);
    assert.deepEqual(
      result.frames.map((f) => f.function),
      ['lkdtm_EXCEPTION'],
    );
    assert.match(
      result.stop.reason,
      /is a frame pointer \(ff20000000013d10\), not a return address: a leaf function saves only s0/,
    );
  });
});
