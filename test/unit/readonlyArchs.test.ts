// Architectures read without a model of their own (arch/readonly): real dumps made here
// (test/corpus/<arch>/, scripts/dumps/make-dumps.sh) are detected as what they are, stay
// `unknown` to every architecture-specific rule, and still have their frames, registers
// and 32-bit words read.
import { strict as assert } from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { READ_ONLY_ARCHS } from '../../server/src/analysis/arch/readonly';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { analyze, type Model } from '../../server/src/analysis/model';
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
const PC: Record<string, RegExp> = { i386: /^\s*(?:\[[^\]]*\]\s*)?(EIP): /, arm32: /^\s*(?:\[[^\]]*\]\s*)?(pc) : / };

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
          // call trace) says nothing of its architecture; one with registers does.
          const registers = PC[arch] && consoleModel.lines.some((l) => PC[arch].test(l));
          if (registers || !PC[arch]) assert.equal(consoleModel.archUnmodelled, arch);
          else assert.ok([undefined, arch].includes(consoleModel.archUnmodelled), consoleModel.archUnmodelled);
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

        it('parses the console report with its registers, the program counter named on hover', () => {
          const report = consoleModel.reports[0];
          assert.ok(report, 'no report');
          // The panic's own trace ends in panic's caller: sysrq_handle_crash (printed as the
          // function after it, its return address lies past its end) or the oops' die().
          assert.ok(
            consoleModel.reports.some((r) => r.frames.some((f) => f.function === 'panic' || f.function === 'ksys_write')),
            'neither panic nor ksys_write is among the console frames',
          );
          const pc = PC[arch];
          const line = pc ? consoleModel.lines.findIndex((l) => pc.test(l)) : -1;
          if (!pc || line < 0) return;
          const name = pc.exec(consoleModel.lines[line])![1];
          assert.ok(
            report.registers.some((r) => r.name === name),
            `${name} is not among the report's registers`,
          );
          const column = consoleModel.lines[line].indexOf(name + (arch === 'arm32' ? ' :' : ':'));
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

  describe('mips64 register lines of __show_regs (QEMU cannot dump a MIPS guest here)', () => {
    it('reads the padded names as registers, epc named the program counter, and tells mips64 apart', () => {
      const model = analyze(
        [
          'Hi    : 0000000000000000',
          'Lo    : 0000000000000000',
          'epc   : ffffffffc0002080 cc_do_null+0x20/0x40 [corpus_crash]',
          'ra    : ffffffffc0002070 cc_do_null+0x10/0x40 [corpus_crash]',
          'Cause : 0080000c (ExcCode 03)',
          'BadVA : 0000000000000000',
          'PrId  : 000181a0 (MIPS 5KE)',
        ].join('\n'),
      );
      assert.equal(model.arch, 'unknown');
      assert.equal(model.archUnmodelled, 'mips64');
      assert.match(hoverAt(model, 2, 1), /value of register `epc`, the program counter/);
      assert.match(hoverAt(model, 3, 1), /value of register `ra`, the return address/);
    });
  });

  describe('loongarch64 (no dump can be made here): register lines of __show_regs and its text window', () => {
    it('is told apart by its CSR lines and 9000000… text, not taken for arm64', () => {
      const model = analyze(
        [
          '  ERA: 900000000022b13c handle_sysrq+0x3c/0x70',
          ' CRMD: 000000b0',
          ' PRMD: 00000004',
          'ESTAT: 00010000',
          'crash> sym 900000000022b13c',
          '900000000022b13c (T) handle_sysrq+60',
        ].join('\n'),
      );
      assert.equal(model.arch, 'unknown');
      assert.equal(model.archUnmodelled, 'loongarch64');
      assert.match(hoverAt(model, 0, 3), /program counter/);
    });
  });
});
