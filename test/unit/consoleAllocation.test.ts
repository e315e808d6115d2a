// Memory the kernel could not get: the OOM killer's report (its header after the task's name) and
// warn_alloc's page allocation failure, titled by the code that asked rather than by the request's
// flags, which differ run to run. Excerpts of public reports (inducer/relate issue 1383, an LKML
// thread of 2008 as quoted in mail, openzfs/spl issue 217, coreos/bugs issue 1106, the boot log of
// SaxonSoc's TangSmpLinux README).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

const triage = (lines: string[]) =>
  summarize(analyze(lines.join('\n'))).reports.map((r) => `${r.kind} | ${r.title} | ${r.function ?? '-'} | ${r.module ?? '-'}`);

// 6.16 x86_64 as `dmesg -T` printed it.
const OOM = [
  '[Mon Dec  8 17:51:31 2025] postgres invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO|__GFP_COMP), order=0, oom_score_adj=0',
  '[Mon Dec  8 17:51:31 2025] CPU: 1 UID: 104 PID: 1073875 Comm: postgres Not tainted 6.16.9+deb14-amd64 #1 PREEMPT(lazy)  Debian 6.16.9-1 ',
  '[Mon Dec  8 17:51:31 2025] Hardware name: VMware, Inc. VMware Virtual Platform/440BX Desktop Reference Platform, BIOS 6.00 11/12/2020',
  '[Mon Dec  8 17:51:31 2025] Call Trace:',
  '[Mon Dec  8 17:51:31 2025]  <TASK>',
  '[Mon Dec  8 17:51:31 2025]  dump_stack_lvl+0x5d/0x80',
  '[Mon Dec  8 17:51:31 2025]  dump_header+0x43/0x1aa',
  '[Mon Dec  8 17:51:31 2025]  oom_kill_process.cold+0xa/0xab',
  '[Mon Dec  8 17:51:31 2025]  out_of_memory+0x217/0x4b0',
  '[Mon Dec  8 17:51:31 2025]  __alloc_pages_slowpath.constprop.0+0xc2d/0xdd0',
  '[Mon Dec  8 17:51:31 2025]  __alloc_frozen_pages_noprof+0x307/0x320',
  '[Mon Dec  8 17:51:31 2025]  alloc_pages_mpol+0x7d/0x180',
  '[Mon Dec  8 17:51:31 2025]  vma_alloc_folio_noprof+0x6e/0xd0',
  '[Mon Dec  8 17:51:31 2025]  do_anonymous_page+0x33c/0x9b0',
];

// 2.6 i386 in a system log quoted in mail, its day's padding squeezed, cut inside the allocator.
const QUOTED_OOM = [
  '> Feb 4 16:15:15 kernel: df_inode invoked oom-killer: gfp_mask=0xd0,',
  'order=0, oomkilladj=0',
  '> Feb 4 16:15:16 kernel: [<c01408cb>] out_of_memory+0x69/0x18e',
  '> Feb 4 16:15:16 kernel: [<c0141eca>] __alloc_pages+0x1fc/0x283',
];

// 5.0 riscv32 on a serial console, where a program's output ran into the header's line.
const OOM_AFTER_OUTPUT = [
  'Running sysctl: [ 5201.325838] klogd invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0',
  '[ 5201.338258] CPU: 0 PID: 50 Comm: klogd Not tainted 5.0.9 #1',
  '[ 5201.344765] Call Trace:',
  '[ 5201.348287] [<c002677c>] walk_stackframe+0x0/0xfc',
  '[ 5201.354211] [<c00269b0>] show_stack+0x3c/0x50',
  '[ 5201.359824] [<c0283238>] dump_stack+0x84/0xb0',
  '[ 5201.365388] [<c00a37d4>] dump_header+0x60/0x270',
  '[ 5201.371129] [<c00a2ac8>] oom_kill_process+0x124/0x484',
  '[ 5201.377408] [<c00a3420>] out_of_memory+0xc8/0x3a4',
  '[ 5201.383378] [<c00a80e4>] __alloc_pages_nodemask+0x67c/0xb14',
  '[ 5201.390207] [<c009f494>] filemap_fault+0x378/0x5e4',
  '[ 5201.396241] [<c00ca960>] __do_fault+0x48/0x100',
];

// 3.8 x86_64, a test module's allocation.
const PAGE_ALLOCATION_FAILURE = [
  'splat: page allocation failure: order:0, mode:0x10d0',
  'Pid: 31170, comm: splat Tainted: P         C O 3.8.0-1-mainline #1',
  'Call Trace:',
  ' [<ffffffff8112457c>] warn_alloc_failed+0xec/0x140',
  ' [<ffffffff811278e6>] ? drain_local_pages+0x16/0x20',
  ' [<ffffffff811280c5>] __alloc_pages_nodemask+0x785/0xa40',
  ' [<ffffffff81164af8>] alloc_pages_current+0xb8/0x180',
  ' [<ffffffff811238be>] __get_free_pages+0xe/0x40',
  ' [<ffffffffa060d6ee>] splat_kmem_test13+0x21e/0x640 [splat]',
  ' [<ffffffffa060a6c3>] splat_unlocked_ioctl+0x283/0x750 [splat]',
  ' [<ffffffff811c527b>] ? fsnotify+0x24b/0x320',
  ' [<ffffffff81197260>] do_vfs_ioctl+0x90/0x510',
  'Mem-Info:',
  'Node 0 DMA per-cpu:',
];

// syzbot's 4.20 log: another task's OOM killer prints into a panic's call trace.
const OOM_INSIDE_PANIC = [
  '[  200.999653] Kernel panic - not syncing: corrupted stack end detected inside scheduler',
  '[  201.007844] CPU: 1 PID: 7 Comm: kworker/u4:0 Not tainted 4.20.0+ #252',
  '[  201.023901] Workqueue: writeback wb_workfn (flush-8:0)',
  '[  201.029181] Call Trace:',
  '[  201.031778]  dump_stack+0x1d3/0x2c6',
  '[  201.040625]  panic+0x2ad/0x55f',
  '[  201.076801]  __schedule+0x1ec6/0x1ed0',
  '[  201.261080]  add_to_page_cache_lru+0x355/0xdb0',
  '[  201.264929] syz-executor642 invoked oom-killer: gfp_mask=0x6202c2(GFP_HIGHUSER|__GFP_NOWARN), nodemask=(null), order=0, oom_score_adj=1000',
  '[  201.318813] syz-executor642 cpuset=syz4 mems_allowed=0-1',
  '[  201.324288]  pagecache_get_page+0x53a/0xf00',
  '[  202.092390]  wb_workfn+0xee9/0x1790',
  '[  202.218262]  process_one_work+0xc90/0x1c40',
];

describe('reports of memory the kernel could not get', () => {
  it("keeps the report another task's OOM killer prints into, as syzkaller reads it", () => {
    const [report, ...others] = summarize(analyze(OOM_INSIDE_PANIC.join('\n'))).reports;
    assert.equal(others.length, 0);
    assert.equal(report.title, 'kernel panic: corrupted stack end in wb_workfn');
    assert.deepEqual(
      report.frames.slice(-3).map((f) => f.function),
      ['pagecache_get_page', 'wb_workfn', 'process_one_work'],
    );
  });

  it("reads the OOM killer's report after the task's name, titled by the code that asked", () => {
    assert.deepEqual(triage(OOM), ['oom | out of memory in do_anonymous_page | do_anonymous_page | -']);
  });

  it("reads an OOM killer's trace pasted without its header as its report, titled by the code that asked", () => {
    // The 6.16 report above, cut before its `invoked oom-killer:` and CPU lines (a paste that starts at the trace).
    assert.deepEqual(triage(OOM.slice(3)), ['oom | out of memory in do_anonymous_page | do_anonymous_page | -']);
  });

  it("reads its header after another program's output that ran into its line on a serial console", () => {
    assert.deepEqual(triage(OOM_AFTER_OUTPUT), ['oom | out of memory in filemap_fault | filemap_fault | -']);
  });

  it('reads it in a mail-quoted system log, and names no allocator or OOM-killer frame as its function', () => {
    assert.deepEqual(triage(QUOTED_OOM), ['oom | out of memory in corrupted | - | -']);
  });

  it("titles a page allocation failure by its caller, not by the request's flags", () => {
    assert.deepEqual(triage(PAGE_ALLOCATION_FAILURE), [
      'warning | page allocation failure in splat_kmem_test13 | splat_kmem_test13 | splat',
    ]);
    const otherMode = [
      'splat: page allocation failure: order:0, mode:0x2084120(GFP_ATOMIC|__GFP_COLD|__GFP_COMP)',
      ...PAGE_ALLOCATION_FAILURE.slice(1),
    ];
    const [a, b] = [otherMode, PAGE_ALLOCATION_FAILURE].map((lines) => summarize(analyze(lines.join('\n'))).reports[0].signature);
    assert.equal(a, b);
  });
});
