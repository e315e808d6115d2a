// What a crash command contributes to the parser: its names at the prompt, how dump
// lines of its output read, and a parser for the lines only its prompt makes clear.
import type { LineKind } from '../../lineKinds';
import type { ParseSink } from '../sink';

/** A `crash>` prompt line. */
export interface PromptLine {
  /** Everything typed after the prompt. */
  command: string;
  /** The section kind of the command's output (see COMMANDS), `other` for commands nobody parses. */
  kind: string;
  /** Options such as `-f`, `-x`, `-l`. */
  options: string[];
  args: string[];
  /** Text after a `|` pipe (`grep`, `head`): the output is filtered. */
  pipe?: string;
  column: number;
}

/**
 * How the dump lines of a command's output read. Every field is set, in this order: the parser's
 * dump-line test then sees objects of one shape, whichever command made them.
 */
export interface DumpReading {
  /** Words may be symbols (`rd -s`, `bt -F`). */
  symbolic: boolean;
  /** Bytes per word when the command fixes it (`rd -8/-16/-32`), else 0. */
  width: number;
  /**
   * The command's output parser reads its `ADDR: ...` lines itself: decimal (`rd -d`), text
   * (`rd -a`), physical addresses (`rd -p`) or values without leading zeros (`search`).
   */
  ownLines: boolean;
}

/** Parses the lines of one command's output; made fresh for each prompt. */
export interface OutputParser {
  /** What the line is, or undefined to leave it to the generic rules (command output or prose). */
  line(text: string, i: number): LineKind | undefined;
  /** Nothing of an earlier line pending (a parser without it keeps no state between lines). */
  idle?(): boolean;
}

export interface CommandSpec<Kind extends string = string> {
  /** The section kind its output gets (`struct` for `union` too). */
  kind: Kind;
  /** Names typed at the prompt. */
  names: readonly string[];
  dump?(prompt: PromptLine): DumpReading;
  /** A parser for the output, or undefined when the generic rules read all of it. */
  output?(sink: ParseSink, prompt: PromptLine): OutputParser | undefined;
}

/** Keeps the literal kind, so the section kinds are a type derived from the registry. */
export function defineCommand<const Kind extends string>(spec: CommandSpec<Kind>): CommandSpec<Kind> {
  return spec;
}
