// Function symbols learned from the transcript: every `func+off` printed next
// to an address implies the function's start. Conflicting starts are kept.
import { objectArray } from './arrays';
import { firstIndexAtOrAfter, lastIndexAtOrBefore } from './search';

export interface FunctionSymbol {
  name: string;
  base?: bigint;
  /** From `func+off/size` forms. */
  size?: number;
  /** Largest offset seen (a lower bound for the size). */
  maxOffset: number;
  module?: string;
  /** Lines whose text implies the base. */
  baseEvidence: number[];
  /** The base comes only from weak evidence so far. */
  weakBase?: boolean;
  /** Other bases implied by other lines. */
  conflicts: { base: bigint; line: number }[];
  /** Set when a symbol file (crashlog.symbolFiles), not the transcript, names it. */
  fromFile?: string;
}

export interface SymbolMatch {
  symbol: FunctionSymbol;
  offset: number;
  /** `size` when the offset is inside the known size or seen range, `nearest` when only the start is known. */
  confidence: 'size' | 'seen' | 'nearest';
}

/**
 * What a line tells about a function symbol. The parser records these per line and the
 * table is built from them, so a re-analysis rebuilds it from the unchanged lines.
 */
export type SymbolFact =
  | { kind: 'base'; name: string; base: bigint; weak: boolean }
  | { kind: 'offset'; name: string; offset: number; size?: number; module?: string }
  | { kind: 'module'; name: string; module: string };

/** A fact with the line that told it. */
export type SymbolOp = SymbolFact & { line: number };

/** Names as small numbers, shared by the models of one document's versions (names only come). */
export class SymbolNames {
  private readonly ids = new Map<string, number>();

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = this.ids.size));
    return id;
  }

  /** The id of a name already known, without making one for a new name. */
  lookup(name: string): number | undefined {
    return this.ids.get(name);
  }

  get size(): number {
    return this.ids.size;
  }
}

/**
 * A model's symbol ops in line order: the facts, shared between versions, and beside them their
 * lines and name ids in typed arrays. Moving the ops after an edit that added lines copies
 * numbers, not objects (a 50 MB transcript has some 450,000).
 */
export class SymbolOps {
  private facts: SymbolFact[] = objectArray();
  private lines = new Int32Array(64);
  private nameIds = new Int32Array(64);

  constructor(readonly names = new SymbolNames()) {}

  get length(): number {
    return this.facts.length;
  }

  push(fact: SymbolFact, line: number): void {
    const k = this.facts.length;
    this.reserve(k + 1);
    this.facts.push(fact);
    this.lines[k] = line;
    this.nameIds[k] = this.names.id(fact.name);
  }

  fact(k: number): SymbolFact {
    return this.facts[k];
  }

  line(k: number): number {
    return this.lines[k];
  }

  nameId(k: number): number {
    return this.nameIds[k];
  }

  /** The index of the first op on or after a line. */
  indexAtLine(line: number): number {
    return firstIndexAtOrAfter(this.facts.length, (k) => this.lines[k], line);
  }

  /** Appends the ops [from, to) of `other` (with the same names), `shift` lines further down. */
  append(other: SymbolOps, from: number, to: number, shift: number): void {
    if (other.names !== this.names) {
      for (let k = from; k < to; k++) this.push(other.facts[k], other.lines[k] + shift);
      return;
    }
    const at = this.facts.length;
    this.reserve(at + to - from);
    // Native copies: a loop of pushes costs several times more on 450,000 ops.
    this.facts = at === 0 ? other.facts.slice(from, to) : this.facts.concat(other.facts.slice(from, to));
    this.nameIds.set(other.nameIds.subarray(from, to), at);
    this.lines.set(other.lines.subarray(from, to), at);
    if (shift !== 0) {
      const lines = this.lines;
      for (let j = at, end = at + to - from; j < end; j++) lines[j] += shift;
    }
  }

  /** Every op with its line (tests and tools). */
  toArray(): SymbolOp[] {
    return this.facts.map((fact, k) => ({ ...fact, line: this.lines[k] }));
  }

  /** Makes room for `count` ops (a re-analysis knows about how many it will hold). */
  reserve(count: number): void {
    if (count <= this.lines.length) return;
    const size = Math.max(count, this.lines.length * 2);
    const lines = new Int32Array(size);
    lines.set(this.lines);
    this.lines = lines;
    const nameIds = new Int32Array(size);
    nameIds.set(this.nameIds);
    this.nameIds = nameIds;
  }
}

/** Farthest a text address may lie from a known start to be named after it. */
const NEAREST_LIMIT = 0x8000;

/**
 * ELF mapping symbols (`$x`, `$d`, riscv64 `$xrv64i2p1_m2p0_…`) and assembler local labels
 * (`.L11`, `.LVL9`), which crash and gdb print where they have no better symbol: they say
 * nothing about which function the code belongs to.
 */
export function namesNoFunction(name: string): boolean {
  return /^(?:\$[adtx][\w.]*|\.L[\w.]*)$/.test(name);
}

/**
 * What a model's symbol ops say of each name, in the order of each name's first op: the
 * table before anything else adds to it. Never changed once made, so the model of the next
 * version keeps the names an edit did not touch (see `symbolsAfterEdit`).
 */
export type SymbolsOfOps = ReadonlyMap<string, { readonly symbol: FunctionSymbol; readonly firstOp: number }>;

/** Replays every op, or only those of the `only` names. */
export function symbolsOfOps(ops: SymbolOps, only?: ReadonlySet<string>): SymbolsOfOps {
  const table = new SymbolTable();
  const firstOps: number[] = [];
  // The names to replay as flags by name id: one look at a typed array per op.
  let wanted: Uint8Array | undefined;
  if (only !== undefined) {
    wanted = new Uint8Array(ops.names.size);
    for (const name of only) {
      // A name no op ever had has nothing to replay (and must not grow the names shared by versions).
      const id = ops.names.lookup(name);
      if (id !== undefined) wanted[id] = 1;
    }
  }
  for (let i = 0; i < ops.length; i++) {
    if (wanted !== undefined && wanted[ops.nameId(i)] === 0) continue;
    const count = table.count;
    table.apply(ops.fact(i), ops.line(i));
    if (table.count !== count) firstOps.push(i);
  }
  const result = new Map<string, { symbol: FunctionSymbol; firstOp: number }>();
  let k = 0;
  for (const symbol of table.all) result.set(symbol.name, { symbol, firstOp: firstOps[k++] });
  return result;
}

/** How the symbol ops of a model's lines changed in a re-analysis (see `symbolsAfterEdit`). */
export interface SymbolOpsEdit {
  /** Names whose ops among the lines parsed again changed, in the previous model or the new one. */
  touched: ReadonlySet<string>;
  /** Names not touched whose first op is among the lines parsed again: its index in the new model. */
  firstOps: ReadonlyMap<string, number>;
  /** Ops kept from the top: indexes below it are the same in both models. */
  keptOps: number;
  /** How many more ops the new model has: later ops kept from the previous one moved by it. */
  opsShift: number;
  /** Old lines from this one on are `lineShift` lines further down in the new model. */
  movedFrom: number;
  lineShift: number;
}

/**
 * The symbols of a re-analysed model's ops from the previous model's: the names the edit touched
 * are replayed from the new ops, the others are kept (copies when the lines they name moved).
 * Ops are in line order, as the parser emits them: the previous model's ops before and after
 * the lines parsed again are those the new one carries, in the same order.
 */
export function symbolsAfterEdit(previous: SymbolsOfOps, ops: SymbolOps, edit: SymbolOpsEdit): SymbolsOfOps {
  const { touched, firstOps, keptOps, opsShift, movedFrom, lineShift } = edit;
  const move = (line: number) => (line >= movedFrom ? line + lineShift : line);
  const kept: { symbol: FunctionSymbol; firstOp: number }[] = [];
  let sorted = true;
  for (const [name, { symbol, firstOp }] of previous) {
    if (touched.has(name)) continue;
    const op = firstOp < keptOps ? firstOp : (firstOps.get(name) ?? firstOp + opsShift);
    if (kept.length > 0 && op < kept[kept.length - 1].firstOp) sorted = false;
    // Evidence lines are in line order, as the ops that gave them: the last one tells whether any moved.
    const moved =
      lineShift !== 0 && ((symbol.baseEvidence.at(-1) ?? -1) >= movedFrom || (symbol.conflicts.at(-1)?.line ?? -1) >= movedFrom);
    kept.push({
      symbol: moved
        ? {
            ...symbol,
            baseEvidence: symbol.baseEvidence.map(move),
            conflicts: symbol.conflicts.map((c) => ({ ...c, line: move(c.line) })),
          }
        : symbol,
      firstOp: op,
    });
  }
  // Names whose first op is among the lines parsed again may now come in another order.
  if (!sorted) kept.sort((a, b) => a.firstOp - b.firstOp);
  // Both lists come in the order of the names' first ops: merged, not sorted.
  const replayed = touched.size > 0 ? [...symbolsOfOps(ops, touched).values()] : [];
  const result = new Map<string, { symbol: FunctionSymbol; firstOp: number }>();
  let r = 0;
  for (const entry of kept) {
    while (r < replayed.length && replayed[r].firstOp < entry.firstOp) result.set(replayed[r].symbol.name, replayed[r++]);
    result.set(entry.symbol.name, entry);
  }
  while (r < replayed.length) result.set(replayed[r].symbol.name, replayed[r++]);
  return result;
}

export class SymbolTable {
  private readonly byName = new Map<string, FunctionSymbol>();
  private sorted: FunctionSymbol[] = [];
  /** Names what the transcript cannot (a symbol file); consulted after the transcript's own symbols. */
  fallback: ((address: bigint) => SymbolMatch | undefined) | undefined;

  /**
   * Once the table adopted symbols: those it made or copied since. The others are shared with
   * what it adopted, and copied before a change.
   */
  private own: Set<FunctionSymbol> | undefined;

  /** Starts from what the ops say, sharing their symbols until it learns more of one. */
  adopt(symbols: SymbolsOfOps): void {
    this.own ??= new Set();
    for (const { symbol } of symbols.values()) this.byName.set(symbol.name, symbol);
  }

  /** Applies what a line told. */
  apply(fact: SymbolFact, line: number): void {
    if (fact.kind === 'base') this.addBase(fact.name, fact.base, line, fact.weak);
    else if (fact.kind === 'offset') this.addOffset(fact.name, fact.offset, fact.size, fact.module);
    else this.setModule(fact.name, fact.module);
  }

  /** The symbol of a name to change: created on first use, copied when it is an adopted one. */
  entry(name: string): FunctionSymbol {
    let symbol = this.byName.get(name);
    if (!symbol) {
      symbol = { name, maxOffset: 0, baseEvidence: [], conflicts: [] };
      this.byName.set(name, symbol);
      this.own?.add(symbol);
    } else if (this.own && !this.own.has(symbol)) {
      symbol = { ...symbol, baseEvidence: [...symbol.baseEvidence], conflicts: [...symbol.conflicts] };
      this.byName.set(name, symbol);
      this.own.add(symbol);
    }
    return symbol;
  }

  /**
   * Records a start implied by a line. `weak` evidence (a branch target's `<func+off>`,
   * a console frame's `[<addr>]`) never overrides or contradicts what the function's
   * own listing says: crash names branch targets after the nearest label.
   */
  addBase(name: string, base: bigint, line: number, weak = false): void {
    const symbol = this.entry(name);
    if (symbol.base === undefined) {
      symbol.base = base;
      symbol.weakBase = weak;
      symbol.baseEvidence.push(line);
    } else if (symbol.base === base) {
      if (symbol.baseEvidence.length < 16) symbol.baseEvidence.push(line);
      if (!weak) symbol.weakBase = false;
    } else if (symbol.weakBase && !weak) {
      symbol.base = base;
      symbol.weakBase = false;
      symbol.baseEvidence = [line];
    } else if (!weak && symbol.conflicts.length < 16) {
      symbol.conflicts.push({ base, line });
    }
  }

  addOffset(name: string, offset: number, size?: number, module?: string): void {
    const symbol = this.entry(name);
    if (offset > symbol.maxOffset) symbol.maxOffset = offset;
    if (size !== undefined && size > 0) symbol.size = size;
    if (module && !symbol.module) symbol.module = module;
  }

  setModule(name: string, module: string): void {
    const symbol = this.entry(name);
    if (!symbol.module) symbol.module = module;
  }

  get(name: string): FunctionSymbol | undefined {
    return this.byName.get(name);
  }

  get all(): FunctionSymbol[] {
    return [...this.byName.values()];
  }

  get count(): number {
    return this.byName.size;
  }

  finalize(): void {
    this.sorted = [...this.byName.values()].filter((s) => s.base !== undefined);
    this.sorted.sort((a, b) => (a.base! < b.base! ? -1 : a.base! > b.base! ? 1 : 0));
  }

  /**
   * The function a text address falls in, judged from known starts and sizes; a symbol
   * file's answer beats a mere guess from the nearest known start.
   */
  lookup(address: bigint): SymbolMatch | undefined {
    const own = this.lookupKnown(address);
    if (own && own.confidence !== 'nearest') return own;
    return this.fallback?.(address) ?? own;
  }

  private lookupKnown(address: bigint): SymbolMatch | undefined {
    const found = lastIndexAtOrBefore(this.sorted.length, (i) => this.sorted[i].base!, address);
    // Several names may share a start (aliases); prefer one whose size covers the address.
    for (let i = found; i >= 0 && i > found - 4; i--) {
      const symbol = this.sorted[i];
      if (i !== found && symbol.base !== this.sorted[found].base) break;
      const offset = Number(address - symbol.base!);
      if (symbol.size !== undefined) {
        if (offset < symbol.size) return { symbol, offset, confidence: 'size' };
        continue;
      }
      if (offset <= symbol.maxOffset) return { symbol, offset, confidence: 'seen' };
      if (offset <= NEAREST_LIMIT) return { symbol, offset, confidence: 'nearest' };
    }
    return undefined;
  }
}
