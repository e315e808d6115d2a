// How a line finds its rule, for speed: vscode-textmate searches every rule of the current list
// along the line, so the grammar looks at the line's first non-blank character and enters a
// "family" holding only the rules that can start with it. Everything here is generated from two
// lists — which rules a line may be, in priority order, and which first characters each can start
// with — so a new line rule is one entry in LINE_RULES.
//
// The document is one region (`document`): its begin takes the first line through its newline, and
// vscode-textmate then lets `\G` match at column 0 of every later line, so the fast paths and the
// family entries are tried right there, each at one position. (A `^` rule that fails is tried at
// every column of the line: 2–3 µs on an 80-character line.) The `line` region is the same list for
// the first line and where source.crashlog is included in another grammar (Markdown fences).
//
// What a line costs (vscode-textmate with vscode-oniguruma; `npm run bench:grammar` prints the rates
// per part, `node scripts/compare-grammar-tokens.mjs` checks a speed change keeps every token):
// - Each scanner call costs about 1.5–3 µs (oniguruma, the scanner's result, vscode-textmate's
//   tokens and garbage), and a line costs at least two: the match and the empty search at its end.
//   A region costs two more (its begin and its end), and each token inside it one more. A line
//   matched by a whole-line fast path costs 2 calls (after a line of its shape, of one regex and of
//   none: runs.ts). A region closing at the line's end is left open there, and a whole-line `match`
//   in it takes the newline (lineEnds.ts): a family's whole-line rule costs the document's list, the
//   family's, an empty one and the next line's one-regex check; a family's region as many plus one per
//   token and two for its line-end (its list at the newline, then an empty one). A timestamped line after
//   one of its kind skips the document's list: its region's check (one regex), its body's calls, the
//   empty list and the next line's check (printkRuns.ts).
// - How a call searches: vscode-oniguruma hands a line under 1,000 bytes to oniguruma's regset search,
//   position by position; at each position the list's regexes are tried in order and the first that
//   matches wins, so those after it in the list are not attempted there (their order costs nothing on
//   the lines an earlier rule takes). Every regex of the list still costs each call its setup (match
//   state, capture region, the pre-search for its first characters or literal), whatever matches. Only
//   when every regex of the list is `\G`-anchored does the search stop after the start position.
//   That holds for a list of one regex too (a `while` check): unanchored, even one that fails at
//   once is tried at every column, ~10 ns each (0.7 µs on a 72-character line, 0.15 anchored).
// - Within a call: every regex of the list costs ~16 ns even when its first-character guard rejects
//   it; one oniguruma enters costs ~0.15-0.3 µs even when it fails at once (its match stack, ~3.3 KB,
//   is saved and freed), more than a search of the line for a literal (~1 ns a character, a line
//   without it failing the regex unentered: anchors.ts leaves rules that start with a word to
//   that); every capture group of the regex that matches ~25 ns, filled or not. So a
//   regex more in the document's list costs every line ~0.3 % (measured), whatever it matches.
// - Those are the costs of one line tokenized again and again. Through a whole document a call costs
//   2-3 times as much (each list's compiled regexes are read from memory again, and vscode-textmate
//   compiles a list twice, with `\G` at a line's start and without it at its end), which is what the
//   benchmark's figure counts: an entry saved counts for less than its 0.2 µs, a call saved for more.
//   Time a change with `npm run bench:grammar -- --ab OLD.json`, which tokenizes whole documents;
//   scripts/perf/grammar-call-times.mjs says which calls take that time.
// - `\G` matches at column 0 only where the innermost region's begin took the previous line's end
//   (and a region ended on an earlier line leaves none for the rest of the line): the document's list
//   written `(?:^|\G)` instead, to go without, cost every part 9-13 % (measured).
// - So prefer one `match` with captures where a regex can name every token of the line, and list
//   it under the first characters it can start with; merge.ts joins consecutive anchored `match`
//   rules of a list into one alternation (same order, same scopes), so it costs its family almost
//   nothing, whereas a `begin`/`end` rule stays a regex of its own and adds a region.
// - A family's begin reads the line's indent (and a printk region's the body's), so its rules are tried
//   at the first non-blank character, where their guards reject most of them unentered: tried at the
//   line start, an indented line passed every guard that allows a blank (regexes entered a line: seeds
//   6.4 before, 5.4 now; crash sessions 5.2, 4.4; every part 1-5 % faster). The indent then takes the
//   family's scopes, not the rule's (indent.ts; `node scripts/compare-grammar-tokens.mjs --except-blanks`
//   checks every other character).
// - Anchor line rules with `\G` (or `(?:^|\G)` plus an AT_LINE_START entry, for rules also used
//   after a printk prefix); anchors.ts then makes oniguruma try them at their start only, or search
//   their literal first where their first character rejects few lines.
// - Inside a region (a line's tail: dis operands, rd words) each token found is a scanner call and
//   every pattern of the list is searched along the line: keep those lists short, start each
//   pattern with something concrete (a literal or a small class rather than a lookbehind or
//   `[ \t]*`), and keep capture groups few (every match decodes all of a regex's groups).
// - Where a region's tokens come in runs of a few shapes, one `\G` match can name a whole run:
//   disTail (rules/code.ts) and memory-dump-line-words (rules/memory.ts) are built from the same
//   token regexes in the list's order, each position an atomic group `(?>…)` so that it picks the
//   token the list would pick there and never another after a later failure; only characters no
//   pattern of the list starts with may separate tokens; and it stops, leaving the list to go on,
//   at anything else. Such a rule needs no test of its own beyond the comparison script.
// - Whole-line fast paths (LINE_FAST_PATHS) are tried on every line before the families: they are
//   for the commonest shapes only (every regex of the document's list costs every line its setup,
//   and a line of another shape tries each of them), and must not take a line from a family rule
//   listed before them. The next ones in priority (FAMILY_FAST_PATHS) head the families they can
//   start in instead: their lines pay the family's entry and end, other lines never meet them.
// - Every line rule must still end where the line ends (a `match`, or a region ending at `(?=\n)`):
//   a region left open would carry its patterns into the next line.
import { atLineStart, inc, type Pattern, type Rule, type RuleSet } from './grammar';
import { JOURNAL_HOST, PRINTK_AT_LINE_START, PRINTK_AT_LINE_START_CAPTURES, sharedPrintkStart } from './rules/console';
import { PROMPT_LINE_AHEAD } from './rules/prompt';
import { SHORT_INDENT } from './rules/tokens';
import { afterIndent, indentUse, type IndentContext } from './indent';

/**
 * First-character classes of a line (after its indent): one family rule each. The document's list
 * tries their entries in this order (a line attempts every entry before its own; the classes do not
 * overlap, so the order changes no token): the most lines first, summed over the bench's parts
 * (lower-hex: kernel addresses and symbols, a fifth of the lines of crash sessions; digits; x86 bt
 * frames; …).
 */
const LINE_FAMILIES = {
  'lower-hex': { chars: 'abcdef', charClass: 'a-f' },
  'hex-digit': { chars: '0123456789', charClass: '0-9' },
  bracket: { chars: '[', charClass: String.raw`\[` },
  lower: { chars: 'ghijklmnopqrstuvwxyz', charClass: 'g-z' },
  punct: { chars: '<-=>?`~$.+*/%}_(&', charClass: String.raw`<\-=>?` + '`' + String.raw`~$.+*/%}_(&` },
  upper: { chars: 'GHIJKLMNOPQRSTUVWXYZ', charClass: 'G-Z' },
  'upper-hex': { chars: 'ABCDEF', charClass: 'A-F' },
  hash: { chars: '#', charClass: '#' },
} as const;
type LineFamily = keyof typeof LINE_FAMILIES;

/** First-character classes of a console line body (after the printk prefix). */
const CONSOLE_FAMILIES = {
  lower: { chars: 'abcdefghijklmnopqrstuvwxyz', charClass: 'abcdefghijklmnopqrstuvwxyz' },
  upper: { chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', charClass: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' },
  digit: { chars: '0123456789', charClass: '0-9' },
  punct: { chars: '-=<[?>_.$#(', charClass: String.raw`\-=<\[?>_.$#(` },
} as const;
type ConsoleFamily = keyof typeof CONSOLE_FAMILIES;

/**
 * Rules a whole line may be, in priority order, with the first characters each can start with.
 * Rules written for "line start or after a printk prefix" (`(?:^|\G)`) appear here as their
 * `-at-line-start` copies (see AT_LINE_START).
 */
const LINE_RULES: { rule: string; starts: LineFamily[] }[] = [
  { rule: 'email-quote', starts: ['punct'] },
  { rule: 'memory-dump-line-fast-at-line-start', starts: ['hex-digit', 'upper-hex', 'lower-hex'] },
  { rule: 'bt-frame-fast', starts: ['hash'] },
  { rule: 'bt-frame', starts: ['hash'] },
  { rule: 'bt-frame-arm', starts: ['hash'] },
  { rule: 'markdown-heading', starts: ['hash'] },
  { rule: 'register-line-fast-at-line-start', starts: ['upper-hex', 'upper', 'lower'] },
  { rule: 's390x-register-row-at-line-start', starts: ['upper'] },
  { rule: 's390x-psw-bits-at-line-start', starts: ['upper'] },
  { rule: 's390x-code-line-at-line-start', starts: ['upper', 'hex-digit', 'hash', 'punct'] },
  { rule: 'ppc64-register-line-at-line-start', starts: ['upper-hex', 'upper'] },
  { rule: 'ppc64-gpr-row-at-line-start', starts: ['upper'] },
  { rule: 'ppc64-site-line-at-line-start', starts: ['upper'] },
  { rule: 'riscv64-register-line-fast-at-line-start', starts: ['lower-hex', 'lower'] },
  // Next to riscv64's, joining its run of match rules: none of the begin rules below takes its lines.
  { rule: 'arm32-register-line-fast-at-line-start', starts: ['lower'] },
  { rule: 'riscv64-register-line-at-line-start', starts: ['lower-hex', 'lower'] },
  { rule: 'arm32-register-line-at-line-start', starts: ['lower-hex', 'lower'] },
  { rule: 'numbered-register-row-at-line-start', starts: ['punct'] },
  { rule: 'padded-register-line-at-line-start', starts: ['upper-hex', 'upper', 'lower-hex', 'lower'] },
  { rule: 'loongarch-register-row-at-line-start', starts: ['lower-hex', 'lower'] },
  { rule: 'bt-task-header', starts: ['upper'] },
  { rule: 'ps-timed-row', starts: ['bracket'] },
  { rule: 'bt-text-start', starts: ['upper'] },
  { rule: 'bt-exception-frame-at', starts: ['upper'] },
  { rule: 'bt-exception-rip', starts: ['bracket'] },
  { rule: 'bt-text-on-stack', starts: ['bracket'] },
  { rule: 'bt-frame-extent', starts: ['bracket'] },
  { rule: 'ppc64-bt-nip-lr', starts: ['bracket'] },
  { rule: 'ppc64-console-frame-fast-at-line-start', starts: ['bracket'] },
  { rule: 'ppc64-console-frame-at-line-start', starts: ['bracket'] },
  { rule: 'markdown-fence', starts: ['punct'] },
  { rule: 'crash-diagnostic', starts: ['upper', 'lower-hex', 'lower'] },
  { rule: 'shell-prompt', starts: ['punct'] },
  { rule: 'ppc64-interrupt-marker-at-line-start', starts: ['punct'] },
  { rule: 'bt-stack-switch', starts: ['punct'] },
  { rule: 'console-end-trace-at-line-start', starts: ['punct'] },
  { rule: 'console-cut-here-at-line-start', starts: ['punct'] },
  { rule: 'console-separator-at-line-start', starts: ['punct'] },
  {
    rule: 'console-report-heading-at-line-start',
    starts: ['hex-digit', 'upper-hex', 'upper', 'lower-hex', 'lower', 'bracket', 'punct'],
  },
  { rule: 'probe-frame-at-line-start', starts: ['hex-digit'] },
  { rule: 'console-cpu-line-fast-at-line-start', starts: ['upper-hex'] },
  { rule: 'console-cpu-line-at-line-start', starts: ['upper-hex'] },
  { rule: 'console-hardware-name-at-line-start', starts: ['upper'] },
  { rule: 'console-modules-linked-in-at-line-start', starts: ['upper'] },
  { rule: 'klogd-trace-heading-at-line-start', starts: ['upper-hex'] },
  { rule: 'console-trace-heading-at-line-start', starts: ['upper-hex', 'upper', 'lower'] },
  { rule: 'console-named-site-at-line-start', starts: ['upper'] },
  { rule: 'console-section-heading-at-line-start', starts: ['upper-hex', 'upper', 'lower-hex', 'lower', 'punct'] },
  { rule: 'console-lock-chain-at-line-start', starts: ['punct'] },
  { rule: 'console-held-lock-at-line-start', starts: ['hash', 'punct'] },
  { rule: 'console-context-marker-at-line-start', starts: ['punct'] },
  { rule: 'arm32-console-frame-at-line-start', starts: ['bracket'] },
  { rule: 'arm32-console-from-frame-at-line-start', starts: ['upper-hex', 'upper', 'lower-hex', 'lower', 'punct'] },
  { rule: 'console-decoded-frame-at-line-start', starts: ['upper-hex', 'upper', 'lower-hex', 'lower', 'punct'] },
  { rule: 'console-frame-fast-at-line-start', starts: ['upper-hex', 'upper', 'lower-hex', 'lower', 'punct'] },
  { rule: 'console-unreliable-frame-at-line-start', starts: ['bracket', 'punct'] },
  { rule: 's390x-unreliable-frame-at-line-start', starts: ['punct'] },
  { rule: 'console-inline-frame-at-line-start', starts: ['upper-hex', 'upper', 'lower-hex', 'lower', 'punct'] },
  { rule: 'console-frame-at-line-start', starts: ['upper-hex', 'upper', 'lower-hex', 'lower', 'bracket', 'punct'] },
  { rule: 'klogd-frames-line-at-line-start', starts: ['bracket'] },
  { rule: 'console-code-at-line-start', starts: ['upper-hex'] },
  { rule: 'ppc64-instruction-dump-at-line-start', starts: ['upper'] },
  { rule: 'ppc64-instruction-words-at-line-start', starts: ['hex-digit', 'upper-hex', 'lower-hex', 'punct'] },
  { rule: 'register-line-x86-fast-at-line-start', starts: ['upper-hex', 'upper'] },
  { rule: 'register-line-at-line-start', starts: ['upper-hex', 'upper', 'lower'] },
  { rule: 'memory-dump-line-at-line-start', starts: ['hex-digit', 'upper-hex', 'lower-hex', 'punct'] },
  { rule: 'dis-instruction', starts: ['hex-digit', 'punct'] },
  { rule: 'source-line', starts: ['hex-digit', 'upper-hex', 'upper', 'lower-hex', 'lower', 'punct'] },
  { rule: 'sym-line', starts: ['hex-digit', 'upper-hex', 'lower-hex'] },
  { rule: 'sym-module-bound', starts: ['hex-digit', 'upper-hex', 'lower-hex'] },
  { rule: 'ps-row-active', starts: ['punct'] },
  { rule: 'ps-row', starts: ['hex-digit'] },
  { rule: 'eval-line', starts: ['lower-hex', 'lower'] },
  { rule: 'mod-row', starts: ['hex-digit', 'upper-hex', 'lower-hex'] },
  { rule: 'kmem-cache-row', starts: ['hex-digit', 'upper-hex', 'lower-hex'] },
  { rule: 'table-header-fast', starts: ['upper-hex', 'upper', 'punct'] },
  { rule: 'table-header', starts: ['upper-hex', 'upper', 'bracket', 'punct'] },
  { rule: 'kmem-allocated-object', starts: ['bracket'] },
  { rule: 'struct-open', starts: ['lower-hex', 'lower', 'bracket'] },
  { rule: 'struct-member', starts: ['upper-hex', 'upper', 'lower-hex', 'lower', 'bracket', 'punct'] },
  { rule: 'struct-close', starts: ['bracket', 'punct'] },
  { rule: 'member-assignment', starts: ['upper-hex', 'upper', 'lower-hex', 'lower', 'punct'] },
  { rule: 'help-r-cpu', starts: ['upper-hex'] },
  { rule: 'key-value-line', starts: ['upper-hex', 'upper'] },
  { rule: 'struct-member-offset-only', starts: ['bracket'] },
];

/**
 * Rules a console line body (after its printk prefix) may be, in priority order; a rule written
 * with `(?:^|\G)` is used as its `-at-line-start` copy.
 */
const CONSOLE_RULES: { rule: string; starts: ConsoleFamily[] }[] = [
  { rule: 'ppc64-interrupt-marker', starts: ['punct'] },
  { rule: 'console-end-trace', starts: ['punct'] },
  { rule: 'console-cut-here', starts: ['punct'] },
  { rule: 'console-separator', starts: ['punct'] },
  { rule: 'console-report-heading', starts: ['lower', 'upper', 'digit', 'punct'] },
  // The match rules of different first words up front, where merge.ts joins them into one regex of
  // each family (a regex fewer in a family is one less set up at each of its calls, the end-of-line
  // one included); klogd's `Call Trace: [frame]` still comes before the plain `Call Trace:`.
  { rule: 'klogd-trace-heading', starts: ['upper'] },
  { rule: 'console-cpu-line-fast', starts: ['upper'] },
  { rule: 'console-hardware-name', starts: ['upper'] },
  { rule: 'console-trace-heading', starts: ['lower', 'upper'] },
  { rule: 'console-cpu-line', starts: ['upper'] },
  { rule: 'console-modules-linked-in', starts: ['upper'] },
  { rule: 'riscv64-register-line-fast', starts: ['lower'] },
  { rule: 'arm32-register-line-fast', starts: ['lower'] },
  { rule: 'riscv64-register-line', starts: ['lower'] },
  { rule: 'arm32-register-line', starts: ['lower'] },
  { rule: 'numbered-register-row', starts: ['punct'] },
  { rule: 'padded-register-line', starts: ['lower', 'upper'] },
  { rule: 'loongarch-register-row', starts: ['lower'] },
  { rule: 'console-named-site', starts: ['upper'] },
  { rule: 'console-section-heading', starts: ['lower', 'upper', 'punct'] },
  { rule: 'console-lock-chain', starts: ['punct'] },
  { rule: 'console-held-lock', starts: ['punct'] },
  { rule: 'console-stack-word', starts: ['punct'] },
  { rule: 'probe-frame', starts: ['digit'] },
  { rule: 'console-context-marker', starts: ['punct'] },
  { rule: 'arm32-console-frame', starts: ['punct'] },
  { rule: 'arm32-console-from-frame', starts: ['lower', 'upper', 'punct'] },
  { rule: 'console-decoded-frame', starts: ['lower', 'upper', 'punct'] },
  { rule: 'console-frame-fast', starts: ['lower', 'upper', 'punct'] },
  { rule: 'ppc64-register-line-fast', starts: ['upper'] },
  { rule: 'ppc64-register-line', starts: ['upper'] },
  // After the site line (`NIP [` / `LR [`, never `GPRnn:`), next to register-line-fast's match.
  { rule: 'ppc64-site-line', starts: ['upper'] },
  { rule: 'ppc64-gpr-row', starts: ['upper'] },
  { rule: 'ppc64-console-frame-fast', starts: ['punct'] },
  { rule: 'ppc64-console-frame', starts: ['punct'] },
  { rule: 'register-line-fast', starts: ['lower', 'upper'] },
  { rule: 'register-line-x86-fast', starts: ['upper'] },
  { rule: 'register-line-wide', starts: ['upper'] },
  { rule: 's390x-register-row', starts: ['upper'] },
  { rule: 's390x-psw-bits', starts: ['upper'] },
  { rule: 's390x-code-line', starts: ['upper', 'digit', 'punct'] },
  { rule: 'console-unreliable-frame', starts: ['punct'] },
  { rule: 's390x-unreliable-frame', starts: ['punct'] },
  { rule: 'console-inline-frame', starts: ['lower', 'upper', 'punct'] },
  // Next to inline-frame's match: `Instruction dump:` is no frame and no Code line.
  { rule: 'ppc64-instruction-dump', starts: ['upper'] },
  { rule: 'console-frame', starts: ['lower', 'upper', 'punct'] },
  { rule: 'klogd-frames-line', starts: ['punct'] },
  { rule: 'console-code', starts: ['upper'] },
  { rule: 'ppc64-instruction-words', starts: ['lower', 'digit', 'punct'] },
  { rule: 'register-line', starts: ['lower', 'upper'] },
  { rule: 'console-shadow-row', starts: ['lower', 'digit', 'punct'] },
  { rule: 'memory-dump-line', starts: ['lower', 'upper', 'digit', 'punct'] },
  { rule: 'memory-dump-line-gdb', starts: ['digit'] },
  { rule: 'hex-words-rest', starts: ['lower', 'digit'] },
  { rule: 'plain-rest', starts: ['lower', 'upper', 'digit', 'punct'] },
];

/** Rules written with `(?:^|\G)` that line families use as `\G`-only copies named `<rule>-at-line-start`. */
const AT_LINE_START = [
  'ppc64-register-line',
  'ppc64-register-line-fast',
  'ppc64-gpr-row',
  'ppc64-site-line',
  'ppc64-console-frame',
  'ppc64-console-frame-fast',
  'ppc64-interrupt-marker',
  'ppc64-instruction-dump',
  'ppc64-instruction-words',
  'console-end-trace',
  'console-cut-here',
  'console-separator',
  'console-report-heading',
  'console-cpu-line',
  'console-cpu-line-fast',
  'console-hardware-name',
  'console-modules-linked-in',
  'klogd-trace-heading',
  'console-trace-heading',
  'klogd-frames-line',
  'console-named-site',
  'console-section-heading',
  'console-lock-chain',
  'console-held-lock',
  'console-stack-word',
  'console-shadow-row',
  'console-context-marker',
  'console-frame-fast',
  'arm32-console-frame',
  'arm32-console-from-frame',
  'console-decoded-frame',
  'register-line-fast',
  'register-line-x86-fast',
  'register-line-wide',
  'console-unreliable-frame',
  'console-inline-frame',
  'console-frame',
  'probe-frame',
  'console-code',
  'register-line',
  'riscv64-register-line',
  'riscv64-register-line-fast',
  'arm32-register-line',
  'arm32-register-line-fast',
  'numbered-register-row',
  'padded-register-line',
  'loongarch-register-row',
  'memory-dump-line',
  'memory-dump-line-fast',
  'memory-dump-line-gdb',
  'memory-dump-line-words',
  'memory-dump-line-words-slabs',
  's390x-register-row',
  's390x-unreliable-frame',
  's390x-psw-bits',
  's390x-code-line',
];

/**
 * Whole-line fast paths tried on every line before the families, for the commonest shapes only:
 * every regex in the document's list costs every line its setup, and a line that fails the ones
 * before its own family tries each of them. Each leading run of `match` rules (merge.ts joins them)
 * becomes a region that the next line of the same shape stays in (runs.ts), so each must match to
 * the line's end.
 */
const LINE_FAST_PATHS = [
  'memory-dump-line-fast-at-line-start',
  'bt-frame-fast',
  'register-line-fast-at-line-start',
  // A `PID:` line is no timestamped line: it may come first, next to the register line's match.
  'bt-task-header-line',
  'console-line-fast',
  // dis lines of up to SHORT_OPERANDS operand slots (rules/code.ts) in one match: a sixth of the
  // lines of crash sessions, too many to pay a family's entry and end. (Longer ones head their
  // families: FAMILY_FAST_PATHS.)
  // Before console-prefixed-line, whose lines never start like a dis line (`0x…`, `=>`; a console
  // prefix is `[`, `<n>`, a month or a date), so that a dis line skips an attempt of the prefix.
  'dis-instruction-line',
  // gdb's x/gx lines in notes come in long runs (as a run, a line costs its one regex: runs.ts);
  // indented ones, rarer, stay in their family, so that an indented line of another shape is not
  // let into this regex by its guard.
  'memory-dump-line-gdb-unindented',
  // Console lines of a printk timestamp at column 0: the family of their body's first character
  // straight away (PRINTK_FAMILIES), then every other console prefix. The commonest first, as a body
  // of another kind enters each region's begin before its own: of syzkaller's timestamped lines 8,807
  // start with a capital (`RIP:`, `CPU:`, `Call Trace:`), 5,416 with a mark (` ? func`, `---[`), 4,703
  // with a small letter and 1,148 with a digit. Their classes do not overlap: the order changes no token.
  'console-printk-upper',
  'console-printk-punct',
  'console-printk-lower',
  'console-printk-digit',
  // Every other console prefix, each rule entered only where its line has its literal (`[`, `kern`, `<`).
  'console-prefixed-line',
  'console-syslog-line',
  'console-log-level-line',
  // crash prompts in a region of their own (prompt-line), entered on the literal `crash` near the line
  // start: in the families they led, five regexes that every line starting with a blank, a digit or `c`
  // entered, for nothing on all but the prompts.
  'prompt-line',
];

/**
 * Console body families that a line starting with a printk timestamp (PRINTK_AT_LINE_START) enters
 * from the document's list, the prefix and the body's first character read by one begin: such a line
 * costs two scanner calls less than through console-prefixed-line's region and the family's (its
 * begin and end). Each costs every line of the document its setup (a regex more in the list, tried
 * only on a line starting with `[`). In the document's list they are runs (printkRuns.ts): the next
 * line of the same kind stays in its region, so a log's lines pay neither that list nor a region's
 * begin and end. A kernel message (`tsc: …`, `EXT4-fs (sda1): …`), a register or report line (`RIP: …`,
 * `CPU: 0 PID: …`), a frame or marker (`[<c0123456>] …`, `---[ end trace …`, `8<--- cut here`): with the
 * digits, every class of console body (a third of syzkaller's timestamped lines start with a mark or a
 * digit; they went through console-prefixed-line's region and a family's).
 */
const PRINTK_FAMILIES: ConsoleFamily[] = ['lower', 'upper', 'punct', 'digit'];
/** The printk regions, one per PRINTK_FAMILIES class, that printkRuns.ts makes runs of. */
export const PRINTK_REGIONS = PRINTK_FAMILIES.map((id) => `console-printk-${id}`);

/**
 * Rules that come next in priority, before every rule of LINE_RULES, tried first in the families
 * they can start in: a line of theirs costs two scanner calls more (its family's entry and end)
 * than in the document's list, and every other line meets them no more.
 */
const FAMILY_FAST_PATHS: { rule: string; starts: LineFamily[] }[] = [
  // dis lines the short fast path leaves: in one match (up to ten operand tokens), else a region of
  // its own (its tail is tokens). 1-5 % of the lines of crash sessions: in the document's list they
  // cost every other line two regexes (one with 141 capture groups) at its start and at its end.
  { rule: 'dis-instruction-line-long', starts: ['hex-digit', 'punct'] },
  { rule: 'dis-instruction', starts: ['hex-digit', 'punct'] },
  // gdb's x/gx lines (a 0x address column, then 0x words): no other line rule takes them
  // (memory-dump-line leaves them to it), and in notes they come in long runs.
  { rule: 'memory-dump-line-gdb-at-line-start', starts: ['hex-digit'] },
  // Symbolic memory lines and struct -o members: their shapes (an address column then words; type
  // words, a member and `;` to the end of the line) are none of an earlier line rule's.
  { rule: 'memory-dump-line-words-at-line-start', starts: ['hex-digit', 'lower-hex'] },
  { rule: 'memory-dump-line-words-slabs-at-line-start', starts: ['hex-digit', 'lower-hex'] },
  { rule: 'struct-member-fast', starts: ['upper-hex', 'upper', 'lower-hex', 'lower', 'bracket', 'punct'] },
  // A struct's `name = 0xvalue,` and `name = {` lines: member-assignment-fast refuses a report's
  // first word (console-report-heading's lines), the one earlier line rule that could take them.
  { rule: 'member-assignment-fast', starts: ['upper-hex', 'upper', 'lower-hex', 'lower', 'punct'] },
  // sym's `ADDR (T) func+off path: line`: an address and a parenthesized letter no earlier rule takes.
  { rule: 'sym-line', starts: ['hex-digit', 'upper-hex', 'lower-hex'] },
  // dis -l's `path/file.c: 123`: source-line refuses what console-report-heading and console-frame
  // start with (`WARNING/x: 1`, `func+0x1/0x2…: 3`), the earlier rules that could take such a line.
  { rule: 'source-line', starts: ['hex-digit', 'upper-hex', 'upper', 'lower-hex', 'lower', 'punct'] },
];

/**
 * A family is entered on its first character alone: its members are all anchored at the line
 * start (or at the console body's start), so a line none of them matches gets the fallback
 * inside the family, as it would outside. (Checking the members in the entry's lookahead as well
 * made every line try them twice.) The fallback is a region entered at the start only (`\G`): a
 * member that matched the start of a line leaves the rest of it unscoped. Before it, a line with no
 * generic token is taken whole by one match (plain-line-rest; plain-rest, hex-words-rest for
 * console bodies): the fallback's region and its search along the line cost two calls more.
 *
 * A family that `readsIndent` takes the blanks before the first character in its begin, so that
 * its members are tried where their first-character guards can reject a line (indent.ts); its
 * `members` must then be their copies for that (afterIndentMembers).
 */
function family(
  kind: 'line' | 'console-body',
  chars: string,
  charClass: string,
  members: string[],
  fallback: string,
  readsIndent: boolean,
): Rule {
  const patterns: Pattern[] = [...members, fallback].map(inc);
  const comment =
    kind === 'line'
      ? `Lines whose first non-blank character is one of ${JSON.stringify(chars)}: only the line rules that can start with it, then the generic fallback.`
      : `Console line bodies starting with one of ${JSON.stringify(chars)}: the console rules that can start there (original order), then the generic tokens.`;
  return {
    comment,
    begin: readsIndent ? `\\G${SHORT_INDENT}(?=[${charClass}])` : `\\G(?=[ \\t]*+[${charClass}])`,
    end: '(?=\\n)',
    patterns,
  };
}

/** Rules a family takes whole lines with whatever their indent: its plain fallbacks. */
const READ_ANY_TEXT = ['plain-line-rest', 'plain-rest', 'hex-words-rest'];

/**
 * `members` as a family whose begin read the indent tries them: each rule that looks at the indent
 * itself replaced by its copy that looks behind instead (indent.ts), added to the repository as
 * `<rule>-after-indent` or `<rule>-after-printk-indent` (a group of rules copied where one of its rules is).
 */
function afterIndentMembers(members: string[], repository: RuleSet, context: IndentContext): string[] {
  const suffix = context === 'line' ? 'after-indent' : 'after-printk-indent';
  /** The pattern as such a family tries it: itself where it reads any indent. */
  const adapted = (pattern: Pattern): Pattern => {
    if ('include' in pattern) {
      const name = pattern.include.slice(1);
      const rule = repository[name];
      const copy = READ_ANY_TEXT.includes(name) ? rule : adapted(rule);
      if (copy === rule) return pattern;
      repository[`${name}-${suffix}`] ??= copy as Rule;
      return inc(`${name}-${suffix}`);
    }
    if (pattern.match === undefined && pattern.begin === undefined) {
      const inner = (pattern.patterns ?? []).map(adapted);
      return inner.every((p, i) => p === pattern.patterns![i]) ? pattern : { ...structuredClone(pattern), patterns: inner };
    }
    const use = indentUse(pattern);
    return use === 'any' ? pattern : afterIndent(pattern, use, context);
  };
  return members.map((name) => {
    const pattern = adapted(inc(name));
    return 'include' in pattern ? pattern.include.slice(1) : name;
  });
}

/** The dispatch rules, derived from the written rules; returns the top-level pattern list. */
export function addDispatch(repository: RuleSet): Pattern[] {
  for (const name of AT_LINE_START) {
    repository[`${name}-at-line-start`] = atLineStart(repository[name]);
  }
  repository['prompt-line'] = {
    comment: 'A crash prompt line: its rules, entered where the line has one (PROMPT_LINE_AHEAD).',
    begin: PROMPT_LINE_AHEAD,
    end: '(?=\\n)',
    patterns: [inc('crash-prompt-line'), inc('crash-prompt')],
  };
  repository['console-line-fast'] = sharedPrintkStart(
    ['console-frame-fast-line', 'console-unreliable-frame-line', 'register-line-fast-line'].map((name) => repository[name]),
  );

  const familyNames: string[] = [];
  const readingIndent: (() => void)[] = [];
  for (const [id, { chars, charClass }] of Object.entries(LINE_FAMILIES)) {
    // The fast paths of the document's list are left out: they failed at this very position.
    // A rule listed among the family fast paths is not tried again at its place in LINE_RULES.
    const members = [
      ...new Set(
        [...FAMILY_FAST_PATHS, ...LINE_RULES]
          .filter((r) => r.starts.includes(id as LineFamily) && !LINE_FAST_PATHS.includes(r.rule))
          .map((r) => r.rule),
      ),
    ];
    // Made once every rule it copies exists (email-quote, below).
    readingIndent.push(() => {
      const afterIndent = afterIndentMembers(members, repository, 'line');
      repository[`line-${id}`] = family('line', chars, charClass, [...afterIndent, 'plain-line-rest'], 'other-line', true);
    });
    familyNames.push(`line-${id}`);
  }
  for (const [id, { chars, charClass }] of Object.entries(CONSOLE_FAMILIES)) {
    // A console body starts after its prefix, where `^` cannot match: the `\G` copies are the same
    // rules, and anchored ones cost one attempt (merge.ts joins them).
    const members = CONSOLE_RULES.filter((r) => r.starts.includes(id as ConsoleFamily)).map((r) =>
      AT_LINE_START.includes(r.rule) ? `${r.rule}-at-line-start` : r.rule,
    );
    repository[`console-body-${id}`] = family('console-body', chars, charClass, members, 'generic-rest', false);
    if (PRINTK_FAMILIES.includes(id as ConsoleFamily)) {
      repository[`console-printk-${id}`] = {
        comment: `A printk timestamp at the line start and a console body starting with one of ${JSON.stringify(chars)}: console-prefixed-line's prefix and console-body-${id}'s rules in one region.`,
        // The body's indent read here, as a line family reads a line's (indent.ts); the prefix's own blank
        // (PRINTK_AT_LINE_START) is the one before it, so a member sees an indent as two blanks before it.
        begin: `${PRINTK_AT_LINE_START}${JOURNAL_HOST}[ \\t]*+(?=[${charClass}])`,
        beginCaptures: PRINTK_AT_LINE_START_CAPTURES,
        end: '(?=\\n)',
        patterns: [...afterIndentMembers(members, repository, 'printk'), 'generic-rest'].map(inc),
      };
    }
  }

  // A line no family takes (its first non-blank character is in none of their classes: non-ASCII text,
  // rarer punctuation, blanks only) with no generic token, in one match as plain-line-rest does in the
  // families: other-line's region and its search cost two scanner calls more.
  repository['plain-line-rest-non-empty'] = {
    ...structuredClone(repository['plain-line-rest']),
    match: `\\G(?=[^\\n])${repository['plain-line-rest'].match!.slice(2)}`,
  };
  // deep-indent-line comes first where its cost is no matter (the first line, Markdown fences). In the
  // document's list it comes after the families, whose begins (as the console prefixes' rules before them)
  // read a SHORT_INDENT only, leaving a deeper one to it as if it came first: an indented line of another
  // shape never enters it. (The whole-line runs before them read any indent: runs.ts needs them to lead.)
  const linePatterns = ['deep-indent-line', ...LINE_FAST_PATHS, ...familyNames, 'plain-line-rest-non-empty', 'other-line'].map(
    inc,
  );
  const documentPatterns = [
    ...LINE_FAST_PATHS,
    ...familyNames,
    'deep-indent-line',
    'plain-line-rest-non-empty',
    'other-line-non-empty',
  ];
  repository['email-quote'] = {
    comment:
      'A line quoted in e-mail (`> `, `>> `, `> > `, or `&gt; ` escaped for HTML), not a crash ps row of an active task: the marker, then the rest read as the same line unquoted (the line rules, anchored at \\G just after the marker).',
    // Not crash ps's `>` before the row of an active task (quoted, that `>` reads as one more level of quoting).
    begin: String.raw`\G(?!>[ \t]++\d++[ \t]++-?\d++[ \t]++(?:-|\d++)[ \t]++\h{8,16}[ \t])((?:(?:>|&gt;)(?:[ ]|(?=>|&gt;)|$))++)`,
    beginCaptures: { 1: { name: 'punctuation.definition.quote.crashlog' } },
    end: '(?=\\n)',
    patterns: structuredClone(linePatterns),
  };
  repository.line = {
    comment:
      'Every non-empty line where the document rule is not open (a Markdown fence, the first line): a zero-width begin at column 0 (an empty line pushes nothing, so it cannot leave a region open), then the fast paths, console lines and one dispatch rule per family of first characters, all anchored with \\G.',
    begin: '^(?=[^\\n])',
    end: '(?=\\n)',
    patterns: linePatterns,
  };
  repository.document = {
    comment:
      'The whole document after its first line, as one region: its begin takes the first line (tokenized by the line rule) through the newline, so vscode-textmate lets \\G match at column 0 of every later line, and the line rules are tried right here: no ^-anchored search along the line and no region per line. Where source.crashlog is included in another grammar (Markdown fences) it never begins and the line rule applies.',
    begin: '\\A[^\\n]*+\\n',
    // Never matches. Anchored like every other regex of the list, so that oniguruma tries the list at
    // the line's start only: an unanchored `(?!)` had it try every regex again at the next position
    // of a line none takes (an empty line). It asks for U+FFFF first, which oniguruma tests before
    // entering its matcher (anchors.ts): `\G(?!)` alone entered it on every line (0.1 µs).
    end: String.raw`\G(?=\x{ffff})(?!)`,
    beginCaptures: { '0': { patterns: [inc('line')] } },
    patterns: documentPatterns.map(inc),
  };
  repository['other-line-non-empty'] = { ...structuredClone(repository['other-line']), begin: '\\G(?=[^\\n])' };
  for (const make of readingIndent) make();
  return [inc('document'), inc('line')];
}
