// s390x oopses as real kernels print them: `Unable to handle kernel pointer dereference in virtual
// kernel address space` whatever the address, the function in the PSW line, the trace's first entry
// in parentheses (r14), and NULL where a jump to NULL or an empty r14 left no symbol. Real lines of
// reports on linux-mm (6.9-rc6, lore.kernel.org/r/ZjJCdodEf4CBa1N7@li-008a6a4c-3549-11b2-a85c-c5cc2836eea2.ibm.com),
// linux-next (5.3, lore.kernel.org/r/your-ad-here.call-01565700115-ext-9407@work.hours) and an LTP
// crash (5.0, lore.kernel.org/r/a5234d11b8cc158352a2f97fc33aa9ad90bb287b.1551550112.git.jstancek@redhat.com).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

const FOLIO_OOPS = [
  '[  507.227423] Unable to handle kernel pointer dereference in virtual kernel address space',
  '[  507.227432] Failing address: 000001d689000000 TEID: 000001d689000803',
  '[  507.227435] Fault in home space mode while using kernel ASCE.',
  '[  507.227439] AS:0000000180788007 R3:00000001fe2cc007 S:0000000000000020 ',
  '[  507.227492] Oops: 0010 ilc:3 [#1] SMP ',
  '[  507.230574] Hardware name: IBM 3931 A01 703 (z/VM 7.3.0)',
  '[  507.230576] Krnl PSW : 0704f00180000000 0000025e1092a430 (folio_remove_rmap_ptes+0xe0/0x140)',
  '[  507.230588]            R:0 T:1 IO:1 EX:1 Key:0 M:1 W:0 P:0 AS:3 CC:3 PM:0 RI:0 EA:3',
  '[  507.230672] Call Trace:',
  '[  507.230678]  [<0000025e1092a430>] folio_remove_rmap_ptes+0xe0/0x140 ',
  '[  507.230682] ([<0000025e1092a428>] folio_remove_rmap_ptes+0xd8/0x140)',
  '[  507.230685]  [<0000025e1090d76a>] zap_present_ptes.isra.0+0x222/0x918 ',
  '[  507.230689]  [<0000025e1090e008>] zap_pte_range+0x1a8/0x4e8 ',
  '[  507.230780] Last Breaking-Event-Address:',
  '[  507.230783]  [<0000025e1099e32a>] __lruvec_stat_mod_folio+0x7a/0xb0',
  '[  507.230789] Kernel panic - not syncing: Fatal exception: panic_on_oops',
];

const JUMP_TO_NULL = [
  '[ 3972.384027] Unable to handle kernel pointer dereference in virtual kernel address space',
  '[ 3972.384031] Failing address: 0000000000000000 TEID: 0000000000000887',
  '[ 3972.384051] Oops: 0004 ilc:1 [#1] SMP ',
  '[ 3972.384086] Hardware name: IBM 3906 M04 704 (LPAR)',
  '[ 3972.384087] Krnl PSW : 0704c00180000000 0000000000000000 (0x0)',
  '[ 3972.384090]            R:0 T:1 IO:1 EX:1 Key:0 M:1 W:0 P:0 AS:3 CC:0 PM:0 RI:0 EA:3',
  '[ 3972.384116] Call Trace:',
  '[ 3972.384122] ([<00000000734a1486>] do_dentry_open+0x206/0x3c0)',
  '[ 3972.384125]  [<00000000734b8c1e>] do_last+0x16e/0x918 ',
  '[ 3972.384126]  [<00000000734b944e>] path_openat+0x86/0x2b8 ',
  '[ 3972.384128]  [<00000000734baa64>] do_filp_open+0x7c/0xf8 ',
  '[ 3972.384134]  [<0000000073c457cc>] system_call+0xd8/0x2c8 ',
  '[ 3972.384135] Last Breaking-Event-Address:',
  '[ 3972.384139]  [<00000000736ae3fa>] default_open_file+0x5a/0x78',
  '[ 3972.384141] Kernel panic - not syncing: Fatal exception: panic_on_oops',
];

// Pasted without the header: the PSW still names the function; the NULL r14 is no frame.
const NULL_R14 = [
  '  CPU: 0 PID: 2611 Comm: mmap1 Not tainted 5.0.0-rc8+ #51',
  '  Hardware name: IBM 2964 N63 400 (z/VM 6.4.0)',
  '  Krnl PSW : 0404e00180000000 00000000001ac8d8 (__lock_acquire+0x7/0x7a8)',
  '  Call Trace:',
  '  ([<0000000000000000>]           (null))',
  '   [<00000000001adae4>] lock_acquire+0xec/0x258',
  '   [<000000000080d1ac>] _raw_spin_lock_bh+0x5c/0x98',
  '   [<000000000012a780>] page_table_free+0x48/0x1a8',
  '   [<00000000002f6e54>] do_fault+0xdc/0x670',
];

function leading(lines: string[]) {
  const summary = summarize(analyze(lines.join('\n')));
  assert.equal(summary.arch, 's390x');
  return summary.reports[summary.leadingReport ?? 0];
}

describe('s390x oops titles', () => {
  it("is titled and located by the PSW's function", () => {
    const report = leading(FOLIO_OOPS);
    assert.deepEqual(
      [report.kind, report.title, report.function],
      ['paging', 'BUG: unable to handle kernel pointer dereference in folio_remove_rmap_ptes', 'folio_remove_rmap_ptes'],
    );
  });

  it('names the first sure frame of the trace when the PSW points at NULL', () => {
    const report = leading(JUMP_TO_NULL);
    assert.deepEqual(
      [report.kind, report.title, report.function],
      ['paging', 'BUG: unable to handle kernel pointer dereference in do_last', 'do_last'],
    );
    assert.ok(report.alternativeTitles.includes('bad-access in do_last'));
  });

  it('never takes a NULL r14 for a frame or the function', () => {
    const report = leading(NULL_R14);
    assert.equal(report.function, '__lock_acquire');
    assert.deepEqual(
      report.frames.map((f) => f.function),
      ['lock_acquire', '_raw_spin_lock_bh', 'page_table_free', 'do_fault'],
    );
  });
});
