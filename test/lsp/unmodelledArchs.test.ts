// Architectures crashlog reads without a model (arch/readonly), and transcripts whose
// architecture is not settled, get no walk: no "Unwind from" or "Show stack" lens, and the
// unwind and Stack view requests say why instead of drawing another architecture's guess.
import { strict as assert } from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { CodeLensRequest } from 'vscode-languageserver-protocol';
import { StackViewRequest, UnwindRequest } from '../../protocol/src';
import { READ_ONLY_ARCHS } from '../../server/src/analysis/arch/readonly';
import { LineKind } from '../../server/src/analysis/lineKinds';
import { analyze, type Model } from '../../server/src/analysis/model';
import { unwind } from '../../server/src/analysis/unwind';
import { registerBlocks } from '../../server/src/analysis/unwind/registerBlocks';
import { LspClient } from './client';

const CORPUS = join(__dirname, '../corpus');

interface Case {
  name: string;
  text: string;
  /** The read-only architecture the transcript is, when it says so. */
  arch?: string;
}

const NOT_SETTLED = /the transcript does not say which architecture it is: choose one \(crashlog\.arch, --arch\)/;

/**
 * Sysrq panics printed with no registers and no address only one architecture uses: the text settles
 * none (arm32's names its machine in its kernel release, `6.1.0-50-armmp`).
 */
const UNSETTLED = new Set(['mips64/04-sysrq.console.crashlog']);

function corpusCases(): Case[] {
  return READ_ONLY_ARCHS.flatMap(({ name: arch }) =>
    (existsSync(join(CORPUS, arch)) ? readdirSync(join(CORPUS, arch)) : [])
      .filter((f) => f.endsWith('.crashlog'))
      .map((f) => ({
        name: `${arch}/${f}`,
        text: readFileSync(join(CORPUS, arch, f), 'utf8'),
        arch: UNSETTLED.has(`${arch}/${f}`) ? undefined : arch,
      })),
  );
}

/**
 * riscv64's sysrq panic cut before its syscall entry (`__riscv_sys_write`, `do_trap_ecall_u`, which
 * only riscv64 has), its release's machine (`+deb13-riscv64`) left out as an upstream build's: no
 * registers, and its call trace runs at ffffffff8…, kernel text of x86_64, riscv64 and mips64 alike,
 * so nothing the text shows settles the architecture.
 */
function unknownCase(): Case {
  const whole = readFileSync(join(CORPUS, 'riscv64/04-sysrq.console.crashlog'), 'utf8').replace(/-riscv64 #/g, ' #');
  const text = whole.slice(0, whole.indexOf('__riscv_sys_write'));
  return {
    name: 'a console whose trace is in text that three architectures share',
    text: text.slice(0, text.lastIndexOf('\n') + 1),
  };
}

/**
 * mips32, of which no dump could be made here: a real oops's registers (OpenWrt pull request #1762,
 * 4.14 on a MIPS 1004Kc), its call trace not posted.
 */
function mips32Case(): Case {
  const text = [
    '[ 3318.811574] Oops[#1]:',
    '[ 3318.816108] CPU: 3 PID: 0 Comm: swapper/3 Not tainted 4.14.98 #0',
    '[ 3318.828066] task: 8fc44b00 task.stack: 8fc70000',
    '[ 3318.910051] $28   : 8fc70000 8fc15cf8 8057e920 803891ec',
    '[ 3318.931981] epc   : 80466788 memcmp+0x8/0x40',
    '[ 3318.940525] ra    : 803891ec ip4_obj_cmpfn+0x1c/0x2c',
    '[ 3318.950417] Status: 11007c03 KERNEL EXL IE',
    '[ 3318.958762] Cause : 40800008 (ExcCode 02)',
  ];
  return { name: 'mips32: an OpenWrt oops', text: text.join('\n'), arch: 'mips32' };
}

/** Lines a walk would start from on a modelled architecture: registers, bt headers and frames, the first line of each dump. */
function startLines(model: Model): number[] {
  const lines = new Set<number>();
  for (const block of registerBlocks(model)) for (const register of block) lines.add(register.line);
  for (const bt of model.backtraces) [bt.line, ...bt.frames.map((f) => f.line)].forEach((l) => lines.add(l));
  for (const report of model.reports) lines.add(report.line);
  for (let line = 0; line < model.lineCount; line++)
    if (model.lineKinds[line] === LineKind.Memory && model.lineKinds[line - 1] !== LineKind.Memory) lines.add(line);
  return [...lines].sort((a, b) => a - b);
}

/** The address of the first dumped stack word, as a user would type it into "Unwind from Address…". */
function firstDumpAddress(model: Model): string | undefined {
  for (let line = 0; line < model.lineCount; line++) {
    if (model.lineKinds[line] !== LineKind.Memory) continue;
    const m = /^\s*(?:0x)?([0-9a-f]{8,16}):/.exec(model.line(line));
    if (m) return m[1];
  }
  return undefined;
}

describe('architectures not modelled, or not settled, offer no walk and say why', function () {
  const cases = [...corpusCases(), mips32Case(), unknownCase()];
  /** Lines asked about per architecture: every one must have been exercised. */
  const asked = new Map<string, number>();
  let client: LspClient;

  before(async () => {
    client = new LspClient();
    await client.initialize();
  });

  after(async () => {
    await client.stop();
  });

  for (const c of cases) {
    it(c.name, async () => {
      const uri = `file:///unmodelled/${c.name.replace(/[^\w.-]/g, '_')}`;
      const model = analyze(c.text);
      assert.equal(model.spec, undefined, `${c.name} is detected as ${model.arch}`);
      assert.equal(model.archUnmodelled, c.arch);
      const why = c.arch ? new RegExp(`crashlog does not unwind ${c.arch} stacks yet`) : NOT_SETTLED;
      await client.open(uri, c.text);

      const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
      assert.deepEqual(
        lenses.map((l) => l.command?.title),
        [],
      );

      const lines = startLines(model);
      asked.set(c.arch ?? 'unknown', (asked.get(c.arch ?? 'unknown') ?? 0) + lines.length);
      for (const line of lines) {
        const unwound = await client.connection.sendRequest(UnwindRequest, { uri, line });
        assert.match(unwound.text, why, `unwind at line ${line + 1}`);
        const view = await client.connection.sendRequest(StackViewRequest, { uri, line });
        assert.equal(view.picture, undefined, `a picture at line ${line + 1}`);
        assert.match(view.message ?? '', why, `stack view at line ${line + 1}`);
      }

      const address = firstDumpAddress(model);
      if (address !== undefined) {
        const typed = await client.connection.sendRequest(UnwindRequest, { uri, address });
        assert.match(typed.text, why, `unwind from ${address}`);
        const walked = unwind(model, { fp: BigInt('0x' + address) });
        assert.deepEqual([walked.frames.length, walked.stop.kind], [0, 'no-start']);
        assert.match(walked.stop.reason, why);
      }
    });
  }

  it('asked at register, bt and dump lines of every read-only architecture and of the unsettled note', () => {
    for (const arch of [...READ_ONLY_ARCHS.map((a) => a.name), 'unknown']) assert.ok((asked.get(arch) ?? 0) > 0, arch);
  });
});
