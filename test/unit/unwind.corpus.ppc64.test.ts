// The ppc64 back-chain walker on our own ppc64le dumps (test/corpus/ppc64le): with crash's
// backtraces, log and symbolic dumps removed and the console cut before its call trace,
// walks from the console's registers, from `help -r` and from the first dumped stack word
// must reproduce crash's frames in order. crash's frames are those it found on the stack
// (#1 on: back chain plus LR save word); #0 is the pc of the CPU the dump stopped, so it
// counts only for the start that has that pc (`help -r`).
import * as assert from 'assert';
import { describeAt } from '../../server/src/analysis/describe';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { baseName } from '../../server/src/analysis/diagnostics/evidence';
import { analyze, type Model } from '../../server/src/analysis/model';
import { unwind, unwindStartAtLine, type UnwindResult } from '../../server/src/analysis/unwind';
import { repoDumps, type RepoTruth } from '../support/corpus';
import { consoleBeforeTrace, removeSections, sectionLines, withoutSections } from '../support/sections';

const hex = (v: bigint | undefined) => (v === undefined ? 'none' : v.toString(16).padStart(16, '0'));
const dumps = repoDumps('ppc64le');

interface Figure {
  start: string;
  line: number;
  result: UnwindResult;
  expected: string[];
  matched: string[];
}

/** crash's frames a walk from `sp` can find: #1 on at or above it, and #0 when the start has its pc. */
function crashFrames(truth: RepoTruth, sp: bigint, pc: bigint | undefined): string[] {
  return truth.frames
    .filter((f) => BigInt(f.sp) >= sp && (f.index > 0 || BigInt(f.crash_pc) === pc))
    .map((f) => `${f.function} [${hex(BigInt(f.sp))}]`);
}

/** The expected frames the walk has in the same order (a frame is its function and its r1; a frameless one, its sp). */
function inOrder(result: UnwindResult, expected: string[]): string[] {
  const walked = result.frames.map((f) => `${baseName(f.function ?? '?')} [${hex(f.frameAddress ?? f.sp)}]`);
  const matched: string[] = [];
  let from = 0;
  for (const frame of expected) {
    const at = walked.indexOf(frame, from);
    if (at < 0) continue;
    matched.push(frame);
    from = at + 1;
  }
  return matched;
}

function figure(model: Model, truth: RepoTruth, start: string, line: number): Figure {
  const begin = unwindStartAtLine(model, line);
  assert.ok(begin, `${start}: line ${line + 1} starts a walk`);
  const result = unwind(model, begin);
  const sp = begin.sp ?? begin.fp!;
  const expected = crashFrames(truth, sp, begin.pc);
  return { start, line, result, expected, matched: inOrder(result, expected) };
}

function figures(dump: (typeof dumps)[number]): Figure[] {
  const text = consoleBeforeTrace(dump.console) + '\n' + withoutSections(dump.transcript);
  const model = analyze(text);
  const result: Figure[] = [];
  const r1 = model.reports.flatMap((r) => r.registers).find((r) => r.name === 'GPR1' && (r.value ?? 0n) >= 0xc000000000000000n);
  if (r1) result.push(figure(model, dump.truth, "the console's r1 (GPR01)", r1.line));
  const help = model.sections.find((s) => s.kind === 'help' && s.options.includes('-r'))!;
  const helpR1 = model.lines.findIndex((l, i) => i > help.line && i <= help.endLine && /\bR1: [0-9a-f]{16}/.test(l));
  result.push(figure(model, dump.truth, "help -r's R1", helpR1));
  const rd = model.sections.find((s) => s.kind === 'rd' && s.options.includes('-x'))!;
  const word = model.lines[rd.line + 1].split(':')[0];
  result.push(
    figure(
      model,
      dump.truth,
      `the first dumped stack word (${word}; crash's #0 not counted: the CPU's pc, on no stack slot)`,
      rd.line + 1,
    ),
  );
  return result;
}

describe('unwind on the real ppc64le crash sessions (test/corpus/ppc64le)', () => {
  it('has the four dumps', () => assert.strictEqual(dumps.length, 4));

  for (const dump of dumps) {
    const text = consoleBeforeTrace(dump.console) + '\n' + withoutSections(dump.transcript);
    describe(dump.name, () => {
      it('keeps no backtrace, log or symbolic dump to copy from', () => {
        assert.ok(!/^crash> (?:bt|log|rd -s)\b/m.test(text));
        assert.ok(!/Call Trace:/.test(text));
      });

      for (const f of figures(dump)) {
        const share = f.expected.length > 0 ? f.matched.length / f.expected.length : 0;
        it(`from ${f.start}: ${f.matched.length}/${f.expected.length} of crash's frames in order`, () => {
          assert.ok(f.expected.length >= 7, `enough frames to compare (${f.expected.length})`);
          assert.ok(share >= 0.95, `missing: ${f.expected.filter((e) => !f.matched.includes(e)).join(', ')}`);
          assert.strictEqual(f.result.stop.kind, 'user-mode', f.result.stop.reason);
        });
      }
    });
  }

  for (const dump of dumps.filter((d) => d.name !== '04-sysrq')) {
    it(`${dump.name}: where the dump leaves out the interrupt frame's pt_regs, the walk goes on at the console's NIP/GPR rows`, () => {
      const whole = analyze(consoleBeforeTrace(dump.console) + '\n' + withoutSections(dump.transcript));
      const rd = whole.sections.find((s) => s.kind === 'rd' && s.options.includes('-x'))!;
      const full = unwind(whole, unwindStartAtLine(whole, rd.line + 1)!);
      const interrupted = full.frames.find((f) => f.method === 'exception-frame')!;
      const regs = BigInt('0x' + /pt_regs at ([0-9a-f]+)/.exec(interrupted.notes.join(' '))![1]);
      // The rd -x lines of pt_regs (0x180 bytes) removed: the console printed those registers.
      const inRegs = (l: string) => {
        const m = /^\s*([0-9a-f]+):\s/.exec(l);
        return m !== null && BigInt('0x' + m[1]) >= regs && BigInt('0x' + m[1]) < regs + 0x180n;
      };
      const model = analyze(whole.lines.filter((l) => !inRegs(l)).join('\n'));
      const result = unwind(model, unwindStartAtLine(model, rd.line + 1)!);
      const resumed = result.frames.find((f) => f.method === 'exception-frame')!;
      assert.deepStrictEqual([resumed.function, resumed.confidence], [interrupted.function, 'likely']);
      assert.match(resumed.notes.join(' '), /the walk goes on at the registers at line/);
      const after = (r: UnwindResult) => r.frames.slice(r.frames.indexOf(r.frames.find((f) => f.method === 'exception-frame')!));
      const key = (f: UnwindResult['frames'][number]) => `${f.function} [${hex(f.frameAddress)}]`;
      assert.deepStrictEqual(after(result).map(key), after(full).map(key), 'the same frames above the interrupt');
      assert.strictEqual(result.stop.kind, 'user-mode');
    });
  }

  for (const dump of dumps) {
    describe(`${dump.name}, whole`, () => {
      for (const [what, text] of [
        ['crash session', dump.transcript],
        ['console', dump.console],
        ['console and crash session together', dump.console + '\n' + dump.transcript],
      ] as const) {
        it(`${what}: ppc64, no error-level finding, no rule failure`, () => {
          const model = analyze(text);
          assert.strictEqual(model.arch, 'ppc64');
          const { diagnostics, failures } = diagnose(model);
          assert.deepStrictEqual(failures, []);
          const errors = diagnostics.filter((d) => d.severity === 'error');
          assert.deepStrictEqual(
            errors.map((d) => `${d.range.start.line + 1}: ${d.code}: ${d.message}`),
            [],
          );
        });
      }

      it("flags every frame the console marks (unreliable) that crash's bt prints anyway", () => {
        const model = analyze(dump.console + '\n' + dump.transcript);
        const flagged = new Set(
          diagnose(model)
            .diagnostics.filter((d) => d.code === 'stale-frame' || d.code === 'unwind-disagrees')
            .map((d) => d.range.start.line),
        );
        const doubted = model.reports.flatMap((r) => r.frames).filter((f) => f.unreliable && f.address !== undefined);
        let checked = 0;
        for (const frame of doubted) {
          for (const bt of model.backtraces) {
            const printed = bt.frames.find((f) => f.address === frame.address);
            if (!printed) continue;
            checked++;
            assert.ok(
              flagged.has(printed.line),
              `bt #${printed.level} ${printed.function} (line ${printed.line + 1}) is not flagged`,
            );
          }
        }
        // 04's only doubted frame (dump_stack_lvl) is not one bt prints.
        if (dump.name !== '04-sysrq') assert.ok(checked > 0, 'a doubted frame that bt prints');
        // powerpc prints `(unreliable)` on the first frame after registers whatever it is (cc_dispatch in
        // 02 is cc_do_null's true caller): a doubt, told as information, not a stale-frame warning.
        const doubts = diagnose(model).diagnostics.filter((d) => d.code === 'stale-frame');
        assert.deepEqual(
          doubts.filter((d) => d.severity !== 'info').map((d) => `${d.range.start.line + 1}: ${d.message}`),
          [],
        );
      });

      it("from a `bt -f` frame line (#1) walks crash's frames from there on, through the interrupt frames", () => {
        const model = analyze(dump.transcript);
        const btf = model.backtraces.find((b) => b.options.includes('-f'))!;
        const frame = btf.frames.find((f) => f.level === 1)!;
        const start = unwindStartAtLine(model, frame.line);
        assert.ok(start, 'the bt -f frame line starts a walk');
        const result = unwind(model, start);
        const expected = crashFrames(dump.truth, frame.stackAddress!, undefined);
        assert.deepStrictEqual(inOrder(result, expected), expected);
        // The interrupted function crash leaves out (02: cc_do_null) or names by a stale word comes from pt_regs.
        const interrupted = result.frames.filter((f) => f.method === 'exception-frame').map((f) => f.function);
        if (dump.name !== '04-sysrq') assert.match(interrupted.join(' '), /^cc_do_(?:warning|null|bug)$/);
        assert.strictEqual(result.stop.kind, 'user-mode');
      });

      it('hovers every rd -x word that rd -s names as func+off as that func+off (rd -s, bt and log removed)', () => {
        const rdx = sectionLines(dump.transcript, (c) => /^rd -x \S+ \d+$/.test(c));
        const rds = sectionLines(dump.transcript, (c) => /^rd -s /.test(c));
        const model = analyze(removeSections(dump.transcript, (c) => /^(?:rd -s|bt|log)\b/.test(c)));
        let checked = 0;
        for (const x of rdx) {
          const s = rds.find((r) => r.command.split(/\s+/).slice(2).join(' ') === x.command.split(/\s+/).slice(2).join(' '));
          if (!s) continue;
          for (let k = 0; k < x.lines.length; k++) {
            const xWords = x.lines[k].trim().split(/\s+/).slice(1);
            const sWords = (s.lines[k] ?? '').trim().split(/\s+/).slice(1);
            xWords.forEach((word, j) => {
              const sym = /^([A-Za-z_.$][\w.$]*)\+(\d+)$/.exec(sWords[j] ?? '');
              // crash names module data past the last symbol `cleanup_module+64520`: no function is that long.
              if (!sym || Number(sym[2]) >= 0x2000) return;
              // Only where the rest of the transcript still shows the function's start (a listing or `sym`).
              const known = model.symbols.get(sym[1]);
              if (!known?.base || !known.baseEvidence.some((l) => /<[^>]+>:|\) \S+\+?\d* /.test(model.lines[l]))) return;
              const line = model.lines.indexOf(x.lines[k]);
              const card = describeAt(model, line, model.lines[line].indexOf(word) + 1);
              assert.ok(card, `no hover for ${word}`);
              assert.ok(card.markdown.includes(`${sym[1]}+${sym[2]}`), `${word} should read as ${sym[0]}:\n${card.markdown}`);
              checked++;
            });
          }
        }
        assert.ok(checked >= 5, `words checked: ${checked}`);
      });
    });
  }

  describe("a fault whose function has no listing: r1's LR save word names the caller only where the LR agrees", () => {
    // 02-null's bt -f and bt -F pasted alone: cc_do_null faulted after popping its frame; its pt_regs
    // (read from the stack) hold LR cc_do_null+64, and the word at r1 + 16 returns into cc_dispatch.
    const lines = dumps.find((d) => d.name === '02-null')!.transcript.split('\n');
    const pasted = lines.slice(lines.indexOf('crash> bt -f'), lines.indexOf('crash> help -r')).join('\n');
    const LINK = 'c0000000045a78b0: c00800000037034c';
    const walk = (text: string): string[] => {
      const model = analyze(text);
      const start = unwindStartAtLine(
        model,
        model.lines.findIndex((l) => l.startsWith(' #0 [')),
      )!;
      return unwind(model, start).frames.map((f) => `${f.function} ${hex(f.frameAddress)} ${f.confidence}`);
    };

    it('an LR into the faulting function itself (it called, then popped): r1 is the caller, marked a guess', () => {
      assert.ok(pasted.includes(LINK));
      const frames = walk(pasted);
      assert.ok(frames.includes('cc_do_null none certain'), frames.join('\n'));
      assert.ok(frames.includes('cc_dispatch c0000000045a7a30 guess'), frames.join('\n'));
    });

    it("an LR into a third function: the word may be stale, r1 stays the faulting function's frame", () => {
      const frames = walk(pasted.replace(LINK, 'c0000000045a78b0: c000000000639624'));
      assert.ok(frames.includes('cc_do_null c0000000045a7a30 certain'), frames.join('\n'));
      assert.ok(!frames.some((f) => f.startsWith('cc_dispatch')), frames.join('\n'));
    });
  });

  describe('architecture rules speak on ppc64 where the dump is made wrong', () => {
    const dump = dumps.find((d) => d.name === '01-warning')!;
    const codes = (text: string) =>
      diagnose(analyze(text)).diagnostics.map((d) => `${d.range.start.line + 1}: ${d.severity} ${d.code}`);

    it('fp-chain-broken: a back chain that points down the stack', () => {
      // Every dump of that word (bt -f and both rd -x) says the same: no memory-conflict.
      const broken = dump.transcript.replace(/(c0000000048fb9d0: +)c0000000048fba40/g, '$1c0000000048fb900');
      const found = codes(broken);
      assert.ok(
        found.some((c) => c.endsWith('warning fp-chain-broken')),
        found.join('\n'),
      );
      assert.ok(!found.some((c) => c.includes('error')), found.join('\n'));
      assert.ok(!codes(dump.transcript).some((c) => c.endsWith('fp-chain-broken')));
    });

    it("not-text: a bt frame at an address of the task's stack", () => {
      const broken = dump.transcript.replace(
        ' #8 [c0000000048fb9d0] cc_trigger_write at c0080000003701d0',
        ' #8 [c0000000048fb9d0] cc_trigger_write at c0000000048fb9e0',
      );
      const line = broken.split('\n').findIndex((l) => l.includes('cc_trigger_write at c0000000048fb9e0')) + 1;
      assert.ok(codes(broken).includes(`${line}: error not-text`), codes(broken).join('\n'));
    });
  });
});
