// Oopses of 2.6–3.x x86 kernels pasted without printk timestamps (bug trackers, abrt): every line
// between the header and `---[ end trace` is the report's, none read as a person's prose: the old CPU
// line (`Pid: 598, comm: …`), i386's `EIP: 0060:[<…>]`, `EIP is at`, debug registers, `Process … (pid:`,
// stack rows (with 2.6.3x's literal `<d>`), and the closing `RIP  [<…>]` / ` RSP <…>`.
import { strict as assert } from 'assert';
import { LineKind } from '../../server/src/analysis/lineKinds';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

// Red Hat bugzilla 865695 (3.6 i686, kept in abrt/satyr's test oopses), its register block whole.
const I386_BUG = [
  'kernel BUG at include/net/cfg80211.h:2473!',
  'invalid opcode: 0000 [#1] SMP ',
  'Modules linked in: wl(PO) cfg80211 lib80211',
  'Pid: 598, comm: wpa_supplicant Tainted: P         C O 3.6.1-1.fc17.i686.PAE #1 Hewlett-Packard HP Mini 110-1100/308F',
  'EIP: 0060:[<f8e40765>] EFLAGS: 00210246 CPU: 1',
  'EIP is at wdev_priv.part.8+0x3/0x5 [wl]',
  'EAX: 00000000 EBX: f3cf6120 ECX: f8fc05a0 EDX: f3e16400',
  'ESI: f3e16400 EDI: f3cf6120 EBP: f3d29b54 ESP: f3d29b54',
  ' DS: 007b ES: 007b FS: 00d8 GS: 00e0 SS: 0068',
  'CR0: 8005003b CR2: b7750000 CR3: 33e6e000 CR4: 000007f0',
  'DR0: 00000000 DR1: 00000000 DR2: 00000000 DR3: 00000000',
  'DR6: ffff0ff0 DR7: 00000400',
  'Process wpa_supplicant (pid: 598, ti=f3d28000 task=f3e8d8a0 task.ti=f3d28000)',
  'Stack:',
  ' f3d29bcc f8e3dde1 f3e16400 f3cf6120 00000000 f3d29b84 c04c9ee8 f3d29b7c',
  ' 00000000 f3e16400 00000001 00000000 f3cf6000 00000000 00000000 00000000',
  'Call Trace:',
  ' [<f8e3dde1>] wl_cfg80211_scan+0x411/0x4a0 [wl]',
  ' [<c09705a8>] ? mutex_lock+0x18/0x40',
  ' [<f8034a38>] nl80211_trigger_scan+0x3d8/0x560 [cfg80211]',
  ' [<c08a3a5b>] genl_rcv_msg+0x22b/0x2a0',
  'Code: 00 00 00 0f 0b 55 89 e5 0f 0b 55 89 e5 <0f> 0b 55 89 e5 0f 0b',
  'EIP: [<f8e40765>] wdev_priv.part.8+0x3/0x5 [wl] SS:ESP 0068:f3d29b54',
  '---[ end trace 4cf0e5d5ff6edfa4 ]---',
];

// A RHEL 6 (2.6.32) x86_64 oops as abrt kept it.
const X86_64_OOPS = [
  'BUG: unable to handle kernel NULL pointer dereference at 0000000000000008',
  'IP: [<ffffffffa02f1c3e>] nfs4_do_open+0x3e/0x5f0 [nfs]',
  'PGD 1b9f4067 PUD 1b9f5067 PMD 0 ',
  'Oops: 0000 [#1] SMP ',
  'last sysfs file: /sys/devices/system/cpu/cpu1/cache/index2/shared_cpu_map',
  'CPU 1 ',
  'Modules linked in: nfs lockd fscache nfs_acl auth_rpcgss sunrpc',
  'Pid: 2101, comm: cp Not tainted 2.6.32-220.el6.x86_64 #1 VMware, Inc. VMware Virtual Platform',
  'RIP: 0010:[<ffffffffa02f1c3e>]  [<ffffffffa02f1c3e>] nfs4_do_open+0x3e/0x5f0 [nfs]',
  'RSP: 0018:ffff88003d8b3c88  EFLAGS: 00010246',
  'RAX: 0000000000000000 RBX: ffff88003d8b3d28 RCX: 0000000000000000',
  'Process cp (pid: 2101, threadinfo ffff88003d8b2000, task ffff88003b3f0080)',
  'Stack:',
  ' ffff88003d8b3cc8 ffffffff8104cf1b ffff88003fc0e0c0 0000000000000000',
  '<d> ffff88003d8b3d28 ffff88003b7bc000 ffff88003d8b3cf8 ffffffffa02f2a1e',
  'Call Trace:',
  ' [<ffffffffa02f2a1e>] nfs4_atomic_open+0x4e/0x80 [nfs]',
  ' [<ffffffff8118a52d>] lookup_hash+0x3d/0x60',
  'Code: 48 89 5d d8 4c 89 65 e0 4c 89 6d e8 4c 89 75 f0 4c 89 7d f8 0f 1f 44 00 00 48 8b 47 08 ',
  'RIP  [<ffffffffa02f1c3e>] nfs4_do_open+0x3e/0x5f0 [nfs]',
  ' RSP <ffff88003d8b3c88>',
  'CR2: 0000000000000008',
  '---[ end trace 5d6b8d1d9d0ef7b2 ]---',
];

function proseInside(lines: string[]): string[] {
  const model = analyze(lines.join('\n'));
  assert.equal(model.reports.length, 1);
  const [report] = model.reports;
  assert.equal(report.endLine, lines.length - 1, 'the report runs to its end-trace line');
  return lines.filter((_, i) => model.lineKinds[i] === LineKind.Prose);
}

describe('old x86 oopses without timestamps', () => {
  it('reads every line of an i386 kernel BUG as the report', () => {
    assert.deepEqual(proseInside(I386_BUG), []);
  });

  it('reads every line of a 2.6.32 x86_64 oops as the report', () => {
    assert.deepEqual(proseInside(X86_64_OOPS), []);
  });

  it("still reads a person's note after the report as prose", () => {
    const lines = [...X86_64_OOPS, 'CPU 1 looked idle before this, see the log above'];
    const model = analyze(lines.join('\n'));
    assert.equal(model.lineKinds[lines.length - 1], LineKind.Prose);
  });
});

// More reports pasted without timestamps: a 3.x hung task (its task state line and stack rows) and a
// 4.10 32-bit arm oops (Aspeed BMC: `pgd =`, `Flags:`, `Control:`, `Stack: (… to …)` and its rows).
const HUNG_TASK = [
  'INFO: task DDRace64-Server:27090 blocked for more than 120 seconds.',
  '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
  'DDRace64-Server D ffff88007a2dd140     0 27090   3047 0x00000000',
  ' ffff88007a2dd140 0000000000000086 0000000000000040 ffff8800081b81c0',
  ' 00000000000127c0 ffff88007bb61fd8 ffff88007bb61fd8 ffff88007a2dd140',
  ' 0000000000000004 ffff88007bb61e68 000000010b866ffd ffff88007af37ca0',
  'Call Trace:',
  ' [<ffffffff8135067c>] ? __mutex_lock_common.isra.5+0xff/0x164',
  ' [<ffffffff8135056a>] ? mutex_lock+0x1a/0x2d',
  ' [<ffffffff81104029>] ? walk_component+0x1f4/0x406',
  ' [<ffffffff81105ea7>] ? do_last+0x108/0x58d',
  ' [<ffffffff81106924>] ? path_openat+0xce/0x33a',
  ' [<ffffffff810fc3f8>] ? fcheck_files.isra.7+0x13/0x14',
  ' [<ffffffff810fc7e7>] ? fget_light+0x67/0x7b',
  ' [<ffffffff81106c52>] ? do_filp_open+0x2a/0x6e',
  ' [<ffffffff8134fd7c>] ? _cond_resched+0x7/0x1c',
  ' [<ffffffff811b58b9>] ? __strncpy_from_user+0x18/0x48',
  ' [<ffffffff8110fa5f>] ? alloc_fd+0x64/0x109',
  ' [<ffffffff810fab6d>] ? do_sys_open+0x5e/0xe5',
  ' [<ffffffff813561b2>] ? system_call_fastpath+0x16/0x1b',
];

const ARM32_OOPS = [
  'Unable to handle kernel paging request at virtual address 12005456',
  'pgd = 80004000',
  '[12005456] *pgd=00000000',
  'Internal error: Oops: 805 [#1] ARM',
  'CPU: 0 PID: 6 Comm: ksoftirqd/0 Not tainted 4.10.5-8736136e756ec127de0bbe2c7e2de683204d4512 #1',
  'Hardware name: ASpeed SoC',
  'task: 9e42a020 task.stack: 9e436000',
  'PC is at put_css_set_locked+0xa0/0x158',
  'LR is at kfree+0x44/0x50',
  'pc : [<8015295c>]    lr : [<801a41e4>]    psr: 80000093',
  'sp : 9e437ec0  ip : 00000001  fp : 00000100',
  'r10: 8072fa84  r9 : 00000200  r8 : 00000100',
  'r7 : 9d71a61c  r6 : 9d71a60c  r5 : 9d6b3120  r4 : 9d71a600',
  'r3 : 9d755634  r2 : 12005452  r1 : 9d6b3ee0  r0 : 9e4000e0',
  'Flags: Nzcv  IRQs off  FIQs on  Mode SVC_32  ISA ARM  Segment none',
  'Control: 00c5387d  Table: 9d034008  DAC: 00000051',
  'Process ksoftirqd/0 (pid: 6, stack limit = 0x9e436188)',
  'Stack: (0x9e437ec0 to 0x9e438000)',
  '7ec0: 60000013 9d423140 00000200 8072fa40 04208040 0000000a 8072fa84 80153ed0',
];

describe('more reports without timestamps', () => {
  for (const [name, lines] of [
    ['a 3.x hung task', HUNG_TASK],
    ['a 4.10 32-bit arm oops', ARM32_OOPS],
  ] as const) {
    it(`reads every line of ${name} as the report's`, () => {
      const model = analyze(lines.join('\n'));
      assert.equal(model.reports.length, 1);
      assert.deepEqual(
        lines.filter((_, i) => model.lineKinds[i] === LineKind.Prose),
        [],
      );
    });
  }

  it('takes a 3.x trace whose every frame is `?` (no frame pointers) as whole, not damaged', () => {
    const [report] = analyze(HUNG_TASK.join('\n')).reports;
    assert.equal(report.frames.length, 13);
    assert.deepEqual(report.damage, []);
    // Without the addresses of kernels before 4.14 an all-`?` trace is an unwinder gone astray.
    const modern = HUNG_TASK.map((l) => l.replace(/^ \[<[0-9a-f]+>\] /, ' '));
    assert.match(analyze(modern.join('\n')).reports[0].damage.join(), /only unreliable/);
  });
});

// i386 named its fault site on a line of its own (`EIP is at func+0x../0x..`), Red Hat's 2.4 kernels
// in ksymoops' words (`EIP is at func [kernel] 0x5e`), their frames so too, with the stack slot each
// was read from: a 2.6.0-test BUG of linux-kernel (2003), and a 2.4.18 RH 7.x one from syslog (2003).
const I386_2_6_BUG = [
  'kernel BUG at arch/i386/mm/pageattr.c:99!',
  'invalid operand: 0000',
  'CPU:    0',
  'EIP:    0060:[<c011ebea>]    Not tainted',
  'EFLAGS: 00010246',
  'EIP is at __change_page_attr+0x25e/0x270',
  'eax: 00000046   ebx: c1000000   ecx: 00000000   edx: 00000001',
  'Process swapper (pid: 1, threadinfo=edf8e000 task=edf8c030)',
  'Call Trace:',
  ' [<c01a32ac>] __down_write+0x80/0x124',
  ' [<c011a094>] on_each_cpu+0x28/0x48',
  ' [<c011ec3c>] change_page_attr+0x40/0xb8',
];
const RH_2_4_BUG = [
  'Feb  9 04:22:46 cedar-l kernel: kernel BUG at page_alloc.c:130!',
  'Feb  9 04:22:46 cedar-l kernel: invalid operand: 0000',
  'Feb  9 04:22:46 cedar-l kernel: CPU:    1',
  'Feb  9 04:22:46 cedar-l kernel: EIP:    0010:[<c013ac4e>]    Not tainted',
  'Feb  9 04:22:46 cedar-l kernel: EFLAGS: 00010282',
  'Feb  9 04:22:46 cedar-l kernel: EIP is at __free_pages_ok [kernel] 0x5e (2.4.18-19.7.xsmp)',
  'Feb  9 04:22:46 cedar-l kernel: Call Trace: [<c012cdfc>] do_zap_page_range [kernel] 0x37c (0xe0ff5e9c))',
  'Feb  9 04:22:46 cedar-l kernel: [<c0156f1c>] dput [kernel] 0x1c (0xe0ff5ef8))',
  'Feb  9 04:22:46 cedar-l kernel: [<c012d2d0>] zap_page_range [kernel] 0x50 (0xe0ff5f10))',
  'Feb  9 04:22:46 cedar-l kernel: [<c0108c83>] system_call [kernel] 0x33 (0xe0ff5fc0))',
];

describe("i386's `EIP is at` site and Red Hat 2.4's frames", () => {
  it('titles a 2.6 kernel BUG by the function `EIP is at` names', () => {
    const [report] = summarize(analyze(I386_2_6_BUG.join('\n'))).reports;
    assert.equal(report.title, 'kernel BUG in __change_page_attr');
  });

  it("reads 2.4's frames (address, function, module, offset) and titles the report by its site", () => {
    const model = analyze(RH_2_4_BUG.join('\n'));
    const [report] = model.reports;
    assert.deepEqual(
      report.frames.map((f) => [f.function, f.offset, f.address?.toString(16)]),
      [
        ['do_zap_page_range', 0x37c, 'c012cdfc'],
        ['dput', 0x1c, 'c0156f1c'],
        ['zap_page_range', 0x50, 'c012d2d0'],
        ['system_call', 0x33, 'c0108c83'],
      ],
    );
    assert.equal(summarize(model).reports[0].title, 'kernel BUG in __free_pages_ok');
    assert.deepEqual(report.damage, []);
  });
});
