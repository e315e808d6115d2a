import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import {
  consoleCaller,
  consolePrefixLength,
  embeddedHeaderStart,
  matchReportHeader,
  parseConsoleFrame,
  siteFunction,
} from '../../server/src/analysis/parse/console';
import { DAMAGE } from '../../server/src/analysis/reportDamage';
import { hasShared, syzkallerReports } from '../support/corpus';
import { summarize } from '../../server/src/analysis/summary';
import { demangle } from '../../server/src/analysis/triage/demangle';
import { sanitize } from '../../server/src/analysis/triage/title';
import { measureSyzkaller, titleFunction } from '../support/syzkallerMetrics';

/** The summary's reports of a console log. */
function reportsOf(lines: string[]): ReturnType<typeof summarize>['reports'] {
  return summarize(analyze(lines.join('\n'))).reports;
}

describe('console reports', () => {
  it('reads console prefixes and caller ids', () => {
    const cases: [string, number, string | undefined][] = [
      ['[  897.203644][ T1083] x', 23, 'T1083'],
      ['[   12.345678][    C0] x', 23, 'C0'],
      ['** 12 printk messages dropped ** [   60.095515] CPU: 1', 48, undefined],
      ['2018/01/09 14:28:48 BUG: memory leak', 20, undefined],
      ['<4>[ 12.3] x', 11, undefined],
      ['ffff8801: 00', 0, undefined],
    ];
    for (const [text, length, caller] of cases) {
      assert.equal(consolePrefixLength(text), length, text);
      assert.equal(length > 0 ? consoleCaller(text, length) : undefined, caller, text);
    }
  });

  it('recognises report headers, also inside lines', () => {
    assert.equal(matchReportHeader('WARNING: CPU: 1 PID: 2 at fs/x.c:3 f+0x1/0x2')?.kind, 'warning');
    assert.equal(matchReportHeader('WARNING: ath10k USB support is incomplete')?.kind, 'other');
    assert.equal(matchReportHeader('Kernel panic - not syncing: panic_on_warn set ...')?.continuation, true);
    assert.equal(matchReportHeader('Linux version 6.1'), undefined);
    assert.equal(matchReportHeader('random text'), undefined);
    assert.equal(embeddedHeaderStart('[ BUG: bad unlock balance detected! ]'), 2);
    assert.equal(embeddedHeaderStart('NMI watchdog: BUG: soft lockup - CPU#1 stuck for 11s!'), 14);
    assert.equal(embeddedHeaderStart('usb 5-1: WARNING: something'), 9);
    assert.equal(embeddedHeaderStart('see the BUG: in the notes, long enough prefix here'), -1);
    assert.equal(embeddedHeaderStart('syzkaller login: Unable to handle kernel paging request at virtual address fc14ef08'), 17);
    // mips and LoongArch lead their fault with the CPU number.
    assert.equal(
      embeddedHeaderStart('CPU 0 Unable to handle kernel paging request at virtual address 0, epc == ffffffffc000232c'),
      6,
    );
    // x86's NULL dereference since 5.0 is the fault syzkaller files as NULL-POINTER-DEREFERENCE, not a BUG().
    assert.equal(matchReportHeader('BUG: kernel NULL pointer dereference, address: 0000000000000086')?.kind, 'paging');
    assert.equal(matchReportHeader('BUG: unable to handle page fault for address: ffffc90000000000')?.kind, 'paging');
    const gpf = 'kasan: GPF could be caused by NULL-ptr deref or user memory accessgeneral protection fault: 0000 [#1]';
    assert.equal(matchReportHeader(gpf.slice(embeddedHeaderStart(gpf)))?.kind, 'gpf');
    assert.equal(matchReportHeader('WARNING: fs/ext4/xattr.c:1058 at 0x0, CPU#0: syz.0.17/5982')?.kind, 'warning');
    assert.equal(matchReportHeader('BUG: KFENCE: use-after-free read in test_use_after_free_read+0x114/0x248')?.kind, 'kfence');
    assert.equal(matchReportHeader('Alignment trap: not handling instruction e1932f9f at [<8028bd58>]')?.kind, 'oops');
    assert.equal(matchReportHeader("INFO: task syz-executor.4:21128 can't die for more than 143 seconds.")?.kind, 'hung-task');
    assert.equal(matchReportHeader('INFO: trying to register non-static key.')?.kind, 'lockdep');
    assert.equal(matchReportHeader('rust_kernel: panicked at drivers/android/binder/node.rs:877:13:')?.kind, 'panic');
    assert.equal(matchReportHeader('WARNING: syz-executor286/6054 still has locks held!')?.kind, 'lockdep');
    assert.equal(
      matchReportHeader('WARNING: [time_after(jiffies, timeout)] io_uring/io_uring.c:3026 at io_ring_exit_work+0x44c/0xbc0')
        ?.kind,
      'warning',
    );
  });

  it('parses frame shapes of x86, arm, arm64 and powerpc', () => {
    const cases: [string, string, number | undefined, boolean][] = [
      [' ? tcp_v4_rcv+0x158/0x188 [nf_x]', 'tcp_v4_rcv', 0x158, true],
      [' [<ffffffff81234567>] do_syscall_64+0x10/0x20', 'do_syscall_64', 0x10, false],
      [' __dump_stack lib/dump_stack.c:77 [inline]', '__dump_stack', undefined, false],
      ['[<80df7fb0>] (_raw_spin_lock) from [<803981dc>] (deactivate_slab+0x2a8/0x558)', '_raw_spin_lock', undefined, false],
      ['[c000000049a87a10] [c0000000005f7dc8] exit_aio+0x188/0x2a0 (unreliable)', 'exit_aio', 0x188, true],
    ];
    for (const [body, fn, offset, unreliable] of cases) {
      const frame = parseConsoleFrame(body);
      assert.ok(frame, body);
      assert.equal(frame.function, fn, body);
      assert.equal(frame.offset, offset, body);
      assert.equal(frame.unreliable, unreliable, body);
    }
    assert.equal(parseConsoleFrame('(' + 'a'.repeat(20000) + ' from [<'), undefined);
  });

  it('names fault and lock sites', () => {
    assert.equal(siteFunction('RIP: 0010:ovl_create_real+0x272/0x520 fs/overlayfs/dir.c:212'), 'ovl_create_real');
    assert.equal(
      siteFunction('RIP: 0010:[<ffffffff810d9c93>]  [<ffffffff810d9c93>] pte_list_remove+0x3b3/0x3d0'),
      'pte_list_remove',
    );
    assert.equal(siteFunction('PC is at jffs2_parse_param+0xa8/0x18c'), 'jffs2_parse_param');
    assert.equal(
      siteFunction(' #0: 000000009ccdb9e0 (&sig->cred_guard_mutex){+.+.}, at: prepare_bprm_creds+0x53/0x120'),
      'prepare_bprm_creds',
    );
    assert.equal(siteFunction('RAX: 0000000000000000 RBX: 0000000000004000'), undefined);
  });

  it('joins 32-bit arm caller offsets and keeps the last caller', () => {
    const model = analyze(
      [
        'Unable to handle kernel NULL pointer dereference at virtual address 00000000',
        '[<8011218c>] (unwind_backtrace) from [<8010e300>] (show_stack+0x18/0x1c)',
        '[<8010e300>] (show_stack) from [<80b12478>] (dump_stack+0xa0/0xc0)',
      ].join('\n'),
    );
    const frames = model.reports[0].frames.map((f) => `${f.function}+${f.offset}`);
    assert.deepEqual(frames, ['unwind_backtrace+undefined', 'show_stack+24', 'dump_stack+160']);
  });

  it('reads each 32-bit arm frame once where older kernels print `(func+off/size)` on both sides of `from`', () => {
    const frames = (lines: string[]): string[] =>
      analyze(
        ['Unable to handle kernel NULL pointer dereference at virtual address 00000000', ...lines].join('\n'),
      ).reports[0].frames.map((f) => `${f.function}+${f.offset}`);
    // 2.6.35–3.x (%pS on both sides): the next line starts at the return address the line before ended with.
    assert.deepEqual(
      frames([
        '[<802794dc>] (cc_do_null+0x8/0x14) from [<802795bc>] (cc_dispatch+0x24/0x50)',
        '[<802795bc>] (cc_dispatch+0x24/0x50) from [<8027a248>] (cc_trigger_write+0xdc/0x15c)',
      ]),
      ['cc_do_null+8', 'cc_dispatch+36', 'cc_trigger_write+220'],
    );
    // 2.6.2x (frame-pointer unwinding): the left side is the function's entry, +0x0.
    assert.deepEqual(
      frames([
        '[<c0019bf8>] (cc_do_null+0x0/0x11c) from [<c0008924>] (cc_dispatch+0xb8/0x284)',
        '[<c000886c>] (cc_dispatch+0x0/0x284) from [<c0038d30>] (cc_trigger_write+0x10/0x7b4)',
      ]),
      ['cc_do_null+0', 'cc_dispatch+184', 'cc_trigger_write+16'],
    );
  });

  it('keeps other callers out of a report and marks damage', () => {
    const model = analyze(
      [
        '[  1.000000][ T10] WARNING: CPU: 0 PID: 10 at a.c:1 f+0x1/0x2',
        '[  1.000001][ T99]  other_task+0x1/0x2',
        '[  1.000002][ T10] Call Trace:',
        '[  1.000003][ T10]  f+0x1/0x2',
        '[  1.000004][ T10]  entry_SYSCALL_64_after_hwframe+0x1/0x2',
      ].join('\n'),
    );
    assert.deepEqual(
      model.reports[0].frames.map((f) => f.function),
      ['f', 'entry_SYSCALL_64_after_hwframe'],
    );
    assert.deepEqual(model.reports[0].damage, []);

    const cut = analyze('[ 1.0] BUG: KASAN: use-after-free in f+0x1/0x2\n[ 1.1] Call Trace:\n');
    assert.ok(cut.reports[0].damage.includes(DAMAGE.truncated));
    const titled = analyze(
      '[ 1.0] BUG: KASAN: use-after-free in f+0x1[   76.471107] /0x2\n[ 1.1] Call Trace:\n[ 1.3]  f+0x1/0x2\n',
    );
    assert.ok(titled.reports[0].damage.includes(DAMAGE.titleTimestamp));
    // A source that printed its own line in two pieces, each with its tag: nothing ran into it.
    const split = analyze(
      [
        '[   99.100000] trusty: panic (caller [   99.100001] trusty: 0xffffffffe000fbb8): ASSERT FAILED at (lib/ipc.c:472): !list_in_list(&chan->node)',
        '[   99.100002] trusty: HALT: (reason = 9)',
      ].join('\n'),
    );
    assert.equal(split.reports[0].kind, 'bug');
    assert.deepEqual(split.reports[0].damage, []);
    const lone = analyze('[ 1.0] WARNING: CPU: 0 PID: 1 at a.c:1 f+0x1/0x2\n[ 1.1] Modules linked in:\n');
    assert.ok(lone.reports[0].damage.includes(DAMAGE.noTrace));
    // panic() without CONFIG_DEBUG_BUGVERBOSE: no stack, only its own trailer before the end line.
    const bare = (trailer: string[]) =>
      analyze(
        [
          '[   12.000000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)',
          ...trailer,
          '[   12.000900] ---[ end Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0) ]---',
        ].join('\n'),
      ).reports[0].damage;
    const arm64Trailer = [
      '[   12.000100] SMP: stopping secondary CPUs',
      '[   12.000200] Kernel Offset: disabled',
      '[   12.000300] CPU features: 0x0,00000000,00000000,0000400b',
      '[   12.000400] Memory Limit: none',
    ];
    assert.ok(!bare([]).includes(DAMAGE.noTrace));
    assert.ok(!bare(arm64Trailer).includes(DAMAGE.noTrace));
    // A line that is not panic()'s own may have been where the stack was.
    assert.ok(bare(['[   12.000100] random: crng init done', ...arm64Trailer]).includes(DAMAGE.noTrace));
  });

  it('takes FUNC from titles', () => {
    assert.equal(titleFunction('KASAN: use-after-free Read in foo_bar'), 'foo_bar');
    assert.equal(titleFunction('WARNING in aiptek_open/usb_submit_urb'), 'usb_submit_urb');
    assert.equal(titleFunction('KASAN: slab-out-of-bounds in f at addr ADDR'), undefined);
  });

  it('titles the current WARNING format from its RIP line, as a warning', () => {
    const [report] = reportsOf([
      '[   81.021315][ T5982] ------------[ cut here ]------------',
      '[   81.021343][ T5982] WARNING: fs/ext4/xattr.c:1058 at 0x0, CPU#0: syz.0.17/5982',
      '[   81.021372][ T5982] Modules linked in:',
      '[   81.021398][ T5982] CPU: 0 UID: 0 PID: 5982 Comm: syz.0.17 Not tainted syzkaller #0 PREEMPT(full)',
      '[   81.021431][ T5982] RIP: 0010:ext4_xattr_inode_update_ref+0x45b/0x5a0',
      '[   81.021470][ T5982] RSP: 0018:ffffc90003b1f3c0 EFLAGS: 00010293',
      '[   81.021502][ T5982] Call Trace:',
      '[   81.021510][ T5982]  <TASK>',
      '[   81.021520][ T5982]  ? __pfx_ext4_xattr_inode_update_ref+0x10/0x10',
      '[   81.021551][ T5982]  ext4_xattr_inode_dec_ref_all+0x8a1/0xc10',
      '[   81.021581][ T5982]  ext4_xattr_delete_inode+0x2ce/0x960',
      '[   81.021610][ T5982]  ext4_evict_inode+0xb6e/0x1480',
    ]);
    assert.equal(report.kind, 'warning');
    assert.equal(report.title, 'WARNING in ext4_xattr_inode_update_ref');
    assert.equal(report.header, 'WARNING: fs/ext4/xattr.c:1058 at 0x0, CPU#0: syz.0.17/5982');
    assert.equal(report.function, 'ext4_xattr_inode_update_ref');
  });

  it('titles reports the way syzkaller does: skipped helpers, lock sites, stripped syscall prefixes', () => {
    const kasan = reportsOf([
      '[   52.125036] BUG: KASAN: use-after-free in memcpy+0x23/0x40',
      '[   52.125052] Read of size 8 at addr ffff8801c8e3f9d0 by task syz-executor3/8432',
      '[   52.125060] Call Trace:',
      '[   52.125070]  dump_stack+0x194/0x257',
      '[   52.125080]  kasan_report+0x23f/0x360',
      '[   52.125090]  memcpy+0x23/0x40',
      '[   52.125100]  tcp_recvmsg+0x8a2/0x2a70',
      '[   52.125110]  inet_recvmsg+0x12f/0x5d0',
    ]);
    assert.equal(kasan[0].kind, 'kasan');
    assert.equal(kasan[0].title, 'KASAN: use-after-free Read in tcp_recvmsg');
    assert.deepEqual(kasan[0].alternativeTitles, ['bad-access in tcp_recvmsg']);
    assert.equal(kasan[0].function, 'memcpy');

    const gpf = reportsOf([
      '[  120.117422] general protection fault: 0000 [#1] SMP KASAN',
      '[  120.117431] RIP: 0010:nf_ct_ext_add+0x3e/0x4a0 [nf_conntrack]',
      '[  120.117440] Call Trace:',
      '[  120.117450]  init_conntrack+0x31c/0xd70 [nf_conntrack]',
      '[  120.117460]  __x64_sys_sendmsg+0x2f/0x40',
    ]);
    assert.equal(gpf[0].kind, 'gpf');
    assert.equal(gpf[0].title, 'general protection fault in nf_ct_ext_add');
    assert.equal(gpf[0].module, 'nf_conntrack');

    const hung = reportsOf([
      '[  246.123421] INFO: task syz-executor5:9364 blocked for more than 120 seconds.',
      '[  246.123430] Call Trace:',
      '[  246.123440]  __schedule+0x8eb/0x2060',
      '[  246.123450]  schedule+0xf5/0x430',
      '[  246.123460]  __mutex_lock+0x7a1/0x1680',
      '[  246.123470]  __se_sys_ioctl+0x2f/0x40',
    ]);
    assert.equal(hung[0].kind, 'hung-task');
    assert.equal(hung[0].title, 'INFO: task hung in ioctl');
  });

  it('names the crash a log is known by: the first report of a known family', () => {
    const summary = summarize(
      analyze(
        [
          '[    5.000000] Call Trace:',
          '[    5.000001]  some_probe+0x1/0x2',
          '[   10.000000] BUG: scheduling while atomic: syz-executor2/4242/0x00000002',
          '[   10.000001] Call Trace:',
          '[   10.000002]  __schedule_bug+0x1/0x2',
          '[   10.000003]  schedule+0x1/0x2',
          '[   10.000004]  fuse_dev_read+0x1/0x2',
        ].join('\n'),
      ),
    );
    assert.equal(summary.reports.length, 2);
    assert.equal(summary.reports[0].title, 'Call trace');
    assert.equal(summary.leadingReport, 1);
    assert.equal(summary.reports[1].title, 'BUG: scheduling while atomic in fuse_dev_read');
  });

  it('gives reports of the same bug the same signature and others another', () => {
    const warning = (address: string, fn: string): string =>
      reportsOf([
        `[   10.000000] WARNING: CPU: 1 PID: 42 at net/core/dev.c:123 ${fn}+0x${address}/0x200`,
        `[   10.000001] RIP: 0010:${fn}+0x${address}/0x200`,
        '[   10.000002] Call Trace:',
        `[   10.000003]  ${fn}+0x${address}/0x200`,
        '[   10.000004]  do_syscall_64+0x10/0x20',
      ])[0].signature;
    assert.match(warning('11', 'dev_open'), /^[0-9a-f]{16}$/);
    assert.equal(warning('11', 'dev_open'), warning('35', 'dev_open'));
    assert.notEqual(warning('11', 'dev_open'), warning('11', 'dev_close'));
  });

  it('names C++ and Rust frames as people read them', () => {
    assert.equal(demangle('_Z8fakeNameiii'), 'fakeName');
    assert.equal(demangle('_ZN2ns1fEv'), 'ns::f');
    assert.equal(demangle('tcp_recvmsg'), 'tcp_recvmsg');
    assert.equal(
      demangle('_RNvXs1_CscPPBqWtAqum_11ashmem_rustNtB5_6AshmemNtNtCs43vyB533jt3_6kernel10miscdevice10MiscDevice4mmap'),
      '<ashmem_rust::Ashmem as kernel::miscdevice::MiscDevice>::mmap',
    );
    assert.equal(
      demangle('_RNvMs0_NtCshgDM7dBCdno_11rust_binder4nodeNtB5_4Node22update_refcount_locked'),
      '<rust_binder::node::Node>::update_refcount_locked',
    );
    assert.equal(demangle('_RNvCscSpY9Juk0HT_7___rustc17rust_begin_unwind'), '__rustc::rust_begin_unwind');
    // A backreference forward or a truncated symbol keeps the symbol.
    assert.equal(demangle('_RNvB9_3foo'), '_RNvB9_3foo');
    assert.equal(demangle('_RNvCs1_3fo'), '_RNvCs1_3fo');
  });

  it('replaces what varies between runs in titles', () => {
    assert.equal(
      sanitize('BUG: Bad page state in process syz-executor3  pfn:1a2b3c4'),
      'BUG: Bad page state in process syz-executor pfn:ADDR',
    );
    assert.equal(
      sanitize('kernel panic: Out of memory and no killable processes (1234)'),
      'kernel panic: Out of memory and no killable processes (NUM)',
    );
  });

  (hasShared ? it : it.skip)('titles at least 99 % of the syzkaller corpus as syzkaller does (issue 13 asks 95 %)', () => {
    const m = measureSyzkaller();
    assert.equal(m.titled, 712);
    const differences = m.titleDifferences.map((d) => `${d.name}: ${d.actual} ≠ ${d.expected}`).join('\n');
    // Issue 13 asks for 95 %; all 712 match today, so a drop below 99 % is a regression to look at.
    assert.ok(m.titleMatches / m.titled >= 0.99, `${m.titleMatches}/${m.titled}\n${differences}`);
  });

  (hasShared ? it : it.skip)("names a lockdep report's function where its lock was taken, not the lock primitive", () => {
    let checked = 0;
    for (const { name, title, log } of syzkallerReports()) {
      const site = title && /^possible deadlock in (\S+)$/.exec(title);
      if (!site) continue;
      const model = analyze(log);
      const lead = summarize(model);
      const report = lead.reports[lead.leadingReport ?? 0];
      if (report.title !== title) continue;
      assert.equal(report.function, site[1], `${name}: ${title}`);
      checked++;
    }
    assert.ok(checked > 20, `${checked} lockdep reports checked`);
  });

  (hasShared ? it : it.skip)('meets issue 3 and issue 7 thresholds on the syzkaller corpus', () => {
    const m = measureSyzkaller();
    assert.equal(m.logs, 747);
    assert.deepEqual(m.exceptions, []);
    assert.deepEqual(m.titledWithoutReport, [], 'logs with a TITLE and no report');
    assert.ok(m.functionLogs > 400);
    assert.ok(
      m.functionFound / m.functionLogs >= 0.98,
      `FUNC found ${m.functionFound}/${m.functionLogs}: ${m.functionMissed.join(', ')}`,
    );
    assert.ok(m.precision >= 0.9, `damaged precision ${m.precision.toFixed(3)}`);
    assert.ok(m.recall >= 0.7, `damaged recall ${m.recall.toFixed(3)}`);
  });
});
