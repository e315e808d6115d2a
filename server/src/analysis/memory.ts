// Sparse memory image built from every dumped word (rd, bt -f, gdb x/gx,
// search). Stored column-wise in typed arrays: a 50 MB transcript holds
// millions of words, and objects per word would cost several times the text.
import { fromHalves, halves } from './hex';
import { parseMemoryLine } from './parse/memoryLine';
import { firstIndexAtOrAfter, lowerBoundHiLo } from './search';

export interface MemoryWord {
  readonly address: bigint;
  readonly value: bigint;
  /** Bytes per word: 8, 4, 2 or 1. */
  readonly width: number;
  readonly line: number;
  readonly column: number;
}

/** A word as the map hands it out; its column is found only when someone asks. */
class DumpedWord implements MemoryWord {
  private cachedColumn = -1;
  constructor(
    readonly address: bigint,
    readonly value: bigint,
    readonly width: number,
    readonly line: number,
    private readonly map: MemoryMap,
  ) {}

  get column(): number {
    if (this.cachedColumn < 0) this.cachedColumn = this.map.columnOf(this.line, this.address);
    return this.cachedColumn;
  }
}

export interface MemoryConflict {
  address: bigint;
  words: MemoryWord[];
}

const LINE_MASK = (1 << 30) - 1;

const CHUNK = 1 << 16;

/**
 * Words in fixed-size chunks of five parallel columns: growing never copies, so a
 * large dump leaves no trail of outgrown buffers, and one bounds check serves all
 * five columns of a word.
 */
export class MemoryBuilder {
  private readonly chunks: Uint32Array[][] = [];
  private addrHi = new Uint32Array(0);
  private addrLo = new Uint32Array(0);
  private valHi = new Uint32Array(0);
  private valLo = new Uint32Array(0);
  /** line | log2(width) << 30: the column is found again from the line when asked. */
  private lineWidth = new Uint32Array(0);
  private used = CHUNK;
  private length = 0;

  private grow(): void {
    this.addrHi = new Uint32Array(CHUNK);
    this.addrLo = new Uint32Array(CHUNK);
    this.valHi = new Uint32Array(CHUNK);
    this.valLo = new Uint32Array(CHUNK);
    this.lineWidth = new Uint32Array(CHUNK);
    this.chunks.push([this.addrHi, this.addrLo, this.valHi, this.valLo, this.lineWidth]);
    this.used = 0;
  }

  add(addrHi: number, addrLo: number, valHi: number, valLo: number, width: number, line: number): void {
    // log2 of the width (1, 2, 4 or 8 bytes) in the top two bits.
    this.push(addrHi, addrLo, valHi, valLo, (line | ((31 - Math.clz32(width)) << 30)) >>> 0);
  }

  private push(addrHi: number, addrLo: number, valHi: number, valLo: number, lineWidth: number): void {
    if (this.used === CHUNK) this.grow();
    const k = this.used++;
    this.addrHi[k] = addrHi;
    this.addrLo[k] = addrLo;
    this.valHi[k] = valHi;
    this.valLo[k] = valLo;
    this.lineWidth[k] = lineWidth;
    this.length++;
  }

  get size(): number {
    return this.length;
  }

  /** Copies the words a map holds from lines [fromLine, toLine), in their order, `shift` lines further down. */
  copyLines(map: MemoryMap, fromLine: number, toLine: number, shift = 0): void {
    // The line sits in the low bits of lineWidth: adding the shift moves it and keeps the width.
    map.forEachOnLines(fromLine, toLine, (addrHi, addrLo, valHi, valLo, lineWidth) =>
      this.push(addrHi, addrLo, valHi, valLo, (lineWidth + shift) >>> 0),
    );
  }

  /** One exact-size array per column, each copied out before the next (the chunks are let go). */
  build(lineText: (line: number) => string): MemoryMap {
    const column = (c: number): Uint32Array => {
      const result = new Uint32Array(this.length);
      let offset = 0;
      for (const chunk of this.chunks) {
        const take = Math.min(CHUNK, this.length - offset);
        result.set(take === CHUNK ? chunk[c] : chunk[c].subarray(0, take), offset);
        offset += take;
        (chunk as (Uint32Array | undefined)[])[c] = undefined;
      }
      return result;
    };
    const map = new MemoryMap(column(0), column(1), column(2), column(3), column(4), lineText);
    this.chunks.length = 0;
    return map;
  }
}

export class MemoryMap {
  /** Indices into the columns sorted by address then line; built on the first lookup. */
  private sortedOrder: Uint32Array | undefined;
  private conflictList: MemoryConflict[] | undefined;
  private builtIndexes = 0;

  constructor(
    private readonly addrHi: Uint32Array,
    private readonly addrLo: Uint32Array,
    private readonly valHi: Uint32Array,
    private readonly valLo: Uint32Array,
    private readonly lineWidth: Uint32Array,
    private readonly lineText: (line: number) => string,
  ) {}

  private get order(): Uint32Array {
    if (!this.sortedOrder) {
      this.builtIndexes++;
      const n = this.lineWidth.length;
      const order = new Uint32Array(n);
      let sorted = true;
      for (let i = 0; i < n; i++) {
        order[i] = i;
        if (sorted && i > 0 && this.compare(i - 1, i) > 0) sorted = false;
      }
      if (!sorted) order.sort((a, b) => this.compare(a, b));
      this.sortedOrder = order;
    }
    return this.sortedOrder;
  }

  /**
   * Takes over the address and value orders of the map of the version before an edit, where they
   * hold: words are kept in line order, so the address order (address, then line) depends only on
   * the sequence of addresses, and the value order only on the sequence of values. An edit away
   * from dumps leaves both sequences as they were, and a sort of every word is spared.
   */
  adoptIndexes(previous: MemoryMap): void {
    if (previous.lineWidth.length !== this.lineWidth.length) return;
    if (previous.sortedOrder && sameColumns(previous.addrHi, this.addrHi, previous.addrLo, this.addrLo))
      this.sortedOrder = previous.sortedOrder;
    if (previous.valueOrder && sameColumns(previous.valHi, this.valHi, previous.valLo, this.valLo))
      this.valueOrder = previous.valueOrder;
  }

  /** How many of the indexes built on first use (order, value order, conflicts) have been built. */
  get indexBuilds(): number {
    return this.builtIndexes;
  }

  /** Builds now, one per step, the indexes lookups otherwise build on first use. */
  *buildIndexes(): Generator<void, void> {
    void this.order;
    yield;
    this.occurrencesOfValue(0n, 1);
    yield;
    void this.conflicts;
  }

  /** Visits the raw columns of words on lines [fromLine, toLine); words are stored in line order. */
  forEachOnLines(
    fromLine: number,
    toLine: number,
    visit: (addrHi: number, addrLo: number, valHi: number, valLo: number, lineWidth: number) => void,
  ): void {
    const lines = this.lineWidth;
    const first = firstIndexAtOrAfter(lines.length, (k) => lines[k] & LINE_MASK, fromLine);
    for (let i = first; i < lines.length && (lines[i] & LINE_MASK) < toLine; i++) {
      visit(this.addrHi[i], this.addrLo[i], this.valHi[i], this.valLo[i], lines[i]);
    }
  }

  /** Addresses shown with different values (same width) in different places. */
  get conflicts(): MemoryConflict[] {
    if (!this.conflictList) {
      this.builtIndexes++;
      this.conflictList = this.findConflicts();
    }
    return this.conflictList;
  }

  get wordCount(): number {
    return this.lineWidth.length;
  }

  private compare(a: number, b: number): number {
    return (
      this.addrHi[a] - this.addrHi[b] ||
      this.addrLo[a] - this.addrLo[b] ||
      (this.lineWidth[a] & LINE_MASK) - (this.lineWidth[b] & LINE_MASK)
    );
  }

  private width(i: number): number {
    return 1 << (this.lineWidth[i] >>> 30);
  }

  private word(i: number): MemoryWord {
    const address = fromHalves(this.addrHi[i], this.addrLo[i]);
    return new DumpedWord(address, fromHalves(this.valHi[i], this.valLo[i]), this.width(i), this.lineWidth[i] & LINE_MASK, this);
  }

  /** Column of the word at an address on its dump line (parsed again: columns are rarely needed). */
  columnOf(line: number, address: bigint): number {
    const [hi, lo] = halves(address);
    let column = 0;
    parseMemoryLine(
      this.lineText(line),
      {
        word(addrHi, addrLo, _vh, _vl, _w, col) {
          if (addrHi === hi && addrLo === lo) column = col;
        },
        symbolic() {},
      },
      true,
    );
    return column;
  }

  /** Position in `order` of the first word at or after the address. */
  private lowerBound(hi: number, lo: number): number {
    return lowerBoundHiLo(this.order, this.addrHi, this.addrLo, hi, lo);
  }

  /** Every word shown at exactly this address (several when dumps repeat or conflict). */
  wordsAt(address: bigint): MemoryWord[] {
    const [hi, lo] = halves(address);
    const result: MemoryWord[] = [];
    for (let k = this.lowerBound(hi, lo); k < this.order.length; k++) {
      const i = this.order[k];
      if (this.addrHi[i] !== hi || this.addrLo[i] !== lo) break;
      result.push(this.word(i));
    }
    return result;
  }

  /** The 64-bit word at an address, when a 64-bit dump shows it. */
  read64(address: bigint): MemoryWord | undefined {
    return this.readWord(address, 8);
  }

  /** The word of `width` bytes at an address, when a dump of that width shows it (`rd -32`, 32-bit dumps). */
  readWord(address: bigint, width: number): MemoryWord | undefined {
    // The first of wordsAt's words of that width, made alone: repeated dumps show an address many times.
    const [hi, lo] = halves(address);
    const order = this.order;
    for (let k = this.lowerBound(hi, lo); k < order.length; k++) {
      const i = order[k];
      if (this.addrHi[i] !== hi || this.addrLo[i] !== lo) break;
      if (this.width(i) === width) return this.word(i);
    }
    return undefined;
  }

  /** The widest word dumped at an address: a 64-bit word, else what `rd -32/-16/-8` showed there. */
  readWidest(address: bigint): MemoryWord | undefined {
    let widest: MemoryWord | undefined;
    for (const word of this.wordsAt(address)) if (!widest || word.width > widest.width) widest = word;
    return widest;
  }

  /** Words in [start, end), in address order (first occurrence of each address). */
  range(start: bigint, end: bigint): MemoryWord[] {
    const [hi, lo] = halves(start);
    const result: MemoryWord[] = [];
    let last: bigint | undefined;
    for (let k = this.lowerBound(hi, lo); k < this.order.length; k++) {
      const w = this.word(this.order[k]);
      if (w.address >= end) break;
      if (w.address !== last) result.push(w);
      last = w.address;
    }
    return result;
  }

  /**
   * Visits the raw columns of words in [start, end) in address order (every occurrence,
   * first-dumped first): pictures of whole stacks read thousands of words without a
   * bigint or an object per word.
   */
  forEachInRange(
    start: bigint,
    end: bigint,
    visit: (addrHi: number, addrLo: number, valHi: number, valLo: number, line: number, width: number) => void,
  ): void {
    const [hi, lo] = halves(start);
    const [endHi, endLo] = halves(end);
    for (let k = this.lowerBound(hi, lo); k < this.order.length; k++) {
      const i = this.order[k];
      const ah = this.addrHi[i];
      const al = this.addrLo[i];
      if (ah > endHi || (ah === endHi && al >= endLo)) break;
      visit(ah, al, this.valHi[i], this.valLo[i], this.lineWidth[i] & LINE_MASK, this.width(i));
    }
  }

  private valueOrder: Uint32Array | undefined;

  /** Every place a value appears as a dumped word, in transcript order (index built on first use). */
  occurrencesOfValue(value: bigint, limit = 1000): MemoryWord[] {
    if (!this.valueOrder) {
      this.builtIndexes++;
      const order = new Uint32Array(this.lineWidth.length);
      for (let i = 0; i < order.length; i++) order[i] = i;
      order.sort((a, b) => this.valHi[a] - this.valHi[b] || this.valLo[a] - this.valLo[b] || a - b);
      this.valueOrder = order;
    }
    const order = this.valueOrder;
    const [hi, lo] = halves(value);
    const result: MemoryWord[] = [];
    for (let k = lowerBoundHiLo(order, this.valHi, this.valLo, hi, lo); k < order.length && result.length < limit; k++) {
      const i = order[k];
      if (this.valHi[i] !== hi || this.valLo[i] !== lo) break;
      result.push(this.word(i));
    }
    return result;
  }

  private findConflicts(): MemoryConflict[] {
    const conflicts: MemoryConflict[] = [];
    const order = this.order;
    const n = order.length;
    let k = 0;
    while (k < n) {
      let j = k + 1;
      const first = this.order[k];
      while (j < n) {
        const i = this.order[j];
        if (this.addrHi[i] !== this.addrHi[first] || this.addrLo[i] !== this.addrLo[first]) break;
        j++;
      }
      if (j - k > 1) {
        let differs = false;
        for (let m = k + 1; m < j && !differs; m++) {
          const i = this.order[m];
          const sameWidth = this.width(i) === this.width(first);
          differs = sameWidth && (this.valHi[i] !== this.valHi[first] || this.valLo[i] !== this.valLo[first]);
        }
        if (differs && conflicts.length < 10000) {
          const words: MemoryWord[] = [];
          for (let m = k; m < j; m++) words.push(this.word(order[m]));
          conflicts.push({ address: words[0].address, words });
        }
      }
      k = j;
    }
    return conflicts;
  }
}

/** Whether two pairs of columns hold the same numbers. */
function sameColumns(a: Uint32Array, b: Uint32Array, c: Uint32Array, d: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] || c[i] !== d[i]) return false;
  return true;
}
