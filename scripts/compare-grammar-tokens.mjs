#!/usr/bin/env node
// Do two versions of the grammar scope text identically? Run before landing any change to the grammar's
// speed (syntaxes/src/): the tokens must not move.
//
//   node scripts/compare-grammar-tokens.mjs [--except-blanks] [OLD.json | <git-rev>] [NEW.json]
//
// OLD defaults to main's syntaxes/crashlog.tmLanguage.json (a file path or any git revision, read with git show),
// NEW to the working copy. Tokenizes, with both, every line of the grammar fixtures, examples/, the repository's
// transcripts of every architecture (test/corpus), the shared corpus and seeds (../shared or CRASHLOG_SHARED) as
// documents (state carried from line to line), then variants of each line alone (prefixed, cut, one character
// changed), and compares tokens (start, end clamped to the line, scopes).
// Prints the first differences and "compare: N lines, M differ"; exits 1 if any differ.
// --except-blanks compares the scopes of every character but blanks: for a change that moves where a
// rule starts past the blanks before it (dispatch.ts's families read a line's indent), and nothing else.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCrashlogGrammar, vsctm } from './textmate.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const grammarFile = 'syntaxes/crashlog.tmLanguage.json';

const args = process.argv.slice(2);
const exceptBlanks = args.includes('--except-blanks');
const [oldArg = 'main', newArg] = args.filter((arg) => arg !== '--except-blanks');
const readGrammar = (arg) =>
  existsSync(arg)
    ? readFileSync(arg, 'utf8')
    : execFileSync('git', ['show', `${arg}:${grammarFile}`], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
const oldText = readGrammar(oldArg);
const newText = readFileSync(newArg ?? path.join(repoRoot, grammarFile), 'utf8');

const [A, B] = [await loadCrashlogGrammar(oldText), await loadCrashlogGrammar(newText)];

const documents = [];
const addDir = (dir, keep) => {
  if (!existsSync(dir)) return;
  for (const n of readdirSync(dir).sort()) {
    const f = path.join(dir, n);
    if (statSync(f).isFile() && keep(n)) documents.push(readFileSync(f, 'utf8').split(/\r?\n/));
  }
};
addDir(path.join(repoRoot, 'test/grammar'), (n) => n.endsWith('.crashlog'));
addDir(path.join(repoRoot, 'test/grammar/snap'), (n) => n.endsWith('.crashlog'));
addDir(path.join(repoRoot, 'examples'), (n) => n.endsWith('.crashlog'));
const repoCorpus = path.join(repoRoot, 'test/corpus');
if (existsSync(repoCorpus))
  for (const arch of readdirSync(repoCorpus).sort()) addDir(path.join(repoCorpus, arch), (n) => n.endsWith('.crashlog'));
const shared = process.env.CRASHLOG_SHARED ?? path.resolve(repoRoot, '..', 'shared');
for (const d of ['syzkaller', 'crash-x86_64', 'crash-arm64']) addDir(path.join(shared, 'corpus', d), () => true);
addDir(path.join(shared, 'seeds'), () => true);

// Neighbouring tokens of the same scopes count as one: where a rule ends inside a run of text it
// leaves unscoped is no difference the editor can show (it merges them: tokenizeLine2).
const serialize = (tokens, line) => {
  const merged = [];
  for (const t of tokens) {
    const scopes = t.scopes.join(' ');
    const last = merged[merged.length - 1];
    if (last && last.scopes === scopes) last.end = Math.min(t.endIndex, line.length);
    else merged.push({ start: t.startIndex, end: Math.min(t.endIndex, line.length), scopes });
  }
  return merged.map((t) => `${t.start}-${t.end}:${t.scopes}`).join('|');
};
// Every character's scopes but a blank's, in runs of characters of the same scopes.
const serializeExceptBlanks = (tokens, line) => {
  const runs = [];
  for (const t of tokens)
    for (let i = t.startIndex; i < Math.min(t.endIndex, line.length); i++) {
      if (line[i] === ' ' || line[i] === '\t') continue;
      const scopes = t.scopes.join(' ');
      const last = runs[runs.length - 1];
      if (last && last.scopes === scopes) last.end = i + 1;
      else runs.push({ start: i, end: i + 1, scopes });
    }
  return runs.map((t) => `${t.start}-${t.end}:${t.scopes}`).join('|');
};
const serializeLine = exceptBlanks ? serializeExceptBlanks : serialize;
let total = 0,
  differ = 0;
const shown = [];
function compare(lines, carry) {
  let sa = vsctm.INITIAL,
    sb = vsctm.INITIAL;
  for (const line of lines) {
    const ra = A.tokenizeLine(line, carry ? sa : vsctm.INITIAL),
      rb = B.tokenizeLine(line, carry ? sb : vsctm.INITIAL);
    sa = ra.ruleStack;
    sb = rb.ruleStack;
    total++;
    const x = serializeLine(ra.tokens, line),
      y = serializeLine(rb.tokens, line);
    if (x !== y && ++differ && shown.length < 10)
      shown.push(`${JSON.stringify(line.slice(0, 160))}\n  old: ${x.slice(0, 400)}\n  new: ${y.slice(0, 400)}`);
  }
}
for (const doc of documents) compare(doc, true);
let seed = 12345;
const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
const prefixes = [
  '  ',
  '\t',
  '[   12.345678] ',
  '[   12.345678][ T123] ',
  '<4>[ 1.0] ',
  'crash> ',
  '# ',
  '> ',
  ' #1 ',
  '- ',
  'x',
  '',
];
const alphabet = 'abcfx0123456789:[]<>()+/#-*?.$ \t%_,;={}"\'`~|!';
const variants = [];
for (const line of new Set(documents.flat())) {
  if (line.length > 400) continue;
  variants.push(prefixes[Math.floor(random() * prefixes.length)] + line);
  if (line.length < 3) continue;
  const cut = Math.floor(random() * line.length),
    at = Math.floor(random() * line.length);
  variants.push(
    line.slice(0, cut),
    line.slice(cut),
    line.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + line.slice(at + 1),
    line.trim(),
  );
}
for (const unit of ['f', '[', '<', ' ', 'f+0x1', 'RAX: ', '%rax,', '-x ', '<0f> ', 'ffffffffc02f3900 ', 'a/', '.'])
  variants.push(unit.repeat(Math.ceil(4000 / unit.length)));
compare(variants, false);
console.log(shown.join('\n'));
console.log(`compare: ${total} lines, ${differ} differ`);
process.exitCode = differ ? 1 : 0;
