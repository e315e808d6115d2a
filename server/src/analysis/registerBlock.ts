// A register block of crash's `bt` output. `bt -a` of a big machine prints one per
// task; building their registers up front costs more than the rest of a bt, so a
// block keeps its lines and parses them the first time someone reads `registers`.
import type { LineIndex } from './lines';
import { parseRegisterLine } from './parse/registers';
import type { ExceptionFrame, Register } from './types';

export class RegisterBlock implements ExceptionFrame {
  endLine: number;
  bogus = false;
  readonly registerLines: number[] = [];
  private parsed: Register[] | undefined;

  constructor(
    /** Where the lines are read from; a re-analysis points reused blocks at its own text. */
    public source: LineIndex,
    readonly line: number,
    readonly afterLevel: number,
    readonly exceptionRip?: string,
  ) {
    this.endLine = line;
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
