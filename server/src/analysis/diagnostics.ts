// Consistency checks (issue "Diagnostics"). Placeholder API, filled in by the diagnostics work.
import type { Model } from './model';
import type { Diagnostic } from './types';

export interface DiagnoseOptions {
  /** Rule codes turned off in settings. */
  disabled?: ReadonlySet<string>;
}

export function diagnose(_model: Model, _options: DiagnoseOptions = {}): Diagnostic[] {
  return [];
}
