// Judges whether a console report came out whole. Consoles interleave the output of several
// CPUs and tasks, drop messages under load and get cut off by reboots; a report hit by any of
// that still parses, but its title, frames or crashing function may belong to something else.
// The reasons land in `report.damage`.
import { ANY_PC_NAMES } from './arch/registry';
import { LineKind } from './lineKinds';
import {
  ALL_CPUS,
  consoleCaller,
  consolePrefixLength,
  isKernelPrefix,
  embeddedTimestampEnd,
  hasDroppedMessages,
  isBootBanner,
} from './parse/console';
import { reportRecords } from './parse/console/joined';
import { asPrintedLines } from './parse/console/pasted';
import type { LineSource } from './lines';
import type { Report, ReportKind } from './types';

export const DAMAGE = {
  titleTimestamp: 'title line damaged: a console timestamp inside it',
  titleJoined: 'title line damaged: it runs on from another console line',
  dropped: 'output lost inside the report (printk messages dropped)',
  interleaved: 'interleaved with output of another task or CPU',
  otherStack: 'interleaved with another stack dump (fault injection, allocation failure)',
  unreliableOnly: 'its call trace names no function it can rely on (only unreliable `?` or unnamed frames)',
  reportingOnly: 'its call trace shows only the code that prints reports',
  elided: 'frames left out of its call trace (`...`)',
  causeMissing: 'the report that caused this panic is missing',
  causeCut: 'the report that caused this panic is cut: only its call trace is here, not its header',
  cutOff: 'truncated: the log ends inside its call trace',
  noFrames: 'no frames after its call-trace marker',
  truncated: 'truncated: the log ends right after its call-trace marker',
  noTrace: 'no call trace',
} as const;

/** Kinds whose reports always carry a call trace when printed whole. */
const NEEDS_TRACE = new Set<ReportKind>([
  'warning',
  'bug',
  'oops',
  'gpf',
  'paging',
  'kasan',
  'kfence',
  'kmsan',
  'ubsan',
  'lockdep',
  'hung-task',
  'rcu-stall',
  'soft-lockup',
  'hard-lockup',
  'workqueue-lockup',
  'oom',
  'panic',
]);
// Reports of those kinds that print no stack by design (a leaked-lock report names the work
// function itself; a stack-protector panic finds the stack it would unwind smashed).
const TRACELESS_TITLE =
  /lock held when returning to user space|Bad rss-counter|non-zero nr_p[mt]ds|workqueue lockup|workqueue leaked lock|stack-protector: Kernel stack is corrupted|unregister_netdevice|^VFS: |^trusty: |^BUG: Dentry |^WARNING: kernel stack (?:regs|frame pointer) at |^INFO: task .* blocked for more than .* seconds\.?$/;
// Of those, the ones whose `Call Trace:` may stay empty.
const EMPTY_TRACE_TITLE = /stack-protector: Kernel stack is corrupted/;

// Lines that announce a stack: `Call Trace:`, KASAN's `Allocated by task 12:`/`Freed by task 12:`,
// kmemleak's `backtrace:` (but not lockdep's `stack backtrace:`, which `Call Trace:` follows).
const STACK_KEYWORD = /^\s*(?:Call [Tt]race:?|(?:Allocated|Freed)(?: by task \d+)?:|backtrace(?: \(crc [0-9a-f]+\))?:)\s*$/;
// Lines that say a stack is not there on purpose.
const NO_STACK_ON_PURPOSE = /\(stack is not available\)|stack trace unavailable|no stack trace/;
// Messages that dump a stack of their own; inside a report they mix a second stack into it.
const OTHER_STACK = /FAULT_INJECTION: forcing a failure|vmalloc: allocation failure|FAULT_FLAG_ALLOW_RETRY missing/;
// Fault injection's own frames in a trace mean its stack ran into the report's.
const FAULT_INJECTION_FRAME = /^should_fail/;
// Functions that print a report or take the trap that leads to it; a trace of only these
// names no culprit.
const REPORTING_FRAME =
  /^(?:dump_stack\w*|show_stack|unwind_backtrace|dump_backtrace|show_regs\w*|panic|nmi_panic|__warn\w*|warn_slowpath\w*|report_bug|fixup_bug\w*|do_error_trap|do_invalid_op|invalid_op|exc_invalid_op|handle_bug|asm_exc_invalid_op|print_\w+|printk\w*|vprintk\w*|_printk|kasan_\w+|__kasan_\w+|kmsan_\w+|__msan_\w+|ubsan_\w+|__ubsan_\w+|end_report|lockdep_\w+|debug_\w+|check_\w+|__schedule|schedule\w*|preempt_schedule\w*|___preempt_schedule|__sched_text_start|bug_handler|die|oops_\w+|__die\w*|arch_local_irq_restore|trace_hardirqs_\w+|lock_acquire|lock_release|find_held_lock)(?:\.\w+)*$/;
// Panics that follow a report rather than being one.
// The panic that ends an oops: x86's `Fatal exception`, arm64's and arm's `Oops: Fatal exception`,
// `Oops - BUG: Fatal exception in interrupt` (die()'s message before it).
// The footer die() prints after a report (`---[ end trace 703a116d0e920a95 ]---`): the report came out whole.
const END_TRACE = /^\s*-+\[ end trace [0-9a-f]+ \]-+\s*$/;

const PANIC_AFTER_REPORT = /^Kernel panic - not syncing: (?:(?:[\w-]+: )?panic_on_warn set|(?:[\w -]+: )?Fatal exception)/;

/** Frames of a trace all marked `?` from which it reads as a frame-pointer-less kernel's, not as damage. */
const GUESSED_TRACE = 5;
/** How far after a stack keyword its first frame may come. */
const FRAME_WINDOW = 15;

/** Reasons that say a report stops short, as opposed to being mixed with other output. */
const INCOMPLETE = [DAMAGE.noTrace, DAMAGE.truncated, DAMAGE.noFrames, DAMAGE.cutOff, DAMAGE.unreliableOnly];
/** How close after an earlier report one must start to be its follow-on. */
const FOLLOW_ON_GAP = 100;

export interface DamageContext {
  /** The report before this one in the transcript. */
  previous?: Report;
  /** A report of the same printk caller opened before this one printed a stack. */
  interruptedBySameCaller?: boolean;
  /** The reports before this one are call traces whose header is not in the transcript. */
  followsHeadlessTraceOnly?: boolean;
}

/**
 * Fills `report.damage`. `followsReport`: an earlier report exists in the transcript (a panic
 * after it is its tail, not a report whose start was lost).
 */
export function assessReportDamage(
  report: Report,
  source: LineSource,
  kinds: Uint8Array,
  followsReport: boolean,
  context: DamageContext = {},
): void {
  const lines = asPrintedLines(source);
  const damage = new Set<string>(report.damage);
  const stampEnd = embeddedTimestampEnd(report.title);
  if (stampEnd > 0 && !sourceGoesOn(report.title, stampEnd)) damage.add(DAMAGE.titleTimestamp);

  const panicTail = PANIC_AFTER_REPORT.test(report.title);
  if (panicTail && !followsReport) damage.add(context.followsHeadlessTraceOnly ? DAMAGE.causeCut : DAMAGE.causeMissing);

  const firstFrameLine = report.frames.length > 0 ? report.frames[0].line : report.line;
  // A second stack announced after the report's own trace began is printed after it, not into it.
  let otherStackAfter = Infinity;
  const emptyTraceAllowed = EMPTY_TRACE_TITLE.test(report.title);
  let allCpus = false;
  let stackKeywords = 0;
  let endTrace = false;
  const keywordSorts = new Set<number>();
  for (let i = report.line; i <= report.endLine && i < lines.lineCount; i++) {
    const text = lines.line(i);
    if (text.length === 0 || text.length > 4096) continue;
    if (i > report.line && hasDroppedMessages(text)) damage.add(DAMAGE.dropped);
    const prefix = consolePrefixLength(text);
    if (!belongs(report, text, prefix, allCpus)) continue;
    const body = prefix > 0 ? text.slice(prefix) : text;
    if (!allCpus && ALL_CPUS.test(body)) allCpus = true;
    if (i > report.line && body.charCodeAt(body.length - 1) === 45 && END_TRACE.test(body)) endTrace = true;
    // Another stack dump that starts before the report's own trace is over mixes into it.
    if (i > report.line && OTHER_STACK.test(body)) {
      if (i < firstFrameLine) damage.add(DAMAGE.otherStack);
      else if (otherStackAfter === Infinity) otherStackAfter = i;
    }
    if (STACK_KEYWORD.test(body)) {
      // The first stack of each sort is the report's own; later ones (other tasks of a hung-task
      // report, other CPUs) may be cut short without hurting it.
      const sort = body.trimStart().charCodeAt(0);
      if (!keywordSorts.has(sort)) {
        keywordSorts.add(sort);
        const verdict = emptyTraceAllowed ? undefined : framesAfter(report, i, lines, kinds, allCpus);
        if (verdict) damage.add(verdict);
      }
      stackKeywords++;
    }
  }

  assessFrames(report, damage, otherStackAfter);

  if (
    NEEDS_TRACE.has(report.kind) &&
    !(report.kind === 'panic' && followsReport) &&
    report.frames.length === 0 &&
    stackKeywords === 0 &&
    report.traceLine === undefined &&
    !TRACELESS_TITLE.test(report.title) &&
    // panic() dumps no stack for an oops (TAINT_DIE): the oops printed it.
    !panicTail &&
    // Printed whole without one: a kernel whose die() shows registers only (riscv before 5.7), or a
    // program's registers (a soft lockup in user mode), below which the kernel walks no stack.
    !endTrace &&
    !userModeRegisters(report) &&
    !(report.kind === 'panic' && endsAtOnce(report, lines))
  ) {
    damage.add(DAMAGE.noTrace);
  }
  // A report cut short right after another one is its follow-on (a recursive oops, another CPU
  // hitting the same bug, a later stall dump): the first report's panic or reboot stops it, so
  // a missing or partial stack says nothing about whether the crash being read came out whole.
  // A report whose own task started a new report before printing a stack (a fault inside the
  // reporting code) has its stack printed by that report.
  if (isFollowOn(report, context.previous) || context.interruptedBySameCaller) {
    for (const reason of INCOMPLETE) damage.delete(reason);
  }
  report.damage = [...damage];
}

/**
 * The report's register dump is a program's: x86's user code selector (`RIP: 0033:…`), or a 64-bit
 * pc in the lower half of the address space and above its first pages (a jump to NULL is the kernel's).
 */
function userModeRegisters(report: Report): boolean {
  const pc = report.registers.find((r) => ANY_PC_NAMES.has(r.name));
  if (pc === undefined) return false;
  if (pc.selector !== undefined) return (pc.selector & 3) === 3;
  return pc.value !== undefined && pc.length === 16 && !pc.joined && pc.value >= 0x10000n && pc.value < 1n << 47n;
}

// A driver's or subsystem's own tag (pr_fmt, dev_printk: `trusty: `); report keywords (`BUG: `) are capitalised.
const SOURCE_TAG = /^[a-z][\w.-]*: /;

/**
 * Whether the text after a timestamp inside the title (ending at `stampEnd`) carries the title's own
 * source tag: that source printed its line in two pieces (trusty's log relay does), and no other
 * output ran into it.
 */
function sourceGoesOn(title: string, stampEnd: number): boolean {
  const tag = SOURCE_TAG.exec(title);
  return tag !== null && title.startsWith(tag[0], stampEnd);
}

/** Whether `report` starts shortly after `previous`, a report with a header of its own in the same boot. */
export function isFollowOn(report: Report, previous: Report | undefined): boolean {
  if (!previous || report.line - previous.endLine > FOLLOW_ON_GAP) return false;
  // A bare call trace (no header) or a boot banner is no report a later one could follow.
  if (
    previous.kind === 'other' &&
    ((previous.frames.length > 0 && previous.frames[0].line === previous.line) || isBootBanner(previous.title))
  )
    return false;
  return true;
}

/**
 * What panic() prints between its title and `---[ end Kernel panic` when it dumps no stack
 * (kernel/panic.c): stopping the other CPUs (arm64's smp_send_stop, x86's NMI shutdown), the panic
 * notifiers (dump_kernel_offset: `Kernel Offset:`, arm64's `PHYS_OFFSET:`, `CPU features:`,
 * `Memory Limit:`) and the reboot countdown.
 */
const PANIC_TRAILER =
  /^(?:SMP: stopping secondary CPUs|smp: stopping secondary CPUs|Shutting down cpus with NMI|Kernel Offset: |PHYS_OFFSET: |CPU features: |Memory Limit: |Rebooting in \d+ seconds)/;
/** How many trailer lines may come between a panic's title and its end line. */
const PANIC_TRAILER_LINES = 8;

/**
 * A panic whose `---[ end Kernel panic` line follows it with only panic()'s own trailer between:
 * nothing was lost, the kernel printed no stack (panic() dumps one only with
 * CONFIG_DEBUG_BUGVERBOSE, kernel/panic.c).
 */
function endsAtOnce(report: Report, source: LineSource): boolean {
  // A console log joined onto one line: the records after the header's.
  const joined = reportRecords(source, [report], 0, Math.min(source.lineCount - 1, report.line + 1 + PANIC_TRAILER_LINES));
  const lines = joined ? { line: (k: number) => joined.records[k], lineCount: joined.records.length } : source;
  const first = joined ? joined.header : report.line;
  const last = Math.min(lines.lineCount - 1, first + 1 + PANIC_TRAILER_LINES);
  for (let i = first + 1; i <= last; i++) {
    const text = lines.line(i);
    const body = text.slice(consolePrefixLength(text));
    // With panic_timeout set, panic() reboots after its countdown instead of printing the end line.
    if (/---\[ end Kernel panic/.test(body) || /^Rebooting in \d+ seconds/.test(body)) return true;
    if (!PANIC_TRAILER.test(body)) return false;
  }
  return false;
}

/** Undefined when a frame follows the stack keyword at `at` before the next keyword, else why not. */
function framesAfter(report: Report, at: number, lines: LineSource, kinds: Uint8Array, allCpus: boolean): string | undefined {
  let seen = 0;
  // With console timestamps, lines without one are not kernel output (syzkaller's program log).
  const stamped = isKernelPrefix(lines.line(at), consolePrefixLength(lines.line(at)));
  for (let i = at + 1; i < lines.lineCount && seen < FRAME_WINDOW; i++) {
    const text = lines.line(i);
    if (text.trim().length === 0) continue;
    const prefix = consolePrefixLength(text);
    // A frame a mailer wrapped is read at the line where its name went on, which has no timestamp.
    if (kinds[i] === LineKind.TraceFrame && report.frames.some((f) => f.line === i)) return undefined;
    if (stamped && !isKernelPrefix(text, prefix)) continue;
    if (!belongs(report, text, prefix, allCpus)) continue;
    seen++;
    if (kinds[i] === LineKind.TraceFrame) return undefined;
    const body = prefix > 0 ? text.slice(prefix) : text;
    if (NO_STACK_ON_PURPOSE.test(body)) return undefined;
    if (STACK_KEYWORD.test(body)) break;
  }
  return seen < 3 ? DAMAGE.truncated : DAMAGE.noFrames;
}

function assessFrames(report: Report, damage: Set<string>, otherStackAfter: number): void {
  const frames = report.frames;
  if (frames.length === 0) return;
  let reliable = 0;
  let culprits = 0;
  const mixable = report.caller === undefined && report.kind !== 'other' && report.kind !== 'rcu-stall';
  for (const frame of frames) {
    // Without caller ids nothing tells the two stacks apart (with them, the parser already split them).
    if (mixable && frame.line < otherStackAfter && FAULT_INJECTION_FRAME.test(frame.function)) damage.add(DAMAGE.otherStack);
    if (frame.unreliable || !frame.function) continue;
    reliable++;
    if (!REPORTING_FRAME.test(frame.function)) culprits++;
  }
  // A kernel without frame pointers before ORC (x86 up to 4.13, which still printed `[<address>]`)
  // marks every frame `?`: a whole trace of named ones is no damage, read as it is. Later kernels'
  // all-`?` traces (no addresses) are an unwinder that lost its way.
  const guessedWhole =
    reliable === 0 &&
    frames.length >= GUESSED_TRACE &&
    frames.every((f) => f.unreliable && f.function && f.address !== undefined);
  if (guessedWhole) culprits = frames.filter((f) => !REPORTING_FRAME.test(f.function)).length;
  if (reliable === 0 && !guessedWhole) damage.add(DAMAGE.unreliableOnly);
  else if (culprits === 0) damage.add(DAMAGE.reportingOnly);
}

/** With printk caller ids, only lines of the header's caller (or any CPU's, in all-CPU dumps) are the report's. */
function belongs(report: Report, text: string, prefix: number, allCpus: boolean): boolean {
  if (report.caller === undefined) return true;
  const caller = prefix > 0 ? consoleCaller(text, prefix) : undefined;
  return caller === report.caller || (allCpus && caller !== undefined && caller.charCodeAt(0) === 67);
}
