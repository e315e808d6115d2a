// The unwinder on real crash sessions: with crash's own backtraces, log and symbolic
// dumps removed and the console cut before its call trace, walking from the report's
// registers (or `help -r`) must reproduce the frames crash and the kernel found.
import * as assert from 'assert';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import { unwind, unwindFromAddress, unwindLensTargets, unwindStartAtLine } from '../../server/src/analysis/unwind';
import { crashDumps, hasShared, repoDumps } from '../support/corpus';
import { consoleBeforeTrace, withoutSections } from '../support/sections';
import { allDumps, measureDump } from '../support/unwindMetrics';

const hex = (v: bigint | undefined) => (v === undefined ? 'none' : v.toString(16).padStart(16, '0'));

describe('unwind on the real x86_64 crash sessions', function () {
  const dumps = crashDumps('x86_64');
  before(function () {
    if (!hasShared || dumps.length === 0) this.skip();
  });
  for (const dump of dumps) {
    it(`${dump.name}: from the console RIP/RSP reproduces the console's reliable frames whose slots were dumped`, () => {
      const text = consoleBeforeTrace(dump.console) + '\n' + withoutSections(dump.transcript);
      assert.ok(!/^crash> bt\b/m.test(text) && !/^crash> rd -s/m.test(text), 'backtraces removed');
      const model = analyze(text);
      const rsp = model.reports
        .flatMap((r) => r.registers)
        .find((r) => r.name === 'RSP' && (r.value ?? 0n) >= 0xffff800000000000n);
      assert.ok(rsp, 'console RSP register');
      const start = unwindStartAtLine(model, rsp.line);
      assert.ok(start && start.sp === rsp.value, 'the RSP line starts a walk from that sp');
      const result = unwind(model, start);

      // Expected: the console trace's reliable frames, located on the stack by crash's bt (truth).
      const full = analyze(dump.console);
      const traceLine = full.lines.findIndex((l) => /Call Trace:/.test(l));
      // The first trace ends where the interrupted user registers or the next report begin.
      const traceEnd = full.lines.findIndex((l, i) => i > traceLine && /RIP: 0033|<\/TASK>|Kernel panic|Call Trace:/.test(l));
      const consoleFrames = full.reports
        .flatMap((r) => r.frames)
        .filter((f) => f.line > traceLine && f.line < traceEnd && !f.unreliable);
      const kernelException = (dump.truth.exception_frames ?? []).find((e) => e.registers.CS === '0010');
      let after = kernelException ? kernelException.after_frame : -1;
      const expected: string[] = [];
      for (const frame of consoleFrames) {
        const truth = dump.truth.frames.find((t) => t.level > after && t.function === frame.function);
        assert.ok(truth, `crash's bt has ${frame.function}`);
        after = truth.level;
        const slot = BigInt('0x' + truth.stack_address!);
        if (model.memory.read64(slot)) expected.push(`${frame.function} [${hex(slot)}]`);
      }
      assert.ok(expected.length >= 4, `enough dumped frames to compare (${expected.length})`);
      const walked = result.frames.filter((f) => f.method !== 'registers').map((f) => `${f.function} [${hex(f.frameAddress)}]`);
      assert.deepStrictEqual(walked.slice(0, expected.length), expected);
      assert.strictEqual(result.stop.kind, 'missing-memory');
      assert.match(result.stop.command ?? '', /^rd -x [0-9a-f]{16} \d+$/);
    });
  }
});

describe('unwind on the real arm64 crash sessions', function () {
  const dumps = crashDumps('arm64');
  before(function () {
    if (!hasShared || dumps.length === 0) this.skip();
  });
  for (const dump of dumps) {
    const text = () => consoleBeforeTrace(dump.console) + '\n' + withoutSections(dump.transcript);

    /** crash's chain from the frame whose record is `fp`: names by return address − 4, brackets = fp. */
    function crashChain(fp: bigint): string[] {
      const frames = dump.truth.frames;
      const first = frames.findIndex((f) => BigInt(f.fp!) === fp);
      assert.ok(first >= 0, `crash's bt has a frame at ${hex(fp)}`);
      return frames.slice(first).map((f) => `${f.function} [${hex(BigInt(f.fp!))}]`);
    }

    it(`${dump.name}: from the console x29 reproduces crash's frame-record chain`, () => {
      const model = analyze(text());
      const x29 = model.reports.flatMap((r) => r.registers).find((r) => r.name === 'x29');
      assert.ok(x29?.value !== undefined, 'console x29');
      const result = unwind(model, unwindStartAtLine(model, x29.line)!);
      const walked = result.frames.map((f) => `${f.function} [${hex(f.frameAddress)}]`);
      assert.deepStrictEqual(walked, crashChain(x29.value));
      assert.strictEqual(result.stop.kind, 'end');
    });

    it(`${dump.name}: reads the record inside pt_regs from \`struct pt_regs -x\` when its rd -x is gone (certain)`, () => {
      const structAt = /^crash> struct pt_regs -x ([0-9a-f]{16})$/m.exec(dump.transcript)?.[1];
      assert.ok(structAt, 'struct pt_regs -x in the transcript');
      const record = (BigInt('0x' + structAt) + 0x130n).toString(16);
      const removed = new RegExp(`^(?:bt(?:\\s+-\\w+)*|log(?:\\s.*)?|rd\\s+-s\\b.*|rd -x ${record} 2)$`);
      const model = analyze(consoleBeforeTrace(dump.console) + '\n' + withoutSections(dump.transcript, removed));
      assert.strictEqual(model.memory.read64(BigInt('0x' + record)), undefined, 'the record is not dumped');
      const help = model.sections.find((s) => s.kind === 'help' && s.options.includes('-r'))!;
      let line = -1;
      for (let i = help.line; i <= help.endLine; i++) if (/X29: [0-9a-f]{16}/.test(model.lines[i])) line = i;
      const start = unwindStartAtLine(model, line)!;
      const result = unwind(model, start);
      assert.deepStrictEqual(
        result.frames.map((f) => `${f.function} [${hex(f.frameAddress)}]`),
        crashChain(start.fp!),
      );
      const exception = result.frames.find((f) => f.method === 'exception-frame')!;
      assert.strictEqual(exception.confidence, 'certain');
      assert.ok(
        exception.evidence.some((l) => /^\s*(?:stackframe|pc) = /.test(model.lines[l])),
        'read from the struct pt_regs output',
      );
    });

    it(`${dump.name}: from crash's help -r registers reproduces crash's whole chain`, () => {
      const model = analyze(text());
      const help = model.sections.find((s) => s.kind === 'help' && s.options.includes('-r'));
      assert.ok(help, 'help -r section');
      let line = -1;
      for (let i = help.line; i <= help.endLine; i++) if (/X29: [0-9a-f]{16}/.test(model.lines[i])) line = i;
      const start = unwindStartAtLine(model, line);
      assert.ok(start?.fp !== undefined, 'the X29 line starts a walk');
      const result = unwind(model, start);
      const walked = result.frames.map((f) => `${f.function} [${hex(f.frameAddress)}]`);
      assert.deepStrictEqual(walked, crashChain(start.fp));
      const exception = result.frames.find((f) => f.method === 'exception-frame');
      assert.ok(exception && /^cc_do_/.test(exception.function ?? ''), 'the EL1 exception frame is recognised');
      assert.strictEqual(result.stop.kind, 'end');
    });
  }
});

describe('unwind from any place a person would start (issue 12)', function () {
  const dumps = allDumps();
  before(function () {
    if (dumps.length === 0) this.skip();
  });
  for (const dump of dumps) {
    // ../shared/corpus/crash-* and our own dumps of test/corpus alike; architectures not modelled are only measured.
    const shared = dump.name.startsWith('crash-');
    it(`${dump.name}: every start (registers, the first dumped word, each bt -f frame) reproduces ≥ 95 % of crash's frames where modelled`, () => {
      const figures = measureDump(dump);
      if (!figures.arch) {
        assert.ok(!shared, 'the shared corpus is modelled');
        assert.strictEqual(figures.starts.length, 0);
        return;
      }
      const kinds = new Set(figures.starts.filter((s) => s.expected > 0).map((s) => s.kind));
      // Our own dumps of sysrq-c and riscv64 oopses have no register start with crash's frames.
      const required = shared ? ['bt -f frame', 'first dumped word', 'registers'] : ['bt -f frame', 'first dumped word'];
      for (const kind of required) assert.ok(kinds.has(kind as never), `a ${kind} start`);
      for (const start of figures.starts) {
        assert.ok(
          start.reproduced >= 0.95 * start.expected,
          `${start.kind} ${start.label}: ${start.reproduced}/${start.expected}, missed ${start.missed.join(', ')}; stopped: ${start.stop}`,
        );
        // Only crash's #0 of a stack-word start is ever left out (where no dumped word of its stack holds its pc),
        // or the first frame past crash's stack switch (named by a record on the other stack).
        assert.ok(start.excluded.length <= 1 && (start.excluded.length === 0 || start.kind === 'first dumped word'));
      }
    });
  }
});

describe('unwind: arm64 oops in IRQ context (test/corpus/arm64/05-irq), IRQ stack → task stack', function () {
  const dump = repoDumps('arm64').find((d) => d.name === '05-irq');
  before(function () {
    if (!dump) this.skip();
  });
  const walkFromConsole = () => {
    const model = analyze(consoleBeforeTrace(dump!.console) + '\n' + withoutSections(dump!.transcript));
    const x29 = model.reports.flatMap((r) => r.registers).find((r) => r.name === 'x29');
    assert.ok(x29?.value !== undefined, 'console x29');
    return { model, x29: x29.value, result: unwind(model, unwindStartAtLine(model, x29.line)!) };
  };
  /** crash's frames (`function [frame record]`) from the one whose record is `fp` on. */
  const crashFrom = (fp: bigint) => {
    const frames = (dump!.truth.frames as { function: string; fp?: string }[]).filter((f) => f.fp !== undefined);
    const first = frames.findIndex((f) => BigInt(f.fp!) === fp);
    assert.ok(first >= 0, `crash has a frame at ${hex(fp)}`);
    return frames.slice(first).map((f) => `${f.function} [${hex(BigInt(f.fp!))}]`);
  };

  it('reads the frame crash prints below el1h_64_sync as the interrupted pc, no return from a call: no warning on the session', () => {
    const model = analyze(dump!.transcript);
    const below = model.lines.findIndex((l) => /^#12 \[ffff800008003e50\] cc_do_null at ffff800000d00270/.test(l));
    assert.match(model.line(below - 1), /el1h_64_sync at /);
    const warnings = diagnose(model).diagnostics.filter((d) => d.severity !== 'info');
    assert.deepStrictEqual(
      warnings.map((d) => `${d.range.start.line + 1}: ${d.code}: ${d.message}`),
      [],
    );
  });

  it("from the console's x29 on the IRQ stack reproduces crash's frames past --- <IRQ stack> --- to the syscall entry", () => {
    const { x29, result } = walkFromConsole();
    const walked = result.frames.map((f) => `${f.function} [${hex(f.frameAddress)}]`);
    assert.deepStrictEqual(walked, crashFrom(x29));
    assert.strictEqual(result.stop.kind, 'end');
  });

  /** The cut transcript without the IRQ stack's last record (the saved x29 that links the stacks), and maybe more. */
  const withoutLink = (alsoDrop?: RegExp, alsoSection = '') => {
    const link = /^ffff800008003fd0:/;
    const removed = new RegExp(`^(?:bt(?:\\s+-\\w+)*|log(?:\\s.*)?|rd\\s+-s\\b.*|rd -x ffff800008003fd0 2${alsoSection})$`);
    const text = consoleBeforeTrace(dump!.console) + '\n' + withoutSections(dump!.transcript, removed);
    const model = analyze(
      text
        .split('\n')
        .filter((l) => !link.test(l) && !alsoDrop?.test(l))
        .join('\n'),
    );
    const x29 = model.reports.flatMap((r) => r.registers).find((r) => r.name === 'x29')!;
    assert.strictEqual(model.memory.read64(0xffff800008003fd0n), undefined, 'the linking record is gone');
    return { model, result: unwind(model, unwindStartAtLine(model, x29.line)!) };
  };

  it("without the linking record, goes on at the interrupted task's pt_regs found in the task stack's dump (likely)", () => {
    const { result } = withoutLink();
    const resumed = result.frames.find((f) => f.stackSwitch);
    assert.ok(resumed, 'a stack switch');
    assert.strictEqual(resumed.confidence, 'likely');
    assert.strictEqual(resumed.stackSwitch!.confidence, 'likely');
    assert.match(resumed.stackSwitch!.label, /pt_regs at ffff80000a2cb870 in the dump of the stack/);
    // From there on, crash's frames: the interrupted cc_do_irq and the syscall path below it.
    const walked = result.frames.slice(result.frames.indexOf(resumed)).map((f) => `${f.function} [${hex(f.frameAddress)}]`);
    assert.deepStrictEqual(walked, crashFrom(resumed.frameAddress!));
    assert.strictEqual(result.stop.kind, 'end');
  });

  it('without the linking record and without the task stack, stops at the top of the IRQ stack and names the rd to paste', () => {
    // The task stack's words: its rd -x lines and the struct pt_regs -x of the interrupted context.
    const { result } = withoutLink(/^ffff80000a2c[89ab]/, '|struct pt_regs -x ffff80000a2cb870');
    assert.ok(!result.frames.some((f) => f.stackSwitch));
    assert.strictEqual(result.stop.kind, 'missing-memory');
    assert.strictEqual(result.stop.command, 'rd -x ffff800008003fd0 2');
  });

  it('marks the switch where crash does: above the first frame whose record is on the task stack, from the saved x29 that links them', () => {
    const { model, result } = walkFromConsole();
    const switched = result.frames.filter((f) => f.stackSwitch);
    assert.strictEqual(switched.length, 1);
    const [first] = switched;
    assert.strictEqual(first.function, 'call_on_irq_stack');
    assert.strictEqual(first.stackSwitch!.to, first.frameAddress);
    assert.strictEqual(first.stackSwitch!.confidence, 'certain');
    const before = result.frames[result.frames.indexOf(first) - 1];
    assert.notStrictEqual(model.stackAt(before.frameAddress!)?.base, model.stackAt(first.frameAddress!)?.base);
    // The linking word: the saved x29 of the last record on the IRQ stack, as dumped.
    const link = model.memory.read64(before.frameAddress!);
    assert.strictEqual(link?.value, first.frameAddress);
    assert.strictEqual(first.stackSwitch!.line, link?.line);
  });
});

describe('unwind: x86_64 ORC kernel without bt (06-SOFTLOCKUP)', function () {
  const dump = crashDumps('x86_64').find((d) => d.name.includes('SOFTLOCKUP'));
  before(function () {
    if (!hasShared || !dump) this.skip();
  });
  const model = () => analyze(consoleBeforeTrace(dump!.console) + '\n' + withoutSections(dump!.transcript));

  it('puts a lens on the rd -x words that are return addresses, and only there', () => {
    const m = model();
    const targets = unwindLensTargets(m).filter((t) => /^\s*ffffd4e4c0003[ef]/.test(m.lines[t.line]));
    const slots = targets.map((t) => t.start.slot?.toString(16));
    assert.deepStrictEqual(slots.slice(0, 3), ['ffffd4e4c0003e80', 'ffffd4e4c0003f00', 'ffffd4e4c0003f28']);
    assert.strictEqual(targets[0].title, 'Unwind from [ffffd4e4c0003e80] panic+375');
    // ffffd4e4c0003f08 holds watchdog_timer_fn itself (a function's start): no lens on its line but for f00.
    const line = m.lines.findIndex((l) => /^ffffd4e4c0003f10:/.test(l));
    assert.ok(line > 0 && !targets.some((t) => t.line === line), 'no lens on a line of data words');
  });

  it('walks from the IRQ stack across the saved sp at its top onto the task stack, to the pt_regs and past them', () => {
    const m = model();
    const start = unwindFromAddress(m, 0xffffd4e4c0003e80n);
    assert.match(start.choice ?? '', /\d+ of \d+ functions listed from their start set up rbp .*an ORC kernel/);
    assert.match(start.choice ?? '', /holds a return address/);
    const result = unwind(m, start);
    const names = result.frames.map((f) => f.function);
    for (const fn of ['panic', 'sysvec_apic_timer_interrupt', 'lkdtm_SOFTLOCKUP', 'direct_entry.cold', 'ksys_write'])
      assert.ok(names.includes(fn), `${fn} in ${names.join(', ')}`);
    const switched = result.frames.find((f) => f.stackSwitch);
    // asm_sysvec_apic_timer_interrupt+22: sysvec_apic_timer_interrupt's frame sized by its prologue on the task stack.
    assert.strictEqual(switched?.frameAddress, 0xffffd4e4c051bbd0n);
    assert.strictEqual(switched.returnAddress, 0xffffffff99200f06n);
    assert.strictEqual(switched.stackSwitch!.from, 0xffffd4e4c0003ff8n);
    assert.strictEqual(switched.stackSwitch!.to, 0xffffd4e4c051bbc0n);
    assert.strictEqual(switched.stackSwitch!.confidence, 'certain');
    const regs = result.frames.find((f) => f.method === 'exception-frame');
    assert.strictEqual(regs?.frameAddress, 0xffffd4e4c051bbd8n);
    assert.strictEqual(regs.confidence, 'certain');
  });

  it('without the IRQ stack top word, resumes at the console registers on the task stack and says "likely"', () => {
    const text =
      consoleBeforeTrace(dump!.console) + '\n' + withoutSections(dump!.transcript).replace(/ ffffd4e4c051bbc0 rd:/, ' rd:');
    const m = analyze(text);
    const result = unwind(m, unwindFromAddress(m, 0xffffd4e4c0003e80n));
    const resumed = result.frames.find((f) => f.stackSwitch);
    assert.ok(resumed, result.frames.map((f) => f.function).join(', '));
    assert.strictEqual(resumed.confidence, 'likely');
    assert.strictEqual(resumed.function, 'lkdtm_SOFTLOCKUP');
    assert.match(resumed.notes.join(' '), /registers at line \d+ \(RIP ffffffffc02a84de, RSP ffffd4e4c051bc88\)/);
    assert.ok(result.frames.some((f) => f.function === 'direct_entry.cold' && f.frameAddress === 0xffffd4e4c051bc88n));
    assert.ok(
      result.commands.some((c) => c.startsWith('rd -x ffffd4e4c0003ff8')),
      result.commands.join('; '),
    );
  });

  it("without that word and without the console, finds the interrupted pt_regs in the task stack's dump (likely)", () => {
    const m = analyze(withoutSections(dump!.transcript).replace(/ ffffd4e4c051bbc0 rd:/, ' rd:'));
    const result = unwind(m, unwindFromAddress(m, 0xffffd4e4c0003e80n));
    const resumed = result.frames.find((f) => f.stackSwitch);
    assert.ok(resumed, result.frames.map((f) => f.function).join(', '));
    assert.strictEqual(resumed.confidence, 'likely');
    assert.strictEqual(resumed.frameAddress, 0xffffd4e4c051bbd8n);
    assert.strictEqual(resumed.function, 'lkdtm_SOFTLOCKUP');
    assert.match(resumed.notes.join(' '), /the pt_regs at ffffd4e4c051bbd8 in the dump of the stack/);
    assert.ok(result.frames.some((f) => f.function === 'ksys_write' && f.frameAddress === 0xffffd4e4c051bd80n));
  });

  it('with neither, stops at the top of the IRQ stack and names the rd command to paste', () => {
    const removed = /^(?:bt(?:\s+-\w+)*|log(?:\s.*)?|rd\s+-s\b.*|rd -x ffffd4e4c051bb98 64)$/;
    const m = analyze(withoutSections(dump!.transcript, removed).replace(/ ffffd4e4c051bbc0 rd:/, ' rd:'));
    const result = unwind(m, unwindFromAddress(m, 0xffffd4e4c0003e80n));
    assert.strictEqual(result.frames[result.frames.length - 1].function, 'sysvec_apic_timer_interrupt');
    assert.match(result.stop.command ?? '', /^rd -x ffffd4e4c0003ff8 \d+$/);
  });
});
