// Index of disassembled instructions by address. Listings can be huge, so the
// index keeps only address and line; an instruction is decoded from its line
// when a feature asks for it (and then cached).
import { doubleArray } from './arrays';
import { fromHalves, halves } from './hex';
import { parseDis } from './parse/commands/dis';
import { firstIndexAtOrAfter, lowerBoundHiLo } from './search';
import type { Instruction, SourceLine } from './types';

export class InstructionIndex {
  private hi: number[] = doubleArray();
  private lo: number[] = doubleArray();
  private lineOf: number[] = [];
  private order: Uint32Array = new Uint32Array(0);
  private readonly decoded = new Map<number, Instruction>();
  /** Source lines printed by `dis -l` above an instruction, by the instruction's line. */
  readonly sources = new Map<number, SourceLine>();
  /** The architecture's call mnemonics once it is known: `blr` calls on arm64 but returns on ppc64. */
  private calls: ReadonlySet<string> | undefined;

  constructor(private readonly lineText: (line: number) => string) {}

  add(hi: number, lo: number, line: number): void {
    this.hi.push(hi);
    this.lo.push(lo);
    this.lineOf.push(line);
  }

  get count(): number {
    return this.lineOf.length;
  }

  /** Copies another index's instructions (and their source lines) on lines [fromLine, toLine), `shift` lines further down. */
  copyLines(other: InstructionIndex, fromLine: number, toLine: number, shift = 0): void {
    const lines = other.lineOf;
    for (let i = firstIndexAtOrAfter(lines.length, (k) => lines[k], fromLine); i < lines.length && lines[i] < toLine; i++) {
      this.add(other.hi[i], other.lo[i], lines[i] + shift);
      const source = other.sources.get(lines[i]);
      if (source) this.sources.set(lines[i] + shift, shift === 0 ? source : { ...source, at: source.at + shift });
    }
  }

  /** The lines of the instructions, in the order they were added (tests compare indexes with it). */
  linesOf(): readonly number[] {
    return this.lineOf;
  }

  /**
   * Sorts the instructions by address (then line). Kept in line order, their sorted order depends
   * only on the sequence of addresses: when it is the one of `previous` (the index of the version
   * before an edit away from listings), its order is taken over.
   */
  finalize(previous?: InstructionIndex): void {
    const n = this.lineOf.length;
    if (previous && previous.order.length === n && sameNumbers(previous.hi, this.hi) && sameNumbers(previous.lo, this.lo)) {
      this.order = previous.order;
      return;
    }
    this.order = addressOrder(this.hi, this.lo, this.lineOf);
  }

  private lowerBound(hi: number, lo: number): number {
    return lowerBoundHiLo(this.order, this.hi, this.lo, hi, lo);
  }

  /** Judges calls by one architecture's mnemonics (undefined: by every registered one's, as parsed). */
  useCalls(mnemonics: readonly string[] | undefined): void {
    this.calls = mnemonics && new Set(mnemonics);
    this.decoded.clear();
  }

  decode(line: number): Instruction | undefined {
    const cached = this.decoded.get(line);
    if (cached) return cached;
    const dis = parseDis(this.lineText(line));
    if (!dis) return undefined;
    const instruction: Instruction = {
      address: BigInt('0x' + dis.address),
      function: dis.function,
      offset: dis.offset,
      mnemonic: dis.mnemonic,
      operands: dis.operands,
      isCall: this.calls ? this.calls.has(dis.mnemonic) : dis.isCall,
      line,
    };
    if (dis.target) {
      instruction.target = BigInt('0x' + dis.target);
      if (dis.targetFunction) instruction.targetSymbol = { name: dis.targetFunction, offset: dis.targetOffset };
    }
    const source = this.sources.get(line);
    if (source) instruction.source = source;
    if (this.decoded.size > 50000) this.decoded.clear();
    this.decoded.set(line, instruction);
    return instruction;
  }

  /** The instruction at an address (first listing that shows it). */
  at(address: bigint): Instruction | undefined {
    const [hi, lo] = halves(address);
    const k = this.lowerBound(hi, lo);
    if (k >= this.order.length) return undefined;
    const i = this.order[k];
    if (this.hi[i] !== hi || this.lo[i] !== lo) return undefined;
    return this.decode(this.lineOf[i]);
  }

  /** Every listing line that shows this address. */
  linesAt(address: bigint): number[] {
    const [hi, lo] = halves(address);
    const result: number[] = [];
    for (let k = this.lowerBound(hi, lo); k < this.order.length; k++) {
      const i = this.order[k];
      if (this.hi[i] !== hi || this.lo[i] !== lo) break;
      result.push(this.lineOf[i]);
    }
    return result;
  }

  /** The instruction just before an address (the call a return address follows). */
  before(address: bigint): Instruction | undefined {
    const [hi, lo] = halves(address);
    const k = this.lowerBound(hi, lo);
    if (k === 0) return undefined;
    const i = this.order[k - 1];
    // Only adjacent: at most 16 bytes (x86 max instruction length 15; arm64 4). Checked on the
    // columns first: most return addresses have no listing around them.
    if (address - fromHalves(this.hi[i], this.lo[i]) > 16n) return undefined;
    return this.decode(this.lineOf[i]);
  }

  /** Instructions in [start, end), one per address, in address order. */
  range(start: bigint, end: bigint): Instruction[] {
    const [hi, lo] = halves(start);
    const result: Instruction[] = [];
    let last = -1n;
    for (let k = this.lowerBound(hi, lo); k < this.order.length; k++) {
      const i = this.order[k];
      const address = fromHalves(this.hi[i], this.lo[i]);
      if (address >= end) break;
      if (address === last) continue;
      last = address;
      const instruction = this.decode(this.lineOf[i]);
      if (instruction) result.push(instruction);
    }
    return result;
  }
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Indices of instructions sorted by address (hi, lo), then line. A comparator called per comparison
 * cost ten times what a sort without one does, so where it fits each index goes into one double:
 * the rank of its address's high half (a transcript has few distinct ones), the low half, then the
 * index itself, which orders as the line does (instructions are added in line order).
 */
function addressOrder(hi: readonly number[], lo: readonly number[], lineOf: readonly number[]): Uint32Array {
  const n = lineOf.length;
  const order = new Uint32Array(n);
  const indexScale = 2 ** Math.ceil(Math.log2(n + 1));
  const keys = packedKeys(hi, lo, lineOf, indexScale);
  if (keys) {
    keys.sort();
    for (let k = 0; k < n; k++) order[k] = keys[k] % indexScale;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => hi[a] - hi[b] || lo[a] - lo[b] || lineOf[a] - lineOf[b]);
  return order;
}

/** rank(hi) · 2³² + lo, then the index below it, per instruction; undefined when that is not exact or lines are out of order. */
function packedKeys(
  hi: readonly number[],
  lo: readonly number[],
  lineOf: readonly number[],
  indexScale: number,
): Float64Array | undefined {
  const his = [...new Set(hi)].sort((a, b) => a - b);
  if (his.length * 2 ** 32 * indexScale > 2 ** 53) return undefined;
  const keys = new Float64Array(lineOf.length);
  return fillKeys(keys, his, hi, lo, lineOf, indexScale) ? keys : undefined;
}

/**
 * packedKeys' loop, apart from what it does once before: code optimised during one analysis's
 * loop had no type feedback for that part, and deoptimised on entering it in the next analysis.
 */
function fillKeys(
  keys: Float64Array,
  his: readonly number[],
  hi: readonly number[],
  lo: readonly number[],
  lineOf: readonly number[],
  indexScale: number,
): boolean {
  for (let i = 0; i < keys.length; i++) {
    if (!(lo[i] >= 0 && lo[i] < 2 ** 32) || (i > 0 && lineOf[i] <= lineOf[i - 1])) return false;
    // Looked up for every instruction (`his` holds one or two values): a branch taken only when the
    // high half changes, at the first instruction alone in most transcripts, had no feedback either.
    keys[i] = (his.indexOf(hi[i]) * 2 ** 32 + lo[i]) * indexScale + i;
  }
  return true;
}
