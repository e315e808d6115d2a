#!/usr/bin/env node
// Speed benchmark for the TextMate grammar (syntaxes/crashlog.tmLanguage.json).
//
//  (a) the ~50 MB transcript `npm run bench` generates (bench/generate.ts: bt -a, rd -x of
//      stacks, bt -f, dis -l, log), and a harder mix of this script's own (more dis, sym,
//      struct -o, kmem, console text, Markdown notes) for comparison,
//  (b) the real corpora in ../shared/corpus (syzkaller console reports, crash sessions) and this
//      repository's transcripts of every architecture (test/corpus: crash sessions, consoles),
//  (c) adversarial 10,000-character lines, each timed on its own.
//
// What is timed is what the editor calls: VS Code tokenizes a line with `grammar.tokenizeLine2(line,
// state, 500)` (binary tokens, two numbers per token: offset and metadata, consecutive tokens of equal
// metadata merged; src/vs/workbench/services/textMate/browser/tokenizationSupport/
// textMateTokenizationSupport.ts, `tokenizeEncoded`). `tokenizeLine` (an array of scope names per
// token, which the editor never builds; the grammar tests use it) is timed too and printed beside it.
//
// Every part is timed after an untimed pass over all of them (a rule's scanner is compiled on first
// use, once per session in the editor; that first pass's rate is printed apart); each corpus part is
// timed --runs times (default 5), its figure the rate over all runs. Prints, for every
// part, MB/s by CPU time (what the grammar costs; on a shared machine wall time also counts other
// processes, so it is printed beside it) and the slowest line (as timed inside
// the document, where a GC pause or a busy machine can land on any line, and re-timed alone, best
// of 5). Targets: every part >= 5 MB/s by CPU time (tokenizeLine2), no corpus or adversarial line
// over 5 ms alone. Figures only: the exit status is 0 unless --strict is given and a target is missed.
//
// Also printed: oniguruma's WASM heap once every part is tokenized, the grammar's compiled scanners (what
// the editor's tokenizer holds for it; it grows and never shrinks).
//
// --calls also counts scanner calls (vscode-oniguruma's findNextMatchSync, what a line costs: see
// syntaxes/src/dispatch.ts) per line of each part and prints the kinds of line that take the most,
// a kind being the first token's innermost meta scope (after a printk timestamp, the body's); they are
// counted in a pass of their own, after the timed ones.
//
// --ab FILE compares this build of the grammar (or --grammar's) with another, part by part, in a way a
// busy machine barely moves: every line's time is the least of --reps runs (default 15), the two builds
// taking turns, so a pause or another process lands on a few runs of a line, not on its figure (nor does
// compiling a scanner on its first use), less the least time of an empty timer pair (what timing a line
// adds to it). The rates are higher than the judged ones (no garbage collection, no slow run); their
// ratio is the A/B: two copies of one build come out within 1-2 %.
//
// Usage: node bench/grammar-bench.mjs [--size-mb N] [--runs N] [--grammar FILE] [--calls] [--strict]
//        node bench/grammar-bench.mjs --ab FILE [--grammar FILE] [--reps N]
//        CRASHLOG_SHARED=/path/to/shared overrides where the corpus is looked for.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

import { loadCrashlogGrammar, oniguruma, onigurumaHeapBytes, vsctm } from '../scripts/textmate.mjs';

const require = createRequire(import.meta.url);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = process.env.CRASHLOG_SHARED ?? path.resolve(repoRoot, '..', 'shared');
const corpusDir = path.join(sharedDir, 'corpus');

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const sizeArgIndex = args.indexOf('--size-mb');
const targetMegabytes = sizeArgIndex >= 0 ? Number(args[sizeArgIndex + 1]) : 50;
// --grammar FILE times another build of the grammar (an A/B against main's, run back to back).
const grammarArgIndex = args.indexOf('--grammar');
const grammarPath =
  grammarArgIndex >= 0 ? path.resolve(args[grammarArgIndex + 1]) : path.join(repoRoot, 'syntaxes', 'crashlog.tmLanguage.json');

const countCalls = args.includes('--calls');
// --runs N: how many times each corpus part is timed (see where the parts are measured).
const runsArgIndex = args.indexOf('--runs');
const corpusRuns = runsArgIndex >= 0 ? Number(args[runsArgIndex + 1]) : 5;
if (!Number.isInteger(corpusRuns) || corpusRuns < 1)
  usageError(`--runs needs a positive whole number (got ${args[runsArgIndex + 1] ?? 'nothing'})`);

/** --ab FILE [--reps N], checked before anything is loaded: what a wrong one should be told. */
function abArguments() {
  const abIndex = args.indexOf('--ab');
  if (abIndex < 0) return undefined;
  const file = args[abIndex + 1];
  if (file === undefined || file.startsWith('--')) usageError('--ab needs the other grammar file');
  const otherPath = path.resolve(file);
  if (!existsSync(otherPath) || !statSync(otherPath).isFile()) usageError(`--ab: no grammar file at ${otherPath}`);
  const repsIndex = args.indexOf('--reps');
  const reps = repsIndex >= 0 ? Number(args[repsIndex + 1]) : 15;
  if (!Number.isInteger(reps) || reps < 1)
    usageError(`--reps needs a positive whole number of runs (got ${args[repsIndex + 1] ?? 'nothing'})`);
  return { otherPath, reps };
}

function usageError(message) {
  console.error(
    `grammar-bench: ${message}\nUsage: node bench/grammar-bench.mjs [--size-mb N] [--runs N] [--grammar FILE] [--calls] [--strict]\n` +
      '       node bench/grammar-bench.mjs --ab FILE [--grammar FILE] [--reps N]',
  );
  process.exit(2);
}
const ab = abArguments();
let scannerCalls = 0;
const findNextMatchSync = oniguruma.OnigScanner.prototype.findNextMatchSync;
function countingFindNextMatchSync(...callArgs) {
  scannerCalls++;
  return findNextMatchSync.apply(this, callArgs);
}

const TARGET_MB_PER_SECOND = 5;
const TARGET_MAX_LINE_MS = 5;
// VS Code's time limit per line (tokenizeEncoded): the tokenizer stops a line that takes longer.
const EDITOR_TIME_LIMIT_MS = 500;

/** One line as the editor tokenizes it (binary tokens), or with scope names (the tests' way). */
const tokenizers = {
  editor: (grammar, line, state) => grammar.tokenizeLine2(line, state, EDITOR_TIME_LIMIT_MS),
  scopes: (grammar, line, state) => grammar.tokenizeLine(line, state),
};

// ------------------------------------------------------------------ deterministic generator

function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = createRandom(20261122);
const pick = (items) => items[Math.floor(random() * items.length)];
const integer = (low, high) => low + Math.floor(random() * (high - low + 1));
const hexDigits = (count) => {
  let text = '';
  for (let i = 0; i < count; i++) text += '0123456789abcdef'[integer(0, 15)];
  return text;
};
const pad = (text, width) => String(text).padStart(width, ' ');
const padRight = (text, width) => String(text).padEnd(width, ' ');

const FUNCTIONS = [
  'panic',
  'do_trap',
  'do_error_trap',
  'exc_invalid_op',
  'asm_exc_invalid_op',
  'full_proxy_write',
  'vfs_write',
  'ksys_write',
  'do_syscall_64',
  'entry_SYSCALL_64_after_hwframe',
  '__handle_mm_fault',
  'handle_mm_fault',
  'do_user_addr_fault',
  'exit_to_user_mode_prepare',
  'tcp_recvmsg',
  'inet_recvmsg',
  'sock_recvmsg',
  '__napi_poll',
  'net_rx_action',
  '__do_softirq',
  'irq_exit_rcu',
  'xfs_inactive',
  'kmem_alloc',
  '__kmalloc',
  'direct_entry.cold',
  'el0_svc_common.constprop.0',
  'schedule',
  '__schedule',
  'schedule_timeout',
  'wait_for_completion',
  'kthread',
  'ret_from_fork',
];
const MODULES = ['', '', '', '', ' [xfs]', ' [lkdtm]', ' [i40e]', ' [corpus_crash]'];
const X86_REGISTERS = [
  ['RAX', 'RBX', 'RCX'],
  ['RDX', 'RSI', 'RDI'],
  ['RBP', 'R08', 'R09'],
  ['R10', 'R11', 'R12'],
  ['R13', 'R14', 'R15'],
];
const COMMANDS = ['sh', 'containerd-shim', 'kworker/1:2', 'etcd', 'systemd', 'sleep', 'swapper/0'];

const kernelAddress = () => 'ffffffff' + hexDigits(8);
const stackAddress = () => 'ffffa269' + hexDigits(8);
const word = () => pick([kernelAddress, stackAddress, () => '0000000000000' + hexDigits(3), () => hexDigits(16)])();

function btAllSection(lines) {
  lines.push('crash> bt -a');
  for (let task = 0; task < 20; task++) {
    lines.push(
      `PID: ${padRight(integer(1, 40000), 8)} TASK: ${'ffff8c60' + hexDigits(8)}  CPU: ${padRight(integer(0, 127), 4)} COMMAND: "${pick(COMMANDS)}"`,
    );
    let slot = parseInt(hexDigits(4), 16);
    for (let level = 0; level < integer(6, 18); level++) {
      slot += integer(1, 40) * 8;
      const marker = random() < 0.05 ? ' *' : random() < 0.03 ? ' (?)' : '';
      lines.push(
        `${pad('#' + level, 3)} [ffffa269e37d${slot.toString(16).padStart(4, '0').slice(-4)}] ${pick(FUNCTIONS)} at ${kernelAddress()}${pick(MODULES)}${marker}`,
      );
      if (random() < 0.05) {
        lines.push(`    [exception RIP: ${pick(FUNCTIONS)}+${integer(1, 900)}]`);
        lines.push(`    RIP: ${kernelAddress()}  RSP: ${stackAddress()}  RFLAGS: 00010${hexDigits(3)}`);
        lines.push(`    RAX: ${word()}  RBX: ${word()}  RCX: ${word()}`);
        lines.push(`    RBP: ${word()}   R8: ${word()}   R9: ${word()}`);
        lines.push('    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018');
      }
      if (random() < 0.03) lines.push('--- <IRQ stack> ---');
    }
    lines.push('');
  }
}

function btFramesSection(lines) {
  lines.push('crash> bt -f');
  for (let level = 0; level < 15; level++) {
    lines.push(` #${level} [${stackAddress()}] ${pick(FUNCTIONS)} at ${kernelAddress()}${pick(MODULES)}`);
    for (let row = 0; row < integer(1, 8); row++) {
      const annotation = random() < 0.05 ? pick(['[rbp]', '[ip]', '[CS]']) : '';
      lines.push(`    ${stackAddress()}: ${word()}${annotation} ${word()} `);
    }
  }
}

function rdSection(lines) {
  const symbolic = random() < 0.5;
  lines.push(`crash> rd ${symbolic ? '-s' : '-x'} ${stackAddress()} 64`);
  for (let row = 0; row < 32; row++) {
    const value = () => (symbolic && random() < 0.3 ? padRight(`${pick(FUNCTIONS)}+${integer(1, 999)}`, 16) : word());
    lines.push(`${stackAddress()}:  ${value()} ${value()} `);
  }
  lines.push('crash> rd ffff8c6050d57000 8');
  for (let row = 0; row < 4; row++) lines.push(`ffff8c6050d57${hexDigits(3)}:  ${word()} ${word()}   ..H.....f..D....`);
  lines.push('0xffff80001358e730:     0xffff80001358e814      0xffff00ff9ed2cce8');
}

function disSection(lines) {
  const name = pick(FUNCTIONS);
  lines.push(`crash> dis -l ${name} 20`);
  let base = parseInt(hexDigits(6), 16);
  const x86 = random() < 0.6;
  for (let i = 0; i < 20; i++) {
    base += integer(1, 7);
    const address = `0xffffffff89${base.toString(16).padStart(6, '0').slice(-6)}`;
    if (i % 5 === 0) lines.push(`debian/build/build_amd64_none_amd64/kernel/${name}.c: ${integer(10, 3000)}`);
    const operands = x86
      ? pick([
          'push   %rbp',
          'mov    %rsp,%rbp',
          `sub    $0x${hexDigits(2)},%rsp`,
          `mov    0x${hexDigits(2)}(%rbx),%rax`,
          `callq  ${kernelAddress().replace(/^/, '0x')} <${pick(FUNCTIONS)}>`,
          `jne    0xffffffffc07258f5 <kmem_alloc+149>`,
          'nopl   0x0(%rax,%rax,1) [FTRACE NOP]',
          `mov    0x25813e6(%rip),%r12b        # 0xffffffff8b5830d8 <crash_kexec_post_notifiers>`,
        ])
      : pick([
          'stp\tx29, x30, [sp, #-32]!',
          'ldr\tw0, [x19,#224]',
          `bl\t0xffff8000100f27e8 <__warn_printk>`,
          'mov\tw0, #0x0                   \t// #0',
          'cbnz\tw0, 0xffff8000109b9148 <inet_sock_destruct+344>',
          'msr\tdaifset, #0xf',
          'ldp\tx29, x30, [sp], #16',
        ]);
    lines.push(`${address} <${name}+${i * 4}>:\t${operands}`);
  }
}

function consoleSection(lines) {
  let seconds = integer(1, 500000);
  const stamp = () => `[${pad((seconds += random()).toFixed(6), 12)}]`;
  const arm64 = random() < 0.4;
  lines.push(`${stamp()} ------------[ cut here ]------------`);
  lines.push(
    `${stamp()} WARNING: CPU: ${integer(0, 127)} PID: ${integer(1, 40000)} at net/ipv4/af_inet.c:153 inet_sock_destruct+0x158/0x188`,
  );
  lines.push(`${stamp()} Modules linked in: lkdtm(OE) pvpanic_mmio pvpanic qemu_fw_cfg xfs i40e`);
  lines.push(`${stamp()} CPU: 0 PID: 105 Comm: sh Tainted: G           OE      6.1.0-56-amd64 #1  Debian 6.1.192-2`);
  lines.push(`${stamp()} Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014`);
  if (arm64) {
    lines.push(`${stamp()} pstate: 60400009 (nZCv daif +PAN -UAO)`);
    lines.push(`${stamp()} pc : inet_sock_destruct+0x158/0x188`);
    lines.push(`${stamp()} lr : inet_sock_destruct+0x4c/0x188`);
    lines.push(`${stamp()} sp : ffff80001418fc10`);
    for (let n = 29; n >= 0; n -= 3) {
      const parts = [];
      for (let k = n; k > n - 3 && k >= 0; k--) parts.push(`${padRight('x' + k, 3)}: ${word()}`);
      lines.push(`${stamp()} ${parts.join(' ')}`);
    }
    lines.push(`${stamp()} Call trace:`);
  } else {
    lines.push(`${stamp()} RIP: 0010:lkdtm_SOFTLOCKUP+0xe/0x10 [lkdtm]`);
    lines.push(
      `${stamp()} Code: cc 66 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 44 00 00 eb fe 66 0f 1f 84 00 00 00 00 00 0f 1f 44 00 00 65 ff 05 64 76 d7 3f f3 90 <eb> fc 0f 1f 44 00 00 fa 0f 1f 44 00 00 f3 90 eb fc 90 0f 1f 44 00`,
    );
    lines.push(`${stamp()} RSP: 0018:ffffd4e4c051bc88 EFLAGS: 00000282`);
    for (const names of X86_REGISTERS) lines.push(`${stamp()} ${names.map((n) => `${n}: ${word()}`).join(' ')}`);
    lines.push(`${stamp()} FS:  000000001b8573c0(0000) GS:ffff8ceafec00000(0000) knlGS:0000000000000000`);
    lines.push(`${stamp()} Call Trace:`);
    lines.push(`${stamp()}  <TASK>`);
  }
  for (let i = 0; i < integer(8, 25); i++) {
    const unreliable = !arm64 && random() < 0.2 ? '? ' : '';
    lines.push(`${stamp()}  ${unreliable}${pick(FUNCTIONS)}+0x${hexDigits(2)}/0x${hexDigits(3)}${pick(MODULES)}`);
  }
  if (!arm64) lines.push(`${stamp()}  </TASK>`);
  lines.push(`${stamp()} ---[ end trace ${hexDigits(16)} ]---`);
  lines.push(` 0xffffffff8248caf3 : tcp_queue_rcv+0xd3/0x150 [kernel] (inexact)`);
}

function miscSection(lines) {
  lines.push('crash> sym ffffffff89001e27');
  lines.push('ffffffff89001e27 (T) panic+375 debian/build/build_amd64_none_amd64/kernel/panic.c: 208');
  lines.push('crash> struct sock -o');
  lines.push('struct sock {');
  lines.push('    [0] struct sock_common __sk_common;');
  lines.push('  [216] struct sk_buff_head sk_receive_queue;');
  lines.push('        struct {');
  lines.push('            atomic_t rmem_alloc;');
  lines.push('  [240] } sk_backlog;');
  lines.push('  [512] u8 sk_gso_disabled : 1;');
  lines.push('}');
  lines.push('SIZE: 9792');
  lines.push('crash> kmem ffff8c604252c200');
  lines.push('CACHE             OBJSIZE  ALLOCATED     TOTAL  SLABS  SSIZE  NAME');
  lines.push('ffff8c60411be200     8392         59        75     25    32k  task_struct');
  lines.push('  FREE / [ALLOCATED]');
  lines.push('  [ffff8c604252c200]');
  lines.push('crash> eval 0xfffffffffffffd00');
  lines.push('hexadecimal: fffffffffffffd00');
  lines.push('    decimal: 18446744073709550848  (-768)');
  lines.push('WARNING: possibly bogus exception frame');
  lines.push('');
  lines.push('## Notes');
  lines.push('The frame above looks wrong: kmem_alloc+83 returns into __kmalloc, see x19 0xffff21008f5a0000.');
  lines.push('```crashlog');
}

function generateTranscript(megabytes) {
  const sections = [btAllSection, btFramesSection, rdSection, disSection, consoleSection, miscSection];
  const lines = [];
  let size = 0;
  const limit = megabytes * 1024 * 1024;
  while (size < limit) {
    const before = lines.length;
    pick(sections)(lines);
    for (let i = before; i < lines.length; i++) size += lines[i].length + 1;
  }
  return lines;
}

// ------------------------------------------------------------------ measurement

/** The kind of a tokenized line for --calls: its first token's innermost meta scope (after a timestamp). */
function lineKind(line, tokens) {
  const scopes = tokens.flatMap((token) => token.scopes.slice(1)).filter((scope) => !scope.startsWith('comment.other.'));
  const meta = scopes.find((scope) => scope.startsWith('meta.') || scope.startsWith('markup.'));
  const kind = meta ?? (line.trim() ? 'other' : 'empty');
  return /^\s*(?:<\d>)?\[\s*\d+\.\d+\]/.test(line) ? `timestamp + ${kind}` : kind;
}

/**
 * A document's size as a file holds it: UTF-8 bytes, each line's newline included. (A line's
 * `length` counts UTF-16 units: a line of CJK prose, 3 bytes a character on disk, would count a
 * third of its size.)
 */
const documentBytes = (lines) => lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0);

/** Times one document tokenized line after line, state carried, the editor's way or with scope names. */
function tokenizeDocument(grammar, lines, mode = 'editor') {
  const tokenize = tokenizers[mode];
  let ruleStack = vsctm.INITIAL;
  let slowest = { ms: 0, line: '' };
  const bytes = documentBytes(lines);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const line of lines) {
    const lineStart = performance.now();
    ruleStack = tokenize(grammar, line, ruleStack).ruleStack;
    const elapsed = performance.now() - lineStart;
    if (elapsed > slowest.ms) slowest = { ms: elapsed, line };
  }
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, bytes, lines: lines.length, slowest };
}

const emptyCalls = () => ({ total: 0, byKind: new Map() });

/** Scanner calls per kind of line (--calls): a pass of its own, untimed, so counting slows no figure. */
function countDocumentCalls(grammar, lines) {
  oniguruma.OnigScanner.prototype.findNextMatchSync = countingFindNextMatchSync;
  try {
    return countCallsByKind(grammar, lines);
  } finally {
    oniguruma.OnigScanner.prototype.findNextMatchSync = findNextMatchSync;
  }
}

function countCallsByKind(grammar, lines) {
  let ruleStack = vsctm.INITIAL;
  const calls = emptyCalls();
  for (const line of lines) {
    const callsBefore = scannerCalls;
    const result = grammar.tokenizeLine(line, ruleStack);
    ruleStack = result.ruleStack;
    const n = scannerCalls - callsBefore;
    const kind = lineKind(line, result.tokens);
    const entry = calls.byKind.get(kind) ?? { lines: 0, calls: 0, example: line };
    entry.lines++;
    entry.calls += n;
    calls.byKind.set(kind, entry);
    calls.total += n;
  }
  return calls;
}

/** A part's figures: both ways timed, the editor's first; scanner calls counted when asked. */
function measureDocument(grammar, lines, withCalls = true) {
  const editor = tokenizeDocument(grammar, lines, 'editor');
  const scopes = tokenizeDocument(grammar, lines, 'scopes');
  const calls = countCalls && withCalls ? countDocumentCalls(grammar, lines) : emptyCalls();
  return { ...editor, scopesCpuMs: scopes.cpuMs, calls };
}

const megabytesPerSecond = (bytes, ms) => bytes / 1048576 / (ms / 1000);

function timeSingleLine(grammar, line, repetitions = 5) {
  let best = Infinity;
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    tokenizers.editor(grammar, line, vsctm.INITIAL);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function stripSyzkallerHeader(text) {
  const blank = text.search(/\r?\n\r?\n/);
  return blank < 0 ? '' : text.slice(text.indexOf('\n', blank + 1) + 1);
}

function corpusFiles() {
  const files = [];
  const syzDir = path.join(corpusDir, 'syzkaller');
  if (existsSync(syzDir)) {
    for (const name of readdirSync(syzDir).sort()) {
      const file = path.join(syzDir, name);
      if (statSync(file).isFile())
        files.push({ kind: 'syzkaller', file, text: stripSyzkallerHeader(readFileSync(file, 'utf8')) });
    }
  }
  for (const dir of ['crash-x86_64', 'crash-arm64']) {
    const full = path.join(corpusDir, dir);
    if (!existsSync(full)) continue;
    for (const name of readdirSync(full).sort()) {
      if (name.endsWith('.crashlog'))
        files.push({ kind: dir, file: path.join(full, name), text: readFileSync(path.join(full, name), 'utf8') });
    }
  }
  const seedsDir = path.join(sharedDir, 'seeds');
  if (existsSync(seedsDir)) {
    for (const name of readdirSync(seedsDir).sort())
      files.push({ kind: 'seeds', file: path.join(seedsDir, name), text: readFileSync(path.join(seedsDir, name), 'utf8') });
  }
  const repoCorpus = path.join(repoRoot, 'test', 'corpus');
  if (existsSync(repoCorpus)) {
    for (const arch of readdirSync(repoCorpus).sort()) {
      const dir = path.join(repoCorpus, arch);
      if (!statSync(dir).isDirectory()) continue;
      for (const name of readdirSync(dir).sort()) {
        if (!name.endsWith('.crashlog')) continue;
        const kind = name.includes('.console.') ? 'test/corpus consoles' : 'test/corpus crash sessions';
        files.push({ kind, file: path.join(dir, name), text: readFileSync(path.join(dir, name), 'utf8') });
      }
    }
  }
  return files;
}

function adversarialLines() {
  const length = 10_000;
  const repeat = (unit) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  return [
    ['hex run', repeat('f')],
    ['hex run with 0x', '0x' + repeat('a')],
    ['address column + hex run', 'ffffd45d40403c80: ' + repeat('0')],
    ['spaced 16-digit words', repeat('ffffffffc02f3900 ')],
    ['[[[[', repeat('[')],
    ['<<<<', repeat('<')],
    ['>>>>', repeat('>')],
    ['spaces', repeat(' ')],
    ['spaces then x', repeat(' ') + 'x'],
    ['tabs', repeat('\t')],
    ['+0x repeats', repeat('+0x')],
    ['func+0x repeats', repeat('f+0x1')],
    ['unterminated [hex', repeat('[ffff')],
    ['unterminated [<hex', repeat('[<ffffffff8100')],
    ['unterminated (', repeat('(')],
    ['unterminated <sym+', repeat('<a+')],
    ['dis line with long operands', '0xffffffff89001cb0 <panic>:\tmov ' + repeat('%rax,')],
    ['bt frame with long function', ' #0 [ffffd45d40403a88] ' + repeat('a') + ' at ffffffff89001e27'],
    ['timestamp + spaces', '[   25.653197] ' + repeat(' ')],
    ['timestamp + ? frame', '[   25.653197]  ? ' + repeat('a')],
    ['register words', repeat('RAX: ')],
    ['struct member shape', '  [200] ' + repeat('struct ')],
    ['path without colon', repeat('a/')],
    ['word characters', repeat('abc_')],
    ['colons', repeat(':')],
    ['crash prompt + junk', 'crash> ' + repeat('-x ')],
    ['heading + hex', 'WARNING: ' + repeat('ffff')],
    ['Code line', 'Code: ' + repeat('<0f> ')],
    ['dots', repeat('.')],
    ['equals', repeat('=')],
    ['dashes', repeat('-')],
    ['backticks', repeat('`')],
    ['hash marks', repeat('#')],
    ['digits', repeat('1234567890')],
    ['mixed punctuation', repeat('[<>]()+/:#$%!*?')],
  ];
}

// ------------------------------------------------------------------ main

const grammar = await loadCrashlogGrammar(readFileSync(grammarPath, 'utf8'));
const files = corpusFiles();

/**
 * The least time of an empty `performance.now()` pair: what timing a line adds to its least time
 * whatever the line (the least, as every line's time is its least).
 */
function timerCost() {
  let least = Infinity;
  for (let i = 0; i < 100_000; i++) {
    const start = performance.now();
    least = Math.min(least, performance.now() - start);
  }
  return least;
}

/**
 * Each line's least time over `reps` runs of every document, the grammars taking turns, less
 * `timerMs`, what timing it adds (a line's time is not below 0): summed per part.
 */
function leastTimes(grammars, parts, reps, timerMs) {
  const least = grammars.map(() =>
    parts.map(({ documents }) => documents.map((lines) => new Float64Array(lines.length).fill(Infinity))),
  );
  for (let run = 0; run < reps; run++) {
    for (let turn = 0; turn < grammars.length; turn++) {
      const which = (turn + run) % grammars.length;
      parts.forEach(({ documents }, part) =>
        documents.forEach((lines, document) => {
          const times = least[which][part][document];
          let ruleStack = vsctm.INITIAL;
          lines.forEach((line, i) => {
            const start = performance.now();
            ruleStack = tokenizers.editor(grammars[which], line, ruleStack).ruleStack;
            times[i] = Math.min(times[i], performance.now() - start);
          });
        }),
      );
    }
  }
  return least.map((byPart) =>
    byPart.map((documents) => documents.reduce((sum, times) => sum + times.reduce((a, b) => a + Math.max(0, b - timerMs), 0), 0)),
  );
}

if (ab) {
  const { otherPath, reps } = ab;
  const other = await loadCrashlogGrammar(readFileSync(otherPath, 'utf8'));
  const byKind = new Map();
  for (const { kind, text } of files) byKind.set(kind, [...(byKind.get(kind) ?? []), text.split(/\r?\n/)]);
  const parts = [
    { kind: "extended mix, 2 MB (this script's own generator)", documents: [generateTranscript(2)] },
    ...[...byKind].map(([kind, documents]) => ({ kind, documents })),
  ];
  const timer = timerCost();
  const [mine, theirs] = leastTimes([grammar, other], parts, reps, timer);
  console.log(
    `A: ${path.relative(process.cwd(), grammarPath)}\nB: ${path.relative(process.cwd(), otherPath)}\n` +
      `least of ${reps} runs per line, less the timer's own ${(timer * 1e6).toFixed(0)} ns, MB/s:`,
  );
  parts.forEach(({ kind, documents }, i) => {
    const megabytes = documents.reduce((sum, lines) => sum + documentBytes(lines), 0) / 1048576;
    const [a, b] = [megabytes / (mine[i] / 1000), megabytes / (theirs[i] / 1000)];
    console.log(`  ${kind.padEnd(52)} A ${a.toFixed(2).padStart(6)}  B ${b.toFixed(2).padStart(6)}  A/B ${(a / b).toFixed(3)}`);
  });
  process.exit(0);
}

// Warm-up, untimed for the parts: vscode-textmate compiles a rule's scanner on the first line that
// meets it, and VS Code keeps a grammar for the whole session, so a part's figure is its
// tokenizing, not compiling. Every part's text is tokenized once first (both ways); the corpus
// pass's own rate, compiling included, is printed beside the parts.
measureDocument(grammar, generateTranscript(0.5));
let firstPassBytes = 0;
let firstPassCpuMs = 0;
for (const { text } of files) {
  const lines = text.split(/\r?\n/);
  const first = tokenizeDocument(grammar, lines, 'editor');
  tokenizeDocument(grammar, lines, 'scopes');
  firstPassBytes += first.bytes;
  firstPassCpuMs += first.cpuMs;
}

const report = [];
let targetsMet = true;
let overallBytes = 0;
let overallCpuMs = 0;
let overallScopesCpuMs = 0;

/**
 * One line per part: size, MB/s by CPU time the editor's way (judged), by wall time, and with
 * scope names (tokenizeLine), then its slowest line.
 */
function reportPart(name, { bytes, ms, cpuMs, scopesCpuMs, lines, slowest, calls, runs = 1, runCpuMs = [cpuMs] }) {
  // The overall figure weighs each part by its size once, whatever its number of runs.
  overallBytes += bytes / runs;
  overallCpuMs += cpuMs / runs;
  overallScopesCpuMs += scopesCpuMs / runs;
  const rate = megabytesPerSecond(bytes, cpuMs);
  const alone = timeSingleLine(grammar, slowest.line);
  const runRates = runCpuMs.map((runMs) => megabytesPerSecond(bytes / runs, runMs));
  const spread =
    runs > 1 ? `, ${runs} runs: slowest ${Math.min(...runRates).toFixed(1)}, fastest ${Math.max(...runRates).toFixed(1)}` : '';
  report.push(
    `${name}: ${(bytes / runs / 1048576).toFixed(2)} MB, ${lines} lines = ${rate.toFixed(1)} MB/s CPU (${megabytesPerSecond(bytes, ms).toFixed(1)} MB/s wall; tokenizeLine ${megabytesPerSecond(bytes, scopesCpuMs).toFixed(1)} MB/s CPU${spread})${rate < TARGET_MB_PER_SECOND ? '  < target' : ''}`,
  );
  report.push(
    `  slowest line ${slowest.ms.toFixed(3)} ms in document, ${alone.toFixed(3)} ms alone${slowest.file ? ` (${slowest.file})` : ''}: ${JSON.stringify(slowest.line.slice(0, 100))}`,
  );
  if (countCalls) {
    report.push(`  scanner calls: ${(calls.total / lines).toFixed(2)} per line; the kinds of line that take the most:`);
    for (const [kind, entry] of [...calls.byKind].sort((a, b) => b[1].calls - a[1].calls).slice(0, 6))
      report.push(
        `    ${((100 * entry.calls) / calls.total).toFixed(0).padStart(3)}% ${kind}: ${entry.lines} lines, ${(entry.calls / entry.lines).toFixed(1)} calls each, e.g. ${JSON.stringify(entry.example.slice(0, 70))}`,
      );
  }
  if (rate < TARGET_MB_PER_SECOND || alone > TARGET_MAX_LINE_MS) targetsMet = false;
}

// The corpus parts are timed first, while the heap holds little more than their text. The 50 MB
// documents timed after them leave hundreds of MB of lines behind, garbage that V8 need not collect
// for a long while; measured here, with that in the old generation every scavenge took 2.5-2.7 ms
// instead of 0.35 ms, and the small parts timed then read 10-25 % slower (one scavenge every ~25 ms
// of tokenizing). That is the benchmark's own heap, not the grammar's cost, and an editor tokenizing
// a 40 KB note holds no such heap. The report keeps its order: the big documents first.
//
// A corpus part is small (0.04-3.7 MB, a few ms to a second of tokenizing), so one timed pass carries whatever
// the JIT and the garbage collector happen to do inside it: five passes of the seeds in a row read 0.6, 1.3, 2.1,
// 1.3 and 1.4 MB/s, the next five 2.0-2.5. So every part is tokenized --runs times (default 5) after the warm-up,
// the parts taking turns (a busy minute of the machine lands on one run of each part, not on one part), and its
// figure counts every run: the bytes of all runs over their CPU time, each collection included. The slowest and
// fastest run are printed beside it.
const byKind = new Map();
for (let run = 0; run < corpusRuns; run++) {
  for (const { kind, file, text } of files) {
    const result = measureDocument(grammar, text.split(/\r?\n/), run === 0);
    const entry = byKind.get(kind) ?? {
      bytes: 0,
      ms: 0,
      cpuMs: 0,
      scopesCpuMs: 0,
      lines: 0,
      files: 0,
      runs: corpusRuns,
      runCpuMs: new Array(corpusRuns).fill(0),
      slowest: { ms: 0, line: '', file: '' },
      calls: { total: 0, byKind: new Map() },
    };
    entry.calls.total += result.calls.total;
    for (const [lineKind, counted] of result.calls.byKind) {
      const sum = entry.calls.byKind.get(lineKind) ?? { lines: 0, calls: 0, example: counted.example };
      sum.lines += counted.lines;
      sum.calls += counted.calls;
      entry.calls.byKind.set(lineKind, sum);
    }
    entry.bytes += result.bytes;
    entry.ms += result.ms;
    entry.cpuMs += result.cpuMs;
    entry.runCpuMs[run] += result.cpuMs;
    entry.scopesCpuMs += result.scopesCpuMs;
    if (run === 0) {
      entry.lines += result.lines;
      entry.files += 1;
    }
    const where = file.startsWith(repoRoot) ? path.relative(repoRoot, file) : path.relative(sharedDir, file);
    if (result.slowest.ms > entry.slowest.ms) entry.slowest = { ...result.slowest, file: where };
    byKind.set(kind, entry);
  }
}

// The issue's figure: the 50 MB transcript of `npm run bench` (bench/generate.ts, built into
// dist/generate.js by `npm run build`) together with every corpus log.
const benchGenerator = path.join(repoRoot, 'dist', 'generate.js');
if (existsSync(benchGenerator)) {
  const { generateTranscript: benchTranscript } = require(benchGenerator);
  reportPart("npm run bench's transcript", measureDocument(grammar, benchTranscript(targetMegabytes * 1024 * 1024).split('\n')));
} else {
  report.push("npm run bench's transcript: dist/generate.js missing (run npm run build); skipped");
  targetsMet = false;
}

// A harder mix of our own (more dis, struct, kmem, console and Markdown lines), for comparison.
// Each big document is made inside the call, so it is garbage before the next part is timed.
reportPart("extended mix (this script's own generator)", measureDocument(grammar, generateTranscript(targetMegabytes)));

if (files.length === 0) {
  report.push(`corpus: not found under ${corpusDir} (set CRASHLOG_SHARED); skipped`);
}
for (const [kind, entry] of byKind) reportPart(`${kind} (${entry.files} files)`, entry);
if (firstPassBytes > 0)
  report.push(
    `corpus parts on their first pass (the warm-up, compiling each rule's scanner where it is first met; not judged): ${megabytesPerSecond(firstPassBytes, firstPassCpuMs).toFixed(1)} MB/s CPU`,
  );

report.push(
  `overall (every part above): ${(overallBytes / 1048576).toFixed(1)} MB = ${megabytesPerSecond(overallBytes, overallCpuMs).toFixed(1)} MB/s CPU (tokenizeLine ${megabytesPerSecond(overallBytes, overallScopesCpuMs).toFixed(1)})`,
);

let worstAdversarial = { ms: 0, name: '' };
{
  // Read before the adversarial lines, whose searched strings are not what a session holds.
  const heap = onigurumaHeapBytes();
  report.push(
    `oniguruma's WASM heap after every part (the scanners of every rule met, compiled): ${(heap.now / 1048576).toFixed(0)} MB (the module starts at ${(heap.initial / 1048576).toFixed(0)} MB)`,
  );
}
report.push('adversarial 10,000-character lines (best of 5 runs each):');
for (const [name, line] of adversarialLines()) {
  const ms = timeSingleLine(grammar, line);
  report.push(`  ${name.padEnd(32)} ${ms.toFixed(3)} ms`);
  if (ms > worstAdversarial.ms) worstAdversarial = { ms, name };
}
report.push(`adversarial max: ${worstAdversarial.ms.toFixed(3)} ms (${worstAdversarial.name})`);
if (worstAdversarial.ms > TARGET_MAX_LINE_MS) targetsMet = false;

report.push(`targets (>= ${TARGET_MB_PER_SECOND} MB/s, no line over ${TARGET_MAX_LINE_MS} ms): ${targetsMet ? 'met' : 'MISSED'}`);
console.log(report.join('\n'));
if (strict && !targetsMet) process.exitCode = 1;
