// `search` output: `ADDR: VALUE` hits (values without leading zeros, `(expr)` after the value
// when one was searched for), per-task `PID:` headings of `-t`/`-T`, `-c` string hits.
import { LineKind } from '../../lineKinds';
import { withoutCrashNote } from '../note';
import type { ParseSink } from '../sink';
import { parseAddressLine, storeWord } from './addressLine';
import { parseBtHeader } from './bt';
import { defineCommand, type OutputParser, type PromptLine } from './command';
import { isTableLine } from './table';

export const search = defineCommand({
  kind: 'search',
  names: ['search'],
  dump: () => ({ symbolic: false, width: 0, ownLines: true }),
  output: (sink, prompt) => new SearchHits(sink, prompt),
});

const HIT_VALUE = /^([0-9a-fA-F]{1,16})(?:\s+\(.*\))?$/;

class SearchHits implements OutputParser {
  /** Bytes of a hit: `-w` 4, `-h` 2, else the dump's word (from the digits shown). */
  private readonly width: number;
  private readonly strings: boolean;
  private readonly physical: boolean;

  constructor(
    private readonly sink: Pick<ParseSink, 'word' | 'task'>,
    prompt: PromptLine,
  ) {
    const options = prompt.options;
    this.width = options.includes('-w') ? 4 : options.includes('-h') ? 2 : 0;
    this.strings = options.includes('-c');
    this.physical = options.includes('-p');
  }

  line(text: string, i: number): LineKind | undefined {
    const header = parseBtHeader(text);
    if (header) {
      const { pid, cpu, command } = header;
      this.sink.task({ pid, task: BigInt('0x' + header.task), cpu, command, line: i });
      return LineKind.BtHeader;
    }
    const line = parseAddressLine(text);
    if (!line) return isTableLine(text.trim()) ? LineKind.Kmem : undefined;
    const hit = HIT_VALUE.exec(withoutCrashNote(line.rest));
    // String hits, and physical addresses (not in the memory map's virtual address space).
    if (this.strings || this.physical || !hit) return LineKind.Memory;
    const width = this.width || (line.digits > 8 || hit[1].length > 8 ? 8 : 4);
    storeWord(this.sink, line.address, BigInt('0x' + hit[1]), width, line.restColumn);
    return LineKind.Memory;
  }
}
