// One caret helper for every position-based test: where a needle stands in a transcript.

export interface Position {
  line: number;
  character: number;
}

export interface CaretOptions {
  /** Which occurrence (0-based), counting every occurrence on every line considered. */
  nth?: number;
  /** Added to the column of the needle's first character (e.g. 1: inside the word). */
  offset?: number;
  /** Only lines for which this is true are considered. */
  line?: (text: string) => boolean;
}

/** 0-based line and UTF-16 column of the `nth` occurrence of `needle`; throws when there is none. */
export function at(text: string | readonly string[], needle: string, options: CaretOptions = {}): Position {
  const lines = typeof text === 'string' ? text.split(/\r?\n/) : text;
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    if (options.line && !options.line(lines[line])) continue;
    for (let column = lines[line].indexOf(needle); column >= 0; column = lines[line].indexOf(needle, column + 1)) {
      if (seen++ === (options.nth ?? 0)) return { line, character: column + (options.offset ?? 0) };
    }
  }
  throw new Error(`${JSON.stringify(needle)} not found (occurrence ${options.nth ?? 0})`);
}
