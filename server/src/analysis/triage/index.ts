// What a person triaging a crash reads first, for each report of a transcript: a title that
// names the bug the way syzbot does (`WARNING in ext4_xattr_inode_update_ref`), the function and
// module that faulted, and a signature that is the same for every report of the same bug.
import { ANY_PC_NAMES } from '../arch/registry';
import { consolePrefixLength, isBootBanner } from '../parse/console/lines';
import { reportRecords } from '../parse/console/joined';
import { asPrintedLines } from '../parse/console/pasted';
import type { Frame, Report } from '../types';
import type { LineSource } from '../lines';
import { reportView } from './consoleView';
import { familyOf } from './families';
import { ALLOCATION_MACHINERY_FRAME } from './families/allocation';
import { REBOOT_TITLE } from './families/other';
import { sanitize, titleReport } from './title';
import { LINKER_MARK, NEVER_THE_BUG_FRAME } from './frames';

/** Title the parser gives a call trace it found without a header. */
const ORPHAN_TRACE = 'Call trace';

export interface Triage {
  /** syzkaller-style title; the header line itself when no family knows the report. */
  title: string;
  /** Other titles syzbot files the same bug under. */
  alternatives: string[];
  /** The function the title names. */
  titleFunction?: string;
  /** Where it faulted: the fault-site line (RIP/pc), else the header's function, else the first reliable frame. */
  function?: string;
  module?: string;
  /** 16 hex digits; equal for reports of the same bug (same title, or same top frames when the title names no function). */
  signature: string;
  /** Why the title had to be a fall-back (damaged or unknown report). */
  titleDamaged?: string;
}

/** The lines triage reads: a transcript's text by line number. */
export type TranscriptLines = LineSource;

// How far from where the parser starts a report its family header may be: after a few lines the
// parser already counts to it (`------------[ cut here ]`, `runtime: out of memory`), or, for a
// call trace the parser found without a header it knows, before it.
const HEADER_SEARCH = 30;

/** Line of the report's family header, or -1: searched between the neighbouring reports. */
function familyHeaderLine(lines: TranscriptLines, reports: readonly Report[], index: number): number {
  const report = reports[index];
  const previousEnd = index > 0 ? reports[index - 1].endLine : -1;
  const nextStart = index + 1 < reports.length ? reports[index + 1].line : lines.lineCount;
  const last = Math.min(Math.max(report.endLine, report.line + HEADER_SEARCH), nextStart - 1, lines.lineCount - 1);
  for (let i = report.line; i <= last; i++) if (familyOf(lines.line(i))) return i;
  if (report.title !== ORPHAN_TRACE) return -1;
  for (let i = report.line - 1; i > previousEnd && i >= report.line - HEADER_SEARCH; i--) if (familyOf(lines.line(i))) return i;
  return -1;
}

// `RIP: 0010:func+0x../0x.. [mod]`, `EIP: [<..>] func+..`, `NIP [c0..] func+..`, `pc : func+..` (riscv `epc :`),
// `PC is at func+..` (i386 before 3.x `EIP is at func+..`), s390 `Krnl PSW : mask addr (func+0x../0x.. [mod])`, mips `epc   : addr func+..`,
// LoongArch `ERA: addr func+..` (`era   : addr func+..` before 6.2); decoded by decode_stacktrace.sh, `RIP: 0010:kfree (mm/slub.c:3567 mm/slub.c:4558)`.
const SITE =
  /^\s*(?:R?IP: (?:[0-9a-f]{4}:)?(?:\[<[0-9a-f]+>\]\s*)*|EIP: (?:[0-9a-f]{4}:)?(?:\[<[0-9a-f]+>\]\s*)*|NIP:? +(?:\[[0-9a-f]+\] )?|e?pc : (?:\[<[0-9a-f]+>\] )?|(?:epc|era) +: [0-9a-f]{8,16} |ERA: [0-9a-f]{8,16} |PC is at |EIP is at |Krnl PSW : [0-9a-f]+ [0-9a-f]+ \()([A-Za-z_.$][\w.$]*)(?:\+0x[0-9a-f]+(?:\/0x[0-9a-f]+)?(?: \[([\w-]+)(?: [0-9a-f]{20,64})?\])?| \((?:[\w/.+-]+|\?\?):[0-9?])/;

/**
 * Frames that print the report rather than cause it (kernel/irq/spurious.c's detector too), also as
 * compiler clones (`print_address_description.constprop.0`); and, for a stall or lockup caught in
 * the timer interrupt, the interrupt machinery that ran the check (x86's and arm64's, the GIC's entry
 * up to the interrupted code): neither is where the report is.
 */
const REPORTING =
  /^(?:(?:__)?dump_stack|__report_bad_irq|note_interrupt|dump_stack_lvl|show_stack|dump_backtrace\w*|unwind_backtrace|show_regs|__warn|warn_slowpath\w*|report_bug|v?panic|nmi_panic|print_\w+|kasan_report\w*|__kasan_report|__asan_report_\w+|kmsan_report|warn_alloc\w*|rcu_dump_cpu_stacks|print_cpu_stall\w*|sched_show_task|dump_cpu_task|nmi_cpu_backtrace\w*|nmi_trigger_cpumask_backtrace|arch_trigger_cpumask_backtrace\w*|trigger_\w*backtrace\w*|ubsan_\w+|__ubsan_\w+|__might_\w+|___might_sleep|__schedule_bug|rcu_sched_clock_irq|watchdog_timer_fn|update_process_times|tick_\w+|__hrtimer_run_queues|hrtimer_interrupt|__sysvec_apic_timer_interrupt|sysvec_apic_timer_interrupt|arch_timer_handler_\w+|handle_percpu_devid_irq|__?handle_domain_irq|generic_handle_domain_irq|handle_irq_desc|gic_handle_irq|el1_irq|el1h_64_irq(?:_handler)?|call_on_irq_stack|do_interrupt_handler|lockdep_\w+|debug_\w+_warning|check_\w+_usage)(?:\.\w+)*$/;

// The link register's line, named (riscv's ` ra : sbi_remote_fence_i+0x1e/0x26`, arm64's `lr : f+0x…`,
// 32-bit arm's `LR is at f+0x…`, mips' `ra    : 8016211c kswapd+0x18c/0xab8`).
const LINK_SITE =
  /^\s*(?:(?:ra|lr) ?: (?:\[<[0-9a-f]+>\] )?|ra +: [0-9a-f]{8,16} |LR is at )([A-Za-z_.$][\w.$]*)\+0x[0-9a-f]+(?:\/0x[0-9a-f]+)?(?: \[([\w-]+)\])?/;

/**
 * Where a report whose pc names nothing (a jump through a NULL pointer: riscv's `epc : 0x0`) and whose
 * trace is lost was called from: the function its link register is in, the caller of the bad jump.
 */
function linkSite(lines: TranscriptLines, report: Report): { function: string; module?: string } | undefined {
  const last = Math.min(report.endLine, report.line + FAULT_ADDRESS_REACH, lines.lineCount - 1);
  for (let i = report.line; i <= last; i++) {
    const line = lines.line(i);
    const m = LINK_SITE.exec(line.slice(consolePrefixLength(line)));
    if (m && !LINKER_MARK.test(m[1])) return { function: m[1], module: m[2] };
  }
  return undefined;
}

const LOCKED_CPU = /hard LOCKUP on cpu (\d+)/i;
const CPU_LINE = /\bCPU: (\d+) (?:UID: \d+ )?PID: /;

/**
 * Whether a hard lockup's report was printed by another CPU than the locked one (arm64's buddy and
 * perf detectors: `Kernel panic - not syncing: Watchdog detected hard LOCKUP on cpu 0`, then `CPU: 7 …`):
 * its call trace is the detector's timer interrupt, and says nothing of where CPU 0 is stuck.
 */
function detectedByOtherCpu(lines: TranscriptLines, report: Report): boolean {
  const locked = LOCKED_CPU.exec(report.title)?.[1];
  if (locked === undefined) return false;
  const last = Math.min(report.endLine, report.line + 4, lines.lineCount - 1);
  for (let i = report.line; i <= last; i++) {
    const cpu = CPU_LINE.exec(lines.line(i))?.[1];
    if (cpu !== undefined) return cpu !== locked;
  }
  return false;
}

/** powerpc's `--- interrupt: 300 at xfs_btree_visit_blocks+0x60/0x220 [xfs]` (group: its ` at …`), and `--- interrupt: 300`. */
const POWERPC_INTERRUPT = /^\s*--- interrupt: [0-9a-f]+( at .*)?\s*$/;

function faultSite(
  lines: TranscriptLines,
  report: Report,
  previousEnd: number,
): { function: string; module?: string } | undefined {
  const last = Math.min(report.endLine, lines.lineCount - 1);
  const at = (i: number) => {
    const line = lines.line(i);
    return SITE.exec(line.slice(consolePrefixLength(line)));
  };
  // A site line among the frames of an allocation or free stack is another report's, printed into this one.
  const recorded = recordedStackSpans(report.frames);
  // powerpc prints the registers of an interrupt its trace crosses between `--- interrupt: 300 at func+0x…`
  // and `--- interrupt: 300`: the interrupted context's, below the report's own.
  let inInterrupt = false;
  for (let i = report.line; i <= last; i++) {
    const body = lines.line(i).slice(consolePrefixLength(lines.line(i)));
    const marker = POWERPC_INTERRUPT.exec(body);
    if (marker) {
      inInterrupt = marker[1] !== undefined;
      continue;
    }
    const m = inInterrupt ? null : at(i);
    if (m && !recorded.some(([from, to]) => i > from && i < to))
      return LINKER_MARK.test(m[1]) ? undefined : { function: m[1], module: m[2] };
  }
  // A call trace whose header was cut off (a paste that starts at the registers): the register
  // block printed right above its `Call Trace:` names the fault site.
  if (report.title !== ORPHAN_TRACE) return undefined;
  for (let i = report.line - 1; i > previousEnd && i >= report.line - HEADER_SEARCH; i--) {
    if (lines.line(i).trim() === '') break;
    const m = at(i);
    if (m) return { function: m[1], module: m[2] };
  }
  return undefined;
}

// A pc the report prints as a number only: a register (riscv's `epc:`, mips' `epc   :`), or powerpc's
// faulting address, printed before its registers (arch/powerpc/kernel/traps.c).
const FAULTING_INSTRUCTION = /^Faulting instruction address: 0x([0-9a-f]{8,16})\s*$/;
/** How far past its header the faulting address prints. */
const FAULT_ADDRESS_REACH = 8;
/** Reports on either side whose frames may span a report's pc. */
const NEIGHBOURS = 2;

/**
 * The function a numeric pc lies in, by a frame of the transcript that spans it (`func+0x14/0x1c` at
 * an address gives the function's start and size): stale frames and other reports' traces too, which
 * say where functions are whatever they say about the call.
 */
function pcSite(
  lines: TranscriptLines,
  reports: readonly Report[],
  index: number,
): { function: string; module?: string } | undefined {
  const report = reports[index];
  const pcs: bigint[] = [];
  for (const r of report.registers)
    if (ANY_PC_NAMES.has(r.name) && r.value !== undefined && r.symbol === undefined) pcs.push(r.value);
  const last = Math.min(report.endLine, report.line + FAULT_ADDRESS_REACH, lines.lineCount - 1);
  for (let i = report.line; i <= last; i++) {
    const line = lines.line(i);
    const m = FAULTING_INSTRUCTION.exec(line.slice(consolePrefixLength(line)));
    if (m) pcs.push(BigInt('0x' + m[1]));
  }
  // The report's own frames, then its neighbours' (a dump_stack() printed just before a BUG).
  const near = [report, ...reports.slice(Math.max(0, index - NEIGHBOURS), index + NEIGHBOURS + 1)];
  for (const pc of pcs)
    for (const other of near)
      for (const f of other.frames) {
        if (!f.function || f.address === undefined || f.offset === undefined || f.size === undefined) continue;
        if (LINKER_MARK.test(f.function)) continue;
        const start = f.address - BigInt(f.offset);
        if (pc >= start && pc < start + BigInt(f.size)) return { function: f.function, module: f.module };
      }
  return undefined;
}

/** A frame of a stack recorded earlier (KASAN's allocation and free stacks), not of the report's own trace. */
function isRecordedFrame(frame: Frame): boolean {
  return frame.context === 'allocated' || frame.context === 'freed' || frame.context === 'aux';
}

/** The first and last line of each stack recorded earlier (by its heading) among a report's frames. */
function recordedStackSpans(frames: readonly Frame[]): [number, number][] {
  const spans = new Map<string, [number, number]>();
  for (const f of frames) {
    if (!isRecordedFrame(f)) continue;
    const key = f.section ?? f.context!;
    const span = spans.get(key);
    if (span) span[1] = f.line;
    else spans.set(key, [f.line, f.line]);
  }
  return [...spans.values()];
}

/**
 * The first frame that is sure and not the report's own printing. A return address at +0x0 is
 * the end of the function before it (one that does not return, like sysrq's crash handler): its
 * name would mislead.
 */
function firstReliableFrame(frames: readonly Frame[], skip?: RegExp): Frame | undefined {
  return frames.find(
    (f) =>
      !f.unreliable &&
      f.function !== '' &&
      !f.inlined &&
      f.offset !== 0 &&
      !REPORTING.test(f.function) &&
      !skip?.test(f.function) &&
      !isRecordedFrame(f) &&
      !(f.section !== undefined && OTHER_TASK_SECTION.test(f.section)),
  );
}

/** A stall report's dump of another task than the stalled one (RCU's grace-period kthread). */
const OTHER_TASK_SECTION = /grace-period kthread stack dump|kthread starved/;

/** The function a sanitizer's header names (`BUG: KASAN: use-after-free in memcpy+0x23/0x40`): the view's first line, the last of syzbot's expanded ones. */
function sanitizerFunction(view: string | undefined): string | undefined {
  const header = view?.slice(0, view.indexOf('\n') >>> 0);
  return header !== undefined ? SANITIZER_SITE.exec(header)?.[1] : undefined;
}

const SANITIZER_SITE = / in ([A-Za-z_][\w.]*?)(?:\+0x[0-9a-f]+(?:\/0x[0-9a-f]+)?)?(?: |$)/;

/** Reports whose header names the function of the bad access (KASAN's `… in tcp_recvmsg`). */
const SANITIZERS: ReadonlySet<Report['kind']> = new Set(['kasan', 'kmsan', 'kcsan', 'kfence', 'ubsan']);

// A page allocation failure or an OOM killer's report is the caller's: not the allocators, nor the killer (families/allocation.ts).
const ALLOCATION_FAILURE = /^(?:\S+: )?page allocation failure[:.] /;

// `Kernel panic - not syncing: Fatal exception in interrupt` names a context, not a function.
const NOT_A_FUNCTION = new Set(['interrupt']);

/** FNV-1a, 64 bits, as 16 hex digits: short, stable across runs and platforms. */
export function signatureOf(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

const NAMES_FUNCTION = / in (?!corrupted$)[\w.\/]+$/;

/** Lines a report's text is looked through for a module (a lockdep report's held locks are many). */
const MODULE_SEARCH_LINES = 400;

/**
 * The module the report's text tags a function with outside its call trace: a WARN header's
 * (`at net/x.c:12 netflow_target+0x68f/0xfd0 [ipt_NETFLOW]`), a lockdep lock site's (`at:
 * aufs_statfs+0x41/0x560 [aufs]`).
 */
function moduleNamedWith(lines: TranscriptLines, report: Report, fn: string): string | undefined {
  // The function as named, or a compiler's part of it (`.cold`, `.isra.0`), which the title drops.
  const tagged = new RegExp(
    String.raw`(?:^|[\s(])${fn.replace(/[.$]/g, '\$&')}(?:\.\w+)*\+0x[0-9a-f]+(?:\/0x[0-9a-f]+)? \[([\w-]+)\]`,
  );
  const end = Math.min(report.endLine, report.line + MODULE_SEARCH_LINES, lines.lineCount - 1);
  for (let i = report.line; i <= end; i++) {
    const text = lines.line(i);
    if (!text.includes(fn)) continue;
    const m = tagged.exec(text);
    if (m) return m[1];
  }
  return undefined;
}

/** The function a title's frame names, when it names one. */
function titleFunction(frame: string | undefined): string | undefined {
  return frame !== undefined && frame !== 'corrupted' && !NOT_A_FUNCTION.has(frame) ? frame : undefined;
}

/** Triage of `reports[index]`; its neighbours bound where its header may be. */
export function triageReport(transcript: TranscriptLines, reports: readonly Report[], index: number): Triage {
  // A report quoted in e-mail, escaped for HTML or marked by a person is read as it was printed.
  const lines = asPrintedLines(transcript);
  const report = reports[index];
  // A console log joined onto one line is read record by record, as the lines it was.
  const joined = reportRecords(lines, reports, index, Math.min(report.endLine, lines.lineCount - 1));
  if (joined) {
    const { records, header } = joined;
    const recordSource = { line: (k: number) => records[k], lineCount: records.length };
    return triageReport(recordSource, [{ ...report, line: header, endLine: records.length - 1 }], 0);
  }
  const headerLine = familyHeaderLine(lines, reports, index);
  const family = headerLine >= 0 ? familyOf(lines.line(headerLine)) : undefined;
  const view = family ? reportView((i) => lines.line(i), lines.lineCount, headerLine) : undefined;
  const titled =
    family && view !== undefined
      ? titleReport(family, view)
      : {
          // The parser opens a report at a boot banner after another boot's lines: a reboot, as
          // syzkaller calls the one its x86 decompressor announces (rebootFamily).
          title: isBootBanner(report.title) ? REBOOT_TITLE : sanitize(report.title),
          alternatives: [],
          frame: undefined,
          damaged: 'no known report family',
        };
  // A hung task runs nowhere: a RIP in its report is of another CPU's NMI backtrace (an idle one's).
  const site =
    report.kind === 'hung-task'
      ? undefined
      : (faultSite(lines, report, index > 0 ? reports[index - 1].endLine : -1) ?? pcSite(lines, reports, index));
  const header =
    report.headerFunction !== undefined && !NOT_A_FUNCTION.has(report.headerFunction) ? report.headerFunction : undefined;
  const named = titled.frameIsFunction ? titled.frame : undefined;
  // A hard lockup's NMI frames are the watchdog's (watchdog_overflow_callback, perf's overflow path): the
  // lockup is in the code the NMI interrupted, after `<EOE>`; none when the trace is cut before it.
  // Another CPU's detector (`Watchdog detected hard LOCKUP on cpu 0` printed by CPU 7) shows its own stack.
  const interrupted =
    report.kind !== 'hard-lockup'
      ? report.frames
      : detectedByOtherCpu(lines, report)
        ? []
        : report.frames.filter((f) => f.context !== 'NMI');
  const frame =
    site || named
      ? undefined
      : firstReliableFrame(
          interrupted,
          report.kind === 'oom' || ALLOCATION_FAILURE.test(report.title) ? ALLOCATION_MACHINERY_FRAME : NEVER_THE_BUG_FRAME,
        );
  const ownFrames = report.frames.filter((f) => !isRecordedFrame(f));
  // Nothing else names it: the caller of a jump to nowhere, where its link register says.
  const link = site || named || frame || ownFrames.length > 0 ? undefined : linkSite(lines, report);
  // Without a fault site, the frame the title names (past the code that prints the report) before the
  // first frame; by the frame's own name (the title's drops a `.cold.2`).
  const titleFn = titleFunction(titled.frame);
  const titleFrame =
    titleFn !== undefined ? ownFrames.find((f) => f.function === titleFn || f.function.startsWith(titleFn + '.')) : undefined;
  // A sanitizer names the bad access's function in its header, which its title keeps; a RIP printed
  // inside its report is of a context it interrupted (an IRQ's), and syzbot's expanded header's
  // first line names an inlined helper.
  const fn = SANITIZERS.has(report.kind)
    ? (sanitizerFunction(view) ?? header ?? titleFrame?.function ?? titleFn ?? frame?.function)
    : (site?.function ?? header ?? named ?? titleFrame?.function ?? titleFn ?? frame?.function ?? link?.function);
  const module =
    site && fn === site.function
      ? site.module
      : link && fn === link.function
        ? link.module
        : (ownFrames.find((f) => f.function === fn)?.module ??
          (fn !== undefined ? moduleNamedWith(lines, report, fn) : undefined) ??
          (fn === frame?.function ? frame?.module : undefined));
  // An OOM killer's trace whose header was cut off (parse: isOomKillerTrace) is titled as the header would have it.
  const title = !family && report.kind === 'oom' && fn !== undefined ? `out of memory in ${fn}` : titled.title;
  // A title that names a function identifies the bug; one that does not needs the report's function
  // (its fault site or header) and the stack too.
  const key = NAMES_FUNCTION.test(title)
    ? title
    : [
        title,
        fn ?? '',
        ...ownFrames
          .filter((f) => !f.unreliable && f.function && !REPORTING.test(f.function))
          .slice(0, 3)
          .map((f) => f.function),
      ].join('\n');
  return {
    title,
    alternatives: titled.alternatives,
    titleFunction: titled.frame,
    // ppc64 ELFv1's text symbol (`.eeh_dev_check_failure`) is the function its name after the dot names.
    function: fn?.replace(/^\.(?=[A-Za-z_])/, ''),
    module,
    signature: signatureOf(key),
    titleDamaged: titled.damaged,
  };
}

/** The report a log is known by: the first whose header a family knows (as syzbot picks the first). */
export function leadingReport(lines: TranscriptLines, reports: readonly Report[]): number {
  return reports.findIndex((_, i) => familyHeaderLine(lines, reports, i) >= 0);
}
