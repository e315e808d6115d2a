// What `crashlog check` hands to an output format: each file with its diagnostics, and the rule
// registry the diagnostics come from. A format is a function from these to the text printed.
import type { Diagnostic } from '../../analysis/types';

export interface CheckedFile {
  /** The path as the user gave it. */
  file: string;
  diagnostics: readonly Diagnostic[];
}

/** The registry's view of a rule: its code, strongest severity and what it finds. */
export interface RuleDescription {
  code: string;
  severity: Diagnostic['severity'];
  description: string;
}

export type CheckFormatter = (files: readonly CheckedFile[], rules: readonly RuleDescription[]) => string;
