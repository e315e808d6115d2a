// KASAN's allocation and free stacks (`Allocated by task N:`, `Freed by task N:`) are records of
// earlier stacks of the object: their frames are marked as such and never give the report its
// function, module or signature. Real lines of an LKP report whose printk caller id follows the
// timestamp after a blank (lore.kernel.org/oe-lkp/202604150702.d409a2b6-lkp@intel.com, 7.0-rc4) and
// of syzkaller's report 213 (github.com/google/syzkaller, pkg/report/testdata/linux/report/213),
// where another CPU's WARNING printed its RIP into the free stack.
import { strict as assert } from 'assert';
import { LineKind } from '../../server/src/analysis/lineKinds';
import { analyze } from '../../server/src/analysis/model';
import { consoleCaller, consolePrefixLength } from '../../server/src/analysis/parse/console';
import { summarize } from '../../server/src/analysis/summary';

const LKP_KASAN = [
  'kern  :err   : [   27.966990] [    T399] ==================================================================',
  'kern  :err   : [   27.968126] [    T399] BUG: KASAN: slab-out-of-bounds in parse_vswing_preemph_snps+0x2dd/0x430 [i915]',
  'kern  :err   : [   27.969712] [    T399] Read of size 4 at addr ffff8881eba2c49d by task (udev-worker)/399',
  'kern  :err   : [   27.971142] [    T399] Call Trace:',
  'kern  :err   : [   27.971144] [    T399]  <TASK>',
  'kern  :err   : [   27.971145] [    T399]  dump_stack_lvl+0x47/0x70',
  'kern  :err   : [   27.971152] [    T399]  print_address_description+0x88/0x320',
  'kern  :err   : [   27.971156] [    T399]  ? parse_vswing_preemph_snps+0x2dd/0x430 [i915]',
  'kern  :err   : [   27.971355] [    T399]  print_report+0x106/0x1f4',
  'kern  :err   : [   27.971533] [    T399]  kasan_report+0xb5/0xf0',
  'kern  :err   : [   27.971704] [    T399]  parse_vswing_preemph_snps+0x2dd/0x430 [i915]',
  'kern  :err   : [   27.971868] [    T399]  intel_bios_init+0xcc1/0x14b0 [i915]',
  'kern  :err   : [   27.972105] [    T399]  intel_display_driver_probe_noirq+0x8d/0x870 [i915]',
  'kern  :err   : [   27.973544] [    T399]  entry_SYSCALL_64_after_hwframe+0x76/0x7e',
  'kern  :err   : [   27.973546] [    T399] RIP: 0033:0x7f3689aa8779',
  'kern  :err   : [   27.973561] [    T399]  </TASK>',
  '',
  'kern  :err   : [   28.051757] [    T399] Allocated by task 399:',
  'kern  :warn  : [   28.052350] [    T399]  kasan_save_stack+0x1e/0x70',
  'kern  :warn  : [   28.054278] [    T399]  __kmalloc_noprof+0x1d8/0x5f0',
  'kern  :warn  : [   28.054944] [    T399]  init_bdb_block+0x128/0xc30 [i915]',
  'kern  :warn  : [   28.055915] [    T399]  intel_bios_init+0x4de/0x14b0 [i915]',
  '',
  'kern  :err   : [   28.072915] [    T399] The buggy address belongs to the object at ffff8881eba2c000',
  'kern  :err   : [   28.097247] [    T399] ==================================================================',
];

const INTERLEAVED_SITE = [
  '[  357.023478] BUG: KASAN: slab-out-of-bounds in rds_cong_queue_updates+0x4d3/0x4f0',
  '[  357.031000] Read of size 4 at addr ffff8801b3c58144 by task syz-executor4/6684',
  '[  357.074113] Call Trace:',
  '[  357.076685]  dump_stack+0x194/0x24d',
  '[  357.112447]  kasan_report+0x23c/0x360',
  '[  357.116238]  __asan_report_load4_noabort+0x14/0x20',
  '[  357.121149]  rds_cong_queue_updates+0x4d3/0x4f0',
  '[  357.130217]  rds_recv_rcvbuf_delta.part.2+0x289/0x320',
  '[  357.135399]  rds_recv_incoming+0xeb4/0x11d0',
  '[  357.542114] Freed by task 4277:',
  '[  357.546420]  ? compat_copy_entries+0xd92/0x1150',
  '[  357.550789]  save_stack+0x43/0xd0',
  '[  357.555513]  __warn+0x1dc/0x200',
  '[  357.557115]  __kasan_slab_free+0x11a/0x170',
  '[  357.564999]  kasan_slab_free+0xe/0x10',
  '[  357.565007]  kmem_cache_free+0x83/0x2a0',
  '[  357.671575] RIP: 0010:compat_copy_entries+0xd92/0x1150',
  '[  357.724418]  ? compat_copy_entries+0xd92/0x1150',
  '[  357.735343]  ? compat_copy_entries+0xd92/0x1150',
];

function onlyReport(lines: string[]) {
  const reports = summarize(analyze(lines.join('\n'))).reports;
  assert.equal(reports.length, 1);
  return reports[0];
}

describe("KASAN's allocation and free stacks", () => {
  it('reads a caller id printed a blank after the timestamp as part of the prefix', () => {
    const line = 'kern  :err   : [   28.051757] [    T399] Allocated by task 399:';
    const prefix = consolePrefixLength(line);
    assert.equal(line.slice(prefix), 'Allocated by task 399:');
    assert.equal(consoleCaller(line, prefix), 'T399');
    assert.equal(
      consoleCaller('[  357.542114] Freed by task 4277:', consolePrefixLength('[  357.542114] Freed by task 4277:')),
      undefined,
    );
  });

  it("marks the allocation stack's frames and keeps the report's function and module from its own trace", () => {
    const report = onlyReport(LKP_KASAN);
    assert.deepEqual(
      [report.kind, report.title, report.function, report.module],
      ['kasan', 'KASAN: slab-out-of-bounds Read in parse_vswing_preemph_snps', 'parse_vswing_preemph_snps', 'i915'],
    );
    assert.deepEqual(
      report.frames.filter((f) => f.context === 'allocated').map((f) => f.function),
      ['kasan_save_stack', '__kmalloc_noprof', 'init_bdb_block', 'intel_bios_init'],
    );
    assert.ok(report.frames.filter((f) => f.context !== 'allocated').every((f) => f.line < 18));
  });

  it('takes no fault site from among the frames of the free stack', () => {
    const report = onlyReport(INTERLEAVED_SITE);
    assert.deepEqual(
      [report.kind, report.title, report.function],
      ['kasan', 'KASAN: slab-out-of-bounds Read in rds_cong_queue_updates', 'rds_cong_queue_updates'],
    );
    assert.ok(report.frames.some((f) => f.context === 'freed' && f.function === 'kmem_cache_free'));
  });

  it('leaves the recorded stacks out of the signature', () => {
    const withOtherAllocation = LKP_KASAN.map((l) => l.replace('init_bdb_block+0x128/0xc30', 'other_alloc+0x10/0x20'));
    assert.equal(onlyReport(withOtherAllocation).signature, onlyReport(LKP_KASAN).signature);
  });
});

// KASan before 4.4 (mm/kasan/report.c): the bug in words, the access on the next line.
const OLD_KASAN = [
  '[  110.129037] BUG: KASan: use after free in ext4_es_lookup_extent+0x2b8/0x2d0 at addr ffff8800a4d8f1a8',
  '[  110.129043] Read of size 4 by task kworker/u8:2/123',
  '[  110.129052] CPU: 1 PID: 123 Comm: kworker/u8:2 Not tainted 4.3.0-rc3+ #1',
  '[  110.129060] Call Trace:',
  '[  110.129066]  [<ffffffff81b1d2a7>] dump_stack+0x44/0x55',
  '[  110.129073]  [<ffffffff8150b1e6>] kasan_report_error+0x2d6/0x3a0',
  '[  110.129097]  [<ffffffff813ab0f8>] ext4_es_lookup_extent+0x2b8/0x2d0',
  '[  110.129105]  [<ffffffff8136c3a9>] ext4_map_blocks+0x89/0x7f0',
];

describe('KASan reports of 4.0–4.3', () => {
  it('reads them as KASAN reports titled with the names KASAN uses today', () => {
    const cases: [string, string][] = [
      ['use after free', 'KASAN: use-after-free Read in ext4_es_lookup_extent'],
      ['out of bounds access', 'KASAN: out-of-bounds Read in ext4_es_lookup_extent'],
      ['out of bounds on stack', 'KASAN: stack-out-of-bounds Read in ext4_es_lookup_extent'],
    ];
    for (const [words, title] of cases) {
      const text = OLD_KASAN.join('\n').replace('use after free', words);
      const model = analyze(text);
      assert.equal(model.reports[0].kind, 'kasan');
      const [report] = summarize(model).reports;
      assert.equal(report.title, title);
      assert.equal(report.function, 'ext4_es_lookup_extent');
    }
  });
});

describe('a KASAN header a mailer wrapped after its `in`', () => {
  it('reads the function on the next line as the header its title names', () => {
    // A driver's issue (6.6, a mail client folding at 72 columns).
    const lines = [
      '[ 3369.295177] BUG: KASAN: use-after-free in ',
      'idempotent_init_module+0x5d0/0x750',
      '[ 3369.295186] Read of size 8 at addr ffff88814c2afde8 by task ',
      'insmod/17523',
      '[ 3369.295199] Call Trace:',
      '[ 3369.295201]  <TASK>',
      '[ 3369.295203]  dump_stack_lvl+0x4b/0x80',
      '[ 3369.295209]  print_report+0xcf/0x660',
      '[ 3369.295223]  kasan_report+0xb3/0xf0',
      '[ 3369.295232]  idempotent_init_module+0x5d0/0x750',
      '[ 3369.295255]  __x64_sys_finit_module+0xc0/0x140',
    ];
    const [report] = summarize(analyze(lines.join('\n'))).reports;
    assert.equal(`${report.kind}: ${report.title}`, 'kasan: KASAN: use-after-free Read in idempotent_init_module');
    assert.equal(report.function, 'idempotent_init_module');
  });
});

// The shadow rows under `Memory state around the buggy address:`, pasted without printk timestamps
// (a ppc64le KASAN report of a stable commit message, nvme-multipath): each row is the shadow of the
// 16 bytes × 8 it names, not what they hold.
const SHADOW_ROWS = [
  'BUG: KASAN: slab-out-of-bounds in nvme_mpath_add_disk+0x1a4/0x2d0 [nvme_core]',
  'Write of size 8 at addr c00020003bda35b8 by task kworker/u641:2/1997',
  '',
  'Memory state around the buggy address:',
  ' c00020003bda3480: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
  ' c00020003bda3500: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00',
  '>c00020003bda3580: 00 00 00 00 00 00 00 fc fc fc fc fc fc fc fc fc',
  '                                        ^',
  ' c00020003bda3600: fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc',
  ' c00020003bda3680: fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc',
  '==================================================================',
];

describe("KASAN's shadow rows", () => {
  it('reads them as the report’s lines, never as memory the addresses hold', () => {
    const model = analyze(SHADOW_ROWS.join('\n'));
    assert.equal(model.memory.wordCount, 0);
    const [report] = model.reports;
    assert.equal(report.endLine, SHADOW_ROWS.length - 2);
    for (let i = 4; i <= 9; i++) assert.equal(model.lineKinds[i], LineKind.ConsoleLine, SHADOW_ROWS[i]);
  });

  it('still reads a dump line after the report as memory', () => {
    const lines = [...SHADOW_ROWS, ...Array<string>(8).fill(''), 'c00020003bda3480:  0000000000000000 0000000000000000'];
    assert.ok(analyze(lines.join('\n')).memory.wordCount > 0);
  });
});
