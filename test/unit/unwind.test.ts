// The frame walker at the analysis level: the seeds' hand walks, hostile chains, lens starts.
import * as assert from 'assert';
import fc from 'fast-check';
import { analyze } from '../../server/src/analysis/model';
import {
  frameName,
  unwind,
  unwindFromAddress,
  unwindLensTargets,
  unwindStartAtLine,
  unwindText,
} from '../../server/src/analysis/unwind';
import { MAX_FRAMES } from '../../server/src/analysis/unwind/types';
import { prologueAt } from '../../server/src/analysis/arch/x86_64/prologue';
import * as path from 'path';
import { runUnwind } from '../../server/src/cli/unwind';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { at } from '../support/caret';
import { example, hasShared, REPO_ROOT, seed } from '../support/corpus';

const SEED_002_CHAIN = [
  '__const_udelay+40',
  'qcom_wdt_trigger_bite+1060',
  'restart_wdog_handler+52',
  'atomic_notifier_call_chain+104',
  'do_kernel_restart+36',
  'machine_restart+72',
  'emergency_restart+40',
  'panic+692',
  'die+656',
  'bug_handler+72',
  'brk_handler+148',
  'do_debug_exception+164',
  'el1_dbg+88',
  'el1h_64_sync_handler+60',
  'el1h_64_sync+104',
  'unmap_page_range+2268',
  'unmap_vmas+244',
];

describe('unwind: arm64 frame records (seed 002)', () => {
  const sources: [string, () => string][] = [['examples/arm64-seed002.crashlog', () => example('arm64-seed002.crashlog')]];
  if (hasShared) sources.push(['seed 002', () => seed('002')]);
  for (const [name, text] of sources) {
    it(`walks the author's chain from x29 ffffffc0427f33b0 (${name})`, () => {
      const model = analyze(text());
      const result = unwind(model, { fp: 0xffffffc0427f33b0n });
      assert.deepStrictEqual(result.frames.map(frameName), SEED_002_CHAIN);
      assert.strictEqual(result.stop.kind, 'missing-memory');
      assert.strictEqual(result.stop.command, 'rd -x ffffffc0427f3a40 2');
      const methods = result.frames.map((f) => f.method);
      assert.strictEqual(methods[SEED_002_CHAIN.indexOf('unmap_page_range+2268')], 'exception-frame');
      assert.ok(methods.filter((m) => m === 'frame-record').length === SEED_002_CHAIN.length - 1);
      // crash's bracket: the frame's own record (the saved fp of the record below).
      assert.strictEqual(result.frames[0].frameAddress, 0xffffffc0427f33e0n);
      assert.strictEqual(result.frames[0].returnAddress, 0xffffffc008fb9754n);
    });
  }

  it('goes on when the asked-for rd output is pasted into the transcript', () => {
    const base = example('arm64-seed002.crashlog');
    const pasted = `${base}\ncrash> rd -x ffffffc0427f3a40 2\nffffffc0427f3a40:  ffffffc0427f3a90 ffffffc00830a560\n`;
    const result = unwind(analyze(pasted), { fp: 0xffffffc0427f33b0n });
    assert.strictEqual(result.frames.length, SEED_002_CHAIN.length + 1);
    assert.strictEqual(result.frames[SEED_002_CHAIN.length].frameAddress, 0xffffffc0427f3a90n);
    assert.strictEqual(result.stop.command, 'rd -x ffffffc0427f3a90 2');
  });

  it('starts from the console x29 line with the pc as frame 0', () => {
    const model = analyze(example('arm64-seed002.crashlog'));
    const line = model.lines.findIndex((l) => /x29: ffffffc0427f3950/.test(l));
    const start = unwindStartAtLine(model, line);
    assert.ok(start, 'a start on the x29 line');
    assert.strictEqual(start.fp, 0xffffffc0427f3950n);
    const result = unwind(model, start);
    assert.deepStrictEqual(result.frames.map(frameName), ['unmap_page_range+2268', 'unmap_vmas+244']);
    assert.strictEqual(result.frames[0].method, 'registers');
    const lens = unwindLensTargets(model).find((t) => t.line === line);
    assert.match(lens!.title, /ffffffc0427f3950/);
  });

  it('renders frames in crash style with links back to the evidence', () => {
    const model = analyze(example('arm64-seed002.crashlog'));
    const doc = unwindText(model, { fp: 0xffffffc0427f33b0n, label: 'x29 ffffffc0427f33b0' });
    const lines = doc.text.split('\n');
    const first = lines.findIndex((l) => l.startsWith(' #1 [ffffffc0427f33e0] __const_udelay+40 at ffffffc008fb9754'));
    assert.ok(first > 0, doc.text);
    assert.match(lines[first], /\(frame record, certain\)/);
    const link = doc.links.find((l) => l.outputLine === first);
    assert.ok(link && /ffffffc0427f33b0:/.test(model.lines[link.sourceLine]), 'frame line links to the rd line of its record');
    assert.ok(lines.includes('crash> rd -x ffffffc0427f3a40 2'));
  });

  it('offers a lens on dump lines that start a frame record', () => {
    const model = analyze(example('arm64-seed002.crashlog'));
    const line = model.lines.findIndex((l) => /^\s*ffffffc0427f33b0:\s+ffffffc0427f33e0/.test(l));
    assert.ok(line >= 0);
    assert.strictEqual(unwindStartAtLine(model, line)?.fp, 0xffffffc0427f33b0n);
  });
});

describe('unwind: x86_64 without frame pointers (seed 000)', () => {
  const model = analyze(example('x86_64-seed000.crashlog'));
  const btfLine = model.lines.findIndex(
    (l, i) => /#6 \[ffffa269e37dbc40\]/.test(l) && /ffffa269e37dbc48:/.test(model.lines[i + 1] ?? ''),
  );

  it('finds the exception frame, sizes __kmalloc from its prologue and reaches kmem_alloc_large', () => {
    const start = unwindStartAtLine(model, btfLine);
    assert.ok(start, 'a start on the bt -f frame line');
    const result = unwind(model, start);
    const exception = result.frames.find((f) => f.method === 'exception-frame');
    assert.ok(exception, 'exception frame found');
    assert.strictEqual(frameName(exception), '__kmalloc+171');
    assert.strictEqual(exception.pc, 0xffffffffb8687f8bn);
    assert.strictEqual(exception.sp, 0xffffa269e37dbcf8n);
    const next = result.frames[result.frames.indexOf(exception) + 1];
    assert.strictEqual(frameName(next), 'kmem_alloc+83');
    assert.strictEqual(next.frameAddress, 0xffffa269e37dbd30n);
    assert.strictEqual(next.method, 'prologue');
    const after = result.frames[result.frames.indexOf(next) + 1];
    assert.strictEqual(after.function, 'kmem_alloc_large');
    assert.strictEqual(after.frameAddress, 0xffffa269e37dbd58n);
    assert.strictEqual(after.method, 'scan');
    assert.strictEqual(after.confidence, 'guess');
  });

  it("reports that the transcript's bt frame #7 (xfs_dir2_sf_put_ftype) disagrees", () => {
    const result = unwind(model, unwindStartAtLine(model, btfLine)!);
    const exception = result.frames.find((f) => f.method === 'exception-frame')!;
    assert.strictEqual(exception.bt?.status, 'differs');
    assert.strictEqual(exception.bt?.level, 7);
    assert.strictEqual(exception.bt?.function, 'xfs_dir2_sf_put_ftype');
    assert.strictEqual(exception.bt?.first, true);
    assert.match(result.bt!.firstDifference!, /#7 xfs_dir2_sf_put_ftype/);
    const kmem = result.frames.find((f) => f.function === 'kmem_alloc')!;
    assert.strictEqual(kmem.bt?.status, 'agrees');
  });

  it('sizes __kmalloc at +171 as six pushes and sub $0x8 (56 bytes)', () => {
    const prologue = prologueAt(model, 0xffffffffb8687ee0n, 0xffffffffb8687f8bn);
    assert.ok(prologue);
    assert.strictEqual(prologue.size, 56);
    assert.strictEqual(prologue.saved.get('%rbp'), 40);
    assert.strictEqual(prologue.variable, false);
  });
});

/** A transcript of `rd -x` lines, one pair of words per line. */
function dump(words: [bigint, bigint, bigint][]): string {
  const hex = (v: bigint) => v.toString(16).padStart(16, '0');
  return ['crash> rd -x 0 2', ...words.map(([a, w0, w1]) => `${hex(a)}:  ${hex(w0)} ${hex(w1)}`)].join('\n') + '\n';
}

describe('unwind: hostile chains terminate and say why', () => {
  const text = 0xffff800008100000n;
  const at = (n: number) => 0xffff80000800b000n + BigInt(n) * 0x10n;

  it('stops on a record pointing at itself', () => {
    const model = analyze(dump([[at(1), at(1), text]]), { arch: 'arm64' });
    const result = unwind(model, { fp: at(1) });
    assert.ok(['not-increasing', 'loop'].includes(result.stop.kind), result.stop.kind);
    assert.strictEqual(result.frames.length, 1);
  });

  it('stops on a decreasing, misaligned or out-of-stack frame pointer', () => {
    const down = unwind(
      analyze(
        dump([
          [at(4), at(2), text],
          [at(2), 0n, 0n],
        ]),
        { arch: 'arm64' },
      ),
      { fp: at(4) },
    );
    assert.strictEqual(down.stop.kind, 'not-increasing');
    const odd = unwind(analyze(dump([[at(1), at(2) + 8n, text]]), { arch: 'arm64' }), { fp: at(1) });
    assert.strictEqual(odd.stop.kind, 'misaligned');
    const away = unwind(analyze(dump([[at(1), 0xffff000012345670n, text]]), { arch: 'arm64' }), { fp: at(1) });
    assert.strictEqual(away.stop.kind, 'out-of-stack');
  });

  it('ends at a null frame pointer and at the {0, 0} record', () => {
    const result = unwind(
      analyze(
        dump([
          [at(1), at(2), text],
          [at(2), 0n, 0n],
        ]),
        { arch: 'arm64' },
      ),
      { fp: at(1) },
    );
    assert.strictEqual(result.stop.kind, 'end');
    assert.strictEqual(result.frames.length, 1);
  });

  it('strips pointer-authentication bits from saved LRs', () => {
    const signed = 0x00c0800008100010n | 0xff00000000000000n;
    const model = analyze(
      `0xffff800008100000 <foo>:\tnop\n0xffff80000810000c <foo+12>:\tbl\t0xffff800008200000 <bar>\n${dump([
        [at(1), at(2), signed],
        [at(2), 0n, 0n],
      ])}`,
      { arch: 'arm64' },
    );
    const result = unwind(model, { fp: at(1) });
    assert.strictEqual(result.frames[0].pc, 0xffff800008100010n);
    assert.strictEqual(result.frames[0].function, 'foo');
  });

  it('never throws and stays bounded on random dumps (arm64 and x86_64)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 255 }),
            fc.integer({ min: 0, max: 300 }),
            fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 0, max: 255 }),
        (cells, startCell) => {
          const words = cells.map(
            ([a, b, lr]) => [at(a), b === 0 ? 0n : at(b) + BigInt(b % 3) * 8n, lr] as [bigint, bigint, bigint],
          );
          for (const arch of ['arm64', 'x86_64'] as const) {
            const model = analyze(dump(words), { arch });
            for (const start of [{ fp: at(startCell) }, { sp: at(startCell), pc: text }]) {
              const result = unwind(model, start);
              assert.ok(result.frames.length <= MAX_FRAMES + 1);
              assert.ok(result.stop.reason.length > 0);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('unwind: x86_64 rbp chain', () => {
  it('follows saved rbp words and decodes a low-bit pt_regs pointer', () => {
    const stack = 0xffffc90000013000n;
    const regs = stack + 0xe40n;
    const words: [bigint, bigint, bigint][] = [[stack + 0xe00n, regs | 1n, 0xffffffff81000123n]];
    const ptRegs = new Array<bigint>(21).fill(0n);
    ptRegs[4] = stack + 0xf00n; // bp
    ptRegs[16] = 0xffffffff81000456n; // ip
    ptRegs[17] = 0x10n; // cs
    ptRegs[18] = 0x246n; // flags
    ptRegs[19] = stack + 0xef0n; // sp
    ptRegs[20] = 0x18n; // ss
    ptRegs.push(0n);
    for (let i = 0; i < ptRegs.length; i += 2) words.push([regs + BigInt(i * 8), ptRegs[i], ptRegs[i + 1]]);
    words.push([stack + 0xf00n, 0n, 0xffffffff81000789n]);
    const model = analyze(dump(words), { arch: 'x86_64' });
    const result = unwind(model, { fp: stack + 0xe00n, arch: 'x86_64' });
    assert.deepStrictEqual(
      result.frames.map((f) => f.method),
      ['rbp-chain', 'exception-frame', 'rbp-chain'],
    );
    assert.strictEqual(result.frames[1].pc, 0xffffffff81000456n);
    assert.strictEqual(result.frames[2].returnAddress, 0xffffffff81000789n);
    assert.strictEqual(result.stop.kind, 'end');
  });
});

describe('unwind: struct pt_regs -x output read as the exception frame (x86_64)', () => {
  it('takes the printed fields as the words at their offsets', () => {
    const stack = 0xffffc90000013000n;
    const regs = stack + 0xe40n;
    const fields: [string, bigint][] = [
      ['r15', 0n],
      ['r14', 0n],
      ['r13', 0n],
      ['r12', 0n],
      ['bp', stack + 0xf00n],
      ['bx', 0n],
      ['r11', 0n],
      ['r10', 0n],
      ['r9', 0n],
      ['r8', 0n],
      ['ax', 0n],
      ['cx', 0n],
      ['dx', 0n],
      ['si', 0n],
      ['di', 0n],
      ['orig_ax', 0xffffffffffffffffn],
      ['ip', 0xffffffff81000456n],
      ['cs', 0x10n],
      ['flags', 0x246n],
      ['sp', stack + 0xef0n],
      ['ss', 0x18n],
    ];
    const struct = [
      `crash> struct pt_regs -x ${regs.toString(16)}`,
      'struct pt_regs {',
      ...fields.map(([name, value], i) => `  ${name} = 0x${value.toString(16)}${i < fields.length - 1 ? ',' : ''}`),
      '}',
    ].join('\n');
    const words: [bigint, bigint, bigint][] = [
      [stack + 0xe00n, regs | 1n, 0xffffffff81000123n],
      [stack + 0xf00n, 0n, 0xffffffff81000789n],
    ];
    const model = analyze(dump(words) + struct + '\n', { arch: 'x86_64' });
    const result = unwind(model, { fp: stack + 0xe00n, arch: 'x86_64' });
    assert.deepStrictEqual(
      result.frames.map((f) => f.method),
      ['rbp-chain', 'exception-frame', 'rbp-chain'],
    );
    assert.strictEqual(result.frames[1].pc, 0xffffffff81000456n);
    assert.strictEqual(result.frames[1].confidence, 'certain');
    assert.ok(result.frames[1].evidence.some((l) => /^\s*ip = /.test(model.lines[l])));
  });
});

describe('unwind: an x86_64 exception stack (NMI, #DF, #DB, #MC) to the interrupted stack', () => {
  it('leaves the exception stack through the pt_regs at its top and says so', () => {
    const nmi = 0xfffffe000000ae00n;
    const task = 0xffffc90000013e80n;
    const regs = new Array<bigint>(22).fill(0n);
    regs[16] = 0xffffffff81000456n; // ip
    regs[17] = 0x10n; // cs
    regs[18] = 0x246n; // flags
    regs[19] = task; // sp
    regs[20] = 0x18n; // ss
    const words: [bigint, bigint, bigint][] = [];
    for (let i = 0; i < regs.length; i += 2) words.push([nmi + BigInt(i * 8), regs[i], regs[i + 1]]);
    words.push([task, 0xffffffff81000789n, 0n]);
    const model = analyze(dump(words), { arch: 'x86_64' });
    const result = unwind(model, { sp: nmi, pc: 0xffffffff81000100n, arch: 'x86_64' });
    assert.deepStrictEqual(
      result.frames.map((f) => f.method),
      ['registers', 'exception-frame', 'scan'],
    );
    const after = result.frames[2];
    assert.strictEqual(after.frameAddress, task);
    assert.strictEqual(after.stackSwitch?.to, task);
    assert.strictEqual(after.stackSwitch?.confidence, 'certain');
    assert.match(
      unwindText(model, { sp: nmi, pc: 0xffffffff81000100n, arch: 'x86_64' }).text,
      /--- stack switch: pt_regs\.sp ffffc90000013e80 of the pt_regs at fffffe000000ae00, certain ---/,
    );
  });
});

describe('unwind: IRQ stack to task stack (arm64)', () => {
  it('follows a record from call_on_irq_stack onto another stack when its memory is there', () => {
    const irq = 0xffff800008003f00n;
    const task = 0xffff80000800be00n;
    const listing = [
      '0xffff800008100000 <call_on_irq_stack>:\tstp\tx29, x30, [sp, #-16]!',
      '0xffff800008100020 <call_on_irq_stack+32>:\tblr\tx1',
      '0xffff800008200000 <el1_interrupt>:\tnop',
      '0xffff800008200040 <el1_interrupt+64>:\tbl\t0xffff800008100000 <call_on_irq_stack>',
    ].join('\n');
    const words: [bigint, bigint, bigint][] = [
      [irq, irq + 0x20n, 0xffff800008100024n],
      [irq + 0x20n, task, 0xffff800008100024n],
      [task, 0n, 0xffff800008200044n],
    ];
    const result = unwind(analyze(listing + '\n' + dump(words), { arch: 'arm64' }), { fp: irq });
    assert.deepStrictEqual(
      result.frames.map((f) => f.function),
      ['call_on_irq_stack', 'call_on_irq_stack', 'el1_interrupt'],
    );
    // frames[1]'s record is the first on the task stack: the switch stands above it, as crash's --- <IRQ stack> ---.
    assert.ok(result.frames[1].notes.some((n) => /stack switch/.test(n)));
    assert.strictEqual(result.frames[1].frameAddress, task);
    assert.strictEqual(result.frames[1].stackSwitch?.to, task);
    assert.strictEqual(result.frames[2].stackSwitch, undefined);
    assert.strictEqual(result.stop.kind, 'end');
  });
});

describe('crashlog unwind (CLI)', () => {
  it('prints the walk as JSON with 1-based lines and the command to go on', () => {
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string) => (chunks.push(chunk), true);
    let status: number;
    try {
      status = runUnwind([path.join(REPO_ROOT, 'examples', 'arm64-seed002.crashlog'), '--fp', '0xffffffc0427f33b0', '--json']);
    } finally {
      process.stdout.write = write;
    }
    assert.strictEqual(status!, 0);
    const json = JSON.parse(chunks.join('')) as {
      frames: { function: string; method: string; evidence: number[] }[];
      stop: { command: string };
    };
    assert.strictEqual(json.frames.length, SEED_002_CHAIN.length);
    assert.strictEqual(json.frames[0].function, '__const_udelay');
    assert.strictEqual(json.frames[0].method, 'frame-record');
    assert.ok(json.frames[0].evidence.every((l: number) => l >= 1));
    assert.strictEqual(json.stop.command, 'rd -x ffffffc0427f3a40 2');
  });
});

/** sysrq_handle_crash ends with its call to panic: the return address is the next function's first byte. */
const NORETURN = [
  'crash> dis sysrq_handle_crash 4',
  '0xffffffff81500000 <sysrq_handle_crash>:\tnopl   0x0(%rax,%rax,1)',
  '0xffffffff81500005 <sysrq_handle_crash+5>:\tmovl   $0x1,0x1234(%rip)',
  '0xffffffff8150000f <sysrq_handle_crash+15>:\tcall   0xffffffff81100000 <panic>',
  '0xffffffff81500014 <sysrq_reset_seq_param_set>:\tnopl   0x0(%rax,%rax,1)',
  'crash> dis -l ffffffff81600100 2',
  '0xffffffff81600100 <__handle_sysrq+256>:\tcall   0xffffffff81500000 <sysrq_handle_crash>',
  '0xffffffff81600105 <__handle_sysrq+261>:\tmov    %rax,%rbx',
  'crash> dis panic 2',
  '0xffffffff81100000 <panic>:\tpush   %rbp',
  '0xffffffff81100001 <panic+1>:\tpush   %rbx',
  'crash> rd -x ffffc90000013e00 4',
  'ffffc90000013e00:  ffffffff81100177 ffffffff81500014',
  'ffffc90000013e10:  ffffffff81600105 0000000000000000',
];

describe('unwind: a noreturn call at the end of a function (x86_64)', () => {
  it('names the frame by return address − 1, as crash does, and says both names', () => {
    const model = analyze(NORETURN.join('\n') + '\n', { arch: 'x86_64' });
    const start = unwindFromAddress(model, 0xffffc90000013e08n);
    assert.strictEqual(start.slot, 0xffffc90000013e08n);
    const result = unwind(model, start);
    assert.strictEqual(frameName(result.frames[0]), 'sysrq_handle_crash+20');
    assert.match(
      result.frames[0].notes.join(' '),
      /ffffffff81500014 is sysrq_reset_seq_param_set\+0: the return address of a noreturn call at the end of sysrq_handle_crash/,
    );
    assert.strictEqual(frameName(result.frames[1]), '__handle_sysrq+261');
  });

  it('offers the lens on the word, and the hover gives both names', () => {
    const model = analyze(NORETURN.join('\n') + '\n', { arch: 'x86_64' });
    const line = model.lines.findIndex((l) => l.startsWith('ffffc90000013e00:'));
    const lens = unwindLensTargets(model).find((t) => t.line === line);
    assert.strictEqual(lens?.title, 'Unwind from [ffffc90000013e00] panic+375');
    const { character } = at([model.lines[line]], 'ffffffff81500014', { offset: 1 });
    const card = describeAt(model, line, character);
    const text = card ? renderHover(card.markdown) : '';
    assert.match(text, /Return address `sysrq_handle_crash\+20` of a noreturn call at the end of `sysrq_handle_crash`/);
    assert.match(text, /the address itself is `sysrq_reset_seq_param_set\+0`/);
  });

  it('call-target-mismatch compares the call with the function before a frame named at its first byte', () => {
    const bt = [
      'crash> bt',
      'PID: 1      TASK: ffff888000100000  CPU: 0    COMMAND: "sh"',
      ' #0 [ffffc90000013e00] panic at ffffffff81100177',
      ' #1 [ffffc90000013e08] sysrq_reset_seq_param_set at ffffffff81500014',
      ' #2 [ffffc90000013e10] __handle_sysrq at ffffffff81600105',
    ];
    const model = analyze([...bt, ...NORETURN].join('\n') + '\n', { arch: 'x86_64' });
    const findings = diagnose(model).diagnostics.filter((d) => d.code === 'call-target-mismatch');
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      [],
    );
    // The same bt with another function above __handle_sysrq is still an error.
    const wrong = analyze(
      [...bt.slice(0, 3), ' #1 [ffffc90000013e08] other_func at ffffffff81700014', bt[4], ...NORETURN].join('\n') + '\n',
      {
        arch: 'x86_64',
      },
    );
    assert.ok(diagnose(wrong).diagnostics.some((d) => d.code === 'call-target-mismatch'));
  });
});

// bt -FF output under a prompt cut to `bt` (lkml, a SLES 5.3-rt sysmon task): words that hold a data
// symbol's address print as its bare name (`init_user_ns`), and are stack words all the same.
const BT_FF_UNDER_BT = [
  'crash> bt ffff9ca75e6349c0',
  'PID: 842    TASK: ffff9ca75e6349c0  CPU: 0   COMMAND: "sysmon"',
  ' #6 [ffffb0f6808e7d38] proc_pid_status at ffffffffaa4c9ff4',
  ' #7 [ffffb0f6808e7dd8] proc_single_show at ffffffffaa4c3801',
  ' #8 [ffffb0f6808e7e10] seq_read at ffffffffaa47c1b8',
  '',
  ' #5 [ffffb0f6808e7d30] rt_spin_unlock+0x3e at ffffffffaa950ace',
  '    ffffb0f6808e7d38: proc_pid_status+1636 ',
  ' #6 [ffffb0f6808e7d38] proc_pid_status+0x664 at ffffffffaa4c9ff4',
  '    ffffb0f6808e7d40: init_user_ns     init_pid_ns      ',
  '    ffffb0f6808e7d50: 0000000000000000 0000000000000000 ',
  '    ffffb0f6808e7d60: 00003f550019fca0 ffff9ca700000000 ',
  '    ffffb0f6808e7d70: 0000000000000000 0000000000000000 ',
  '    ffffb0f6808e7d80: 0000000000000000 0000000000000000 ',
  '    ffffb0f6808e7d90: ffffffffffffffff 0000000000000000 ',
  '    ffffb0f6808e7da0: 2c93096daf3bc600 [ffff9ca77e9a8000:task_struct] ',
  '    ffffb0f6808e7db0: [ffff9ca7602f6408:proc_inode_cache] [ffff9ca77e934908:seq_file] ',
  '    ffffb0f6808e7dc0: [ffff9ca71bd7ad80:pid] init_pid_ns      ',
  '    ffffb0f6808e7dd0: [ffff9ca77e934908:seq_file] proc_single_show+81 ',
];

describe('unwind: bt -FF words that name a data symbol', () => {
  it('scans past them to the next return address', () => {
    const model = analyze(BT_FF_UNDER_BT.join('\n') + '\n', { arch: 'x86_64' });
    const start = unwindFromAddress(model, 0xffffb0f6808e7d38n);
    const result = unwind(model, start);
    assert.deepStrictEqual(
      result.frames.slice(0, 2).map((f) => frameName(f)),
      ['proc_pid_status+1636', 'proc_single_show'],
    );
    assert.strictEqual(result.frames[1].frameAddress, 0xffffb0f6808e7dd8n);
  });
});
