// x86_64 kernels before 2.6.25 printed a module's name before the function, between colons:
// ` [<ffffffff8813b1cf>] :skge:skge_poll+0x43f/0x570`. Excerpt of a public 2.6.18-rc4-mm1 report.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { parseConsoleFrame } from '../../server/src/analysis/parse/console';
import { summarize } from '../../server/src/analysis/summary';
import { pickFrames } from '../../server/src/analysis/triage/frames';
import { traceFrames } from '../../server/src/analysis/triage/rules';

const LOCKDEP_2_6_18 = [
  'BUG: MAX_STACK_TRACE_ENTRIES too low!',
  'turning off the locking correctness validator.',
  '',
  'Call Trace:',
  ' [<ffffffff8020b0d9>] dump_trace+0x99/0x3b0',
  ' [<ffffffff8040ded4>] netif_receive_skb+0x314/0x370',
  ' [<ffffffff8813b1cf>] :skge:skge_poll+0x43f/0x570',
  ' [<ffffffff8040c25a>] net_rx_action+0xba/0x1f0',
  ' <IRQ>  [<ffffffff802484d6>] save_trace+0xd6/0xf0',
  ' [<ffffffff88297634>] :af_packet:packet_rcv_spkt+0x184/0x1a0',
];

describe('old x86_64 frames with the module before the function', () => {
  it('reads `:module:function+off/size` as the function in its module', () => {
    const body = LOCKDEP_2_6_18[6];
    const frame = parseConsoleFrame(body);
    assert.equal(frame?.function, 'skge_poll');
    assert.equal(frame.module, 'skge');
    assert.equal(frame.offset, 0x43f);
    assert.equal(frame.size, 0x570);
    assert.equal(frame.address, 'ffffffff8813b1cf');
    // The name's own column, not the module's (`skge` begins both).
    assert.equal(frame.column, body.indexOf('skge_poll'));
  });

  it('keeps the module frames of a report, and triage reads them', () => {
    const [report] = summarize(analyze(LOCKDEP_2_6_18.join('\n'))).reports;
    assert.deepEqual(
      report.frames.map((f) => `${f.function}${f.module ? ` [${f.module}]` : ''}`),
      ['dump_trace', 'netif_receive_skb', 'skge_poll [skge]', 'net_rx_action', 'save_trace', 'packet_rcv_spkt [af_packet]'],
    );
    const trace = ['Call Trace:', ...LOCKDEP_2_6_18.slice(6)].join('\n');
    assert.equal(pickFrames(trace, traceFrames()).frames[0].name, 'skge_poll');
  });
});
