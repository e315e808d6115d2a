// `rd` output. Hex dumps (`-x`, `-8/-16/-32/-64`, symbolic `-s/-S/-SS`, with or without the
// ASCII column) are dump lines the driver parses; decimal (`-d`/`-D`), text (`-a`) and
// physical (`-p`) dumps are read here.
import { LineKind } from '../../lineKinds';
import type { ParseSink } from '../sink';
import { parseAddressLine, storeWord } from './addressLine';
import { defineCommand, type OutputParser, type PromptLine } from './command';

const WIDTHS: Record<string, number> = { '-8': 1, '-16': 2, '-32': 4, '-64': 8 };

function widthOf(options: readonly string[]): number {
  for (const option of options) if (WIDTHS[option]) return WIDTHS[option];
  return 0;
}

function readsItself(options: readonly string[]): boolean {
  return options.some((o) => o === '-d' || o === '-D' || o === '-a' || o === '-p');
}

export const rd = defineCommand({
  kind: 'rd',
  names: ['rd'],
  dump: ({ options }) => ({
    symbolic: options.some((o) => o === '-s' || o === '-S' || o === '-SS'),
    width: widthOf(options),
    ownLines: readsItself(options),
  }),
  output: (sink, prompt) => (readsItself(prompt.options) ? new RdLines(sink, prompt) : undefined),
});

const DECIMAL = /^-?\d+$/;

/** `rd -d/-D` (decimal words), `rd -a` (text), `rd -p` (physical addresses). */
class RdLines implements OutputParser {
  private readonly decimal: boolean;
  private readonly text: boolean;
  private readonly physical: boolean;

  constructor(
    private readonly sink: Pick<ParseSink, 'word'>,
    private readonly prompt: PromptLine,
  ) {
    const options = prompt.options;
    this.decimal = options.includes('-d') || options.includes('-D');
    this.text = options.includes('-a');
    this.physical = options.includes('-p');
  }

  line(text: string): LineKind | undefined {
    const line = parseAddressLine(text);
    if (!line) return undefined;
    // Physical addresses are not in the kernel's virtual address space the memory map holds.
    if (this.text || this.physical) return LineKind.Memory;
    if (!this.decimal) return undefined;
    const width = widthOf(this.prompt.options) || (line.digits > 8 ? 8 : 4);
    let address = line.address;
    let column = line.restColumn;
    for (const value of line.rest.split(/(\s+)/)) {
      if (DECIMAL.test(value)) {
        storeWord(this.sink, address, BigInt(value), width, column);
        address += BigInt(width);
      } else if (value.trim() !== '') break;
      column += value.length;
    }
    return LineKind.Memory;
  }
}
