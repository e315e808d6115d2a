// The console report machine: which lines of a kernel console belong to which report
// (oops, WARNING, KASAN, lockdep...), with printk caller ids telling interleaved
// reports apart. Fed line by line by the driver; reset at each crash prompt.
import { machineNamed } from '../machine';
import { LineKind } from '../../lineKinds';
import { assessReportDamage } from '../../reportDamage';
import type { Frame, Register, Report, SymbolRef } from '../../types';
import { ANY_PC_NAMES, PC_REGISTER_NAMES } from '../../arch/registry';
import { hex16 } from '../../hex';
import { mayBeBarePairs, newRegisterRun, parseRegisterLine } from '../registers';
import { parseSymbolRef } from '../symbolref';
import { cutAt, cutInsideLocations, mayBeWrapped, siteContinued, sizeContinued, valueRest, type Cut } from './wrapped';
import { stateCopy, type ParkedReport, type ReportMachineState } from './state';
import type { ParseSink } from '../sink';
import {
  ALL_CPUS,
  consoleCaller,
  consolePrefixLength,
  PRINTK_SECONDS,
  contextName,
  dmesgLevelLength,
  headerFunction,
  headerInside,
  headerTitle,
  indentOf,
  isBlockIndent,
  isBootBanner,
  isCallTraceMarker,
  isEndTrace,
  isReportDetail,
  isWarnMessage,
  matchReportHeader,
  parseBracketedSite,
  parseConsoleFrame,
  parseContextMarker,
  parseNamedSite,
  recordedStackContext,
  siteFunction,
  type ConsoleFrameLine,
  type HeaderMatch,
  type NamedSiteLine,
  traceSectionHeading,
  precedesOwnTrace,
} from './lines';

/** How long a report of one printk caller may wait while others print. */
const MAX_PARKED_LINES = 2000;

// powerpc's xmon debugger describes the exception (`cpu 0x1: Vector: 300 (Data Access) at [c000000006f97640]`,
// pc, lr, sp, ..., pid) and then prints the kernel's `Linux version` banner: no reboot, the same report,
// whose backtrace xmon prints after `enter ? for help`.
const XMON_EXCEPTION = /^\s*cpu 0x[0-9a-f]+: Vector: [0-9a-f]+ /;
// Its registers, a line each (`    pc: c00000000008b6f0: arch_remove_memory+0x150/0x210`, `   msr: 8000…`),
// named as show_regs names them; and its lines of the task (`  current = 0x…`, `    pid   = 1220, comm = ndctl`).
const XMON_REGISTER =
  /^(\s*)(pc|lr|sp|msr|dar|dsisr|ctr|xer|cr): ([0-9a-f]{1,16})(?:: ([A-Za-z_.$][\w.$]*\+0x[0-9a-f]+\/0x[0-9a-f]+(?: \[[\w-]+\])?))?\s*$/;
const XMON_REGISTER_NAMES: Record<string, string> = {
  pc: 'NIP',
  lr: 'LR',
  sp: 'R1',
  msr: 'MSR',
  dar: 'DAR',
  dsisr: 'DSISR',
  ctr: 'CTR',
  xer: 'XER',
  cr: 'CR',
};
const XMON_TASK_LINE = /^\s*(?:current|paca|pid)\s+= |^enter \? for help\s*$/;

// A call trace frame the kernel could not name (no kallsyms, or a module gone), in the shapes that
// parseConsoleFrame leaves (it reads `[<addr>] 0xaddr`): the address alone, and without symbols a
// module's name, base and size after it (`0xffffffc000c81e2c [netatop@000000006b7888f1+0x12000]`);
// old x86's `[<addr>] ? 0xaddr`, and `(null)` for a zero return address. Read only after a call
// trace marker: a bare address is no frame elsewhere. Groups: the `[<addr>]`, a `?`, the `0x`
// address, the module.
const UNSYMBOLISED_FRAME =
  /^\s*(?:\[<\s*(?:([0-9a-f]{8,16})|\(null\))>\]\s*)?(\? )?(?:0x([0-9a-f]{8,16})(?: \[([\w.-]+)@(?:0x)?[0-9a-f]+\+0x[0-9a-f]+\])?|\(null\))\s*$/;
// powerpc's: the stack pointer and the address in brackets, the address again (`0x0` for none), maybe
// ` (unreliable)`. Groups: the stack pointer, the address, the mark.
const UNSYMBOLISED_POWERPC_FRAME = /^\s*\[([0-9a-f]{8,16})\] \[([0-9a-f]{8,16})\] 0x[0-9a-f]+( \(unreliable\))?\s*$/;
/** A frame that names no function, at `address` (none for a zero return address). */
function unnamedFrameLine(
  address: string | undefined,
  module: string | undefined,
  unreliable: boolean,
  body: string,
): ConsoleFrameLine {
  return { function: '', address, module, unreliable, inlined: false, column: body.search(/\S/), probe: false };
}

/** The frame an UNSYMBOLISED_FRAME match reads; a zero return address (`(null)`, `0x0…0`) is no place in the kernel. */
function unsymbolisedFrame(m: RegExpExecArray, body: string): ConsoleFrameLine {
  const address = m[1] ?? m[3];
  return unnamedFrameLine(
    address !== undefined && /[1-9a-f]/.test(address) ? address : undefined,
    m[4],
    m[2] !== undefined,
    body,
  );
}

/**
 * arm64's and old x86's `[<          (null)>]           (null)` after a trace's last frame: the zero
 * return address that ended the walk, printed by name and value, not a frame.
 */
function endsStack(m: RegExpExecArray): boolean {
  return m[1] === undefined && m[3] === undefined && m[0].includes('(null)');
}

/** How near its frame's stack pointer an address is the stack's own (powerpc's first, stale frame). */
const SAME_STACK = 0x100000n;
const XMON_BANNER_REACH = 20;
/** A printk timestamp at a line's start (after a log level): seconds since the boot. */
const PRINTK_TIME = new RegExp(String.raw`^\s*(?:<\d+>)?\[\s*(${PRINTK_SECONDS})\]`);
/**
 * The line of `=` lockdep, KASAN and UBSAN print above a report of their own. (BUG() and WARN() print
 * `[ cut here ]` after a message of theirs: `list_del corruption…`, then the cut, then `kernel BUG at`.)
 */
const REPORT_BANNER = /^\s*={16,}\s*$/;
/** How far back a banner looks for the line printed before it. */
const SAME_BOOT_REACH = 200;

// scripts/decodecode's reading of a `Code:` line, which decoded reports (the kernel test robot's)
// print in the middle of the report: two headings, each underlined with `=`, over objdump's lines
// (`  2a:*	f3 aa   	rep stos ...		<-- trapping instruction`).
// KASAN's heading of the shadow rows, and how many lines they take: two rows before the buggy one,
// its `^` line and two after (each of 16 or 32 shadow bytes).
const SHADOW_HEADING = /^\s*Memory state around the buggy address:?\s*$/;
const SHADOW_ROWS_REACH = 8;
/** A row of shadow bytes (32-bit kernels' addresses too), or the `^` under the buggy byte. */
const SHADOW_ROW = /^\s*(?:>?[0-9a-f]{8,16}: [0-9a-f]{2}(?: [0-9a-f]{2})*|\^)\s*$/;
const DECODED_CODE_HEADING = /^(?:All code|Code starting with the faulting instruction)\s*$/;
const DECODED_CODE_LINE = /^\s*[0-9a-f]+:\*?\t(?:[0-9a-f]{2} )+\s*(?:\t|$)/;

// A line of s390x's `Krnl Code:` listing after its first: the address (`#` marks the instruction
// before the PSW's, `>` the PSW's own, `&gt;` where escaped for HTML), the instruction's 2, 4 or 6
// bytes, its mnemonic.
const S390_CODE_LINE = /^\s*(?:[#>]|&gt;)?[0-9a-f]{8,16}: [0-9a-f]{4,12}\s+[a-z]/;

/** The caller a 32-bit arm frame line names, waiting for its own line. */
interface ArmCaller {
  function: string;
  offset?: number;
  size?: number;
  address?: string;
  module?: string;
  line: number;
  context?: string;
  section?: string;
}

/** A `PC is at`/`LR is at` line's symbol, waiting for the `pc : [<addr>]` line that prints the value. */
interface NamedSite {
  register: 'pc' | 'lr';
  symbol: SymbolRef;
  line: number;
}

/** How many lines after `PC is at` the value may print (`LR is at` comes between). */
const NAMED_SITE_REACH = 4;

// The sysrq handler's line for a key pressed (`sysrq: Show State`, before 5.x `SysRq : Show Blocked State`).
const SYSRQ_ACTION = /^(?:sysrq: |SysRq : )/;

/** The title of a call trace whose report's header is not in the transcript (an excerpt from `Call trace:` on). */
const HEADLESS_TRACE = 'Call trace';

/** The OOM killer's own frames (mm/oom_kill.c), as it prints them before its report's Mem-Info. */
function isOomKillerTrace(frames: readonly Frame[]): boolean {
  const own = (name: string) => frames.some((f) => !f.unreliable && (f.function === name || f.function.startsWith(name + '.')));
  return own('oom_kill_process') && own('out_of_memory');
}

type ReportSink = Pick<
  ParseSink,
  | 'report'
  | 'reports'
  | 'symbolBase'
  | 'symbolOffset'
  | 'registerLine'
  | 'textAddress'
  | 'machineName'
  | 'reportLine'
  | 'traceAddress'
  | 'traceFunction'
  | 'frameShape'
  | 'text'
  | 'lineAfter'
  | 'lineRead'
  | 'lines'
  | 'kinds'
>;

/** Columns of a body's registers on the real line: past the prefix, and through a reading's escapes. */
function placeRegisters(registers: Register[], prefix: number, columnOf: ((at: number) => number) | undefined): void {
  for (const r of registers) {
    const start = r.column + prefix;
    if (!columnOf) {
      r.column = start;
      continue;
    }
    r.column = columnOf(start);
    if (r.length > 0) r.length = columnOf(start + r.length - 1) + 1 - r.column;
  }
}

export class ReportMachine {
  private report: Report | undefined;
  private reportLastLine = 0;
  private reportContext: string | undefined;
  /** The heading of the trace section the open report prints now (undefined in its own trace). */
  private reportSection: string | undefined;
  private armCaller: ArmCaller | undefined;
  private lastBootBanner = -Infinity;
  /** The open report prints stacks of all CPUs (NMI backtraces): CPU callers belong to it. */
  private reportAllCpus = false;
  /** Reports of other printk callers, still printing while the open one goes on (at most a few). */
  private parked: ParkedReport[] = [];
  /** A register row (s390x `GPRS:`) that may go on at the next line. */
  private readonly run = newRegisterRun();
  /** A console line that stopped where a hard wrap would cut it: the next line may go on with it. */
  /** The line of powerpc xmon's `cpu 0x1: Vector: 300 (Data Access) at [...]` in the open report. */
  private xmonExceptionLine = -Infinity;
  /** The line of KASAN's `Memory state around the buggy address:` in the open report. */
  private shadowHeadingLine = -Infinity;
  /** The last line of an s390x `Krnl Code:` listing, whose next lines may go on with it (-1: none). */
  private codeListingLine = -1;
  private cut:
    | {
        kind: Cut;
        line: number;
        text: string;
        prefix: number;
        inSection: boolean;
        lineKind?: LineKind;
        /** The last line a `taken` cut was read with (the line after it when not given). */
        through?: number;
      }
    | undefined;
  /** A call trace marker read with no report open (an excerpt's first line): its frames may follow. */
  private orphanTraceLine = -Infinity;
  /** Symbols of `PC is at`/`LR is at` lines whose register values have not printed yet. */
  private namedSites: NamedSite[] = [];

  constructor(private readonly sink: ReportSink) {}

  /** The report still printing, when a line without a console prefix may belong to it. */
  openReport(i: number): Report | undefined {
    const report = this.report;
    return report !== undefined && i - this.reportLastLine <= 50 ? report : undefined;
  }

  /** Register values of the open report (`RIP: 0010:...`, `x29: ...`). */
  registers(registers: Register[], i: number): void {
    // A register row's lines are evidence by the row's label (`GPRS`), not by the names given to its values.
    this.sink.registerLine(this.run.line === i ? this.run.label : registers[0].name);
    // A pc or lr of 16 digits is a text address: evidence where register names are shared (powerpc's 32- and 64-bit).
    // One of 8 digits is a 32-bit kernel's, whose names can tie too (mips' 32- and 64-bit).
    for (const r of registers) {
      if (r.value === undefined) continue;
      if (r.length === 16 && PC_REGISTER_NAMES.has(r.name)) this.sink.textAddress(hex16(r.value));
      else if (r.length === 8 && r.value >= 0x80000000n && ANY_PC_NAMES.has(r.name))
        this.sink.textAddress(r.value.toString(16).padStart(8, '0'));
    }
    const report = this.report;
    if (!report) return;
    report.registers.push(...registers);
    for (const r of registers) {
      if (r.symbol === undefined && this.namedSites.length > 0) r.symbol = this.takeNamedSite(r, i);
      // `lr` returns into the function `LR is at` names, at that offset.
      if (r.name === 'lr' && r.symbol && r.value !== undefined && r.value >= BigInt(r.symbol.offset ?? 0))
        this.sink.symbolBase(r.symbol.name, r.value - BigInt(r.symbol.offset ?? 0), i, true);
      if (PC_REGISTER_NAMES.has(r.name) && r.symbol) {
        this.sink.symbolOffset(r.symbol.name, r.symbol.offset ?? 0, r.symbol.size, r.symbol.module, i);
        // s390x `Krnl PSW : mask addr (func+0x38/0x58)` gives the address and its symbol.
        if (r.value !== undefined && r.value >= BigInt(r.symbol.offset ?? 0))
          this.sink.symbolBase(r.symbol.name, r.value - BigInt(r.symbol.offset ?? 0), i, true);
      }
    }
  }

  /**
   * A register line of the open report printed without a console prefix, read as part of the
   * report's register rows: s390x `Krnl GPRS:` is a row whose values go on for three more lines.
   */
  /** Whether line `i` may hold the rest of a register row the line before began (a row a mailer wrapped). */
  registerRowGoesOn(i: number): boolean {
    return this.run.line === i - 1 && this.run.next < this.run.names.length;
  }

  unprefixedRegisters(text: string, i: number): LineKind | undefined {
    const xmon = this.xmonLine(text, 0, i, undefined);
    if (xmon !== undefined) return xmon;
    const registers = parseRegisterLine(text, i, 0, this.run);
    if (!registers) return undefined;
    this.registers(registers, i);
    this.touchReport(i);
    return LineKind.Registers;
  }

  /** A line of the registers or task that powerpc's xmon prints under its exception line, or undefined. */
  private xmonLine(
    body: string,
    prefix: number,
    i: number,
    columnOf: ((at: number) => number) | undefined,
  ): LineKind | undefined {
    if (i - this.xmonExceptionLine > XMON_BANNER_REACH) return undefined;
    const xmon = XMON_REGISTER.exec(body);
    if (xmon) {
      const [, indent, name, value, symbol] = xmon;
      const column = indent.length + name.length + 2;
      const register: Register = {
        name: XMON_REGISTER_NAMES[name],
        value: BigInt('0x' + value),
        line: i,
        column,
        length: value.length,
      };
      const ref = symbol === undefined ? undefined : parseSymbolRef(symbol);
      if (ref) register.symbol = ref;
      const registers = [register];
      placeRegisters(registers, prefix, columnOf);
      this.registers(registers, i);
      this.touchReport(i);
      return LineKind.Registers;
    }
    if (!XMON_TASK_LINE.test(body)) return undefined;
    this.touchReport(i);
    return LineKind.ConsoleLine;
  }

  /** No report open or parked, no all-CPUs mode, and no boot banner recent enough to matter (see isReboot). */
  idle(i: number): boolean {
    return (
      this.report === undefined &&
      this.parked.length === 0 &&
      this.armCaller === undefined &&
      !this.reportAllCpus &&
      i - this.lastBootBanner > 100 &&
      this.run.line !== i - 1 &&
      !this.namedSiteWaits(i) &&
      !this.awaitsContinuation(i) &&
      !this.continuesCodeListing(i)
    );
  }

  /** A `PC is at` line a few lines up may still give its symbol to a register value. */
  private namedSiteWaits(i: number): boolean {
    // Asked on every line: a loop, where `some` with a closure allocated one each time.
    for (const site of this.namedSites) if (i - site.line <= NAMED_SITE_REACH) return true;
    return false;
  }

  /**
   * Whether nothing of the lines before `i` is pending but, perhaps, an open report: no report
   * parked, no 32-bit arm caller waiting, no recent boot banner.
   */
  idleBesidesOpenReport(i: number): boolean {
    return (
      this.parked.length === 0 &&
      this.armCaller === undefined &&
      i - this.lastBootBanner > 100 &&
      this.run.line !== i - 1 &&
      !this.namedSiteWaits(i)
    );
  }

  /**
   * Whether line `i` opened a report and left the machine as an empty machine leaves it after
   * that line alone (whatever report it closed is finished): a parse may start at such a line.
   */
  openedFreshReport(i: number): boolean {
    const report = this.report;
    return (
      report !== undefined &&
      report.line === i &&
      this.reportLastLine === i &&
      this.parked.length === 0 &&
      this.armCaller === undefined &&
      this.reportContext === undefined &&
      !this.reportAllCpus &&
      i - this.lastBootBanner > 100 &&
      this.run.line !== i
    );
  }

  /**
   * Finishes the parked reports that can no longer be resumed (their window had passed when they
   * were parked, or they waited too long), at the line where that became so: their damage does
   * not wait for lines far after them, and the machine gets back to rest.
   */
  expireParked(i: number): void {
    // Runs on every line: nothing is allocated unless a report expires.
    let expired = false;
    for (const entry of this.parked) if (!this.resumable(entry, i)) expired = true;
    if (!expired) return;
    this.parked = this.parked.filter((entry) => {
      if (this.resumable(entry, i)) return true;
      this.finishReport(entry.report, entry.report.endLine, false);
      return false;
    });
  }

  /** Whether a parked report may still be resumed at line `i`. */
  private resumable(entry: ParkedReport, i: number): boolean {
    return entry.at - entry.lastLine <= this.reportWindow(entry.report) && i - entry.at <= MAX_PARKED_LINES;
  }

  /**
   * The state to keep at a checkpoint before line `i` (copies); undefined when a 32-bit arm caller
   * waits (it writes to earlier lines) or a register row may go on at `i`.
   */
  checkpoint(i: number): ReportMachineState | undefined {
    return this.armCaller === undefined &&
      this.run.line !== i - 1 &&
      !this.namedSiteWaits(i) &&
      !this.awaitsContinuation(i) &&
      !this.continuesCodeListing(i) &&
      this.orphanTraceLine !== i - 1 &&
      i - this.xmonExceptionLine > XMON_BANNER_REACH &&
      !this.readsShadowRow(i)
      ? stateCopy(this.liveState())
      : undefined;
  }

  /**
   * Whether line `i` may be a row of the shadow bytes KASAN prints under `Memory state around the buggy
   * address:` (` ffff888012345600: 00 00 fc fc …`, `>` before the buggy one, a `^` line under it): the
   * shadow of the addresses it names, not what they hold, so no memory dump line.
   */
  readsShadowRow(i: number): boolean {
    return this.report !== undefined && i - this.shadowHeadingLine <= SHADOW_ROWS_REACH;
  }

  /** The state now, with the machine's own reports (to compare, not to keep). */
  liveState(): ReportMachineState {
    const { report, reportLastLine, reportContext, reportSection, lastBootBanner, reportAllCpus, parked } = this;
    return { report, reportLastLine, reportContext, reportSection, lastBootBanner, reportAllCpus, parked };
  }

  /** Goes on from a checkpoint's state, whose reports become the machine's own (the caller gives copies). */
  restore(state: ReportMachineState): void {
    this.report = state.report;
    this.reportLastLine = state.reportLastLine;
    this.reportContext = state.reportContext;
    this.reportSection = state.reportSection;
    this.lastBootBanner = state.lastBootBanner;
    this.reportAllCpus = state.reportAllCpus;
    this.parked = [...state.parked];
    this.armCaller = undefined;
    this.namedSites = [];
    this.cut = undefined;
    this.orphanTraceLine = -Infinity;
    Object.assign(this.run, newRegisterRun());
  }

  /** A crash prompt ends every report before it. */
  atPrompt(i: number): void {
    this.closeAll(i - 1);
    this.lastBootBanner = -Infinity;
    this.reportLastLine = 0;
  }

  closeAll(endLine: number): void {
    this.closeReport(endLine);
    this.closeParked(endLine);
  }

  /** A line with a console prefix (timestamp, caller id). */
  line(text: string, prefix: number, i: number, inSection: boolean, columnOf?: (at: number) => number): LineKind {
    // A frame that looks whole but was cut inside its size (`+0x2c0/0x2c` then `0`): read the two joined.
    const next =
      this.report && !columnOf && mayBeWrapped(text) && i + 1 < this.sink.text.lineCount ? this.sink.lineAfter(i) : undefined;
    const joined = next !== undefined ? sizeContinued(text, next) : undefined;
    // Only a frame is read joined: reading a `RIP:` line twice would record its register and symbol twice.
    if (joined !== undefined) {
      const { frames, registers } = this.report!;
      const [frameCount, registerCount] = [frames.length, registers.length];
      // A frame or a symbolic register (`RIP: 0010:func+0x5/0x1` then `0`): what it recorded is kept, not read again unjoined.
      const kind = this.body(joined, prefix, i, true, inSection);
      if (kind === LineKind.TraceFrame || kind === LineKind.Registers) {
        for (let k = frameCount; k < frames.length; k++) frames[k].joined = true;
        for (let k = registerCount; k < registers.length; k++) registers[k].joined = true;
        this.cut = { kind: 'taken', line: i, text, prefix, inSection, lineKind: kind };
        return kind;
      }
    }
    const site = columnOf ? undefined : this.wrappedSiteLine(text, prefix, i, inSection, '');
    if (site !== undefined) return site;
    const kind = this.body(text, prefix, i, true, inSection, columnOf) ?? LineKind.ConsoleLine;
    this.cut = undefined;
    const report = this.report;
    if (report && !columnOf && (kind === LineKind.ConsoleLine || kind === LineKind.Registers)) {
      const registers = kind === LineKind.Registers ? report.registers.filter((r) => r.line === i) : undefined;
      const body = text.slice(prefix);
      const cut =
        (mayBeWrapped(text) ? cutAt(text, body, registers) : undefined) ??
        (kind === LineKind.ConsoleLine && cutInsideLocations(body) ? 'frame' : undefined);
      if (cut) this.cut = { kind: cut, line: i, text, prefix, inSection };
    }
    return kind;
  }

  /**
   * A WARN header a mailer wrapped after its site (its body from `at`), read with its function,
   * which begins the next line; that line is then taken. Undefined for other lines.
   */
  private wrappedSiteLine(text: string, at: number, i: number, inSection: boolean, indent: string): LineKind | undefined {
    if (!text.startsWith('WARNING: ', at) && !text.startsWith('BUG: K', at)) return undefined;
    const lineCount = this.sink.text.lineCount;
    const site = siteContinued(text.slice(at), (ahead) => (i + ahead < lineCount ? this.sink.lineAfter(i, ahead) : undefined));
    if (site === undefined) return undefined;
    const kind = this.body(text.slice(0, at) + site.text, at, i, true, inSection, undefined, indent) ?? LineKind.ConsoleLine;
    this.cut = { kind: 'taken', line: i, text, prefix: at, inSection, lineKind: kind, through: i + site.taken };
    return kind;
  }

  /** Whether line `i` may be the next line of an s390x `Krnl Code:` listing. */
  continuesCodeListing(i: number): boolean {
    return this.codeListingLine === i - 1;
  }

  /**
   * A line of an s390x `Krnl Code:` listing without a console prefix (`   #00000000735d7208: a7f40001  brc 15,...`):
   * an instruction of the code around the PSW, not memory. Undefined when the listing has ended.
   */
  codeListing(text: string, i: number): LineKind | undefined {
    if (!this.continuesCodeListing(i) || !this.report || !S390_CODE_LINE.test(text)) return undefined;
    this.codeListingLine = i;
    this.touchReport(i);
    return LineKind.ConsoleLine;
  }

  /** Whether line `i` may go on with a line cut by a hard wrap just before it. */
  awaitsContinuation(i: number): boolean {
    const cut = this.cut;
    return cut !== undefined && i > cut.line && i <= (cut.through ?? cut.line + 1);
  }

  /**
   * A line without a console prefix that goes on with the cut line before it: the two are read
   * as one, at the cut line (registers after the cut keep their place on this one). Undefined
   * when the line is no such continuation.
   */
  continuation(text: string, i: number): LineKind | undefined {
    const cut = this.cut;
    if (!cut || !this.awaitsContinuation(i)) {
      this.cut = undefined;
      return undefined;
    }
    // A cut taken with more than one line stays until its last.
    if (cut.through === undefined || i >= cut.through) this.cut = undefined;
    const report = this.report;
    if (!report) return undefined;
    const rest = text.trimStart();
    const indent = text.length - rest.length;
    if (rest.length === 0) return undefined;
    if (cut.kind === 'taken') {
      this.touchReport(i);
      return cut.lineKind ?? LineKind.TraceFrame;
    }
    if (cut.kind === 'frame') {
      // An arm frame cut after its `from [<addr>]` goes on with a blank before the caller's `(name…)`.
      const before = cut.text.trimEnd();
      const joined = before + (before.endsWith(']') && rest.startsWith('(') ? ' ' : '') + rest.trimEnd();
      const frames = report.frames.length;
      if (!parseConsoleFrame(joined.slice(cut.prefix))) return undefined;
      this.body(joined, cut.prefix, cut.line, true, cut.inSection);
      for (let k = frames; k < report.frames.length; k++) report.frames[k].joined = true;
      this.touchReport(i);
      return LineKind.TraceFrame;
    }
    const own = report.registers.filter((r) => r.line === cut.line);
    const last = own[own.length - 1];
    const width = Math.max(...own.slice(0, -1).map((r) => r.length));
    const value = last && valueRest(rest, width - last.length);
    if (!value) return undefined;
    const joined = parseRegisterLine(cut.text.slice(cut.prefix) + rest, cut.line);
    const whole = joined?.[own.length - 1];
    if (!joined || whole?.name !== last.name || whole.value === undefined) return undefined;
    // The cut value gets all its digits; its place stays the part on the cut line.
    last.value = whole.value;
    last.joined = true;
    const after = joined.slice(own.length);
    const shift = cut.text.length - cut.prefix - indent;
    for (const r of after) {
      r.line = i;
      r.column -= shift;
    }
    if (after.length > 0) this.registers(after, i);
    this.touchReport(i);
    return LineKind.Registers;
  }

  /**
   * A console line without a prefix, its body from column `start` (after a quote marker); undefined
   * when it is not report material. A report pasted indented as a whole (by a commit message's or
   * mail's blanks, or a tab) is read as the same report unindented: the indent its header has is cut
   * from its lines like a console prefix, so a frame's own blank (` func+0x..`) stays the frame's.
   */
  bareLine(text: string, start: number, i: number, inSection: boolean, columnOf?: (at: number) => number): LineKind | undefined {
    // `dmesg -x`'s `kern  :warn  : ` is a console prefix the driver's first-character test does not
    // look for (a lowercase letter): the line is read as a prefixed one.
    if (dmesgLevelLength(text.slice(start)) > 0)
      return this.line(text, start + consolePrefixLength(text.slice(start)), i, inSection, columnOf);
    const indent = this.blockIndent(text, start, i, inSection);
    const site = columnOf ? undefined : this.wrappedSiteLine(text, start + indent.length, i, inSection, indent);
    return site ?? this.body(text, start + indent.length, i, false, inSection, columnOf, indent);
  }

  /**
   * The pasted block's indent that line `i` starts with at `start` ('' when none). In a crash
   * session, whose output is mostly indented, only an open report's indent is looked for.
   */
  private blockIndent(text: string, start: number, i: number, inSection: boolean): string {
    const length = indentOf(text, start);
    if (length === 0) return '';
    const report = this.report;
    if (
      report?.indent !== undefined &&
      i - this.reportLastLine <= this.reportWindow(report) &&
      text.startsWith(report.indent, start)
    )
      return report.indent;
    // A header (also behind a lead: `usb 5-1: WARNING: ...`) or a boot banner after blanks opens an indented block.
    const indent = text.slice(start, start + length);
    if (inSection || !isBlockIndent(indent)) return '';
    const rest = text.slice(start + length);
    return matchReportHeader(rest) || headerInside(rest) > 0 || isBootBanner(rest) ? indent : '';
  }

  /**
   * Parses a console body; undefined when it is not report material and `always` is false.
   * `columnOf` maps columns of `text` to the real line when `text` is a reading of it (pasted.ts).
   * Which kind of report line it is gets decided here, and each kind is read by its own method:
   * a rare kind first met late costs V8 a re-optimisation of this method, not of all of them.
   */
  body(
    text: string,
    prefix: number,
    i: number,
    always: boolean,
    inSection: boolean,
    columnOf?: (at: number) => number,
    indent = '',
  ): LineKind | undefined {
    let body = prefix > 0 ? text.slice(prefix) : text;
    let header = matchReportHeader(body);
    const frame = header ? undefined : parseConsoleFrame(body);
    if (!header && !frame) {
      // A header that does not open the body: after a timestamp inside the line (two printk
      // lines ran together), after a device tag, or in old lockdep's `[ BUG: ... ]`.
      const at = headerInside(body);
      if (at > 0) {
        body = body.slice(at);
        header = matchReportHeader(body);
      } else if (!inSection) header = this.rebootHeader(body, i);
    }
    // decodecode's lines have no console prefix, and so no caller id: they are the open report's all the same.
    if (prefix === 0 && !header && !frame && this.report && this.decodedCode(body, i)) return LineKind.ConsoleLine;
    if ((this.report?.caller !== undefined || this.parked.length > 0) && this.ofAnotherCaller(text, body, prefix, i, header))
      return frame ? LineKind.TraceFrame : always ? LineKind.ConsoleLine : undefined;
    const report = this.report;
    if (header?.keepsOpenReport && report && i - this.reportLastLine <= this.reportWindow(report)) {
      return always ? LineKind.ConsoleLine : undefined;
    }
    if (header) return this.headerLine(text, body, prefix, i, header, indent);
    if (frame) return this.frameLine(frame, body, i, always);
    // A call trace whose report's start is not in the transcript (an excerpt from `Call trace:` on):
    // its frames start a report of their own, unnamed ones too (a kernel without symbols).
    if ((!report || i - this.reportLastLine > this.reportWindow(report)) && !inSection) {
      if (isCallTraceMarker(body)) {
        this.orphanTraceLine = i;
        return always ? LineKind.ConsoleLine : undefined;
      }
      const unnamed = this.orphanTraceLine === i - 1 ? UNSYMBOLISED_FRAME.exec(body) : null;
      if (unnamed && !endsStack(unnamed)) {
        const opened = this.frameLine(unsymbolisedFrame(unnamed, body), body, i, true);
        if (this.report) this.report.traceLine = i - 1;
        return opened;
      }
    }
    if (report && i - this.reportLastLine <= this.reportWindow(report)) {
      // A person's sysrq (`sysrq: Show State`) starts dumps of its own: the report before it has ended.
      if (SYSRQ_ACTION.test(body)) {
        this.closeReport(i - 1);
        return always ? LineKind.ConsoleLine : undefined;
      }
      const kind = this.reportLine(report, body, prefix, i, columnOf);
      if (kind !== undefined) return kind;
    } else if (always && (body.indexOf(':') > 0 || this.run.line === i - 1 || mayBeBarePairs(body))) {
      const registers = parseRegisterLine(body, i, 0, this.run);
      if (registers) {
        placeRegisters(registers, prefix, columnOf);
        this.registers(registers, i);
        return LineKind.Registers;
      }
    }
    return always ? LineKind.ConsoleLine : undefined;
  }

  /** Whether a line without prefix is decodecode's reading of the open report's `Code:` line (it then belongs to the report). */
  private decodedCode(body: string, i: number): boolean {
    if (
      i - this.reportLastLine > this.reportWindow(this.report!) ||
      !(DECODED_CODE_LINE.test(body) || DECODED_CODE_HEADING.test(body))
    )
      return false;
    this.touchReport(i);
    return true;
  }

  /** A boot banner after other output outside crash sections: the machine rebooted, a report of its own. */
  private rebootHeader(body: string, i: number): HeaderMatch | undefined {
    if (!isBootBanner(body) || (this.report && i - this.xmonExceptionLine <= XMON_BANNER_REACH) || !this.isReboot(i))
      return undefined;
    this.closeParked(i - 1);
    return { kind: 'other', secondary: false, continuation: false, keepsOpenReport: false };
  }

  /**
   * With printk caller ids, lines of other tasks and CPUs are not part of the open report; they may
   * be part of another caller's report printing at the same time, which becomes the open one (or a
   * new one, `header`, starts beside it). True when the line is another caller's and no report's.
   */
  private ofAnotherCaller(text: string, body: string, prefix: number, i: number, header: HeaderMatch | undefined): boolean {
    const open = this.report;
    const caller = prefix > 0 ? consoleCaller(text, prefix) : undefined;
    if (
      open === undefined ||
      (caller !== open.caller && !(this.reportAllCpus && caller !== undefined && caller.charCodeAt(0) === 67))
    ) {
      const resumed = caller !== undefined && this.parked.length > 0 && this.resumeParked(caller, i);
      // Without a report of a caller open, the line is parsed as usual.
      if (!resumed && open?.caller !== undefined) {
        if (!header) return true;
        // Another caller's report starts while this one still prints: both go on.
        if (
          caller !== undefined &&
          !header.keepsOpenReport &&
          !header.continuation &&
          i - this.reportLastLine <= this.reportWindow(open)
        )
          this.parkReport(i);
      }
    }
    if (this.report && !header && !this.reportAllCpus && ALL_CPUS.test(body)) this.reportAllCpus = true;
    return false;
  }

  /** A report's header line: it opens a report, or belongs to the one open. */
  private headerLine(text: string, body: string, prefix: number, i: number, header: HeaderMatch, indent: string): LineKind {
    this.sink.reportLine(body);
    const current = this.report;
    // `Oops:` right after `BUG: unable to handle`, or the panic a report caused (panic_on_warn,
    // `Fatal exception`), belong to the report already open.
    // A header right after one that printed nothing yet (`list_del corruption` then
    // `kernel BUG at lib/list_debug.c`) is the same incident.
    if (
      current &&
      ((header.secondary && current.frames.length === 0 && i - current.line <= 20) ||
        (header.continuation && i - this.reportLastLine <= 50) ||
        (current.frames.length === 0 &&
          current.traceLine === undefined &&
          i - current.line <= 5 &&
          !this.bannerBetween(current.line, i)))
    ) {
      current.endLine = i;
      this.reportLastLine = i;
      // A header cut short and printed again whole (`INFO: t`, `** replaying previous printk message **`,
      // then the line): the whole one is the report's.
      const whole = headerTitle(body);
      if (whole.length > current.title.length && whole.startsWith(current.title) && i - current.line <= 2) {
        current.title = whole;
        current.kind = header.kind;
      }
      // The message a WARN printed before its `WARNING:` line opened the report: it is a warning.
      if (header.kind === 'warning' && isWarnMessage(current.title)) current.kind = 'warning';
      this.addHeaderFunction(current, body);
      // The panic the report caused, after its trace, prints a stack of its own (`panic`, `__warn`, …
      // then the report's frames again): kept apart from the report's, as another section's.
      if (header.continuation && current.frames.length > 0) {
        this.reportSection = headerTitle(body);
        this.reportContext = undefined;
      }
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
    if (indent !== '') this.report.indent = indent;
    this.addHeaderFunction(this.report, body);
    this.sink.report(this.report);
    this.reportLastLine = i;
    this.reportContext = undefined;
    this.reportSection = undefined;
    this.reportAllCpus = false;
    return LineKind.ReportHeader;
  }

  /**
   * A call trace frame: of the open report, or of a new one (`Call trace`) when none is open;
   * undefined when `always` is false and the line need not be a frame.
   */
  private frameLine(frame: ConsoleFrameLine, body: string, i: number, always: boolean): LineKind | undefined {
    const report = this.report;
    let target = report;
    if (!target || i - this.reportLastLine > this.reportWindow(target)) {
      if (!always && !frame.probe && !frame.address && !frame.unindented && !/^\s/.test(body)) return undefined;
      this.closeReport(i - 1);
      target = { kind: 'other', title: HEADLESS_TRACE, line: i, endLine: i, registers: [], frames: [], damage: [] };
      this.report = target;
      this.sink.report(target);
      this.reportContext = undefined;
      this.reportSection = undefined;
    }
    if (frame.contextMarker !== undefined) {
      const context = contextName(frame.contextMarker);
      this.reportContext = context.startsWith('/') ? undefined : context;
    }
    if (this.reportContext === 'last-break' && target === report) {
      // s390x `Last Breaking-Event-Address:` names the last branch taken, not a frame: a name for the address only.
      if (frame.offset !== undefined && frame.address)
        this.sink.symbolBase(frame.function, BigInt('0x' + frame.address) - BigInt(frame.offset), i, true);
      this.touchReport(i);
      return LineKind.TraceFrame;
    }
    if (frame.address) this.sink.traceAddress(frame.address, frame.module !== undefined);
    // A doubtful frame is a stale word on the stack, no evidence of the entry code that ran (i386's
    // `? handle_exception` is not riscv64's): the scorers weigh it so.
    this.sink.traceFunction(frame.function, frame.unreliable);
    // `func from caller+0x…/0x…`, `[<…>] (func) from [<…>] (caller+0x…)`: only 32-bit arm's dump_backtrace_entry prints it.
    if (frame.caller !== undefined) this.sink.frameShape('caller-from');
    // arm64's unwinder marks where it took a frame from (` (T)`, ` (P)`): only its kernel prints them.
    if (frame.unwoundFrom !== undefined) this.sink.reportLine(body);
    // A symbolized frame's source under arch/ names the architecture (`arch/x86/entry/syscall_64.c:94`).
    if (!frame.unreliable && frame.source?.includes('arch/')) this.sink.reportLine(frame.source);
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
    if (this.reportSection !== undefined && target === report) entry.section = this.reportSection;
    if (frame.source !== undefined) entry.source = frame.source;
    if (frame.unwoundFrom !== undefined) entry.unwoundFrom = frame.unwoundFrom;
    // 32-bit arm printed this frame's return offset as the caller of the line before. The line's own
    // `(func)` is the same frame: without an offset (%ps since 3.x), with the same one (%pS before),
    // or at +0x0, the function's entry (2.6 kernels unwinding by frame pointer).
    const pending = this.armCaller;
    this.armCaller = undefined;
    if (
      pending &&
      pending.function === frame.function &&
      (entry.offset === undefined || entry.offset === pending.offset || entry.offset === 0)
    ) {
      entry.offset = pending.offset;
      entry.size = pending.size;
      if (pending.address !== undefined) entry.address = BigInt('0x' + pending.address);
    } else if (pending) this.flushArmCaller(target, pending);
    this.pushFrame(target, entry, frame.module);
    for (const next of frame.more ?? [])
      this.pushFrame(
        target,
        { ...entry, function: next.function, offset: next.offset, size: next.size, module: next.module },
        next.module,
      );
    if (frame.caller) this.armCaller = { ...frame.caller, line: i, context: this.reportContext, section: entry.section };
    return LineKind.TraceFrame;
  }

  /**
   * A line in the open report's window that is neither header nor frame: the call trace marker,
   * context and section headings, named sites, register lines, details. Undefined for other text.
   */
  private reportLine(
    report: Report,
    body: string,
    prefix: number,
    i: number,
    columnOf: ((at: number) => number) | undefined,
  ): LineKind | undefined {
    this.sink.reportLine(body);
    if (isCallTraceMarker(body)) {
      if (report.traceLine === undefined) report.traceLine = i;
      this.reportContext = undefined;
      // lockdep's `stack backtrace:` is its own stack again, after the chains; and so is a `Call Trace:`
      // after a stack the report prints before its own (KASAN's allocation stack comes after it, where
      // a `Call Trace:` is another CPU's line interleaved).
      if (traceSectionHeading(body) === '' || (this.reportSection !== undefined && precedesOwnTrace(this.reportSection)))
        this.reportSection = undefined;
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
    // A frame of a kernel without symbols, after the call trace marker: an address that names no function.
    const unnamed = report.traceLine !== undefined ? UNSYMBOLISED_FRAME.exec(body) : null;
    if (unnamed && endsStack(unnamed)) {
      this.touchReport(i);
      return LineKind.ConsoleLine;
    }
    if (unnamed) return this.frameLine(unsymbolisedFrame(unnamed, body), body, i, true);
    const powerpc = report.traceLine !== undefined ? UNSYMBOLISED_POWERPC_FRAME.exec(body) : null;
    if (powerpc) {
      let address: string | undefined = powerpc[2];
      let unreliable = powerpc[3] !== undefined;
      // A zero return address (powerpc's `0x0`) is no place in the kernel; one on the frame's own stack
      // is a stale word (powerpc's first frame, its `(unreliable)` maybe wrapped away).
      if (!/[1-9a-f]/.test(address)) address = undefined;
      if (address !== undefined) {
        const distance = BigInt('0x' + address) - BigInt('0x' + powerpc[1]);
        if (distance >= -SAME_STACK && distance < SAME_STACK) [address, unreliable] = [undefined, true];
      }
      return this.frameLine(unnamedFrameLine(address, undefined, unreliable, body), body, i, true);
    }
    if (XMON_EXCEPTION.test(body)) {
      this.xmonExceptionLine = i;
      this.touchReport(i);
      return LineKind.ConsoleLine;
    }
    const xmon = this.xmonLine(body, prefix, i, columnOf);
    if (xmon !== undefined) return xmon;
    if (body.startsWith('Krnl Code:') || body.startsWith('User Code:') || this.codeListing(body, i) !== undefined) {
      this.codeListingLine = i;
      this.touchReport(i);
      return LineKind.ConsoleLine;
    }
    if (body.startsWith('Last Breaking-Event-Address:')) {
      this.reportContext = 'last-break';
      this.touchReport(i);
      return LineKind.ConsoleLine;
    }
    const heading = traceSectionHeading(body);
    if (heading) return this.sectionHeadingLine(heading, i);
    const named = parseNamedSite(body);
    if (named) return this.namedSiteLine(report, named, body, i);
    const site = parseBracketedSite(body);
    if (site) {
      // The kernel named the register's value: where that function starts.
      this.sink.symbolOffset(site.function, site.offset, site.size, site.module, i);
      if (site.address > 0xffffffffn) this.sink.symbolBase(site.function, site.address - BigInt(site.offset), i, true);
      this.addSiteFunction(report, body);
      this.touchReport(i);
      return LineKind.ConsoleLine;
    }
    if (body.indexOf(':') > 0 || this.run.line === i - 1 || mayBeBarePairs(body)) {
      const site = this.addSiteFunction(report, body);
      const registers = parseRegisterLine(body, i, 0, this.run);
      if (registers) {
        placeRegisters(registers, prefix, columnOf);
        this.registers(registers, i);
        this.touchReport(i);
        return LineKind.Registers;
      }
      // A site line decode_stacktrace.sh rewrote (`pc : func (file.c:661`): no register value, the report's all the same.
      if (site) {
        this.touchReport(i);
        return LineKind.ConsoleLine;
      }
    }
    if (this.readsShadowRow(i) && SHADOW_ROW.test(body)) {
      this.touchReport(i);
      return LineKind.ConsoleLine;
    }
    if (isReportDetail(body)) {
      if (SHADOW_HEADING.test(body)) this.shadowHeadingLine = i;
      // The CPU line's kernel release may name the machine (`Not tainted 5.14.0-70.el9.aarch64 #1`).
      const machine = machineNamed(body);
      if (machine !== undefined) this.sink.machineName(machine);
      this.touchReport(i);
      return LineKind.ConsoleLine;
    }
    return undefined;
  }

  /** A stack of its own (`Allocated by task 1:`): its frames are kept apart from the report's call trace. */
  private sectionHeadingLine(heading: string, i: number): LineKind {
    this.reportSection = heading;
    this.reportContext = recordedStackContext(heading);
    this.touchReport(i);
    return LineKind.ConsoleLine;
  }

  /** `PC is at func+off`: the value prints on a later line (`pc : [<80b0f484>]`), the symbol waits for it. */
  private namedSiteLine(report: Report, named: NamedSiteLine, body: string, i: number): LineKind {
    const { name, offset, size, module } = named.symbol;
    this.sink.symbolOffset(name, offset ?? 0, size, module, i);
    this.addSiteFunction(report, body);
    this.namedSites = this.namedSites.filter((s) => i - s.line <= NAMED_SITE_REACH);
    this.namedSites.push({ register: named.register, symbol: named.symbol, line: i });
    this.touchReport(i);
    return LineKind.ConsoleLine;
  }

  /** The symbol a recent `PC is at`/`LR is at` line gave the register's value (used once). */
  private takeNamedSite(register: Register, i: number): SymbolRef | undefined {
    const at = this.namedSites.findIndex((s) => s.register === register.name && i - s.line <= NAMED_SITE_REACH);
    if (at < 0) return undefined;
    return this.namedSites.splice(at, 1)[0].symbol;
  }

  /** The open report goes on at this line. */
  touchReport(i: number): void {
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
      this.sink.symbolOffset(entry.function, entry.offset ?? 0, entry.size, module, entry.line);
      if (entry.address !== undefined && entry.offset !== undefined) {
        // Hashed pointers (`[<00000000abcd1234>]`, printk's %p) say nothing about where text lies; where the
        // architecture's text lies there (s390x), the model learns them once it knows (learnLowTraceBases).
        if (entry.address > 0xffffffffn)
          this.sink.symbolBase(entry.function, entry.address - BigInt(entry.offset), entry.line, true);
      }
    }
  }

  /** The caller a 32-bit arm frame line named when no line of its own followed. */
  private flushArmCaller(target: Report, caller: ArmCaller): void {
    this.pushFrame(
      target,
      {
        level: 0,
        function: caller.function,
        offset: caller.offset,
        size: caller.size,
        address: caller.address !== undefined ? BigInt('0x' + caller.address) : undefined,
        module: caller.module,
        line: caller.line,
        unreliable: false,
        context: caller.context,
        ...(caller.section !== undefined ? { section: caller.section } : {}),
      },
      caller.module,
    );
  }

  /** A boot banner after other output: the machine rebooted (one report per boot). */
  /** Whether a report banner (lockdep's `=====`) lies between two lines: a new report's start. */
  private bannerBetween(from: number, to: number): boolean {
    for (let j = from + 1; j < to; j++) {
      const line = this.sink.lineRead(j);
      if (REPORT_BANNER.test(line.slice(consolePrefixLength(line)))) return true;
    }
    return false;
  }

  private isReboot(i: number): boolean {
    const previous = this.lastBootBanner;
    this.lastBootBanner = i;
    if (i - previous <= 100) return false;
    for (let j = i - 1; j >= 0; j--) if (this.sink.lineRead(j).trim().length > 0) return !this.sameBoot(i, j);
    return false;
  }

  /**
   * Whether the banner at `i` is the boot whose lines come before it: the kernel prints `Linux version`
   * after messages of its earliest boot (`microcode: … updated early`, `Initializing cgroup subsys`),
   * stamped at the same time or before. A reboot's banner comes after later times, or after none.
   */
  private sameBoot(i: number, last: number): boolean {
    const banner = PRINTK_TIME.exec(this.sink.lineRead(i));
    if (!banner) return false;
    for (let j = last; j >= 0 && i - j <= SAME_BOOT_REACH; j--) {
      const stamp = PRINTK_TIME.exec(this.sink.lineRead(j));
      if (stamp) return parseFloat(stamp[1]) <= parseFloat(banner[1]);
    }
    return false;
  }

  /** Keeps the function a fault-site line names among the report's header functions; whether the line is one. */
  private addSiteFunction(report: Report, body: string): boolean {
    const fn = siteFunction(body);
    if (!fn) return false;
    const list = (report.headerFunctions ??= []);
    if (!list.includes(fn) && list.length < 64) list.push(fn);
    return true;
  }

  /** Sets the open report aside for a report of another printk caller. */
  private parkReport(at: number): void {
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
      at,
      context: this.reportContext,
      section: this.reportSection,
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
    if (current && i - this.reportLastLine <= this.reportWindow(current)) this.parkReport(i);
    else this.closeReport(i - 1);
    this.report = entry.report;
    // Its window runs on from where it was parked.
    this.reportLastLine = i - (entry.at - entry.lastLine);
    this.reportContext = entry.context;
    this.reportSection = entry.section;
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
    // A trace pasted without its OOM killer's header (`… invoked oom-killer:` cut off): the killer's frames say what it is.
    if (report.kind === 'other' && report.title === HEADLESS_TRACE && isOomKillerTrace(report.frames)) report.kind = 'oom';
    const reports = this.sink.reports;
    const index = reports.lastIndexOf(report);
    // A trace whose header is not in the transcript is no whole report a panic can be the tail of.
    const before = reports.slice(0, Math.max(0, index));
    const followsReport = before.some((r) => r.title !== HEADLESS_TRACE);
    assessReportDamage(report, this.sink.lines, this.sink.kinds, followsReport, {
      followsHeadlessTraceOnly: before.length > 0 && !followsReport,
      previous: index > 0 ? reports[index - 1] : undefined,
      interruptedBySameCaller,
    });
  }

  /** The largest offset of a listing's run of one function, told to the symbol table once. */
}
