// Where `unwind --line` can start: on any bt frame line (from its slot, the walk naming the `rd -x`
// for memory the transcript lacks), and from an x86_64 register block whose RSP words are not dumped
// but whose RBP's are. Lines of a public 4.19 x86_64 session with frame pointers, unedited, the
// note author's `^^^--- R12` marker left out of the `bt -f | grep` output.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze } from '../../server/src/analysis/model';
import { formatUnwind } from '../../server/src/analysis/unwind/format';
import { unwind, unwindStartFromLine } from '../../server/src/analysis/unwind';
import { startTargets } from '../../server/src/analysis/unwind/starts';
import { hasShared, readShared } from '../support/corpus';
import { PPC64_ZRAM_BT, RISCV64_BT_E, RISCV64_SYSRQ_BT } from '../support/publicExcerpts';

/** crash's `bt` with an exception frame in enqueue_entity. */
const BT = [
  'crash> bt',
  'PID: 0      TASK: ffff8d52f8990000  CPU: 33  COMMAND: "swapper/33"',
  ' #0 [ffff8d5300143b10] machine_kexec at ffffffff90063443',
  ' #1 [ffff8d5300143b70] __crash_kexec at ffffffff9012a6a9',
  ' #2 [ffff8d5300143c38] crash_kexec at ffffffff9012b411',
  ' #3 [ffff8d5300143c58] oops_end at ffffffff90030d58',
  ' #4 [ffff8d5300143c80] no_context at ffffffff9007404c',
  ' #5 [ffff8d5300143ce8] __bad_area_nosemaphore at ffffffff90074403',
  ' #6 [ffff8d5300143d28] bad_area_nosemaphore at ffffffff900744d4',
  ' #7 [ffff8d5300143d38] __do_page_fault at ffffffff900748d4',
  ' #8 [ffff8d5300143db0] do_page_fault at ffffffff90074cfe',
  ' #9 [ffff8d5300143de0] page_fault at ffffffff90a015c5',
  '    [exception RIP: enqueue_entity+532]',
  '    RIP: ffffffff900c5f74  RSP: ffff8d5300143e90  RFLAGS: 00010046',
  '    RAX: ffff8d5300162880  RBX: ffff8d350f1c5e00  RCX: ffff8d4716211340',
  '    RDX: ffff8d350f1c5f40  RSI: 0000000000000000  RDI: 0000000000000000',
  '    RBP: ffff8d5300143ec8   R8: ffff8d5512d9bc00   R9: 0000000000000000',
  '    R10: 0000000000000256  R11: 0000000000000000  R12: ffff8d5512d9bc00',
  '    R13: 0000000000000000  R14: 0000000000000001  R15: 0000000000000001',
  '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
  '#10 [ffff8d5300143ed0] enqueue_task_fair at ffffffff900c647c',
  '#11 [ffff8d5300143f30] activate_task at ffffffff900b8664',
  '#12 [ffff8d5300143f58] ttwu_do_activate at ffffffff900b89f9',
  '#13 [ffff8d5300143f88] sched_ttwu_pending at ffffffff900b9e3e',
  '#14 [ffff8d5300143fc0] scheduler_ipi at ffffffff900ba04c',
  '#15 [ffff8d5300143fd8] smp_reschedule_interrupt at ffffffff90a02b19',
  '#16 [ffff8d5300143ff0] reschedule_interrupt at ffffffff90a023e4',
];

/** `bt -f | grep -B 3 enqueue_task_fair`: the frame record RBP points at. */
const BT_F_GREP = [
  'crash> bt -f |grep -B 3 enqueue_task_fair',
  '    ffff8d5300143ea8: ffff8d5512d9bc00 0000000000000049',
  '    ffff8d5300143eb8: ffff8d5300143f90 0000000000000000',
  '    ffff8d5300143ec8: ffff8d5300143f28 ffffffff900c647c',
  '#10 [ffff8d5300143ed0] enqueue_task_fair at ffffffff900c647c',
];

const TRANSCRIPT = [...BT, '', ...BT_F_GREP];
const lineOf = (text: string) => TRANSCRIPT.findIndex((l) => l.includes(text));

describe('unwind: start points of --line', () => {
  it('starts on a plain bt frame line and names the memory to paste', () => {
    const model = analyze(TRANSCRIPT.join('\n'));
    const start = unwindStartFromLine(model, lineOf(' #0 [ffff8d5300143b10]'));
    assert.ok(start);
    assert.equal(start.slot, 0xffff8d5300143b10n);
    const result = unwind(model, start);
    assert.equal(result.frames[0].function, 'machine_kexec');
    // Frame 0 is the bt frame the walk started on, not registers.
    assert.equal(result.frames[0].method, 'bt-frame');
    assert.match(formatUnwind(result).text, /#0 \[ffff8d5300143b10\] machine_kexec at ffffffff90063443 {2}\(bt frame, certain\)/);
    assert.ok(
      result.commands.some((c) => c.startsWith('rd -x ffff8d5300143b18')),
      result.commands.join('; '),
    );
  });

  it('goes on from RBP when the words at RSP are not dumped', () => {
    const model = analyze(TRANSCRIPT.join('\n'));
    const start = unwindStartFromLine(model, lineOf('RSP: ffff8d5300143e90'));
    assert.ok(start);
    const frames = unwind(model, start).frames;
    assert.equal(frames[0].function, 'enqueue_entity');
    assert.equal(frames[0].method, 'registers');
    assert.equal(frames[1]?.frameAddress, 0xffff8d5300143ed0n);
    assert.equal(frames[1]?.function, 'enqueue_task_fair');
    assert.equal(frames[1]?.method, 'rbp-chain');
  });

  it('from the bt header, goes on from RBP of the register block it resumed at; the frames it jumped over are not differences', () => {
    const model = analyze(TRANSCRIPT.join('\n'));
    const start = unwindStartFromLine(model, lineOf('PID: 0      TASK'));
    assert.ok(start);
    const result = unwind(model, start);
    const names = result.frames.map((f) => f.function);
    assert.deepEqual(names, ['machine_kexec', 'enqueue_entity', 'enqueue_task_fair']);
    assert.equal(result.frames[2].method, 'rbp-chain');
    assert.equal(result.bt?.firstDifference, undefined, result.bt?.firstDifference);
    // …and the summary says they were not compared, rather than that everything agrees.
    assert.deepEqual(result.bt?.notCompared, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.match(
      formatUnwind(result).text,
      /^bt: every compared frame agrees; bt #1–#9 lie where the walk jumped to the registers above \(not compared\)$/m,
    );
  });

  it('stops at a riscv64 "frame record" whose return address is an address on the stack (crash\'s bt -f of a saved pt_regs)', () => {
    // A crash commit message's riscv64 `bt -f`: from b98 on, the pt_regs riscv_crash_save_regs saved.
    const lines = RISCV64_SYSRQ_BT.slice(RISCV64_SYSRQ_BT.indexOf('crash> bt -f'));
    const model = analyze(lines.join('\n'));
    const start = unwindStartFromLine(
      model,
      lines.findIndex((l) => l.includes('ff20000010333ba0:')),
    );
    assert.ok(start);
    const result = unwind(model, start);
    assert.ok(result.frames.every((f) => f.pc !== 0xff20000010333b90n));
    assert.equal(result.stop.kind, 'no-return-address');
    assert.match(result.stop.reason, /ff20000010333b90\) is an address on this stack, not a return address/);
  });

  it('stops at an arm64 "frame record" of saved registers whose LR is a linear-map object, where the image is elsewhere', () => {
    // A 4.4 Android kernel (text at ffffff80…), from a note on an sdcardfs deadlock: `rd -e` of
    // __mutex_lock_slowpath's frame, its record then the x19/x20 it saved (a mutex, a dentry).
    const lines = [
      'crash64> bt 5223',
      'PID: 5223   TASK: ffffffc14c098000  CPU: 4   COMMAND: "obike.mobikeapp"',
      ' #3 [ffffffc08d01fd00] schedule_preempt_disabled at ffffff8008f0d4a8',
      ' #4 [ffffffc08d01fd20] __mutex_lock_slowpath at ffffff8008f0e9e0',
      ' #5 [ffffffc08d01fd80] mutex_lock at ffffff8008f0ea70',
      'crash64> rd ffffffc08d01fd20 -e ffffffc08d01fd80',
      '                  x29                    x30',
      'ffffffc08d01fd20: ffffffc08d01fd80 ffffff8008f0ea74 ........t.......',
      '                  x19                    x20',
      'ffffffc08d01fd30: ffffffc1479dbc70 ffffffc082c1c480 p..G............',
    ];
    const model = analyze(lines.join('\n'));
    const start = unwindStartFromLine(model, lines.length - 1);
    assert.ok(start);
    const result = unwind(model, start);
    assert.deepEqual(
      result.frames.filter((f) => f.pc === 0xffffffc082c1c480n),
      [],
    );
    assert.equal(result.stop.kind, 'no-return-address');
    assert.match(result.stop.reason, /\(ffffffc082c1c480\) is a linear map value, not a return address/);
  });

  it("reads ppc64's `[NIP : memcpy_power7+1648]` under the exception frame, so that bt's frame agrees with the walk", () => {
    // A zram fix's report on LKML: ppc64le bt with the exception frame's registers before the frames.
    // The bt up to frame #6.
    const lines = PPC64_ZRAM_BT.slice(
      0,
      PPC64_ZRAM_BT.findIndex((l) => l.startsWith('  #7 ')),
    );
    const model = analyze(lines.join('\n'));
    const start = unwindStartFromLine(
      model,
      lines.findIndex((l) => l.includes('R0:')),
    );
    assert.ok(start);
    const result = unwind(model, start);
    assert.equal(result.frames[0].function, 'memcpy_power7');
    assert.equal(result.frames[0].offset, 1648);
    assert.equal(result.frames[0].bt?.status, 'agrees');
    assert.equal(result.bt?.firstDifference, undefined);
  });
});

describe('unwind: a lens on a dumped return address', () => {
  it('starts from the stack word itself: frame 0 is what the word says (likely), not registers', () => {
    // Our x86_64 dump's `bt -f` (Debian 6.1, no frame pointers): the lens on page_fault_oops's return address.
    const model = analyze(readFileSync(join(__dirname, '..', 'corpus', 'x86_64', '01-null.formats.crashlog'), 'utf8'));
    const target = startTargets(model).find((t) => t.title === 'Unwind from [ffffcd72c062fc48] page_fault_oops+249');
    assert.ok(target);
    const frame = unwind(model, target.start).frames[0];
    assert.equal(frame.function, 'page_fault_oops');
    assert.equal(frame.method, 'scan');
    assert.equal(frame.confidence, 'likely');
  });
});

describe("unwind: riscv64's bt -e block", () => {
  const model = analyze(RISCV64_BT_E.join('\n'));

  it('starts from any of its lines, the header and PC/RA/SP too; its lens stands on the header, epc and s0 lines', () => {
    for (const line of [3, 4, 5, 6, 7, 9, 10])
      assert.equal(unwindStartFromLine(model, line)?.label, 's0 ff20000000013d00', `line ${line}`);
    assert.deepEqual(
      startTargets(model)
        .filter((t) => t.start.label === 's0 ff20000000013d00')
        .map((t) => t.line),
      [3, 7, 9],
    );
    assert.equal(unwind(model, unwindStartFromLine(model, 4)!).frames[0].function, 'lkdtm_EXCEPTION');
  });
});

describe('unwind: from a stack word off the live chain', () => {
  it("says the records before the walk joins crash's frames are likely, not certain (an earlier call chain)", function () {
    if (!hasShared) this.skip();
    // The shared arm64 BUG dump's `rd`: a record of an earlier system call below the live chain.
    const model = analyze(readShared('corpus', 'crash-arm64', '03-bug.crashlog'));
    const line = model.lines.findIndex((l) => l.startsWith('ffff80000800ba40:'));
    const result = unwind(model, unwindStartFromLine(model, line)!);
    const joins = result.frames.findIndex((f) => f.bt?.status === 'agrees');
    assert.ok(joins > 0, 'the walk joins the live chain');
    assert.ok(result.frames.slice(0, joins).every((f) => f.confidence !== 'certain'));
    assert.match(
      result.frames[0].notes[0],
      /^the frames before #\d+ are not in crash's bt on line \d+: records an earlier call chain/,
    );
    assert.equal(result.frames[joins].confidence, 'certain');
  });
});

describe('unwind (arm64): a saved LR that names no code even without its top bits', () => {
  it('says the word was no signed return address, and vouches for nothing (guess)', function () {
    if (!hasShared) this.skip();
    // The shared arm64 WARNING dump: the record at ffff80000800bbc0 holds {0, the stack canary}.
    const model = analyze(readShared('corpus', 'crash-arm64', '01-warning.crashlog'));
    const line = model.lines.findIndex((l) => /^\s*ffff80000800baa0: ffff80000800bbc0 /.test(l));
    const frames = unwind(model, unwindStartFromLine(model, line)!).frames;
    const last = frames[frames.length - 1];
    assert.equal(last.function, undefined);
    assert.equal(last.confidence, 'guess');
    assert.match(
      last.notes.join('\n'),
      /LR 7b84945456078100 is no kernel address as saved; read as a pointer-authenticated return it is ffff945456078100, where the transcript shows no code/,
    );
    assert.doesNotMatch(last.notes.join('\n'), /carries pointer-authentication bits/);
  });
});
