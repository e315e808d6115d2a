import { caps, inc, literalAhead, uncaptured, type Rule, type RuleSet } from '../grammar';
import { shape } from '../merge';
import { groupsFrom, SHORT_INDENT, SOURCE_LOCATION, SYMBOL_OFFSET_SIZE, SYMBOL_OFFSET_SIZE_MODULE, WORD_TOKEN } from './tokens';

/** A 32-bit ARM frame's function: `name`, `name+0xoff/0xsize`, either with ` [module]` (SYMBOL_OFFSET_SIZE_MODULE's eight groups). */
const ARM_FRAME_SYMBOL = String.raw`([A-Za-z_.$][\w.$]*+)(?:(\+)(0x\h++)(/)(0x\h++))?(?:[ \t]++(\[)([\w.-]++)(\]))?`;
const ARM_ADDRESS_SCOPES = [
  'punctuation.definition.begin.crashlog',
  'constant.numeric.hex.address.text.crashlog',
  'punctuation.definition.end.crashlog',
];

/** `func+0xoff/0xsize`, then a `[module]` and a `path/file.c:123` (syzbot's symbolized traces) when there. */
const FRAME_SITE = String.raw`${SYMBOL_OFFSET_SIZE}(?:[ \t]++(\[)([\w.-]++)(\]))?(?:[ \t]++${SOURCE_LOCATION})?`;
const FRAME_SITE_SCOPES = [
  ...SYMBOL_OFFSET_SIZE_MODULE,
  'string.unquoted.path.crashlog',
  'punctuation.separator.line-number.crashlog',
  'constant.numeric.decimal.line-number.crashlog',
];

/**
 * Plain bytes (or words) of a `Code:` line in a row, each a word of its own, one blank-separated run:
 * one token, the blanks inside it included (a token per byte cost x86's 64-byte line 64 scopes pushed).
 */
const CODE_RUN = String.raw`\h++(?![\w.])(?:[ \t]++\h++(?![\w.]))*+`;
/** The faulting byte or word of a `Code:` line, in `<…>` or `(…)`. */
const CODE_FAULTING = String.raw`<\h++>|\(\h++\)`;
/** A byte anywhere in the rest of a line (code-bytes searches for it): a plain one must stand alone as a word. */
const CODE_BYTE_TOKEN = String.raw`(?:(<\h++>|\(\h++\))|(?<![\w.])(\h++)(?![\w.]))`;
const CODE_BYTE_SCOPES = ['invalid.illegal.faulting-instruction.crashlog', 'constant.numeric.hex.crashlog'];
/** Bytes one scan of code-bytes takes. */
const CODE_BYTES_PER_SCAN = 12;

/** `piece` up to `count` times in a row, each after the one before it (nested, so a failure backs out in one step). */
function nested(piece: string, count: number): string {
  return `${`(?:${piece}`.repeat(count)}${')?'.repeat(count)}`;
}

// The pieces of a console prefix, as the parser reads them (server/src/analysis/parse/console/lines.ts):
// a log level (`<4>`, a syslog priority `<14>`), printk's seconds (trimmed by hand, `[  240.]`, or with
// Amlogic's CPU, `[ 6020.023137@0]`) and a caller id (`[ T123]`, `[ C 1]`, a vendor kernel's `[pid:10974,cpu1,grep]`).
const LOG_LEVEL = String.raw`(?:<\d++>)?`;
const PRINTK_SECONDS = String.raw`\d++\.\d*+(?:@\d++)?`;
// Right after the timestamp's `]`, or after a blank (LKP's `[   27.968126] [    T399] `).
const CALLER_ID = String.raw`(?: ?(\[[ \t]*+[TC][ \t]*+\d++\]|\[pid:\d++,cpu\d++,[^\]\n]*+\]))?`;
/** A printk timestamp and caller id (groups 1 and 2) and one blank: how the whole-line fast paths of timestamped lines start. */
export const PRINTK_LINE_START = String.raw`\G[ \t]*+${LOG_LEVEL}(\[[ \t]*+${PRINTK_SECONDS}\])${CALLER_ID}[ \t]?`;
/**
 * What a log adds in front of a printk timestamp, as the console parser reads it: `dmesg -x`'s facility
 * and level (`kern  :warn  : `), a fuzzer's or CI runner's clock (`2018/01/09 14:28:48 `, `16:56:35 `, a console
 * logger's with the machine's name: `2024/07/23 18:01:21 [M83LP63]: `, LAVA's
 * line number before it: `1477 09:14:46.976626 `, a capture's ISO time: `2023-01-28T13:02:16.334241+01:00 `), a
 * serial capture's (`[22:22:59:905] `), a serial logger's against it (`0410_03-08-12.384[`), an editor's line number
 * (`  11748 [46223316.661106] `), and the console's note of lost messages.
 */
const PRINTK_LEAD = String.raw`(?:kern|user|mail|daemon|auth|authpriv|syslog|lpr|news|uucp|cron|ftp|local[0-7]) *+:(?:emerg|alert|crit|err|warn|notice|info|debug) *+:|\d{1,7}(?=[ \t]++(?:<\d++>)?\[[ \t]*+\d)|(?:\d{4}/\d\d/\d\d |\d{4}-\d\d-\d\dT|\d{1,8} ++)?\d\d:\d\d:\d\d(?:[.,]\d++)?(?:Z|[+-]\d\d:?\d\d)?(?: \[[\w.-]++\]:)?|\[\d\d:\d\d:\d\d(?:[.,:]\d++)?\]|\d{4}_\d\d[-:]\d\d[-:]\d\d(?:[.,]\d++)?|\*\* \d++ printk messages dropped \*\*`;
/** dmesg's own stamps, as the console parser reads them: `-T` (`Mon Nov 23 01:07:26 2026`), `-H`/`-e` (`Mar 8 17:07`, `Nov22 01:07`, `+0.000005`), `-d` (`123.456789 <    0.000005>`). */
const DMESG_STAMP = String.raw`[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}|[A-Z][a-z]{2} {0,2}\d{1,2} \d\d:\d\d(?::\d\d)?|\+\d++\.\d++|\d++\.\d++ <[ 	]*+\d++\.\d++>`;
/** A shell's prompt the console printed a kernel message right after (`[root@host ~]# [  41.06] …`, `root@box:~# `, `# `, `$ `). */
const SHELL_PROMPT_LEAD = String.raw`(?:\[[^\]\n]*+\]|[\w.-]++@[\w.-]++(?::[^\s#$]*+)?)?[#$] ?(?=\[[ \t]*+\d++\.\d)`;
const PRINTK_SCOPES = ['comment.other.timestamp.crashlog', 'comment.other.caller-id.crashlog'];
/**
 * The commonest console prefix: a printk timestamp right at the line start and a caller id (groups 1
 * and 2), then one blank, as console-prefixed-line reads them. Lines starting so enter their body's
 * family from the document's list (dispatch.ts, PRINTK_FAMILIES); its `[` is all another line pays.
 */
export const PRINTK_AT_LINE_START = String.raw`\G(?>(\[[ \t]*+${PRINTK_SECONDS}\])${CALLER_ID}[ \t]?)`;
/** `journalctl -o short-monotonic`'s host (left out with --no-hostname) and `kernel:` after the printk timestamp. */
const JOURNAL_HOST_NAME = String.raw`(?:[^\s\[\]]++ )?kernel:`;
/** JOURNAL_HOST_NAME and its blank, at a console body's start (`[ 12.3] host kernel: `), group 3. */
export const JOURNAL_HOST = String.raw`(?>(?:(${JOURNAL_HOST_NAME})[ \t])?)`;
export const PRINTK_AT_LINE_START_CAPTURES = caps({ 1: PRINTK_SCOPES[0], 2: PRINTK_SCOPES[1], 3: PRINTK_SCOPES[0] });
/**
 * How far into a line the literal that a console prefix needs may be (the `[` of its printk timestamp, the
 * `kern` of a system log's `kernel:`, a log level's `<`): a line without it fails the prefix's rule
 * unentered (literalAhead), an indented one included.
 * The longest prefixes before them (a shell prompt, a clock, a syslog stamp and host) take under 100.
 */
const CONSOLE_PREFIX_REACH = 256;
/** What follows a console prefix: the rest of the line is a console line body (a rule's own copy). */
const consoleBody = (): Rule => ({
  end: String.raw`(?=\n)`,
  patterns: [
    inc('console-body-lower'),
    inc('console-body-upper'),
    inc('console-body-digit'),
    inc('console-body-punct'),
    inc('generic-rest'),
  ],
});

/**
 * Whole-line fast paths of timestamped lines (each written as PRINTK_LINE_START and a body) as one
 * regex that reads the prefix once, then tries each body in their order: as separate branches, a
 * console line none of them takes read its prefix once for each (about 0.3 µs a time). The prefix
 * is atomic: no body can start inside it (none starts with `[ T`), so the matches are the same.
 */
export function sharedPrintkStart(rules: Rule[]): Rule {
  const branches: string[] = [];
  const captures = caps({ 1: PRINTK_SCOPES[0], 2: PRINTK_SCOPES[1] });
  let groups = 2;
  for (const rule of rules) {
    if (!rule.match?.startsWith(PRINTK_LINE_START) || rule.name !== undefined)
      throw new Error(`grammar: not a timestamped fast path: ${rule.match?.slice(0, 40)}`);
    const body = rule.match.slice(PRINTK_LINE_START.length);
    for (const [group, capture] of Object.entries(rule.captures ?? {})) {
      const n = Number(group);
      if (n <= 2 && capture.name !== PRINTK_SCOPES[n - 1]) throw new Error(`grammar: group ${n} is not the printk prefix's`);
      if (n > 2) captures[String(n - 2 + groups)] = capture;
    }
    branches.push(`(?:${body})`);
    groups += shape(body).groups;
  }
  return { match: `\\G(?>${PRINTK_LINE_START.slice(2)})(?:${branches.join('|')})`, captures };
}

/** What a report's first line starts with (after an optional `name: ` such as a driver's). */
const REPORT_WORDS = [
  'WARNING',
  'BUG',
  'INFO',
  'Oops',
  'kernel BUG',
  'Internal error',
  'general protection fault',
  'Kernel panic - not syncing',
  '[Uu]nable to handle kernel',
  'divide error',
  'invalid opcode',
  'stack segment',
  'double fault',
  'UBSAN',
  'KASAN',
  'KMSAN',
  'KCSAN',
  'KFENCE',
  'ODEBUG',
  'Bad page',
  'BUG kmalloc',
  'kernel tried to execute',
  'watchdog: BUG',
];
const reportFirstChars = [
  ...new Set(REPORT_WORDS.flatMap((word) => [...(word.startsWith('[') ? word.slice(1, word.indexOf(']')) : word[0])])),
].join('');
/**
 * A report's heading at this position. The class of first characters in front of the words lets a
 * line that starts with none of them fail at once instead of trying every word (a console line pays
 * this check up to three times: two fast paths and the heading rule).
 */
export const REPORT_HEADING = String.raw`(?:[\w-]++: )?(?=[${reportFirstChars}])(?:${REPORT_WORDS.join('|')})\b`;

export const consoleRules: RuleSet = {
  'console-prefixed-line': {
    comment:
      "A printk timestamp with what a log adds in front of it (a shell prompt, dmesg -x's facility, a clock: PRINTK_LEAD), a dmesg stamp, a caller id and journalctl -o short-monotonic's `host kernel:`; the rest of the line is a console line body.",
    begin: String.raw`${literalAhead('[', CONSOLE_PREFIX_REACH)}${SHORT_INDENT}(?:(${SHELL_PROMPT_LEAD})|(${PRINTK_LEAD})[ \t]*+)?${LOG_LEVEL}(\[[ \t]*+(?:${PRINTK_SECONDS}|${DMESG_STAMP})\])${CALLER_ID}(?>(?:[ \t](${JOURNAL_HOST_NAME}))?)[ \t]?`,
    beginCaptures: caps({
      1: 'keyword.other.prompt.shell.crashlog',
      2: 'comment.other.timestamp.crashlog',
      3: 'comment.other.timestamp.crashlog',
      4: 'comment.other.caller-id.crashlog',
      5: 'comment.other.timestamp.crashlog',
    }),
    ...consoleBody(),
  },
  'console-syslog-line': {
    comment:
      'A system log stamp (syslog, journalctl, ISO, OpenWrt logread) and `kernel:`, with its own printk timestamp or none; the rest of the line is a console line body.',
    // A system log's stamp as the parser reads it: the month in the reader's language (`июл`, `8月`), fractional seconds
    // (journalctl -o short-precise), no host or a remote sender's address before it, journalctl's
    // short-full (weekday, ISO date, time; the zone a word before the host) and short-unix (seconds).
    begin: String.raw`${literalAhead('kern', CONSOLE_PREFIX_REACH)}${SHORT_INDENT}((?:(?:(?:[A-Z][a-z]{2} )?[^\s\d.:\[\]<>]{2,5}\.?|1?\d[月월]) (?:[ \d]\d|\d{4}-\d\d-\d\d) \d\d:\d\d:\d\d(?:\.\d++)?|\d{4}(?:-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d++)?(?:Z|[+-]\d\d:?\d\d)?|\d{5,6}\.\d{6})) (?:\S++ ){0,2}(?:kernel|kern\.[a-z]++):)(?:[ \t]${LOG_LEVEL}(\[[ \t]*+${PRINTK_SECONDS}\])${CALLER_ID})?[ \t]?`,
    beginCaptures: caps({
      1: 'comment.other.timestamp.crashlog',
      2: 'comment.other.timestamp.crashlog',
      3: 'comment.other.caller-id.crashlog',
    }),
    ...consoleBody(),
  },
  'console-log-level-line': {
    // A log level with no timestamp (/proc/kmsg, a kernel without CONFIG_PRINTK_TIME): `<4>Call Trace:`.
    comment: 'A log level alone (`<4>`); the rest of the line is a console line body.',
    begin: String.raw`${literalAhead('<', CONSOLE_PREFIX_REACH)}${SHORT_INDENT}(<\d{1,3}+>)[ \t]?`,
    beginCaptures: caps({ 1: 'comment.other.timestamp.crashlog' }),
    ...consoleBody(),
  },
  'console-end-trace': {
    match: String.raw`(?:^|\G)[ \t]*+(---\[[ \t]end\b[^\]\n]*+\]---)`,
    captures: caps({ 1: 'markup.heading.end-trace.crashlog' }),
  },
  'console-cut-here': {
    match: String.raw`(?:^|\G)[ \t]*+(-{3,}\[ cut here \]-{3,})`,
    captures: caps({ 1: 'markup.heading.cut-here.crashlog' }),
  },
  'console-separator': {
    match: String.raw`(?:^|\G)[ \t]*+(={10,}|-{20,})[^\S\n]*+$`,
    captures: caps({ 1: 'markup.heading.separator.crashlog' }),
  },
  'console-report-heading': {
    comment:
      'Lockdep and other reports of 2.6–3.x kernels bracket their heading: `[ INFO: possible recursive locking detected ]`.',
    begin: String.raw`(?:^|\G)[ \t]*+(?=(?:\[ )?${REPORT_HEADING})`,
    end: String.raw`(?=\n)`,
    name: 'markup.heading.report.crashlog',
    patterns: [inc('pasted-note'), inc('source-location'), inc('function-offset-hex'), inc('module-name'), inc('generic-tokens')],
  },
  'console-cpu-line-fast': {
    comment:
      "The commonest CPU line, `CPU: 1 PID: 4070 Comm: sh Not tainted 6.1.0 #1` or `… Tainted: G    B  …`, in one match with console-cpu-line's scopes; a line whose rest could hold another of its tokens goes to console-cpu-line.",
    match: String.raw`(?:^|\G)[ \t]*+(CPU)(:) (\d++) (PID)(:) (\d++) (Comm)(:) (\S++)(?: (Not tainted)\b| (Tainted)(:) ([A-Z](?:[ \t]*+[A-Z])*+))?(?:(?!CPU:|PID:|Comm:|Tainted:|Kdump:|Not tainted)[^\n])*+$`,
    name: 'meta.cpu-line.crashlog',
    captures: caps({
      1: 'keyword.other.field.crashlog',
      2: 'punctuation.separator.key-value.crashlog',
      3: 'constant.numeric.decimal.crashlog',
      4: 'keyword.other.field.crashlog',
      5: 'punctuation.separator.key-value.crashlog',
      6: 'constant.numeric.decimal.crashlog',
      7: 'keyword.other.field.crashlog',
      8: 'punctuation.separator.key-value.crashlog',
      9: 'string.unquoted.command.crashlog',
      10: 'comment.other.not-tainted.crashlog',
      11: 'keyword.other.field.crashlog',
      12: 'punctuation.separator.key-value.crashlog',
      13: 'constant.language.taint.crashlog',
    }),
  },
  'console-cpu-line': {
    begin: String.raw`(?:^|\G)[ \t]*+(?=CPU: \d++ PID: \d++)`,
    end: String.raw`(?=\n)`,
    name: 'meta.cpu-line.crashlog',
    patterns: [
      {
        match: String.raw`\b(CPU|PID|Comm|Tainted|Kdump)(:)`,
        captures: caps({ 1: 'keyword.other.field.crashlog', 2: 'punctuation.separator.key-value.crashlog' }),
      },
      {
        match: String.raw`(?<=CPU: |PID: )\d++`,
        name: 'constant.numeric.decimal.crashlog',
      },
      {
        match: String.raw`(?<=Comm: )\S++`,
        name: 'string.unquoted.command.crashlog',
      },
      {
        match: String.raw`(?<=Tainted: )[A-Z](?:[ \t]*+[A-Z])*+`,
        name: 'constant.language.taint.crashlog',
      },
      {
        match: String.raw`\bNot tainted\b`,
        name: 'comment.other.not-tainted.crashlog',
      },
    ],
  },
  'console-hardware-name': {
    match: String.raw`(?:^|\G)[ \t]*+(Hardware name)(:)[ \t]*+([^\n]*+)`,
    captures: caps({
      1: 'keyword.other.field.crashlog',
      2: 'punctuation.separator.key-value.crashlog',
      3: 'string.unquoted.hardware.crashlog',
    }),
  },
  'console-modules-linked-in': {
    begin: String.raw`(?:^|\G)[ \t]*+(Modules linked in)(:)`,
    end: String.raw`(?=\n)`,
    beginCaptures: caps({ 1: 'keyword.other.field.crashlog', 2: 'punctuation.separator.key-value.crashlog' }),
    patterns: [
      {
        match: String.raw`(\[)(last unloaded)(:)`,
        captures: caps({ 1: 'punctuation.definition.begin.crashlog', 2: 'keyword.other.field.crashlog' }),
      },
      {
        match: String.raw`(?<![\w.-])([\w-]++)(?:(\()([A-Z+-]++)(\)))?`,
        captures: caps({
          1: 'entity.name.namespace.module.crashlog',
          2: 'punctuation.definition.begin.crashlog',
          3: 'constant.character.taint.crashlog',
          4: 'punctuation.definition.end.crashlog',
        }),
      },
    ],
  },
  'console-trace-heading': {
    match: String.raw`(?:^|\G)[ \t]*+(Call [Tt]race|Backtrace|stack backtrace|Exception stack|Allocated by task \d++|Freed by task \d++|Last potentially related work creation|Second to last potentially related work creation|Memory state around the buggy address)(:)`,
    captures: caps({ 1: 'keyword.control.call-trace.crashlog', 2: 'punctuation.separator.key-value.crashlog' }),
  },
  'console-section-heading': {
    comment:
      'Headings of the stacks a report prints besides its own trace: NMI backtraces and task dumps of other CPUs, KFENCE/KMSAN stacks, lockdep lock usage and where preemption was disabled.',
    match: String.raw`(?:^|\G)[ \t]*+(NMI backtrace for cpu \d++|Task dump for CPU \d++|(?:allocated|freed) by task \d++[^:\n]*+|Uninit was (?:created|stored to memory) at|Preemption disabled at|\.\.\. (?:acquired|which became [\w-]++) at|INITIAL(?: READ)? USE at|[A-Z]++-[A-Z-]++-[RW] at|\{[\w-]++\} state was registered at)(:)?[ \t]*+$`,
    captures: caps({ 1: 'keyword.control.call-trace.crashlog', 2: 'punctuation.separator.key-value.crashlog' }),
  },
  'console-lock-chain': {
    comment: "A link of lockdep's dependency chain, `-> #1 (&lock){+.+.}-{3:3}:`, before the stack that took the lock.",
    match: String.raw`(?:^|\G)[ \t]*+(->[ \t]#\d++)[ \t](\()([^\n]*?)(\))(\{[^}\n]*+\}(?:-\{\d++:\d++\})?)?(:)[ \t]*+$`,
    captures: caps({
      1: 'keyword.control.call-trace.crashlog',
      2: 'punctuation.definition.begin.crashlog',
      3: 'string.unquoted.lock-name.crashlog',
      4: 'punctuation.definition.end.crashlog',
      5: 'constant.other.lock-state.crashlog',
      6: 'punctuation.separator.key-value.crashlog',
    }),
  },
  'console-held-lock': {
    comment:
      'A lock lockdep lists as held, old and new forms: `#0:  (&f->f_pos_lock){+.+.+.}, at: [<ffffffff815cf9ef>] __fdget_pos+0x9f/0xc0`, `#5: ffff888106a71460 (&q->lock#7){+.+.}-{0:0}, at: nbd_start_device+0x16c/0xac0`, and the lock alone in a circular-dependency report; in one match, the `[<address>]` scoped as console-frame scopes it (the generic `<sym>` token read it as a function name).',
    match: String.raw`(?:^|\G)[ \t]*+(?:#\d++:[ \t]++)?(?:(\h{8,16})[ \t]++)?(\()([^\n]*?)(\))(\{[^}\n]*+\}(?:-\{\d++:\d++\})?), at:[ \t]++(?:(\[<)(\h++)(>\])[ \t]++)?${FRAME_SITE}[ \t]*+$`,
    captures: caps({
      1: 'constant.numeric.hex.address.crashlog',
      2: 'punctuation.definition.begin.crashlog',
      3: 'string.unquoted.lock-name.crashlog',
      4: 'punctuation.definition.end.crashlog',
      5: 'constant.other.lock-state.crashlog',
      6: 'punctuation.definition.begin.crashlog',
      7: 'constant.numeric.hex.address.text.crashlog',
      8: 'punctuation.definition.end.crashlog',
      ...groupsFrom(9, FRAME_SITE_SCOPES),
    }),
  },
  'console-stack-word': {
    comment:
      "A word of the stack dump x86's frame-pointer unwinder prints after `unwind stack type:…`: `(ptrval): ffffffff812c80ee (__save_stack_trace+0x6e/0xd0)`, `(ptrval): ffff8801daf06c10 (0xffff8801daf06c10)`, `(ptrval): 0000000000000000 ...`; in one match, with the generic tokens' scopes.",
    match: String.raw`(?:^|\G)[ \t]*+\(ptrval\):[ \t]++(\h{8,16})[ \t]++(?:\((?:${WORD_TOKEN})\)|\.\.\.)[ \t]*+$`,
    captures: caps({
      1: 'constant.numeric.hex.address.crashlog',
      ...groupsFrom(2, SYMBOL_OFFSET_SIZE_MODULE.slice(0, 5)),
      7: 'constant.numeric.hex.address.crashlog',
      8: 'constant.numeric.hex.crashlog',
    }),
  },
  'console-shadow-row': {
    comment:
      "A row of KASAN's shadow memory dump, `>ffff88804c251100: fa fb fb …` (16 shadow bytes, `>` marking the row of the bad access), in one match with memory-dump-line's scopes.",
    match: String.raw`(?:^|\G)[ \t]*+(>)?(\h{8}(?:\h{8})?)(:)${' (\\h\\h)'.repeat(16)}[ \t]*+$`,
    name: 'meta.memory-line.crashlog',
    captures: caps({
      1: 'keyword.operator.marker.crashlog',
      2: 'variable.other.constant.address.crashlog',
      3: 'punctuation.separator.key-value.crashlog',
      ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [4 + i, 'constant.numeric.hex.crashlog'])),
    }),
  },
  'console-named-site': {
    comment: 'Old arm64 and 32-bit arm name the pc and lr before their values: `PC is at cc_do_null+0x10/0x20 [corpus_crash]`.',
    begin: String.raw`(?:^|\G)[ \t]*+(PC|LR)[ \t]++(is at)(?=[ \t])`,
    end: String.raw`(?=\n)`,
    name: 'meta.registers.crashlog',
    beginCaptures: caps({ 1: 'variable.other.register.crashlog', 2: 'keyword.other.field.crashlog' }),
    patterns: [inc('function-offset-hex'), inc('module-name'), inc('generic-tokens')],
  },
  'console-context-marker': {
    comment:
      'A stack switch marker, and the frame old x86_64 kernels print after it on the same line (`<IRQ>  [<ffffffff8108c1a5>] ? run_timer_softirq+0x35/0x2a0`).',
    begin: String.raw`(?:^|\G)[ \t]*+(<<?/?(?:IRQ|TASK|NMI|SOFTIRQ|EOI|EOE|#DF|DB|MCE|VE|VC)>>?)`,
    end: String.raw`(?=\n)`,
    beginCaptures: caps({ 1: 'keyword.control.stack-switch.crashlog' }),
    patterns: [inc('console-unreliable-frame'), inc('console-frame')],
  },
  'klogd-frame': {
    comment:
      'A frame as klogd rewrote it: `[schedule+16/32]`, `[ext3:journal_commit+123/456]` (module first, decimal offset and size).',
    match: String.raw`(\[)(?:([\w.-]++)(:))?([A-Za-z_.$][\w.$]*+)(\+)(\d++)(/)(\d++)(\])`,
    name: 'meta.frame.crashlog',
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'entity.name.namespace.module.crashlog',
      3: 'punctuation.separator.module.crashlog',
      4: 'entity.name.function.crashlog',
      5: 'keyword.operator.offset.crashlog',
      6: 'constant.numeric.decimal.offset.crashlog',
      7: 'punctuation.separator.size.crashlog',
      8: 'constant.numeric.decimal.size.crashlog',
      9: 'punctuation.definition.end.crashlog',
    }),
  },
  'klogd-frames-line': {
    comment: "A line of klogd's frames, several to a line.",
    begin: String.raw`(?:^|\G)[ \t]*+(?=\[(?:[\w.-]++:)?[A-Za-z_.$][\w.$]*+\+\d++/\d++\])`,
    end: String.raw`(?=\n)`,
    patterns: [inc('klogd-frame')],
  },
  'klogd-trace-heading': {
    comment: "`Call Trace:` with klogd's frames on the same line.",
    begin: String.raw`(?:^|\G)[ \t]*+(Call Trace)(:)(?=[ \t]++\[(?:[\w.-]++:)?[A-Za-z_.$][\w.$]*+\+\d++/\d++\])`,
    end: String.raw`(?=\n)`,
    beginCaptures: caps({ 1: 'keyword.control.call-trace.crashlog', 2: 'punctuation.separator.key-value.crashlog' }),
    patterns: [inc('klogd-frame')],
  },
  'console-unreliable-frame': {
    comment: 'A "?" frame is a stale stack word the unwinder did not trust: dimmed as a comment as a whole.',
    match: String.raw`(?:^|\G)([ \t]*+(?:\[<\h++>\][ \t]*+)?\?[ \t]++[A-Za-z_.$][^\n]*+)`,
    captures: caps({ 1: 'comment.line.unreliable-frame.crashlog' }),
  },
  'arm32-console-frame': {
    comment:
      "32-bit ARM's frame before 5.16: `[<where>] (function) from [<caller>] (caller+0xoff/0xsize)`, each function with its module if any.",
    match: String.raw`(?:^|\G)[ \t]*+(\[<)(\h++)(>\])[ \t]*+(\()${ARM_FRAME_SYMBOL}(\))[ \t]++(from)[ \t]++(\[<)(\h++)(>\])[ \t]*+(\()${ARM_FRAME_SYMBOL}(\))[ \t]*+$`,
    name: 'meta.frame.crashlog',
    captures: caps({
      ...groupsFrom(1, ARM_ADDRESS_SCOPES),
      4: 'punctuation.definition.begin.crashlog',
      ...groupsFrom(5, SYMBOL_OFFSET_SIZE_MODULE),
      13: 'punctuation.definition.end.crashlog',
      14: 'keyword.other.from.crashlog',
      ...groupsFrom(15, ARM_ADDRESS_SCOPES),
      18: 'punctuation.definition.begin.crashlog',
      ...groupsFrom(19, SYMBOL_OFFSET_SIZE_MODULE),
      27: 'punctuation.definition.end.crashlog',
    }),
  },
  'arm32-console-from-frame': {
    comment: "32-bit ARM's frame since 5.16: `function [module] from caller+0xoff/0xsize [module]`.",
    match: String.raw`(?:^|\G)[ \t]*+${ARM_FRAME_SYMBOL}[ \t]++(from)[ \t]++${SYMBOL_OFFSET_SIZE}(?:[ \t]++(\[)([\w.-]++)(\]))?[ \t]*+$`,
    name: 'meta.frame.crashlog',
    captures: caps({
      ...groupsFrom(1, SYMBOL_OFFSET_SIZE_MODULE),
      9: 'keyword.other.from.crashlog',
      ...groupsFrom(10, SYMBOL_OFFSET_SIZE_MODULE),
    }),
  },
  'console-decoded-frame': {
    comment:
      'A frame as decode_stacktrace.sh writes it since 5.x: `function (path/file.c:123)`, an inlined chain as several locations, `(discriminator N)` after one.',
    begin: String.raw`(?:^|\G)[ \t]*+([A-Za-z_.$][\w.$]*+)[ \t]++(\()(?=${uncaptured(SOURCE_LOCATION)}[^\n]*?\)[ \t]*+$)`,
    end: String.raw`(\))[ \t]*+$`,
    name: 'meta.frame.crashlog',
    beginCaptures: caps({ 1: 'entity.name.function.crashlog', 2: 'punctuation.definition.begin.crashlog' }),
    endCaptures: caps({ 1: 'punctuation.definition.end.crashlog' }),
    patterns: [
      inc('source-location'),
      { match: String.raw`\(discriminator[ \t]++\d++\)`, name: 'comment.other.discriminator.crashlog' },
    ],
  },
  'console-inline-frame': {
    match: String.raw`(?:^|\G)[ \t]++([A-Za-z_][\w.$]*+)[ \t]++([\w.+/-]++)(:)(\d++)[ \t]++(\[inline\])`,
    name: 'meta.frame.crashlog',
    captures: caps({
      1: 'entity.name.function.crashlog',
      2: 'string.unquoted.path.crashlog',
      3: 'punctuation.separator.line-number.crashlog',
      4: 'constant.numeric.decimal.line-number.crashlog',
      5: 'comment.other.inline.crashlog',
    }),
  },
  'console-frame': {
    begin: String.raw`(?:^|\G)[ \t]*+(?:(\[<)(\h++)(>\])[ \t]*+)?(?=[A-Za-z_.$][\w.$]*+\+0x\h++/0x\h++)`,
    end: String.raw`(?=\n)`,
    name: 'meta.frame.crashlog',
    beginCaptures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'constant.numeric.hex.address.text.crashlog',
      3: 'punctuation.definition.end.crashlog',
    }),
    patterns: [
      inc('pasted-note'),
      inc('function-offset-hex'),
      inc('module-name'),
      {
        comment: 'A module with its build id (CONFIG_STACKTRACE_BUILD_ID): `[ext4 1a2b…]`.',
        match: String.raw`(?<=[ \t])(\[)([\w.-]++)[ \t]++(\h{20,64})(\])`,
        captures: caps({
          1: 'punctuation.definition.begin.crashlog',
          2: 'entity.name.namespace.module.crashlog',
          3: 'comment.other.build-id.crashlog',
          4: 'punctuation.definition.end.crashlog',
        }),
      },
      {
        comment:
          "Where arm64's unwinder (6.13+) took the frame from: `(P)` an exception's pc, `(L)` its lr, `(T)` a task's, `(C)` the caller's.",
        match: String.raw`(?<=[ \t])\((?:[CTPLU]F?K?|FK?|K)\)(?=[ \t]*+$)`,
        name: 'comment.other.unwind-source.crashlog',
      },
      {
        match: String.raw`\[inline\]`,
        name: 'comment.other.inline.crashlog',
      },
      {
        match: String.raw`\(inexact\)`,
        name: 'comment.other.inexact.crashlog',
      },
      inc('source-location'),
      inc('generic-tokens'),
    ],
  },
  'probe-frame': {
    comment:
      'systemtap/bpftrace-style frames: " 0xffffffff8248caf3 : tcp_queue_rcv+0xd3/0x150 [kernel] (inexact)"; and the frames a kernel without symbols prints, the address alone or with its module\'s name, base and size (" 0xffffffc078f78a18 [mt76@00000000936acc78+0xe000]").',
    match: String.raw`(?:^|\G)[ \t]*+(0x\h{8,16})(?:[ \t]++(:)[ \t]++([A-Za-z_.$][\w.$]*+)(\+)(0x\h++)(/)(0x\h++))?(?:[ \t]++(\[)([\w.-]++)(?:(@)(\h++)(\+)(0x\h++))?(\]))?(?:[ \t]++(\(inexact\)))?[^\S\n]*+$`,
    name: 'meta.frame.probe.crashlog',
    captures: caps({
      1: 'constant.numeric.hex.address.text.crashlog',
      2: 'punctuation.separator.key-value.crashlog',
      3: 'entity.name.function.crashlog',
      4: 'keyword.operator.offset.crashlog',
      5: 'constant.numeric.hex.offset.crashlog',
      6: 'punctuation.separator.size.crashlog',
      7: 'constant.numeric.hex.size.crashlog',
      8: 'punctuation.definition.begin.crashlog',
      9: 'entity.name.namespace.module.crashlog',
      10: 'punctuation.separator.base.crashlog',
      11: 'constant.numeric.hex.address.crashlog',
      12: 'keyword.operator.offset.crashlog',
      13: 'constant.numeric.hex.size.crashlog',
      14: 'punctuation.definition.end.crashlog',
      15: 'comment.other.inexact.crashlog',
    }),
  },
  'console-code': {
    comment:
      'A `Code:` line in one match: the plain bytes (or words) before the faulting one, it, and those after it, and what follows them (`Code: Bad RIP value.`, more bytes) tokenized by code-bytes.',
    match: String.raw`(?:^|\G)[ \t]*+(Code)(:)(?>[ \t]++(${CODE_RUN}))?(?>[ \t]++(${CODE_FAULTING}))?(?>[ \t]++(${CODE_RUN}))?([^\n]*+)`,
    name: 'meta.code-bytes.crashlog',
    captures: {
      ...caps({
        1: 'keyword.other.field.crashlog',
        2: 'punctuation.separator.key-value.crashlog',
        3: 'constant.numeric.hex.crashlog',
        4: 'invalid.illegal.faulting-instruction.crashlog',
        5: 'constant.numeric.hex.crashlog',
      }),
      6: { patterns: [inc('code-bytes')] },
    },
  },
  'code-bytes': {
    comment: `<faulting> and plain code bytes, up to ${CODE_BYTES_PER_SCAN} per scan.`,
    match: `${CODE_BYTE_TOKEN}${nested(String.raw`[ \t]*+${CODE_BYTE_TOKEN}`, CODE_BYTES_PER_SCAN - 1)}`,
    captures: caps(groupsFrom(1, Array.from({ length: CODE_BYTES_PER_SCAN }, () => CODE_BYTE_SCOPES).flat())),
  },
  'console-frame-fast': {
    comment:
      "A frame alone on its line, old kernels' `[<address>]` before it or not: what console-frame scopes it as, in one match.",
    match: String.raw`(?:^|\G)[ \t]*+(?:(\[<)(\h++)(>\])[ \t]*+)?([A-Za-z_.$][\w.$]*+)(\+)(0x\h++)(/)(0x\h++)(?:[ \t]++(\[)([\w.-]++)(\]))?[ \t]*+$`,
    name: 'meta.frame.crashlog',
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'constant.numeric.hex.address.text.crashlog',
      3: 'punctuation.definition.end.crashlog',
      4: 'entity.name.function.crashlog',
      5: 'keyword.operator.offset.crashlog',
      6: 'constant.numeric.hex.offset.crashlog',
      7: 'punctuation.separator.size.crashlog',
      8: 'constant.numeric.hex.size.crashlog',
      9: 'punctuation.definition.begin.crashlog',
      10: 'entity.name.namespace.module.crashlog',
      11: 'punctuation.definition.end.crashlog',
    }),
  },
  'console-frame-fast-line': {
    comment:
      'Fast path: a whole timestamped frame line in one match (same scopes as console-prefixed-line + console-frame-fast).',
    match: String.raw`${PRINTK_LINE_START}([ \t]*+(?:(\[<)(\h++)(>\])[ \t]*+)?(?=[A-Za-z_.$][\w.$]*+\+0x)(?!${REPORT_HEADING})([A-Za-z_.$][\w.$]*+)(\+)(0x\h++)(/)(0x\h++)(?:[ \t]++(\[)([\w.-]++)(\]))?[ \t]*+$)`,
    captures: caps({
      1: 'comment.other.timestamp.crashlog',
      2: 'comment.other.caller-id.crashlog',
      3: 'meta.frame.crashlog',
      4: 'punctuation.definition.begin.crashlog',
      5: 'constant.numeric.hex.address.text.crashlog',
      6: 'punctuation.definition.end.crashlog',
      ...groupsFrom(7, SYMBOL_OFFSET_SIZE_MODULE),
    }),
  },
  'console-unreliable-frame-line': {
    comment:
      'Fast path: a whole timestamped "?" frame line in one match (same scopes as console-prefixed-line + console-unreliable-frame).',
    match: String.raw`${PRINTK_LINE_START}(([ \t]*+(?:\[<\h++>\][ \t]*+)?\?[ \t]++[A-Za-z_.$][^\n]*+))`,
    captures: caps({
      1: 'comment.other.timestamp.crashlog',
      2: 'comment.other.caller-id.crashlog',
      4: 'comment.line.unreliable-frame.crashlog',
    }),
  },
};
