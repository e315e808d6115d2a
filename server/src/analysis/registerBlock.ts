// A register block of crash's `bt` output. `bt -a` of a big machine prints one per
// task; building their registers up front costs more than the rest of a bt, so a
// block keeps its lines and parses them the first time someone reads `registers`.
import type { LineSource } from './lines';
import { withoutCrashNote } from './parse/note';
import { newRegisterRun, parseRegisterLine } from './parse/registers';
import type { ExceptionFrame, Register } from './types';

export class RegisterBlock implements ExceptionFrame {
  endLine: number;
  bogus = false;
  private parsed: Register[] | undefined;

  constructor(
    /** Where the lines are read from. */
    private readonly source: LineSource,
    readonly line: number,
    readonly afterLevel: number,
    readonly exceptionRip?: string,
    /** Lines of the block; a finished block's are never changed, so copies share them. */
    readonly registerLines: number[] = [],
  ) {
    this.endLine = line;
  }

  /** The same block reading its lines from another text where they are `shift` lines further down (a re-analysis). */
  on(source: LineSource, shift = 0): RegisterBlock {
    const lines = shift === 0 ? this.registerLines : this.registerLines.map((line) => line + shift);
    const copy = new RegisterBlock(source, this.line + shift, this.afterLevel, this.exceptionRip, lines);
    copy.endLine = this.endLine + shift;
    copy.bogus = this.bogus;
    // Parsed registers name their lines: moved ones are parsed again when read.
    if (shift === 0) copy.parsed = this.parsed;
    return copy;
  }

  get registers(): Register[] {
    if (!this.parsed) {
      const registers: Register[] = [];
      const run = newRegisterRun();
      for (const line of this.registerLines)
        registers.push(...(parseRegisterLine(withoutCrashNote(this.source.line(line)), line, 0, run) ?? []));
      this.parsed = registers;
    }
    return this.parsed;
  }
}
