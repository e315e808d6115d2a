#!/usr/bin/env node
// Grammar tests: scope assertions (vscode-tmgrammar-test), snapshots (vscode-tmgrammar-snap), the
// generated grammar being current, the Markdown injection, and a mutation check that proves the assertions can fail.
//
//   node scripts/test-grammar.mjs            run everything
//   node scripts/test-grammar.mjs --update   rewrite snapshots after a reviewed grammar change
//
// Files:
//   test/grammar/*.crashlog           unit files with `# SYNTAX TEST "source.crashlog"` headers
//   test/grammar/snap/*.crashlog      fixtures of machine output (corpus and seed command output)
//   examples/*.crashlog               snapshotted too; their .snap files live in
//                                     test/grammar/snap/examples/ so examples/ stays untouched
//
// Ends with "grammar: N passed, M failed" and exits non-zero if anything failed.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedGrammarText } from './grammar-source.mjs';
import {
  CRASHLOG_GRAMMAR_FILE,
  CRASHLOG_SCOPE,
  grammarRegistry,
  loadCrashlogGrammar,
  tokenizeDocument,
  vsctm,
} from './textmate.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');

const grammarFile = 'syntaxes/crashlog.tmLanguage.json';
const injectionFile = 'syntaxes/crashlog-markdown-injection.tmLanguage.json';
const unitDir = 'test/grammar';
const snapDir = 'test/grammar/snap';
const exampleSnapDir = 'test/grammar/snap/examples';
const examplesDir = 'examples';

const bin = (name) => path.join(repoRoot, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const listFiles = (dir, suffix) =>
  existsSync(path.join(repoRoot, dir))
    ? readdirSync(path.join(repoRoot, dir))
        .filter((name) => name.endsWith(suffix))
        .sort()
        .map((name) => path.join(dir, name))
    : [];

const results = [];
function record(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `\n${detail.replace(/^/gm, '     ')}` : ''}`);
}

function run(tool, args, cwd = repoRoot) {
  const result = spawnSync(bin(tool), args, { cwd, encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

// ------------------------------------------------------------------ unit (scope assertions)

const unitFiles = listFiles(unitDir, '.crashlog');
for (const file of unitFiles) {
  const { ok, output } = run('vscode-tmgrammar-test', ['-c', '-g', grammarFile, file]);
  record(`unit ${file}`, ok, ok ? '' : output);
}

// ------------------------------------------------------------------ snapshots

const snapArgs = (files) => ['-g', grammarFile, '-s', 'source.crashlog', ...(update ? ['--updateSnapshot'] : []), ...files];

for (const file of listFiles(snapDir, '.crashlog')) {
  const created = !existsSync(path.join(repoRoot, `${file}.snap`));
  const { ok, output } = run('vscode-tmgrammar-snap', snapArgs([file]));
  record(`snapshot ${file}${created ? ' (snapshot created)' : ''}`, ok, ok ? '' : output);
}

// examples/ belongs to the documentation; its snapshots are kept under test/grammar/snap/examples.
const exampleFiles = listFiles(examplesDir, '.crashlog');
if (exampleFiles.length) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'crashlog-grammar-snap-'));
  try {
    for (const file of exampleFiles) {
      const name = path.basename(file);
      const stored = path.join(repoRoot, exampleSnapDir, `${name}.snap`);
      copyFileSync(path.join(repoRoot, file), path.join(scratch, name));
      const created = !existsSync(stored);
      if (!created) copyFileSync(stored, path.join(scratch, `${name}.snap`));
      const { ok, output } = run('vscode-tmgrammar-snap', snapArgs([path.join(scratch, name)]));
      if (ok && (created || update)) {
        mkdirSync(path.dirname(stored), { recursive: true });
        copyFileSync(path.join(scratch, `${name}.snap`), stored);
      }
      record(`snapshot ${file}${created ? ' (snapshot created)' : ''}`, ok, ok ? '' : output);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ generated grammar

// The grammar is built from syntaxes/src/ (rules as written, plus the anchored copies and first-character
// families derived from them); the committed JSON must be exactly what the source builds.
{
  const generated = await generatedGrammarText();
  const committed = readFileSync(path.join(repoRoot, grammarFile), 'utf8');
  record(
    'generated grammar: syntaxes/crashlog.tmLanguage.json is what syntaxes/src builds (run npm run build)',
    generated === committed,
  );
}

// ------------------------------------------------------------------ mutation check

// The assertions must be able to fail: rename one scope in a copy of the grammar and expect failures.
{
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'crashlog-grammar-mutant-'));
  try {
    const mutant = path.join(scratch, 'crashlog.tmLanguage.json');
    writeFileSync(
      mutant,
      readFileSync(path.join(repoRoot, grammarFile), 'utf8').replaceAll(
        'entity.name.function.crashlog',
        'entity.name.mutated.crashlog',
      ),
    );
    const { ok } =
      spawnSync(bin('vscode-tmgrammar-test'), ['-c', '--config', path.join(scratch, 'none.json'), '-g', mutant, ...unitFiles], {
        cwd: repoRoot,
        encoding: 'utf8',
      }).status === 0
        ? { ok: true }
        : { ok: false };
    record('mutation check: a renamed scope makes the unit tests fail', !ok);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ Markdown injection

const injection = JSON.parse(readFileSync(path.join(repoRoot, injectionFile), 'utf8'));
const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
{
  const problems = [];
  const contribution = (packageJson.contributes?.grammars ?? []).find((g) => g.scopeName === injection.scopeName);
  if (injection.scopeName !== 'markdown.crashlog.codeblock') problems.push(`scopeName is ${injection.scopeName}`);
  if (!String(injection.injectionSelector ?? '').includes('text.html.markdown'))
    problems.push('injectionSelector does not target text.html.markdown');
  if (!contribution) problems.push('package.json contributes.grammars has no entry for the injection');
  else {
    if (!(contribution.injectTo ?? []).includes('text.html.markdown'))
      problems.push('package.json entry lacks injectTo text.html.markdown');
    if (path.normalize(contribution.path) !== path.normalize(`./${injectionFile}`))
      problems.push(`package.json entry path is ${contribution.path}`);
    if (contribution.embeddedLanguages?.['meta.embedded.block.crashlog'] !== 'crashlog')
      problems.push('embeddedLanguages does not map meta.embedded.block.crashlog to crashlog');
  }
  const block = injection.repository?.['crashlog-fenced-block'];
  const begin = new RegExp(
    String(block?.begin ?? '$^')
      .replace(/\(\?i:([^)]*)\)/, '($1)')
      .replaceAll('*+', '*')
      .replace('(^|\\G)', '^'),
    'i',
  );
  for (const fence of ['```crashlog', '```crash', '~~~crashlog', '  ```Crash', '```crashlog {.numberLines}'])
    if (!begin.test(fence)) problems.push(`fence not recognised: ${fence}`);
  for (const fence of ['```crashdump', '```python', '```'])
    if (begin.test(fence)) problems.push(`fence wrongly recognised: ${fence}`);
  const includesCrashlog = JSON.stringify(block?.patterns ?? []).includes('"source.crashlog"');
  if (!includesCrashlog) problems.push('fenced block does not include source.crashlog');
  record('markdown injection: grammar structure and package.json entry', problems.length === 0, problems.join('\n'));
}

// With a Markdown base grammar (VS Code's markdown-basics) the injection is also exercised for real:
// every line inside a ```crashlog fence must get exactly the scopes it gets outside one.
{
  const candidates = [
    process.env.CRASHLOG_MARKDOWN_GRAMMAR,
    path.join(
      repoRoot,
      '.code-server/node_modules/code-server/lib/vscode/extensions/markdown-basics/syntaxes/markdown.tmLanguage.json',
    ),
  ].filter(Boolean);
  const markdownGrammar = candidates.find((candidate) => existsSync(candidate));
  if (!markdownGrammar && process.env.CI) {
    // CI installs code-server (scripts/install-code-server.sh), which ships VS Code's Markdown grammar.
    record("markdown injection: end-to-end with VS Code's Markdown grammar", false, 'no Markdown grammar in .code-server on CI');
  } else if (!markdownGrammar) {
    console.log(
      'skip markdown injection end-to-end: no Markdown grammar found (set CRASHLOG_MARKDOWN_GRAMMAR); structure checked above',
    );
  } else {
    const problems = await checkInjectionEndToEnd(markdownGrammar);
    record(
      'markdown injection: fenced lines tokenize exactly as outside a fence',
      problems.length === 0,
      problems.slice(0, 10).join('\n'),
    );
  }
}

async function checkInjectionEndToEnd(markdownGrammarPath) {
  const read = (file) => readFileSync(file, 'utf8');
  const registry = await grammarRegistry(
    {
      'text.html.markdown': read(markdownGrammarPath),
      [CRASHLOG_SCOPE]: read(CRASHLOG_GRAMMAR_FILE),
      'markdown.crashlog.codeblock': read(path.join(repoRoot, injectionFile)),
    },
    { 'text.html.markdown': ['markdown.crashlog.codeblock'] },
  );
  const markdown = await registry.loadGrammar('text.html.markdown');
  const crashlog = await registry.loadGrammar(CRASHLOG_SCOPE);

  // Inner lines: every source line of the unit files (assertion lines and headers removed).
  const inner = unitFiles
    .flatMap((file) => readFileSync(path.join(repoRoot, file), 'utf8').split(/\r?\n/).slice(1))
    .filter((line) => !/^#\s*(\^|<[~]*-)/.test(line) && !/^\s*(`{3,}|~{3,})/.test(line));
  const own = (scopes) =>
    scopes.filter(
      (s) =>
        s.endsWith('.crashlog') &&
        !['source.crashlog', 'markup.fenced_code.block.crashlog', 'meta.embedded.block.crashlog'].includes(s),
    );
  const describe = (tokens, line) =>
    tokens
      .map((t) => `${t.startIndex}-${t.endIndex} ${own(t.scopes).join(' ')}`)
      .filter((_, i, all) => all.length > 0 && line !== undefined)
      .join(' | ');

  const problems = [];
  for (const fence of ['crashlog', 'crash']) {
    const document = [
      '# Notes',
      '',
      'Some prose.',
      '',
      '```' + fence,
      ...inner,
      '```',
      '',
      '```python',
      'x = 0xffffffff81000000',
      '```',
    ];
    const mdTokens = tokenizeDocument(markdown, document);
    const alone = tokenizeDocument(crashlog, inner);
    inner.forEach((line, i) => {
      const inside = describe(mdTokens[i + 5], line);
      const outside = describe(alone[i], line);
      if (inside !== outside)
        problems.push(`\`\`\`${fence} line ${JSON.stringify(line)}\n  inside:  ${inside}\n  outside: ${outside}`);
      if (!mdTokens[i + 5].every((t) => t.scopes.includes('meta.embedded.block.crashlog')))
        problems.push(`\`\`\`${fence} line not embedded: ${JSON.stringify(line)}`);
    });
    const python = mdTokens[document.length - 2];
    if (python.some((t) => t.scopes.some((s) => s.endsWith('.crashlog')))) problems.push('a ```python block got crashlog scopes');
  }
  return problems;
}

// ------------------------------------------------------------------ e-mail quoting

// Every line of the snapshot fixtures and examples, quoted as a mail client quotes it, is scoped as
// the same line unquoted, one quote marker to the right, the marker itself as punctuation.
await checkQuoted();

async function checkQuoted() {
  const grammar = await loadCrashlogGrammar();
  const markers = ['> ', '>> ', '> > ', '&gt; '];
  // Scopes per character of a line from `from` on (the quote marker's own characters left out).
  const scoped = (tokens, line, from) => {
    const out = [];
    for (const t of tokens)
      for (let k = Math.max(t.startIndex, from); k < Math.min(t.endIndex, line.length); k++)
        out.push(line[k] === ' ' ? '' : t.scopes.slice(1).join(' '));
    return out.join('|');
  };
  const problems = [];
  let lines = 0;
  const files = [...listFiles(snapDir, '.crashlog'), ...listFiles(examplesDir, '.crashlog')];
  for (const file of files) {
    const text = readFileSync(path.join(repoRoot, file), 'utf8').split(/\r?\n/);
    let plainStack = vsctm.INITIAL;
    let quotedStack = vsctm.INITIAL;
    text.forEach((line, i) => {
      const marker = line === '' ? '>' : markers[i % markers.length];
      const plain = grammar.tokenizeLine(line, plainStack);
      const quoted = grammar.tokenizeLine(marker + line, quotedStack);
      plainStack = plain.ruleStack;
      quotedStack = quoted.ruleStack;
      lines++;
      const head = quoted.tokens.find((t) => t.startIndex === 0);
      const markerOk =
        head && head.endIndex >= marker.trimEnd().length && head.scopes.includes('punctuation.definition.quote.crashlog');
      // crash ps's `>` of an active task, quoted, is one more level of quoting.
      const activeTask = line.startsWith('>');
      const same = activeTask || scoped(plain.tokens, line, 0) === scoped(quoted.tokens, marker + line, marker.length);
      if ((!markerOk || !same) && problems.length < 10) problems.push(`${file}:${i + 1}: ${marker}${line}`);
    });
  }
  record(`e-mail quoting: ${lines} quoted lines scoped as unquoted`, problems.length === 0, problems.join('\n'));
}

// ------------------------------------------------------------------ summary

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
