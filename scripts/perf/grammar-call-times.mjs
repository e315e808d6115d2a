// Where a corpus part's scanner time goes when whole documents are tokenized, as the benchmark's
// figure counts it: every scanner call timed in document order (each list's compiled regexes read from
// memory again, as the editor reads them; repeated on one line they cost 2-3 times less, which is
// what grammar-line.mjs shows), summed by what the call matched (a rule's regex, or nothing: the
// empty search at a line's end). The timing is noisy on a busy machine; compare shares, not totals.
//
//   node scripts/perf/grammar-call-times.mjs [--top N] [--runs N] [--grammar FILE] PART
//
// PART: seeds, syzkaller, crash-x86_64, crash-arm64 (../shared, or CRASHLOG_SHARED), consoles or sessions
// (test/corpus). Prints the time inside scanner calls per line, then the heaviest kinds of call: time a
// line, calls a line, time a call.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadCrashlogGrammar, oniguruma, vsctm } from '../textmate.mjs';
import { GRAMMAR_FILE, PARTS, partFiles, regexNames, takeOption, watchScanners } from './grammarScanners.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const top = Number(option('--top', 25));
const runs = Number(option('--runs', 30));
const grammarFile = option('--grammar', GRAMMAR_FILE);
const files = partFiles(args[0]);
if (files === undefined) {
  console.error(`usage: node scripts/perf/grammar-call-times.mjs [--top N] [--runs N] [--grammar FILE] ${PARTS.join('|')}`);
  process.exit(2);
}

const { patternsOf } = watchScanners();
const grammarText = readFileSync(grammarFile, 'utf8');
const grammar = await loadCrashlogGrammar(grammarText);
const nameOf = regexNames(grammarText);
const documents = files.map((file) => readFileSync(file, 'utf8').split(/\r?\n/));
const tokenizeAll = () => {
  for (const lines of documents) {
    let state = vsctm.INITIAL;
    for (const line of lines) state = grammar.tokenizeLine2(line, state, 500).ruleStack;
  }
};

// Untimed passes first: scanners compiled, the JIT settled.
for (let i = 0; i < 5; i++) tokenizeAll();

/** What timing a call adds to it: the least of many empty timer pairs. */
let timerMs = Infinity;
for (let i = 0; i < 100_000; i++) {
  const start = performance.now();
  timerMs = Math.min(timerMs, performance.now() - start);
}

const find = oniguruma.OnigScanner.prototype.findNextMatchSync;
const byKind = new Map();
let total = 0;
oniguruma.OnigScanner.prototype.findNextMatchSync = function (string, position, options) {
  const start = performance.now();
  const result = find.call(this, string, position, options);
  const ms = Math.max(0, performance.now() - start - timerMs);
  const patterns = patternsOf.get(this) ?? [];
  const atEnd = position >= string.content.length - 1 ? ', at the line end' : '';
  const kind = result ? nameOf(patterns[result.index]).replace(/ \(.*/, '') : `nothing (a list of ${patterns.length}${atEnd})`;
  const entry = byKind.get(kind) ?? { ms: 0, calls: 0 };
  entry.ms += ms;
  entry.calls++;
  byKind.set(kind, entry);
  total += ms;
  return result;
};
for (let i = 0; i < runs; i++) tokenizeAll();
oniguruma.OnigScanner.prototype.findNextMatchSync = find;

const lines = documents.reduce((sum, lines) => sum + lines.length, 0) * runs;
const perLine = (ms) => ((ms * 1000) / lines).toFixed(3);
console.log(`${args[0]}: ${perLine(total)} µs a line inside scanner calls (${runs} runs of ${files.length} files)`);
for (const [kind, { ms, calls }] of [...byKind].sort((a, b) => b[1].ms - a[1].ms).slice(0, top))
  console.log(
    `${perLine(ms).padStart(7)} µs a line  ${(calls / lines).toFixed(2)} calls a line  ${((ms * 1000) / calls).toFixed(2).padStart(6)} µs a call  ${kind.slice(0, 90)}`,
  );
