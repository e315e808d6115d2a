// Hard lockups: a CPU stopped taking interrupts. The NMI watchdog's report (`NMI watchdog: Watchdog
// detected hard LOCKUP on cpu 87`, 6.x's `watchdog: CPU6: Watchdog detected hard LOCKUP on cpu 6`) and
// powerpc's own watchdog's (arch/powerpc/kernel/watchdog.c: the stuck CPU's `watchdog: CPU 1
// self-detected hard LOCKUP @ do_raw_spin_lock+0x140/0x230`, 4.15's `Watchdog CPU:42 Hard LOCKUP`).
// Titled like soft lockups: where the CPU was stuck.
import { pattern, SITE_THEN_TRACE, type Family } from '../rules';
import { pickStallFrame } from '../frames';

export const hardLockupFamily: Family = {
  // `hard LOCKUP`, `Hard LOCKUP`; never a taint legend's `[L]=SOFTLOCKUP` (6.x prints one under the CPU line).
  header: 'ard LOCKUP',
  // The CPU that saw another one stuck prints a notice; the stuck CPU's report follows it.
  notReports: [/detected [Hh]ard LOCKUP (?:on )?other CPU/],
  rules: [
    {
      match: /self-detected hard LOCKUP @/,
      detail: pattern('self-detected hard LOCKUP @ %FUNC'),
      title: 'BUG: hard lockup in {1}',
      alt: ['stall in {1}'],
      functionArg: 1,
      noTrace: true,
    },
    {
      match: /[Hh]ard LOCKUP/,
      title: 'BUG: hard lockup in {1}',
      alt: ['stall in {1}'],
      frame: { ...SITE_THEN_TRACE, pick: pickStallFrame },
    },
  ],
};
