// Internal failures: an exception inside the analysis (a parser section, a diagnostic
// rule) is a bug, not damaged input. It is caught so the rest of the analysis stands,
// and recorded here so the server can log it and `crashlog analyze` can show it.

/** Where the failure happened: the line parser, or a diagnostic rule by its code. */
export type FailureSource = 'parser' | `rule:${string}`;

export interface InternalFailure {
  source: FailureSource;
  /** 0-based line being parsed (parser failures); rules fail for the whole document. */
  line?: number;
  /** `Name: message` of the exception. */
  message: string;
  /** The exception's stack, for the log. */
  stack?: string;
}

/** A parser failure: always on the line being parsed (re-analysis carries it with the line). */
export interface ParserFailure extends InternalFailure {
  source: 'parser';
  line: number;
}

/** A failure record for an exception of any type. */
export function internalFailure(source: FailureSource, error: unknown): InternalFailure {
  const failure: InternalFailure = { source, message: describeError(error) };
  if (error instanceof Error && error.stack) failure.stack = error.stack;
  return failure;
}

export function parserFailure(error: unknown, line: number): ParserFailure {
  return { ...internalFailure('parser', error), source: 'parser', line };
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return 'an exception that cannot be shown';
  }
}
