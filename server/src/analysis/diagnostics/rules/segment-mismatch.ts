// `segment-mismatch`: a saved register block (struct pt_regs) whose code segment says
// one privilege level and whose stack segment the other. The CPU saves both from the
// same moment, so kernel CS 0x10 with user SS 0x2b (or user CS 0x33/0x23 with kernel
// SS 0x18 or 0) cannot be one context: crash misread the exception frame, or the
// lines of two blocks are mixed. Checked on crash's bt blocks (`CS: 0010  SS: 0018`)
// and on the console's `RIP: 0010:` / `RSP: 0018:` pair; crash's "possibly bogus"
// blocks have their own rule, and values outside these selectors are not judged.
import { lineRange, type Range } from '../../lines';
import type { Register, Report } from '../../types';
import type { Evidence } from '../evidence';
import { archesWhere, defineRule, PAUSE_EVERY } from '../rule';

const KERNEL_CS = new Set([0x10n]);
const USER_CS = new Set([0x33n, 0x23n]);
/** Kernel mode runs with `__KERNEL_DS` or a NULL SS (loaded on interrupts); user mode only with `__USER_DS`. */
const KERNEL_SS = new Set([0x18n, 0n]);
const USER_SS = new Set([0x2bn]);

function mode(value: bigint, kernel: ReadonlySet<bigint>, user: ReadonlySet<bigint>): 'kernel' | 'user' | undefined {
  return kernel.has(value) ? 'kernel' : user.has(value) ? 'user' : undefined;
}

/** Both selectors judged, and they name different privilege levels. */
function disagree(cs: bigint, ss: bigint): { cs: string; ss: string } | undefined {
  const csMode = mode(cs, KERNEL_CS, USER_CS);
  const ssMode = mode(ss, KERNEL_SS, USER_SS);
  return csMode && ssMode && csMode !== ssMode ? { cs: csMode, ss: ssMode } : undefined;
}

const selector = (value: bigint) => value.toString(16).padStart(4, '0');

export const segmentMismatch = defineRule({
  code: 'segment-mismatch',
  severity: 'warning',
  description: 'A saved register block whose CS is kernel mode and SS user mode, or the reverse.',
  // Architectures whose register blocks carry segment selectors (x86).
  arches: archesWhere((spec) => spec.registers.names.includes('CS') && spec.registers.names.includes('SS')),
  example: {
    lines: [
      'crash> bt',
      'PID: 105      TASK: ffff8c604252c200  CPU: 0    COMMAND: "sh"',
      ' #0 [ffffd45d40403a88] panic at ffffffff89001e27',
      ' #1 [ffffd45d40403bd0] asm_exc_invalid_op at ffffffff89200b96',
      '    [exception RIP: lkdtm_BUG+5]',
      '    RIP: ffffffffc02f2625  RSP: ffffd45d40403c80  RFLAGS: 00000282',
      '    RAX: ffffffffc02f2620  RBX: 0000000000000004  RCX: c0000000ffffefff',
      '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 002b',
      ' #2 [ffffd45d40403c80] direct_entry at ffffffffc02f3900 [lkdtm]',
      '',
      '[    4.857001] general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] SMP PTI',
      '[    4.857705] RIP: 0033:0x7f2c1a2b3c4d',
      '[    4.858476] RSP: 0018:00007ffd5c1e2f40 EFLAGS: 00000282',
    ],
    firesOn: [7, 12],
  },
  *check({ evidence, emit }) {
    let seen = 0;
    for (const bt of evidence.model.backtraces) {
      if (++seen % PAUSE_EVERY === 0) yield;
      for (const e of bt.exceptionFrames) {
        if (e.bogus) continue;
        const cs = e.registers.find((r) => r.name === 'CS');
        const ss = e.registers.find((r) => r.name === 'SS');
        if (cs?.value === undefined || ss?.value === undefined) continue;
        const modes = disagree(cs.value, ss.value);
        if (!modes) continue;
        emit({
          severity: 'warning',
          message:
            `CS ${selector(cs.value)} is ${modes.cs} mode but SS ${selector(ss.value)} is ${modes.ss} mode: ` +
            `one exception frame saves both, so these registers are misread or mixed from two blocks`,
          range: evidence.registerRange(ss),
          related: [{ range: evidence.registerRange(cs), message: `CS ${selector(cs.value)} (${modes.cs})` }],
        });
      }
    }
    for (const report of evidence.model.reports) {
      if (++seen % PAUSE_EVERY === 0) yield;
      for (const { rip, rsp } of consolePairs(report)) {
        const cs = consoleSelector(evidence, rip);
        const ss = consoleSelector(evidence, rsp);
        if (!cs || !ss) continue;
        const modes = disagree(cs.value, ss.value);
        if (!modes) continue;
        emit({
          severity: 'warning',
          message:
            `RIP's CS ${selector(cs.value)} is ${modes.cs} mode but RSP's SS ${selector(ss.value)} is ${modes.ss} mode: ` +
            `one interrupted context saves both, so these lines come from two register dumps`,
          range: ss.range,
          related: [{ range: cs.range, message: `CS ${selector(cs.value)} (${modes.cs})` }],
        });
      }
    }
  },
});

/** Each `RIP:` of a console report with the `RSP:` printed after it (a `Code:` line may come between). */
function consolePairs(report: Report): { rip: Register; rsp: Register }[] {
  const pairs: { rip: Register; rsp: Register }[] = [];
  let rip: Register | undefined;
  for (const r of report.registers) {
    if (r.name === 'RIP') rip = r;
    else if (r.name === 'RSP' && rip) {
      pairs.push({ rip, rsp: r });
      rip = undefined;
    }
  }
  return pairs;
}

/** The `0010:` before a console register's value, when the line shows one. */
function consoleSelector(evidence: Evidence, register: Register): { value: bigint; range: Range } | undefined {
  const start = register.column - 5;
  if (start < 0) return undefined;
  const text = evidence.model.line(register.line).slice(start, register.column);
  if (!/^[0-9a-fA-F]{4}:$/.test(text)) return undefined;
  return { value: BigInt(`0x${text.slice(0, 4)}`), range: lineRange(register.line, start, start + 4) };
}
