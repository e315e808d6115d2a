// The transcript model: one pass over the lines builds everything the
// features read. Built once per document version and shared.
import { ArchEvidence } from './arch/detect';
import { kernelStackPointer, unsettledStackPointer } from './arch/roles';
import { readOnlyArch } from './arch/readonly';
import { archSpec } from './arch/registry';
import type { ArchSpec, Layout } from './arch/types';
import { objectArray } from './arrays';
import { classifyAddress, AddressClass, learnLayout } from './classify';
import type { ParserFailure } from './failures';
import { InstructionIndex } from './instructions';
import { LineIndex } from './lines';
import { MemoryBuilder, MemoryMap } from './memory';
import { movedRegisters, movedReport, unmovedRegisters } from './movedReports';
import { composedMapper, movedState, type LineMapper, type ReportMachineState } from './parse/console/state';
import { Parser, type Resume, type Rest } from './parse/driver';
import { ParseSink } from './parse/sink';
import { RegisterBlock } from './registerBlock';
import { firstIndexAtOrAfter, lastAtOrBefore, lastIndexAtOrBefore } from './search';
import {
  namesNoFunction,
  symbolsAfterEdit,
  symbolsOfOps,
  SymbolOps,
  SymbolTable,
  type SymbolNames,
  type SymbolOpsEdit,
  type SymbolsOfOps,
} from './symbols';
import { attachSymbolFiles, SlidSymbolFile, SymbolFileTable } from './symbolFile';
import { unquoted } from './parse/quote';
import { plainChars } from './parse/pastedChars';
import type {
  Arch,
  Backtrace,
  Damage,
  Frame,
  ModuleInfo,
  Register,
  Report,
  Section,
  SlabObject,
  SourceLine,
  StackMarker,
  StackRange,
  StructLayout,
  Task,
  VmapArea,
} from './types';

export interface AnalyzeOptions {
  /** Overrides detection (`crashlog.arch`). */
  arch?: Arch;
  /** Parsed symbol files (`crashlog.symbolFiles`, `--symbols`), shared by every model. */
  symbolFiles?: readonly SymbolFileSource[];
}

export interface SymbolFileSource {
  table: SymbolFileTable;
  /** Shown in hovers: the file's name. */
  label: string;
}

export interface SymbolicWord {
  address: bigint;
  text: string;
  line: number;
  column: number;
}

/** Bytes of a stack when the architecture is unknown (x86_64's and arm64's without KASAN). */
const DEFAULT_STACK_BYTES = 0x4000n;

export class Model {
  readonly text: LineIndex;

  // What the lines say, each item tied to the line that said it: the per-line stores,
  // declared once in LINE_STORES so that a re-analysis carries every one across an edit.
  // Their arrays start as objectArray() (see arrays.ts: a plain `[]` deoptimises each analysis).
  readonly lineKinds: Uint8Array;
  /**
   * Where the parser starts a line with nothing open (see Rest): a re-analysis may start
   * or stop there.
   */
  readonly atRest: Uint8Array;
  /** 1 where the parser read a line through an e-mail quote marker: `line` blanks the marker of those only. */
  readonly quoted: Uint8Array;
  /** Architecture evidence per line, scored by every registered architecture. */
  readonly archEvidence: ArchEvidence;
  readonly sections: Section[] = objectArray();
  readonly backtraces: Backtrace[] = objectArray();
  readonly reports: Report[] = objectArray();
  memory!: MemoryMap;
  readonly symbolicWords: SymbolicWord[] = objectArray();
  readonly instructions: InstructionIndex;
  /** Every struct listing in transcript order (a later listing of a name wins in `structs`). */
  readonly structList: StructLayout[] = objectArray();
  readonly slabs: SlabObject[] = objectArray();
  readonly vmaps: VmapArea[] = objectArray();
  readonly modules: ModuleInfo[] = objectArray();
  /** Every line that names a task (bt headers, `ps` rows); `tasks` keeps the first of each. */
  readonly taskSightings: Task[] = objectArray();
  /** Stacks the transcript states (`task -R stack`), before bt frames and registers add theirs. */
  readonly declaredStacks: { base: bigint; kind: 'task' | 'irq'; line: number; task?: Task }[] = objectArray();
  readonly damage: Damage[] = objectArray();
  /** Exceptions the parser caught: bugs of the analysis, not damaged input. */
  readonly failures: ParserFailure[] = objectArray();
  /** `sym`, `dis -l` and `bt -l` source lines of text addresses, in transcript order. */
  readonly sourceLines: { address: bigint; source: SourceLine; line: number }[] = objectArray();
  /** What the lines tell about function symbols, in the order the parser met it. */
  readonly symbolOps: SymbolOps;
  /**
   * The console report machine's state every so many lines where only reports are open: a
   * re-analysis may start there. Where they fall depends on where parses started, so they are
   * no part of what the model says.
   */
  readonly checkpoints: Checkpoint[] = objectArray();

  // Derived from the per-line stores by `finalize`, again for each version.
  arch: Arch = 'unknown';
  archDetected: Arch = 'unknown';
  /** When the architecture is `unknown`: the one not modelled that the evidence points to (`i386`, `arm32`…). */
  archUnmodelled: string | undefined;
  /** Bytes of the architecture's words (modelled or read-only): 4 on 32-bit kernels, else 8. */
  wordBytes: 4 | 8 = 8;
  structs = new Map<string, StructLayout>();
  readonly symbols = new SymbolTable();
  /** What the symbol ops alone say, kept for the re-analysis of the next version. */
  symbolsOfOps: SymbolsOfOps = new Map();
  readonly tasks: Task[] = objectArray();
  /** Keyed by the bigint itself: a hex key cost a toString(16) per sighting and per lookup, twice the time. */
  private readonly tasksByAddress = new Map<bigint, Task>();
  readonly stacks: StackRange[] = objectArray();
  /** Source lines by text address (a later line wins). */
  readonly sources = new Map<bigint, SourceLine>();
  /** The address-space layout of the architecture, learned from the transcript; none when the architecture is unknown. */
  layout: Layout | undefined;
  /** What the analysis knows of the transcript's architecture; undefined when it is `unknown`. */
  spec: ArchSpec | undefined;
  /** Symbol files with the slides that map them onto this transcript (those no slide was found for included). */
  symbolFiles: SlidSymbolFile[] = objectArray();

  /**
   * `text` may come indexed already (a re-analysis derives the index from the previous one);
   * `names`, the symbol names of the model this one follows, lets symbol ops be carried as numbers.
   */
  constructor(text: string | LineIndex, names?: SymbolNames) {
    this.text = typeof text === 'string' ? new LineIndex(text) : text;
    this.symbolOps = new SymbolOps(names);
    this.lineKinds = new Uint8Array(this.text.lineCount);
    this.atRest = new Uint8Array(this.text.lineCount);
    this.quoted = new Uint8Array(this.text.lineCount);
    this.archEvidence = new ArchEvidence(this.text.lineCount);
    this.instructions = new InstructionIndex((line) => this.line(line));
  }

  /**
   * A line's text as the analysis reads it ('' past the end): an e-mail quote marker blanked where the
   * parser read one (under an unquoted `crash> ps` a leading `>` is crash's mark of an active task).
   * `quotedAs` reads it as line `quotedAs` was quoted (a look-ahead at a line not parsed yet). A pasted
   * no-break space, zero-width character or typographic quote reads as the plain one (parse/pastedChars.ts).
   */
  line(i: number, quotedAs = i): string {
    const text = plainChars(this.text.line(i));
    return this.quoted[quotedAs] === 1 ? unquoted(text) : text;
  }

  get lineCount(): number {
    return this.text.lineCount;
  }

  /** Every line as an array, made on first use: for tests and tools, features read `line(i)`. */
  get lines(): string[] {
    return this.text.lines;
  }

  classify(address: bigint): AddressClass {
    return classifyAddress(this, address);
  }

  /** The section (crash command) a line belongs to. */
  sectionAt(line: number): Section | undefined {
    const found = lastAtOrBefore(this.sections, (s) => s.line, line);
    return found && line <= found.endLine ? found : undefined;
  }

  /** The slab object containing an address, when kmem output showed it. */
  slabAt(address: bigint): SlabObject | undefined {
    const slabs = this.slabs;
    // A pointer into an object (bt -FF) covers its own address only: look past those to the object before it.
    for (let i = lastIndexAtOrBefore(slabs.length, (k) => slabs[k].address, address); i >= 0; i--) {
      const slab = slabs[i];
      if (address < slab.address + BigInt(slab.objectSize || 1)) return slab;
      if (!slab.pointer) return undefined;
    }
    return undefined;
  }

  private registerIndex: Map<bigint, Register[]> | undefined;
  private stackFrameIndex: Map<StackRange, Frame[]> | undefined;
  private ownIndexBuilds = 0;

  /** How many first-use indexes of this model (and its memory map) have been built: a server checks none is built for a request. */
  get indexBuilds(): number {
    return this.ownIndexBuilds + this.memory.indexBuilds;
  }

  /** Register values shown by reports and bt register blocks (index built on first use). */
  registersWithValue(value: bigint): Register[] {
    if (!this.registerIndex) {
      this.ownIndexBuilds++;
      const index = new Map<bigint, Register[]>();
      const add = (r: Register) => {
        if (r.value === undefined) return;
        const list = index.get(r.value);
        if (list) {
          if (list.length < 200) list.push(r);
        } else index.set(r.value, [r]);
      };
      for (const report of this.reports) report.registers.forEach(add);
      for (const bt of this.backtraces) for (const e of bt.exceptionFrames) e.registers.forEach(add);
      this.registerIndex = index;
    }
    return this.registerIndex.get(value) ?? [];
  }

  private frameIndex: Map<bigint, FramesAt> | undefined;

  /**
   * The first frames printed at a text address (index built on first use): the unwinder names
   * the words it meets by them, and a stack has many words to name.
   */
  framesAt(address: bigint): FramesAt | undefined {
    if (!this.frameIndex) {
      this.ownIndexBuilds++;
      const index = new Map<bigint, FramesAt>();
      const add = (frame: Frame, inReport: boolean): void => {
        if (frame.address === undefined) return;
        let at = index.get(frame.address);
        // One shape for every entry: the unwinder reads them in its hot loop.
        if (!at) index.set(frame.address, (at = { inBacktrace: undefined, inReport: undefined, naming: undefined }));
        if (inReport) at.inReport ??= frame;
        else at.inBacktrace ??= frame;
        if (!at.naming && !namesNoFunction(frame.function)) at.naming = frame;
      };
      for (const bt of this.backtraces) for (const frame of bt.frames) add(frame, false);
      for (const report of this.reports) for (const frame of report.frames) add(frame, true);
      this.frameIndex = index;
    }
    return this.frameIndex.get(address);
  }

  private stackBacktraceIndex: Map<StackRange, Backtrace[]> | undefined;

  /**
   * Backtraces with a frame whose slot lies in a stack (index built on first use), in
   * transcript order; backtraces whose slots lie in no known stack are under `undefined`.
   */
  backtracesInStack(stack: StackRange | undefined): Backtrace[] {
    if (!this.stackBacktraceIndex) {
      this.ownIndexBuilds++;
      const index = new Map<StackRange | undefined, Backtrace[]>();
      for (const bt of this.backtraces) {
        let last: StackRange | undefined | null = null;
        for (const frame of bt.frames) {
          if (frame.stackAddress === undefined) continue;
          const owner: StackRange | undefined =
            last && frame.stackAddress >= last.base && frame.stackAddress < last.top ? last : this.stackAt(frame.stackAddress);
          if (owner === last) continue;
          last = owner;
          const list = index.get(owner);
          if (!list) index.set(owner, [bt]);
          else if (list[list.length - 1] !== bt) list.push(bt);
        }
      }
      this.stackBacktraceIndex = index as Map<StackRange, Backtrace[]>;
    }
    return (this.stackBacktraceIndex as Map<StackRange | undefined, Backtrace[]>).get(stack) ?? [];
  }

  /** bt frames whose slot lies in a stack, in slot order (index built on first use). */
  framesInStack(stack: StackRange): Frame[] {
    if (!this.stackFrameIndex) {
      this.ownIndexBuilds++;
      const index = new Map<StackRange, Frame[]>();
      for (const bt of this.backtraces) {
        for (const frame of bt.frames) {
          if (frame.stackAddress === undefined) continue;
          const owner = this.stackAt(frame.stackAddress);
          if (!owner) continue;
          const list = index.get(owner);
          if (list) list.push(frame);
          else index.set(owner, [frame]);
        }
      }
      for (const list of index.values())
        list.sort((a, b) => (a.stackAddress! < b.stackAddress! ? -1 : a.stackAddress! > b.stackAddress! ? 1 : 0));
      this.stackFrameIndex = index;
    }
    return this.stackFrameIndex.get(stack) ?? [];
  }

  /**
   * Builds now, one per step, the indexes features otherwise build on first use: a server runs
   * the steps while it is idle, so that no request waits for one.
   */
  *buildIndexes(): Generator<void, void> {
    this.registersWithValue(0n);
    yield;
    this.backtracesInStack(undefined);
    yield;
    if (this.stacks.length > 0) this.framesInStack(this.stacks[0]);
    yield;
    this.framesAt(0n);
    yield;
    yield* this.memory.buildIndexes();
  }

  /** Keeps the first sighting of each task (finalize). */
  indexTasks(): void {
    // Every property is read inside the loop: read once before it, as `for…of` does, it had no type
    // feedback when the code optimised during the previous analysis's loop ran, and deoptimised.
    for (let i = 0; i < this.taskSightings.length; i++) {
      const sighting = this.taskSightings[i];
      if (this.tasksByAddress.has(sighting.task)) continue;
      this.tasks.push(sighting);
      this.tasksByAddress.set(sighting.task, sighting);
    }
  }

  /** The task whose task_struct starts at this address (from bt headers). */
  taskAt(address: bigint): Task | undefined {
    return this.tasksByAddress.get(address);
  }

  /** Bytes of a task or IRQ stack: the architecture's (its spec's or read-only arch's `stackBytes`), 16 KiB when it is unknown. */
  stackBytes(kind: 'task' | 'irq' = 'task'): bigint {
    return this.spec?.stackBytes[kind] ?? readOnlyArch(this.archUnmodelled)?.stackBytes[kind] ?? DEFAULT_STACK_BYTES;
  }

  /** The task or IRQ stack holding an address (stacks are sorted by base once the model is built). */
  stackAt(address: bigint): StackRange | undefined {
    const stack = lastAtOrBefore(this.stacks, (s) => s.base, address);
    return stack && address < stack.top ? stack : undefined;
  }

  /** Source line of a text address from `dis -l` or `sym`. */
  sourceAt(address: bigint): SourceLine | undefined {
    return this.sources.get(address);
  }
}

/** The first frames printed at one text address, in transcript order (see Model.framesAt). */
export interface FramesAt {
  /** The first in a crash `bt`. */
  inBacktrace?: Frame;
  /** The first in a console trace. */
  inReport?: Frame;
  /** The first that names a function (not a mapping symbol or local label), bt frames before console ones. */
  naming?: Frame;
}

/** The console report machine's state at a line (see Model.checkpoints). */
export interface Checkpoint {
  line: number;
  /** How the parser started the line besides the open reports. */
  rest: Rest;
  /** The state, its lines as they were when it was kept: `map` takes them to this model's lines. */
  state: ReportMachineState;
  map?: LineMapper;
  /** How many edits `map` spans (a long chain is applied once and dropped). */
  edits?: number;
}

/** A checkpoint's state with this model's lines; undefined when the edits since changed one of them. */
export function checkpointState(checkpoint: Checkpoint): ReportMachineState | undefined {
  return checkpoint.map ? movedState(checkpoint.state, checkpoint.map) : checkpoint.state;
}

/**
 * Copies what `previous` holds for its lines [start, end) into `next`, after what `next` already
 * holds, `shift` lines further down (an edit above added or removed lines). Items that name lines
 * before `start` (checkpoints) map them with `map` (NaN: the line is gone).
 */
export type CarryLines = (
  previous: Model,
  next: Model,
  memory: MemoryBuilder,
  start: number,
  end: number,
  shift: number,
  map: LineMapper,
) => void;

type ListField = { [K in keyof Model]: Model[K] extends readonly { line: number }[] ? K : never }[keyof Model];

/**
 * A list whose items each carry their line. `move` gives an item for the next model `shift`
 * lines further down (every line number it holds moved); without it items only hold `line`.
 */
function lineList<K extends ListField>(
  field: K,
  move: (item: Model[K][number], shift: number, next: Model) => Model[K][number] = moved,
): CarryLines {
  return (previous, next, _memory, start, end, shift) => {
    const target = next[field] as { line: number }[];
    for (const item of previous[field]) {
      if (item.line >= start && item.line < end) target.push(move(item, shift, next));
    }
  };
}

/**
 * A `lineList` the parser appends to in line order, as it reads the lines: the items of a range
 * of lines are found by binary search instead of a look at every item.
 */
function orderedLineList<K extends ListField>(
  field: K,
  move: (item: Model[K][number], shift: number, next: Model) => Model[K][number] = moved,
): CarryLines {
  return (previous, next, _memory, start, end, shift) => {
    const target = next[field] as { line: number }[];
    const items = previous[field] as readonly { line: number }[];
    const from = firstIndexAtOrAfter(items.length, (k) => items[k].line, start);
    const to = firstIndexAtOrAfter(items.length, (k) => items[k].line, end);
    for (let k = from; k < to; k++) target.push(move(items[k] as Model[K][number], shift, next));
  };
}

/** An item whose only line number is `line`, `shift` lines further down (itself when the shift is 0). */
function moved<T extends { line: number }>(item: T, shift: number): T {
  return shift === 0 ? item : { ...item, line: item.line + shift };
}

function movedAll<T extends { line: number }>(items: T[], shift: number): T[] {
  return shift === 0 ? items : items.map((item) => moved(item, shift));
}

function lineArray(field: 'lineKinds' | 'atRest' | 'quoted'): CarryLines {
  return (previous, next, _memory, start, end, shift) => next[field].set(previous[field].subarray(start, end), start + shift);
}

/** Register blocks read their lines from a text: reused ones are copies reading the new one. */
function moveBacktrace(bt: Backtrace, shift: number, next: Model): Backtrace {
  if (shift === 0 && bt.exceptionFrames.length === 0) return bt;
  const exceptionFrames = bt.exceptionFrames.map((e) =>
    e instanceof RegisterBlock
      ? e.on(next, shift)
      : { ...e, line: e.line + shift, endLine: e.endLine + shift, registers: movedRegisters(e.registers, shift) },
  );
  if (shift === 0) return { ...bt, exceptionFrames };
  return {
    ...bt,
    line: bt.line + shift,
    endLine: bt.endLine + shift,
    frames: movedAll(bt.frames, shift),
    markers: movedAll(bt.markers, shift),
    exceptionFrames,
  };
}

/**
 * Every per-line store of a model, declared once: a re-analysis carries each of them over
 * the lines an edit left alone (everything else the model holds is derived by finalize).
 */
export const LINE_STORES = {
  lineKinds: lineArray('lineKinds'),
  atRest: lineArray('atRest'),
  quoted: lineArray('quoted'),
  archEvidence: (previous, next, _memory, start, end, shift) =>
    next.archEvidence.copyFrom(previous.archEvidence, start, end, shift),
  sections: orderedLineList('sections', (s, shift) =>
    shift === 0 ? s : { ...s, line: s.line + shift, endLine: s.endLine + shift },
  ),
  backtraces: orderedLineList('backtraces', moveBacktrace),
  reports: orderedLineList('reports', movedReport),
  memory: (previous, _next, memory, start, end, shift) => memory.copyLines(previous.memory, start, end, shift),
  symbolicWords: orderedLineList('symbolicWords'),
  instructions: (previous, next, _memory, start, end, shift) =>
    next.instructions.copyLines(previous.instructions, start, end, shift),
  structList: lineList('structList', (l, shift) =>
    shift === 0 ? l : { ...l, line: l.line + shift, members: movedAll(l.members, shift) },
  ),
  slabs: lineList('slabs'),
  vmaps: lineList('vmaps'),
  modules: lineList('modules'),
  taskSightings: orderedLineList('taskSightings'),
  declaredStacks: lineList('declaredStacks', (d, shift) =>
    shift === 0 ? d : { ...d, line: d.line + shift, task: d.task && moved(d.task, shift) },
  ),
  damage: lineList('damage'),
  failures: lineList('failures'),
  sourceLines: orderedLineList('sourceLines', (s, shift) =>
    shift === 0 ? s : { ...s, line: s.line + shift, source: { ...s.source, at: s.source.at + shift } },
  ),
  symbolOps: (previous, next, _memory, start, end, shift) => {
    const ops = previous.symbolOps;
    next.symbolOps.append(ops, ops.indexAtLine(start), ops.indexAtLine(end), shift);
  },
  checkpoints: (previous, next, _memory, start, end, shift, map) => {
    for (const checkpoint of previous.checkpoints) {
      if (checkpoint.line < start || checkpoint.line >= end) continue;
      // Kept from the top, a state is the same; after an edit it may name lines the edit changed:
      // its lines are mapped when it is used (most never are), or now when edits pile up.
      if (start === 0) next.checkpoints.push(checkpoint);
      else if ((checkpoint.edits ?? 0) < 16)
        next.checkpoints.push({
          ...checkpoint,
          line: checkpoint.line + shift,
          map: composedMapper(checkpoint.map, map),
          edits: (checkpoint.edits ?? 0) + 1,
        });
      else {
        const state = movedState(checkpoint.state, composedMapper(checkpoint.map, map));
        if (state) next.checkpoints.push({ line: checkpoint.line + shift, rest: checkpoint.rest, state });
      }
    }
  },
} satisfies Partial<Record<keyof Model, CarryLines>>;

/** What a re-analysis reuses of the model before the edit, beyond its per-line stores. */
export interface Reuse {
  previous: Model;
  symbolOps: SymbolOpsEdit;
}

export function analyze(source: string | LineIndex, options: AnalyzeOptions = {}): Model {
  const model = new Model(source);
  const memory = new MemoryBuilder();
  parseRange(model, memory, 0, model.lineCount);
  return finish(model, memory, options);
}

/**
 * Parses lines [from, to) into a model's per-line stores (see Parser.run); used by
 * re-analysis too, which may stop earlier: returns the line where parsing stopped.
 */
export function parseRange(model: Model, memory: MemoryBuilder, from: number, to: number, resume?: Resume): number {
  return new Parser(new ParseSink(model, memory)).run(from, to, resume);
}

/** Everything that needs the whole transcript, once its lines are parsed. */
export function finish(model: Model, memory: MemoryBuilder, options: AnalyzeOptions, reuse?: Reuse): Model {
  model.memory = memory.build(lineReader(model));
  if (reuse) model.memory.adoptIndexes(reuse.previous.memory);
  finalize(model, options, reuse);
  return model;
}

/** The memory map's way back to a line's text; must not capture anything but the model. */
export function lineReader(model: Model): (line: number) => string {
  return (line) => model.line(line);
}

/** Everything that needs the whole transcript: stacks, symbols, arch, layout. */
/**
 * A transcript's word size where its architecture is unknown: 4 when it dumps memory and every dumped
 * address is below 4 GiB (a 32-bit kernel's `rd`, `rd -64` included, with no register naming its machine), else 8.
 */
function dumpWordBytes(memory: Model['memory']): 4 | 8 {
  if (memory.wordCount === 0) return 8;
  let high = false;
  memory.forEachInRange(1n << 32n, 1n << 64n, () => (high = true));
  return high ? 8 : 4;
}

function finalize(model: Model, options: AnalyzeOptions, reuse?: Reuse): void {
  const verdict = model.archEvidence.verdict();
  model.archDetected = verdict.arch ?? 'unknown';
  model.arch = options.arch && options.arch !== 'unknown' ? options.arch : model.archDetected;
  model.archUnmodelled = model.arch === 'unknown' ? verdict.unmodelled : undefined;
  model.spec = archSpec(model.arch);
  model.wordBytes = model.spec?.wordBytes ?? readOnlyArch(model.archUnmodelled)?.wordBytes ?? dumpWordBytes(model.memory);
  model.structs = new Map(model.structList.map((layout) => [layout.name, layout]));
  for (const { address, source } of model.sourceLines) model.sources.set(address, source);
  model.indexTasks();
  model.symbolsOfOps = reuse
    ? symbolsAfterEdit(reuse.previous.symbolsOfOps, model.symbolOps, reuse.symbolOps)
    : symbolsOfOps(model.symbolOps);
  model.symbols.adopt(model.symbolsOfOps);
  if (model.spec?.textBelow4G) learnLowTraceBases(model);
  model.symbols.finalize();
  model.instructions.finalize(reuse?.previous.instructions);
  model.instructions.useCalls(model.spec?.calls.callMnemonics);
  model.slabs.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  learnStacks(model);
  model.stacks.sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  model.layout = learnLayout(model);
  learnSymbolicBases(model);
  model.symbols.finalize();
  if (options.symbolFiles?.length) attachSymbolFiles(model, options.symbolFiles);
}

/** A bt marker that ends a CPU stack's frames (`--- <IRQ stack> ---`, `--- <NMI exception stack> ---`). */
const CPU_STACK_MARKER = /IRQ|softirq|NMI|exception stack|OVERFLOW/i;
/** How close to its block's top an interrupt entry's frame says the block is an IRQ stack (FrameStacks.cutIrqStack). */
const CUT_IRQ_STACK_REACH = 0x40n;
/** Markers of a bt that left the task's stack because it overflowed. */
const OVERFLOW_MARKER = /OVERFLOW|DOUBLEFAULT/i;
/** How many THREAD_SIZE blocks a task's stack may span (KASAN doubles x86_64's and arm64's 16 KiB). */
const LARGEST_STACKS = 4n;
/** Stacks of one page: x86_64's exception stacks (EXCEPTION_STKSZ), arm64's and riscv64's overflow stacks. */
const PAGE_STACK_MARKER = /exception stack|OVERFLOW/i;
const PAGE = 0x1000n;

/**
 * The stacks a backtrace's frames lie on. Its loop is a method called per backtrace, not a loop
 * inside learnStacks: a function run once per analysis was optimised mid-loop with no feedback for
 * the code after it, and deoptimised in every analysis (learnStacks did, twice per run).
 *
 * crash prints a stack marker when the walk leaves a CPU's own stack: the frames above it (since the
 * marker before) are on the stack it names, those after the last one on the task's. A CPU stack is
 * not THREAD_SIZE-aligned everywhere (x86_64 maps its IRQ and exception stacks page by page): its
 * outermost frame lies in its top page, which places it.
 */
class FrameStacks {
  readonly taskBytes: bigint;
  readonly taskMask: bigint;
  private readonly irqBytes: bigint;

  /** CPU stacks known so far: the declared ones (`help -m`'s), then those bt markers placed (a few per CPU). */
  private readonly cpuStacks: StackRange[];

  constructor(
    private readonly model: Model,
    private readonly byBase: Map<bigint, StackRange>,
  ) {
    this.cpuStacks = model.stacks.filter((s) => s.kind === 'irq');
    this.taskBytes = model.stackBytes('task');
    this.irqBytes = model.stackBytes('irq');
    this.taskMask = ~(this.taskBytes - 1n);
  }

  add(bt: Backtrace): void {
    const task = bt.task !== undefined ? this.model.taskAt(bt.task) : undefined;
    const markers = bt.markers.length > 0 ? bt.markers.filter((m) => CPU_STACK_MARKER.test(m.text)) : this.cutIrqStack(bt);
    const own = this.taskRange(bt, markers, task);
    let last: StackRange | undefined;
    let segment = 0;
    for (const frame of bt.frames) {
      if (frame.stackAddress === undefined) continue;
      while (segment < markers.length && frame.level >= markers[segment].beforeLevel) segment++;
      const marker = segment < markers.length ? markers[segment] : undefined;
      // A task frame off the task's stack: past its bottom (an overflow) or a bogus slot.
      if (!marker && own && (frame.stackAddress < own.base || frame.stackAddress >= own.top)) continue;
      // Neighbouring frames share a stack: compare before computing a key.
      if (last && frame.stackAddress >= last.base && frame.stackAddress < last.top) {
        if (last.evidence.length < 64) last.evidence.push(frame.line);
        continue;
      }
      const stack = marker ? this.cpuStack(bt, marker, frame.stackAddress) : own!;
      if (stack.evidence.length < 64) stack.evidence.push(frame.line);
      last = stack;
    }
  }

  /**
   * A backtrace pasted before crash's `--- <IRQ stack> ---`: its outermost frame an interrupt entry in the
   * top bytes of its block, where a task's stack keeps the registers of its entry from user space instead
   * (x86_64's `#16 [ffff8d5300143ff0] reschedule_interrupt`). Its frames are the CPU's IRQ stack's: the
   * marker crash printed after them, restored.
   */
  private cutIrqStack(bt: Backtrace): StackMarker[] {
    const entries = this.model.spec?.calls.interruptEntries;
    const last = bt.frames[bt.frames.length - 1];
    if (!entries || last?.stackAddress === undefined || !entries.test(last.function)) return [];
    const top = (last.stackAddress & this.taskMask) + this.taskBytes;
    return top - last.stackAddress <= CUT_IRQ_STACK_REACH
      ? [{ text: 'IRQ stack', line: last.line, beforeLevel: last.level + 1 }]
      : [];
  }

  /**
   * The task's stack, from the frames after the last marker: the THREAD_SIZE block of the outermost
   * one, reaching down over the blocks right below it that inner frames are on (a kernel whose stacks
   * are larger than the architecture's default: KASAN's 32 KiB, ppc64's since 6.3), unless the bt
   * left the task's stack for an overflow stack, whose frames below the block ran past its bottom.
   */
  private taskRange(bt: Backtrace, markers: readonly StackMarker[], task: Task | undefined): StackRange | undefined {
    const after = markers.length > 0 ? markers[markers.length - 1].beforeLevel : 0;
    let outermost: bigint | undefined;
    for (const f of bt.frames) if (f.stackAddress !== undefined && f.level >= after) outermost = f.stackAddress;
    if (outermost === undefined) return undefined;
    const top = (outermost & this.taskMask) + this.taskBytes;
    let base = top - this.taskBytes;
    if (!bt.markers.some((m) => OVERFLOW_MARKER.test(m.text)))
      for (const f of bt.frames)
        if (
          f.stackAddress !== undefined &&
          f.level >= after &&
          f.stackAddress < base &&
          f.stackAddress >= top - LARGEST_STACKS * this.taskBytes
        )
          base = f.stackAddress & this.taskMask;
    const existing = this.byBase.get(top - this.taskBytes) ?? this.byBase.get(base);
    if (existing && existing.top === top) {
      if (existing.base > base) {
        this.byBase.delete(existing.base);
        existing.base = base;
        this.byBase.set(base, existing);
      }
      if (!existing.task && task) existing.task = task;
      return existing;
    }
    return this.added({ base, top, kind: 'task', task, cpu: bt.cpu, evidence: [] });
  }

  /** The CPU stack a marker names that holds `address`: a known one (declared, or placed by another bt), or one placed by the segment's frames. */
  private cpuStack(bt: Backtrace, marker: StackMarker, address: bigint): StackRange {
    for (const s of this.cpuStacks) if (address >= s.base && address < s.top) return s;
    // The segment's outermost frame (the one right above the marker) lies in the stack's top page.
    let outermost = address;
    for (const f of bt.frames) if (f.level < marker.beforeLevel && f.stackAddress !== undefined) outermost = f.stackAddress;
    const bytes = PAGE_STACK_MARKER.test(marker.text) ? PAGE : this.irqBytes;
    const top = (outermost + PAGE) & ~(PAGE - 1n);
    const base = top - bytes <= address ? top - bytes : address & ~(PAGE - 1n);
    const name = /^IRQ stack$/i.test(marker.text) ? undefined : marker.text;
    const stack = this.added({ base, top, kind: 'irq', ...(name !== undefined ? { name } : {}), cpu: bt.cpu, evidence: [] });
    this.cpuStacks.push(stack);
    return stack;
  }

  private added(stack: StackRange): StackRange {
    this.byBase.set(stack.base, stack);
    this.model.stacks.push(stack);
    return stack;
  }
}

/**
 * Stack ranges, keyed by their THREAD_SIZE-aligned base: from `task -R stack`, bt
 * frames (frames before an `<IRQ stack>` marker are on the IRQ stack) and the
 * kernel stack pointer of console reports (by the architecture's rules: none when it is unknown).
 */
function learnStacks(model: Model): void {
  const byBase = new Map<bigint, StackRange>();
  for (const declared of model.declaredStacks) {
    // The task as the model knows it: its first sighting.
    const task = declared.task && model.taskAt(declared.task.task);
    const existing = byBase.get(declared.base);
    if (existing) {
      existing.evidence.push(declared.line);
      if (!existing.task && task) existing.task = task;
      continue;
    }
    const stack: StackRange = {
      base: declared.base,
      top: declared.base + model.stackBytes(declared.kind),
      kind: declared.kind,
      task,
      cpu: task?.cpu,
      evidence: [declared.line],
    };
    byBase.set(stack.base, stack);
    model.stacks.push(stack);
  }
  const frameStacks = new FrameStacks(model, byBase);
  for (const bt of model.backtraces) frameStacks.add(bt);
  const taskBytes = frameStacks.taskBytes;
  const taskMask = frameStacks.taskMask;
  // The first task of each PID, made when a report needs it (most transcripts have no report on a stack bt did not show).
  let taskOfPid: Map<number, Task> | undefined;
  for (const report of model.reports) {
    // Registers of reports an edit moved are moved when read: only the one needed is.
    const { registers, shift } = unmovedRegisters(report);
    const sp = reportStackPointer(model, registers);
    if (!sp || sp.value === undefined) continue;
    const base = sp.value & taskMask;
    if (byBase.has(base)) continue;
    const pid = reportPidOf(model, report, registers);
    const task = pid !== undefined ? (taskOfPid ??= firstTaskOfEachPid(model.tasks)).get(pid) : undefined;
    const stack: StackRange = {
      base,
      top: base + taskBytes,
      kind: 'task',
      task,
      cpu: report.cpu ?? task?.cpu,
      evidence: [sp.line + shift],
    };
    byBase.set(base, stack);
    model.stacks.push(stack);
  }
}

function firstTaskOfEachPid(tasks: readonly Task[]): Map<number, Task> {
  const byPid = new Map<number, Task>();
  for (const task of tasks) if (task.pid !== undefined && !byPid.has(task.pid)) byPid.set(task.pid, task);
  return byPid;
}

/**
 * What a report's registers say for its stack, kept per register list: a report an edit only
 * moved keeps its list (see movedReports), so the next version looks at none of its registers.
 */
const stackPointers = new WeakMap<
  readonly Register[],
  { spec: ArchSpec | undefined; sp: Register | undefined; pid?: number | null }
>();

/**
 * A report's kernel stack pointer (the spec's sp, or its fp, where the architecture's kernel
 * stacks lie); with no architecture, an sp that every architecture it could be reads as one.
 * None for an architecture read without a model: no registered one can be it.
 */
function reportStackPointer(model: Model, registers: readonly Register[]): Register | undefined {
  const spec = model.spec;
  if (!spec && model.archUnmodelled !== undefined) return undefined;
  let known = stackPointers.get(registers);
  if (!known || known.spec !== spec) {
    const sp = spec ? kernelStackPointer(spec, registers) : unsettledStackPointer(registers, model.stackBytes('task'));
    stackPointers.set(registers, (known = { spec, sp }));
  }
  return known.sp;
}

/**
 * The PID of a report's task: from its header, else read from its lines (a `CPU: N PID: M` line
 * or the `[T123]` caller id) once per register list, as the lines move with the report.
 */
function reportPidOf(model: Model, report: Report, registers: readonly Register[]): number | undefined {
  if (report.pid !== undefined) return report.pid;
  const known = stackPointers.get(registers);
  if (known && known.pid !== undefined) return known.pid ?? undefined;
  const pid = reportPid(model, report.line, report.endLine);
  if (known) known.pid = pid ?? null;
  return pid;
}

function reportPid(model: Model, start: number, end: number): number | undefined {
  for (let i = start; i <= Math.min(end, start + 40); i++) {
    const m = /^\s*\[\s*\d+\.\d+\]\[\s*T(\d+)\]|\bCPU: \d+ PID: (\d+)/.exec(model.line(i));
    if (m) return Number(m[1] ?? m[2]);
  }
  return undefined;
}

/**
 * Function starts from console trace frames at or below 4 GiB, which the parser leaves out as
 * possibly hashed `%p` values (reports.ts): text where the architecture's kernel runs there.
 */
function learnLowTraceBases(model: Model): void {
  for (const report of model.reports) {
    for (const frame of report.frames) {
      const { address, offset, function: name } = frame;
      if (address === undefined || offset === undefined || !name || address > 0xffffffffn || address < BigInt(offset)) continue;
      model.symbols.addBase(name, address - BigInt(offset), frame.line, true);
    }
  }
}

/** Linker marks crash names addresses after when no symbol follows (ppc64's linear map holds the image: `_end+34059280`). */
export const IMAGE_MARKS = /^(?:_end|_etext|_edata|__bss_stop|__end_rodata|_einittext|__init_end)$/;

/**
 * No symbol spans this many bytes: crash's riscv64 `rd -s` (8.0.2) names small values and user
 * addresses after a debug section (`__efistub_.Ldebug_info0+140736541922512`), which start nothing.
 */
const MAX_SYMBOL_SPAN = 1n << 24n;
/** Values in the NULL page: crash names 0 by whatever symbol it finds there (`zswap.c`). */
const NULL_PAGE = 0x1000n;

/** `rd -s`/`bt -F` words next to `rd -x`/`bt -f` words at the same address give function starts. */
function learnSymbolicBases(model: Model): void {
  for (const word of model.symbolicWords) {
    const m = /^([A-Za-z_.$][\w.$]*)(?:\+(\d+))?$/.exec(word.text);
    if (!m || IMAGE_MARKS.test(m[1])) continue;
    const value = model.memory.read64(word.address)?.value;
    if (value === undefined || value < NULL_PAGE) continue;
    const offset = m[2] ? BigInt(m[2]) : 0n;
    if (offset >= MAX_SYMBOL_SPAN || offset > value) continue;
    model.symbols.addBase(m[1], value - offset, word.line);
    model.symbols.addOffset(m[1], Number(offset));
  }
}
