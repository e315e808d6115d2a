// Consistency checks: where frames, registers, symbols and memory of a transcript
// do not agree. Each rule is one module in ./diagnostics/rules, listed in
// ./diagnostics/registry; this file runs those that apply, drops disabled codes and
// orders the result. Every rule is linear in the model.
import { internalFailure, type InternalFailure } from './failures';
import type { Model } from './model';
import { Evidence } from './diagnostics/evidence';
import { RULES } from './diagnostics/registry';
import { appliesTo, type ActionableDiagnostic, type Rule, type RuleContext, type StackUnwinder } from './diagnostics/rule';

export { RULES, RULE_CODES, isRuleCode, type RuleCode } from './diagnostics/registry';
export type { ActionableDiagnostic, DiagnosticAction, Rule, StackUnwinder, UnwoundFrame } from './diagnostics/rule';
export type { InternalFailure } from './failures';

export interface DiagnoseOptions {
  /** Rule codes turned off in settings. */
  disabled?: ReadonlySet<string>;
  /** Replaces the unwinder of ../unwind (tests); `null` turns `unwind-disagrees` off. */
  unwinder?: StackUnwinder | null;
}

export interface DiagnoseResult {
  diagnostics: ActionableDiagnostic[];
  /** What went wrong inside the analysis of this model: the parser's failures, then the rules'. */
  failures: InternalFailure[];
}

/** Diagnostics beyond this many are dropped (a hostile document must not flood the editor). */
const MAX_DIAGNOSTICS = 5000;

export function diagnose(model: Model, options: DiagnoseOptions = {}): DiagnoseResult {
  const steps = diagnoseInSteps(model, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `diagnose`, pausing after each rule: a server runs the rest later, or drops it when the document changed. */
export function* diagnoseInSteps(model: Model, options: DiagnoseOptions = {}): Generator<void, DiagnoseResult> {
  const disabled = options.disabled ?? new Set<string>();
  const evidence = new Evidence(model);
  const shown: ActionableDiagnostic[] = [];
  const failures: InternalFailure[] = [...model.failures];
  const byCode = new Map<string, ActionableDiagnostic[]>();
  const needed = rulesToRun(disabled);
  for (const rule of RULES as readonly Rule[]) {
    if (!needed.has(rule.code) || !appliesTo(rule.arches, model.arch)) continue;
    const found: ActionableDiagnostic[] = [];
    byCode.set(rule.code, found);
    const show = !disabled.has(rule.code);
    const shownBefore = shown.length;
    const context: RuleContext = {
      model,
      evidence,
      unwinder: options.unwinder,
      emit: (finding) => {
        const d: ActionableDiagnostic = { code: rule.code, ...finding };
        found.push(d);
        if (show && shown.length < MAX_DIAGNOSTICS) shown.push(d);
      },
      findings: (code) => byCode.get(code) ?? [],
    };
    // A rule that throws loses its own findings, not the others'; the failure is reported.
    try {
      const steps = rule.check(context);
      if (steps) yield* steps;
    } catch (error) {
      failures.push(internalFailure(`rule:${rule.code}`, error));
      shown.length = shownBefore;
      found.length = 0;
    }
    yield;
  }
  shown.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { diagnostics: shown, failures };
}

/** The enabled rules and, transitively, the rules they depend on (run even when turned off). */
function rulesToRun(disabled: ReadonlySet<string>): Set<string> {
  const byCode = new Map((RULES as readonly Rule[]).map((rule) => [rule.code, rule]));
  const needed = new Set<string>();
  const add = (code: string): void => {
    if (needed.has(code)) return;
    needed.add(code);
    for (const dependency of byCode.get(code)?.dependsOn ?? []) add(dependency);
  };
  for (const rule of RULES) if (!disabled.has(rule.code)) add(rule.code);
  return needed;
}
