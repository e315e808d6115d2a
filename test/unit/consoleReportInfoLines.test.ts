// Lines a report prints with `INFO:` of its own: SLUB's object details and its allocation and free
// stacks, a hung task's blocker (6.14+). They go on the report that prints them; alone, with that
// report's header lost, they head a report (syzkaller titles one `INFO: Freed in …`).
// - SLUB_POISON: abrt/satyr tests/kerneloopses/gitlog-07 (i386; its hex dump left out);
// - HUNG_TASK_BLOCKER: LKML, Lance Yang, "hung_task: show the blocker task if the task is hung on
//   semaphore" v3 (6.14-rc3 arm64, dmesg -T; the traces' last frames left out).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { isLiveStack } from '../../server/src/analysis/parse/console';
import { formatSummary, summarize } from '../../server/src/analysis/summary';

const SLUB_POISON = [
  '[   99.408388] =============================================================================',
  '[   99.408393] BUG kmalloc-64 (Not tainted): Poison overwritten',
  '[   99.408394] -----------------------------------------------------------------------------',
  '[   99.408394]',
  '[   99.408398] INFO: 0xf2751962-0xf2751995. First byte 0x98 instead of 0x6b',
  '[   99.408402] INFO: Allocated in 0xfdc88c28 age=79 cpu=0 pid=1329',
  '[   99.408407]  __slab_alloc.isra.50.constprop.56+0x49f/0x533',
  '[   99.408410]  kmem_cache_alloc_trace+0x10d/0x140',
  '[   99.408412]  0xfdc88c28',
  '[   99.408414]  0xfdc898cc',
  '[   99.408417]  do_one_initcall+0x112/0x160',
  '[   99.408420]  sys_init_module+0xe6d/0x1bc0',
  '[   99.408422]  sysenter_do_call+0x12/0x28',
  '[   99.408427] INFO: Freed in hotkey_exit+0x50/0xb0 [thinkpad_acpi] age=14 cpu=1 pid=1333',
  '[   99.408429]  __slab_free+0x3d/0x30b',
  '[   99.408431]  kfree+0x129/0x140',
  '[   99.408435]  hotkey_exit+0x50/0xb0 [thinkpad_acpi]',
  '[   99.408438]  ibm_exit+0xe3/0x1a0 [thinkpad_acpi]',
  '[   99.408441]  thinkpad_acpi_module_exit+0x35/0x208 [thinkpad_acpi]',
  '[   99.408443]  sys_delete_module+0x11f/0x280',
  '[   99.408445]  sysenter_do_call+0x12/0x28',
  '[   99.408447] INFO: Slab 0xf4d5ea20 objects=17 used=17 fp=0x  (null) flags=0x40000080',
];

const HUNG_TASK_BLOCKER = [
  '[Thu Mar 13 15:18:38 2025] INFO: task cat:1803 blocked for more than 122 seconds.',
  '[Thu Mar 13 15:18:38 2025] task:cat             state:D stack:0     pid:1803  tgid:1803  ppid:1057   task_flags:0x400000 flags:0x00000004',
  '[Thu Mar 13 15:18:38 2025] Call trace:',
  '[Thu Mar 13 15:18:38 2025]  __switch_to+0x1ec/0x380 (T)',
  '[Thu Mar 13 15:18:38 2025]  __schedule+0xc30/0x44f8',
  '[Thu Mar 13 15:18:38 2025]  schedule+0xb8/0x3b0',
  '[Thu Mar 13 15:18:38 2025]  schedule_timeout+0x1d0/0x208',
  '[Thu Mar 13 15:18:38 2025]  __down_common+0x2d4/0x6f8',
  '[Thu Mar 13 15:18:38 2025]  __down+0x24/0x50',
  '[Thu Mar 13 15:18:38 2025]  down+0xd0/0x140',
  '[Thu Mar 13 15:18:38 2025]  read_dummy+0x3c/0xa0 [hung_task_sem]',
  '[Thu Mar 13 15:18:38 2025] INFO: task cat:1803 blocked on a semaphore likely last held by task cat:1802',
  '[Thu Mar 13 15:18:38 2025] task:cat             state:S stack:0     pid:1802  tgid:1802  ppid:1057   task_flags:0x400000 flags:0x00000004',
  '[Thu Mar 13 15:18:38 2025] Call trace:',
  '[Thu Mar 13 15:18:38 2025]  __switch_to+0x1ec/0x380 (T)',
  '[Thu Mar 13 15:18:38 2025]  __schedule+0xc30/0x44f8',
  '[Thu Mar 13 15:18:38 2025]  schedule+0xb8/0x3b0',
];

/** Title, function and lines of each report. */
function reports(lines: string[]): string[] {
  return summarize(analyze(lines.join('\n'))).reports.map((r) => `${r.title} | ${r.function ?? '-'} | ${r.line}-${r.endLine}`);
}

describe("console: a report's own `INFO:` lines", () => {
  it("SLUB's free stack and object details belong to its report, whose function the free stack names", () => {
    const [poison, ...others] = reports(SLUB_POISON);
    assert.deepEqual(others, []);
    assert.match(poison, /^BUG kmalloc-NUM \(Not tainted\): Poison overwritten \| hotkey_exit \| 2-22$/);
  });

  it("a hung task's blocker belongs to its report", () => {
    assert.deepEqual(
      reports(HUNG_TASK_BLOCKER).map((r) => r.split(' | ').slice(0, 2).join(' | ')),
      ['INFO: task hung in read_dummy | read_dummy'],
    );
  });

  it("keeps the blocker's stack apart from the hung task's, as a stack running at the time", () => {
    const [report] = analyze(HUNG_TASK_BLOCKER.join('\n')).reports;
    const own = report.frames.filter((f) => f.section === undefined).map((f) => f.function);
    assert.deepEqual(own, [
      '__switch_to',
      '__schedule',
      'schedule',
      'schedule_timeout',
      '__down_common',
      '__down',
      'down',
      'read_dummy',
    ]);
    const holder = report.frames.filter((f) => f.section !== undefined);
    assert.deepEqual(
      holder.map((f) => f.function),
      ['__switch_to', '__schedule', 'schedule'],
    );
    assert.ok(holder.every((f) => isLiveStack(f.section!)));
    // `crashlog analyze` heads each stack, so that the holder's frames do not read as the hung task's.
    const text = formatSummary(summarize(analyze(HUNG_TASK_BLOCKER.join('\n'))));
    assert.match(
      text,
      /blocked for more than 122 seconds\.\n {2}__switch_to\+0x1ec\/0x380 .*\n(?: {2}\w.*\n){7} {2}-- INFO: task/,
    );
    assert.match(
      text,
      /\n {2}-- INFO: task cat:1803 blocked on a semaphore likely last held by task cat:1802 --\n {2}__switch_to\+0x1ec\/0x380 /,
    );
  });
});
