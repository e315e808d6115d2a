// What the analysis caught in itself (a parser line, a rule that threw): bugs, shown by the
// CLI so that none goes unseen. Lines 1-based.
import type { InternalFailure } from '../analysis/failures';

export function failuresJson(failures: readonly InternalFailure[]): { source: string; line: number | null; message: string }[] {
  return failures.map((f) => ({ source: f.source, line: f.line !== undefined ? f.line + 1 : null, message: f.message }));
}

/** One line per failure: `internal failure: parser at line 12: TypeError: …`. */
export function failureLines(failures: readonly InternalFailure[], file?: string): string[] {
  return failures.map(
    (f) =>
      `internal failure${file ? ` in ${file}` : ''}: ${f.source}${f.line !== undefined ? ` at line ${f.line + 1}` : ''}: ${f.message}`,
  );
}
