// Frame walker (issue "Unwind from here"). Placeholder API, filled in by the unwinder work.
import type { Model } from './model';
import type { Arch } from './types';

export interface UnwindStart {
  fp?: bigint;
  sp?: bigint;
  pc?: bigint;
  arch?: Arch;
  /** Line the start came from. */
  line?: number;
  /** Label for titles ("x29 of the report at line 12"). */
  label?: string;
}

export interface UnwindLensTarget {
  line: number;
  start: UnwindStart;
  title: string;
}

export interface UnwindResult {
  text: string;
  links: { outputLine: number; sourceLine: number }[];
}

export function unwindLensTargets(_model: Model): UnwindLensTarget[] {
  return [];
}

export function unwindStartAtLine(_model: Model, _line: number): UnwindStart | undefined {
  return undefined;
}

export function unwindText(_model: Model, start: UnwindStart): UnwindResult {
  return { text: `unwinding from ${start.fp?.toString(16) ?? '?'} is not available yet\n`, links: [] };
}
