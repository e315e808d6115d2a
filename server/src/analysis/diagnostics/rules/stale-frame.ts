// `stale-frame`: a crash `bt` frame that is a return address left on the stack by an
// earlier call: the console trace of the same crash marks it `?`, the call before a
// lower frame targets a frame above it, or the instruction before it is not a call.
import { backtraceFactsInSteps } from '../backtraceFacts';
import { defineRule } from '../rule';

export const staleFrame = defineRule({
  code: 'stale-frame',
  severity: 'warning',
  description:
    'A crash `bt` frame is a stale return address left on the stack (console marks it `?`, or the call chain skips it).',
  arches: 'any',
  example: {
    lines: [
      'crash> bt',
      'PID: 1      TASK: ffff888000100000  CPU: 0    COMMAND: "x"',
      ' #0 [ffffc90000013e00] a_func at ffffffff81000105',
      ' #1 [ffffc90000013e20] b_func at ffffffff81001105',
      ' #2 [ffffc90000013e40] stale_func at ffffffff81002105',
      ' #3 [ffffc90000013e60] c_func at ffffffff81003105',
      'crash> dis -l ffffffff81003100 2',
      '0xffffffff81003100 <c_func+256>:\tcall   0xffffffff81001000 <b_func>',
      '0xffffffff81003105 <c_func+261>:\tmov    %rax,%rbx',
    ],
    firesOn: [4],
  },
  *check({ evidence, emit }) {
    for (const { facts } of yield* backtraceFactsInSteps(evidence)) {
      for (const f of facts) {
        if (!f.stale) continue;
        emit({
          severity: f.stale.doubted ? 'info' : 'warning',
          message: f.stale.message,
          range: evidence.btFunctionRange(f.frame),
          related: f.stale.related,
        });
      }
    }
  },
});
