// `frame-order`: the stack slots of a crash `bt` go down within one stack. Callers
// live at higher addresses; a switch to another stack (with or without crash's
// `--- <...> ---` marker) is not an order error.
import { hexAddress } from '../evidence';
import { defineRule } from '../rule';

export const frameOrder = defineRule({
  code: 'frame-order',
  severity: 'warning',
  description: 'Stack slots of a backtrace go down within one stack.',
  arches: 'any',
  example: {
    lines: [
      'crash> bt',
      'PID: 1      TASK: ffff888000100000  CPU: 0    COMMAND: "x"',
      ' #0 [ffffc90000013e00] a_func at ffffffff81000105',
      ' #1 [ffffc90000013d00] b_func at ffffffff81001105',
      ' #2 [ffffc90000013e40] c_func at ffffffff81002105',
    ],
    firesOn: [3],
  },
  check({ evidence, emit }) {
    for (const bt of evidence.model.backtraces) {
      for (let i = 1; i < bt.frames.length; i++) {
        const above = bt.frames[i - 1];
        const frame = bt.frames[i];
        // Slots going up, as nearly all do, are in order whatever the stacks: compared first.
        if (above.stackAddress === undefined || frame.stackAddress === undefined || frame.stackAddress >= above.stackAddress)
          continue;
        if (bt.markers.some((m) => m.beforeLevel === frame.level)) continue;
        // Another stack (IRQ, exception stacks) without a marker: a switch, not an order error.
        const stack = evidence.model.stackAt(frame.stackAddress);
        if (!stack || stack !== evidence.model.stackAt(above.stackAddress)) continue;
        emit({
          severity: 'warning',
          message:
            `#${frame.level} sits at ${hexAddress(frame.stackAddress)}, below #${above.level} at ${hexAddress(above.stackAddress)} ` +
            `on the same stack: callers live at higher addresses`,
          range: evidence.wordRange(frame.line, hexAddress(frame.stackAddress)),
          related: [
            {
              range: evidence.wordRange(above.line, hexAddress(above.stackAddress)),
              message: `#${above.level} ${above.function}`,
            },
          ],
        });
      }
    }
  },
});
