// The transcript model: one pass over the lines builds everything the
// features read. Built once per document version and shared.
import { classifyAddress, AddressClass, learnLayout } from './classify';
import { ArchEvidence } from './arch/detect';
import { archSpec } from './arch/registry';
import type { ArchSpec, Layout } from './arch/types';
import { parserFailure, type ParserFailure } from './failures';
import { fromHalves, hexDigit } from './hex';
import { InstructionIndex } from './instructions';
import { LineKind } from './lineKinds';
import { LineIndex } from './lines';
import { MemoryBuilder, MemoryMap } from './memory';
import {
  ALL_CPUS,
  consoleCaller,
  consolePrefixLength,
  embeddedHeaderStart,
  embeddedTimestampEnd,
  headerFunction,
  headerTitle,
  isBootBanner,
  isCallTraceMarker,
  isEndTrace,
  isReportDetail,
  matchReportHeader,
  parseConsoleFrame,
  parseContextMarker,
  siteFunction,
} from './parse/console';
import { assessReportDamage } from './reportDamage';
import {
  DisHead,
  isCrashMessage,
  parseBtFrame,
  parseBtHeader,
  parseDis,
  parseExceptionRip,
  parseModuleLine,
  parsePrompt,
  scanDisHead,
  parseSourceLine,
  parseStackMarker,
  parseSym,
  parseTaskStack,
  parseVmapArea,
} from './parse/crash';
import { parseMemoryLine, MemorySink } from './parse/memoryLine';
import { parseRegisterLine, registerLineHead } from './parse/registers';
import { RegisterBlock } from './registerBlock';
import { lastAtOrBefore } from './search';
import { StructParser } from './structs';
import { SymbolTable } from './symbols';
import { attachSymbolFiles, SlidSymbolFile, SymbolFileTable } from './symbolFile';
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

/** Bytes of a task or IRQ stack on both architectures (without KASAN). */
export const STACK_SIZE = 0x4000n;

export class Model {
  readonly text: LineIndex;
  readonly lineKinds: Uint8Array;
  arch: Arch = 'unknown';
  archDetected: Arch = 'unknown';
  readonly sections: Section[] = [];
  readonly backtraces: Backtrace[] = [];
  readonly reports: Report[] = [];
  memory!: MemoryMap;
  readonly symbolicWords: SymbolicWord[] = [];
  readonly symbols = new SymbolTable();
  readonly instructions: InstructionIndex;
  structs = new Map<string, StructLayout>();
  /** Every struct listing in transcript order (a later listing of a name wins in `structs`). */
  readonly structList: StructLayout[] = [];
  readonly slabs: SlabObject[] = [];
  readonly vmaps: VmapArea[] = [];
  readonly modules: ModuleInfo[] = [];
  readonly tasks: Task[] = [];
  /** Keyed by the address in hex without leading zeros: bigint keys hash slowly. */
  private readonly tasksByAddress = new Map<string, Task>();
  readonly stacks: StackRange[] = [];
  /** Stacks the transcript states (`task -R stack`), before bt frames and registers add theirs. */
  readonly declaredStacks: { base: bigint; kind: 'task' | 'irq'; line: number; task?: Task }[] = [];
  /** Architecture evidence per line, scored by every registered architecture. */
  readonly archEvidence: ArchEvidence;
  readonly damage: Damage[] = [];
  /** Exceptions the parser caught: bugs of the analysis, not damaged input. */
  readonly failures: ParserFailure[] = [];
  /** `sym` and `dis -l` source lines by text address (hex16 key). */
  readonly sources = new Map<bigint, SourceLine>();
  /** Every source line in the order the parser met it (rebuilds `sources` after an edit). */
  readonly sourceJournal: { address: bigint; source: SourceLine }[] = [];

  setSource(address: bigint, source: SourceLine): void {
    this.sources.set(address, source);
    this.sourceJournal.push({ address, source });
  }
  /** The address-space layout of the architecture, learned from the transcript; none when the architecture is unknown. */
  layout: Layout | undefined;
  /** What the analysis knows of the transcript's architecture; undefined when it is `unknown`. */
  spec: ArchSpec | undefined;
  /** Symbol files with the slides that map them onto this transcript (those no slide was found for included). */
  symbolFiles: SlidSymbolFile[] = [];

  constructor(text: string) {
    this.text = new LineIndex(text);
    this.lineKinds = new Uint8Array(this.text.lineCount);
    this.archEvidence = new ArchEvidence(this.text.lineCount);
    this.instructions = new InstructionIndex((line) => this.text.line(line));
  }

  /** A line's text ('' past the end). */
  line(i: number): string {
    return this.text.line(i);
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
    const found = lastAtOrBefore(this.slabs, (s) => s.address, address);
    return found && address < found.address + BigInt(found.objectSize) ? found : undefined;
  }

  private registerIndex: Map<bigint, Register[]> | undefined;
  private stackFrameIndex: Map<StackRange, Frame[]> | undefined;

  /** Register values shown by reports and bt register blocks (index built on first use). */
  registersWithValue(value: bigint): Register[] {
    if (!this.registerIndex) {
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

  private stackBacktraceIndex: Map<StackRange, Backtrace[]> | undefined;

  /**
   * Backtraces with a frame whose slot lies in a stack (index built on first use), in
   * transcript order; backtraces whose slots lie in no known stack are under `undefined`.
   */
  backtracesInStack(stack: StackRange | undefined): Backtrace[] {
    if (!this.stackBacktraceIndex) {
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

  addTask(task: Task): void {
    this.tasks.push(task);
    this.tasksByAddress.set(task.task.toString(16), task);
  }

  /** The task whose task_struct starts at this address (from bt headers). */
  taskAt(address: bigint): Task | undefined {
    return this.tasksByAddress.get(address.toString(16));
  }

  /** taskAt for a hex string as a line shows it. */
  taskAtHex(hex: string): Task | undefined {
    return this.tasksByAddress.get(normalHex(hex));
  }

  /** The task or IRQ stack holding an address (stacks are sorted by base once the model is built). */
  stackAt(address: bigint): StackRange | undefined {
    let low = 0;
    let high = this.stacks.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const stack = this.stacks[mid];
      if (address < stack.base) high = mid - 1;
      else if (address >= stack.top) low = mid + 1;
      else return stack;
    }
    return undefined;
  }

  /** Source line of a text address from `dis -l` or `sym`. */
  sourceAt(address: bigint): SourceLine | undefined {
    return this.sources.get(address);
  }
}

const CJK_OR_WIDE = /[\u2000-\uffff]/;
const MARKDOWN = /^(?:\s*```|\s*~~~|#{1,6}\s(?!\d+\s+\[)|\s*<\/?details|<summary|\*{3,}|-{3,}\s*$|={3,}\s*$)/;
const SHELL_PROMPT = /^\s*[$#] \S/;

interface KmemState {
  cache?: string;
  objectSize?: number;
  objects: boolean;
}

export function analyze(source: string, options: AnalyzeOptions = {}): Model {
  const model = new Model(source);
  model.symbols.journal = [];
  const memory = new MemoryBuilder();
  new Parser(model, memory).run(0, model.lineCount);
  return finish(model, memory, options);
}

/** Parses lines [from, to) of a model into it (see Parser.run); used by re-analysis. */
export function parseRange(model: Model, memory: MemoryBuilder, from: number, to: number): void {
  new Parser(model, memory).run(from, to);
}

/** Everything that needs the whole transcript, once its lines are parsed. */
export function finish(model: Model, memory: MemoryBuilder, options: AnalyzeOptions): Model {
  model.memory = memory.build(lineReader(model));
  // The journal records what the lines said; what finalize derives is derived again each time.
  const journal = model.symbols.journal;
  model.symbols.journal = undefined;
  finalize(model, options);
  model.symbols.journal = journal;
  return model;
}

/** The memory map's way back to a line's text; must not capture anything but the model. */
export function lineReader(model: Model): (line: number) => string {
  return (line) => model.line(line);
}

/** How long a report of one printk caller may wait while others print. */
const MAX_PARKED_LINES = 2000;

class Parser implements MemorySink {
  private section: Section | undefined;
  private bt: Backtrace | undefined;
  private exception: RegisterBlock | undefined;
  private report: Report | undefined;
  private reportLastLine = 0;
  private reportContext: string | undefined;
  /** Caller named by the last 32-bit arm frame line, waiting for its own line. */
  private armCaller:
    { function: string; offset?: number; size?: number; address: string; line: number; context?: string } | undefined;
  private lastBootBanner = -Infinity;
  /** The open report prints stacks of all CPUs (NMI backtraces): CPU callers belong to it. */
  private reportAllCpus = false;
  /** Reports of other printk callers, still printing while the open one goes on (at most a few). */
  private parked: { report: Report; lastLine: number; at: number; context: string | undefined; allCpus: boolean }[] = [];
  private readonly structParser = new StructParser();
  private kmem: KmemState = { objects: false };
  private pendingSource: { file: string; line: number; at: number } | undefined;
  /** The function a `dis` listing is showing, line after line. */
  private disRun: { name: string; maxOffset: number; line: number } | undefined;
  private line = 0;
  private allowSymbolic = false;
  private memoryWidth = 0;
  private lastBtFrame: Frame | undefined;

  constructor(
    private readonly model: Model,
    private readonly memory: MemoryBuilder,
  ) {}

  word(addrHi: number, addrLo: number, valHi: number, valLo: number, width: number, column: number): void {
    this.memory.add(addrHi, addrLo, valHi, valLo, width, this.line);
    void column;
  }

  symbolic(addrHi: number, addrLo: number, text: string, column: number): void {
    if (this.model.symbolicWords.length < 1_000_000) {
      this.model.symbolicWords.push({ address: fromHalves(addrHi, addrLo), text, line: this.line, column });
    }
  }

  /**
   * Parses lines [from, to). A range starts at a crash prompt (or the top), where the
   * parser's state is reset, which is what lets a re-analysis parse one range alone.
   */
  run(from: number, to: number): void {
    const model = this.model;
    const kinds = model.lineKinds;
    // Lines are cut here directly: this loop runs a million times on a 50 MB transcript.
    const { starts, source, lineCount } = model.text;
    for (let i = from; i < to; i++) {
      this.line = i;
      let end = i + 1 < lineCount ? starts[i + 1] - 1 : source.length;
      if (end > starts[i] && source.charCodeAt(end - 1) === 13) end--;
      // Dump lines, most of a big transcript, are read in place without cutting them out.
      if (this.isPlainDumpLine(source, starts[i], end)) {
        kinds[i] = LineKind.Memory;
        if (this.section) this.section.endLine = i;
        continue;
      }
      let kind: LineKind;
      try {
        kind = this.parseLine(source.slice(starts[i], end), i);
      } catch (error) {
        kind = LineKind.Damaged;
        this.model.failures.push(parserFailure(error, i));
      }
      kinds[i] = kind;
    }
    this.closeSection(to - 1);
    this.closeReport(to - 1);
    this.closeParked(to - 1);
    this.structParser.flush();
    this.model.structList.push(...this.structParser.layouts);
  }

  /**
   * A crash dump line (`ADDR: WORD WORD`, no `0x`) outside struct listings, parsed where it
   * stands in the transcript; false sends the line through parseLine.
   */
  private isPlainDumpLine(source: string, begin: number, end: number): boolean {
    if (end - begin > 20000 || this.section?.kind === 'struct' || this.structParser.active) return false;
    let k = begin;
    while (k < end && (source.charCodeAt(k) === 32 || source.charCodeAt(k) === 9)) k++;
    const c = source.charCodeAt(k);
    if (k === end || hexDigit(c) < 0 || (c === 48 && source.charCodeAt(k + 1) === 120) || c === 99) return false;
    return parseMemoryLine(source, this, this.allowSymbolic, this.memoryWidth, begin, end) > 0;
  }

  private parseLine(text: string, i: number): LineKind {
    const n = text.length;
    if (n > 20000) {
      this.model.damage.push({ line: i, reason: `line of ${n} characters left unparsed` });
      return LineKind.Damaged;
    }
    // One look at the first non-blank character decides which shapes are worth trying.
    let start = 0;
    let c = n > 0 ? text.charCodeAt(0) : 0;
    while (start < n && (c === 32 || c === 9 || c === 13 || c === 12 || c === 11)) c = text.charCodeAt(++start);
    if (start === n) {
      this.pendingSource = undefined;
      if (this.structParser.active && this.section?.kind !== 'struct') this.structParser.flush();
      return LineKind.Blank;
    }

    // crash prompt starts a section (also behind a Markdown list marker: `1. crash> rd ...`).
    if (c === 99 ? text.startsWith('crash', start) : isListMarker(text, start) && text.indexOf('crash', start) > 0) {
      const prompt = parsePrompt(text);
      if (prompt) {
        // A prompt ends everything before it: command output and any console report.
        this.closeSection(i - 1);
        this.closeReport(i - 1);
        this.closeParked(i - 1);
        this.lastBootBanner = -Infinity;
        this.reportLastLine = 0;
        this.section = {
          command: prompt.command,
          kind: prompt.kind,
          options: prompt.options,
          args: prompt.args,
          line: i,
          endLine: i,
        };
        this.model.sections.push(this.section);
        this.allowSymbolic =
          (prompt.kind === 'rd' && prompt.options.includes('-s')) ||
          (prompt.kind === 'bt' && prompt.options.some((o) => o.includes('F')));
        this.memoryWidth =
          prompt.kind === 'rd'
            ? prompt.options.includes('-8')
              ? 1
              : prompt.options.includes('-16')
                ? 2
                : prompt.options.includes('-32')
                  ? 4
                  : 0
            : 0;
        this.kmem = { objects: false };
        return LineKind.Prompt;
      }
    }
    if (this.section) this.section.endLine = i;

    // `#7 [ffff...]` is a bt frame, never a heading, so `#` and a digit skip the regex.
    const markdownStart =
      c === 96 || c === 126 || c === 60 || c === 42 || c === 45 || c === 61 || (c === 35 && !isDigit(text.charCodeAt(start + 1)));
    if (markdownStart && MARKDOWN.test(text)) {
      this.closeSection(i - 1);
      return LineKind.Markdown;
    }

    // Console lines: a timestamp prefix (or a syz-manager date), then a body.
    if (c === 91 || c === 60 || c === 42 || (start === 0 && (c === 49 || c === 50))) {
      const prefix = consolePrefixLength(text);
      if (prefix > 0) return this.parseConsole(text, prefix, i);
    }

    const section = this.section;
    if (section?.kind === 'struct' || this.structParser.active) {
      if (this.structParser.feed(text, i)) return LineKind.Struct;
    }

    // Dump and disassembly lines start with an address.
    if (c < 128 && hexDigit(c) >= 0) {
      // crash's dis prints `0x` before the address; its dumps never do.
      if (c === 48 && text.charCodeAt(start + 1) === 120 && followsAddress(text, start) === 60 /* < */) {
        const head = scanDisHead(text);
        // gdb's `0xADDR <sym+off>:  0xVALUE ...` dumps have the same head: a value is no mnemonic.
        if (head && !text.startsWith('0x', head.mnemonicStart)) {
          this.addInstruction(text, head, i);
          return LineKind.Disassembly;
        }
      }
      const words = parseMemoryLine(text, this, this.allowSymbolic, this.memoryWidth);
      if (words > 0) return LineKind.Memory;
      if (words === 0) return LineKind.Memory;
      const sym = parseSym(text);
      if (sym) {
        this.addSym(sym.address, sym.function, sym.offset, sym.module, sym.file, sym.sourceLine, i);
        return LineKind.Sym;
      }
      if (section?.kind === 'kmem' || section?.kind === 'search' || section?.kind === 'mod' || section?.kind === 'ps') {
        return this.parseTable(text, i, section);
      }
    }

    const c0 = c;
    // The line without its indent, cut only where a shape needs it as a string.
    const trimmed = (): string => (start === 0 ? text : text.slice(start));

    if (c0 === 35 /* # */) {
      const frame = parseBtFrame(text);
      if (frame) {
        this.addBtFrame(frame, i);
        return LineKind.BtFrame;
      }
    }
    if (c0 === 80 && text.startsWith('PID:', start)) {
      const header = parseBtHeader(text);
      if (header) {
        this.startBacktrace(header.pid, header.task, header.cpu, header.command, i);
        return LineKind.BtHeader;
      }
    }
    if (c0 === 91 /* [ */) {
      const rip = parseExceptionRip(text);
      if (rip !== undefined) {
        this.startException(rip, i);
        return LineKind.ExceptionRip;
      }
      if (section?.kind === 'kmem' || this.kmem.objects) return this.parseTable(text, i, section);
    }
    if (c0 === 45 /* - */) {
      const marker = parseStackMarker(text);
      if (marker !== undefined) {
        this.bt?.markers.push({ text: marker, line: i, beforeLevel: (this.lastBtFrame?.level ?? -1) + 1 });
        return LineKind.StackMarker;
      }
    }
    if (text.indexOf(':') > 0) {
      // Without timestamps, a register line inside an open console report (pasted
      // without its printk prefix) belongs to the report, not to a crash bt block.
      const report = this.report;
      if (report !== undefined && i - this.reportLastLine <= 50 && (!this.bt || this.bt.line < report.line)) {
        const registers = parseRegisterLine(text, i);
        if (registers) {
          this.addRegisters(registers, i, true);
          this.touchReport(i);
          return LineKind.Registers;
        }
      } else {
        const head = registerLineHead(text);
        if (head) {
          this.addRegisterLine(head, text, i);
          return LineKind.Registers;
        }
      }
      const src = parseSourceLine(text);
      if (src) {
        this.pendingSource = { file: src.file, line: src.line, at: i };
        if (this.lastBtFrame && this.lastBtFrame.line === i - 1 && this.lastBtFrame.address !== undefined) {
          this.model.setSource(this.lastBtFrame.address, { ...src, at: i });
        }
        return LineKind.Source;
      }
      // Outside crash sections a kernel header (`WARNING: CPU: 1 PID: 2 at ...`) is not crash's own message.
      const trimmedStart = trimmed();
      if (isCrashMessage(trimmedStart) && (this.section !== undefined || !matchReportHeader(trimmedStart))) {
        if (/possibly bogus exception frame/.test(text)) {
          const last = this.bt?.exceptionFrames[this.bt.exceptionFrames.length - 1];
          if (last) last.bogus = true;
        }
        return LineKind.CrashMessage;
      }
    }
    if (text.indexOf('\0') >= 0) {
      this.model.damage.push({ line: i, reason: 'binary data (NUL bytes)' });
      return LineKind.Damaged;
    }
    // Console bodies without timestamps (pasted traces, probe output, syzkaller logs).
    const consoleKind = this.parseConsoleBody(text, 0, i, false);
    if (consoleKind !== undefined) return consoleKind;

    if (section) {
      if (
        section.kind === 'kmem' ||
        section.kind === 'search' ||
        section.kind === 'mod' ||
        section.kind === 'task' ||
        section.kind === 'ps'
      ) {
        return this.parseTable(text, i, section);
      }
      if (SHELL_PROMPT.test(text)) return LineKind.ShellPrompt;
      return CJK_OR_WIDE.test(text) ? LineKind.Prose : LineKind.CommandOutput;
    }
    if (SHELL_PROMPT.test(text) && /^\s*\$ (?:crash|sudo crash)\b/.test(text)) return LineKind.ShellPrompt;
    if (isCrashMessage(trimmed()) && !CJK_OR_WIDE.test(text)) return LineKind.CrashMessage;
    return LineKind.Prose;
  }

  private parseTable(text: string, i: number, section: Section | undefined): LineKind {
    const mod = parseModuleLine(text);
    if (mod && section?.kind === 'mod') {
      this.model.modules.push({ name: mod.name, base: BigInt('0x' + mod.base), size: mod.size, line: i });
      return LineKind.CommandOutput;
    }
    const stack = parseTaskStack(text);
    if (stack) {
      this.addStack(BigInt('0x' + stack), 'task', i, this.model.tasks[this.model.tasks.length - 1]);
      return LineKind.CommandOutput;
    }
    const vmap = parseVmapArea(text);
    if (vmap) {
      this.model.vmaps.push({ start: BigInt('0x' + vmap.start), end: BigInt('0x' + vmap.end), line: i });
      return LineKind.Kmem;
    }
    const trimmed = text.trim();
    if (/^CACHE\s+/.test(trimmed)) {
      this.kmem = { objects: false };
      return LineKind.Kmem;
    }
    if (trimmed.startsWith('FREE / [ALLOCATED]')) {
      this.kmem.objects = true;
      return LineKind.Kmem;
    }
    // Cache row: `ffff500003c86600     2456       2824     10452    201   128k  TCP` (crash 8)
    // or `ffff... NAME OBJSIZE ...` (crash 7).
    let m = /^([0-9a-f]{8,16})\s+(\d+)\s+\d+\s+\d+\s+\d+\s+\d+k\s+(\S+)$/.exec(trimmed);
    if (m) {
      this.kmem = { cache: m[3], objectSize: Number(m[2]), objects: false };
      return LineKind.Kmem;
    }
    m = /^([0-9a-f]{8,16})\s+(\S+)\s+(\d+)\s+\d+\s+\d+\s+\d+\s+\d+k$/.exec(trimmed);
    if (m) {
      this.kmem = { cache: m[2], objectSize: Number(m[3]), objects: false };
      return LineKind.Kmem;
    }
    if (this.kmem.objects) {
      m = /^(\[)?([0-9a-f]{8,16})\]?(?:\s+\(.*\))?$/.exec(trimmed);
      if (m && this.kmem.cache && this.kmem.objectSize) {
        this.model.slabs.push({
          address: BigInt('0x' + m[2]),
          cache: this.kmem.cache,
          objectSize: this.kmem.objectSize,
          allocated: m[1] === '[',
          line: i,
        });
        return LineKind.Kmem;
      }
      this.kmem.objects = false;
    }
    if (
      /^(?:SLAB|PAGE|VMAP_AREA|KMEM_CACHE|NODE|MEMORY)\s|^\s*[0-9a-f]{8,16}\s+[0-9a-f]+\s|^(?:PID|COMMAND|TASK|CPU|STATE):\s|^[0-9a-f]{8,16}: /.test(
        trimmed,
      )
    ) {
      return LineKind.Kmem;
    }
    return CJK_OR_WIDE.test(text) ? LineKind.Prose : LineKind.CommandOutput;
  }

  private parseConsole(text: string, prefix: number, i: number): LineKind {
    const kind = this.parseConsoleBody(text, prefix, i, true);
    return kind ?? LineKind.ConsoleLine;
  }

  /** Parses a console body; undefined when it is not report material and `always` is false. */
  private parseConsoleBody(text: string, prefix: number, i: number, always: boolean): LineKind | undefined {
    let body = prefix > 0 ? text.slice(prefix) : text;
    let header = matchReportHeader(body);
    const frame = header ? undefined : parseConsoleFrame(body);
    if (!header && !frame) {
      // A header that does not open the body: after a timestamp inside the line (two printk
      // lines ran together), after a device tag, or in old lockdep's `[ BUG: ... ]`.
      let at = embeddedTimestampEnd(body);
      if (at > 0) header = matchReportHeader(body.slice(at));
      if (!header) {
        at = embeddedHeaderStart(body);
        if (at > 0) header = matchReportHeader(body.slice(at));
      }
      if (header) body = body.slice(at);
      else if (this.section === undefined && isBootBanner(body) && this.isReboot(i)) {
        header = { kind: 'other', secondary: false, continuation: false, keepsOpenReport: false };
        this.closeParked(i - 1);
      }
    }
    let open = this.report;
    if (open?.caller !== undefined || this.parked.length > 0) {
      // With printk caller ids, lines of other tasks and CPUs are not part of the report; they may
      // be part of another caller's report printing at the same time.
      const caller = prefix > 0 ? consoleCaller(text, prefix) : undefined;
      if (
        open === undefined ||
        (caller !== open.caller && !(this.reportAllCpus && caller !== undefined && caller.charCodeAt(0) === 67))
      ) {
        if (caller !== undefined && this.parked.length > 0 && this.resumeParked(caller, i)) {
          open = this.report;
        } else if (open?.caller === undefined) {
          // No report of a caller is open: the line is parsed as usual.
        } else if (!header) {
          return frame ? LineKind.TraceFrame : always ? LineKind.ConsoleLine : undefined;
        } else if (
          caller !== undefined &&
          !header.keepsOpenReport &&
          !header.continuation &&
          i - this.reportLastLine <= this.reportWindow(open)
        ) {
          // Another caller's report starts while this one still prints: both go on.
          this.parkReport();
          open = undefined;
        }
      }
      if (open && !header && !this.reportAllCpus && ALL_CPUS.test(body)) this.reportAllCpus = true;
    }
    if (header?.keepsOpenReport && open && i - this.reportLastLine <= this.reportWindow(open)) {
      return always ? LineKind.ConsoleLine : undefined;
    }
    if (header) {
      const current = this.report;
      // `Oops:` right after `BUG: unable to handle`, or the panic a report caused (panic_on_warn,
      // `Fatal exception`), belong to the report already open.
      // A header right after one that printed nothing yet (`list_del corruption` then
      // `kernel BUG at lib/list_debug.c`) is the same incident.
      if (
        current &&
        ((header.secondary && current.frames.length === 0 && i - current.line <= 20) ||
          (header.continuation && i - this.reportLastLine <= 50) ||
          (current.frames.length === 0 && current.traceLine === undefined && i - current.line <= 5))
      ) {
        current.endLine = i;
        this.reportLastLine = i;
        this.addHeaderFunction(current, body);
        return LineKind.ReportHeader;
      }
      const caller = prefix > 0 ? consoleCaller(text, prefix) : undefined;
      // The open report's own task started another before printing a stack: that one prints it.
      this.closeReport(
        i - 1,
        current !== undefined &&
          caller !== undefined &&
          caller === current.caller &&
          current.frames.length === 0 &&
          current.traceLine === undefined,
      );
      const cpu = /CPU: (\d+)/.exec(body);
      const pid = /PID: (\d+)/.exec(body);
      this.report = {
        kind: header.kind,
        title: headerTitle(body),
        line: i,
        endLine: i,
        registers: [],
        frames: [],
        damage: [],
        caller,
        cpu: cpu ? Number(cpu[1]) : undefined,
        pid: pid ? Number(pid[1]) : undefined,
      };
      this.addHeaderFunction(this.report, body);
      this.model.reports.push(this.report);
      this.reportLastLine = i;
      this.reportContext = undefined;
      this.reportAllCpus = false;
      return LineKind.ReportHeader;
    }
    const report = this.report;
    if (frame) {
      let target = report;
      if (!target || i - this.reportLastLine > this.reportWindow(target)) {
        if (!always && !frame.probe && !frame.address && !/^\s/.test(body)) return undefined;
        this.closeReport(i - 1);
        target = { kind: 'other', title: 'Call trace', line: i, endLine: i, registers: [], frames: [], damage: [] };
        this.report = target;
        this.model.reports.push(target);
        this.reportContext = undefined;
      }
      const entry: Frame = {
        level: 0,
        function: frame.function,
        offset: frame.offset,
        size: frame.size,
        module: frame.module,
        address: frame.address ? BigInt('0x' + frame.address) : undefined,
        line: i,
        unreliable: frame.unreliable,
        context: this.reportContext,
        inlined: frame.inlined || undefined,
      };
      // 32-bit arm printed this frame's return offset as the caller of the line before.
      const pending = this.armCaller;
      this.armCaller = undefined;
      if (pending && pending.function === frame.function && entry.offset === undefined) {
        entry.offset = pending.offset;
        entry.size = pending.size;
        entry.address = BigInt('0x' + pending.address);
      } else if (pending) this.flushArmCaller(target, pending);
      this.pushFrame(target, entry, frame.module);
      if (frame.caller) this.armCaller = { ...frame.caller, line: i, context: this.reportContext };
      return LineKind.TraceFrame;
    }
    if (report && i - this.reportLastLine <= this.reportWindow(report)) {
      if (isCallTraceMarker(body)) {
        if (report.traceLine === undefined) report.traceLine = i;
        this.reportContext = undefined;
        this.touchReport(i);
        return LineKind.ConsoleLine;
      }
      const context = parseContextMarker(body);
      if (context !== undefined) {
        this.reportContext = context.startsWith('/') ? undefined : context;
        this.touchReport(i);
        return LineKind.ConsoleLine;
      }
      if (isEndTrace(body)) {
        report.endLine = i;
        this.closeReport(i);
        return LineKind.ConsoleLine;
      }
      if (/^(?:Allocated|Freed) by task|^Last potentially related work/.test(body)) {
        this.reportContext = body.startsWith('Allocated') ? 'allocated' : body.startsWith('Freed') ? 'freed' : 'aux';
        this.touchReport(i);
        return LineKind.ConsoleLine;
      }
      if (body.indexOf(':') > 0) {
        this.addSiteFunction(report, body);
        const registers = parseRegisterLine(body, i);
        if (registers) {
          for (const r of registers) r.column += prefix;
          this.addRegisters(registers, i, true);
          this.touchReport(i);
          return LineKind.Registers;
        }
      }
      if (isReportDetail(body)) {
        this.touchReport(i);
        return LineKind.ConsoleLine;
      }
    } else if (body.indexOf(':') > 0 && always) {
      const registers = parseRegisterLine(body, i);
      if (registers) {
        for (const r of registers) r.column += prefix;
        this.addRegisters(registers, i, true);
        return LineKind.Registers;
      }
    }
    return always ? LineKind.ConsoleLine : undefined;
  }

  private touchReport(i: number): void {
    if (this.report) {
      this.report.endLine = i;
      this.reportLastLine = i;
    }
  }

  private addHeaderFunction(report: Report, body: string): void {
    const fn = headerFunction(body);
    if (!fn) return;
    report.headerFunction ??= fn;
    const list = (report.headerFunctions ??= []);
    if (!list.includes(fn)) list.push(fn);
  }

  /** Lines of other output a report may skip; longer while its call trace has not started. */
  private reportWindow(report: Report): number {
    return report.traceLine !== undefined && report.frames.length === 0 ? 200 : 50;
  }

  private pushFrame(target: Report, entry: Frame, module: string | undefined): void {
    entry.level = target.frames.length;
    target.frames.push(entry);
    target.endLine = Math.max(target.endLine, entry.line);
    this.reportLastLine = Math.max(this.reportLastLine, entry.line);
    if (entry.function) {
      this.model.symbols.addOffset(entry.function, entry.offset ?? 0, entry.size, module, entry.line);
      if (entry.address !== undefined && entry.offset !== undefined) {
        // Hashed pointers (`[<00000000abcd1234>]`, printk's %p) say nothing about where text lies.
        if (entry.address > 0xffffffffn)
          this.model.symbols.addBase(entry.function, entry.address - BigInt(entry.offset), entry.line, true);
      }
    }
  }

  /** The caller a 32-bit arm frame line named when no line of its own followed. */
  private flushArmCaller(target: Report, caller: NonNullable<Parser['armCaller']>): void {
    this.pushFrame(
      target,
      {
        level: 0,
        function: caller.function,
        offset: caller.offset,
        size: caller.size,
        address: BigInt('0x' + caller.address),
        line: caller.line,
        unreliable: false,
        context: caller.context,
      },
      undefined,
    );
  }

  /** A boot banner after other output: the machine rebooted (one report per boot). */
  private isReboot(i: number): boolean {
    const previous = this.lastBootBanner;
    this.lastBootBanner = i;
    if (i - previous <= 100) return false;
    for (let j = i - 1; j >= 0; j--) if (this.model.line(j).trim().length > 0) return true;
    return false;
  }

  private addSiteFunction(report: Report, body: string): void {
    const fn = siteFunction(body);
    if (!fn) return;
    const list = (report.headerFunctions ??= []);
    if (!list.includes(fn) && list.length < 64) list.push(fn);
  }

  /** Sets the open report aside for a report of another printk caller. */
  private parkReport(): void {
    const report = this.report;
    if (!report) return;
    if (this.armCaller) {
      this.flushArmCaller(report, this.armCaller);
      this.armCaller = undefined;
    }
    if (this.parked.length >= 8) {
      const oldest = this.parked.shift()!;
      this.finishReport(oldest.report, oldest.report.endLine, false);
    }
    this.parked.push({
      report,
      lastLine: this.reportLastLine,
      at: this.line,
      context: this.reportContext,
      allCpus: this.reportAllCpus,
    });
    this.report = undefined;
  }

  /** Makes the parked report of `caller` the open one again; false when it has none still printing. */
  private resumeParked(caller: string, i: number): boolean {
    const index = this.parked.findIndex((p) => p.report.caller === caller);
    if (index < 0) return false;
    const [entry] = this.parked.splice(index, 1);
    // Lines printed while it was parked are other callers' (any of its own would have resumed
    // it): only the gap before parking counts against its window, up to a limit.
    if (entry.at - entry.lastLine > this.reportWindow(entry.report) || i - entry.at > MAX_PARKED_LINES) {
      this.finishReport(entry.report, entry.report.endLine, false);
      return false;
    }
    const current = this.report;
    if (current && i - this.reportLastLine <= this.reportWindow(current)) this.parkReport();
    else this.closeReport(i - 1);
    this.report = entry.report;
    // Its window runs on from where it was parked.
    this.reportLastLine = i - (entry.at - entry.lastLine);
    this.reportContext = entry.context;
    this.reportAllCpus = entry.allCpus;
    return true;
  }

  private closeParked(endLine: number): void {
    for (const entry of this.parked) this.finishReport(entry.report, endLine, false);
    this.parked = [];
  }

  private closeReport(endLine: number, interruptedBySameCaller = false): void {
    const report = this.report;
    if (!report) return;
    if (this.armCaller) {
      this.flushArmCaller(report, this.armCaller);
      this.armCaller = undefined;
    }
    this.report = undefined;
    this.finishReport(report, endLine, interruptedBySameCaller);
  }

  private finishReport(report: Report, endLine: number, interruptedBySameCaller: boolean): void {
    report.endLine = Math.max(report.line, Math.min(report.endLine, endLine));
    const reports = this.model.reports;
    const index = reports.lastIndexOf(report);
    assessReportDamage(report, this.model, this.model.lineKinds, reports.length > 1 && reports[0] !== report, {
      previous: index > 0 ? reports[index - 1] : undefined,
      interruptedBySameCaller,
    });
  }

  /** The largest offset of a listing's run of one function, told to the symbol table once. */
  private flushDisRun(): void {
    const run = this.disRun;
    if (run) this.model.symbols.addOffset(run.name, run.maxOffset, undefined, undefined, run.line);
    this.disRun = undefined;
  }

  private closeSection(endLine: number): void {
    this.flushDisRun();
    if (this.section) this.section.endLine = Math.max(this.section.line, Math.min(this.section.endLine, endLine));
    this.section = undefined;
    this.bt = undefined;
    this.exception = undefined;
    this.lastBtFrame = undefined;
    this.allowSymbolic = false;
    this.memoryWidth = 0;
    this.pendingSource = undefined;
    this.kmem = { objects: false };
    this.structParser.flush();
  }

  private startBacktrace(pid: number, task: string, cpu: number | undefined, command: string, i: number): void {
    const taskAddress = BigInt('0x' + task);
    this.bt = {
      pid,
      task: taskAddress,
      cpu,
      command,
      line: i,
      endLine: i,
      frames: [],
      exceptionFrames: [],
      markers: [],
      options: this.section?.kind === 'bt' ? this.section.options : [],
    };
    this.model.backtraces.push(this.bt);
    this.exception = undefined;
    this.lastBtFrame = undefined;
    if (!this.model.taskAtHex(task)) this.model.addTask({ pid, task: taskAddress, cpu, command, line: i });
  }

  private addBtFrame(frame: ReturnType<typeof parseBtFrame> & object, i: number): void {
    if (!this.bt) {
      this.bt = { line: i, endLine: i, frames: [], exceptionFrames: [], markers: [], options: this.section?.options ?? [] };
      this.model.backtraces.push(this.bt);
    }
    const entry: Frame = {
      level: frame.level,
      function: frame.function,
      address: BigInt('0x' + frame.address),
      stackAddress: BigInt('0x' + frame.slot),
      module: frame.module,
      line: i,
      unreliable: frame.unreliable,
    };
    this.bt.frames.push(entry);
    this.bt.endLine = i;
    this.lastBtFrame = entry;
    this.exception = undefined;
    if (frame.module) this.model.symbols.setModule(frame.function, frame.module, i);
    this.model.archEvidence.textAddress(this.line, frame.address);
  }

  private startException(rip: string, i: number): void {
    const bt = this.bt;
    if (!bt) return;
    this.exception = new RegisterBlock(this.model.text, i, this.lastBtFrame?.level ?? -1, rip);
    bt.exceptionFrames.push(this.exception);
  }

  /** A line of a crash bt register block: kept by line, parsed when read (see RegisterBlock). */
  private addRegisterLine(head: string, text: string, i: number): void {
    this.model.archEvidence.registerLine(this.line, head);
    const bt = this.bt;
    if (!bt) return;
    if (!this.exception || this.exception.endLine < i - 1) {
      this.exception = new RegisterBlock(this.model.text, i, this.lastBtFrame?.level ?? -1);
      bt.exceptionFrames.push(this.exception);
    }
    this.exception.registerLines.push(i);
    this.exception.endLine = i;
    bt.endLine = i;
    // `[exception RIP: lkdtm_BUG+5]` with `RIP: ffffffffc02f2625` tells lkdtm_BUG's start.
    const rip = this.exception.exceptionRip;
    if (!rip) return;
    const ripValue = parseRegisterLine(text, i)?.find((r) => r.name === 'RIP' || r.name === 'PC')?.value;
    const m = /^([A-Za-z_.$][\w.$]*)(?:\+(\d+))?$/.exec(rip);
    if (m && ripValue !== undefined) {
      const offset = m[2] ? Number(m[2]) : 0;
      this.model.symbols.addBase(m[1], ripValue - BigInt(offset), i);
      this.model.symbols.addOffset(m[1], offset, undefined, undefined, i);
    }
  }

  private addRegisters(registers: Register[], i: number, console: boolean): void {
    this.model.archEvidence.registerLine(this.line, registers[0].name);
    if (console && this.report) {
      this.report.registers.push(...registers);
      for (const r of registers) {
        if ((r.name === 'RIP' || r.name === 'pc' || r.name === 'lr') && r.symbol) {
          this.model.symbols.addOffset(r.symbol.name, r.symbol.offset ?? 0, r.symbol.size, r.symbol.module, i);
        }
      }
      return;
    }
  }

  private addInstruction(text: string, head: DisHead, i: number): void {
    const hi = highHalf(text, head.addressStart, head.addressEnd);
    const lo = lowHalf(text, head.addressStart, head.addressEnd);
    this.model.instructions.add(hi, lo, i);
    if (this.pendingSource) {
      this.model.instructions.sources.set(i, this.pendingSource);
      this.model.setSource(fromHalves(hi, lo), this.pendingSource);
      this.pendingSource = undefined;
    }
    const symbols = this.model.symbols;
    const offset = head.offset;
    // A listing shows one function line after line: look its symbol up once per run.
    let run = this.disRun;
    if (
      !run ||
      head.functionEnd - head.functionStart !== run.name.length ||
      !text.startsWith(run.name, head.functionStart) ||
      offset === 0
    ) {
      this.flushDisRun();
      const fn = text.slice(head.functionStart, head.functionEnd);
      symbols.addBase(fn, fromHalves(hi, lo) - BigInt(offset), i);
      run = this.disRun = { name: fn, maxOffset: offset, line: i };
    } else if (offset > run.maxOffset) {
      run.maxOffset = offset;
      run.line = i;
    }
    const operandsAt = text.indexOf('<', head.mnemonicEnd);
    if (operandsAt > 0) {
      const dis = parseDis(text);
      if (dis?.target && dis.targetFunction)
        symbols.addBase(dis.targetFunction, BigInt('0x' + dis.target) - BigInt(dis.targetOffset ?? 0), i, true);
    }
    this.model.archEvidence.instruction(this.line, text.slice(head.mnemonicStart, head.mnemonicEnd), text, head.mnemonicEnd);
  }

  private addSym(
    address: string,
    fn: string,
    offset: number,
    module: string | undefined,
    file: string | undefined,
    sourceLine: number | undefined,
    i: number,
  ): void {
    const value = BigInt('0x' + address);
    this.model.symbols.addBase(fn, value - BigInt(offset), i);
    this.model.symbols.addOffset(fn, offset, undefined, module, i);
    if (file && sourceLine !== undefined) this.model.setSource(value, { file, line: sourceLine, at: i });
    this.model.archEvidence.textAddress(this.line, address);
  }

  private addStack(base: bigint, kind: 'task' | 'irq', line: number, task?: Task): void {
    this.model.declaredStacks.push({ base, kind, line, task });
  }
}

/** The first non-blank character after a leading address (`0x` optional): `<` on dis lines, `:` on dumps. */
function followsAddress(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 48 && text.charCodeAt(i + 1) === 120) i += 2;
  while (i < text.length && hexDigit(text.charCodeAt(i)) >= 0) i++;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return text.charCodeAt(i);
}

/** Lowercase hex without leading zeros, as bigint.toString(16) prints it. */
function normalHex(hex: string): string {
  let i = 0;
  while (i < hex.length - 1 && hex.charCodeAt(i) === 48) i++;
  const digits = i > 0 ? hex.slice(i) : hex;
  return /[A-F]/.test(digits) ? digits.toLowerCase() : digits;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `1. `, `2) `, `- `, `* `, `+ ` at the start of a Markdown list item. */
function isListMarker(text: string, start: number): boolean {
  let i = start;
  let c = text.charCodeAt(i);
  if (c === 45 || c === 42 || c === 43) return text.charCodeAt(i + 1) === 32;
  while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
  return i > start && (c === 46 || c === 41) && text.charCodeAt(i + 1) === 32;
}

/** High and low 32 bits of the hex digits text[start, end) (at most 16). */
function highHalf(text: string, start: number, end: number): number {
  let hi = 0;
  for (let k = start; k < end - 8; k++) hi = hi * 16 + hexDigit(text.charCodeAt(k));
  return hi;
}

function lowHalf(text: string, start: number, end: number): number {
  let lo = 0;
  for (let k = Math.max(start, end - 8); k < end; k++) lo = lo * 16 + hexDigit(text.charCodeAt(k));
  return lo;
}

/** Everything that needs the whole transcript: stacks, symbols, arch, layout. */
function finalize(model: Model, options: AnalyzeOptions): void {
  model.archDetected = model.archEvidence.verdict() ?? 'unknown';
  model.arch = options.arch && options.arch !== 'unknown' ? options.arch : model.archDetected;
  model.spec = archSpec(model.arch);
  model.structs = new Map(model.structList.map((layout) => [layout.name, layout]));
  model.symbols.finalize();
  model.instructions.finalize();
  model.slabs.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  learnStacks(model);
  model.stacks.sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
  model.layout = learnLayout(model);
  learnSymbolicBases(model);
  model.symbols.finalize();
  if (options.symbolFiles?.length) attachSymbolFiles(model, options.symbolFiles);
}

/**
 * Stack ranges, keyed by their THREAD_SIZE-aligned base: from `task -R stack`, bt
 * frames (frames before an `<IRQ stack>` marker are on the IRQ stack) and the
 * kernel-mode sp/RSP/x29 of console reports.
 */
function learnStacks(model: Model): void {
  const byBase = new Map<bigint, StackRange>();
  for (const declared of model.declaredStacks) {
    const existing = byBase.get(declared.base);
    if (existing) {
      existing.evidence.push(declared.line);
      if (!existing.task && declared.task) existing.task = declared.task;
      continue;
    }
    const stack: StackRange = {
      base: declared.base,
      top: declared.base + STACK_SIZE,
      kind: declared.kind,
      task: declared.task,
      cpu: declared.task?.cpu,
      evidence: [declared.line],
    };
    byBase.set(stack.base, stack);
    model.stacks.push(stack);
  }
  for (const bt of model.backtraces) {
    const task = bt.task !== undefined ? model.taskAt(bt.task) : undefined;
    const irqMarker = bt.markers.find((m) => /IRQ|softirq|NMI|exception stack/i.test(m.text));
    let last: StackRange | undefined;
    for (const frame of bt.frames) {
      if (frame.stackAddress === undefined) continue;
      const onIrq = irqMarker !== undefined && frame.level < irqMarker.beforeLevel;
      // Neighbouring frames share a stack: compare before computing a key.
      const existing =
        last && frame.stackAddress >= last.base && frame.stackAddress < last.top
          ? last
          : byBase.get(frame.stackAddress & ~(STACK_SIZE - 1n));
      if (existing) {
        if (existing.evidence.length < 64) existing.evidence.push(frame.line);
        if (!onIrq && !existing.task && task) existing.task = task;
        last = existing;
        continue;
      }
      const base = frame.stackAddress & ~(STACK_SIZE - 1n);
      const stack: StackRange = {
        base,
        top: base + STACK_SIZE,
        kind: onIrq ? 'irq' : 'task',
        task: onIrq ? undefined : task,
        cpu: bt.cpu,
        evidence: [frame.line],
      };
      byBase.set(base, stack);
      model.stacks.push(stack);
      last = stack;
    }
  }
  for (const report of model.reports) {
    const sp = report.registers.find(
      (r) => (r.name === 'sp' || r.name === 'RSP' || r.name === 'x29') && r.value !== undefined && r.value >= 0xffff000000000000n,
    );
    if (!sp || sp.value === undefined) continue;
    const base = sp.value & ~(STACK_SIZE - 1n);
    if (byBase.has(base)) continue;
    // The PID comes from the header, a `CPU: N PID: M` line, or the `[T123]` caller id.
    const pid = report.pid ?? reportPid(model, report.line, report.endLine);
    const task = pid !== undefined ? model.tasks.find((t) => t.pid === pid) : undefined;
    const stack: StackRange = {
      base,
      top: base + STACK_SIZE,
      kind: 'task',
      task,
      cpu: report.cpu ?? task?.cpu,
      evidence: [sp.line],
    };
    byBase.set(base, stack);
    model.stacks.push(stack);
  }
}

function reportPid(model: Model, start: number, end: number): number | undefined {
  for (let i = start; i <= Math.min(end, start + 40); i++) {
    const m = /^\s*\[\s*\d+\.\d+\]\[\s*T(\d+)\]|\bCPU: \d+ PID: (\d+)/.exec(model.line(i));
    if (m) return Number(m[1] ?? m[2]);
  }
  return undefined;
}

/** `rd -s`/`bt -F` words next to `rd -x`/`bt -f` words at the same address give function starts. */
function learnSymbolicBases(model: Model): void {
  for (const word of model.symbolicWords) {
    const m = /^([A-Za-z_.$][\w.$]*)(?:\+(\d+))?$/.exec(word.text);
    if (!m) continue;
    const value = model.memory.read64(word.address)?.value;
    if (value === undefined) continue;
    const offset = m[2] ? Number(m[2]) : 0;
    model.symbols.addBase(m[1], value - BigInt(offset), word.line);
    model.symbols.addOffset(m[1], offset);
  }
}
