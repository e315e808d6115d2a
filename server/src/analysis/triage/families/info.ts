// `INFO:` reports: old lockdep headers, RCU stalls, hung tasks.
import { CALL_TRACE, pattern, SITE_LINE, TRACE, traceFrames, type Family } from '../rules';
import { pickHungFrame, pickStallFrame } from '../frames';

// Old lockdep printed `[ INFO: ... ]`; the function is the lock site after the named line.
const oldLockdep = (header: string, then: string): RegExp =>
  pattern(`${header} \\](?:.*\\n)+?.*${then}(?:.*\\n)+?.*at: %PC +%FUNC`);

/** The pc of a stalled CPU's registers on architectures whose stall dump shows no interrupt entry. */
const INTERRUPTED_PC = pattern(
  '^ *(?:Krnl PSW : [0-9a-f]+ [0-9a-f]+ \\(|NIP:? +(?:\\[[0-9a-f]+\\] )?|epc : (?:\\[<[0-9a-f]+>\\] )?|ERA: [0-9a-f]+ )%FUNC',
);

export const infoFamily: Family = {
  header: 'INFO:',
  notReports: [
    /INFO: lockdep is turned off/,
    /INFO: Stall ended before state dump start/,
    /INFO: NMI handler/,
    /INFO: recovery required on readonly filesystem/,
    /(handler|interrupt).*took too long/,
    /INFO: sys_.* is not present in \/proc\/kallsyms/,
    /INFO: no syscalls can create resource/,
    /rmt_storage:INFO:/,
    /_INFO:/,
  ],
  rules: [
    {
      match: /INFO: possible circular locking dependency detected/,
      detail: oldLockdep('INFO: possible circular locking dependency detected', 'is trying to acquire lock'),
      title: 'possible deadlock in {1}',
      functionArg: 1,
    },
    {
      match: /INFO: possible irq lock inversion dependency detected/,
      detail: oldLockdep('INFO: possible irq lock inversion dependency detected', 'just changed the state of lock'),
      title: 'possible deadlock in {1}',
      functionArg: 1,
    },
    {
      match: /INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected/,
      detail: oldLockdep('INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected', 'is trying to acquire'),
      title: 'possible deadlock in {1}',
      functionArg: 1,
    },
    {
      match: /INFO: possible recursive locking detected/,
      detail: oldLockdep('INFO: possible recursive locking detected', 'is trying to acquire lock'),
      title: 'possible deadlock in {1}',
      functionArg: 1,
    },
    {
      match: /INFO: inconsistent lock state/,
      detail: oldLockdep('INFO: inconsistent lock state', 'takes'),
      title: 'inconsistent lock state in {1}',
      functionArg: 1,
    },
    // The stalled CPU's stack starts at the timer interrupt that noticed the stall.
    {
      match: /INFO: rcu_(?:preempt|sched|bh|tasks) (?:self-)?detected(?: expedited)? stall/,
      title: 'INFO: rcu detected stall in {1}',
      alt: ['stall in {1}'],
      // The stalled CPU is looping there: the report's function, not the stall dump's own frames.
      frameIsFunction: true,
      frame: {
        steps: [/apic_timer_interrupt/, SITE_LINE, TRACE],
        otherwise: [
          [/(?:apic_timer_interrupt|Exception stack|el1h_64_irq)/, TRACE],
          // No interrupt frame to start from: the stalled CPU's pc where the architecture prints no
          // interrupt entry in the trace (s390x's PSW, powerpc's NIP, riscv's epc, LoongArch's ERA), then its call trace.
          [INTERRUPTED_PC, CALL_TRACE, TRACE],
        ],
        skip: ['apic_timer_interrupt', 'rcu'],
        pick: pickStallFrame,
      },
    },
    {
      match: /INFO: trying to register non-static key/,
      title: 'INFO: trying to register non-static key in {1}',
      frame: traceFrames(['stack', 'lock', 'IRQ']),
    },
    {
      match: /INFO: suspicious RCU usage/,
      detail: pattern('INFO: suspicious RCU usage(?:.*\\n)+?.*?%SRC'),
      title: 'INFO: suspicious RCU usage in {2}',
      frame: traceFrames(['rcu', 'kmem', 'slab']),
    },
    {
      match: pattern('INFO: task %TASK blocked (?:in I/O wait )?for more than [0-9]+ seconds'),
      title: 'INFO: task hung in {1}',
      alt: ['hang in {1}'],
      frame: traceFrames(undefined, pickHungFrame),
      // The task sleeps there: the report's function, not the scheduler it sleeps in.
      frameIsFunction: true,
    },
    {
      match: pattern("INFO: task %TASK can't die for more than .* seconds"),
      title: "INFO: task can't die in {1}",
      alt: ['hang in {1}'],
      frame: traceFrames(['schedule']),
    },
    // What is left of an old KASAN report whose header was lost.
    { match: /INFO: (Freed|Allocated) in (.*)/, title: 'INFO: {1} in {2}', damaged: true },
    { match: /INFO:\s*(?:\n|$)/, title: 'INFO: corrupted', damaged: true },
  ],
};
