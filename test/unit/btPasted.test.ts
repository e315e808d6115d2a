// crash's bt output as it reaches a transcript through mail and notes: lines a mailer wrapped,
// punctuation a person typed after a pasted line, a compiler's note between register rows.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { LineKind } from '../../server/src/analysis/lineKinds';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { at } from '../support/caret';

describe('bt output pasted into mail and notes', () => {
  it('reads a frame a mailer wrapped after its `at` joined with the address on the next line', () => {
    // linux-fsdevel, "[Question] softlockup in __fsnotify_update_child_dentry_flags" (arm64, bt -c 40).
    const text = [
      'crash> bt -c 40',
      'PID: 1      TASK: ffff801faf851f80  CPU: 40  COMMAND: "systemd"',
      '  #3 [ffff000009d5bcb0] el1_irq at ffff000008083474',
      '  #4 [ffff000009d5bcc0] __fsnotify_update_child_dentry_flags at ',
      'ffff00000836c7a4',
      '  #5 [ffff000009d5bd10] __fsnotify_update_child_dentry_flags at ',
      'ffff00000836cb74',
      '  #6 [ffff000009d5bd30] fsnotify_recalc_mask at ffff00000836d910',
      '',
    ].join('\n');
    const model = analyze(text);
    assert.equal(model.backtraces.length, 1);
    const frames = model.backtraces[0].frames;
    assert.deepEqual(
      frames.map((f) => [f.level, f.function, f.address?.toString(16), f.line, Boolean(f.joined)]),
      [
        [3, 'el1_irq', 'ffff000008083474', 2, false],
        [4, '__fsnotify_update_child_dentry_flags', 'ffff00000836c7a4', 3, true],
        [5, '__fsnotify_update_child_dentry_flags', 'ffff00000836cb74', 5, true],
        [6, 'fsnotify_recalc_mask', 'ffff00000836d910', 7, false],
      ],
    );
    assert.equal(model.lineKinds[4], LineKind.BtFrame);
    assert.equal(model.backtraces[0].endLine, 7);
    // The hover on the cut frame's function says it was read joined, as for console frames.
    const { line, character } = at(model.lines, '__fsnotify_update_child_dentry_flags', { offset: 1 });
    const card = describeAt(model, line, character);
    assert.match(card ? renderHover(card.markdown) : '', /Hard-wrapped when pasted: read joined with the next line/);
  });

  it('leaves a lone address after a frame that ends in `at` alone when the frame is short (not cut by a wrap)', () => {
    const text = ['crash> bt', '  #0 [ffff000009c9bda0] f at ', 'ffff0000081a280c', ''].join('\n');
    assert.equal(analyze(text).backtraces.length, 0);
  });

  it('reads a frame a person ended with a full stop (the last line of a trace pasted into a sentence)', () => {
    // "[PATCH 1/2] PCI/IOV: Add missing PCI rescan-remove locking ..." (s390x, amended bt).
    const text = [
      ' #8 [3800313fe10] kthread at c90feb390',
      ' #9 [3800313fe68] __ret_from_fork at c90f6aa64',
      ' #10 [3800313fe98] ret_from_fork at c9194f3f2.',
      '',
      'This is because in addition to sriov_disable() removing the VFs, the',
    ].join('\n');
    const frames = analyze(text).backtraces[0].frames;
    assert.deepEqual(
      frames.map((f) => [f.level, f.function, f.address?.toString(16)]),
      [
        [8, 'kthread', 'c90feb390'],
        [9, '__ret_from_fork', 'c90f6aa64'],
        [10, 'ret_from_fork', 'c9194f3f2'],
      ],
    );
  });

  it('keeps a register block whole across the marks a person put under its values (no Markdown fence)', () => {
    // modcorrupter SLUB TEST-A (x86_64 RHEL 7, crash> bt in a ~~~ fenced block).
    const text = [
      '~~~',
      'crash> bt',
      'PID: 4021   TASK: ffff8d3dfcab8000  CPU: 0   COMMAND: "insmod"',
      ' #6 [ffff8d3dfda67c20] general_protection at ffffffff9ad6b6f8',
      '    [exception RIP: kmem_cache_alloc+116]',
      '    RIP: ffffffff9a81bcf4  RSP: ffff8d3dfda67cd8  RFLAGS: 00010282',
      '    RAX: 00000000000001f8  RBX: ffff8d3dfcd3e100  RCX: 0000000000000003',
      '         ~~~~~~~~~~~~~~~~',
      '    RDX: 0000000000000002  RSI: 00000000000000d0  RDI: ffff8d3dfcd3e100',
      '    RBP: ffff8d3dfda67d08   R8: 00002f82bd201070   R9: ffffffffc08730aa',
      '    R10: 0000000000000000  R11: fffffffffffffff6  R12: ff118d11fc11a411',
      '                                                       ~~~~~~~~~~~~~~~~',
      '    R13: 00000000000000d0  R14: ffff8d3dfcd3e100  R15: ffff8d3dfcd3e100',
      '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
      ' #7 [ffff8d3dfda67d10] corrupter_slab_doit at ffffffffc08730aa [corrupter_TEST_A_CASE_3a]',
      ' #8 [ffff8d3dfda67d28] init_module at ffffffffc04c7037 [corrupter_TEST_A_CASE_3a]',
      '~~~',
      '',
    ].join('\n');
    const model = analyze(text);
    assert.equal(model.backtraces.length, 1);
    const bt = model.backtraces[0];
    assert.deepEqual(
      bt.frames.map((f) => f.level),
      [6, 7, 8],
    );
    assert.equal(bt.exceptionFrames.length, 1);
    const block = bt.exceptionFrames[0];
    assert.deepEqual([block.line, block.endLine], [4, 13]);
    assert.deepEqual(
      block.registers.filter((r) => ['RCX', 'RDX', 'R12', 'R13', 'SS'].includes(r.name)).map((r) => [r.name, r.line]),
      [
        ['RCX', 6],
        ['RDX', 8],
        ['R12', 10],
        ['R13', 12],
        ['SS', 13],
      ],
    );
    assert.notEqual(model.lineKinds[7], LineKind.Markdown);
    assert.equal(model.lineKinds[16], LineKind.Markdown);
  });

  it("takes a bt excerpt's PID from its command when the `PID:` header was cut (a crash commit message)", () => {
    const model = analyze(
      [
        '    crash> bt -FFxs 842',
        '    [...]',
        '    #2 [ffffb0f6808e7c80] ___preempt_schedule+0x16 at ffffffffaa201bb6',
        '        ffffb0f6808e7c88: [ffff9ca764ee90bd:kmalloc-4k] ffffb0f6808e7c20 ',
        '        ffffb0f6808e7c98: 0000000000027340 fair_sched_class ',
      ].join('\n'),
    );
    assert.deepEqual(
      model.backtraces.map((bt) => bt.pid),
      [842],
    );
  });
});

// A bt quoted in a git commit message (lore: 20200805044402.30543-10-njavali@marvell.com): git drops lines that
// start with `#`, so the frames lost theirs. Unedited, from its frame #6 on.
const HASHLESS_BT = [
  ' 6 [ffffb656ca11fce0] page_fault at ffffffff8c00114e',
  '    [exception RIP: qla_nvme_post_cmd+394]',
  '    RIP: ffffffffc0d012ba  RSP: ffffb656ca11fd98  RFLAGS: 00010206',
  '    RAX: ffff8fb039eda228  RBX: ffff8fb039eda200  RCX: 00000000000da161',
  '    RDX: ffffffffc0d4d0f0  RSI: ffffffffc0d26c9b  RDI: ffff8fb039eda220',
  '    RBP: 0000000000000013   R8: ffff8fb47ff6aa80   R9: 0000000000000002',
  '    R10: 0000000000000000  R11: ffffb656ca11fdc8  R12: ffff8fb27d04a3b0',
  '    R13: ffff8fc46dd98a58  R14: 0000000000000000  R15: ffff8fc4540f0000',
  '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
  ' 7 [ffffb656ca11fe08] nvme_fc_start_fcp_op at ffffffffc0241568 [nvme_fc]',
  ' 8 [ffffb656ca11fe50] nvme_fc_submit_async_event at ffffffffc0241901 [nvme_fc]',
  ' 9 [ffffb656ca11fe68] nvme_async_event_work at ffffffffc014543d [nvme_core]',
  '10 [ffffb656ca11fe98] process_one_work at ffffffff8b6cd437',
  '11 [ffffb656ca11fed8] worker_thread at ffffffff8b6cdcef',
  '12 [ffffb656ca11ff10] kthread at ffffffff8b6d3402',
  '13 [ffffb656ca11ff50] ret_from_fork at ffffffff8c000255',
];

describe('bt pasted without its `#`', () => {
  it('reads the frames as crash printed them, and the exception frame between them', () => {
    const model = analyze(HASHLESS_BT.join('\n'));
    assert.deepEqual(
      model.backtraces[0].frames.map((f) => `${f.level} ${f.function}`),
      [
        '6 page_fault',
        '7 nvme_fc_start_fcp_op',
        '8 nvme_fc_submit_async_event',
        '9 nvme_async_event_work',
        '10 process_one_work',
        '11 worker_thread',
        '12 kthread',
        '13 ret_from_fork',
      ],
    );
    assert.equal(model.arch, 'x86_64');
  });

  it('leaves a numbered line of prose alone', () => {
    assert.equal(analyze('6 [note] the frame at the top is wrong').backtraces.length, 0);
  });
});
