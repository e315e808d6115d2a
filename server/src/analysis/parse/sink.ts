// Where the parsers put what the lines say: the per-line stores of a model (see
// LINE_STORES), one method per kind of fact. Each parser sees only the few methods
// it needs (the `Pick`s its module declares), never the model itself.
import type { FrameShape } from '../arch/types';
import { parserFailure } from '../failures';
import { fromHalves } from '../hex';
import type { LineIndex, LineSource } from '../lines';
import type { MemoryBuilder } from '../memory';
import type { Model } from '../model';
import type { Backtrace, Report, Section, SlabObject, SourceLine, StructLayout, Task, VmapArea } from '../types';
import type { ReportMachineState } from './console/state';
import type { Rest } from './driver';
import type { MemorySink } from './memoryLine';
import { withoutCrashNote } from './note';

// `[ADDR:cache]`, the cache with its memory cgroup where the object is charged to one (`nfs_inode_cache(198:serial-getty@ttyS0.service)`).
const SLAB_POINTER = /^\[([0-9a-fA-F]{1,16}):([^\]()]+)(?:\(([^\]]*)\))?\]$/;

export class ParseSink implements MemorySink {
  /** The line being parsed: what the dump-line callbacks below are tied to. */
  line = 0;

  constructor(
    private readonly model: Model,
    private readonly memory: MemoryBuilder,
  ) {}

  /** The transcript's text, for parsers that look at other lines than their own. */
  get text(): LineIndex {
    return this.model.text;
  }

  /** A line the parser has read, as it read it: through its e-mail quote marker where it had one (Model.line). */
  lineRead(j: number): string {
    return this.model.line(j);
  }

  /**
   * The line after `i` (or `ahead` lines after it), still to read, as a look-ahead reads it: through a quote marker when line
   * `i` was quoted (the quote runs on), else as it is, as the parser would read it then.
   */
  lineAfter(i: number, ahead = 1): string {
    return this.model.line(i + ahead, i);
  }

  /** Where lines are read from once parsed, as the parser read them (register blocks read theirs later). */
  get lines(): LineSource {
    return this.model;
  }

  /** What each line was recognised as so far. */
  get kinds(): Uint8Array {
    return this.model.lineKinds;
  }

  /** The console report machine's state at a line where nothing else is open (`rest` besides the reports). */
  checkpoint(line: number, rest: Rest, state: ReportMachineState): void {
    this.model.checkpoints.push({ line, rest, state });
  }

  /** The parser read this line through an e-mail quote marker. */
  quoted(line: number): void {
    this.model.quoted[line] = 1;
  }

  /** The parser starts this line with nothing open. */
  rest(line: number, rest: Rest): void {
    this.model.atRest[line] = rest;
  }

  word(addrHi: number, addrLo: number, valHi: number, valLo: number, width: number, column: number): void {
    this.memory.add(addrHi, addrLo, valHi, valLo, width, this.line);
    void column;
  }

  symbolic(addrHi: number, addrLo: number, text: string, column: number): void {
    // crash's mips64/LoongArch kvtop prints `invalid` and a line break where it cannot translate an
    // address (mips64_kvtop's no_page), in the middle of a `bt -F` word: no symbol.
    if (text === 'invalid' && withoutCrashNote(this.model.text.line(this.line)).trimEnd().length === column + text.length) return;
    const words = this.model.symbolicWords;
    if (words.length < 1_000_000) words.push({ address: fromHalves(addrHi, addrLo), text, line: this.line, column });
    // `[ffff81007e020380:files_cache]` (bt -FF, rd -SS): a pointer into an object of that cache.
    const slab = text.charCodeAt(0) === 91 ? SLAB_POINTER.exec(text) : null;
    if (slab) {
      const address = BigInt('0x' + slab[1]);
      this.model.slabs.push({ address, cache: slab[2], objectSize: 0, allocated: true, line: this.line, pointer: true });
    }
  }

  instruction(hi: number, lo: number, line: number, source: SourceLine | undefined): void {
    this.model.instructions.add(hi, lo, line);
    if (source) {
      this.model.instructions.sources.set(line, source);
      this.source(fromHalves(hi, lo), source);
    }
  }

  section(section: Section): void {
    this.model.sections.push(section);
  }

  backtrace(bt: Backtrace): void {
    this.model.backtraces.push(bt);
  }

  /** Reports so far, in order: a report's damage depends on the one before it. */
  get reports(): readonly Report[] {
    return this.model.reports;
  }

  report(report: Report): void {
    this.model.reports.push(report);
  }

  structs(layouts: readonly StructLayout[]): void {
    this.model.structList.push(...layouts);
  }

  slab(slab: SlabObject): void {
    this.model.slabs.push(slab);
  }

  vmap(area: VmapArea): void {
    this.model.vmaps.push(area);
  }

  module(name: string, base: bigint, size: number, line: number, struct?: bigint): void {
    this.model.modules.push(struct === undefined ? { name, base, size, line } : { name, base, size, line, struct });
  }

  task(task: Task): void {
    this.model.taskSightings.push(task);
  }

  /** The task the transcript named last (`task -R stack` prints it before its stack). */
  get lastTask(): Task | undefined {
    const sightings = this.model.taskSightings;
    return sightings[sightings.length - 1];
  }

  stack(base: bigint, kind: 'task' | 'irq', line: number, task?: Task): void {
    this.model.declaredStacks.push({ base, kind, line, task });
  }

  damage(line: number, reason: string): void {
    this.model.damage.push({ line, reason });
  }

  /** An exception the parser caught on a line: a bug of the analysis, not damaged input. */
  failure(line: number, error: unknown): void {
    this.model.failures.push(parserFailure(error, line));
  }

  source(address: bigint, source: SourceLine): void {
    this.model.sourceLines.push({ address, source, line: source.at });
  }

  symbolBase(name: string, base: bigint, line: number, weak = false): void {
    this.model.symbolOps.push({ kind: 'base', name, base, weak }, line);
  }

  symbolOffset(name: string, offset: number, size: number | undefined, module: string | undefined, line: number): void {
    this.model.symbolOps.push({ kind: 'offset', name, offset, size, module }, line);
  }

  symbolModule(name: string, module: string, line: number): void {
    this.model.symbolOps.push({ kind: 'module', name, module }, line);
  }

  /** Architecture evidence of a text address as a line shows it (16 hex digits). */
  textAddress(hex: string): void {
    this.model.archEvidence.textAddress(this.line, hex);
  }

  /** Architecture evidence of an address in a console call trace (16 hex digits). */
  traceAddress(hex: string, inModule: boolean): void {
    this.model.archEvidence.traceAddress(this.line, hex, inModule);
  }

  /** Architecture evidence of a console report's line (a message only one architecture prints). */
  reportLine(text: string): void {
    this.model.archEvidence.reportLine(this.line, text);
  }

  /** Architecture evidence of a function a console call trace names. */
  traceFunction(name: string, doubtful: boolean): void {
    this.model.archEvidence.traceFunction(this.line, name, doubtful);
  }

  /** Architecture evidence of a stack slot or task address (16 hex digits). */
  stackAddress(hex: string): void {
    this.model.archEvidence.stackAddress(this.line, hex);
  }

  /** Architecture evidence of a bt frame's shape. */
  frameShape(shape: FrameShape): void {
    this.model.archEvidence.frameShape(this.line, shape);
  }

  /** The machine the transcript names (`MACHINE: x86_64`, a release's `.el9.aarch64`). */
  machineName(name: string): void {
    this.model.archEvidence.machineName(this.line, name);
  }

  /** Architecture evidence of a register line: its first register decides. */
  registerLine(firstName: string): void {
    this.model.archEvidence.registerLine(this.line, firstName);
  }

  /** Architecture evidence of an instruction's mnemonic and operands. */
  instructionShape(mnemonic: string, text: string, operandsAt: number): void {
    this.model.archEvidence.instruction(this.line, mnemonic, text, operandsAt);
  }
}
