// A stack pointer beside a text address is a frame record only where the evidence says so: on
// x86_64 kernels without frame pointers (ORC) a local beside a data pointer looks the same. Lines
// are `bt -f` / `bt -fl` machine output from public crash sessions, unedited.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis/model';
import { readShared, REPO_ROOT } from '../support/corpus';
import { hoverOn } from '../support/hover';

/** RHEL 8 (4.18.0-348.el8_5, ORC): ffffffff9f6e9990 is a data pointer, the same value sits at faa8. */
const RHEL8_ORC = [
  'crash> bt -fl',
  'PID: 2359   TASK: ff38963f46e65ac0  CPU: 0   COMMAND: "stress"',
  ' #0 [ff41a7a440acfa38] machine_kexec at ffffffff9e6635ce',
  '    ff41a7a440acfa70: 433f803411191500 0000000000000000',
  '    ff41a7a440acfa80: ff41a7a440acfa98 ffffffff9f6e9990',
  '    ff41a7a440acfa90: ffffffff9e79d6bd',
  ' #1 [ff41a7a440acfa90] __crash_kexec at ffffffff9e79d6bd',
  '    ff41a7a440acfa98: ff41a7a440acfd18 0000000000000001',
  '    ff41a7a440acfaa8: 0000000000000003 ffffffff9f6e9990',
].join('\n');

/** 4.19 el7: ff63810032077da8 is the pt_regs of page_fault, stored by __crash_kexec and oops_end, not a saved rbp. */
const EL7_PT_REGS = [
  'crash> bt -f',
  'PID: 2429976  TASK: ff352c8c1e7fbc80  CPU: 53  COMMAND: "ovs-vswitchd"',
  '    ff63810032077c58: 0000000000000018 7789297e2d5fda00 ',
  '    ff63810032077c68: ff63810032077da8 ffffffff90d5fafd ',
  ' #2 [ff63810032077c70] crash_kexec at ffffffff90d5fafd',
  '    ff63810032077c78: ffffffff00000000 0000000000000046 ',
  '    ff63810032077c88: ffffffff90c22b2f ',
  ' #3 [ff63810032077c88] oops_end at ffffffff90c22b2f',
  ' #7 [ff63810032077da0] page_fault at ffffffff9160116e',
  '    ff63810032077da8: ff63810032077e70 0000000000000000 ',
  '    ff63810032077db8: ff63810032077e70 ff63810032077e70 ',
].join('\n');

/** 4.19 with frame pointers: the exception frame's RBP is the record at ffff8d5300143ec8. */
const FP_RECORD = [
  'crash> bt',
  'PID: 0      TASK: ffff8d52f8990000  CPU: 33  COMMAND: "swapper/33"',
  ' #9 [ffff8d5300143de0] page_fault at ffffffff90a015c5',
  '    [exception RIP: enqueue_entity+532]',
  '    RIP: ffffffff900c5f74  RSP: ffff8d5300143e90  RFLAGS: 00010046',
  '    RBP: ffff8d5300143ec8   R8: ffff8d5512d9bc00   R9: 0000000000000000',
  '#10 [ffff8d5300143ed0] enqueue_task_fair at ffffffff900c647c',
  '',
  'crash> bt -f |grep -B 3 enqueue_task_fair',
  '    ffff8d5300143eb8: ffff8d5300143f90 0000000000000000',
  '    ffff8d5300143ec8: ffff8d5300143f28 ffffffff900c647c',
  '#10 [ffff8d5300143ed0] enqueue_task_fair at ffffffff900c647c',
];

describe('hover: frame records only where the evidence supports them (x86_64)', () => {
  it('ORC: a stack pointer beside a data pointer is no frame record', () => {
    const model = analyze(RHEL8_ORC, { arch: 'x86_64' });
    const text = hoverOn(model, 'ff41a7a440acfa98');
    assert.doesNotMatch(text, /[Ss]aved frame pointer|Saved LR|of (?:the|a) frame record at/);
  });

  it('a pt_regs pointer beside a return address is no frame record when the linked words break the chain', () => {
    const model = analyze(EL7_PT_REGS, { arch: 'x86_64' });
    assert.doesNotMatch(hoverOn(model, 'ff63810032077da8'), /frame record/);
    assert.doesNotMatch(hoverOn(model, 'ffffffff90d5fafd'), /frame record/);
  });

  it("the exception frame's RBP pointing at the record makes it one", () => {
    const model = analyze(FP_RECORD.join('\n'), { arch: 'x86_64' });
    const text = hoverOn(model, 'ffff8d5300143f28');
    assert.match(text, /^Saved frame pointer \(rbp\) of the frame record at `ffff8d5300143ec8`/m);
  });

  it('without that register and without the linked record it is only a possibility', () => {
    const model = analyze(FP_RECORD.filter((l) => !l.includes('RBP:')).join('\n'), { arch: 'x86_64' });
    const text = hoverOn(model, 'ffff8d5300143f28');
    assert.match(text, /^Possibly the saved frame pointer \(rbp\) of a frame record at `ffff8d5300143ec8`/m);
    assert.match(text, /if this kernel keeps frame pointers/);
  });
});

describe('hover: a pair inside a frame is no record when the record it links to is none (arm64)', () => {
  // crash-arm64/01-warning `bt -f`: panic's frame (record at ffff80000800b6b0, caller's at b740) holds
  // ffff80000800b730 beside ffff800008fe6130 at b700; the words at b730 (0000000000057fa8, c0000000ffffefff)
  // are no record, so b700 is no live frame record although arm64 keeps the chain.
  const model = analyze(readShared('corpus', 'crash-arm64', '01-warning.crashlog'));
  const inPanic = (l: string) => l.startsWith('    ffff80000800b700:');

  it('the stale pair is not called a frame record', () => {
    const text = hoverOn(model, 'ffff80000800b730', 0, inPanic);
    assert.match(text, /in frame #2 `panic`/);
    assert.doesNotMatch(text, /[Ss]aved frame pointer|Saved LR|of (?:the|a) frame record at/);
  });

  it('nor is a pair whose link leads to a 0 beside a canary: no end of the chain', () => {
    // Its `rd -s`: `ffff80000800baa0:  ffff80000800bbc0 terminate_walk+248`, a stale pair; the words
    // at bbc0 are vfs_write's locals (0000000000000000, the canary 7b84945456078100).
    const text = hoverOn(model, 'ffff80000800bbc0', 0, (l) => l.startsWith('ffff80000800baa0:'));
    // Past vfs_write's record, below ksys_write's: whose frame the transcript's listings do not say.
    assert.match(text, /between the frame records of #17 `vfs_write` .* and #18 `ksys_write`/);
    assert.doesNotMatch(text, /[Ss]aved frame pointer|Saved LR|of (?:the|a) frame record at/);
  });

  it('a record off the chain bt walked is called stale, with the chain around it', () => {
    // `bt -f`: `ffff80000800bb50: ffff80000800bca0 ffff8000083c3804`, between vfs_write's record (bb80) and
    // full_proxy_write's (bae0): a record of an earlier openat (do_filp_open), no frame of the write.
    const text = hoverOn(model, 'ffff80000800bca0', 0, (l) => l.startsWith('    ffff80000800bb50:'));
    assert.match(
      text,
      /^A stale frame record at `ffff80000800bb50`: not on the chain the backtrace walked \(its records around it: #16 `full_proxy_write` at `ffff80000800bae0`, #17 `vfs_write` at `ffff80000800bb80`\)/m,
    );
    assert.doesNotMatch(text, /^Saved frame pointer/m);
  });

  it('a link of the live chain still is', () => {
    const text = hoverOn(model, 'ffff80000800b6b0', 0, (l) => l.startsWith('    ffff80000800b650:'));
    assert.match(
      text,
      /^Saved frame pointer \(x29\) of the frame record at `ffff80000800b650`: links to the frame record at `ffff80000800b6b0`/m,
    );
  });
});

describe('hover: stack words above an exception frame', () => {
  it('belong to the function the exception interrupted, from the stack pointer its registers saved', () => {
    const model = analyze(FP_RECORD.join('\n'), { arch: 'x86_64' });
    const text = hoverOn(model, 'ffff8d5300143ec8', 0, (l) => l.startsWith('    ffff8d5300143ec8:'));
    assert.match(
      text,
      /in the frame of `enqueue_entity`, which frame #9 `page_fault` interrupted \(its saved RSP `ffff8d5300143e90`/,
    );
  });
});

describe('hover: no back chain to a frame closer than two words (s390x)', () => {
  // test/corpus/s390x/03-bug `bt -f`, panic's frame at 0000037ffff4f6f8: the words at +0x90 are the
  // register save area's r15 (= the frame itself) and the back chain at +0x98 (truth: back_chain f798).
  // Read as a back chain, the r15 would link a frame at f6f0 to one 8 bytes above it.
  const model = analyze(readFileSync(path.join(REPO_ROOT, 'test', 'corpus', 's390x', '03-bug.crashlog'), 'utf8'));
  const inPanic = (l: string) => l.startsWith('    0000037ffff4f788:');

  it('a saved r15 eight bytes above a frame is no back chain', () => {
    assert.doesNotMatch(hoverOn(model, '0000037ffff4f6f8', 0, inPanic), /[Bb]ack chain|stack frame at/);
  });

  it('the back chain itself still is', () => {
    assert.match(
      hoverOn(model, '0000037ffff4f798', 0, inPanic),
      /^Back chain \(the caller's r15\) of the stack frame at `0000037ffff4f6f8`: links to the stack frame at `0000037ffff4f798`/m,
    );
  });
});

describe("hover: an object's start beside a stack pointer is no frame record (riscv64)", () => {
  // test/corpus/riscv64/01-warning `bt -f`: two locals of __warn, a stack pointer and &__per_cpu_offset
  // (the kernel image's data); __warn's own record is at ff2000000035b770.
  const model = analyze(readFileSync(path.join(REPO_ROOT, 'test', 'corpus', 'riscv64', '01-warning.crashlog'), 'utf8'));
  const pair = (l: string) => l.startsWith('    ff2000000035b750:');

  it('neither word is called part of a record', () => {
    for (const word of ['ff2000000035b820', 'ffffffff81e5b448'])
      assert.doesNotMatch(hoverOn(model, word, 0, pair), /frame record|frame pointer|Return address \(ra\)/);
  });
});
