// Every rule code with its default severity and a one-line description
// (package.json `crashlog.diagnostics.disabled` lists the same codes).
import type { Severity } from '../types';

export interface RuleInfo {
  code: string;
  /** The strongest severity the rule reports; some rules downgrade when evidence is weaker. */
  severity: Severity;
  description: string;
}

export const RULES: readonly RuleInfo[] = [
  {
    code: 'call-target-mismatch',
    severity: 'error',
    description: 'The call before a return address targets a function other than the frame above it.',
  },
  {
    code: 'stale-frame',
    severity: 'warning',
    description:
      'A crash `bt` frame is a stale return address left on the stack (console marks it `?`, or the call chain skips it).',
  },
  {
    code: 'bogus-exception-frame',
    severity: 'warning',
    description: 'A register block crash printed after a stack switch that cannot be the interrupted context.',
  },
  {
    code: 'unwind-disagrees',
    severity: 'warning',
    description: "Unwinding the transcript's own memory gives other frames than crash's `bt`.",
  },
  { code: 'frame-order', severity: 'warning', description: 'Stack slots of a backtrace go down within one stack.' },
  { code: 'offset-beyond-size', severity: 'error', description: '`func+off/size` with the offset past the function size.' },
  {
    code: 'symbol-base-conflict',
    severity: 'warning',
    description: 'Two lines imply different start addresses for one function.',
  },
  { code: 'not-text', severity: 'error', description: 'A return address, LR or pc that cannot be kernel or module text.' },
  {
    code: 'fp-chain-broken',
    severity: 'warning',
    description: 'A frame-record chain in dumped memory goes backwards, leaves the stack or is misaligned.',
  },
  {
    code: 'regs-vs-frame',
    severity: 'warning',
    description: "The report's pc/RIP function differs from its first frame or header function.",
  },
  { code: 'memory-conflict', severity: 'error', description: 'One address is shown with two values.' },
  {
    code: 'unreliable-frame',
    severity: 'info',
    description: "A frame the unwinder itself doubted (` ? `, `(inexact)`, crash's ` *`).",
  },
  {
    code: 'report-damaged',
    severity: 'warning',
    description: 'A console report is interleaved with other output, truncated, or has no frames after its call-trace marker.',
  },
];

export const RULE_CODES: readonly string[] = RULES.map((r) => r.code);
