// A register block of crash's `bt` output. `bt -a` of a big machine prints one per
// task; building their registers up front costs more than the rest of a bt, so a
// block keeps its lines and parses them the first time someone reads `registers`.
import type { LineIndex } from './lines';
import { parseRegisterLine } from './parse/registers';
import type { ExceptionFrame, Register } from './types';

export class RegisterBlock implements ExceptionFrame {
  endLine: number;
  bogus = false;
  private parsed: Register[] | undefined;

  constructor(
    /** Where the lines are read from. */
    private readonly source: LineIndex,
    readonly line: number,
    readonly afterLevel: number,
    readonly exceptionRip?: string,
    /** Lines of the block; a finished block's are never changed, so copies share them. */
    readonly registerLines: number[] = [],
  ) {
    this.endLine = line;
  }

  /** The same block reading its lines from another text with the same lines (a re-analysis). */
  on(source: LineIndex): RegisterBlock {
    const copy = new RegisterBlock(source, this.line, this.afterLevel, this.exceptionRip, this.registerLines);
    copy.endLine = this.endLine;
    copy.bogus = this.bogus;
    copy.parsed = this.parsed;
    return copy;
  }

  get registers(): Register[] {
    if (!this.parsed) {
      const registers: Register[] = [];
      for (const line of this.registerLines) registers.push(...(parseRegisterLine(this.source.line(line), line) ?? []));
      this.parsed = registers;
    }
    return this.parsed;
  }
}
