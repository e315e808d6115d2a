// Which regexes of the TextMate grammar oniguruma enters, per line of a corpus part: a count that does
// not move with the machine's load, for tuning the grammar's speed (syntaxes/src/dispatch.ts says what a
// line costs; an entry is 0.1-0.3 µs however soon the regex fails, a regex rejected by its first character
// or its literal ~16 ns).
//
//   node scripts/perf/grammar-entries.mjs [--top N] [--grammar FILE] PART
//
// PART: seeds, syzkaller, crash-x86_64, crash-arm64 (../shared, or CRASHLOG_SHARED), consoles or sessions
// (test/corpus). Prints calls and entries per line, then the regexes entered most, named by their rule.
//
// How an entry is seen: when oniguruma's matcher returns it saves its match stack (~3.3 KB) with
// memcpy, which vscode-oniguruma's WASM build hands to JavaScript as a copyWithin of its heap; so the
// copies during a scanner call count the regexes it entered. Which ones: the call is made again with
// each regex of its list left out, and a regex whose absence takes a copy away was one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCrashlogGrammar, oniguruma, vsctm } from '../textmate.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = process.env.CRASHLOG_SHARED ?? path.resolve(repoRoot, '..', 'shared');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args.splice(args.indexOf(name), 2)[1] : fallback);
const top = Number(option('--top', 30));
const grammarFile = option('--grammar', path.join(repoRoot, 'syntaxes', 'crashlog.tmLanguage.json'));
const part = args[0];

function partFiles() {
  const inDir = (dir, keep = () => true) =>
    existsSync(dir)
      ? readdirSync(dir)
          .sort()
          .filter(keep)
          .map((name) => path.join(dir, name))
      : [];
  if (part === 'seeds') return inDir(path.join(shared, 'seeds'));
  if (['syzkaller', 'crash-x86_64', 'crash-arm64'].includes(part)) return inDir(path.join(shared, 'corpus', part));
  if (part === 'consoles' || part === 'sessions') {
    const corpus = path.join(repoRoot, 'test', 'corpus');
    return readdirSync(corpus)
      .flatMap((arch) => inDir(path.join(corpus, arch), (name) => name.endsWith('.crashlog')))
      .filter((file) => file.includes('.console.') === (part === 'consoles'));
  }
  console.error(
    'usage: node scripts/perf/grammar-entries.mjs [--top N] [--grammar FILE] seeds|syzkaller|crash-x86_64|crash-arm64|consoles|sessions',
  );
  process.exit(2);
}

let copies = 0;
const copyWithin = Uint8Array.prototype.copyWithin;
Uint8Array.prototype.copyWithin = function (...copyArgs) {
  copies++;
  return copyWithin.apply(this, copyArgs);
};
const sources = new WeakMap();
const Scanner = oniguruma.OnigScanner;
oniguruma.OnigScanner = class extends Scanner {
  constructor(patterns) {
    super(patterns);
    sources.set(this, patterns);
  }
};
const find = Scanner.prototype.findNextMatchSync;
let calls = null;
Scanner.prototype.findNextMatchSync = function (string, position, options) {
  const before = copies;
  const result = find.call(this, string, position, options);
  calls?.push({ scanner: this, string, position, entered: copies - before });
  return result;
};

const grammarText = readFileSync(grammarFile, 'utf8');
const grammar = await loadCrashlogGrammar(grammarText);

/** A regex's name: its rule (and place in the rule's list), as the grammar file has it. */
const names = new Map();
const repository = JSON.parse(grammarText).repository;
const endCount = new Map();
for (const rule of Object.values(repository)) if (rule.end) endCount.set(rule.end, (endCount.get(rule.end) ?? 0) + 1);
for (const [name, rule] of Object.entries(repository)) {
  // An end many regions share (`\n`, `\Z`) is named by itself.
  if (endCount.get(rule.end) > 1) names.set(rule.end, `end ${JSON.stringify(rule.end)} of ${endCount.get(rule.end)} regions`);
  for (const key of ['match', 'begin', 'end', 'while'])
    if (rule[key] && !names.has(rule[key])) names.set(rule[key], `${name} ${key}`);
  (function walk(patterns, where) {
    (patterns ?? []).forEach((pattern, i) => {
      const re = pattern.match ?? pattern.begin;
      if (re && !names.has(re)) names.set(re, `${where}[${i}]${pattern.name ? ` ${pattern.name}` : ''}`);
      walk(pattern.patterns, `${where}[${i}]`);
    });
  })(rule.patterns, name);
}
// vscode-textmate writes \G as U+FFFF where the scanner is used away from the anchor.
const nameOf = (re) => names.get(re) ?? names.get(re.replaceAll('\uFFFF', '\\G')) ?? JSON.stringify(re.slice(0, 60));

const withoutOne = new Map();
const byRegex = new Map();
let lines = 0;
let callCount = 0;
let entries = 0;
for (const file of partFiles()) {
  let state = vsctm.INITIAL;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    grammar.tokenizeLine2(line, state, 500); // compiles the scanners this line meets first
    calls = [];
    state = grammar.tokenizeLine2(line, state, 500).ruleStack;
    const lineCalls = calls;
    calls = null;
    lines++;
    for (const call of lineCalls) {
      callCount++;
      entries += call.entered;
      if (call.entered === 0) continue;
      const patterns = sources.get(call.scanner) ?? [];
      let lists = withoutOne.get(call.scanner);
      if (!lists) withoutOne.set(call.scanner, (lists = patterns.map((_, i) => new Scanner(patterns.filter((_, j) => j !== i)))));
      patterns.forEach((re, i) => {
        const before = copies;
        find.call(lists[i], call.string, call.position);
        const fewer = call.entered - (copies - before);
        if (fewer > 0) byRegex.set(nameOf(re), (byRegex.get(nameOf(re)) ?? 0) + fewer);
      });
    }
  }
}
console.log(
  `${part}: ${lines} lines, ${(callCount / lines).toFixed(2)} scanner calls and ${(entries / lines).toFixed(2)} regexes entered a line`,
);
for (const [name, count] of [...byRegex].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${(count / lines).toFixed(3).padStart(7)} a line  ${name}`);
