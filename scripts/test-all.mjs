#!/usr/bin/env node
// `npm test`: every suite, in order, with one closing line `N passed, M failed`.
//   build + typecheck + lint + format check, mocha (analysis unit tests and LSP tests over stdio),
//   grammar tests, browser tests in code-server.
// Set CRASHLOG_SKIP_BROWSER=1 to leave the browser suite out (it is then counted as failed
// unless CRASHLOG_ALLOW_SKIP=1, so CI never passes without it by accident).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let passed = 0;
let failed = 0;
const problems = [];

function run(name, command, args, parse) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: process.env });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  const counts = parse ? parse(`${result.stdout}\n${result.stderr}`) : undefined;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  if (result.status !== 0) {
    problems.push(`${name} exited with ${result.status ?? result.signal}`);
    if (!counts || counts.failed === 0) failed += 1;
  } else if (counts && counts.passed === 0) {
    problems.push(`${name} ran no test`);
    failed += 1;
  } else if (!counts) {
    passed += 1;
  }
}

function closingLine(prefix) {
  return (output) => {
    const lines = output
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith(`${prefix}:`));
    const m = /(\d+) passed, (\d+) failed/.exec(lines[lines.length - 1] ?? '');
    return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
  };
}

function mochaCounts(output) {
  const pass = /(\d+) passing/.exec(output);
  const fail = /(\d+) failing/.exec(output);
  if (!pass && !fail) return undefined;
  return { passed: Number(pass?.[1] ?? 0), failed: Number(fail?.[1] ?? 0) };
}

run('build', 'node', ['scripts/build.mjs']);
run('typecheck', 'npx', ['tsc', '-p', '.', '--noEmit']);
run('lint', 'npx', ['eslint', '.']);
run('format', 'npx', ['prettier', '--check', '.']);
run('unit and LSP tests', 'npx', ['mocha', '--reporter', 'spec'], mochaCounts);
run('grammar tests', 'node', ['scripts/test-grammar.mjs'], closingLine('grammar'));
if (process.env.CRASHLOG_SKIP_BROWSER === '1') {
  console.log('\n=== browser tests: skipped (CRASHLOG_SKIP_BROWSER=1)');
  if (process.env.CRASHLOG_ALLOW_SKIP !== '1') {
    problems.push('browser tests skipped');
    failed += 1;
  }
} else {
  run('browser tests', 'node', ['scripts/test-browser.mjs'], closingLine('browser'));
}

console.log('');
for (const p of problems) console.log(`problem: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
