// Symbol files (System.map, /proc/kallsyms, `nm` output) name addresses the transcript
// does not. Their addresses are usually those of another boot (or of no boot at all for
// System.map), so a KASLR slide is worked out from functions the transcript places, and
// only then are runtime addresses looked up. Pure: text in, table and answers out.
import type { Model, SymbolFileSource } from './model';
import type { FunctionSymbol, SymbolMatch } from './symbols';

export interface SymbolFileEntry {
  name: string;
  /** Start in the file's address space. */
  address: bigint;
  /** nm's type letter: `T`/`t` text, `D`/`d` data, `W`/`w` weak, … */
  type: string;
  /** Size from `nm -S`; undefined when the file does not say. */
  size?: number;
  /** kallsyms' `[module]`. */
  module?: string;
}

export type SymbolFileParse = { ok: true; table: SymbolFileTable } | { ok: false; reason: string };

export interface ParseOptions {
  /** More symbols than this are refused rather than parsed (bounds memory and time). */
  maxSymbols?: number;
}

const DEFAULT_MAX_SYMBOLS = 4_000_000;
/** Longest line a symbol file plausibly has (C++/Rust mangled names are long, not this long). */
const MAX_LINE = 4096;
/** Junk is rejected when this many lines in the first thousand do not parse. */
const EARLY_JUNK_LIMIT = 20;

// `ADDR TYPE NAME`, `ADDR SIZE TYPE NAME` (nm -S), optional kallsyms `\t[module]`.
const SYMBOL_LINE = /^([0-9a-fA-F]{8,16})(?:\s+([0-9a-fA-F]{1,16}))?\s+([A-Za-z?-])\s+(\S+)(?:\s+\[([^\]\s]+)\])?\s*$/;
// nm's undefined symbols (`         U kmalloc`) and per-object headers (`foo.o:`).
const SKIPPED_LINE = /^\s+[Uuvw]\s+\S+\s*$|^\S+:\s*$/;
/** Types that never name a location in the image. */
const SKIPPED_TYPES = new Set(['U', 'N', '?', '-']);

/**
 * Sorted symbols in typed arrays: kallsyms has 100k–1M lines and a model per document
 * version may look into it thousands of times, so no object per symbol.
 */
export class SymbolFileTable {
  readonly count: number;
  /** Every name concatenated; `nameStarts[i]..nameStarts[i+1]` is symbol i. */
  private readonly names: string;
  private readonly nameStarts: Uint32Array;
  /** Address halves as numbers: comparisons without BigInt allocation. */
  private readonly high: Uint32Array;
  private readonly low: Uint32Array;
  /** 0 = unknown. */
  private readonly sizes: Uint32Array;
  private readonly types: Uint8Array;
  /** 0 = kernel image, i = moduleNames[i - 1]. */
  private readonly moduleIndex: Uint16Array;
  readonly moduleNames: readonly string[];

  constructor(parts: {
    names: string;
    nameStarts: Uint32Array;
    high: Uint32Array;
    low: Uint32Array;
    sizes: Uint32Array;
    types: Uint8Array;
    moduleIndex: Uint16Array;
    moduleNames: string[];
  }) {
    this.count = parts.high.length;
    this.names = parts.names;
    this.nameStarts = parts.nameStarts;
    this.high = parts.high;
    this.low = parts.low;
    this.sizes = parts.sizes;
    this.types = parts.types;
    this.moduleIndex = parts.moduleIndex;
    this.moduleNames = parts.moduleNames;
  }

  nameAt(i: number): string {
    return this.names.slice(this.nameStarts[i], this.nameStarts[i + 1]);
  }

  addressAt(i: number): bigint {
    return (BigInt(this.high[i]) << 32n) | BigInt(this.low[i]);
  }

  moduleAt(i: number): string | undefined {
    const m = this.moduleIndex[i];
    return m === 0 ? undefined : this.moduleNames[m - 1];
  }

  isText(i: number): boolean {
    const t = this.types[i] | 0x20; // lower case
    return t === 0x74 /* t */ || t === 0x77; /* w */
  }

  sizeAt(i: number): number | undefined {
    return this.sizes[i] > 0 ? this.sizes[i] : undefined;
  }

  typeAt(i: number): string {
    return String.fromCharCode(this.types[i]);
  }

  entry(i: number): SymbolFileEntry {
    return {
      name: this.nameAt(i),
      address: this.addressAt(i),
      type: this.typeAt(i),
      size: this.sizeAt(i),
      module: this.moduleAt(i),
    };
  }

  /**
   * Bytes the symbol may cover: its `nm -S` size, else the distance to the next symbol
   * at a higher address (undefined for the last one).
   */
  extentAt(i: number): number | undefined {
    if (this.sizes[i] > 0) return this.sizes[i];
    const h = this.high[i];
    const l = this.low[i];
    for (let j = i + 1; j < this.count; j++) {
      if (this.high[j] !== h || this.low[j] !== l) {
        const distance = (this.high[j] - h) * 0x100000000 + (this.low[j] - l);
        return distance <= 0xffffffff ? distance : undefined;
      }
    }
    return undefined;
  }

  /** Index of the last symbol at or below an address (file address space), or -1. */
  indexAtOrBefore(address: bigint): number {
    if (address < 0n || address > 0xffffffffffffffffn) return -1;
    const h = Number(address >> 32n);
    const l = Number(address & 0xffffffffn);
    let lowIndex = 0;
    let highIndex = this.count - 1;
    let found = -1;
    while (lowIndex <= highIndex) {
      const mid = (lowIndex + highIndex) >> 1;
      const mh = this.high[mid];
      if (mh < h || (mh === h && this.low[mid] <= l)) {
        found = mid;
        lowIndex = mid + 1;
      } else highIndex = mid - 1;
    }
    return found;
  }

  /** Indexes of the symbols with these names (one scan; names are compared only when lengths match). */
  indexesNamed(wanted: ReadonlySet<string>): Map<string, number[]> {
    const found = new Map<string, number[]>();
    if (wanted.size === 0) return found;
    const lengths = new Set<number>();
    for (const name of wanted) lengths.add(name.length);
    for (let i = 0; i < this.count; i++) {
      if (!lengths.has(this.nameStarts[i + 1] - this.nameStarts[i])) continue;
      const name = this.nameAt(i);
      if (!wanted.has(name)) continue;
      const list = found.get(name);
      if (list) list.push(i);
      else found.set(name, [i]);
    }
    return found;
  }
}

/** Parses a symbol file's text; junk (binary, prose, zeroed kallsyms) is refused with a reason. */
export function parseSymbolFile(text: string, options: ParseOptions = {}): SymbolFileParse {
  const maxSymbols = options.maxSymbols ?? DEFAULT_MAX_SYMBOLS;
  if (text.indexOf('\0') >= 0) {
    return {
      ok: false,
      reason: 'it is a binary file (a vmlinux or vmcore?); expected System.map, /proc/kallsyms or `nm` output',
    };
  }
  const names: string[] = [];
  const high: number[] = [];
  const low: number[] = [];
  const sizes: number[] = [];
  const types: number[] = [];
  const modules: number[] = [];
  const moduleIds = new Map<string, number>();
  let lineNumber = 0;
  let bad = 0;
  let firstBad: { line: number; text: string } | undefined;
  let nonZero = false;
  let sorted = true;
  let previousHigh = 0;
  let previousLow = 0;

  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber++;
    const lineStart = start;
    const raw = end - start > MAX_LINE ? undefined : text.slice(start, end);
    start = end + 1;
    const line = raw?.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line !== undefined && line.trim() === '') continue;
    const m = line !== undefined ? SYMBOL_LINE.exec(line) : null;
    if (!m) {
      if (line !== undefined && SKIPPED_LINE.test(line)) continue;
      bad++;
      firstBad ??= { line: lineNumber, text: (line ?? text.slice(lineStart, lineStart + 80)).slice(0, 80) };
      if (lineNumber <= 1000 ? bad >= EARLY_JUNK_LIMIT : bad > lineNumber / 100) break;
      continue;
    }
    const type = m[3];
    if (SKIPPED_TYPES.has(type)) continue;
    if (names.length >= maxSymbols) return { ok: false, reason: `it has more than ${maxSymbols} symbols` };
    const hex = m[1].padStart(16, '0');
    const h = parseInt(hex.slice(0, 8), 16);
    const l = parseInt(hex.slice(8), 16);
    if (h !== 0 || l !== 0) nonZero = true;
    if (h < previousHigh || (h === previousHigh && l < previousLow)) sorted = false;
    previousHigh = h;
    previousLow = l;
    names.push(m[4]);
    high.push(h);
    low.push(l);
    sizes.push(m[2] ? Math.min(parseInt(m[2], 16), 0xffffffff) : 0);
    types.push(type.charCodeAt(0));
    let moduleId = 0;
    if (m[5]) {
      moduleId = moduleIds.get(m[5]) ?? 0;
      if (moduleId === 0 && moduleIds.size < 0xffff) {
        moduleId = moduleIds.size + 1;
        moduleIds.set(m[5], moduleId);
      }
    }
    modules.push(moduleId);
  }

  if (firstBad && (bad >= EARLY_JUNK_LIMIT || bad > Math.max(5, lineNumber / 100) || names.length === 0)) {
    return { ok: false, reason: `line ${firstBad.line} is not \`ADDRESS TYPE NAME\`: ${JSON.stringify(firstBad.text)}` };
  }
  if (names.length === 0) return { ok: false, reason: 'it holds no symbols' };
  if (!nonZero)
    return {
      ok: false,
      reason: 'every address is 0 (/proc/kallsyms read without the privilege to see addresses; see kptr_restrict)',
    };

  const order = new Uint32Array(names.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  if (!sorted) order.sort((a, b) => high[a] - high[b] || low[a] - low[b]);
  const nameStarts = new Uint32Array(names.length + 1);
  const sortedNames = new Array<string>(names.length);
  let offset = 0;
  for (let i = 0; i < order.length; i++) {
    nameStarts[i] = offset;
    sortedNames[i] = names[order[i]];
    offset += sortedNames[i].length;
  }
  nameStarts[names.length] = offset;
  const pick = <T extends Uint32Array | Uint8Array | Uint16Array>(array: T, from: number[]) => {
    for (let i = 0; i < order.length; i++) array[i] = from[order[i]];
    return array;
  };
  return {
    ok: true,
    table: new SymbolFileTable({
      // One flat string: the slices kept per line would otherwise pin the whole file text.
      names: sortedNames.join(''),
      nameStarts,
      high: pick(new Uint32Array(order.length), high),
      low: pick(new Uint32Array(order.length), low),
      sizes: pick(new Uint32Array(order.length), sizes),
      types: pick(new Uint8Array(order.length), types),
      moduleIndex: pick(new Uint16Array(order.length), modules),
      moduleNames: [...moduleIds.keys()],
    }),
  };
}

/** A place the transcript puts a function: exactly (`offset` known) or somewhere inside it. */
export interface SlideEvidence {
  name: string;
  /** Runtime address. */
  address: bigint;
  /** Offset of `address` in the function when the transcript says it (0 for a known start). */
  offset?: number;
  module?: string;
}

export interface Slide {
  /** undefined for the kernel image. */
  module?: string;
  /** Runtime address − file address. */
  slide: bigint;
  /** Distinct functions consistent with the slide. */
  agreeing: number;
  /** Distinct functions both the transcript and the file know. */
  compared: number;
}

export interface SlideOptions {
  /** Distinct functions that must agree before a slide is believed. */
  minAgreement?: number;
}

/** KASLR and module loading move code by whole pages, so page offsets never change. */
const PAGE = 0x1000n;
/** A function spanning more pages than this adds too many candidate slides to be worth it. */
const MAX_CANDIDATES_PER_FUNCTION = 16;

/**
 * Slides of the kernel image and of each module: every piece of evidence votes for the
 * slides that would put its address inside (or exactly at the offset of) the function of
 * the same name in the file; the slide most functions agree on wins.
 */
export function estimateSlides(table: SymbolFileTable, evidence: readonly SlideEvidence[], options: SlideOptions = {}): Slide[] {
  const minAgreement = options.minAgreement ?? 3;
  const wanted = new Set(evidence.map((e) => e.name));
  const indexes = table.indexesNamed(wanted);
  // group ('' = kernel) → candidate slide → names voting for it
  const votes = new Map<string, Map<bigint, Set<string>>>();
  const compared = new Map<string, Set<string>>();
  for (const e of evidence) {
    const group = e.module ?? '';
    const candidates = new Set<bigint>();
    for (const i of indexes.get(e.name) ?? []) {
      if ((table.moduleAt(i) ?? '') !== group) continue;
      const start = table.addressAt(i);
      if (e.offset !== undefined) {
        const slide = e.address - BigInt(e.offset) - start;
        if (slide % PAGE === 0n) candidates.add(slide);
        continue;
      }
      const extent = table.extentAt(i);
      if (extent === undefined) continue;
      // Page-aligned slides s with start <= address - s < start + extent.
      const highest = floorTo(e.address - start, PAGE);
      for (let s = highest, n = 0; s > e.address - start - BigInt(extent) && n < MAX_CANDIDATES_PER_FUNCTION; s -= PAGE, n++)
        candidates.add(s);
    }
    if (!indexes.has(e.name)) continue;
    let seen = compared.get(group);
    if (!seen) compared.set(group, (seen = new Set()));
    seen.add(e.name);
    let tally = votes.get(group);
    if (!tally) votes.set(group, (tally = new Map<bigint, Set<string>>()));
    for (const slide of candidates) {
      let names = tally.get(slide);
      if (!names) tally.set(slide, (names = new Set()));
      names.add(e.name);
    }
  }
  const slides: Slide[] = [];
  for (const [group, tally] of votes) {
    let best: bigint | undefined;
    let bestCount = 0;
    let tie = false;
    for (const [slide, names] of tally) {
      if (names.size > bestCount) {
        best = slide;
        bestCount = names.size;
        tie = false;
      } else if (names.size === bestCount) tie = true;
    }
    if (best === undefined || tie || bestCount < minAgreement) continue;
    slides.push({ module: group || undefined, slide: best, agreeing: bestCount, compared: compared.get(group)?.size ?? 0 });
  }
  // The kernel image first: lookups try slides in order.
  return slides.sort((a, b) => (a.module === undefined ? 0 : 1) - (b.module === undefined ? 0 : 1));
}

function floorTo(value: bigint, step: bigint): bigint {
  const rest = value % step;
  return rest < 0n ? value - rest - step : value - rest;
}

export interface SymbolFileMatch {
  name: string;
  /** Offset of the address in the symbol. */
  offset: number;
  /** Runtime start of the symbol. */
  start: bigint;
  size?: number;
  module?: string;
  type: string;
  /** Whether the size came from `nm -S` (else from the next symbol's start). */
  sizeKnown: boolean;
}

/** Longest extent believed for a symbol whose end is not known. */
const UNSIZED_LIMIT = 0x10000;

/** A parsed file with the slides that map it onto one transcript's addresses. */
export class SlidSymbolFile {
  constructor(
    readonly table: SymbolFileTable,
    readonly slides: readonly Slide[],
    readonly label = 'symbol file',
  ) {}

  /** The symbol a runtime address falls in, in the first group (kernel, then modules) whose slide places it. */
  lookup(address: bigint, options: { textOnly?: boolean } = {}): SymbolFileMatch | undefined {
    for (const slide of this.slides) {
      const group = slide.module;
      const fileAddress = address - slide.slide;
      const before = this.table.indexAtOrBefore(fileAddress);
      if (before < 0) continue;
      // Aliases share a start: take one of this group (and text when asked).
      const start = this.table.addressAt(before);
      let i = -1;
      for (let j = before; j >= 0 && this.table.addressAt(j) === start; j--) {
        if (this.table.moduleAt(j) === group && (!options.textOnly || this.table.isText(j))) {
          i = j;
          break;
        }
      }
      if (i < 0) continue;
      const offset = Number(fileAddress - start);
      const explicit = this.table.sizeAt(i);
      const extent = this.table.extentAt(i);
      const limit = explicit ?? (extent === undefined ? 0 : Math.min(extent, UNSIZED_LIMIT));
      if (offset >= limit) continue;
      return {
        name: this.table.nameAt(i),
        offset,
        start: start + slide.slide,
        size: explicit ?? extent,
        module: group,
        type: this.table.typeAt(i),
        sizeKnown: explicit !== undefined,
      };
    }
    return undefined;
  }
}

/** What the transcript says about where functions are, for estimateSlides. */
export function slideEvidence(model: Model): SlideEvidence[] {
  const evidence: SlideEvidence[] = [];
  const seen = new Set<string>();
  const add = (e: SlideEvidence) => {
    const key = `${e.name}@${e.address.toString(16)}+${e.offset ?? '?'}`;
    if (seen.has(key)) return;
    seen.add(key);
    evidence.push(e);
  };
  for (const symbol of model.symbols.all) {
    if (symbol.base !== undefined && symbol.conflicts.length === 0)
      add({ name: symbol.name, address: symbol.base, offset: 0, module: symbol.module });
  }
  const frames = [...model.backtraces.flatMap((bt) => bt.frames), ...model.reports.flatMap((r) => r.frames)];
  for (const frame of frames) {
    if (frame.address === undefined || frame.unreliable || frame.inlined) continue;
    add({
      name: frame.function,
      address: frame.address,
      offset: frame.offset,
      module: frame.module ?? model.symbols.get(frame.function)?.module,
    });
  }
  return evidence;
}

/**
 * Works out each file's slides against the model and lets the model's symbol table fall
 * back on them for addresses the transcript cannot name (functions only: the table is
 * about code).
 */
export function attachSymbolFiles(model: Model, sources: readonly SymbolFileSource[]): void {
  const evidence = slideEvidence(model);
  model.symbolFiles = sources.map((s) => new SlidSymbolFile(s.table, estimateSlides(s.table, evidence), s.label));
  const usable = model.symbolFiles.filter((f) => f.slides.length > 0);
  if (usable.length === 0) return;
  // One FunctionSymbol per file symbol, so repeated lookups return the same object.
  const made = new Map<string, FunctionSymbol>();
  model.symbols.fallback = (address) => {
    for (const file of usable) {
      const match = file.lookup(address, { textOnly: true });
      if (!match) continue;
      const key = `${file.label}\0${match.name}\0${match.start}`;
      let symbol = made.get(key);
      if (!symbol) {
        symbol = {
          name: match.name,
          base: match.start,
          size: match.size,
          maxOffset: 0,
          module: match.module,
          baseEvidence: [],
          conflicts: [],
          fromFile: file.label,
        };
        made.set(key, symbol);
      }
      const result: SymbolMatch = { symbol, offset: match.offset, confidence: match.sizeKnown ? 'size' : 'seen' };
      return result;
    }
    return undefined;
  };
}
