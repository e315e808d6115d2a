// The s390x model on the four real dumps of test/corpus/s390x (issue 11 §3): with crash's
// backtraces, log and symbolic dumps removed and the console cut before its call trace,
// walks from the console's registers and from the first dumped stack word must find
// crash's frames (same stack pointer, same address) in order; rd -x words hover as rd -s
// names them; the whole transcripts raise no error.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { describeAt } from '../../server/src/analysis/describe';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze, type Model } from '../../server/src/analysis/model';
import { unwind, unwindLensTargets, unwindStartAtLine, type UnwindResult } from '../../server/src/analysis/unwind';
import { consoleBeforeTrace, removeSections, sectionLines, withoutSections } from '../support/sections';

const DIR = join(__dirname, '../corpus/s390x');

interface S390xTruth {
  frames: { seq: number; function: string; crash_pc: string; sp: string }[];
  console_register_lines: string[];
}

const dumps = readdirSync(DIR)
  .filter((f) => f.endsWith('.truth.json'))
  .map((f) => {
    const name = f.replace('.truth.json', '');
    return {
      name,
      transcript: readFileSync(join(DIR, `${name}.crashlog`), 'utf8'),
      console: readFileSync(join(DIR, `${name}.console.crashlog`), 'utf8'),
      truth: JSON.parse(readFileSync(join(DIR, f), 'utf8')) as S390xTruth,
    };
  });

const hex = (v: bigint | undefined) => (v === undefined ? 'none' : v.toString(16));
/** A frame as crash brackets it: its address (crash's pc, a return address) at its stack pointer. */
const frameKey = (pc: bigint | undefined, sp: bigint | undefined) => `${hex(pc)} [${hex(sp)}]`;

/** crash's frames, in order, from the one at `sp` on. */
function crashFrames(truth: S390xTruth, fromSp: bigint): string[] {
  return truth.frames.filter((f) => BigInt(f.sp) >= fromSp).map((f) => frameKey(BigInt(f.crash_pc), BigInt(f.sp)));
}

/** The walk's back-chain frames (register starts and pt_regs are no bt frames on s390x). */
function walkedFrames(result: UnwindResult): string[] {
  return result.frames.filter((f) => f.method === 'back-chain').map((f) => frameKey(f.pc, f.frameAddress));
}

/** How many of `expected` the walk finds in the same order (longest common subsequence). */
function inOrder(expected: string[], walked: string[]): number {
  const table = Array.from({ length: expected.length + 1 }, () => new Array<number>(walked.length + 1).fill(0));
  for (let i = expected.length - 1; i >= 0; i--)
    for (let j = walked.length - 1; j >= 0; j--)
      table[i][j] = expected[i] === walked[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  return table[0][0];
}

function assertReproduces(expected: string[], result: UnwindResult): void {
  const walked = walkedFrames(result);
  const found = inOrder(expected, walked);
  assert.ok(expected.length >= 5, `enough frames to compare (${expected.length})`);
  assert.ok(
    found / expected.length >= 0.95,
    `${found}/${expected.length} of crash's frames:\n${expected.join('\n')}\nwalked:\n${walked.join('\n')}`,
  );
  assert.strictEqual(result.stop.kind, 'user-mode', result.stop.reason);
}

describe('s390x: the real dumps of test/corpus/s390x', () => {
  it('are four, each settled as s390x (and so are their consoles with registers)', () => {
    assert.strictEqual(dumps.length, 4);
    for (const dump of dumps) {
      assert.strictEqual(analyze(dump.transcript).arch, 's390x', dump.name);
      // A console with its PSW/GPRS rows settles it too (their r0… names are arm32's as well).
      if (dump.truth.console_register_lines.length > 0)
        assert.strictEqual(analyze(dump.console).arch, 's390x', `${dump.name} console`);
    }
  });

  for (const dump of dumps) {
    const reduced = (): Model => {
      const text = consoleBeforeTrace(dump.console) + '\n' + withoutSections(dump.transcript);
      assert.ok(!/^crash> (?:bt|log|rd -s)\b/m.test(text) && !/Call Trace:/.test(text), 'bt, log, rd -s and the trace removed');
      return analyze(text);
    };

    it(`${dump.name}: unwinding from the console's Krnl PSW/GPRS finds crash's frames above the exception`, function () {
      const model = reduced();
      const r15 = model.reports.flatMap((r) => r.registers).find((r) => r.name === 'r15');
      if (dump.truth.console_register_lines.length === 0) {
        // A panic without an exception (sysrq) prints no registers: nothing to start from.
        assert.strictEqual(r15, undefined);
        this.skip();
      }
      assert.ok(r15?.value !== undefined, 'console r15 (last value of Krnl GPRS)');
      const psw = model.reports.flatMap((r) => r.registers).find((r) => r.name === 'PSW.addr');
      const start = unwindStartAtLine(model, psw!.line);
      assert.ok(start && start.fp === r15.value, 'the Krnl PSW line starts a walk from r15');
      assert.deepStrictEqual(
        { ...unwindStartAtLine(model, r15.line), line: 0 },
        { ...start, line: 0 },
        'and so does the r15 line',
      );
      const result = unwind(model, start);
      assert.strictEqual(result.frames[0].pc, psw!.value, 'frame 0 is the PSW address');
      assertReproduces(crashFrames(dump.truth, r15.value), result);
    });

    it(`${dump.name}: unwinding from the first word of the stack's rd -x finds every frame of crash's bt`, () => {
      const model = reduced();
      const lowest = BigInt(dump.truth.frames[0].sp);
      const line = model.lines.findIndex((l) => new RegExp(`^\\s*0*${hex(lowest)}:`).test(l));
      assert.ok(line > 0 && /^crash> rd -x/.test(model.lines[line - 1]), 'the rd -x of the stack starts at the lowest frame');
      const start = unwindStartAtLine(model, line);
      assert.ok(start?.fp === lowest, `a lens on the first dumped word (${hex(lowest)})`);
      const result = unwind(model, start);
      assertReproduces(crashFrames(dump.truth, lowest), result);
      // The entry path's back chain 0 leads through pt_regs to the interrupted function.
      if (dump.truth.console_register_lines.length > 0) {
        const exception = result.frames.find((f) => f.method === 'exception-frame');
        assert.ok(exception && /^cc_do_/.test(exception.function ?? ''), `the pt_regs of the fault: ${exception?.function}`);
      }
    });

    it(`${dump.name}: where the dump leaves out the entry frame's pt_regs, the walk goes on at the console's Krnl PSW/GPRS`, function () {
      if (dump.truth.console_register_lines.length === 0) this.skip();
      const whole = reduced();
      const line = whole.lines.findIndex((_, i) => i > 0 && /^crash> rd -x/.test(whole.lines[i - 1]));
      const full = unwind(whole, unwindStartAtLine(whole, line)!);
      const regs = full.frames.find((f) => f.method === 'exception-frame')!.frameAddress!;
      // The rd -x lines of pt_regs (200 bytes) removed: the console printed those registers.
      const inRegs = (l: string) => {
        const m = /^\s*([0-9a-f]+):\s/.exec(l);
        return m !== null && BigInt('0x' + m[1]) >= regs && BigInt('0x' + m[1]) < regs + 200n;
      };
      const text = whole.lines.filter((l) => !inRegs(l)).join('\n');
      const model = analyze(text);
      const result = unwind(model, unwindStartAtLine(model, line)!);
      const resumed = result.frames.find((f) => f.method === 'exception-frame')!;
      assert.strictEqual(resumed.confidence, 'likely');
      assert.match(resumed.function ?? '', /^cc_do_/);
      assert.match(resumed.notes.join(' '), /not in the transcript: the walk goes on at the registers at line/);
      assertReproduces(crashFrames(dump.truth, BigInt(dump.truth.frames[0].sp)), result);
    });

    it(`${dump.name}: crash's LOWCORE INFO (the CPU's PSW and r15) starts a walk: the CPU's own frame, then crash's frames`, () => {
      const model = analyze(dump.transcript);
      const lowcore = model.lines.findIndex((l) => /^\s*LOWCORE INFO:\s*$/.test(l));
      assert.ok(lowcore > 0, 'bt prints the lowcore');
      const pswLine = model.lines.findIndex((l, i) => i > lowcore && /^\s*-psw\s*:/.test(l));
      const psw = BigInt(model.lines[pswLine].trim().split(/\s+/).pop()!);
      // r0…r15 in eight rows of two after `-general registers:`: r15 ends the eighth.
      const r15Line = model.lines.findIndex((l, i) => i > lowcore && /^\s*-general registers:/.test(l)) + 8;
      const r15 = BigInt(model.lines[r15Line].trim().split(/\s+/)[1]);
      const start = unwindStartAtLine(model, r15Line);
      assert.ok(start?.fp === r15 && start.pc === psw, `a lens on the r15 row (${hex(r15)}) with the PSW address`);
      assert.deepStrictEqual({ ...unwindStartAtLine(model, pswLine), line: 0 }, { ...start, line: 0 }, 'and on the -psw line');
      const result = unwind(model, start);
      assert.strictEqual(result.frames[0].pc, psw, "frame 0 is the CPU's PSW address");
      assert.strictEqual(result.frames[0].frameAddress, r15);
      assertReproduces(crashFrames(dump.truth, r15), result);
    });

    it(`${dump.name}: every rd -x word that rd -s names as func+off hovers as that func+off`, () => {
      const rdx = sectionLines(dump.transcript, (c) => /^rd -x \S+ \d+$/.test(c));
      const rds = sectionLines(dump.transcript, (c) => /^rd -s /.test(c));
      const model = analyze(removeSections(dump.transcript, (c) => /^(?:rd -s|bt|log)\b/.test(c)));
      let checked = 0;
      for (const s of rds) {
        const x = rdx.find((r) => r.command.split(/\s+/).slice(2).join(' ') === s.command.split(/\s+/).slice(2).join(' '));
        assert.ok(x, `rd -x beside ${s.command}`);
        for (let k = 0; k < x.lines.length; k++) {
          const xWords = x.lines[k].trim().split(/\s+/).slice(1);
          const sWords = (s.lines[k] ?? '').trim().split(/\s+/).slice(1);
          xWords.forEach((word, j) => {
            const sym = /^([A-Za-z_.$][\w.$]*)\+(\d+)$/.exec(sWords[j] ?? '');
            if (!sym) return;
            // Only where the rest of the transcript still shows the function's start.
            const known = model.symbols.get(sym[1]);
            if (!known?.base || !known.baseEvidence.some((l) => /<[^>]+>:|\) \S+\+?\d* /.test(model.lines[l]))) return;
            const line = model.lines.indexOf(x.lines[k]);
            const card = describeAt(model, line, model.lines[line].indexOf(word) + 1);
            // crash names some functions by a label at the same address (`__noinstr_text_start` is `__do_pgm_check`).
            const alias = /`([A-Za-z_.$][\w.$]*)\+(\d+)`/.exec(card?.markdown ?? '');
            const sameStart = alias !== null && alias[2] === sym[2] && model.symbols.get(alias[1])?.base === known.base;
            assert.ok(card?.markdown.includes(sym[0]) || sameStart, `${word} should read as ${sym[0]}:\n${card?.markdown}`);
            checked++;
          });
        }
      }
      assert.ok(checked >= 10, `words checked: ${checked}`);
    });

    it(`${dump.name}: an rd -x line holding the return address of one of crash's frames offers a walk, kernel text below 16 MiB too`, () => {
      const model = analyze(withoutSections(dump.transcript));
      const lenses = new Set(unwindLensTargets(model).map((t) => t.line));
      const [rdx] = sectionLines(dump.transcript, (c) => /^rd -x \S+ \d+$/.test(c));
      const returns = new Set(dump.truth.frames.map((f) => BigInt(f.crash_pc).toString(16).padStart(16, '0')));
      const holding = rdx.lines.filter((l) =>
        l
          .trim()
          .split(/\s+/)
          .slice(1)
          .some((w) => returns.has(w)),
      );
      const low = holding.filter((l) => /\s0{10}[0-9a-f]{6}\b/.test(l));
      assert.ok(low.length >= 3, `lines with kernel text below 16 MiB: ${low.length}`);
      const without = holding.filter((l) => !lenses.has(model.lines.indexOf(l)));
      assert.deepEqual(without, []);
    });

    it(`${dump.name}: the console's parenthesised entries are unreliable frames, flagged wherever crash's bt prints them`, () => {
      const consoleModel = analyze(dump.console);
      const parenthesised = dump.console.split('\n').filter((l) => /\] \(\[</.test(l)).length;
      const unreliable = consoleModel.reports.flatMap((r) => r.frames).filter((f) => f.unreliable);
      assert.strictEqual(unreliable.length, parenthesised);
      // `Last Breaking-Event-Address:` names a branch, not a frame.
      assert.ok(!consoleModel.reports.some((r) => r.frames.some((f) => f.function === '_printk')), 'no _printk frame');
      const model = analyze(dump.transcript + '\n' + dump.console);
      const { diagnostics } = diagnose(model);
      for (const frame of unreliable) {
        for (const bt of model.backtraces) {
          for (const printed of bt.frames.filter((f) => f.address === frame.address)) {
            assert.ok(
              diagnostics.some((d) => d.range.start.line === printed.line && /stale|unreliable/.test(d.code)),
              `bt #${printed.level} ${printed.function} is flagged`,
            );
          }
        }
      }
    });

    for (const part of ['transcript', 'console'] as const) {
      it(`${dump.name}: the whole ${part} raises no error-level finding`, () => {
        const { diagnostics, failures } = diagnose(analyze(dump[part]));
        assert.deepStrictEqual(failures, []);
        assert.deepStrictEqual(
          diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: [${d.code}] ${d.message}`),
          [],
        );
      });
    }
  }
});

describe('s390x: rules, hovers and starts on 02-null', () => {
  const dump = dumps.find((d) => d.name === '02-null')!;
  const lineOf = (model: Model, re: RegExp) => model.lines.findIndex((l) => re.test(l));

  it('console trace frames below 4 GiB name their function starts (s390x text, not hashed pointers)', () => {
    const model = analyze(dump.console);
    const line = lineOf(model, /\[<0000000000412b50>\] vfs_write\+0xc0\/0x348/);
    assert.ok(line >= 0);
    assert.equal(model.symbols.get('vfs_write')?.base, 0x412b50n - 0xc0n);
    assert.equal(model.symbols.lookup(0x412f80n)?.symbol.name, 'ksys_write');
    assert.match(describeAt(model, line, model.line(line).indexOf('0000000000412b50') + 1)!.markdown, /`vfs_write\+0xc0`/);
  });

  it('not-text: a bt frame whose address is a stack address is an error', () => {
    const text = dump.transcript.replace(
      ' #2 [37ffff4f980] full_proxy_write at 4e7eac',
      ' #2 [37ffff4f980] full_proxy_write at 37ffff4f9d8',
    );
    const model = analyze(text);
    const found = diagnose(model).diagnostics.filter((d) => d.code === 'not-text');
    assert.ok(found.length > 0 && found.every((d) => d.severity === 'error'));
    assert.ok(found.some((d) => /full_proxy_write at 37ffff4f9d8/.test(model.lines[d.range.start.line])));
  });

  it("regs-vs-frame: a trace that does not start at the PSW's function is a warning", () => {
    assert.deepStrictEqual(
      diagnose(analyze(dump.console)).diagnostics.filter((d) => d.code === 'regs-vs-frame'),
      [],
    );
    const text = dump.console.replace('] cc_do_null+0x38/0x58 [corpus_crash]', '] cc_trigger_write+0x38/0xa8 [corpus_crash]');
    const found = diagnose(analyze(text)).diagnostics.filter((d) => d.code === 'regs-vs-frame');
    assert.strictEqual(found.length, 1);
    assert.match(found[0].message, /PSW\.addr is in cc_do_null, but the call trace starts at cc_trigger_write/);
  });

  it('fp-chain-broken: a back chain that points down the stack is a warning', () => {
    // Every copy of the word (bt -f, rd -x of the stack and of the frame) says the same.
    const text = dump.transcript
      .replace(/(37ffff4f970:\s+0000037ffff4f8e0 )0000037ffff4f918/g, '$10000037ffff4f8c0')
      .replace(/(37ffff4f978:\s+)0000037ffff4f918/g, '$10000037ffff4f8c0');
    const model = analyze(text);
    const found = diagnose(model).diagnostics.filter((d) => d.code === 'fp-chain-broken');
    assert.strictEqual(found.length, 1);
    assert.match(found[0].message, /stack frame|frame record at 0000037ffff4f8e0 saves fp 0000037ffff4f8c0/);
    assert.strictEqual(diagnose(analyze(dump.transcript)).diagnostics.filter((d) => d.code === 'fp-chain-broken').length, 0);
  });

  it('hovers name the back chain and the saved r14 of a frame, and a displacement from r15', () => {
    const model = analyze(dump.transcript);
    const line = lineOf(model, /^\s+37ffff4f960:/);
    const r14 = describeAt(model, line, model.lines[line].indexOf('000003ff7fd021da') + 1)?.markdown ?? '';
    assert.match(r14, /Saved r14: the return address into the function of the frame at `0000037ffff4f8e0`/);
    const chainLine = lineOf(model, /^\s+37ffff4f970:/);
    const chain = describeAt(model, chainLine, model.lines[chainLine].indexOf('0000037ffff4f918') + 1)?.markdown ?? '';
    assert.match(
      chain,
      /Back chain \(the caller's r15\) of the stack frame at `0000037ffff4f8e0`: links to the stack frame at `0000037ffff4f918`/,
    );
    assert.match(chain, /saved r14 in that frame at \+136: `cc_trigger_write\+120/);
    // A return address after a listed brasl names its call and so the frame above it.
    const lowcore = lineOf(model, /^\s+0x000000000010ff3a 0x0000000000668540/);
    const ret = describeAt(model, lowcore, model.lines[lowcore].indexOf('0x000000000010ff3a') + 3)?.markdown ?? '';
    assert.match(
      ret,
      /Returns after `brasl %r14,0x113cf8 <lgr_info_log>` at `on_panic_notify\+28` — so the frame above must be `lgr_info_log`/,
    );
    const dis = lineOf(model, /<cc_do_null\+38>:/);
    const operand = describeAt(model, dis, model.lines[dis].indexOf('152(%r15)') + 1)?.markdown ?? '';
    assert.match(operand, /offset 152 \(0x98\) from `r15`/);
  });

  it("walks start from crash's exception PSW/GPRS block and from bt -f frame lines", () => {
    const model = analyze(dump.transcript);
    const psw = lineOf(model, /^ PSW: {2}0704c00180000000 000003ff7fd02318/);
    const fromPsw = unwind(model, unwindStartAtLine(model, psw)!);
    assert.deepStrictEqual(
      fromPsw.frames.slice(0, 3).map((f) => `${f.function} ${hex(f.frameAddress)}`),
      ['cc_do_null 37ffff4f8a8', 'cc_dispatch 37ffff4f8e0', 'cc_trigger_write 37ffff4f918'],
    );
    // No start from the user-mode block after system_call.
    const user = lineOf(model, /^ PSW: {2}0705200180000000/);
    assert.strictEqual(unwindStartAtLine(model, user), undefined);
    const bt = model.sections.find((s) => s.kind === 'bt' && s.options.includes('-f'))!;
    const frameLine = model.lines.findIndex((l, i) => i > bt.line && /^ #3 \[37ffff4f660\] gs_disable/.test(l));
    const fromFrame = unwind(model, unwindStartAtLine(model, frameLine)!);
    assert.deepStrictEqual(
      fromFrame.frames.slice(0, 4).map((f) => hex(f.frameAddress)),
      ['37ffff4f660', '37ffff4f6c8', '37ffff4f6f8', '37ffff4f740'],
    );
    assert.ok(fromFrame.frames.some((f) => f.method === 'exception-frame' && f.function === 'cc_do_null'));
  });
});

describe('s390x: an interrupt on another stack', () => {
  // rd -x lines as crash prints them: an entry frame on an async stack (back chain 0, pt_regs
  // at +160 with a kernel PSW and the interrupted r15) and the interrupted task's frames.
  const word = (address: bigint, ...values: bigint[]) =>
    `  ${address.toString(16)}:  ${values.map((v) => v.toString(16).padStart(16, '0')).join(' ')}`;
  const irq = 0x37ffff63e00n;
  const regs = irq + 160n;
  const task = 0x37ffff4f8a8n;
  const lines = [
    'crash> rd -x 37ffff63e98 1',
    word(irq + 152n, 0n),
    'crash> rd -x 37ffff63ea8 2',
    word(regs + 8n, 0x0704c00180000000n, 0x3ff7fd02318n),
    'crash> rd -x 37ffff63f30 1',
    word(regs + 144n, task),
    'crash> rd -x 37ffff4f940 1',
    word(task + 152n, 0x37ffff4f8e0n),
    'crash> rd -x 37ffff4f968 2',
    word(0x37ffff4f968n, 0x3ff7fd021dan, 0x37ffff4f8e0n),
    'crash> dis -l 3ff7fd021da 1',
    '0x3ff7fd021da <cc_dispatch+202>:\tj\t0x3ff7fd021a0 <cc_dispatch+144>',
  ];

  it('follows pt_regs.gprs[15] back to the interrupted stack and says so', () => {
    const model = analyze(lines.join('\n'), { arch: 's390x' });
    const result = unwind(model, { fp: irq, pc: 0xa31b9cn, arch: 's390x' });
    const exception = result.frames.find((f) => f.method === 'exception-frame');
    assert.ok(
      exception?.notes.some((n) => /stack switch/.test(n)),
      JSON.stringify(exception?.notes),
    );
    assert.deepStrictEqual(
      result.frames.filter((f) => f.method === 'back-chain').map((f) => `${f.function} ${hex(f.frameAddress)}`),
      ['cc_dispatch 37ffff4f8e0'],
    );
    assert.strictEqual(result.stop.kind, 'missing-memory');
    // Its back chain (+152) is not dumped: the whole struct stack_frame is what to paste.
    assert.match(result.stop.command ?? '', /^rd -x 0000037ffff4f8e0 20$/);
  });
});
