// `WARNING:` lines that are messages rather than reports: fs/namespace.c's deprecation notice for
// the mand mount option prints no CPU, no site and no trace. It must not open a report, and the
// oops that follows it must not be read as part of it. Real lines of syzbot's report
// (syzkaller.appspot.com/bug?extid=ec365bd7d5b823192c1b) and of an LKP report
// (lore.kernel.org/r/20220420073717.GD16310@xsang-OptiPlex-9020).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { matchReportHeader } from '../../server/src/analysis/parse/console';
import { summarize } from '../../server/src/analysis/summary';

const SYZBOT_OCFS2 = [
  'loop0: detected capacity change from 0 to 32768',
  '=======================================================',
  'WARNING: The mand mount option has been deprecated and',
  '         and is ignored by this kernel. Remove the mand',
  '         option from the mount to silence this warning.',
  '=======================================================',
  'JBD2: Ignoring recovery information on journal',
  'ocfs2: Mounting device (7,0) on (node local, slot 0) with ordered data mode.',
  'Oops: divide error: 0000 [#1] SMP KASAN NOPTI',
  'CPU: 0 UID: 0 PID: 5329 Comm: syz.0.0 Not tainted 6.16.0-rc2-syzkaller-00045-g4663747812d1 #0 PREEMPT(full) ',
  'RIP: 0010:ocfs2_bg_discontig_add_extent fs/ocfs2/suballoc.c:335 [inline]',
  'RIP: 0010:ocfs2_block_group_fill+0x5bd/0xa70 fs/ocfs2/suballoc.c:386',
  'RSP: 0018:ffffc9000d296940 EFLAGS: 00010246',
  'Call Trace:',
  ' <TASK>',
  ' ocfs2_block_group_alloc fs/ocfs2/suballoc.c:703 [inline]',
  ' ocfs2_reserve_suballoc_bits+0x20a6/0x4640 fs/ocfs2/suballoc.c:834',
  ' ocfs2_reserve_new_metadata_blocks+0x403/0x940 fs/ocfs2/suballoc.c:984',
  ' </TASK>',
];

const LKP_I386 = [
  '[   32.170781][ T3729] WARNING: The mand mount option has been deprecated and',
  '[   32.170781][ T3729]          and is ignored by this kernel. Remove the mand',
  '[   32.170781][ T3729]          option from the mount to silence this warning.',
  '[   32.170781][ T3729] =======================================================',
  '[   32.763485][ T3736] _warn_unseeded_randomness: 547 callbacks suppressed',
  '[   35.180590][ T3728] raw_sendmsg: trinity-c4 forgot to set AF_INET. Fix it!',
  '[  224.552132][ T3730] ------------[ cut here ]------------',
  '[ 224.552771][ T3730] WARNING: CPU: 1 PID: 3730 at mm/page_alloc.c:5364 __alloc_pages (mm/page_alloc.c:5364) ',
  '[  224.554257][ T3730] CPU: 1 PID: 3730 Comm: trinity-c6 Not tainted 5.17.0-00020-g5a519c8fe4d6 #1 b54824caf35f46f3e2520057d525606ee99ab517',
  '[ 224.558294][ T3730] EIP: __alloc_pages (mm/page_alloc.c:5364) ',
  '[  224.560750][ T3730] EAX: 00040dc0 EBX: 00000000 ECX: 00000000 EDX: 0000000b',
  '[  224.566305][ T3730] Call Trace:',
  '[ 224.567299][ T3730] kmalloc_order (include/linux/gfp.h:572 include/linux/gfp.h:595 include/linux/gfp.h:609 mm/slab_common.c:944) ',
  '[ 224.567707][ T3730] kmalloc_order_trace (mm/slab_common.c:960) ',
  '[ 224.568173][ T3730] __kmalloc (include/linux/slab.h:510 mm/slub.c:4413) ',
  '[ 224.568571][ T3730] iter_file_splice_write (include/linux/slab.h:? include/linux/slab.h:652 fs/splice.c:628) ',
  '[ 224.570060][ T3730] do_splice (fs/splice.c:767 fs/splice.c:1079) ',
];

describe('WARNING: lines that are messages, not reports', () => {
  it('opens no report at the mand mount option notice, in either of its wordings', () => {
    assert.equal(matchReportHeader('WARNING: The mand mount option has been deprecated and'), undefined);
    assert.equal(matchReportHeader('WARNING: the mand mount option is being deprecated and'), undefined);
    // A WARN() and a message of no known kind still open reports.
    assert.equal(matchReportHeader('WARNING: CPU: 1 PID: 3730 at mm/page_alloc.c:5364 __alloc_pages+0x1/0x2')?.kind, 'warning');
    assert.equal(matchReportHeader("WARNING: ath10k USB support is incomplete, don't expect anything to work!")?.kind, 'other');
  });

  it('reads the oops after the notice as a report of its own, from its own header', () => {
    const reports = summarize(analyze(SYZBOT_OCFS2.join('\n'))).reports;
    assert.deepEqual(
      reports.map((r) => [r.kind, r.line, r.title, r.function]),
      [['oops', 9, 'divide error in ocfs2_block_group_fill', 'ocfs2_block_group_fill']],
    );
  });

  it('leaves the WARN() of the same log the only report', () => {
    const reports = summarize(analyze(LKP_I386.join('\n'))).reports;
    assert.deepEqual(
      reports.map((r) => [r.kind, r.line, r.title]),
      [['warning', 8, 'WARNING in iter_file_splice_write']],
    );
  });
});
