// A paste whose selection started inside the first line's timestamp: its `[` is gone
// (`17032.567735] divide error: …`, `  2.510619] BUG: …` with the stamp's padding), every later line
// keeps it. A divide error of github.com/openzfs/zfs/issues/11382, unedited; a page fault of an LKML
// report (linux-next 20230323, a serial console's `^M` kept).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

const DIVIDE_ERROR = [
  '17032.567735] divide error: 0000 [#1] PREEMPT SMP NOPTI',
  '[17032.567743] CPU: 0 PID: 2979329 Comm: z_wr_int Tainted: P           OE     5.10.5-arch1-1 #1',
  '[17032.567745] Hardware name: System manufacturer System Product Name/PRIME B350-PLUS, BIOS 5407 12/31/2019',
  '[17032.567827] RIP: 0010:spa_taskq_dispatch_ent+0xb0/0xc0 [zfs]',
  '[17032.567833] Code: c7 04 24 00 00 00 00 48 c7 44 24 08 00 00 00 00 e8 15 f9 b7 e5 8b 8b 78 01 00 00 31 d2 48 69 04 24 00 ca 9a 3b 48 03 44 24 08 <48> f7 f1 49 8b 3c d7 eb 9a e8 52 03 4d e6 66 90 0f 1f 44 00 00 41',
  '[17032.567835] RSP: 0018:ffffa6908fb3bcf8 EFLAGS: 00010206',
  '[17032.567839] RAX: 00000f7da4431a09 RBX: ffff8e93047ac480 RCX: 0000000000000000',
  '[17032.567840] RDX: 0000000000000000 RSI: 0000000000ba304d RDI: 0000000000970036',
  '[17032.567842] RBP: ffffffffc1a14030 R08: 0011bcecc974d232 R09: 0000000008000000',
  '[17032.567843] R10: 0000000000000000 R11: 0000000000000000 R12: ffff8e94e3f71d40',
  '[17032.567845] R13: 0000000008000000 R14: ffff8e94e3f72198 R15: 0000000000000000',
  '[17032.567847] FS:  0000000000000000(0000) GS:ffff8e953e800000(0000) knlGS:0000000000000000',
  '[17032.567849] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033',
  '[17032.567850] CR2: 00002d9efffb6000 CR3: 00000002b9aca000 CR4: 00000000003506f0',
  '[17032.567852] Call Trace:',
];

describe('triage: a header whose timestamp lost its bracket', () => {
  it('reads the later lines as the same printer, so the RIP names the function', () => {
    const [report] = summarize(analyze(DIVIDE_ERROR.join('\n'))).reports;
    assert.equal(report.title, 'divide error in spa_taskq_dispatch_ent');
    assert.equal(report.function, 'spa_taskq_dispatch_ent');
  });

  it('reads a header cut inside its padded timestamp (`  2.510619] BUG: …`)', () => {
    const lines = [
      '  2.510619] BUG: unable to handle page fault for address: 0000000008100111^M',
      '[    2.513951] #PF: supervisor read access in kernel mode^M',
      '[    2.513951] #PF: error_code(0x0000) - not-present page^M',
      '[    2.513951] Oops: 0000 [#1] PREEMPT SMP NOPTI^M',
      '[    2.513951] RIP: 0010:vma_merge+0xe4/0xc50^M',
    ];
    const [report] = summarize(analyze(lines.join('\n'))).reports;
    assert.deepEqual(
      [report.line, report.title, report.function],
      [1, 'BUG: unable to handle kernel paging request in vma_merge', 'vma_merge'],
    );
  });
});
