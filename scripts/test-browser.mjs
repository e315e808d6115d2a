#!/usr/bin/env node
// Entry point of the browser test (`npm run test:browser`, and called by `npm test`):
//   1. builds crashlog.vsix with `npm run package` when it is missing or older than the sources;
//   2. checks that code-server is installed in .code-server/ (scripts/install-code-server.sh)
//      and that Chromium is there, and installs them when missing (unless CRASHLOG_INSTALL_CODE_SERVER=0);
//   3. runs test/browser/run-browser.mjs, which prints `browser: N passed, M failed`.
//
// Environment: CRASHLOG_VSIX=path uses that VSIX instead of building crashlog.vsix;
// CRASHLOG_INSTALL_CODE_SERVER=0 stops it from running scripts/install-code-server.sh when needed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VSIX = path.join(ROOT, 'crashlog.vsix');
const CS_ENTRY = path.join(ROOT, '.code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const MARKER = path.join(ROOT, '.code-server', '.installed');

const say = (m) => console.log(`[test-browser] ${m}`);
function fail(msg) {
  console.error(`[test-browser] ${msg}`);
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  say(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.error) return { ok: false, why: r.error.message };
  return { ok: r.status === 0, why: `exit ${r.status ?? r.signal}` };
}

/** Newest modification time among the files that go into the VSIX. */
function newestSource() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p)) if (e !== 'node_modules') visit(path.join(p, e));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of [
    'package.json',
    'language-configuration.json',
    'client',
    'protocol',
    'server',
    'media',
    'syntaxes',
    'src',
    'scripts/build.mjs',
  ]) {
    visit(path.join(ROOT, p));
  }
  return newest;
}

// ---------------------------------------------------------------- 1. the VSIX
if (!process.env.CRASHLOG_VSIX) {
  const stale = fs.existsSync(VSIX) && fs.statSync(VSIX).mtimeMs < newestSource();
  if (!fs.existsSync(VSIX) || stale) {
    say(stale ? 'crashlog.vsix is older than the sources: rebuilding it' : 'no crashlog.vsix: building it');
    const r = run('npm', ['run', 'package']);
    if (!r.ok || !fs.existsSync(VSIX)) fail(`npm run package failed (${r.why}): cannot make crashlog.vsix`);
  } else {
    say('using crashlog.vsix');
  }
} else if (!fs.existsSync(path.resolve(ROOT, process.env.CRASHLOG_VSIX))) {
  fail(`CRASHLOG_VSIX=${process.env.CRASHLOG_VSIX} does not exist`);
}

// ---------------------------------------------------------------- 2. code-server and Chromium
function chromiumPresent() {
  return findChromium() !== undefined;
}

function codeServerPresent() {
  return fs.existsSync(CS_ENTRY) && fs.existsSync(MARKER);
}

if (!codeServerPresent() || !chromiumPresent()) {
  const what = [!codeServerPresent() && 'code-server (.code-server/)', !chromiumPresent() && 'chromium']
    .filter(Boolean)
    .join(' and ');
  // `npm test` on a fresh machine installs what the browser suite needs (opt out with =0).
  if (process.env.CRASHLOG_INSTALL_CODE_SERVER !== '0') {
    say(`${what} missing: running scripts/install-code-server.sh`);
    const r = run('bash', [path.join('scripts', 'install-code-server.sh')]);
    if (!r.ok) fail(`scripts/install-code-server.sh failed (${r.why})`);
  } else {
    fail(
      `${what} not installed. Run:\n\n    bash scripts/install-code-server.sh\n\n` +
        'once (it apt-installs chromium and friends and puts code-server in .code-server/), ' +
        'or unset CRASHLOG_INSTALL_CODE_SERVER=0 to let this script do it.',
    );
  }
}

// ---------------------------------------------------------------- 3. the test
const r = spawnSync(process.execPath, [path.join(ROOT, 'test', 'browser', 'run-browser.mjs')], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (r.error) fail(`could not run the browser test: ${r.error.message}`);
process.exit(r.status ?? 1);
