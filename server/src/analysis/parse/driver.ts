// The parser's driver: one pass over the lines. It reads dump lines in place (most of
// a big transcript), tells prompts, Markdown and prose apart, and hands every other
// line to the parser of its family: the console report machine, the shapes crash
// prints that notes paste without a prompt (bt, dis, sym, struct listings), and the
// parser of the command whose output the line is (commands/, by the prompt's name).
import { hexDigit } from '../hex';
import { LineKind } from '../lineKinds';
import { MAX_LINE_LENGTH } from '../lines';
import { StructParser } from '../structs';
import type { Section } from '../types';
import { BacktraceParser } from './commands/bt';
import type { DumpReading, OutputParser } from './commands/command';
import { DisassemblyParser, parseSourceLine, scanDisHead } from './commands/dis';
import { symLine } from './commands/sym';
import type { CommandKind } from './commands';
import { isSentence } from './sentence';
import {
  consolePrefixLength,
  continuedRecordPrefix,
  MIN_RECORD_INDENT,
  decodeEntities,
  matchReportHeader,
  mayBePasted,
  readThrough,
  ReportMachine,
  startsWithMonthName,
} from './console';
import { joinedRecord, joinedRecordStarts, MIN_JOINED_LENGTH } from './console/joined';
import type { ReportMachineState } from './console/state';
import { AsciiWindow } from './asciiWindow';
import { parseDumpBytes, parseMemoryLine } from './memoryLine';
import { machineNamed, sysTaskNamed } from './machine';
import { crashNoteStart } from './note';
import { isCrashMessage, parsePrompt, type Prompt } from './prompt';
import { blankQuote, quoteLength, unquoted } from './quote';
import { plainChars } from './pastedChars';
import { mayBeBarePairs, registerLineHead } from './registers';
import type { ParseSink } from './sink';

const CJK_OR_WIDE = /[\u2000-\uffff]/;
const MARKDOWN =
  /^(?: {0,3}```(?!`*[[<(])| {0,3}~~~|#{1,6}\s(?!\d+\s+\[|\[\s*\d+\.\d+\])|\s*<\/?details|<summary|\*{3,}|-{3,}\s*$|={3,}\s*$)/;
const SHELL_PROMPT = /^\s*[$#] \S/;
/** Commands whose output has a format of its own (no prose of the kernel's, as `log` has). */
const MACHINE_FORMATS = new Set<CommandKind>(['bt', 'rd', 'dis', 'sym', 'search', 'struct', 'eval', 'kmem', 'foreach']);
const PLAIN_DUMP: DumpReading = { symbolic: false, width: 0, ownLines: false };

/**
 * How the parser starts a line: `Busy` with something open (a backtrace, listing, struct
 * or report still printing), at rest `Outside` any section, or at rest `InSection`
 * (the open section's parser has nothing pending). Parsing may start at a line at rest
 * and gives what a parse from the top gives from there on.
 *
 * `ReportStart` is added to the rest the parser would have without its open console report
 * when the line opens a new report and nothing else is pending (a report stays open until the
 * next header, so console text is rarely at rest): the report before is finished by then, and
 * a parse started at the line with no report open gives the same from there on.
 */
export const enum Rest {
  Busy = 0,
  Outside = 1,
  InSection = 2,
  ReportStart = 4,
}

/** A parse that starts and may stop inside a transcript (re-analysis). */
export interface Resume {
  /** The section open at the first line, when the parse starts inside one (its prompt line is unchanged). */
  section?: Section;
  /** Whether to stop before `line`, given the parser's rest there and the prompt line of its open section (-1: none). */
  canStop(line: number, rest: Rest, sectionLine: number): boolean;
  /**
   * Whether to stop after `line`, a `ReportStart` line with the given rest besides the report it
   * opened; the report stays open (the caller puts the previous parse's in its place).
   */
  canStopAfterReport(line: number, rest: Rest, sectionLine: number): boolean;
  /** The console report machine's state at the first line (a checkpoint's), its reports the model's own. */
  reports?: ReportMachineState;
  /**
   * Whether to stop before `line`, where only console reports are open (`reports`, the machine's
   * own objects) and the rest besides them is `rest`; they stay open.
   */
  canStopAtCheckpoint(line: number, rest: Rest, sectionLine: number, reports: ReportMachineState): boolean;
}

/** Lines of console text between two checkpoints of the report machine's state. */
const CHECKPOINT_LINES = 128;

/**
 * crash's own warnings (error(WARNING, …) in crash's sources) at start-up and between commands, which
 * the kernel never prints: `cannot determine hardirq_ctx addresses`, `active task c2c80000 on cpu 0 not
 * found in PID hash`, `kernel relocated [16MB]: patching 104431 gdb minimal_symbol values`.
 */
const CRASH_WARNING =
  /^WARNING: (?:cannot |could not |active task |kernel relocated |invalid |unable to |failed to |possibly bogus |page excluded|vmcore|dumpfile|vmlinux|kernel version inconsistency|\S+: cannot )/;

export class Parser {
  private section: Section | undefined;
  /**
   * Whether the open section is a struct listing. Kept apart from `section`: reading the kind of an
   * absent section, as every transcript's first lines do, deoptimised the dump-line test each analysis.
   */
  private structSection = false;
  /** The parser of the section's command, when it has one. */
  private output: OutputParser | undefined;
  private dump = PLAIN_DUMP;
  private readonly bt: BacktraceParser;
  private readonly dis: DisassemblyParser;
  private readonly reports: ReportMachine;
  private readonly structParser = new StructParser();
  /** The stretch of text around the current line as bytes, for the dump-line parser. */
  private readonly window = new AsciiWindow();
  /** Whether the line being parsed holds a terminal escape (`ESC[`). */
  private lineHasEscape = false;
  /**
   * Whether the open section's prompt was quoted (`> crash> ps`). Under an unquoted prompt a `> `
   * at the line start is crash's own (`ps` marks the active tasks so), not an e-mail quote.
   */
  private sectionQuoted = false;

  constructor(private readonly sink: ParseSink) {
    this.bt = new BacktraceParser(sink);
    this.dis = new DisassemblyParser(sink);
    this.reports = new ReportMachine(sink);
  }

  /**
   * Parses lines [from, to). A range starts at a crash prompt (or the top) or at a line
   * the parser starts at rest (nothing open), which is what lets a re-analysis parse one
   * range alone. `resume` may start inside a section and end the range earlier; returns
   * the line where parsing stopped. Stopped at rest inside a section, it leaves the
   * section open: the caller knows how far it goes.
   */
  run(from: number, to: number, resume?: Resume): number {
    const sink = this.sink;
    const kinds = sink.kinds;
    // Lines are cut here directly: this loop runs a million times on a 50 MB transcript. They are
    // read from the stretch of text holding them (the whole text, or a chunk of an edited one).
    const text = sink.text;
    // The text's length is read once: the last line's end, read only there, would cost a deoptimisation per analysis.
    const { starts, lineCount, length: textLength } = text;
    let { text: source, offset: base, endLine: segmentEnd } = text.segment(from);
    if (resume?.section) this.resumeSection(resume.section);
    if (resume?.reports) this.reports.restore(resume.reports);
    let i = from;
    let stoppedInSection = false;
    let reportsLeftOpen = false;
    let lastCheckpoint = -Infinity;
    // Where the next terminal escape is: one scan ahead instead of one search per line.
    let nextEscape = source.indexOf('\x1b[', (starts[from] ?? base) - base);
    for (; i < to; i++) {
      this.reports.expireParked(i);
      // The rest besides console reports: nothing below changes it before the line is parsed.
      const besides = this.restBesidesReports();
      const rest = besides !== Rest.Busy && this.reports.idle(i) ? besides : Rest.Busy;
      if (rest !== Rest.Busy) sink.rest(i, rest);
      if (resume !== undefined && resume.canStop(i, rest, this.section?.line ?? -1)) {
        stoppedInSection = rest === Rest.InSection;
        break;
      }
      // Only console reports open: the machine's state is kept now and then, and a re-analysis may stop where it agrees.
      const onlyReports = rest === Rest.Busy ? besides : Rest.Busy;
      if (onlyReports !== Rest.Busy) {
        if (resume?.canStopAtCheckpoint(i, onlyReports, this.section?.line ?? -1, this.reports.liveState())) {
          stoppedInSection = onlyReports === Rest.InSection;
          reportsLeftOpen = true;
          break;
        }
        if (i - lastCheckpoint >= CHECKPOINT_LINES) {
          const state = this.reports.checkpoint(i);
          if (state) {
            sink.checkpoint(i, onlyReports, state);
            lastCheckpoint = i;
          }
        }
      }
      const besidesReport = rest === Rest.Busy && besides !== Rest.Busy && this.reports.idleBesidesOpenReport(i) ? besides : rest;
      // A line without a console prefix may join a report still in its window (parseLine asks).
      const reportInWindow = besidesReport !== Rest.Busy && this.reports.openReport(i) !== undefined;
      sink.line = i;
      if (i >= segmentEnd) {
        ({ text: source, offset: base, endLine: segmentEnd } = text.segment(i));
        nextEscape = source.indexOf('\x1b[', starts[i] - base);
      }
      const begin = starts[i] - base;
      let end = (i + 1 < lineCount ? starts[i + 1] - 1 : textLength) - base;
      if (end > begin && source.charCodeAt(end - 1) === 13) end--;
      // A line quoted in e-mail is read with its quote marker blanked (see quote.ts). An empty last
      // line is not read past the text's end (that too would deoptimise this loop once per analysis).
      const first = end > begin ? source.charCodeAt(begin) : 0;
      const quote =
        (first === 62 || first === 38) && (this.section === undefined || this.sectionQuoted)
          ? quoteLength(source, begin, end)
          : 0;
      // Dump lines, most of a big transcript, are read in place without cutting them out.
      if (
        quote === 0 &&
        !this.reports.continuesCodeListing(i) &&
        !this.reports.readsShadowRow(i) &&
        this.isPlainDumpLine(source, begin, end)
      ) {
        kinds[i] = LineKind.Memory;
        if (rest !== Rest.Busy) i = this.dumpRun(i, to, rest, resume);
        if (this.section) this.section.endLine = i;
        continue;
      }
      if (nextEscape >= 0 && nextEscape < begin) nextEscape = source.indexOf('\x1b[', begin);
      this.lineHasEscape = nextEscape >= 0 && nextEscape < end;
      let kind: LineKind;
      try {
        kind = this.parseLine(plainChars(source.slice(begin, end)), i, quote);
      } catch (error) {
        kind = LineKind.Damaged;
        sink.failure(i, error);
      }
      kinds[i] = kind;
      if (
        besidesReport !== Rest.Busy &&
        (kind === LineKind.ReportHeader || kind === LineKind.TraceFrame) &&
        this.reports.openedFreshReport(i) &&
        (!reportInWindow || consolePrefixLength(source.slice(begin, end)) > 0)
      ) {
        sink.rest(i, besidesReport | Rest.ReportStart);
        if (resume?.canStopAfterReport(i, besidesReport, this.section?.line ?? -1)) {
          stoppedInSection = besidesReport === Rest.InSection;
          reportsLeftOpen = true;
          i++;
          break;
        }
      }
    }
    if (!stoppedInSection) this.closeSection(i - 1);
    if (!reportsLeftOpen) this.reports.closeAll(i - 1);
    this.structParser.flush();
    sink.structs(this.structParser.layouts);
    return i;
  }

  /**
   * The dump lines after line `i`, a dump line the parser started at `rest` (not busy): a dump line
   * leaves everything as it found it, so each of them starts at the same rest, and the loop that reads
   * them is this small one (the bookkeeping of run's loop per line cost more than the line).
   * Returns the last of them.
   */
  private dumpRun(i: number, to: number, rest: Rest, resume: Resume | undefined): number {
    const sink = this.sink;
    const kinds = sink.kinds;
    const text = sink.text;
    const { starts, lineCount, length: textLength } = text;
    let { text: source, offset: base, endLine: segmentEnd } = text.segment(i + 1);
    const sectionLine = this.section?.line ?? -1;
    for (let next = i + 1; next < to; next++) {
      if (resume !== undefined && resume.canStop(next, rest, sectionLine)) return next - 1;
      if (next >= segmentEnd) ({ text: source, offset: base, endLine: segmentEnd } = text.segment(next));
      const begin = starts[next] - base;
      let end = (next + 1 < lineCount ? starts[next + 1] - 1 : textLength) - base;
      if (end > begin && source.charCodeAt(end - 1) === 13) end--;
      sink.line = next;
      // A line that is no dump line is read by run's loop (nothing of it was taken here).
      if (!this.isPlainDumpLine(source, begin, end)) return next - 1;
      sink.rest(next, rest);
      kinds[next] = LineKind.Memory;
    }
    return to - 1;
  }

  /** The rest at a line if the console report machine were empty. */
  private restBesidesReports(): Rest {
    if (this.structParser.active || !this.bt.idle || !this.dis.idle) return Rest.Busy;
    if (this.section === undefined) return Rest.Outside;
    return this.output?.idle?.() === false ? Rest.Busy : Rest.InSection;
  }

  /** Goes on with a section whose prompt came before the range. */
  private resumeSection(section: Section): void {
    this.section = section;
    this.structSection = section.kind === 'struct';
    const promptLine = plainChars(this.sink.text.line(section.line));
    this.sectionQuoted = quoteLength(promptLine) > 0;
    const prompt = parsePrompt(unquoted(promptLine));
    this.dump = prompt?.spec?.dump?.(prompt) ?? PLAIN_DUMP;
    this.output = prompt && prompt.spec?.output?.(this.sink, prompt);
  }

  /**
   * A crash dump line (`ADDR: WORD WORD`, no `0x`) outside struct listings, parsed where it
   * stands in the transcript; false sends the line through parseLine.
   */
  private isPlainDumpLine(source: string, begin: number, end: number): boolean {
    if (end - begin > MAX_LINE_LENGTH || this.structSection || this.structParser.active || this.dump.ownLines) return false;
    const window = this.window;
    window.cover(source, begin, end);
    const bytes = window.bytes;
    let k = begin - window.start;
    const last = end - window.start;
    while (k < last && (bytes[k] === 32 || bytes[k] === 9)) k++;
    if (k === last) return false;
    const c = bytes[k];
    if (hexDigit(c) < 0 || (c === 48 && k + 1 < last && bytes[k + 1] === 120) || c === 99) return false;
    return parseDumpBytes(window, source, begin, end, this.sink, this.dump.symbolic, this.dump.width) > 0;
  }

  /** Parses a line; `quote` is the length of its e-mail quote marker, read as blanks. */
  private parseLine(line: string, i: number, quote: number): LineKind {
    if (line.length >= MIN_JOINED_LENGTH && this.section === undefined) {
      const records = joinedRecordStarts(line);
      if (records) return this.joinedLine(line, records, i, quote);
    }
    const kind = this.readLine(line, i, quote);
    if (kind !== LineKind.CommandOutput && kind !== LineKind.Prose) return kind;
    // A person's note after crash's output (`   <-- here`, ` # why`): the line is read again without it.
    const note = crashNoteStart(line);
    return note > quote ? this.readLine(line.slice(0, note), i, quote) : kind;
  }

  /**
   * A console log joined onto one line: each record is read as the line it was (the line's
   * kind is its most telling record's), what came before the first left as the person's words.
   */
  private joinedLine(line: string, records: readonly number[], i: number, quote: number): LineKind {
    let kind = LineKind.ConsoleLine;
    for (let k = 0; k < records.length; k++) {
      const recordKind = this.readLine(joinedRecord(line, records, k), i, quote);
      if (recordKind === LineKind.ReportHeader || (recordKind === LineKind.TraceFrame && kind !== LineKind.ReportHeader))
        kind = recordKind;
    }
    return kind;
  }

  /**
   * Reads a line (its e-mail quote marker, `quote` characters, blanked): which family of lines it
   * belongs to is decided here, in this order, and each family is read by its own method. The
   * dispatcher stays small so that a family first met late (a note's prose in the middle of crash
   * output) costs V8 a re-optimisation of this method only, and a line runs little code besides
   * its own family's.
   */
  private readLine(line: string, i: number, quote: number): LineKind {
    if (quote > 0) this.sink.quoted(i);
    const text = blankQuote(line, quote);
    if (text.length > MAX_LINE_LENGTH) return this.overlongLine(text, i);
    // One look at the first non-blank character decides which families are worth trying.
    const start = indentLength(text);
    if (start === text.length) return this.blankLine();
    const c = text.charCodeAt(start);
    // The kernel's banner names its release wherever it is printed: a console's boot log, `rd -a linux_banner`, `log`.
    if (text.includes('Linux version ')) this.machineLine(text);
    let kind: LineKind | undefined;
    if ((c === 62 || c === 38) && quote === 0) {
      kind = this.quotedPromptLine(line, text, i);
      if (kind !== undefined) return kind;
    }
    // A crash prompt, also behind a Markdown list marker (`1. crash> rd ...`).
    if (mayBePrompt(text, start, c)) {
      kind = this.promptLine(text, i, quote);
      if (kind !== undefined) return kind;
    }
    // s390x's `Krnl Code:` listing goes on without a console prefix: code, not a memory dump
    // (also escaped for HTML: `&gt;` marks the PSW's instruction).
    if (this.reports.continuesCodeListing(i)) {
      kind = this.reports.codeListing(text, i);
      if (kind !== undefined) {
        if (this.section) this.section.endLine = i;
        return kind;
      }
    }
    // crash's output escaped for HTML (`crash&gt; bt`, `&lt;func+12&gt;:`, `--- &lt;IRQ stack&gt; ---`).
    if (text.indexOf('&', start) >= 0) {
      kind = this.escapedCrashLine(text, i, quote);
      if (kind !== undefined) return kind;
    }
    const section = this.section;
    if (section) section.endLine = i;
    // The text address of a bt frame wrapped after its `at`, already read with the frame.
    if (this.bt.takes(i)) return LineKind.BtFrame;
    // A console frame or register line cut by a hard wrap goes on here.
    if (this.reports.awaitsContinuation(i)) {
      kind = this.reports.continuation(text, i);
      if (kind !== undefined) return kind;
    }
    if (mayBeMarkdown(text, start, c) && MARKDOWN.test(quote > 0 ? text.slice(quote) : text)) return this.markdownLine(i);
    // Dump lines the command's parser reads itself (rd -d, rd -a, rd -p, search).
    if (this.dump.ownLines) {
      kind = this.output?.line(text, i);
      if (kind !== undefined) return kind;
    }
    // Console text coloured by a terminal, escaped for HTML/Markdown or marked by a person is read
    // through its marks (crash's own output is not: it has other uses for them).
    if (this.lineHasEscape || (section === undefined && mayBePasted(text))) {
      kind = this.pastedConsoleLine(text, i, quote);
      if (kind !== undefined) return kind;
    }
    if (mayHaveConsolePrefix(text, c, start, quote)) {
      kind = this.prefixedConsoleLine(text, i, quote);
      if (kind !== undefined) return kind;
    }
    // A later line of a printk record of several lines, which dmesg and journalctl indent to the
    // record's text (`Nov 13 08:58:21 host kernel: ` then 31 blanks): read with the record's prefix.
    if (start >= MIN_RECORD_INDENT && quote === 0 && section === undefined) {
      const prefix = continuedRecordPrefix((j) => this.sink.lineRead(j), text, i);
      if (prefix !== undefined) {
        kind = this.prefixedConsoleLine(prefix + text.slice(prefix.length), i, 0);
        if (kind !== undefined) return kind;
      }
    }
    if (
      (section?.kind === 'struct' || this.structParser.active) &&
      this.structParser.feed(text, i, section?.kind === 'struct' ? structObjectAddress(section) : undefined)
    )
      return LineKind.Struct;
    // `struct -o TYPE | grep …`: the members the filter kept, without the listing's head.
    if (section?.kind === 'struct' && !this.structParser.active && filteredStructListing(section)) {
      const name = section.args[0].split('.')[0];
      if (this.structParser.openFiltered(name, text, i)) return LineKind.Struct;
    }
    // Dump and disassembly lines start with an address.
    if (c < 128 && hexDigit(c) >= 0) {
      kind = this.addressLedLine(text, start, c, i);
      if (kind !== undefined) return kind;
    }
    kind = this.bt.line(text, start, c, i, section);
    if (kind !== undefined) return kind;
    // Register lines, dis -l source lines, crash's messages.
    // A register row's last values a mailer wrapped onto a line of their own (`GPR00: a b c` then `d`).
    if (text.indexOf(':') > 0 || mayBeBarePairs(text, start) || this.reports.registerRowGoesOn(i)) {
      // crash's banner and `sys` name the machine (`MACHINE: x86_64`, `RELEASE: ….el8.x86_64`).
      if (c === 77 || c === 82) this.machineLine(text);
      // Its `TASK:` is the panic task's task_struct: where the kernel keeps them (the layout's evidence).
      else if (c === 84) this.sysTaskLine(text, i);
      kind = this.registerLine(text, i) ?? this.sourceLine(text, i) ?? this.crashMessageLine(text, start);
      if (kind !== undefined) return kind;
    }
    if (text.indexOf('\0') >= 0) return this.binaryLine(i);
    // Console bodies without a prefix (pasted traces, probe output, syzkaller logs).
    kind = this.reports.bareLine(text, quote, i, section !== undefined);
    if (kind !== undefined) return kind;
    return section ? this.commandOutputLine(text, start, i) : this.proseLine(text, start);
  }

  private overlongLine(text: string, i: number): LineKind {
    this.sink.damage(i, `line of ${text.length} characters left unparsed`);
    return LineKind.Damaged;
  }

  private blankLine(): LineKind {
    this.dis.blank();
    if (this.structParser.active && this.section?.kind !== 'struct') this.structParser.flush();
    return LineKind.Blank;
  }

  /** A quoted prompt after an unquoted session starts a quoted one: the line is read again with its marker. */
  private quotedPromptLine(line: string, text: string, i: number): LineKind | undefined {
    const quote = quoteLength(text);
    return quote > 0 && parsePrompt(blankQuote(text, quote)) ? this.parseLine(line, i, quote) : undefined;
  }

  /** A crash prompt starts a section. */
  private promptLine(text: string, i: number, quote: number): LineKind | undefined {
    const prompt = parsePrompt(text);
    if (!prompt) return undefined;
    this.startSection(prompt, i);
    this.sectionQuoted = quote > 0;
    return LineKind.Prompt;
  }

  /** A Markdown fence, heading, rule or details tag ends the section. */
  private markdownLine(i: number): LineKind {
    this.closeSection(i - 1);
    return LineKind.Markdown;
  }

  /**
   * Console text with a prefix (a timestamp, a syz-manager date, a system log's stamp) then a
   * body, for the report machine; undefined when the line has no such prefix.
   */
  private prefixedConsoleLine(text: string, i: number, quote: number): LineKind | undefined {
    const after = quote > 0 ? consolePrefixLength(text.slice(quote)) : consolePrefixLength(text);
    if (after === 0) return undefined;
    const inSection = this.section !== undefined;
    // Console text in a crash session (`log`) marked by a person.
    if (inSection && mayBePasted(text)) {
      const kind = this.pastedConsoleLine(text, i, quote);
      if (kind !== undefined) return kind;
    }
    return this.reports.line(text, quote + after, i, inSection);
  }

  /**
   * A line that starts with an address: a dis instruction, a dump line, a sym line, or the next
   * row of a register block in crash's bt (s390x `GPRS:` values carry no names).
   */
  private addressLedLine(text: string, start: number, c: number, i: number): LineKind | undefined {
    const row = this.bt.registerRowLine(text, i);
    if (row !== undefined) return row;
    // crash's dis prints `0x` before the address; its dumps never do.
    if (c === 48 && text.charCodeAt(start + 1) === 120 && followsAddress(text, start) === 60 /* < */) {
      const head = scanDisHead(text);
      // gdb's `0xADDR <sym+off>:  0xVALUE ...` dumps have the same head: a value is no mnemonic.
      if (head && !text.startsWith('0x', head.mnemonicStart)) return this.dis.instruction(text, head, i);
    }
    if (!this.reports.readsShadowRow(i) && parseMemoryLine(text, this.sink, this.dump.symbolic, this.dump.width) >= 0)
      return LineKind.Memory;
    return symLine(this.sink, text, i);
  }

  /**
   * A register line: inside an open console report (pasted without its printk prefix) it belongs
   * to the report, else to crash's bt block.
   */
  private registerLine(text: string, i: number): LineKind | undefined {
    const report = this.reports.openReport(i);
    const bt = this.bt.current;
    if (report === undefined || (bt && bt.line >= report.line)) {
      const head = registerLineHead(text);
      return head ? this.bt.registerLine(head, text, i) : undefined;
    }
    return this.reports.unprefixedRegisters(text, i);
  }

  private sysTaskLine(text: string, i: number): void {
    const task = sysTaskNamed(text);
    if (task === undefined) return;
    // `PID:` and `COMMAND:` print on the two lines above it.
    let pid: string | undefined;
    let command: string | undefined;
    for (let j = i - 1; j >= Math.max(0, i - 2); j--) {
      const above = this.sink.lineRead(j);
      pid ??= /^\s*PID: (\d+)\s*$/.exec(above)?.[1];
      command ??= /^\s*COMMAND: "(.*)"\s*$/.exec(above)?.[1];
    }
    this.sink.task({ task, line: i, ...(pid !== undefined && { pid: Number(pid) }), ...(command !== undefined && { command }) });
  }

  private machineLine(text: string): void {
    const machine = machineNamed(text);
    if (machine !== undefined) this.sink.machineName(machine);
  }

  /** `/usr/src/…/file.c: 120`: the source line of the dis instruction or bt frame around it. */
  private sourceLine(text: string, i: number): LineKind | undefined {
    const line = parseSourceLine(text);
    if (!line) return undefined;
    const source = { ...line, at: i };
    this.dis.source(source);
    this.bt.frameSource(source, i);
    return LineKind.Source;
  }

  /**
   * crash's own message (`WARNING: …`, `crash: …`). Outside crash sections a kernel header
   * (`WARNING: CPU: 1 PID: 2 at ...`) is not crash's own, but crash's start-up warnings
   * (`WARNING: cannot determine hardirq_ctx addresses`) are.
   */
  private crashMessageLine(text: string, start: number): LineKind | undefined {
    const trimmed = withoutIndent(text, start);
    if (!isCrashMessage(trimmed) || (this.section === undefined && matchReportHeader(trimmed) && !CRASH_WARNING.test(trimmed)))
      return undefined;
    if (/possibly bogus exception frame/.test(text)) this.bt.bogusException();
    return LineKind.CrashMessage;
  }

  private binaryLine(i: number): LineKind {
    this.sink.damage(i, 'binary data (NUL bytes)');
    return LineKind.Damaged;
  }

  /** A line in a crash section that no family took: the command's parser reads it, if it has one. */
  private commandOutputLine(text: string, start: number, i: number): LineKind {
    // The command's parser sees its output without a person's note (it may end a listing at a line it does not know).
    const output = this.output;
    if (output) {
      const note = crashNoteStart(text);
      const kind = output.line(note > start ? text.slice(0, note) : text, i);
      if (kind !== undefined) return kind;
    }
    if (SHELL_PROMPT.test(text)) return LineKind.ShellPrompt;
    // After output of a known format, a sentence is the person's, not the command's.
    if (CJK_OR_WIDE.test(text) || (this.section && MACHINE_FORMATS.has(this.section.kind) && isSentence(text)))
      return LineKind.Prose;
    return LineKind.CommandOutput;
  }

  /** A line outside crash sections that no family took: the shell prompt that started crash, crash's message, or prose. */
  private proseLine(text: string, start: number): LineKind {
    if (SHELL_PROMPT.test(text) && /^\s*\$ (?:crash|sudo crash)\b/.test(text)) return LineKind.ShellPrompt;
    if (isCrashMessage(withoutIndent(text, start)) && !CJK_OR_WIDE.test(text)) return LineKind.CrashMessage;
    return LineKind.Prose;
  }

  /**
   * A prompt, dis line, 32-bit arm bt frame or stack marker of crash escaped for HTML, read decoded:
   * their parsers keep no columns (decoding moves them). Undefined for any other line.
   */
  private escapedCrashLine(text: string, i: number, quote: number): LineKind | undefined {
    const decoded = decodeEntities(text);
    if (decoded === text) return undefined;
    if (decoded.indexOf('crash') >= 0) {
      const prompt = this.promptLine(decoded, i, quote);
      if (prompt !== undefined) return prompt;
    }
    if (this.section) this.section.endLine = i;
    const head = scanDisHead(decoded);
    if (head && !decoded.startsWith('0x', head.mnemonicStart)) return this.dis.instruction(decoded, head, i);
    // 32-bit arm's `#1 [<c0aa2e40>] (func) from [<c0209ab0>]`.
    if (decoded.trimStart().startsWith('#')) {
      const frame = this.bt.frame(decoded, i, this.section?.options ?? []);
      if (frame !== undefined) return frame;
    }
    return this.bt.stackMarker(decoded, i);
  }

  /** A quoted or coloured console line, read through its quote marker and escapes; undefined when it is no console material. */
  private pastedConsoleLine(text: string, i: number, quote: number): LineKind | undefined {
    const view = readThrough(text);
    if (!view) return undefined;
    // The body starts after the quote marker (blanked in `text`, or one readThrough found).
    const start = Math.max(view.quote, quote);
    // crash's own warnings with a person's note stay crash's (read further down).
    if (CRASH_WARNING.test(view.text.slice(start))) return undefined;
    const inSection = this.section !== undefined;
    const prefix = start + consolePrefixLength(view.text.slice(start));
    // A line only quoted is read at its own columns: as an unquoted one, hard-wrapped lines joined too.
    const columnOf = view.text === text ? undefined : view.column;
    const kind =
      prefix > start
        ? this.reports.line(view.text, prefix, i, inSection, columnOf)
        : this.reports.bareLine(view.text, start, i, inSection, columnOf);
    // A coloured line under an unquoted prompt may still be quoted: read so, its marker is one.
    if (kind !== undefined && view.quote > quote) this.sink.quoted(i);
    return kind;
  }

  /** A prompt ends everything before it (command output and any console report) and names what follows. */
  private startSection(prompt: Prompt, i: number): void {
    this.closeSection(i - 1);
    this.reports.atPrompt(i);
    const { command, kind, options, args, spec } = prompt;
    this.section = { command, kind, options, args, line: i, endLine: i };
    this.structSection = kind === 'struct';
    this.sink.section(this.section);
    this.dump = spec?.dump?.(prompt) ?? PLAIN_DUMP;
    this.output = spec?.output?.(this.sink, prompt);
  }

  private closeSection(endLine: number): void {
    this.dis.reset();
    if (this.section) this.section.endLine = Math.max(this.section.line, Math.min(this.section.endLine, endLine));
    this.section = undefined;
    this.structSection = false;
    this.sectionQuoted = false;
    this.output = undefined;
    this.bt.reset();
    this.dump = PLAIN_DUMP;
    this.structParser.flush();
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

/** The line without its indent, cut only where a shape needs it as a string (a closure would cost one allocation a line). */
function withoutIndent(text: string, start: number): string {
  return start === 0 ? text : text.slice(start);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where the line's first non-blank character is (its length when it is blank). */
function indentLength(text: string): number {
  const n = text.length;
  let start = 0;
  let c = n > 0 ? text.charCodeAt(0) : 0;
  while (start < n && (c === 32 || c === 9 || c === 13 || c === 12 || c === 11)) c = text.charCodeAt(++start);
  return start;
}

/** A crash prompt starts with `crash` (also behind a Markdown list marker: `1. crash> rd ...`). */
function mayBePrompt(text: string, start: number, c: number): boolean {
  if (c === 99) return text.startsWith('crash', start);
  if (c === 37) return text.startsWith('%crash', start);
  // Set in Markdown bold or inline code (`**crash> bt**`, `` `crash> bt` ``).
  if (c === 96 || ((c === 42 || c === 95) && text.charCodeAt(start + 1) === c))
    return text.startsWith('crash', start + (c === 96 ? 1 : 2));
  return isListMarker(text, start) && text.indexOf('crash', start) > 0;
}

/** Markdown starts with one of these characters; `#7 [ffff...]` is a bt frame, never a heading. */
function mayBeMarkdown(text: string, start: number, c: number): boolean {
  return (
    c === 96 || c === 126 || c === 60 || c === 42 || c === 45 || c === 61 || (c === 35 && !isDigit(text.charCodeAt(start + 1)))
  );
}

/**
 * Console prefixes start so: `[` a timestamp or caller id, `<` a log level, `*` or a digit or capital a
 * date or stamp (or a timestamp whose `[` a copy left out); a system log's stamp with a month's name
 * in any language, also indented as a Markdown code block.
 */
/**
 * The object a `struct` command lists (`struct -o rq ADDR`, `rq.leaf_cfs_rq_list ADDR -o`): its address
 * argument, unless `-l` says the address is a list_head member inside it.
 */
function structObjectAddress(section: Section): bigint | undefined {
  if (section.options.some((o) => /^-\w*l/.test(o))) return undefined;
  const address = section.args.find((a) => /^(?:0x)?[0-9a-fA-F]{8,16}$/.test(a));
  return address === undefined ? undefined : BigInt(address.startsWith('0x') ? address : '0x' + address);
}

/** A `struct -o TYPE` whose output a `grep` filtered (its head and most members left out). */
function filteredStructListing(section: Section): boolean {
  return (
    section.args.length > 0 &&
    /^[A-Za-z_]\w*(?:\.|$)/.test(section.args[0]) &&
    section.options.some((o) => /^-\w*o/.test(o)) &&
    /\|\s*(?:e?grep|rg)\b/.test(section.command)
  );
}

function mayHaveConsolePrefix(text: string, c: number, start: number, quote: number): boolean {
  return (
    c === 91 ||
    c === 60 ||
    c === 42 ||
    (start === quote && ((c >= 48 && c <= 57) || (c >= 65 && c <= 83) || c > 127)) ||
    startsWithMonthName(text, start) ||
    // An ISO date (`2015-10-03T12:10:17`) also indented: a system log pasted as a block, never crash output.
    ((c === 49 || c === 50) && text.charCodeAt(start + 4) === 45 && text.charCodeAt(start + 10) === 84) ||
    (c >= 48 && c <= 57 && (isNumberedClock(text, start) || PADDED_CUT_STAMP.test(text)))
  );
}

/** A printk timestamp a copy cut inside its padding (`  2.510619] BUG: …`): its `[` and first blanks gone. */
const PADDED_CUT_STAMP = /^\s{1,5}\d{1,5}\.\d{6}\] /;

/**
 * LAVA's numbered lines as KernelCI shows them (` 1477 09:14:46.976626  <4>[ …`): a number, blanks, a
 * clock; or an editor's or `cat -n`'s line number right before the printk timestamp (`  11748 [46223316.661106] `).
 */
function isNumberedClock(text: string, start: number): boolean {
  let k = start;
  while (k - start < 8 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
  if (k === start || (text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9)) return false;
  while (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) k++;
  const c = text.charCodeAt(k);
  return (text.charCodeAt(k + 2) === 58 && text.charCodeAt(k + 5) === 58) || c === 91 || c === 60;
}

/** `1. `, `2) `, `- `, `* `, `+ ` at the start of a Markdown list item. */
function isListMarker(text: string, start: number): boolean {
  let i = start;
  let c = text.charCodeAt(i);
  if (c === 45 || c === 42 || c === 43) return text.charCodeAt(i + 1) === 32;
  while (c >= 48 && c <= 57) c = text.charCodeAt(++i);
  return i > start && (c === 46 || c === 41) && text.charCodeAt(i + 1) === 32;
}
