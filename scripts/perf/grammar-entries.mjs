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
// How an entry is seen: see grammarScanners.mjs. Which regexes: each call is made again with each
// regex of its list left out, and a regex whose absence takes an entry away was one.
import { readFileSync } from 'node:fs';
import { loadCrashlogGrammar, vsctm } from '../textmate.mjs';
import { GRAMMAR_FILE, PARTS, partFiles, regexNames, takeOption, watchScanners } from './grammarScanners.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const top = Number(option('--top', 30));
const grammarFile = option('--grammar', GRAMMAR_FILE);
const part = args[0];

function usage() {
  console.error(`usage: node scripts/perf/grammar-entries.mjs [--top N] [--grammar FILE] ${PARTS.join('|')}`);
  process.exit(2);
}

const { Scanner, patternsOf, entered: enteredBy, record } = watchScanners();

const grammarText = readFileSync(grammarFile, 'utf8');
const grammar = await loadCrashlogGrammar(grammarText);

/** A regex's name: its rule (and place in the rule's list), as the grammar file has it. */
const nameOf = regexNames(grammarText);

const withoutOne = new Map();
const byRegex = new Map();
let lines = 0;
let callCount = 0;
let entries = 0;
for (const file of partFiles(part) ?? usage()) {
  let state = vsctm.INITIAL;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    grammar.tokenizeLine2(line, state, 500); // compiles the scanners this line meets first
    record(true);
    state = grammar.tokenizeLine2(line, state, 500).ruleStack;
    const lineCalls = record(false);
    lines++;
    for (const call of lineCalls) {
      callCount++;
      entries += call.entered;
      if (call.entered === 0) continue;
      const patterns = patternsOf.get(call.scanner) ?? [];
      let lists = withoutOne.get(call.scanner);
      if (!lists) withoutOne.set(call.scanner, (lists = patterns.map((_, i) => new Scanner(patterns.filter((_, j) => j !== i)))));
      patterns.forEach((re, i) => {
        const fewer = call.entered - enteredBy(lists[i], call.string, call.position);
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
