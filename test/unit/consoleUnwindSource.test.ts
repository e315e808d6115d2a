// arm64 since 6.13 marks where its unwinder took a frame's pc from (` (P)`, ` (L)`, ` (T)`, ` (C)`,
// arch/arm64/kernel/stacktrace.c), and %pSb prints a module's build id after its name
// (CONFIG_STACKTRACE_BUILD_ID): such frames stay frames of the trace, and the hover says what the mark means.
import { strict as assert } from 'assert';
import { hoverContext } from '../../server/src/analysis/hover/context';
import { consoleFrame } from '../../server/src/analysis/hover/facts/consoleFrame';
import { analyze } from '../../server/src/analysis/model';
import { parseConsoleFrame } from '../../server/src/analysis/parse/console';
import { summarize } from '../../server/src/analysis/summary';

const OOPS = [
  '[  212.094311][ T4521] Unable to handle kernel NULL pointer dereference at virtual address 0000000000000008',
  '[  212.094930][ T4521] Internal error: Oops: 0000000096000006 [#1]  SMP',
  '[  212.095801][ T4521] CPU: 2 UID: 0 PID: 4521 Comm: kworker/2:3 Not tainted 6.14.0 #1',
  '[  212.096412][ T4521] pc : nvme_complete_rq+0x2c/0x1f0 [nvme_core 6c1e4f0a9d2b38e7f5a0c4d1b2e3f4a5b6c7d8e9]',
  '[  212.096420][ T4521] lr : nvme_pci_complete_rq+0x94/0xb0 [nvme]',
  '[  212.096430][ T4521] Call trace:',
  '[  212.096436][ T4521]  nvme_complete_rq+0x2c/0x1f0 [nvme_core 6c1e4f0a9d2b38e7f5a0c4d1b2e3f4a5b6c7d8e9] (P)',
  '[  212.096446][ T4521]  nvme_pci_complete_rq+0x94/0xb0 [nvme] (L)',
  '[  212.096452][ T4521]  blk_mq_complete_request+0x38/0x58',
  '[  212.096460][ T4521]  nvme_poll_cq+0x1a4/0x2f8 [nvme]',
  '[  212.096468][ T4521]  process_one_work+0x170/0x3c0',
  '[  212.096476][ T4521]  worker_thread+0x2c4/0x3d8',
  '[  212.096484][ T4521]  kthread+0x12c/0x138',
  '[  212.096492][ T4521]  ret_from_fork+0x10/0x20',
  '[  212.096500][ T4521] Code: f9400a61 b4000441 f9401422 (b9400841) ',
];

describe("arm64's unwind-source marks and modules' build ids in console frames", () => {
  it('reads each mark and a build id without losing the frame', () => {
    const cases: [string, string, string | undefined, string | undefined][] = [
      ['handle_softirqs+0x9c/0x310 (P)', 'handle_softirqs', undefined, 'exception-pc'],
      ['__switch_to+0x2b0/0x6e0 (T)', '__switch_to', undefined, 'task'],
      ['nvme_pci_complete_rq+0x94/0xb0 [nvme] (L)', 'nvme_pci_complete_rq', 'nvme', 'exception-lr'],
      ['ext4_map_blocks+0x1c/0x3a0 [ext4 1a2b3c4d5e6f708192a3b4c5d6e7f80912345678]', 'ext4_map_blocks', 'ext4', undefined],
      ['ftrace_caller+0x48/0x70 (CF)', 'ftrace_caller', undefined, 'caller'],
    ];
    for (const [body, fn, module, from] of cases) {
      const frame = parseConsoleFrame(` ${body}`);
      assert.equal(frame?.function, fn, body);
      assert.equal(frame.module, module, body);
      assert.equal(frame.unwoundFrom, from, body);
    }
    // Not a mark: text a person added, or another shape in parentheses.
    assert.equal(parseConsoleFrame(' foo+0x1/0x2 (why?)'), undefined);
  });

  it('keeps every frame of the trace, and faults in the pc line', () => {
    const model = analyze(OOPS.join('\n'));
    assert.deepEqual(
      model.reports[0].frames.map((f) => f.function),
      [
        'nvme_complete_rq',
        'nvme_pci_complete_rq',
        'blk_mq_complete_request',
        'nvme_poll_cq',
        'process_one_work',
        'worker_thread',
        'kthread',
        'ret_from_fork',
      ],
    );
    const [report] = summarize(model).reports;
    assert.deepEqual([report.function, report.module], ['nvme_complete_rq', 'nvme_core']);
  });

  it('says on hover that (P) is an exception pc, not a return address, and (L) its lr', () => {
    const model = analyze(OOPS.join('\n'));
    const card = (line: number, name: string) => {
      const context = hoverContext(model, line, OOPS[line].indexOf(name) + 1);
      return context && (consoleFrame.describe(context) as string | undefined);
    };
    assert.match(card(6, 'nvme_complete_rq') ?? '', /`\(P\)`: the pc saved in an exception's registers .* not a return address/);
    assert.match(card(7, 'nvme_pci_complete_rq') ?? '', /`\(L\)`: the lr saved/);
    assert.equal(card(8, 'blk_mq_complete_request'), undefined);
  });
});
