// What a diagnostic rule is: one object per code (rules/<code>.ts), registered in
// ./registry. The runner (../diagnostics.ts) runs the rules that apply to the
// transcript's architecture, in registry order after the rules they depend on.
import { ARCH_IDS, ARCHS, type ArchId } from '../arch/registry';
import type { ArchSpec } from '../arch/types';
import type { Model } from '../model';
import type { UnwindStart } from '../unwind';
import type { Arch, Diagnostic, Severity } from '../types';
import type { Evidence } from './evidence';

/** An action the editor offers with a diagnostic (the server maps it to a code action). */
export interface DiagnosticAction {
  title: string;
  /** Show the unwound stack starting at this 0-based line (`crashlog.showUnwind`, as the CodeLens does). */
  showUnwindFromLine: number;
}

export interface ActionableDiagnostic extends Diagnostic {
  actions?: DiagnosticAction[];
}

/** What a rule reports: its code is filled in by the runner, so a rule can only speak for itself. */
export type Finding = Omit<ActionableDiagnostic, 'code'>;

/**
 * Where a rule runs: `any` architecture (also one the transcript does not settle), every
 * `known` one (the rule needs the architecture's facts), or the listed ones.
 */
export type RuleArches = 'any' | 'known' | readonly ArchId[];

export interface RuleContext {
  readonly model: Model;
  /** Indexes the rules share, built on first use. */
  readonly evidence: Evidence;
  /** Replaces the unwinder of ../unwind (tests); `null` turns `unwind-disagrees` off. */
  readonly unwinder: StackUnwinder | null | undefined;
  emit: (finding: Finding) => void;
  /** What a rule listed in `dependsOn` found (also when that rule is turned off in settings). */
  findings: (code: string) => readonly ActionableDiagnostic[];
}

export interface Rule<Code extends string = string> {
  code: Code;
  /** The strongest severity the rule reports; some rules downgrade when the evidence is weaker. */
  severity: Severity;
  /** One sentence: what disagrees (the README table and the settings' enum descriptions). */
  description: string;
  arches: RuleArches;
  /** Codes whose findings `check` reads through `context.findings`; they run first. */
  dependsOn?: readonly string[];
  /**
   * A transcript of machine-output lines it fires on, and the 0-based lines it reports
   * there: the rule's documentation by example, and its test (test/unit/diagnostics-rules.test.ts).
   */
  example: { lines: readonly string[]; firesOn: readonly number[] };
  /**
   * Emits the findings. A rule whose work grows with the transcript is a generator that
   * pauses (`yield`) every PAUSE_EVERY items: a server answers edits in between.
   */
  check(context: RuleContext): void | Generator<void, void, undefined>;
}

/** Items (reports, backtraces) a rule goes through between two pauses. */
export const PAUSE_EVERY = 32;

/** Runs steps to their end without pausing. */
export function finished<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Keeps a rule's code a literal type, so the registry's codes form a union. */
export function defineRule<const Code extends string>(rule: Rule<Code>): Rule<Code> {
  return rule;
}

/** The architectures whose spec has a property (a rule that needs one capability). */
export function archesWhere(has: (spec: ArchSpec) => boolean): readonly ArchId[] {
  return ARCH_IDS.filter((id) => has(ARCHS[id]));
}

export function appliesTo(arches: RuleArches, arch: Arch): boolean {
  if (arches === 'any') return true;
  if (arch === 'unknown') return false;
  return arches === 'known' || arches.includes(arch);
}

/** A frame an unwinder found, as unwind-disagrees compares it with crash's bt. */
export interface UnwoundFrame {
  function?: string;
  /** Return address / pc of the frame. */
  address?: bigint;
  /** Stack slot or frame-record address, comparable to crash's bracketed value. */
  frameAddress?: bigint;
  /** Found by scanning rather than by the architecture's rules: not evidence against bt. */
  guess?: boolean;
}

export type StackUnwinder = (model: Model, start: UnwindStart) => UnwoundFrame[] | undefined;
