// `memory-conflict`: one address shown with two values of the same width. Inside one
// dump (one command's run of memory lines) that is a misread or edited line: an error.
// Between separate commands, or dumps a person pasted apart under one prompt, it is
// information only: a live system (`crash` without a vmcore) changes memory between
// commands (`rd jiffies`, then `rd -d jiffies`), and notes mix sessions. Values are compared as numbers, so `rd -d` and `rd -x` of one value agree.
import { LineKind } from '../../lineKinds';
import type { MemoryWord } from '../../memory';
import type { Model } from '../../model';
import { fromHalves } from '../../hex';
import { Evidence, hexAddress } from '../evidence';
import { defineRule, type Finding } from '../rule';

const MAX_REPORTED = 500;

/** The map's ranges end before their end: this covers every address but the very last byte. */
const END_OF_ADDRESSES = 0xffff_ffff_ffff_ffffn;

/** Dump number of a line that is no command's output (console text, notes before any prompt). */
const NO_DUMP = 0;

export const memoryConflict = defineRule({
  code: 'memory-conflict',
  severity: 'error',
  description: 'One address is shown with two values in one dump (error) or by separate commands (info).',
  arches: 'any',
  example: {
    lines: [
      'crash> rd -x ffffffc0427f33b0 4',
      'ffffffc0427f33b0:  ffffffc0427f33e0 ffffffc008fb9754',
      'ffffffc0427f33b0:  ffffffc0427f33e1 ffffffc008fb9754',
      'crash> rd -x ffffffc0427f33b8',
      'ffffffc0427f33b8:  ffffffc008fb9758',
    ],
    firesOn: [2, 4],
  },
  // One pass over the words in address order with constant work per word, however often an
  // address is read (a counter read in every command): a 50 MB transcript's million words take
  // tens of milliseconds.
  check({ evidence, emit }) {
    const dumps = new DumpNumbers(evidence.model);
    // Reads of one address arrive together, in line order; each width has its own history.
    const histories = new Map([1, 2, 4, 8].map((width) => [width, new ReadHistory()]));
    let addressHi = -1;
    let addressLo = -1;
    let count = 0;
    evidence.model.memory.forEachInRange(0n, END_OF_ADDRESSES, (hi, lo, valueHi, valueLo, line, width) => {
      if (count >= MAX_REPORTED) return;
      if (hi !== addressHi || lo !== addressLo) {
        addressHi = hi;
        addressLo = lo;
        for (const history of histories.values()) history.clear();
      }
      const read = { hi: valueHi, lo: valueLo, line, width };
      const contradiction = histories.get(width)?.add(read, dumps);
      if (!contradiction) return;
      count++;
      emit(finding(evidence, fromHalves(hi, lo), read, contradiction));
    });
  },
});

interface Read {
  hi: number;
  lo: number;
  line: number;
  width: number;
}

/** An earlier read a new one disagrees with, and whether both are in one dump. */
interface Contradiction {
  before: Read;
  sameDump: boolean;
}

function differ(a: Read, b: Read): boolean {
  return a.hi !== b.hi || a.lo !== b.lo;
}

/**
 * The reads of one address and width so far, in constant space: the last one (between dumps
 * a change since the last showing is news, as for a counter read five times) and, of the
 * current dump, the first read of each of its first two values. A read that differs from
 * any earlier read of its dump differs from one of those two; the first that differs is the
 * earliest read it contradicts.
 */
class ReadHistory {
  private last: Read | undefined;
  /** The current dump's number; looked up only once a second read comes (most addresses are read once). */
  private dump: number | undefined;
  private readonly dumpValues: Read[] = [];

  clear(): void {
    this.last = undefined;
  }

  add(read: Read, dumps: DumpNumbers): Contradiction | undefined {
    const last = this.last;
    this.last = read;
    if (!last) {
      this.startDump(read, undefined);
      return undefined;
    }
    this.dump ??= dumps.of(last.line);
    const dump = dumps.of(read.line);
    if (dump !== NO_DUMP && dump === this.dump) {
      const before = this.dumpValues.find((earlier) => differ(earlier, read));
      if (!before) return undefined;
      if (this.dumpValues.length < 2) this.dumpValues.push(read);
      return { before, sameDump: true };
    }
    this.startDump(read, dump);
    return differ(last, read) ? { before: last, sameDump: false } : undefined;
  }

  private startDump(read: Read, dump: number | undefined): void {
    this.dump = dump;
    this.dumpValues.length = 0;
    this.dumpValues.push(read);
  }
}

/**
 * Numbers the dumps of a transcript: the runs of memory lines in one command's output, with
 * the frame, register and stack-switch lines of `bt -f` between them. Anything else (a note,
 * a blank line, a prompt) ends a run: crash prints none of it inside one reading of memory,
 * so two runs are two readings even under one prompt. Built on first use.
 */
class DumpNumbers {
  private numbers: Uint32Array | undefined;

  constructor(private readonly model: Model) {}

  of(line: number): number {
    this.numbers ??= numberDumps(this.model);
    return this.numbers[line] ?? NO_DUMP;
  }
}

function numberDumps(model: Model): Uint32Array {
  const numbers = new Uint32Array(model.lineKinds.length);
  let dump = NO_DUMP;
  for (const section of model.sections) {
    let open = false;
    for (let line = section.line + 1; line <= section.endLine && line < numbers.length; line++) {
      if (!IN_ONE_DUMP.has(model.lineKinds[line])) {
        open = false;
        continue;
      }
      if (!open) dump++;
      open = true;
      numbers[line] = dump;
    }
  }
  return numbers;
}

const IN_ONE_DUMP: ReadonlySet<number> = new Set([
  LineKind.Memory,
  LineKind.BtHeader,
  LineKind.BtFrame,
  LineKind.ExceptionRip,
  LineKind.Registers,
  LineKind.StackMarker,
]);

function finding(evidence: Evidence, address: bigint, read: Read, { before, sameDump }: Contradiction): Finding {
  const text = hexAddress(address);
  const word = ({ hi, lo, width, line }: Read): MemoryWord => ({
    address,
    value: fromHalves(hi, lo),
    width,
    line,
    column: evidence.model.memory.columnOf(line, address),
  });
  const nowWord = word(read);
  const thenWord = word(before);
  const now = shown(evidence, nowWord);
  const then = shown(evidence, thenWord);
  return {
    severity: sameDump ? 'error' : 'info',
    message: sameDump
      ? `${text} holds ${now.text} here but ${then.text} on line ${before.line + 1}: one dump cannot show two values at one address`
      : `${text} holds ${now.text} here but ${then.text} on line ${before.line + 1}, an earlier dump: ` +
        `memory changed in between (a live system) or the dumps come from different sessions`,
    range: evidence.wordRange(read.line, now.onLine, nowWord.column),
    related: [{ range: evidence.wordRange(before.line, then.onLine, thenWord.column), message: `${text}: ${then.text}` }],
  };
}

/** A word as its line prints it (`rd -d` prints decimal) and, for a message, with its hex beside a decimal. */
function shown(evidence: Evidence, word: MemoryWord): { onLine: string; text: string } {
  const hex = word.value.toString(16).padStart(word.width * 2, '0');
  const decimal = word.value.toString(10);
  const line = (evidence.model.line(word.line) ?? '').slice(word.column);
  if (line.includes(hex) || !new RegExp(`\\b${decimal}\\b`).test(line)) return { onLine: hex, text: hex };
  return { onLine: decimal, text: `${decimal} (0x${word.value.toString(16)})` };
}
