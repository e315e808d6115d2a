// Architectures read without a model of their own (arch/readonly): real dumps made here
// (test/corpus/<arch>/, scripts/dumps/make-dumps.sh) are detected as what they are, stay
// `unknown` to every architecture-specific rule, and still have their frames, registers
// and 32-bit words read.
import { strict as assert } from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { READ_ONLY_ARCHS } from '../../server/src/analysis/arch/readonly';
import { thirtyTwoBitLine } from '../../server/src/analysis/arch/readonly/types';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { analyze, type Model } from '../../server/src/analysis/model';
import { leadingReport, triageReport } from '../../server/src/analysis/triage';
import { removeSections, sectionLines } from '../support/sections';

const CORPUS = join(__dirname, '../corpus');

interface Truth {
  /** `sp`: the bracketed stack slot (none in 32-bit arm's bt). */
  frames: { function: string; sp: string | null; crash_pc: string; module?: string | null }[];
  stack: { base: string | null; size: number | null };
}

interface Dump {
  arch: string;
  name: string;
  transcript: string;
  console: string;
  truth: Truth;
}

function dumps(arch: string): Dump[] {
  const dir = join(CORPUS, arch);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.truth.json'))
    .map((f) => {
      const name = f.replace('.truth.json', '');
      return {
        arch,
        name,
        transcript: readFileSync(join(dir, `${name}.crashlog`), 'utf8'),
        console: readFileSync(join(dir, `${name}.console.crashlog`), 'utf8'),
        truth: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Truth,
      };
    });
}

function hoverAt(model: Model, line: number, column: number): string {
  const card = describeAt(model, line, column);
  return card ? renderHover(card.markdown) : '';
}

/** The register the architecture names as its program counter, as the console prints it. */
const PC: Record<string, RegExp> = {
  i386: /^\s*(?:\[[^\]]*\]\s*)?(EIP): /,
  arm32: /^\s*(?:\[[^\]]*\]\s*)?(pc) : /,
  mips64: /^\s*(?:\[[^\]]*\]\s*)?(epc) +: /,
  loongarch64: /^\s*(?:\[[^\]]*\]\s*)?(ERA): /,
};

describe('architectures read without a model (real dumps in test/corpus)', () => {
  for (const arch of READ_ONLY_ARCHS.map((a) => a.name)) {
    for (const dump of dumps(arch)) {
      describe(`${arch}/${dump.name}`, () => {
        const model = analyze(dump.transcript);
        const consoleModel = analyze(dump.console);

        it(`is detected as ${arch} from its own evidence, and stays unknown to the modelled rules`, () => {
          assert.equal(model.arch, 'unknown');
          assert.equal(model.spec, undefined);
          assert.equal(model.archUnmodelled, arch);
          assert.equal(consoleModel.arch, 'unknown');
          // A console that prints no registers and no addresses (arm32 sysrq-c: a panic's own
          // call trace; mips64 sysrq-c: the panic line alone) says nothing of its architecture;
          // one with registers or a trace does.
          const registers = PC[arch]
            ? consoleModel.lines.some((l) => PC[arch].test(l))
            : consoleModel.reports.some((r) => r.registers.length > 0 || r.frames.length > 0);
          if (registers) assert.equal(consoleModel.archUnmodelled, arch);
          else assert.ok([undefined, arch].includes(consoleModel.archUnmodelled), consoleModel.archUnmodelled);
        });

        it("takes crash's own start-up warnings for crash messages: the leading report is the kernel's", () => {
          const firstPrompt = model.lines.findIndex((l) => l.startsWith('crash> '));
          assert.ok(
            model.lines.slice(0, firstPrompt).some((l) => /^WARNING: /.test(l)),
            'crash printed no warning',
          );
          assert.ok(model.reports.every((r) => r.line > firstPrompt));
          const lead = leadingReport(model.text, model.reports);
          assert.ok(lead >= 0 && /panic|BUG|fault/.test(triageReport(model.text, model.reports, lead).title));
        });

        it("parses crash's bt: every frame with its stack slot, function and text address", () => {
          const bt = model.backtraces[0];
          assert.ok(bt, 'no backtrace');
          assert.ok(dump.truth.frames.length > 1, 'crash unwound no more than one frame');
          assert.deepEqual(
            bt.frames.map((f) => [f.function, f.stackAddress, f.address]),
            dump.truth.frames.map((f) => [f.function, f.sp !== null ? BigInt(f.sp) : undefined, BigInt(f.crash_pc)]),
          );
        });

        it("knows the task stack as crash does: task -R stack's base and the architecture's stack size", () => {
          const { base, size } = dump.truth.stack;
          assert.ok(base && size);
          const stack = model.stacks.find((s) => s.kind === 'task' && s.base === BigInt(base));
          assert.ok(stack, `no task stack at ${base}`);
          assert.equal(stack.top - stack.base, BigInt(size));
        });

        it('parses the console report with its registers, the program counter named on hover', function () {
          const report = consoleModel.reports[0];
          assert.ok(report, 'no report');
          // mips64's sysrq-c console is the panic line alone: no trace to parse.
          if (consoleModel.reports.every((r) => r.frames.length === 0 && r.registers.length === 0)) this.skip();
          // The panic's own trace ends in panic's caller: sysrq_handle_crash (printed as the
          // function after it, its return address lies past its end) or the oops' die().
          assert.ok(
            consoleModel.reports.some((r) => r.frames.some((f) => f.function === 'panic' || f.function === 'ksys_write')),
            'neither panic nor ksys_write is among the console frames',
          );
          const pc = PC[arch];
          const line = pc ? consoleModel.lines.findIndex((l) => pc.test(l)) : -1;
          if (!pc || line < 0) return;
          const m = pc.exec(consoleModel.lines[line])!;
          const name = m[1];
          assert.ok(
            report.registers.some((r) => r.name === name),
            `${name} is not among the report's registers`,
          );
          const column = m.index + m[0].lastIndexOf(name);
          assert.match(hoverAt(consoleModel, line, column + 1), /program counter/);
        });

        it('hovers every rd -x word that rd -s names as func+off as that word and func+off (rd -s, bt and log removed)', () => {
          const rdx = sectionLines(dump.transcript, (c) => /^rd -x \S+ \d+$/.test(c));
          const rds = sectionLines(dump.transcript, (c) => /^rd -s /.test(c));
          const reduced = analyze(removeSections(dump.transcript, (c) => /^(?:rd -s|bt|log)\b/.test(c)));
          let checked = 0;
          for (const x of rdx) {
            const s = rds.find((r) => r.command.split(/\s+/).slice(2).join(' ') === x.command.split(/\s+/).slice(2).join(' '));
            if (!s) continue;
            x.lines.forEach((text, k) => {
              const xWords = text.trim().split(/\s+/).slice(1);
              const sWords = (s.lines[k] ?? '').trim().split(/\s+/).slice(1);
              xWords.forEach((word, j) => {
                const sym = /^([A-Za-z_.$][\w.$]*)\+(\d+)$/.exec(sWords[j] ?? '');
                if (!sym) return;
                // Only where the rest of the transcript still shows the function's start.
                const known = reduced.symbols.get(sym[1]);
                if (!known?.base || !known.baseEvidence.some((l) => /<[^>]+>:|\) \S+\+?\d* /.test(reduced.lines[l]))) return;
                const line = reduced.lines.indexOf(text);
                const card = hoverAt(reduced, line, reduced.lines[line].indexOf(word) + 1);
                assert.ok(card.startsWith(`**${word}**`), `the card names ${word} as crash printed it:\n${card}`);
                // An alias at the same address (entry_SYSENTER_32 = __begin_SYSENTER_singlestep_region) reads as well.
                const named = /`([\w.$]+)\+(\d+)`/.exec(card);
                assert.ok(
                  named && named[2] === sym[2] && reduced.symbols.get(named[1])?.base === known.base,
                  `${word} should read as ${sym[0]}:\n${card}`,
                );
                checked++;
              });
            });
          }
          assert.ok(checked > 0, 'nothing checked');
        });
      });
    }
  }

  describe('i386 kernels of before 2.6.31 (text from c0100000, where 32-bit arm has its image too)', () => {
    const dump = dumps('i386').find((d) => d.name === '04-sysrq');
    it("tells a bt with its syscall register block from 32-bit arm's", function () {
      if (!dump) this.skip();
      // Our Debian kernel's text at c1…, moved to c04… as CONFIG_PHYSICAL_START 0x400000 placed it.
      const bt = sectionLines(dump.transcript, (c) => c === 'bt')[0].lines;
      const moved = bt.map((l) =>
        l.replace(
          / at c1([0-9a-f]{6})\b/,
          (_, rest: string) => ` at ${(0xc1000000 - 0xc00000 + parseInt(rest, 16)).toString(16)}`,
        ),
      );
      assert.ok(moved.some((l) => / at c04/.test(l)) && !moved.some((l) => / at c1/.test(l)), 'text moved');
      const model = analyze(['crash> bt', ...moved].join('\n'));
      assert.equal(model.archUnmodelled, 'i386');
      // Without registers, x86's syscall entry functions (`__ia32_sys_write`, `__do_fast_syscall_32`) still tell it.
      const framesOnly = moved.filter((l) => !/^\s+[A-Z]{2,3}: /.test(l));
      assert.equal(analyze(['crash> bt', ...framesOnly].join('\n')).archUnmodelled, 'i386');
      // Without them nothing tells the two apart.
      const plainFrames = framesOnly.filter(
        (l) => !/ (?:__ia32_sys_\w+|ia32_sys_call|__do_fast_syscall_32|\w*syscall\w*|entry_\w+) at /.test(l),
      );
      assert.equal(analyze(['crash> bt', ...plainFrames].join('\n')).archUnmodelled, undefined);
    });

    it("keeps a 32-bit arm bt of frames alone arm32: crash's arm.c alone prints `(func) from [<caller>]`", function () {
      const arm = dumps('arm32').find((d) => d.name === '04-sysrq');
      if (!arm) this.skip();
      // `bt -a` or `foreach bt` of sleeping tasks: no register block, text at c0… as i386's before 2.6.31.
      const bt = sectionLines(arm.transcript, (c) => c === 'bt')[0].lines;
      const frames = bt.filter((l) => / from \[</.test(l));
      assert.ok(frames.length >= 3 && bt[0].startsWith('PID:'), 'a header and frames');
      assert.equal(analyze(['crash> bt', bt[0], ...frames].join('\n')).archUnmodelled, 'arm32');
    });
  });

  describe("arm32 consoles' traces without a heading (`callee [mod] from caller+off/size [mod]`)", () => {
    const dump = dumps('arm32').find((d) => d.name === '02-null');
    it('names a WARNING after the first frame of the trace that is not the warning machinery', function () {
      if (!dump) this.skip();
      // arm's WARN() passes no registers: its header, the panic of panic_on_warn, then the panic's trace
      // (the real trace of 02-null, with the stack printers above it that such a trace begins with).
      const lines = dump.console.split('\n');
      const trace = lines.filter((l) => / from [\w.]+\+0x/.test(l));
      const stamp = (body: string) => '[   41.100926] ' + body;
      const text = [
        stamp('------------[ cut here ]------------'),
        stamp('WARNING: CPU: 0 PID: 81 at corpus_crash.c:21 cc_do_null+0x2c/0x34 [corpus_crash]'),
        stamp('Modules linked in: corpus_crash(OE)'),
        stamp('Kernel panic - not syncing: kernel: panic_on_warn set ...'),
        ...lines.filter((l) => /\] (?:CPU: 0 PID|Hardware name)/.test(l)),
        stamp(' unwind_backtrace from show_stack+0x18/0x1c'),
        stamp(' show_stack from dump_stack_lvl+0x40/0x4c'),
        stamp(' dump_stack_lvl from panic+0x110/0x370'),
        stamp(' panic from check_panic_on_warn+0x60/0x78'),
        stamp(' check_panic_on_warn from __warn+0x84/0x118'),
        stamp(' __warn from warn_slowpath_fmt+0x8c/0x12c'),
        stamp(' warn_slowpath_fmt from cc_do_null+0x2c/0x34 [corpus_crash]'),
        ...trace,
      ].join('\n');
      const model = analyze(text);
      assert.equal(model.reports[0]?.kind, 'warning');
      assert.equal(triageReport(model.text, model.reports, 0).title, 'WARNING in cc_do_null');
    });

    it("keeps the oops's title from `PC is at`", function () {
      if (!dump) this.skip();
      const model = analyze(dump.console);
      assert.equal(triageReport(model.text, model.reports, 0).title, 'Unhandled fault in cc_do_null');
    });
  });

  /** The registers of the first report, by name: value (hex) or symbol. */
  const registersOf = (model: Model): Record<string, string> =>
    Object.fromEntries(
      (model.reports[0]?.registers ?? []).map((r) => [
        r.name,
        r.value !== undefined ? r.value.toString(16) : (r.symbol?.name ?? ''),
      ]),
    );

  // No mips64 dump can be made here (QEMU 7.2 cannot dump a MIPS guest): the shapes of
  // arch/mips/kernel/traps.c __show_regs and crash's mips64_dump_exception_stack.
  describe('mips64 register dumps of __show_regs and of crash bt', () => {
    const console = [
      '[   12.346100] $ 0   : 0000000000000000 0000000000000001 0000000000000000 0000000000000005',
      '[   12.346200] $ 4   : 0000000000000005 ffffffffc0004000 0000000000000005 0000000000000000',
      '[   12.346700] $24   : 0000000000000000 ffffffff80123456                                   ',
      '[   12.346800] $28   : 980000000a3c0000 980000000a3c3d10 0000000000000000 ffffffffc0002070',
      '[   12.346900] Hi    : 0000000000000000',
      '[   12.347000] Lo    : 0000000000000000',
      '[   12.347100] epc   : ffffffffc0002080 cc_do_null+0x20/0x40 [corpus_crash]',
      '[   12.347200] ra    : ffffffffc0002070 cc_do_null+0x10/0x40 [corpus_crash]',
      '[   12.347300] Status: 14009ce3\tKX SX UX KERNEL EXL IE ',
      '[   12.347400] Cause : 0080000c (ExcCode 03)',
      '[   12.347500] BadVA : 0000000000000000',
      '[   12.347600] PrId  : 000181a0 (MIPS 5KE)',
    ];
    const oops = ['[   12.345900] Oops[#1]:', ...console].join('\n');

    it('reads the $N rows by number ($26/$27 left blank) and the padded names, and tells mips64 apart', () => {
      const model = analyze(oops);
      assert.equal(model.arch, 'unknown');
      assert.equal(model.archUnmodelled, 'mips64');
      const registers = registersOf(model);
      assert.deepEqual(
        ['$0', '$3', '$4', '$5', '$24', '$25', '$28', '$29', '$31', 'Hi', 'epc', 'ra', 'Status', 'Cause', 'BadVA', 'PrId'].map(
          (n) => registers[n],
        ),
        [
          '0',
          '5',
          '5',
          'ffffffffc0004000',
          '0',
          'ffffffff80123456',
          '980000000a3c0000',
          '980000000a3c3d10',
          'ffffffffc0002070',
          '0',
          'ffffffffc0002080',
          'ffffffffc0002070',
          '14009ce3',
          '80000c',
          '0',
          '181a0',
        ],
      );
      assert.equal(registers.$26, undefined);
    });

    it('names a row value by its register and role, and epc the program counter', () => {
      const model = analyze(oops);
      const sp = model.lines.findIndex((l) => l.includes('$28   :'));
      assert.match(
        hoverAt(model, sp, model.lines[sp].indexOf('980000000a3c3d10') + 1),
        /value of register `\$29`, the stack pointer/,
      );
      assert.match(
        hoverAt(model, sp, model.lines[sp].indexOf('ffffffffc0002070') + 1),
        /value of register `\$31`, the return address/,
      );
      const epc = model.lines.findIndex((l) => l.includes('epc   :'));
      assert.match(hoverAt(model, epc, model.lines[epc].indexOf('epc') + 1), /value of register `epc`, the program counter/);
    });

    it("names crash's help -r registers (R29 the stack pointer, EPC the program counter) and tells mips64 apart from ppc64's R0…", () => {
      const model = analyze(
        [
          'crash> help -r',
          'CPU 0:',
          '    R27: ffffffff81260000  R28: 9000000002260000  R29: 9000000002263a50',
          '    R30: 0000000000000001  R31: ffffffff80b3d71c',
          '       LO: 0002d201684b8000        HI: 0000000000000000',
          '      EPC: ffffffff80b3abc0  BADVADDR: 0000000000000000',
          '   STATUS: 000000001000a4e1     CAUSE: 0000000010800000',
        ].join('\n'),
      );
      assert.equal(model.archUnmodelled, 'mips64');
      assert.match(hoverAt(model, 2, model.lines[2].indexOf('R29') + 1), /value of register `R29`, the stack pointer/);
      assert.match(hoverAt(model, 5, model.lines[5].indexOf('EPC') + 1), /value of register `EPC`, the program counter/);
    });

    it("reads crash's exception frame rows inside bt as one register block", () => {
      const model = analyze(
        [
          'crash> bt',
          'PID: 81       TASK: 980000000a1b2c00  CPU: 0    COMMAND: "sh"',
          ' #3 [980000000a3c3d10] ret_from_exception at ffffffff80101234',
          ...console.map((l) => '    ' + l.slice(15).replace(/ {2,}$/, ' 0000000000000000 0000000000000000')),
          ' #4 [980000000a3c3e00] cc_do_null at ffffffffc0002080 [corpus_crash]',
        ].join('\n'),
      );
      assert.equal(model.archUnmodelled, 'mips64');
      const block = model.backtraces[0]?.exceptionFrames[0];
      assert.ok(block, 'no exception frame');
      assert.deepEqual(
        block.registers.map((r) => r.name),
        [
          '$0',
          '$1',
          '$2',
          '$3',
          '$4',
          '$5',
          '$6',
          '$7',
          '$24',
          '$25',
          '$26',
          '$27',
          '$28',
          '$29',
          '$30',
          '$31',
          'Hi',
          'Lo',
          'epc',
          'ra',
          'Status',
          'Cause',
          'BadVA',
          'PrId',
        ],
      );
    });
  });

  // 32-bit MIPS: real oopses of OpenWrt issue #517 (3.18, MIPS 24KEc, no timestamps) and pull
  // request #1762 (4.14, MIPS 1004Kc), cut after their registers.
  describe('mips32 register dumps (8-digit values, text in KSEG0)', () => {
    const oops = [
      'CPU 0 Unable to handle kernel paging request at virtual address fffffff0, epc == 8003ab3c, ra == 80036f64',
      'Oops[#7]:',
      'CPU: 0 PID: 172 Comm: kworker/0:1 Tainted: G      D        3.18.29 #6',
      'task: 878e1360 ti: 8797a000 task.ti: 8797a000',
      '$ 0   : 00000000 00000015 00000000 a25b0831',
      '$ 4   : 878e1360 00000000 ffd23940 00000003',
      '$24   : 00000000 80041714                  ',
      '$28   : 8797a000 8797b0d8 00000010 80036f64',
      'Hi    : 00000000',
      'Lo    : 83728000',
      'epc   : 8003ab3c kthread_data+0x4/0xc',
      '    Tainted: G      D       ',
      'ra    : 80036f64 wq_worker_sleeping+0x14/0xbc',
      'Status: 1100e402        KERNEL EXL ',
      'Cause : 80800008',
      'BadVA : fffffff0',
      'PrId  : 00019655 (MIPS 24KEc)',
    ];
    const timestamped = [
      '[ 3318.811574] Oops[#1]:',
      '[ 3318.816108] CPU: 3 PID: 0 Comm: swapper/3 Not tainted 4.14.98 #0',
      '[ 3318.837091] $ 0   : 00000000 00000001 00000000 00000000',
      '[ 3318.846522] $28   : 8fc70000 8fc15cf8 8057e920 803891ec',
      '[ 3318.920466] Hi    : 0000ed2a',
      '[ 3318.926193] Lo    : a3d88181',
      '[ 3318.931981] epc   : 80466788 memcmp+0x8/0x40',
      '[ 3318.940525] ra    : 803891ec ip4_obj_cmpfn+0x1c/0x2c',
      '[ 3318.950417] Status: 11007c03 KERNEL EXL IE',
      '[ 3318.958762] Cause : 40800008 (ExcCode 02)',
      '[ 3318.966739] BadVA : 0004a6ea',
      '[ 3318.972484] PrId  : 0001992f (MIPS 1004Kc)',
    ];

    it('tells mips32 from mips64 by its program counter in KSEG0, with or without timestamps', () => {
      for (const lines of [oops, timestamped]) {
        const model = analyze(lines.join('\n'));
        assert.equal(model.arch, 'unknown');
        assert.equal(model.archUnmodelled, 'mips32');
        assert.equal(model.wordBytes, 4);
      }
    });

    it('names $29 the stack pointer and epc the program counter, at 8 digits', () => {
      const model = analyze(oops.join('\n'));
      const row = model.lines.findIndex((l) => l.startsWith('$28'));
      const sp = hoverAt(model, row, model.lines[row].indexOf('8797b0d8') + 1);
      assert.match(sp, /^\*\*8797b0d8\*\*/);
      assert.match(sp, /value of register `\$29`, the stack pointer/);
      const epc = model.lines.findIndex((l) => l.startsWith('epc'));
      assert.match(hoverAt(model, epc, model.lines[epc].indexOf('8003ab3c') + 1), /value of register `epc`, the program counter/);
    });

    it('stays mips64 where the program counter has 16 digits, however the rows tie', () => {
      const model = analyze(oops.join('\n').replace('epc   : 8003ab3c', 'epc   : ffffffff8003ab3c'));
      assert.equal(model.archUnmodelled, 'mips64');
    });
  });

  // No loongarch64 dump either: the shapes of arch/loongarch/kernel/traps.c __show_regs (6.x)
  // and crash's loongarch64_dump_exception_stack.
  describe('loongarch64 register dumps of __show_regs and of crash bt -f', () => {
    const oops = [
      '[   20.123500] Oops[#1]:',
      '[   20.123800] pc 9000000000e2a4c8 ra 9000000000e2a4b0 tp 90000001012c4000 sp 90000001012c7d60',
      '[   20.123900] a0 0000000000000005 a1 90000001004b2c00 a2 0000000000000005 a3 0000000000000000',
      '[   20.124300] t8 0000000000000000 u0 0000000000000000 s9 90000001012c7d80 s0 0000000000000005',
      '[   20.124600]    ra: 9000000000e2a4b0 cc_do_null+0x10/0x40 [corpus_crash]',
      '[   20.124700]   ERA: 9000000000e2a4c8 cc_do_null+0x28/0x40 [corpus_crash]',
      '[   20.124800]  CRMD: 000000b0 (PLV0 -IE -DA +PG DACF=CC DACM=CC -WE)',
      '[   20.124900]  PRMD: 00000004 (PPLV0 +PIE -PWE)',
      '[   20.125200] ESTAT: 00010000 [PIL] (IS= ECode=1 EsubCode=0)',
      '[   20.125300]  BADV: 0000000000000000',
      '[   20.125400]  PRID: 0014c010 (Loongson-64bit, Loongson-3A5000)',
    ].join('\n');

    it('reads the colon-less GPR rows and the CSRs with their notes, and tells loongarch64 apart from riscv64', () => {
      const model = analyze(oops);
      assert.equal(model.arch, 'unknown');
      assert.equal(model.archUnmodelled, 'loongarch64');
      const registers = registersOf(model);
      assert.deepEqual(
        ['pc', 'tp', 'sp', 'a1', 's9', 's0', 'ERA', 'CRMD', 'PRMD', 'ESTAT', 'BADV', 'PRID'].map((n) => registers[n]),
        [
          '9000000000e2a4c8',
          '90000001012c4000',
          '90000001012c7d60',
          '90000001004b2c00',
          '90000001012c7d80',
          '5',
          '9000000000e2a4c8',
          'b0',
          '4',
          '10000',
          '0',
          '14c010',
        ],
      );
    });

    it('names the registers of the colon-less rows and their roles on hover', () => {
      const model = analyze(oops);
      const row = model.lines.findIndex((l) => l.includes('] pc '));
      const text = model.lines[row];
      assert.match(hoverAt(model, row, text.indexOf('pc ') + 1), /value of register `pc`, the program counter/);
      assert.match(hoverAt(model, row, text.indexOf('90000001012c7d60') + 1), /value of register `sp`, the stack pointer/);
      const fp = model.lines.findIndex((l) => l.includes(' s9 '));
      assert.match(
        hoverAt(model, fp, model.lines[fp].indexOf('90000001012c7d80') + 1),
        /value of register `s9`, the frame pointer/,
      );
    });

    it('tells a console without registers (sysrq-c: a panic and its trace) by its trace addresses in XKPHYS', function () {
      const file = join(CORPUS, 'loongarch64', '04-sysrq.console.crashlog');
      if (!existsSync(file)) this.skip();
      const text = readFileSync(file, 'utf8');
      assert.ok(!/\bERA\b|\bpc 9/.test(text), 'the console prints no registers');
      const model = analyze(text);
      assert.deepEqual([model.arch, model.archUnmodelled], ['unknown', 'loongarch64']);
      assert.deepEqual(
        model.reports.map((r) => [r.kind, r.frames.length]),
        [['panic', 11]],
      );
      // The same trace at mips64's kernel text (ffffffff8…, which x86_64 and riscv64 share) settles nothing.
      const elsewhere = analyze(text.replace(/\[<90000000/g, '[<ffffffff').replace(/-loong64 #/g, ' #'));
      assert.deepEqual([elsewhere.arch, elsewhere.archUnmodelled], ['unknown', undefined]);
    });

    it("reads crash's exception frame ($N rows, era, CSR crmd) as one block, told apart by its CSR names", () => {
      const model = analyze(
        [
          'crash> bt -f',
          'PID: 81       TASK: 90000001004b2c00  CPU: 0    COMMAND: "sh"',
          ' #1 [90000001012c7c40] handle_ade at 9000000000221000',
          '    $ 0      : 0000000000000000 9000000000e2a4b0 90000001012c4000 90000001012c7d60',
          '    $28      : 0000000000000000 0000000000000000 0000000000000000 0000000000000000',
          '    era      : 9000000000e2a4c8 cc_do_null+40',
          '    ra       : 9000000000e2a4b0 cc_do_null+16',
          '    CSR crmd : 00000000000000b0',
          '    CSR estat: 0000000000010000',
          '    BadVA    : 0000000000000000',
          '    [PC: 9000000000221000 RA: 9000000000e2a4c8 SP: 90000001012c7c40 SIZE: 288]',
        ].join('\n'),
      );
      assert.equal(model.archUnmodelled, 'loongarch64');
      const block = model.backtraces[0]?.exceptionFrames[0];
      assert.ok(block, 'no exception frame');
      assert.deepEqual(
        block.registers.map((r) => r.name),
        ['$0', '$1', '$2', '$3', '$28', '$29', '$30', '$31', 'era', 'ra', 'CSR crmd', 'CSR estat', 'BadVA'],
      );
      assert.match(
        hoverAt(model, 3, model.lines[3].indexOf('90000001012c7d60') + 1),
        /value of register `\$3`, the stack pointer/,
      );
    });
  });
});

describe('32-bit disassembly lines (thirtyTwoBitLine: i386 and arm32 ask it of every instruction line)', () => {
  it('takes a line led by an 8-digit address and a blank, after any blanks, and no other', () => {
    assert.equal(thirtyTwoBitLine('0xc10a2b3c <panic+12>:\tmov    %eax,%ebx'), true);
    assert.equal(thirtyTwoBitLine('  0xc10a2b3c\t<panic+12>:\tcall   0xc10a1000 <printk>'), true);
    assert.equal(thirtyTwoBitLine('\u00a00xC10A2B3C <panic>:'), true);
    assert.equal(thirtyTwoBitLine('0xffffffff8102a1b0 <panic+12>:\tmov    %eax,%ebx'), false);
    assert.equal(thirtyTwoBitLine('0xc10a2b3 <panic>:'), false);
    assert.equal(thirtyTwoBitLine('0xc10a2b3c'), false);
    assert.equal(thirtyTwoBitLine('mov    0x10(%esp),%eax'), false);
    assert.equal(thirtyTwoBitLine('x 0xc10a2b3c <panic>:'), false);
  });
});
