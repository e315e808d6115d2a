// Kernel console text: timestamps, report headers, call-trace frames.
import type { Frame, ReportKind, SymbolRef } from '../../types';

// `[498349.159738] `, `[  897.203644][ T1083] `, `<4>[ 12.3] `, `[   12.345678][    C0] `, and the
// `** 12 printk messages dropped ** ` that a console prints before the line that follows lost ones.
// dmesg's own stamps instead: `-T` the wall-clock time (`[Mon Nov 23 01:07:26 2026] `), `-H`/`-e` the
// minute a burst began then the seconds since the line before (`[Mar 8 17:07] `, `[Nov22 01:07] `, `[  +0.000005] `),
// `-d` the delta beside the time (`[  123.456789 <    0.000005>] `).
export const DMESG_STAMP =
  /[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}|[A-Z][a-z]{2} {0,2}\d{1,2} \d\d:\d\d(?::\d\d)?|\+\d+\.\d+|\d+\.\d+ <\s*\d+\.\d+>/
    .source;
// The seconds of a printk timestamp; people trim the fraction off by hand (`[  240.]`), and Amlogic's
// vendor kernels add the CPU (`[ 6020.023137@0]`).
export const PRINTK_SECONDS = /\d+\.\d*(?:@\d+)?/.source;
// The printk caller id after a timestamp (CONFIG_PRINTK_CALLER): `[ T1083]`, `[    C0]`. It follows the
// timestamp's `]` directly, or after a blank in LKP's logs (`[   27.968126] [    T399] `). Some vendor
// kernels (Android boards') print their own instead: `[pid:10974,cpu1,grep]`, the message right after it.
export const PRINTK_CALLER = /(?:\[\s*[TC]\s*\d+\]|\[pid:\d+,cpu\d+,[^\]\n]*\])/.source;
// A hypervisor's console names the guest and port a line came from before it (Xvisor: `[guest0/uart0] `).
const GUEST_PORT = String.raw`\[[A-Za-z][\w.-]*\/[\w.-]+\] `;
const TIMESTAMP = new RegExp(
  String.raw`^\s*(?:\*\* \d+ printk messages dropped \*\* |${GUEST_PORT})?(?:<\d+>)?\[\s*(?:${PRINTK_SECONDS}|${DMESG_STAMP})\](?: ?${PRINTK_CALLER})?\s?`,
);
// syz-manager and fuzzer logs stamp their own lines: `2018/01/09 14:28:48 `; a console logger stamps the
// kernel's so and names the machine it came from (`2024/07/23 18:01:21 [M83LP63]: `), a printk timestamp
// after it or none (a record's continued line).
const DATE_PREFIX = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d+)? (\[[\w.-]+\]: )?/;
// The kernel's lines in a system log: syslog and `journalctl` (`Nov 22 01:07:26 host kernel: `),
// `journalctl -o short-iso`/rsyslog (`2026-11-22T01:07:26.123456+00:00 host kernel: `), or with
// the host left out (`May 17 18:48:11 kernel: `), the month in the reader's language (`июл 27 14:08:04 host kernel: `, `sty 03 12:44:18 pc kernel: `, `janv. 12 …`), `journalctl -o short-precise` (`Apr 15 13:58:03.028579 host
// kernel: `), a remote log server's with the sender's address before its name (`Aug 25 16:00:39
// 192.168.2.9 OpenWrt kernel: `), OpenWrt's `logread` (`Sun Aug  9 13:47:00 2026 kern.info kernel: `,
// the weekday first, the year and facility.level after the time), socklog's (`2015-10-03T12:10:17.00878
// kern.warn: `, the facility.level alone), `journalctl -o short-full` (`Wed 2026-11-22 01:07:26 UTC host
// kernel: `, the zone read as a word before the host) and `-o short-unix` (`1700615246.123456 host kernel: `);
// a printk timestamp may follow (`kernel: [   12.345678] `). A mail's reflow squeezes the day's padding (`Feb 4 16:15:15`).
// Chinese and Japanese locales write the month as its number and 月 (`8月 14 10:24:12 host kernel: `), Korean as 월.
// Sticky: read where the stamp starts, after the blanks of a paste indented as a Markdown code block.
const CJK_MONTH = String.raw`1?\d[月월]`;
export const SYSLOG_STAMP_SOURCE = String.raw`(?:(?:(?:[A-Z][a-z]{2} )?[^\s\d.:\[\]<>]{2,5}\.?|${CJK_MONTH}) (?:[ \d]\d|\d) \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?|[^\s\d.:\[\]<>]{2,5}\.? \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?|\d{9,10}\.\d{6}) (?:\S+ ){0,2}(?:kernel|kern\.[a-z]+): `;
const SYSLOG_STAMP = new RegExp(SYSLOG_STAMP_SOURCE, 'y');
const SYSLOG_PREFIX = new RegExp(
  SYSLOG_STAMP_SOURCE + String.raw`(?:(?:<\d+>)?\[\s*${PRINTK_SECONDS}\](?: ?${PRINTK_CALLER})? ?)?`,
  'y',
);

// `dmesg -x` (LKP/0-day robot logs) names each line's facility and level before the printk timestamp:
// `kern  :warn  : [   12.345678] `, squeezed to `kern :warn : ` where decode_stacktrace.sh rewrote the line;
// messages written to /dev/kmsg carry `user  :notice: `.
const DMESG_LEVEL =
  /^(?:kern|user|mail|daemon|auth|authpriv|syslog|lpr|news|uucp|cron|ftp|local[0-7]) *:(?:emerg|alert|crit|err|warn|notice|info|debug) *: /;
// First letters of those facilities: other lines are not asked the regex.
const DMESG_FACILITY_FIRST = new Set([...'kumdaslncf'].map((c) => c.charCodeAt(0)));

// A record read from /dev/kmsg as it is (`cat /dev/kmsg`): `level,sequence,microseconds,flags;` and the message.
const KMSG_RECORD = /^\d{1,3},\d+,\d+,[-+c][^;\s]*;/;

/** Length of `dmesg -x`'s facility and level, or of a raw /dev/kmsg record's head, before a line; or 0. */
export function dmesgLevelLength(text: string): number {
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const k = text.indexOf(',') > 0 ? KMSG_RECORD.exec(text) : null;
    return k ? k[0].length : 0;
  }
  if (!DMESG_FACILITY_FIRST.has(c)) return 0;
  const m = DMESG_LEVEL.exec(text);
  return m ? m[0].length : 0;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
}

/**
 * Whether a month's name starts at `at`: `Nov`, or as journalctl writes it in the reader's locale,
 * lower case or in other letters (`sty`, `июл`, `Mär`, `janv.`) or a number and 月/월 (`8月`), then a blank.
 */
export function startsWithMonthName(text: string, at: number): boolean {
  let i = at;
  // `8月 `, `12월 `: a number and the CJK word for month.
  if (isDigit(text.charCodeAt(i))) {
    if (isDigit(text.charCodeAt(i + 1))) i++;
    const word = text.charCodeAt(i + 1);
    return (word === 0x6708 || word === 0xc6d4) && text.charCodeAt(i + 2) === 32;
  }
  while (i - at < 6 && isLetter(text.charCodeAt(i))) i++;
  if (i - at < 2 || i - at > 5) return false;
  if (text.charCodeAt(i) === 46) i++;
  return text.charCodeAt(i) === 32;
}

/** Whether `journalctl -o short-unix`'s seconds (`1700615246.123456`, 9–10 digits) start at `at`. */
function isUnixSeconds(text: string, at: number): boolean {
  const dot = text.charCodeAt(at + 10) === 46 ? at + 10 : text.charCodeAt(at + 9) === 46 ? at + 9 : -1;
  if (dot < 0) return false;
  for (let k = at; k < dot; k++) if (text.charCodeAt(k) < 48 || text.charCodeAt(k) > 57) return false;
  return true;
}

/** The end of a system log's stamp (with the printk timestamp after it when `withPrintk`) starting at `at`, or 0. */
function syslogEnd(text: string, at: number, withPrintk: boolean): number {
  const c = text.charCodeAt(at);
  const month = startsWithMonthName(text, at);
  // An ISO date's 1/2, or seconds since 1970 (`1700615246.123456`).
  const iso = (c === 49 || c === 50) && text.charCodeAt(at + 4) === 45;
  const unix = c >= 49 && c <= 57 && isUnixSeconds(text, at);
  if ((!month && !iso && !unix) || (text.indexOf(' kernel: ', at + 14) < 0 && text.indexOf(' kern.', at + 14) < 0)) return 0;
  const re = withPrintk ? SYSLOG_PREFIX : SYSLOG_STAMP;
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? at + m[0].length : 0;
}

/** Blanks and tabs at the start of a line (a paste in a commit message or mail indents by either). */
export function indentOf(text: string, from = 0): number {
  let i = from;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i - from;
}

// A CI runner's clock before the printk timestamp (`09:14:46.976626  <4>[    7.647105] `), LAVA's line
// number before it as KernelCI's logs show them (` 1477 09:14:46.976626  <4>[ …`), a serial capture's
// ISO time (`2023-01-28T13:02:16.334241+01:00   [    6.059134] `), a serial logger's stamp written right
// against it (`0410_03-08-12.384[   48.046788] `: month and day, then the time). Sticky.
// An editor's or `cat -n`'s line number alone before it (`  11748 [46223316.661106] `) too.
const CLOCK_LEAD =
  /(?:(?:\d+ +|\d{4}-\d\d-\d\dT)?\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)? +|\d{4}_\d\d[-:]\d\d[-:]\d\d(?:[.,]\d+)? *|\d{1,7}[ \t]+)(?=(?:<\d+>)?\[\s*\d+\.\d)/y;

/** Where the printk timestamp after a runner's clock at `at` starts, or 0 (no clock there). */
function clockEnd(text: string, at: number): number {
  CLOCK_LEAD.lastIndex = at;
  const clock = CLOCK_LEAD.exec(text);
  return clock ? at + clock[0].length : 0;
}

/** Length of a runner's clock and the printk timestamp after it, at `at`; or 0. */
function clockLeadLength(text: string, at: number): number {
  const end = clockEnd(text, at);
  const stamp = end > 0 ? TIMESTAMP.exec(text.slice(end)) : null;
  return stamp ? end + stamp[0].length : 0;
}

// `journalctl -o short-monotonic` writes the host and `kernel: ` after the printk timestamp
// (`[ 4274.052063] fovo.local kernel: `; `[21161.092614] kernel: ` without the host). Sticky: read
// right after the timestamp.
const JOURNAL_HOST = /(?:[^\s[\]]+ )?kernel: /y;

/** Length of a journal's `host kernel: ` at `at` (just after a printk timestamp), or 0. */
function journalHostLength(text: string, at: number): number {
  JOURNAL_HOST.lastIndex = at;
  const m = JOURNAL_HOST.exec(text);
  return m ? m[0].length : 0;
}

/**
 * The line as printk printed it: a system log's stamp (`Nov 22 01:07:26 host kernel: `) or
 * `dmesg -x`'s facility and level (`kern  :warn  : `) or a runner's clock (`09:14:46.976626  `) cut
 * off; a journal's `host kernel: ` after the printk timestamp (`[ 12.3] host kernel: `) cut out, the
 * timestamp kept.
 */
export function withoutLogStamp(text: string): string {
  const level = dmesgLevelLength(text);
  if (level > 0) return text.slice(level);
  const indent = indentOf(text);
  const c = text.charCodeAt(indent);
  // A runner's clock (LAVA's line number before it): the printk timestamp after it stays.
  if (c >= 48 && c <= 57) {
    const end = clockEnd(text, indent);
    if (end > 0) return text.slice(end);
  }
  // A log level with no timestamp after it: the level is the record's, not the text printk printed.
  if (c === 60 && text.charCodeAt(levelOnlyLength(text)) !== 91) return text.slice(levelOnlyLength(text));
  if (c === 91) {
    const m = TIMESTAMP.exec(text);
    const host = m ? journalHostLength(text, m[0].length) : 0;
    return host > 0 ? text.slice(0, m![0].length) + text.slice(m![0].length + host) : text;
  }
  const end = syslogEnd(text, indent, false);
  return end > 0 ? text.slice(end) : text;
}

// What a paste indents a whole block by: a commit message's or mail's blanks (a Markdown code
// block's four, a little more; a commit message quoted in a list item or another quote, 12–16) or tabs,
// perhaps with a blank or two after them (a commit message's tab, then the console's own space).
const BLOCK_INDENT = /^(?: {1,16}|\t{1,3} {0,4})$/;

/** Whether `indent`, the blanks before a report's header, is a pasted block's. */
export function isBlockIndent(indent: string): boolean {
  return BLOCK_INDENT.test(indent);
}

/** Length of the console prefix (timestamp, caller id, system log stamp, `dmesg -x` level) or 0. */
export function consolePrefixLength(text: string): number {
  const level = dmesgLevelLength(text);
  if (level > 0) {
    const rest = text.slice(level);
    const m = rest.charCodeAt(0) === 91 ? TIMESTAMP.exec(rest) : null;
    return level + (m ? m[0].length : 0);
  }
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (startsWithMonthName(text, 0)) return syslogEnd(text, 0, true);
    const cut = cutTimestampLength(text);
    if (cut > 0) return cut;
    const clock = clockLeadLength(text, 0);
    if (clock > 0) return clock;
    if (isUnixSeconds(text, 0)) return syslogEnd(text, 0, true);
    if (c !== 50 && c !== 49) return 0;
    if (text.charCodeAt(4) === 45) return syslogEnd(text, 0, true);
    return datePrefixLength(text);
  }
  // A system log's month, in English or (journalctl in the reader's locale) another language.
  if (isLetter(c)) return startsWithMonthName(text, 0) ? syslogEnd(text, 0, true) : 0;
  if (c !== 91 && c !== 60 && c !== 32 && c !== 9 && c !== 42) return 0;
  if (c === 32 || c === 9) {
    // Indented lines are mostly crash output: look past the blanks before trying the regex.
    const i = indentOf(text);
    const d = text.charCodeAt(i);
    // A system log pasted as a Markdown code block (indented four blanks), a runner's numbered lines.
    if (d >= 48 && d <= 57) {
      const clock = clockLeadLength(text, i);
      if (clock > 0) return clock;
      // A copy that started inside a padded timestamp (`  2.510619] BUG: …`), its `[` left out.
      const cut = cutTimestampLength(text.slice(i));
      if (cut > 0) return i + cut;
    }
    if (d !== 91 && d !== 60 && d !== 42) return syslogEnd(text, i, true);
  }
  const m = TIMESTAMP.exec(text);
  if (m) return m[0].length + journalHostLength(text, m[0].length);
  return levelOnlyLength(text);
}

// A console line's log level alone, with no timestamp after it (`<4>Call Trace:`, `<4> [<ffffffff8150de73>] io_schedule+…`):
// /proc/kmsg and a kernel without CONFIG_PRINTK_TIME (RHEL 6's consoles), or syslog's priority (`<13>`).
const LEVEL_ONLY = /^[ \t]*<\d{1,3}>/;

/** Length of a log level with no timestamp after it, or 0. */
function levelOnlyLength(text: string): number {
  const m = LEVEL_ONLY.exec(text);
  return m ? m[0].length : 0;
}

// What may follow a printk timestamp's `]`: a caller id and a blank.
const AFTER_TIMESTAMP = new RegExp(String.raw`(?: ?${PRINTK_CALLER})?\s?`, 'y');

/**
 * `22734.139015] `: a printk timestamp whose `[` a copy left out (a selection started inside it);
 * its digits are read without a regex, since dump lines of some architectures start with digits too.
 */
function cutTimestampLength(text: string): number {
  let i = 0;
  while (i < 6 && isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 46) return 0;
  let j = i + 1;
  while (j <= i + 6 && isDigit(text.charCodeAt(j))) j++;
  if (j !== i + 7 || text.charCodeAt(j) !== 93) return 0;
  AFTER_TIMESTAMP.lastIndex = j + 1;
  const m = AFTER_TIMESTAMP.exec(text);
  return j + 1 + (m ? m[0].length : 0);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Length of DATE_PREFIX and a printk timestamp after it, or 0. */
function datePrefixLength(text: string): number {
  const d = DATE_PREFIX.exec(text);
  if (!d) return 0;
  const m = text.charCodeAt(d[0].length) === 91 ? TIMESTAMP.exec(text.slice(d[0].length)) : null;
  return d[0].length + (m ? m[0].length : 0);
}

/** Whether a console prefix is the kernel's (printk, dmesg, system log), not a user-space program's date stamp. */
export function isKernelPrefix(text: string, prefix: number): boolean {
  if (prefix === 0) return false;
  const c = text.charCodeAt(0);
  if (c < 48 || c > 57 || text.charCodeAt(4) === 45) return true;
  // A fuzzer's own date stamp, unless a console logger's machine name or a printk timestamp follows it.
  const date = text.charCodeAt(4) === 47 ? DATE_PREFIX.exec(text) : null;
  return date !== null && prefix > date[0].length - (date[1]?.length ?? 0);
}

/** `** N printk messages dropped **` in front of a console line: output was lost just before it. */
export function hasDroppedMessages(text: string): boolean {
  // After blanks: a quoted line is read with its quote marker blanked.
  let k = 0;
  while (text.charCodeAt(k) === 32) k++;
  return text.charCodeAt(k) === 42 && text.startsWith('** ', k) && text.indexOf(' printk messages dropped **', k) > 0;
}

/**
 * The printk caller id of a console line (`T1083` for a task, `C0` for a CPU in interrupt
 * context), or undefined when the line has none. Looks only inside the prefix.
 */
/** The narrowest console prefix a record's continued lines are indented to (`[    1.234567] `). */
export const MIN_RECORD_INDENT = 10;
/** How many lines of one printk record are followed back to its prefixed first line. */
const MAX_RECORD_LINES = 40;

/**
 * A later line of a printk record of several lines, which dmesg and journalctl indent to the
 * record's text (`Nov 13 08:58:21 host kernel: ` then 31 blanks), is read with the record's prefix:
 * the prefix of the nearest line above that has one no wider than the line's indent, followed back
 * through the record's other continued lines; undefined when another line comes first.
 */
export function continuedRecordPrefix(lineAt: (j: number) => string, text: string, i: number): string | undefined {
  for (let j = i - 1; j >= 0 && j >= i - MAX_RECORD_LINES; j--) {
    const above = lineAt(j);
    const width = consolePrefixLength(above);
    if (width > 0) return width >= MIN_RECORD_INDENT && text.startsWith(' '.repeat(width)) ? above.slice(0, width) : undefined;
    if (!above.startsWith(' '.repeat(MIN_RECORD_INDENT))) return undefined;
  }
  return undefined;
}

export function consoleCaller(text: string, prefixLength: number): string | undefined {
  // The prefix's last bracket, right after the timestamp's (`][`) or a blank after it (`] [`).
  const close = text.lastIndexOf(']', prefixLength - 1);
  const open = close > 0 ? text.lastIndexOf('[', close) : -1;
  if (open < 1) return undefined;
  const before = text.charCodeAt(open - 1) === 32 ? open - 2 : open - 1;
  if (text.charCodeAt(before) !== 93) return undefined;
  let i = open + 1;
  while (text.charCodeAt(i) === 32) i++;
  let id = text.slice(i, close);
  if (id.indexOf(' ') >= 0) id = id.replace(/ /g, '');
  // A task's or a CPU's id (PRINTK_CALLER); a timestamp after another bracket (`[guest0/uart0] [    1.88]`) is none.
  const kind = id.charCodeAt(0);
  return ((kind === 84 || kind === 67) && isDigit(id.charCodeAt(1))) || id.startsWith('pid:') ? id : undefined;
}

/** Lines that start printing the stacks of all CPUs: output of several callers belongs together. */
export const ALL_CPUS = /Sending NMI from CPU|NMI backtrace for cpu|Showing busy workqueues|Showing all locks held/;

// A console timestamp inside a line: two printk lines ran into each other, or a login prompt ran
// into the next record. Seconds trimmed by hand (`[  240.]`) count; a short fraction is more
// likely prose.
const EMBEDDED_TIMESTAMP = new RegExp(String.raw`\[\s*\d+\.(?:\d{3,})?\](?: ?${PRINTK_CALLER})? ?`, 'g');

/** Offset just past a console timestamp that occurs after the start of `body`, or -1. */
export function embeddedTimestampEnd(body: string): number {
  const open = body.indexOf('[', 1);
  if (open < 0) return -1;
  EMBEDDED_TIMESTAMP.lastIndex = open;
  const m = EMBEDDED_TIMESTAMP.exec(body);
  return m ? m.index + m[0].length : -1;
}

interface HeaderRule {
  pattern: RegExp;
  kind: ReportKind;
  /** A header that continues the report just opened (`Oops:` after `BUG: unable to handle`). */
  secondary?: boolean;
  /** A header that continues any open report (`Kernel panic - not syncing: panic_on_warn set`). */
  continuation?: boolean;
  /**
   * A message that never interrupts an open report: failures of user-space programs (syzkaller,
   * Go) and `unregister_netdevice: waiting for ...`, which repeats while other reports print.
   */
  keepsOpenReport?: boolean;
}

const HEADERS: HeaderRule[] = [
  // `BUG: KASan: ` before 4.4.
  { pattern: /^BUG: KAS[Aa][Nn]: /, kind: 'kasan' },
  { pattern: /^BUG: KMSAN: /, kind: 'kmsan' },
  { pattern: /^BUG: KCSAN: /, kind: 'kcsan' },
  { pattern: /^BUG: KFENCE: /, kind: 'kfence' },
  { pattern: /^(?:UBSAN|BUG: UBSAN): /, kind: 'ubsan' },
  { pattern: /^BUG: memory leak/, kind: 'memory-leak' },
  // powerpc since 5.3 (arch/powerpc/mm/fault.c bad_page_fault): `BUG: Unable to handle kernel data
  // access on read at 0x…`, `BUG: Unable to handle kernel instruction fetch`.
  {
    pattern:
      /^(?:BUG: )?unable to handle (?:kernel )?(?:paging request|NULL pointer dereference|page fault|data access|instruction fetch)/i,
    kind: 'paging',
  },
  // x86 since 5.0 (arch/x86/mm/fault.c show_fault_oops), powerpc's `BUG: Kernel NULL pointer
  // dereference on read at 0x00000020`: the same fault without "unable to handle".
  { pattern: /^BUG: kernel NULL pointer dereference/i, kind: 'paging' },
  { pattern: /^Unable to handle kernel /, kind: 'paging' },
  { pattern: /^(?:watchdog: )?BUG: soft lockup/, kind: 'soft-lockup' },
  // `NMI watchdog: Watchdog detected hard LOCKUP on cpu 87` (4.x–6.4), `watchdog: CPU6: Watchdog detected hard
  // LOCKUP on cpu 6` (6.5+), `watchdog: BUG: hard LOCKUP`.
  { pattern: /^(?:(?:NMI )?watchdog: )?(?:CPU\d+: )?(?:BUG|Watchdog detected) hard LOCKUP/i, kind: 'hard-lockup' },
  // powerpc's own watchdog (arch/powerpc/kernel/watchdog.c): the locked-up CPU's `watchdog: CPU 1
  // self-detected hard LOCKUP @ func+0x…/0x…`, 4.15's `Watchdog CPU:42 Hard LOCKUP`. The CPU that saw
  // another's prints a notice only (`Watchdog CPU:71 detected Hard LOCKUP other CPUS:42`).
  { pattern: /^(?:watchdog: CPU \d+ self-detected hard LOCKUP @ |Watchdog CPU:\d+ Hard LOCKUP)/, kind: 'hard-lockup' },
  // mm/page_alloc.c warn_alloc: `kworker/u8:2: page allocation failure: order:8, mode:0x204010`; before 3.x
  // (__alloc_pages_slowpath) `cat: page allocation failure. order:9, mode:0xd0`.
  { pattern: /^page allocation failure[:.] order:\d+/, kind: 'warning' },
  // mm/oom_kill.c dump_header: `postgres invoked oom-killer: gfp_mask=0x140dca(…), order=0, oom_score_adj=0`,
  // read from its `invoked` on (embeddedHeaderStart): the task's name before it is any. Another task's
  // allocation prints it, in the middle of whatever report is open.
  { pattern: /^invoked oom-killer: gfp_mask=/, kind: 'oom', keepsOpenReport: true },
  // The workqueue watchdog (kernel/workqueue.c wq_watchdog_timer_fn): a pool that made no progress, no CPU stuck.
  { pattern: /^BUG: workqueue lockup/, kind: 'workqueue-lockup' },
  {
    pattern: /^(?:rcu: )?INFO: rcu_\w+ (?:self-)?detected stall|^(?:rcu: )?INFO: rcu_\w+ detected expedited stalls/,
    kind: 'rcu-stall',
  },
  // 6.x: `INFO: task udevd:5612 blocked in I/O wait for more than 143 seconds.` when it waits in io_schedule.
  { pattern: /^INFO: task .* (?:blocked|can't die)(?: in I\/O wait)? for more than/, kind: 'hung-task' },
  { pattern: /^kernel BUG at /, kind: 'bug' },
  { pattern: /^BUG: /, kind: 'bug' },
  {
    pattern:
      /^(?:WARNING|INFO): (?:possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|lock held when returning|bad unlock balance|held lock freed|nested lock|possible irq lock inversion|HARDIRQ-safe|SOFTIRQ-safe|still has locks held|lock held|locking|trying to register non-static key|\S+ still has locks held)/i,
    kind: 'lockdep',
  },
  // `WARNING: CPU: 1 PID: 2 at file:line func+0x..`, the old `WARNING: at file:line func()` and the
  // late-2025 `WARNING: [cond] file:line at 0x0, CPU#0: comm/pid` come from WARN(), the unwinder's
  // `WARNING: kernel stack regs/frame pointer at ... has bad value` from its checks; other
  // `WARNING:` lines are messages that print no report of their own.
  {
    pattern: /^WARNING: (?:CPU: |at |(?:\[.*\] )?[\w./-]+\.[a-z]+:\d+ at |kernel stack (?:regs|frame pointer) at )/,
    kind: 'warning',
  },
  { pattern: /^WARNING: /, kind: 'other' },
  // SLUB's object details and its allocation and free stacks, a hung task's blocker (6.14+): lines of the
  // report that prints them; alone (that report's header lost) they head one, as syzkaller titles it.
  {
    pattern:
      /^INFO: (?:(?:Allocated|Freed) in |(?:Slab|Object) 0x[0-9a-f]+ |0x[0-9a-f]+-0x[0-9a-f]+[.@ ]|task .* blocked on an? [\w-]+ (?:likely )?(?:last )?(?:held|owned) by )/,
    kind: 'other',
    continuation: true,
  },
  { pattern: /^INFO:(?: |$)/, kind: 'other' },
  { pattern: /^(?:segment-related )?general protection fault/, kind: 'gpf', secondary: true },
  {
    pattern:
      /^(?:divide error|divide_error|invalid opcode|stack segment|double fault|kernel stack overflow|int3|alignment check|segment not present|invalid TSS|overflow|bounds|coprocessor segment overrun|spurious interrupt bug|x87 floating point exception|SIMD exception|machine check): ?/,
    kind: 'oops',
    secondary: true,
  },
  { pattern: /^Oops(?: - |: |\[)/, kind: 'oops', secondary: true },
  // arm64's and riscv's overflow of a task stack (panic_bad_stack, handle_bad_stack): the stacks, the
  // registers where it overflowed, then `Kernel panic - not syncing: kernel stack overflow`.
  { pattern: /^Insufficient stack space to handle exception!/, kind: 'oops' },
  // s390x die() (arch/s390/kernel/dumpstack.c): `%s: %04x ilc:%d [#%d]` with the program check's
  // name (`Unknown program exception: 0028 [#1] SMP`, `illegal operation: 0001 ilc:1 [#1]`); 3.x
  // kernels print no ilc. Its first letter is any: HEADER_FIRST below must list the first letter of
  // each program check's name (arch/s390/kernel/traps.c: `privileged operation`, `HFP overflow
  // exception`, `vector-processing exception`, …).
  { pattern: /^[A-Za-z][A-Za-z -]{2,40}: [0-9a-f]{4} (?:ilc:\d )?\[#\d+\]/, kind: 'oops', secondary: true },
  { pattern: /^Internal error: /, kind: 'oops', secondary: true },
  // RHEL 7's hardlockup_panic panics at once: the panic is the hard lockup's report.
  {
    pattern: /^Kernel panic - not syncing: (?:Watchdog detected hard LOCKUP|Hard LOCKUP)/,
    kind: 'hard-lockup',
    continuation: true,
  },
  { pattern: /^Kernel panic - not syncing/, kind: 'panic', continuation: true },
  { pattern: /^SError Interrupt on CPU/, kind: 'oops' },
  { pattern: /^list_(?:add|del) corruption/, kind: 'bug' },
  { pattern: /^Bad page (?:state|map)/, kind: 'bug' },
  { pattern: /^unreferenced object 0x/, kind: 'memory-leak' },
  { pattern: /^(?:=+\s*)?BUG \S+ \(.*\): /, kind: 'bug' },
  { pattern: /^PANIC: double fault/, kind: 'oops', secondary: true },
  { pattern: /^Unhandled fault: /, kind: 'oops', secondary: true },
  { pattern: /^Alignment trap: /, kind: 'oops', secondary: true },
  { pattern: /^VFS: (?:Close: file count is 0|Busy inodes after unmount)/, kind: 'bug' },
  // kernel/irq/spurious.c __report_bad_irq: no handler of a shared line claimed the interrupt; the
  // line is disabled (`Disabling IRQ #17`) after the stack and the list of its handlers.
  { pattern: /^irq \d+: nobody cared /, kind: 'bug' },
  { pattern: /^unregister_netdevice: waiting for \S+ to become free/, kind: 'hung-task', keepsOpenReport: true },
  { pattern: /^trusty: (?:ASSERT FAILED|panic)/, kind: 'bug' },
  // A Rust panic in the kernel; the BUG() that rust_helper_BUG raises right after is the same incident.
  { pattern: /^rust_kernel: panicked/, kind: 'panic' },
  // Failures of syzkaller's own programs and of Go programs on the machine.
  { pattern: /^(?:SYZFAIL|SYZFATAL): /, kind: 'other', keepsOpenReport: true },
  { pattern: /^(?:fatal error: |runtime: out of memory|panic: )/, kind: 'other', keepsOpenReport: true },
];

// First characters of the header patterns above (and `[` of the bracketed lockdep form); for the
// s390x die() pattern, the first letters of the program checks' names.
const HEADER_FIRST = new Uint8Array(128);
for (const c of 'BWIgdiskOKUuSlwrambcoxc=MPfpVtAeHvLN') HEADER_FIRST[c.charCodeAt(0)] = 1;

/**
 * `WARNING:` lines that are messages, not reports: printed once by a deprecation or a mitigation
 * (`WARNING: The mand mount option has been deprecated and`, fs/namespace.c), or by user space (sshd,
 * ld.so), with no CPU, no site and no trace. syzkaller ignores them too (pkg/report/linux.go).
 */
export const PLAIN_WARNINGS: readonly RegExp[] = [
  /WARNING: \/etc\/ssh\/moduli does not exist, using fixed modulus/,
  /WARNING: workqueue cpumask: online intersect > possible intersect/,
  /WARNING: [Tt]he mand mount option/,
  /WARNING: Unsupported flag value\(s\) of 0x%x in DT_FLAGS_1/,
  /WARNING: Unprivileged eBPF is enabled with eIBRS/,
  /WARNING: fbcon: Driver '(.*)' missed to adjust virtual screen size (\((?:\d+)x(?:\d+) vs\. (?:\d+)x(?:\d+)\))/,
  /WARNING: See https.* for mitigation options./,
  /WARNING: kernel not compiled with CPU_SRSO/,
  /WARNING: `[^']*' uses wireless extensions which will stop working/i,
];

/** `INFO:` lines that are messages, not reports (syzkaller's ignores too): lockdep switching off, a slow NMI handler. */
const PLAIN_INFOS: readonly RegExp[] = [
  /INFO: lockdep is turned off/,
  /INFO: NMI handler \(.*\) took too long to run/,
  /INFO: Stall ended before state dump start/,
];

export interface HeaderMatch {
  kind: ReportKind;
  secondary: boolean;
  continuation: boolean;
  keepsOpenReport: boolean;
}

/**
 * All header patterns in one case-insensitive regex: one native match rejects an
 * ordinary log line, instead of dozens of separate tests. A superset of the rules,
 * so the loop below still decides which rule (if any) matched.
 */
const ANY_HEADER = new RegExp(HEADERS.map((rule) => `(?:${rule.pattern.source})`).join('|'), 'i');

// mips and LoongArch die(): `%s[#%d]:` with any reason (`Kernel bug detected[#1]:`, `do_cpu invoked from
// kernel context![#1]:`, `Oops[#1]:` after the fault's own line), so no first letter tells it.
const DIE_COUNTER_HEADER = /^[A-Za-z][^[\]]{1,80}\[#\d+\]:$/;

export function matchReportHeader(body: string): HeaderMatch | undefined {
  if (body.endsWith(']:') && DIE_COUNTER_HEADER.test(body))
    return { kind: 'oops', secondary: true, continuation: false, keepsOpenReport: false };
  const c = body.charCodeAt(0);
  if (c >= 128 || HEADER_FIRST[c] === 0) return undefined;
  if (!ANY_HEADER.test(body)) return undefined;
  // W(ARNING:)
  if ((c === 87 || c === 119) && PLAIN_WARNINGS.some((re) => re.test(body))) return undefined;
  if (c === 73 && PLAIN_INFOS.some((re) => re.test(body))) return undefined;
  for (const rule of HEADERS) {
    if (rule.pattern.test(body)) {
      return {
        kind: rule.kind,
        secondary: rule.secondary === true,
        continuation: rule.continuation === true,
        keepsOpenReport: rule.keepsOpenReport === true,
      };
    }
  }
  return undefined;
}

// What may stand before a header inside a line: old lockdep's `[ BUG: ... ]`, a device or
// subsystem tag (`usb 5-1: `, `NMI watchdog: `), a syz-manager date, the CPU number mips and
// LoongArch print before their fault (`CPU 0 Unable to handle kernel paging request at ...`).
const HEADER_LEAD = /^(?:\[ |[\w.\/-]+(?: [\w.:\/-]+)?: |\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d |CPU \d+ )$/;
// `syzkaller login: Unable to handle kernel paging request`: a prompt before an arm oops.
const EMBEDDED_KEYS = [
  'BUG: ',
  'WARNING: ',
  'INFO: ',
  'Unable to handle kernel ',
  'page allocation failure: ',
  'page allocation failure. ',
];
// Old KASAN printed its hint without a line end: `kasan: GPF could be caused by ... accessgeneral protection fault: ...`.
const KASAN_GPF_HINT = /^kasan: GPF could be caused by .*?(?=general protection fault)/;

/** Offset of a report header that a short lead puts after the start of the line, or -1. */
export function embeddedHeaderStart(body: string): number {
  for (const key of EMBEDDED_KEYS) {
    const at = body.indexOf(key, 2);
    if (at > 0 && at <= 40 && HEADER_LEAD.test(body.slice(0, at))) return at;
  }
  // The OOM killer's header after the name of the task that asked for memory (a comm: up to 15
  // characters, blanks allowed, `Web Content`).
  const oom = body.indexOf(' invoked oom-killer: ');
  if (oom > 0 && oom <= 16) return oom + 1;
  const hint = body.startsWith('kasan: GPF') ? KASAN_GPF_HINT.exec(body) : null;
  return hint ? hint[0].length : -1;
}

/**
 * Where a report header starts inside a body that does not open with one: after a timestamp inside
 * the line (two printk lines ran together), after a device tag, or in old lockdep's `[ BUG: ... ]`;
 * 0 when there is none.
 */
export function headerInside(body: string): number {
  const afterTimestamp = embeddedTimestampEnd(body);
  if (afterTimestamp > 0) {
    const rest = body.slice(afterTimestamp);
    if (matchReportHeader(rest)) return afterTimestamp;
    // And a lead after it (`Running sysctl: [ 5201.325838] klogd invoked oom-killer: …`).
    const lead = embeddedHeaderStart(rest);
    if (lead > 0 && matchReportHeader(rest.slice(lead))) return afterTimestamp + lead;
  }
  const at = embeddedHeaderStart(body);
  return at > 0 && matchReportHeader(body.slice(at)) ? at : 0;
}

// First lines of a boot: after other output they mean the machine rebooted.
const BOOT_BANNER = /^(?:SeaBIOS \(version|Booting the kernel\.|Linux version \d)/;

export function isBootBanner(body: string): boolean {
  const c = body.charCodeAt(0);
  return (c === 83 || c === 66 || c === 76) && BOOT_BANNER.test(body);
}

// Headers that are the message of a WARN (lib/list_debug.c's CHECK_DATA_CORRUPTION without
// BUG_ON_DATA_CORRUPTION, which prints `kernel BUG at` instead), printed before its `WARNING:` line
// where WARN traps (x86 since 4.15, arm64, LoongArch); older kernels print it after.
const WARN_MESSAGE = /^list_(?:add|del) corruption/;

/** Whether a report's title is a message that a WARN prints before its `WARNING:` line. */
export function isWarnMessage(title: string): boolean {
  return WARN_MESSAGE.test(title);
}

/** The title of a header line: trimmed, without the brackets of old lockdep headers. */
export function headerTitle(body: string): string {
  const title = body.trim();
  return title.endsWith(' ]') ? title.slice(0, -2).trimEnd() : title;
}

/** The function a header line names: `... at file:line func+0x../0x..`, `... in func+0x..`, `... in func`. */
export function headerFunction(body: string): string | undefined {
  // decode_stacktrace.sh puts the source locations in place of the offset: `at kernel/exit.c:814 do_exit (kernel/exit.c:814)`.
  let m = / at \S+:\d+ ([A-Za-z_.$][\w.$]*)(?:\+0x[0-9a-f]+\/0x[0-9a-f]+| \((?:[\w/.+-]+|\?\?):[0-9?])/.exec(body);
  if (m) return m[1];
  // `... in func+0x../0x..` or a name that ends the line; `still in use (1)` names no function, nor
  // does panic's `Fatal exception in interrupt`.
  m = / in ([A-Za-z_.$][\w.$]*)(?:(\+0x[0-9a-f]+(?:\/0x[0-9a-f]+)?)(?:\s|$)|\s*$)/.exec(body);
  if (m && !m[1].includes('.c') && !m[1].includes('/') && (m[2] !== undefined || m[1] !== 'interrupt')) return m[1];
  m = /(?:^|\s)([A-Za-z_.$][\w.$]*)\+0x[0-9a-f]+\/0x[0-9a-f]+/.exec(body);
  return m?.[1];
}

// Lines that name where the fault happened (`RIP: 0010:func+0x..`, old `RIP: func+0x.. RSP:`,
// arm64 `pc : `/`lr : `, powerpc `NIP [..] func+0x..`, arm `PC is at func+0x..`).
const SITE_LEAD = /^\s*(?:R?IP: |EIP: |NIP |LR |pc : |lr : |PC is at |LR is at )/;
/**
 * What follows a function name that decode_stacktrace.sh printed in place of its offset: its source
 * locations (`dump_stack_lvl (lib/dump_stack.c:122)`, `at: func (kernel/notifier.c:?)`, `(??:?)`).
 */
export const DECODED_LOCATION_START = String.raw` \((?:[\w/.+-]+|\?\?):[0-9?]`;
// `func+0x…`, or decoded by decode_stacktrace.sh: `pc : handle_futex_death (kernel/futex/core.c:661`.
const SITE_FUNCTION = new RegExp(String.raw`([A-Za-z_.$][\w.$]*)(?:\+0x[0-9a-f]+|${DECODED_LOCATION_START})`);

// Lockdep's held-lock lines end in the site that took the lock: `#0: ... at: func+0x../0x..`, or
// decoded by decode_stacktrace.sh, `at: func (kernel/notifier.c:?)`.
const LOCK_SITE = new RegExp(String.raw`, at: (?:\[<[0-9a-f]+>\] )?([A-Za-z_.$][\w.$]*)(?:\+0x|${DECODED_LOCATION_START})`);

// powerpc `NIP [c00800000037035c] cc_do_null+0x50/0x70 [corpus_crash]` and its `LR [...]` twin.
const BRACKETED_SITE =
  /^\s*(?:NIP|LR) \[([0-9a-fA-F]{8,16})\] ([A-Za-z_.$][\w.$]*)\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+)(?: \[([\w-]+)(?: [0-9a-f]{20,64})?\])?\s*$/;

/** A powerpc site line: the register's value and the function+offset the kernel named it. */
export function parseBracketedSite(
  body: string,
): { address: bigint; function: string; offset: number; size: number; module?: string } | undefined {
  let i = 0;
  while (body.charCodeAt(i) === 32) i++;
  const c = body.charCodeAt(i);
  // N(IP), L(R)
  if (c !== 78 && c !== 76) return undefined;
  const m = BRACKETED_SITE.exec(body);
  if (!m) return undefined;
  return { address: BigInt('0x' + m[1]), function: m[2], offset: parseInt(m[3], 16), size: parseInt(m[4], 16), module: m[5] };
}

// Old arm64 and 32-bit arm name the pc and lr before printing their values: `PC is at func+0x10/0x20 [mod]`.
const NAMED_SITE =
  /^\s*(PC|LR) is at ([A-Za-z_.$][\w.$]*)\+0x([0-9a-f]+)\/0x([0-9a-f]+)(?: \[([\w-]+)(?: [0-9a-f]{20,64})?\])?\s*$/;

/** `PC is at func+0x../0x.. [mod]` or `LR is at ...`: the register it names (`pc`, `lr`) and the symbol of its value. */
/** `PC is at func+off` / `LR is at func+off` (32-bit arm): the register and the symbol. */
export interface NamedSiteLine {
  register: 'pc' | 'lr';
  symbol: SymbolRef;
}

export function parseNamedSite(body: string): NamedSiteLine | undefined {
  let i = 0;
  while (body.charCodeAt(i) === 32) i++;
  const c = body.charCodeAt(i);
  // P(C), L(R)
  if ((c !== 80 && c !== 76) || body.charCodeAt(i + 2) !== 32) return undefined;
  const m = NAMED_SITE.exec(body);
  if (!m) return undefined;
  const symbol: SymbolRef = { name: m[2], offset: parseInt(m[3], 16), size: parseInt(m[4], 16) };
  if (m[5] !== undefined) symbol.module = m[5];
  return { register: m[1] === 'PC' ? 'pc' : 'lr', symbol };
}

/** The function a fault-site line (`RIP:`, `pc :`, `PC is at`) or a lockdep lock-site line names. */
export function siteFunction(body: string): string | undefined {
  const at = body.indexOf(', at: ');
  if (at > 0) return LOCK_SITE.exec(body)?.[1];
  let i = 0;
  while (body.charCodeAt(i) === 32) i++;
  const c = body.charCodeAt(i);
  // R(IP), I(P), E(IP), N(IP), L(R), p(c), l(r), P(C)
  if (c !== 82 && c !== 73 && c !== 69 && c !== 78 && c !== 76 && c !== 112 && c !== 108 && c !== 80) return undefined;
  if (!SITE_LEAD.test(body)) return undefined;
  return SITE_FUNCTION.exec(body)?.[1];
}

// decode_stacktrace.sh's source locations in parentheses, the innermost inlined call first and the
// named function's own line last: `(lib/dump_stack.c:122)`, `(include/linux/notifier.h:207
// net/core/dev.c:10597)`, `(lib/smp_processor_id.c:16 (discriminator 1))`, `(kernel/notifier.c:?)`,
// `(??:?)`. One group: the locations.
const DECODED_LOCATION = String.raw`(?:[\w/.+-]+|\?\?):(?:\d+|\?)(?: \(discriminator \d+\))?`;
const DECODED_LOCATIONS = String.raw`\((${DECODED_LOCATION}(?: ${DECODED_LOCATION})*)\)`;

/**
 * The named function's own source line among decode_stacktrace.sh's locations (`file.c:?` when only
 * its file is known); undefined when nothing is (`??:?`).
 */
function decodedSource(locations: string): string | undefined {
  const places = locations.replace(/ \(discriminator \d+\)/g, '').split(' ');
  const own = places[places.length - 1];
  return own.startsWith('??') ? undefined : own;
}

// ` ? func+0x158/0x188 [module]`, ` [<ffffffff81234567>] func+0x10/0x20`, `  func+0x1/0x2 file.c:12`,
// ` __dump_stack lib/dump_stack.c:77 [inline]`, ` 0xffffffff8248caf3 : func+0xd3/0x150 [kernel] (inexact)`;
// x86_64 before 2.6.25 put a module's name before the function: ` [<ffffffff8813b1cf>] :skge:skge_poll+0x43f/0x570`.
// With CONFIG_STACKTRACE_BUILD_ID a module's build id follows its name (`[ext4 1a2b…]`); arm64 since 6.13
// says where the unwinder took a frame from (` (P)` the pc of an exception's registers, ` (L)` their lr,
// ` (T)` a sleeping task's saved pc, ` (C)` the caller's; `F`/`K`: through ftrace's or a kretprobe's trampoline).
// A function's name: C's, or Rust's demangled (crash's `log -R`): a path (`rust_panic::area_in_hp`), a
// type's method (`<rust_panic::HelloPanic>::step_two`, `<kernel::Arc<T> as core::ops::Drop>::drop`: one level of
// generics inside).
const FUNCTION_NAME = String.raw`(?:[A-Za-z_.$][\w.$]*(?:::[\w.$]+)*|<(?:[^<>\n]|<[^<>\n]*>)+>(?:::[\w.$]+)+)`;
const FRAME = new RegExp(
  String.raw`^\s*(\? )?(?:\[<([0-9a-fA-F]{8,16}|0|\(_*ptrval_*\))>\]\s+)?(\? )?(?::([\w-]+):)?(${FUNCTION_NAME})\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+)(?: \[([\w-]+)(?: [0-9a-f]{20,64})?\])?(?: ${DECODED_LOCATIONS})?(?: ([\w/.+-]+:-?\d+(?::\d+)?))?( \[inline\])?(?: \(([CTPLU]?F?K?)\))?\s*$`,
);
// decode_stacktrace.sh as the 0-day robot (LKP) runs it: the offset replaced by the source
// locations, a module's name after them bare or bracketed: `dump_stack_lvl (lib/dump_stack.c:122)`,
// `? vprintk (kernel/printk/printk_safe.c:?)`, `nfsd_dispatch (fs/nfsd/nfssvc.c:1004) nfsd`.
const DECODED_FRAME = new RegExp(
  String.raw`^\s*(\? )?([A-Za-z_.$][\w.$]*) ${DECODED_LOCATIONS}(?: \[([\w-]+)(?: [0-9a-f]{20,64})?\]| ([\w-]+))?( \[inline\])?(?: \(([CTPLU]?F?K?)\))?\s*$`,
);
// syzbot's inlined frames: its line `-1` where unknown, riscv's and arm64's with the address of the
// frame they are inlined into (`[<ffffffff80062c2c>] __dump_stack lib/dump_stack.c:94 [inline]`), powerpc's
// with its stack slot and that address (`[c00000007a3efbd0] [c0000000002e70c4] offline_css
// kernel/cgroup/cgroup.c:5129 [inline]`), arm64's unwinder mark after them (` (P)`). Groups: the `?`, the
// name, the location.
const INLINE_FRAME =
  /^\s*(\? )?(?:\[<[0-9a-fA-F]{8,16}>\]\s+|\[[0-9a-fA-F]{8,16}\] \[[0-9a-fA-F]{8,16}\] )?([A-Za-z_.$][\w.$]*) ([\w/.+-]+:-?\d+(?::\d+)?) \[inline\](?: \([CTPLU]?F?K?\))?\s*$/;
const PROBE_FRAME =
  /^\s*0x([0-9a-fA-F]{8,16}) : ([A-Za-z_.$][\w.$]*)\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+) \[([\w-]+)\]( \(inexact\))?\s*$/;
const PROBE_ADDRESS_ONLY = /^\s*0x([0-9a-fA-F]{8,16}) \(inexact\)\s*$/;
// 32-bit arm: `[<80df7fb0>] (_raw_spin_lock) from [<803981dc>] (deactivate_slab+0x2a8/0x558)`;
// the first name is this frame, the second its caller (with the return offset). A module's
// function carries its module inside the parentheses: `(fuse_writepages [fuse])`, `(fuse_writepages+0x80/0xe4 [fuse])`.
// The caller may be unnamed: `(0x80489c54)`.
const ARM_FRAME =
  /^\s*\[<([0-9a-fA-F]{8,16})>\] \(([A-Za-z_.$][\w.$]*)(?:\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+))?(?: \[([\w-]+)(?: [0-9a-f]{20,64})?\])?(?: [^)]*)?\) from \[<([0-9a-fA-F]{8,16})>\] \((0x[0-9a-fA-F]+|[A-Za-z_.$][\w.$]*)(?:\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+))?(?: \[([\w-]+)(?: [0-9a-f]{20,64})?\])?(?: [^)]*)?\)\s*$/;
// 32-bit arm since 5.x (arch/arm/kernel/traps.c dump_backtrace_entry without addresses):
// ` cc_do_warning [corpus_crash] from cc_dispatch+0xa0/0xd0 [corpus_crash]`: this frame, then its caller.
const ARM_FROM_FRAME =
  /^\s*([A-Za-z_.$][\w.$]*)(?:\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+))?(?: \[([\w-]+)(?: [0-9a-f]{20,64})?\])? from ([A-Za-z_.$][\w.$]*)\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+)(?: \[([\w-]+)(?: [0-9a-f]{20,64})?\])?\s*$/;
// powerpc: `[c000000049a87a10] [c0000000005f7dc8] exit_aio+0x188/0x2a0 (unreliable)`: stack slot, address.
const POWERPC_FRAME =
  /^\s*\[[0-9a-fA-F]{8,16}\] \[([0-9a-fA-F]{8,16})\] ([A-Za-z_.$][\w.$]*)\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+)(?: \[([\w-]+)(?: [0-9a-f]{20,64})?\])?(?: ([\w/.+-]+\.[a-zA-Z]+:\d+)(?=\s|$))?(?: .*)?$/;
// powerpc xmon's backtrace: `[c000000006f97c70] c000000000304790 .__fput+0x120/0x3b0`: stack slot, address without brackets.
const XMON_FRAME =
  /^\s*\[[0-9a-fA-F]{8,16}\] ([0-9a-fA-F]{8,16}) ([A-Za-z_.$][\w.$]*)\+0x([0-9a-fA-F]+)\/0x([0-9a-fA-F]+)(?: \[([\w-]+)(?: [0-9a-f]{20,64})?\])?\s*$/;

/** A frame after its stack pointer in brackets (POWERPC_FRAME, XMON_FRAME: address, function, offset, size, module; POWERPC_FRAME's source line). */
function bracketedSpFrame(m: RegExpExecArray, body: string, nameFrom: number, unreliable: boolean): ConsoleFrameLine {
  // syzbot's symbolizer puts the source line after it (`… rebuild_sched_domains_locked+0x7b0/0x13a0 kernel/cgroup/cpuset.c:1007`).
  const source = m[6];
  return {
    function: m[2],
    offset: parseInt(m[3], 16),
    size: parseInt(m[4], 16),
    module: m[5],
    address: m[1],
    unreliable,
    inlined: false,
    column: body.indexOf(m[2], nameFrom),
    probe: false,
    ...(source !== undefined && { source }),
  };
}
// Red Hat's 2.4 kernels (their in-kernel ksymoops): `[<c012cdfc>] do_zap_page_range [kernel] 0x37c (0xe0ff5e9c))`,
// the address, the function, its module, the offset and the stack slot it was read from; the first after
// `Call Trace: ` on its line.
const KSYMOOPS_FRAME =
  /^\s*(?:Call Trace:\s*)?\[<([0-9a-fA-F]{8,16})>\] ([A-Za-z_.$][\w.$]*) \[([\w-]+)\] 0x([0-9a-fA-F]+)(?: \(0x[0-9a-fA-F]+\)\)?)?\s*$/;
// Old arm64/x86 form: `[<ffff000008084dd4>] dump_backtrace+0x0/0x1a8` is covered by FRAME; pc-only form:
const ADDRESS_ONLY_FRAME = /^\s*(\? )?\[<([0-9a-fA-F]{8,16})>\]\s+0x[0-9a-fA-F]+\s*$/;

export interface ConsoleFrameLine {
  function: string;
  offset?: number;
  size?: number;
  module?: string;
  address?: string;
  unreliable: boolean;
  inlined: boolean;
  source?: string;
  /** Column of the function name in the body. */
  column: number;
  probe: boolean;
  /** `/proc/PID/stack` (`[<0>] func+0x../0x..`) or klogd (`[func+dec/dec]`): a frame line without indent. */
  unindented?: boolean;
  /** Further frames printed on the same line (klogd's form of old kernels: `[a+1/2] [b+3/4]`). */
  more?: ConsoleFrameLine[];
  /** An old x86_64 stack switch printed before the frame on its line (`<IRQ>`, `<EOI>`, `<NMI>`). */
  contextMarker?: string;
  /** Where arm64's unwinder (6.13+) took the frame from, as its ` (P)`/` (L)`/` (T)`/` (C)` mark says. */
  unwoundFrom?: UnwindSource;
  /** 32-bit arm names the caller on the same line (`(func) from [<addr>] (caller+0x../0x..)`, `func from caller+0x../0x..`). */
  caller?: { function: string; offset?: number; size?: number; address?: string; module?: string };
}

/** arm64's marks of where a frame's pc came from (arch/arm64/kernel/stacktrace.c, state_source_string). */
export type UnwindSource = NonNullable<Frame['unwoundFrom']>;
const UNWIND_SOURCES: Record<string, UnwindSource | undefined> = {
  P: 'exception-pc',
  L: 'exception-lr',
  T: 'task',
  C: 'caller',
  U: 'unknown',
};

function hexOrUndefined(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseInt(text, 16);
}

// s390x prints the r14 of an interrupted frame in parentheses, as an unreliable entry:
// `([<000003ff7fd022b4>] cc_do_warning+0x2c/0x58 [corpus_crash])`.
const PARENTHESISED_FRAME = /^(\s*)\((\[<[0-9a-fA-F]{8,16}>\] .*)\)(\s*)$/;

// Old x86_64 printed the stack switch at the start of the next frame's line: ` <IRQ>  [<ffffffff8108c1a5>] ? func+0x35/0x2a0`.
const LEADING_CONTEXT_MARKER = /^(\s*)<<?(\/?(?:IRQ|NMI|EOI|EOE|#DF|#MC|DB|MCE))>>?(?=\s+\S)/;
// klogd (sysklogd's ksym.c) replaced `<addr>` by the symbol with decimal offset and size:
// `[schedule+16/32]`, `[ext3:journal_commit+123/456]` for a module's symbol.
// Old kernels printed several on a line, after `Call Trace:` or alone.
const KLOGD_LINE = /^\s*(?:Call Trace:\s*)?(?:\[(?:[\w-]+:)?[A-Za-z_.$][\w.$]*\+\d+\/\d+\]\s*)+$/;
const KLOGD_FRAME = /\[(?:([\w-]+):)?([A-Za-z_.$][\w.$]*)\+(\d+)\/(\d+)\]/g;

function parseKlogdFrames(body: string): ConsoleFrameLine | undefined {
  if (!KLOGD_LINE.test(body)) return undefined;
  const frames: ConsoleFrameLine[] = [];
  for (const m of body.matchAll(KLOGD_FRAME)) {
    frames.push({
      function: m[2],
      offset: parseInt(m[3], 10),
      size: parseInt(m[4], 10),
      module: m[1],
      unreliable: false,
      inlined: false,
      column: m.index + 1 + (m[1] === undefined ? 0 : m[1].length + 1),
      probe: false,
      unindented: true,
    });
  }
  const [first, ...more] = frames;
  return more.length > 0 ? { ...first, more } : first;
}

// Amlogic's vendor arm64 kernels print each frame's sp and size before it:
// `[ffffff80201c7800+  32][<ffffff80091f0e2c>] vmalloc_to_page+0xd8/0xe4`.
const SP_SIZE_LEAD = /^\s*\[[0-9a-fA-F]{8,16}\+\s*\d+\](?=\[<)/;

export function parseConsoleFrame(body: string): ConsoleFrameLine | undefined {
  const spSize = body.indexOf('][<') > 0 ? SP_SIZE_LEAD.exec(body) : null;
  // Parsed with the lead blanked, so that columns stay those of the line.
  if (spSize) return parseConsoleFrame(' '.repeat(spSize[0].length) + body.slice(spSize[0].length));
  const lead = body.indexOf('<');
  if (lead >= 0 && lead < 8 && body.charCodeAt(lead + 1) !== 48) {
    const marker = LEADING_CONTEXT_MARKER.exec(body);
    if (marker) {
      // Parsed with the marker blanked, so that columns stay those of the line.
      const inner = parseConsoleFrame(' '.repeat(marker[0].length) + body.slice(marker[0].length));
      return inner && { ...inner, contextMarker: marker[2] };
    }
  }
  if (body.indexOf('+0x') >= 0) {
    const parenthesised = body.charCodeAt(body.search(/\S/)) === 40 ? PARENTHESISED_FRAME.exec(body) : null;
    if (parenthesised) {
      // Parsed in place (parentheses blanked) so that columns stay those of the line.
      const inner = parseConsoleFrame(`${parenthesised[1]} ${parenthesised[2]} ${parenthesised[3]}`);
      return inner && { ...inner, unreliable: true };
    }
    let m = FRAME.exec(body);
    if (m) {
      const module = m[8] === 'kernel' ? undefined : (m[8] ?? m[4]);
      // `/proc/PID/stack` prints `[<0>]` where the address is hidden from the reader.
      const hidden = m[2] === '0';
      // 4.15+ before the hashing key is ready: `[<(ptrval)>]` (`(____ptrval____)` on 64-bit), no address.
      const hashed = m[2]?.startsWith('(') === true;
      const from = m[4] !== undefined ? body.indexOf(`:${m[4]}:`) + m[4].length + 2 : m[2] ? body.indexOf(']') : 0;
      return {
        function: m[5],
        offset: parseInt(m[6], 16),
        size: parseInt(m[7], 16),
        module,
        address: hidden || hashed ? undefined : m[2],
        unindented: hidden || undefined,
        unreliable: Boolean(m[1] || m[3]),
        inlined: Boolean(m[11]),
        source: m[10] ?? (m[9] === undefined ? undefined : decodedSource(m[9])),
        column: body.indexOf(m[5], from),
        probe: false,
        unwoundFrom: m[12] ? UNWIND_SOURCES[m[12][0]] : undefined,
      };
    }
    if (body.indexOf(') from [<') > 0) return parseArmFrame(body);
    if (body.indexOf(' from ') > 0) return parseArmFromFrame(body);
    if (body.indexOf('] [') > 0) {
      m = POWERPC_FRAME.exec(body);
      if (m) return bracketedSpFrame(m, body, body.indexOf('] [') + 3, body.trimEnd().endsWith('(unreliable)'));
    }
    m = body.indexOf('] ') > 0 ? XMON_FRAME.exec(body) : null;
    if (m) return bracketedSpFrame(m, body, body.indexOf('] ') + 2, false);
    m = PROBE_FRAME.exec(body);
    if (m) {
      return {
        function: m[2],
        offset: parseInt(m[3], 16),
        size: parseInt(m[4], 16),
        module: m[5] === 'kernel' ? undefined : m[5],
        address: m[1],
        unreliable: Boolean(m[6]),
        inlined: false,
        column: body.indexOf(m[2], body.indexOf(' : ')),
        probe: true,
      };
    }
    return undefined;
  }
  if (body.indexOf('/') > 0) {
    const klogd = parseKlogdFrames(body);
    if (klogd) return klogd;
  }
  if (body.indexOf(' (') > 0 && body.indexOf(':') > 0) {
    const m = DECODED_FRAME.exec(body);
    if (m) {
      const module = m[4] ?? m[5];
      return {
        function: m[2],
        module: module === 'kernel' ? undefined : module,
        unreliable: Boolean(m[1]),
        inlined: Boolean(m[6]),
        source: decodedSource(m[3]),
        column: body.indexOf(m[2]),
        probe: false,
        unwoundFrom: m[7] ? UNWIND_SOURCES[m[7][0]] : undefined,
      };
    }
  }
  if (body.indexOf('[inline]') >= 0) {
    const m = INLINE_FRAME.exec(body);
    if (m)
      return { function: m[2], unreliable: Boolean(m[1]), inlined: true, source: m[3], column: body.indexOf(m[2]), probe: false };
  }
  if (body.indexOf('(inexact)') >= 0) {
    const m = PROBE_ADDRESS_ONLY.exec(body);
    if (m) return { function: '', address: m[1], unreliable: true, inlined: false, column: body.indexOf('0x'), probe: true };
  }
  if (body.indexOf(') from [<') > 0) return parseArmFrame(body);
  if (body.indexOf('] 0x') > 0) {
    const m = KSYMOOPS_FRAME.exec(body);
    if (m) {
      return {
        function: m[2],
        offset: parseInt(m[4], 16),
        module: m[3] === 'kernel' ? undefined : m[3],
        address: m[1],
        unreliable: false,
        inlined: false,
        column: body.indexOf(m[2], body.indexOf('>]')),
        probe: false,
      };
    }
  }
  if (body.indexOf('[<') >= 0) {
    const m = ADDRESS_ONLY_FRAME.exec(body);
    if (m)
      return { function: '', address: m[2], unreliable: Boolean(m[1]), inlined: false, column: body.indexOf('[<'), probe: false };
  }
  return undefined;
}

function parseArmFrame(body: string): ConsoleFrameLine | undefined {
  const m = ARM_FRAME.exec(body);
  if (!m) return undefined;
  return {
    function: m[2],
    offset: hexOrUndefined(m[3]),
    size: hexOrUndefined(m[4]),
    module: m[5],
    address: m[1],
    unreliable: false,
    inlined: false,
    column: body.indexOf(m[2]),
    probe: false,
    // A caller the kernel could not name (`from [<80489c54>] (0x80489c54)`, the last of an old trace): unnamed, at its address.
    caller: {
      function: m[7].startsWith('0x') ? '' : m[7],
      offset: hexOrUndefined(m[8]),
      size: hexOrUndefined(m[9]),
      address: m[6],
      module: m[10],
    },
  };
}

function parseArmFromFrame(body: string): ConsoleFrameLine | undefined {
  const m = ARM_FROM_FRAME.exec(body);
  if (!m) return undefined;
  return {
    function: m[1],
    offset: hexOrUndefined(m[2]),
    size: hexOrUndefined(m[3]),
    module: m[4],
    unreliable: false,
    inlined: false,
    column: body.indexOf(m[1]),
    probe: false,
    caller: { function: m[5], offset: hexOrUndefined(m[6]), size: hexOrUndefined(m[7]), module: m[8] },
  };
}

// 2.6–3.x x86_64 ends an exception stack's frames with `<EOE>` (`<<EOE>>` in some releases).
const CONTEXT_MARKER = /^\s*<<?\/?(IRQ|NMI|TASK|SOFTIRQ|EOI|EOE|#DF|#MC|DB|MCE)>>?\s*$/;

/** `<IRQ>` → `IRQ`, `</IRQ>` → `/IRQ`. */
export function parseContextMarker(body: string): string | undefined {
  const m = CONTEXT_MARKER.exec(body);
  if (!m) return undefined;
  return contextName(body.includes('</') ? '/' + m[1] : m[1]);
}

/**
 * A stack-switch marker as a frame context: old x86_64's `<EOI>` is the way back to the task's stack,
 * like `</IRQ>`, and `<EOE>` the way back from an exception stack (NMI, double fault, debug, MCE).
 */
export function contextName(marker: string): string {
  return marker === 'EOI' ? '/IRQ' : marker === 'EOE' ? '/NMI' : marker;
}

// Headings of the stacks a report prints besides its own call trace, each a trace of its own:
// KASAN/KFENCE allocation and free stacks and work creation, KMSAN origins, KCSAN's accesses,
// lockdep's dependency chain (`-> #1 (&lock){+.+.}-{3:3}:`) and lock usage (`INITIAL USE at:`,
// `... acquired at:`), where preemption was disabled or a lock released, and the stacks of
// other CPUs and tasks (NMI backtraces, RCU stall dumps).
const TRACE_SECTION =
  /^\s*(?:(?:Allocated|Freed|allocated|freed)(?: by task \d+.*)?:|Preemption disabled at:|page last allocated via .*|page last free(?: pid \d+(?: tgid \d+)?)? stack trace:|\S+ is trying to release lock .* at:|(?:Last|Second to last) potentially related work creation:|Uninit was (?:created|stored to memory) at:|Local variable .* created at:|(?:read|write|read-write)(?: \(marked\))? to 0x[0-9a-f]+ of \d+ bytes by (?:task \d+|interrupt) on cpu \d+:|-> #\d+ \(.*[}):]|\.\.\. (?:acquired|which became [\w-]+) at:|(?:INITIAL(?: READ)? USE|[A-Z]+-[A-Z-]+-[RW]|\{[\w-]+\} state was registered) at:|NMI backtrace for cpu \d+|Task dump for CPU \d+:|(?:rcu: )?RCU grace-period kthread stack dump:|INFO: task \S+ (?:is )?blocked on an? [\w-]+ likely (?:last held|owned) by task \S+?\.?)\s*$/;
// The heading of lockdep's own stack, after its chains and lock lists.
const OWN_TRACE = /^\s*stack backtrace:\s*$/;

// Sections that show a stack running when the report printed, not one recorded earlier (the panic
// a report caused prints the stack it panicked on; a hung task's report, since 6.15, the stack of the
// task that holds the lock it waits for).
const LIVE_STACK =
  /^(?:NMI backtrace for cpu|Task dump for CPU|(?:rcu: )?RCU grace-period kthread|(?:read|write|read-write)(?: \(marked\))? to 0x|Kernel panic - not syncing|INFO: task \S+ (?:is )?blocked on)/;

/** Whether a trace section (its heading) is a stack running at the time, rather than a record of an earlier one. */
export function isLiveStack(heading: string): boolean {
  return LIVE_STACK.test(heading);
}

/**
 * Whether a trace section is one a report prints before its own call trace (a sleeping-in-atomic
 * BUG's `Preemption disabled at:`, page_owner's stacks of a bad page), so that a `Call Trace:` after
 * it is the report's again.
 */
export function precedesOwnTrace(heading: string): boolean {
  return heading.startsWith('Preemption disabled at') || heading.startsWith('page last ');
}

/**
 * The context of the frames under a trace section's heading that records an earlier stack of the
 * report's object: `allocated` and `freed` (KASAN/KFENCE), `aux` (work creation); undefined for others.
 */
export function recordedStackContext(heading: string): 'allocated' | 'freed' | 'aux' | undefined {
  const c = heading.charCodeAt(0) | 0x20;
  // a(llocated), f(reed)
  if (c === 97 && /^(?:Allocated|allocated)/.test(heading)) return 'allocated';
  if (c === 102 && /^(?:Freed|freed)/.test(heading)) return 'freed';
  // p(age last …): page_owner's record of a bad page's last allocation and free.
  if (c === 112 && heading.startsWith('page last ')) return heading.startsWith('page last allocated') ? 'allocated' : 'freed';
  return /potentially related work/.test(heading) ? 'aux' : undefined;
}

/**
 * The heading of a trace section a line starts (trimmed, without its colon); '' when the line
 * goes back to the report's own stack (`stack backtrace:`); undefined for other lines.
 */
export function traceSectionHeading(body: string): string | undefined {
  if (OWN_TRACE.test(body)) return '';
  if (!TRACE_SECTION.test(body)) return undefined;
  const heading = body.trim();
  return heading.endsWith(':') ? heading.slice(0, -1) : heading;
}

export function isCallTraceMarker(body: string): boolean {
  // kmemleak prints `backtrace:` or `backtrace (crc 1a2b3c4d):`.
  return /^\s*(?:Call [Tt]race|Backtrace|Exception stack\(.*\)|stack backtrace|backtrace(?: \(crc [0-9a-f]+\))?):?\s*$/.test(
    body,
  );
}

export function isEndTrace(body: string): boolean {
  return body.startsWith('---[ end ');
}

/**
 * Console lines that belong to a report without being frames or registers; also old x86's (2.6–3.x):
 * `Pid: 598, comm: …` (its CPU line), i386's `EIP: 0060:[<…>] EFLAGS: …`, `EIP is at …`, `DR0: …`,
 * `Process sh (pid: 598, ti=… task=…)` (32-bit arm's `Process sh (pid: 1, stack limit = 0x…)`), the
 * rows of stack words under `Stack:` (2.6.3x printed KERN_DEFAULT as `<d>` before some), `last sysfs
 * file:`, `CPU 1 `, and the closing `RIP  [<…>] func` / ` RSP <…>`. A hung task's `"echo 0 > …" disables` and task
 * state lines, powerpc's `Faulting instruction address:` and `LE PAGE_SIZE=…`, an RCU stall's `0-...: (…)`
 * and `(detected by 3, t=…)`, 32-bit arm's `pgd = …`, `Flags: nZCv …`, `Control: …`, `Stack: (0x… to 0x…)`,
 * and an indented `Tainted:` (mips).
 */
const REPORT_DETAIL =
  /^(?:"echo 0 > \/proc\/sys\/kernel\/hung_task_timeout_secs" disables|\s*task:\S.* state:\w |\S+ +[RDSTtXZIP][+<N]* +(?:running task +)?(?:[0-9a-f]{8,16} +)?\d+ +\d+ +\d+ 0x[0-9a-f]+\s*$|Faulting instruction address: |[BL]E PAGE_SIZE=|\s+\d+-[.0-9a-zA-Z]{3,}: \(|\s+\(detected by \d+, t=|pgd = [0-9a-f]+\s*$|[0-9a-f]{4}: (?:[0-9a-f]{8} ?){1,8}\s*$|\[[0-9a-f]+\] \*pgd=|Flags: [NnZzCcVv]{4} |Control: [0-9a-f]+ |Stack: \(0x|\s+(?:Not tainted|Tainted: )|\d+\.\d+\S* #\S+ (?:Not tainted|Tainted: )|Pid: \d+, comm: |(?:E|R|)IP: |(?:E|R)IP  \[<|\s*[ER]SP <|EIP is at |DR[0-7]: |last sysfs file: |CPU \d+ *$|Process \S.* \(pid: \d+, |(?:<[0-7d]>)?\s+[0-9a-f]{8}(?:[0-9a-f]{8})?(?: (?:[0-9a-f]{8}(?:[0-9a-f]{8})?|<[0-9a-f]{8}(?:[0-9a-f]{8})?>))+\s*$|CPU: \d+|Hardware name:|Modules linked in:|Code: |Tainted:|pstate: |Workqueue: |RIP: |Comm: |Kernel Offset:|CPU features:|Memory Limit:|#PF: |PGD |P4D |PUD |PMD |PTE |Mem abort info:|Data abort info:|  (?:ESR|EC|SET|FnV|EA|S1PTW|FSC|ISV|ISS|SAS|SSE|SRT|SF|AR|CM|WnR|TnD|TagAccess|GCS|Xs) |user pgtable:|swapper pgtable:|\[[0-9a-f]+\] pgd=|---\[ end |------------\[ cut here \]|Dumping ftrace buffer|\s+\(ftrace buffer empty\)|Call trace:|Call Trace:|Stack:|Freed by task|Allocated by task|Last potentially related work|Last Breaking-Event-Address:|Second to last potentially|The buggy address|Memory state around|The address belongs|\s*[>]?[0-9a-f]{16}: [0-9a-f]{2}|irq event stamp:|hardirqs last|softirqs last|other info that might help|Possible unsafe locking|\s*CPU\d*\s+CPU\d*|\s*----\s+----|\s*lock\(|\s*\*\*\* DEADLOCK|\d+ locks? held by|\s*#\d+: |stack backtrace:|Showing all locks held|NMI backtrace for cpu|Sending NMI from CPU|rcu: |Read of size|Write of size|page:|flags: |raw: |page dumped because|page_owner|Kernel panic|Rebooting in|Shutting down cpus|Bye!|Starting crashdump kernel)/;

export function isReportDetail(body: string): boolean {
  return REPORT_DETAIL.test(body);
}
