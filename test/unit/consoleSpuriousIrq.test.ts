// `irq N: nobody cared` (kernel/irq/spurious.c): no handler of a line claimed its interrupts. The
// report is the stack of the interrupt path that noticed, then the line's handlers; the first
// handler names it. Real lines of a Renesas arm64 report with its handlers
// (lore.kernel.org/r/1566556357-24897-1-git-send-email-yoshihiro.shimoda.uh@renesas.com) and of a
// 32-bit arm one cut before them (github.com/openbmc/openbmc/issues/1826).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

const ARM64_WITH_HANDLERS = [
  '[   34.851754] usb 2-1: USB disconnect, device number 2',
  '[   35.166658] irq 156: nobody cared (try booting with the "irqpoll" option)',
  '[   35.173445] CPU: 0 PID: 22 Comm: kworker/0:1 Not tainted 5.3.0-rc5 #85',
  '[   35.179964] Hardware name: Renesas Salvator-X 2nd version board based on r8a77965 (DT)',
  '[   35.187886] Workqueue: usb_hub_wq hub_event',
  '[   35.192063] Call trace:',
  '[   35.194509]  dump_backtrace+0x0/0x150',
  '[   35.198165]  show_stack+0x14/0x20',
  '[   35.201475]  dump_stack+0xa0/0xc4',
  '[   35.204785]  __report_bad_irq+0x34/0xe8',
  '[   35.208614]  note_interrupt+0x2cc/0x318',
  '[   35.212446]  handle_irq_event_percpu+0x5c/0x88',
  '[   35.216883]  handle_irq_event+0x48/0x78',
  '[   35.220712]  handle_fasteoi_irq+0xb4/0x188',
  '[   35.232893]  gic_handle_irq+0x58/0xa8',
  '[   35.236548]  el1_irq+0xb8/0x180',
  '[   35.257268]  kernfs_find_ns+0x5c/0x120',
  '[   35.261010]  kernfs_find_and_get_ns+0x3c/0x60',
  '[   35.321148]  worker_thread+0x40/0x450',
  '[   35.324805]  kthread+0x124/0x128',
  '[   35.328027]  ret_from_fork+0x10/0x18',
  '[   35.331594] handlers:',
  '[   35.333862] [<0000000079300c1d>] usb_hcd_irq',
  '[   35.338126] [<0000000079300c1d>] usb_hcd_irq',
  '[   35.342389] Disabling IRQ #156',
];

const ARM_CUT = [
  '[   27.480000] irq 22: nobody cared (try booting with the "irqpoll" option)',
  '[   27.480000] CPU: 0 PID: 839 Comm: obmc-console-se Not tainted 4.10.17-c694e47cbc1efc2bc181b2ac7137dfda04f974c2 #1',
  '[   27.480000] Hardware name: ASpeed SoC',
  '[   27.480000] [<80010080>] (unwind_backtrace) from [<8000d934>] (show_stack+0x20/0x24)',
  '[   27.480000] [<8000d934>] (show_stack) from [<801dbecc>] (dump_stack+0x20/0x28)',
  '[   27.480000] [<801dbecc>] (dump_stack) from [<8004ca40>] (__report_bad_irq+0x34/0xcc)',
  '[   27.480000] [<8004ca40>] (__report_bad_irq) from [<8004cdcc>] (note_interrupt+0x27c/0x2dc)',
  '[   27.480000] [<8004cdcc>] (note_interrupt) from [<8004a728>] (handle_irq_event_percpu+0x58/0x68)',
  '[   27.480000] [<8004a728>] (handle_irq_event_percpu) from [<8004a770>] (handle_irq_event+0x38/0x4c)',
  '[   27.480000] [<8004a770>] (handle_irq_event) from [<8004d9a8>] (handle_level_irq+0xa4/0x124)',
];

function reportsOf(lines: string[]) {
  return summarize(analyze(lines.join('\n'))).reports;
}

describe('irq N: nobody cared', () => {
  it('is a report from its header line, named after the first handler of the line', () => {
    const reports = reportsOf(ARM64_WITH_HANDLERS);
    assert.equal(reports.length, 1);
    const [report] = reports;
    assert.deepEqual(
      [report.kind, report.line, report.title, report.function],
      ['bug', 2, 'irq nobody cared in usb_hcd_irq', 'usb_hcd_irq'],
    );
    assert.equal(report.frames.length, 15);
  });

  it('groups reports of other lines and handlers apart, the same handler together', () => {
    const same = reportsOf(ARM64_WITH_HANDLERS.map((l) => l.replace('irq 156:', 'irq 17:')))[0];
    assert.equal(same.signature, reportsOf(ARM64_WITH_HANDLERS)[0].signature);
    const other = reportsOf(ARM64_WITH_HANDLERS.map((l) => l.replace('usb_hcd_irq', 'ahci_interrupt')))[0];
    assert.notEqual(other.signature, same.signature);
  });

  it('keeps a 32-bit arm report cut before its handlers one report, with no reporting frame as its function', () => {
    const reports = reportsOf(ARM_CUT);
    assert.equal(reports.length, 1);
    const [report] = reports;
    assert.deepEqual([report.kind, report.line, report.title], ['bug', 1, 'irq nobody cared in corrupted']);
    assert.equal(report.function, 'handle_irq_event_percpu');
  });
});
