// `Kernel panic - not syncing: ...`: a panic of its own, or the end of a report whose header was lost.
import { pickStallFrame } from '../frames';
import { pattern, traceFrames, type Family } from '../rules';

export const kernelPanicFamily: Family = {
  header: 'Kernel panic',
  rules: [
    // A smashed stack may leave no symbol and no trace.
    {
      match: /Kernel panic - not syncing: stack-protector:/,
      detail: pattern('Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: %FUNC'),
      title: 'kernel panic: stack is corrupted in {1}',
      noTrace: true,
    },
    {
      match: /Kernel panic - not syncing: stack-protector:/,
      detail: /Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: [a-f0-9]+/,
      title: 'kernel panic: stack is corrupted in {1}',
      frame: traceFrames(['stack_chk']),
    },
    {
      match: /Kernel panic - not syncing: corrupted stack end/,
      detail: /Kernel panic - not syncing: corrupted stack end detected inside scheduler/,
      title: 'kernel panic: corrupted stack end in {1}',
      alt: ['stack-overflow in {1}'],
      frame: traceFrames(['schedule', 'retint_kernel'], pickStallFrame),
    },
    {
      match: /Kernel panic - not syncing: kernel stack overflow/,
      title: 'kernel stack overflow in {1}',
      alt: ['stack-overflow in {1}'],
      frame: traceFrames(['bad_stack'], pickStallFrame),
    },
    { match: /Kernel panic - not syncing: Attempted to kill init!/, title: 'kernel panic: Attempted to kill init!' },
    {
      match: /Kernel panic - not syncing: Couldn't open N_TTY ldisc for [^ ]+ --- error -[0-9]+/,
      title: "kernel panic: Couldn't open N_TTY ldisc",
    },
    // These follow a BUG, a WARNING (panic_on_warn) or a hung task: seen alone, the report lost its start.
    { match: /Kernel panic - not syncing: Fatal exception/, title: 'kernel panic: Fatal exception', damaged: true },
    // 6.2+ names what warned first (check_panic_on_warn(origin): `UBSAN: panic_on_warn set ...`, `KASAN: …`, `kfence: …`).
    {
      match: /Kernel panic - not syncing: (?:[\w-]+: )?panic_on_warn set/,
      title: 'kernel panic: panic_on_warn set',
      damaged: true,
    },
    {
      match: /Kernel panic - not syncing: hung_task: blocked tasks/,
      title: 'kernel panic: hung_task: blocked tasks',
      damaged: true,
    },
    { match: /Kernel panic - not syncing: (.*)/, title: 'kernel panic: {1}' },
  ],
};
