#!/usr/bin/env node
// Runs the extension-host suite (test/electron/suite/) in a desktop VS Code through
// @vscode/test-electron. VS Code comes from CRASHLOG_VSCODE_EXECUTABLE (a path to a
// VS Code binary) or is downloaded into .vscode-test/. When neither can be had, it
// prints "skipped: no desktop VS Code" and exits 0 (the browser test in
// scripts/test-browser.mjs covers a real VS Code through code-server then).
//
//   node test/electron/run.mjs
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (m) => console.log(`[electron] ${m}`);
const skip = (why) => {
  say(why);
  console.log('skipped: no desktop VS Code');
  process.exit(0);
};

const { runTests, downloadAndUnzipVSCode } = require('@vscode/test-electron');

async function vscodeExecutable() {
  const given = process.env.CRASHLOG_VSCODE_EXECUTABLE;
  if (given) {
    if (fs.existsSync(given)) return given;
    say(`CRASHLOG_VSCODE_EXECUTABLE=${given} does not exist`);
    return null;
  }
  say('no CRASHLOG_VSCODE_EXECUTABLE: trying to download VS Code into .vscode-test/');
  const limit = 5 * 60_000;
  let timer;
  try {
    return await Promise.race([
      downloadAndUnzipVSCode({ cachePath: path.join(ROOT, '.vscode-test'), version: 'stable' }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no download within ${limit / 1000} s`)), limit);
      }),
    ]);
  } catch (e) {
    say(`download failed: ${e.message}`);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function main() {
  const exe = await vscodeExecutable();
  if (!exe) skip('no VS Code binary');

  // Electron on Linux needs a display: use Xvfb when there is none.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.CRASHLOG_UNDER_XVFB) {
    if (spawnSync('sh', ['-c', 'command -v xvfb-run']).status === 0) {
      say('no DISPLAY: running under xvfb-run');
      const r = spawnSync('xvfb-run', ['-a', process.execPath, fileURLToPath(import.meta.url)], {
        stdio: 'inherit',
        env: { ...process.env, CRASHLOG_UNDER_XVFB: '1', CRASHLOG_VSCODE_EXECUTABLE: exe },
      });
      process.exit(r.status ?? 1);
    }
    skip('no DISPLAY and no xvfb-run (Debian package xvfb)');
  }

  if (!fs.existsSync(path.join(ROOT, 'dist', 'client.js'))) {
    say('no dist/: npm run build');
    const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) {
      console.log('electron: 0 passed, 1 failed');
      process.exit(1);
    }
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crashlog-electron-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath: exe,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'test', 'electron', 'suite', 'index.cjs'),
      extensionTestsEnv: { CRASHLOG_TEST_WORKSPACE: workspace },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--no-sandbox',
        '--user-data-dir',
        path.join(tmp, 'user-data'),
        '--extensions-dir',
        path.join(tmp, 'extensions'),
      ],
    });
    say('extension-host suite passed');
  } catch (e) {
    say(`extension-host suite failed: ${e.message || e}`);
    process.exitCode = 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
