import { strict as assert } from 'assert';
import { diagnose, RULES, type ActionableDiagnostic } from '../../server/src/analysis/diagnostics';
import { Evidence } from '../../server/src/analysis/diagnostics/evidence';
import { PAUSE_EVERY, type Rule } from '../../server/src/analysis/diagnostics/rule';
import { analyze, type AnalyzeOptions } from '../../server/src/analysis/model';
import { hasShared, seed, syzkallerReports } from '../support/corpus';

function check(lines: string[], options: AnalyzeOptions = {}, disabled: string[] = []): ActionableDiagnostic[] {
  return diagnose(analyze(lines.join('\n'), options), { disabled: new Set(disabled), unwinder: null }).diagnostics;
}

function only(diagnostics: ActionableDiagnostic[], code: string): ActionableDiagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

const X86_BT = [
  'crash> bt',
  'PID: 1      TASK: ffff888000100000  CPU: 0    COMMAND: "x"',
  ' #0 [ffffc90000013e00] a_func at ffffffff81000105',
  ' #1 [ffffc90000013e20] b_func at ffffffff81001105',
  ' #2 [ffffc90000013e40] stale_func at ffffffff81002105',
  ' #3 [ffffc90000013e60] c_func at ffffffff81003105',
];

describe('diagnostics: seed 000', () => {
  const text = seed('000');
  const lines = text.split('\n');
  const diagnostics = diagnose(analyze(text)).diagnostics;

  it('puts call-target-mismatch on the #7 xfs_dir2_sf_put_ftype frame, with the callq line and the exception-frame words', () => {
    const mismatch = only(diagnostics, 'call-target-mismatch');
    assert.equal(mismatch.length, 1);
    const d = mismatch[0];
    assert.equal(d.severity, 'error');
    const line = lines[d.range.start.line];
    assert.match(line, /#7 \[ffffa269e37dbc88\] xfs_dir2_sf_put_ftype/);
    assert.equal(line.slice(d.range.start.character, d.range.end.character), 'xfs_dir2_sf_put_ftype');
    assert.match(d.message, /kmem_alloc\+83 returns from a call to __kmalloc/);
    assert.match(d.message, /xfs_dir2_sf_put_ftype/);
    const relatedLines = d.related.map((r) => lines[r.range.start.line]);
    assert.ok(
      relatedLines.some((l) => /<kmem_alloc\+78>:\s+callq\s+0xffffffffb8687ee0 <__kmalloc>/.test(l)),
      'the callq __kmalloc line',
    );
    const words = d.related.map((r) => lines[r.range.start.line].slice(r.range.start.character, r.range.end.character));
    assert.ok(words.includes('ffffffffb8687f8b'), 'the exception frame ip in __kmalloc');
    assert.ok(words.includes('0000000000000010') && words.includes('0000000000000018'), 'the exception frame cs and ss');
  });

  it('has no other error and no warning', () => {
    assert.deepEqual(
      diagnostics.filter((d) => d.severity !== 'info' && d.code !== 'call-target-mismatch'),
      [],
    );
  });
});

describe('diagnostics: seeds 001 and 002', () => {
  for (const name of ['001', '002'] as const) {
    it(`seed ${name} has no error and no warning`, () => {
      const diagnostics = diagnose(analyze(seed(name))).diagnostics;
      assert.deepEqual(
        diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.range.start.line + 1} ${d.code} ${d.message}`),
        [],
      );
    });
  }

  it('seed 001: the probe-style (inexact) frames are information, not warnings', () => {
    const infos = only(diagnose(analyze(seed('001'))).diagnostics, 'unreliable-frame');
    assert.ok(infos.length >= 10);
    assert.ok(infos.every((d) => d.severity === 'info' && /inexact/.test(d.message)));
  });
});

describe('diagnostics: crash bt call checks', () => {
  it('marks frames skipped by the call before a lower frame as stale (warning), not as a call-target mismatch', () => {
    const diagnostics = check([
      ...X86_BT,
      'crash> dis -l ffffffff81003100 2',
      '0xffffffff81003100 <c_func+256>:\tcall   0xffffffff81001000 <b_func>',
      '0xffffffff81003105 <c_func+261>:\tmov    %rax,%rbx',
    ]);
    const stale = only(diagnostics, 'stale-frame');
    assert.equal(stale.length, 1);
    assert.equal(stale[0].severity, 'warning');
    assert.equal(stale[0].range.start.line, 4);
    assert.match(stale[0].message, /targets b_func \(#1\)/);
    assert.deepEqual(only(diagnostics, 'call-target-mismatch'), []);
  });

  it('reports a call target that is nowhere above as a warning when no stack word shows the callee ran (a tail call may explain it)', () => {
    const diagnostics = check([
      ...X86_BT,
      'crash> dis -l ffffffff81003100 2',
      '0xffffffff81003100 <c_func+256>:\tcall   0xffffffff81009000 <other_func>',
      '0xffffffff81003105 <c_func+261>:\tmov    %rax,%rbx',
    ]);
    const mismatch = only(diagnostics, 'call-target-mismatch');
    assert.equal(mismatch.length, 1);
    assert.equal(mismatch[0].severity, 'warning');
    assert.equal(mismatch[0].range.start.line, 4, 'on the frame above c_func');
    assert.match(mismatch[0].message, /tail-called/);
  });

  it('accepts a tail call the listing shows', () => {
    const diagnostics = check([
      ...X86_BT,
      'crash> dis -l ffffffff81003100 2',
      '0xffffffff81003100 <c_func+256>:\tcall   0xffffffff81009000 <other_func>',
      '0xffffffff81003105 <c_func+261>:\tmov    %rax,%rbx',
      'crash> dis other_func 2',
      '0xffffffff81009000 <other_func>:\tnopl   0x0(%rax,%rax,1)',
      '0xffffffff81009005 <other_func+5>:\tjmp    0xffffffff81002000 <stale_func>',
    ]);
    assert.deepEqual(only(diagnostics, 'call-target-mismatch'), []);
  });

  it('marks a frame whose preceding instruction is not a call as stale', () => {
    const diagnostics = check(
      [
        ...X86_BT,
        'crash> dis -l ffffffff81002100 2',
        '0xffffffff81002100 <stale_func+256>:\tpause',
        '0xffffffff81002102 <stale_func+258>:\tjmp    0xffffffff81002100 <stale_func+256>',
        '0xffffffff81002105 <stale_func+261>:\tmov    %rax,%rbx',
      ].filter((l) => !l.includes('+258')),
    );
    const stale = only(diagnostics, 'stale-frame');
    assert.equal(stale.length, 1);
    assert.equal(stale[0].range.start.line, 4);
    assert.match(stale[0].message, /not a return address/);
  });
});

describe('diagnostics: single-frame and memory rules', () => {
  it('frame-order: a slot below the frame above on the same stack', () => {
    const diagnostics = check([
      'crash> bt',
      'PID: 1      TASK: ffff888000100000  CPU: 0    COMMAND: "x"',
      ' #0 [ffffc90000013e00] a_func at ffffffff81000105',
      ' #1 [ffffc90000013d00] b_func at ffffffff81001105',
      ' #2 [ffffc90000013e40] c_func at ffffffff81002105',
    ]);
    const order = only(diagnostics, 'frame-order');
    assert.equal(order.length, 1);
    assert.equal(order[0].range.start.line, 3);
    assert.equal(order[0].related[0].range.start.line, 2);
  });

  it('frame-order: a stack switch after a marker is not an order error', () => {
    const diagnostics = check([
      'crash> bt',
      'PID: 1      TASK: ffff888000100000  CPU: 0    COMMAND: "x"',
      ' #0 [ffffc90000013e00] a_func at ffffffff81000105',
      '--- <IRQ stack> ---',
      ' #1 [ffffc90000003d00] b_func at ffffffff81001105',
    ]);
    assert.deepEqual(only(diagnostics, 'frame-order'), []);
  });

  it('frame-order: a frame numbered back after a blank line starts another excerpt, not this backtrace', () => {
    // `bt 2035`, then the same stack's #3 again with its `bt -FFxs` words, as notes quote it.
    const bt = [
      'crash> bt 2035',
      'PID: 2035   TASK: ffff9ca71e252c40  CPU: 1   COMMAND: "vReqJob"',
      ' #0 [ffffb0f68300fbb0] __schedule at ffffffffaa94bef1',
      ' #1 [ffffb0f68300fc40] schedule at ffffffffaa94c4e6',
      ' #2 [ffffb0f68300fc50] futex_wait_queue_me at ffffffffaa33e2c0',
      ' #3 [ffffb0f68300fc88] futex_wait at ffffffffaa33f199',
      ' #4 [ffffb0f68300fd98] do_futex at ffffffffaa341062',
      ' #5 [ffffb0f68300fe70] __x64_sys_futex at ffffffffaa341a7e',
      ' #6 [ffffb0f68300fee0] do_syscall_64 at ffffffffaa2025f0',
      ' #7 [ffffb0f68300ff50] entry_SYSCALL_64_after_hwframe at ffffffffaaa0008c',
      '    RIP: 00007f7317e0487d  RSP: 00007f7208777cd0  RFLAGS: 00000246',
      '    ORIG_RAX: 00000000000000ca  CS: 0033  SS: 002b',
    ];
    const excerpt = [
      ' #3 [ffffb0f68300fc88] futex_wait+0xd9 at ffffffffaa33f199',
      '    ffffb0f68300fc90: 00007f72f00209fc ffffffff00000000 ',
      ' #4 [ffffb0f68300fd98] do_futex+0x142 at ffffffffaa341062',
    ];
    const lines = [...bt, '', ...excerpt];
    const model = analyze(lines.join('\n'));
    assert.deepEqual(
      model.backtraces.map((b) => b.frames.map((f) => f.level)),
      [
        [0, 1, 2, 3, 4, 5, 6, 7],
        [3, 4],
      ],
    );
    assert.deepEqual(only(check(lines), 'frame-order'), []);
  });

  it('offset-beyond-size: past the end is an error, `+size/size` (a return after a noreturn call) is not', () => {
    const diagnostics = check([
      'WARNING: CPU: 0 PID: 1 at kernel/foo.c:10 foo+0x5/0x10',
      'RIP: 0010:foo+0x5/0x10',
      'Call Trace:',
      ' bar+0x20/0x10',
      ' ? lkdtm_LOOP+0x10/0x10',
      ' baz+0x8/0x40',
    ]);
    const offsets = only(diagnostics, 'offset-beyond-size');
    assert.equal(offsets.length, 1);
    assert.equal(offsets[0].severity, 'error');
    assert.equal(offsets[0].range.start.line, 3);
  });

  it('symbol-base-conflict: two starts for one function', () => {
    const diagnostics = check([
      'crash> dis -l ffffffff81000010',
      '0xffffffff81000010 <foo+16>:\tnop',
      'crash> sym ffffffff81000110',
      'ffffffff81000110 (T) foo+16 kernel/foo.c: 10',
    ]);
    const conflicts = only(diagnostics, 'symbol-base-conflict');
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0].range.start.line, 3);
    assert.equal(conflicts[0].related[0].range.start.line, 1);
  });

  it('fp-chain-broken: a saved x29 that is misaligned or goes down the stack', () => {
    const diagnostics = check(
      [
        'crash> bt',
        'PID: 1      TASK: ffff000000100000  CPU: 0    COMMAND: "x"',
        ' #0 [ffff800008013e00] a_func at ffff800008001000',
        ' #1 [ffff800008013e40] b_func at ffff800008002000',
        'crash> rd -x ffff800008013e00 2',
        'ffff800008013e00:  ffff800008013e40 ffff800008002004',
        'crash> rd -x ffff800008013e40 2',
        'ffff800008013e40:  ffff800008013d00 ffff800008003004',
      ],
      { arch: 'arm64' },
    );
    const broken = only(diagnostics, 'fp-chain-broken');
    assert.equal(broken.length, 1);
    assert.equal(broken[0].range.start.line, 7);
    assert.match(broken[0].message, /back down the stack/);
  });

  it('unreliable-frame: console `?` frames and crash `*` frames are information', () => {
    const diagnostics = check(['Call Trace:', ' ? filemap_map_pages+0x153/0x720', ' ksys_write+0x6b/0xf0']);
    const infos = only(diagnostics, 'unreliable-frame');
    assert.equal(infos.length, 1);
    assert.equal(infos[0].severity, 'info');
    assert.equal(infos[0].range.start.line, 1);
  });

  it('unreliable-frame: a ppc64 `(unreliable)` #0 at an address of its own stack is no frame, a warning', () => {
    // crash's commit 0c14080b7d7b (ppc64 multi-stack unwind): #0 names `_end`, the symbol below a stack address.
    const diagnostics = check([
      'crash> bt',
      'PID: 2        TASK: c000000004797f80  CPU: 0    COMMAND: "kthreadd"',
      ' #0 [c00000000484fbc0] _end at c00000000484fd70  (unreliable)',
      ' #1 [c00000000484fd70] __switch_to at c00000000001fabc',
      ' #2 [c00000000484fdd0] __schedule at c0000000011ca9dc',
      ' #3 [c00000000484feb0] schedule at c0000000011caeb0',
      ' #4 [c00000000484ff20] kthreadd at c0000000001af6c4',
    ]);
    const found = only(diagnostics, 'unreliable-frame');
    assert.deepEqual(
      found.map((d) => [d.range.start.line, d.severity]),
      [[2, 'warning']],
    );
    assert.match(found[0].message, /#0 _end .* is no frame: c00000000484fd70 is an address on the stack of PID 2/);
  });

  it("unreliable-frame: a trace of `?` frames only is one note on the kernel's unwinder, not one per frame", () => {
    // A 4.12 kernel without frame pointers (a GitHub issue of an Atom tablet's kernel), unedited.
    const infos = only(
      check([
        '[ 1221.658303] Call Trace:',
        '[ 1221.658317]  ? dump_stack+0x47/0x5b',
        '[ 1221.658327]  ? warn_alloc+0xaf/0x128',
        '[ 1221.658335]  ? __alloc_pages_nodemask+0x8c4/0x9d2',
        '[ 1221.658343]  ? hrtimer_forward+0x12a/0x144',
        '[ 1221.658354]  ? shmem_getpage_gfp.isra.10+0x2cc/0x78d',
        '[ 1221.658452]  ? i915_gem_shrink+0x26b/0x2b3 [i915]',
      ]),
      'unreliable-frame',
    );
    assert.equal(infos.length, 1);
    assert.equal(infos[0].range.start.line, 1);
    assert.match(infos[0].message, /every frame of this call trace is marked `\?`: the kernel has no reliable unwinder/);
  });

  it('unreliable-frame says a first powerpc frame without a code address was never saved', () => {
    // powerpc's first entry of a hung task's trace (a btrfs issue), unedited.
    const infos = only(
      check([
        '[5723372.036165] INFO: task kworker/u160:18:3878172 blocked for more than 120 seconds.',
        '[5723372.036200]       Not tainted 5.4.0-53-generic #59-Ubuntu',
        '[5723372.036355] kworker/u160:18 D    0 3878172      2 0x00000808',
        '[5723372.036392] Workqueue: btrfs-flush_delalloc btrfs_work_helper [btrfs]',
        '[5723372.036393] Call Trace:',
        '[5723372.036397] [c000000a65f872d0] [c000000a65f87380] 0xc000000a65f87380 (unreliable)',
        '[5723372.036403] [c000000a65f874b0] [c000000000021a1c] __switch_to+0x2dc/0x450',
        '[5723372.036407] [c000000a65f87520] [c000000000eebd7c] __schedule+0x2ec/0x930',
        '[5723372.036409] [c000000a65f87600] [c000000000eec418] schedule+0x58/0x130',
      ]),
      'unreliable-frame',
    );
    assert.equal(infos.length, 1);
    // Its return address lies on its own stack: no code address at all.
    assert.match(infos[0].message, /^the newest frame is marked `\(unreliable\)` and its LR save word holds no code address/);
  });

  it("unreliable-frame quotes the mark crash put on the frame: x86_64's `(?)`, ppc64's `(unreliable)`", () => {
    const bt = (mark: string) =>
      check([
        'crash> bt',
        'PID: 2        TASK: c000000004797f80  CPU: 0    COMMAND: "kthreadd"',
        ` #0 [c00000000484fbc0] _end at c00000000484fd70  ${mark}`,
        ' #1 [c00000000484fd70] __switch_to at c00000000001fabc',
        ' #2 [c00000000484fdd0] __schedule at c0000000011ca9dc',
      ]);
    assert.match(only(bt('(unreliable)'), 'unreliable-frame')[0].message, /frame #0 _end \(`\(unreliable\)`\)/);
    assert.match(only(bt('(?)'), 'unreliable-frame')[0].message, /frame #0 _end \(`\(\?\)`\)/);
  });

  it('unreliable-frame says a `?` frame at the fault site is the interrupted code, not a leftover', () => {
    // 6.1 prints the fault's own frames with `?` (a timer use-after-free, a Q&A post).
    const infos = only(
      check([
        'Oops: 0002 [#1] SMP NOPTI',
        'RIP: 0010:run_timer_softirq+0x645/0x700',
        'RSP: 0018:ffffc900002f0e90 EFLAGS: 00010006',
        'Call Trace:',
        ' <IRQ>',
        ' ? asm_exc_page_fault+0x27/0x30',
        ' ? run_timer_softirq+0x645/0x700',
        ' __do_softirq+0x14a/0x390',
      ]),
      'unreliable-frame',
    );
    assert.equal(infos.length, 2);
    assert.match(infos[0].message, /usually left over from an earlier call/);
    assert.match(infos[1].message, /run_timer_softirq is marked `\?` but is where the fault happened/);
  });

  it("report-damaged turns the parser's damage findings into one warning on the report header", () => {
    const model = analyze(['WARNING: CPU: 0 PID: 1 at kernel/foo.c:10 foo+0x5/0x10', 'Call Trace:', ' bar+0x2/0x10'].join('\n'));
    model.reports[0].damage.push('interleaved with another CPU');
    const damaged = only(diagnose(model, { unwinder: null }).diagnostics, 'report-damaged');
    assert.equal(damaged.length, 1);
    assert.equal(damaged[0].range.start.line, 0);
    assert.match(damaged[0].message, /interleaved with another CPU/);
  });
});

describe('diagnostics: unwind-disagrees', () => {
  const lines = [
    'crash> bt',
    'PID: 1      TASK: ffff888000100000  CPU: 0    COMMAND: "x"',
    ' #0 [ffffc90000013e00] a_func at ffffffff81000105',
    ' #1 [ffffc90000013e20] b_func at ffffffff81001105',
    ' #2 [ffffc90000013e40] c_func at ffffffff81002105',
  ];

  it('reports bt frames the walk does not pass and frames bt leaves out, with an action that shows the walk', () => {
    const model = analyze(lines.join('\n'));
    const { diagnostics } = diagnose(model, {
      unwinder: () => [
        { function: 'a_func', frameAddress: 0xffffc90000013e00n },
        { function: 'hidden_func', frameAddress: 0xffffc90000013e10n },
        { function: 'c_func', frameAddress: 0xffffc90000013e40n },
      ],
    });
    const disagree = only(diagnostics, 'unwind-disagrees');
    assert.equal(disagree.length, 2);
    assert.ok(disagree.some((d) => d.range.start.line === 3 && /does not pass through #1 b_func/.test(d.message)));
    assert.ok(disagree.some((d) => /finds hidden_func/.test(d.message)));
    assert.ok(disagree.every((d) => d.actions?.[0]?.showUnwindFromLine !== undefined));
  });

  it('reads a hex exception RIP (`[exception RIP: __cld_pipe_upcall+0x3d]`) as the function bt shows there', () => {
    // A quoted crash session of a set-radix-16 build: its exception RIP and dis offsets are hex.
    const session = [
      '> crash> bt',
      '> PID: 39572  TASK: ffff8a78f67fddc0  CPU: 1   COMMAND: "kworker/u4:0"',
      '> #0 [ffffa39a026b3ae0] machine_kexec at ffffffffae65b55e',
      '> #5 [ffffa39a026b3c90] do_page_fault at ffffffffae66b552',
      '> #6 [ffffa39a026b3cc0] async_page_fault at ffffffffaf00123e',
      '>    [exception RIP: __cld_pipe_upcall+0x3d]',
      '>    RIP: ffffffffc06b5ded  RSP: ffffa39a026b3d70  RFLAGS: 00010246',
      '>    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
      '> #7 [ffffa39a026b3dc8] nfsd4_cld_remove at ffffffffc06b7b70 [nfsd]',
      '> crash> dis -lr __cld_pipe_upcall+0x3d',
      '> 0xffffffffc06b5dea <__cld_pipe_upcall+0x3a>:    mov    %rsi,%rdi',
      '> 0xffffffffc06b5ded <__cld_pipe_upcall+0x3d>:    mov    0x68(%rax),%rax',
    ];
    const model = analyze(session.join('\n'));
    assert.equal(model.symbols.get('__cld_pipe_upcall')?.base, 0xffffffffc06b5dedn - 0x3dn);
    const walk = () =>
      ['machine_kexec', 'do_page_fault', 'async_page_fault', '__cld_pipe_upcall', 'nfsd4_cld_remove'].map((f) => ({
        function: f,
      }));
    assert.deepEqual(only(diagnose(model, { unwinder: walk }).diagnostics, 'unwind-disagrees'), []);
  });

  it('does not call a frame bt prints past the stretch the walk covered one bt leaves out', () => {
    // crash's commit 6c04376 (github.com/crash-utility/crash), as its message quotes it: only #0's slot
    // is dumped, so the walk resumes at the exception frame's registers and finds init_module, which
    // bt prints as #8, beyond the one frame the walk compared.
    const model = analyze(
      [
        '  crash> bt',
        '  PID: 8752   TASK: ffff8f80cb244380  CPU: 2   COMMAND: "insmod"',
        '   #0 [ffffa3e40187f9f8] machine_kexec at ffffffffab25d267',
        '   #1 [ffffa3e40187fa48] __crash_kexec at ffffffffab38e2ed',
        '   #2 [ffffa3e40187fb10] crash_kexec at ffffffffab38f1dd',
        '   #3 [ffffa3e40187fb28] oops_end at ffffffffab222cbd',
        '   #4 [ffffa3e40187fb48] do_trap at ffffffffab21fea1',
        '   #5 [ffffa3e40187fb90] do_error_trap at ffffffffab21ff75',
        '   #6 [ffffa3e40187fbd0] exc_invalid_op at ffffffffabb76a2c',
        '   #7 [ffffa3e40187fbf0] asm_exc_invalid_op at ffffffffabc00a72',
        '      [exception RIP: init_module+24]',
        '      RIP: ffffffffc042b018  RSP: ffffa3e40187fca8  RFLAGS: 00010246',
        '      RAX: 000000000000001c  RBX: 0000000000000000  RCX: 0000000000000000',
        '      RDX: 0000000000000000  RSI: ffff8f80fbd18000  RDI: ffff8f80fbd18000',
        '      RBP: ffffffffc042b000   R8: 000000000000029d   R9: 000000000000002c',
        '      R10: 0000000000000000  R11: ffffa3e40187fb58  R12: ffffffffc042d018',
        '      R13: ffffa3e40187fdf0  R14: ffffffffc042d000  R15: ffffa3e40187fe90',
        '      ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
        '   #8 [ffffa3e40187fca0] init_module at ffffffffc042b018 [invalid]',
        '   #9 [ffffa3e40187fca8] do_one_initcall at ffffffffab202806',
        '  #10 [ffffa3e40187fd18] do_init_module at ffffffffab3888ba',
        '  #11 [ffffa3e40187fd38] load_module at ffffffffab38afde',
      ].join('\n'),
    );
    assert.deepEqual(only(diagnose(model).diagnostics, 'unwind-disagrees'), []);
  });

  it('stays quiet when the walk agrees or finds nothing', () => {
    const model = analyze(lines.join('\n'));
    const agree = () => ['a_func', 'b_func', 'c_func'].map((f) => ({ function: f }));
    assert.deepEqual(only(diagnose(model, { unwinder: agree }).diagnostics, 'unwind-disagrees'), []);
    assert.deepEqual(only(diagnose(model, { unwinder: () => undefined }).diagnostics, 'unwind-disagrees'), []);
  });

  it('a walk ending on a frame without a slot does not hide the bt frames printed without one after it', () => {
    // Frames after the first in 32-bit arm's form, which prints no stack slot.
    const model = analyze(
      [...lines.slice(0, 3), ' #1 [<c0aa2e40>] (b_func) from [<c0209ab0>]', ' #2 [<c0aa2f40>] (c_func) from [<c0209bb0>]'].join(
        '\n',
      ),
      { arch: 'x86_64' },
    );
    assert.deepEqual(
      model.backtraces[0].frames.map((f) => f.stackAddress),
      [0xffffc90000013e00n, undefined, undefined],
    );
    const { diagnostics } = diagnose(model, {
      unwinder: () => [
        { function: 'a_func', frameAddress: 0xffffc90000013e00n },
        { function: 'q_func', frameAddress: 0xffffc90000013e10n },
        { function: 'b_func' },
      ],
    });
    const disagree = only(diagnostics, 'unwind-disagrees');
    assert.deepEqual(
      disagree.map((d) => [d.range.start.line, d.message.replace(/:.*/, '')]),
      [[4, 'unwinding the dumped stack does not pass through #2 c_func']],
    );
  });

  it('reports an unwinder that throws as an internal failure of the rule, keeping the other rules', () => {
    const model = analyze([...lines, 'Call Trace:', ' ? filemap_map_pages+0x153/0x720'].join('\n'));
    const { diagnostics, failures } = diagnose(model, {
      unwinder: () => {
        throw new Error('boom');
      },
    });
    assert.deepEqual(only(diagnostics, 'unwind-disagrees'), []);
    assert.equal(only(diagnostics, 'unreliable-frame').length, 1);
    assert.deepEqual(
      failures.map((f) => [f.source, f.message]),
      [['rule:unwind-disagrees', 'Error: boom']],
    );
  });
});

describe('diagnostics: settings and hostile input', () => {
  it("passes the parser's failures on with the rules' ones", () => {
    const model = analyze(X86_BT.join('\n'));
    model.failures.push({ source: 'parser', line: 2, message: 'TypeError: x is undefined' });
    assert.deepEqual(diagnose(model, { unwinder: null }).failures, model.failures);
  });

  it('drops disabled rules', () => {
    const text = seed('000');
    assert.equal(
      only(diagnose(analyze(text), { disabled: new Set(['call-target-mismatch']) }).diagnostics, 'call-target-mismatch').length,
      0,
    );
  });

  it('never throws on garbage and keeps ranges on real lines', () => {
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pieces = [
      ' #1 [',
      'ffffffff81000105',
      '] ',
      ' at ',
      'crash> bt',
      'PID: 1 TASK: ffff8880 CPU: 0 COMMAND: "x"',
      'Call Trace:',
      ' ? foo+0x10/0x8',
      'RIP: 0010:',
      '0xffffffff81003100 <c_func+256>:\tcall   0xffffffff81001000 <b_func>',
      '--- <IRQ stack> ---',
      'WARNING: possibly bogus exception frame',
      'ffffc90000013e00:  ffffc90000013e40 ffffffff81002004',
      '\n',
      '\n',
    ];
    for (let round = 0; round < 30; round++) {
      let text = '';
      for (let i = 0; i < 300; i++) text += pieces[Math.floor(random() * pieces.length)];
      const model = analyze(text);
      for (const d of diagnose(model).diagnostics) {
        assert.ok(d.range.start.line >= 0 && d.range.start.line < model.lines.length);
        assert.ok(d.range.start.character <= d.range.end.character || d.range.start.line < d.range.end.line);
      }
    }
  });
});

describe('diagnostics: pauses', () => {
  it('rules that go through every console report pause every PAUSE_EVERY reports, so a server answers edits in between', function () {
    if (!hasShared) this.skip();
    // The shortest logs: many reports in little text.
    const logs = syzkallerReports()
      .sort((a, b) => a.log.length - b.log.length || (a.name < b.name ? -1 : 1))
      .slice(0, 300)
      .map((r) => r.log);
    const model = analyze(logs.join('\n'));
    const expected = Math.floor(model.reports.length / PAUSE_EVERY);
    assert.ok(expected >= 4, `${model.reports.length} reports`);
    const walkers = ['stale-frame', 'not-text', 'unreliable-frame', 'offset-beyond-size', 'regs-vs-frame', 'segment-mismatch'];
    for (const rule of RULES as readonly Rule[]) {
      if (!walkers.includes(rule.code)) continue;
      const steps = rule.check({ model, evidence: new Evidence(model), unwinder: null, emit: () => {}, findings: () => [] });
      let pauses = 0;
      if (steps) while (!steps.next().done) pauses++;
      assert.ok(pauses >= expected, `${rule.code} paused ${pauses} times over ${model.reports.length} reports`);
    }
  });
});
