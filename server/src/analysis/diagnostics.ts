// Consistency checks: where frames, registers, symbols and memory of a transcript
// do not agree. Each rule family lives in ./diagnostics/; this file runs them,
// drops disabled codes and orders the result. Every rule is linear in the model.
import { internalFailure, type InternalFailure } from './failures';
import type { Model } from './model';
import type { Diagnostic } from './types';
import { checkBacktraceCalls } from './diagnostics/backtraceCalls';
import { checkMemoryConflicts, checkSymbolBases } from './diagnostics/conflicts';
import { Evidence } from './diagnostics/evidence';
import { checkFramePointerChains } from './diagnostics/fpChain';
import { checkFrameOrder, checkNotText, checkOffsets, checkUnreliableFrames } from './diagnostics/frames';
import { checkRegistersAgainstFrames, checkReportDamage } from './diagnostics/reports';
import { ActionableDiagnostic, checkUnwindAgreement, defaultUnwinder, StackUnwinder } from './diagnostics/unwindDisagrees';

export { RULES, RULE_CODES } from './diagnostics/codes';
export type { InternalFailure } from './failures';
export type { ActionableDiagnostic, DiagnosticAction, StackUnwinder, UnwoundFrame } from './diagnostics/unwindDisagrees';

export interface DiagnoseOptions {
  /** Rule codes turned off in settings. */
  disabled?: ReadonlySet<string>;
  /** Replaces the unwinder of ../unwind (tests); `null` turns `unwind-disagrees` off. */
  unwinder?: StackUnwinder | null;
}

/** Diagnostics beyond this many are dropped (a hostile document must not flood the editor). */
const MAX_DIAGNOSTICS = 5000;

type Rule = (evidence: Evidence, emit: (d: Diagnostic) => void) => void;

const RULES_IN_ORDER: Rule[] = [
  checkBacktraceCalls,
  checkFrameOrder,
  checkOffsets,
  checkNotText,
  checkSymbolBases,
  checkMemoryConflicts,
  checkFramePointerChains,
  checkRegistersAgainstFrames,
  checkUnreliableFrames,
  checkReportDamage,
];

export interface DiagnoseResult {
  diagnostics: ActionableDiagnostic[];
  /** What went wrong inside the analysis of this model: the parser's failures, then the rules'. */
  failures: InternalFailure[];
}

export function diagnose(model: Model, options: DiagnoseOptions = {}): DiagnoseResult {
  const disabled = options.disabled ?? new Set<string>();
  const evidence = new Evidence(model);
  const result: ActionableDiagnostic[] = [];
  const failures: InternalFailure[] = [...model.failures];
  const emit = (d: ActionableDiagnostic): void => {
    if (!disabled.has(d.code) && result.length < MAX_DIAGNOSTICS) result.push(d);
  };
  // A rule that throws loses its own findings, not the others'; the failure is reported.
  const run = (name: string, rule: () => void): void => {
    try {
      rule();
    } catch (error) {
      failures.push(internalFailure(`rule:${name}`, error));
    }
  };
  for (const rule of RULES_IN_ORDER) run(rule.name, () => rule(evidence, emit));
  if (!disabled.has('unwind-disagrees') && options.unwinder !== null) {
    const flagged = new Set(
      result.filter((d) => d.code === 'stale-frame' || d.code === 'call-target-mismatch').map((d) => d.range.start.line),
    );
    run('unwind-disagrees', () => checkUnwindAgreement(evidence, options.unwinder ?? defaultUnwinder(), flagged, emit));
  }
  const diagnostics = result.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { diagnostics, failures };
}
