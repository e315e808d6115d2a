// What one line costs the TextMate grammar, scanner call by scanner call: where each call searched, the
// size of its list, the rule that matched, the call's time alone (best of many), and which regexes
// oniguruma entered (counted as scripts/perf/grammar-entries.mjs does). The line is tokenized in its
// document, the rule stack carried from the lines before it, as the editor does.
//
//   node scripts/perf/grammar-line.mjs [--grammar FILE] FILE LINE      (LINE counted from 1)
//   node scripts/perf/grammar-line.mjs [--grammar FILE] --text 'a line'
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadCrashlogGrammar, vsctm } from '../textmate.mjs';
import { GRAMMAR_FILE, regexNames, takeOption, watchScanners } from './grammarScanners.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => takeOption(args, name, fallback);
const grammarFile = option('--grammar', GRAMMAR_FILE);
const text = option('--text', undefined);
const lines = text !== undefined ? [text] : args[0] ? readFileSync(args[0], 'utf8').split(/\r?\n/) : [];
const target = text !== undefined ? 0 : Number(args[1]) - 1;
if (!(target >= 0 && target < lines.length)) {
  console.error("usage: node scripts/perf/grammar-line.mjs [--grammar FILE] FILE LINE | --text 'a line'");
  process.exit(2);
}

const { Scanner, find, patternsOf, entered: enteredBy, record } = watchScanners();

const grammarText = readFileSync(grammarFile, 'utf8');
const grammar = await loadCrashlogGrammar(grammarText);
const nameOf = regexNames(grammarText);

/** Best time of a call over many, in µs. */
function timeCall(scanner, string, position) {
  for (let i = 0; i < 200; i++) find.call(scanner, string, position);
  let best = Infinity;
  for (let round = 0; round < 20; round++) {
    const start = performance.now();
    for (let i = 0; i < 100; i++) find.call(scanner, string, position);
    best = Math.min(best, (performance.now() - start) / 100);
  }
  return best * 1000;
}

let state = vsctm.INITIAL;
for (let i = 0; i < target; i++) state = grammar.tokenizeLine2(lines[i], state, 500).ruleStack;
const line = lines[target];
grammar.tokenizeLine2(line, state, 500); // compiles the scanners the line meets first
record(true);
grammar.tokenizeLine2(line, state, 500);
const lineCalls = record(false);
let lineBest = Infinity;
for (let round = 0; round < 20; round++) {
  const start = performance.now();
  for (let i = 0; i < 100; i++) grammar.tokenizeLine2(line, state, 500);
  lineBest = Math.min(lineBest, (performance.now() - start) / 100);
}

console.log(
  `${JSON.stringify(line.length > 100 ? line.slice(0, 100) + '…' : line)}: ${(lineBest * 1000).toFixed(2)} µs, ${lineCalls.length} scanner calls`,
);
let inCalls = 0;
for (const { scanner, string, position, entered, result } of lineCalls) {
  const patterns = patternsOf.get(scanner) ?? [];
  const us = timeCall(scanner, string, position);
  inCalls += us;
  const matched = result ? `${nameOf(patterns[result.index])} to ${result.captureIndices[0].end}` : 'nothing';
  const enteredNames = [];
  if (entered > 0)
    patterns.forEach((re, i) => {
      const without = new Scanner(patterns.filter((_, j) => j !== i));
      if (enteredBy(without, string, position) < entered) enteredNames.push(nameOf(re));
    });
  console.log(`  at ${position}: ${patterns.length} regexes, ${us.toFixed(2)} µs, ${entered} entered, matched ${matched}`);
  if (enteredNames.length) console.log(`    entered: ${enteredNames.join(', ')}`);
}
console.log(
  `  scanner calls ${inCalls.toFixed(2)} µs; the rest (vscode-textmate, tokens) ${(lineBest * 1000 - inCalls).toFixed(2)} µs`,
);
