// Issue 8's security rules, checked on the source itself: nothing in a transcript can
// be executed (no process spawning or code evaluation anywhere), and the extension
// never writes files or edits the user's documents.
import { strict as assert } from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../support/corpus';

function sources(dir: string): string[] {
  const result: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) result.push(...sources(full));
    else if (full.endsWith('.ts')) result.push(full);
  }
  return result;
}

const files = [...sources(path.join(REPO_ROOT, 'server', 'src')), ...sources(path.join(REPO_ROOT, 'client', 'src'))];

function offenders(pattern: RegExp): string[] {
  const found: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (pattern.test(line) && !/^\s*(\/\/|\*)/.test(line))
          found.push(`${path.relative(REPO_ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('security of the extension and server sources', () => {
  it('reads sources from both layers', () => {
    assert.ok(files.some((f) => f.endsWith('server.ts')) && files.some((f) => f.endsWith('extension.ts')));
  });

  it('never spawns processes or evaluates code', () => {
    // The one process: the client forks its own bundled server (to learn why it stopped).
    assert.deepEqual(
      offenders(/child_process|\bexecSync\b|\bspawn\(|\beval\(|new Function\(|\bvm\.run|require\('vm'\)/).map((l) =>
        l.replace(/:\d+:/, ':'),
      ),
      ["client/src/extension.ts: import { fork } from 'child_process';"],
    );
    // The one use of `vm`: fetching V8's gc() by its constant name after the flag is set.
    const vm = offenders(/from 'vm'|runIn\w*Context|new Script\(|compileFunction/);
    assert.deepEqual(
      vm.map((l) => l.replace(/:\d+:/, ':')),
      [
        "server/src/idleCollect.ts: import { runInNewContext } from 'vm';",
        "server/src/idleCollect.ts: const gc = runInNewContext('gc') as unknown;",
      ],
    );
  });

  it('never writes, renames or deletes files, except the SVG the user names in a save dialog', () => {
    assert.deepEqual(
      offenders(
        /\b(?:writeFile|writeFileSync|appendFile|createWriteStream|rmSync|unlink(?:Sync)?(?=\s*\()|renameSync|rename\(|mkdirSync|copyFile)\b|\.unlink\b|fs\.write|workspace\.fs\.(?:write|delete|rename|copy|createDirectory)/,
      ).map((l) => l.replace(/:\d+:/, ':')),
      ['client/src/stackView/panel.ts: await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));'],
    );
    const panel = readFileSync(path.join(REPO_ROOT, 'client', 'src', 'stackView', 'panel.ts'), 'utf8');
    assert.match(
      panel,
      /const target = await vscode\.window\.showSaveDialog\([^]*?if \(!target\) return;\s*await vscode\.workspace\.fs\.writeFile\(target,/,
    );
  });

  it('never edits documents: no workspace edits, editor edits or applyEdit requests', () => {
    assert.deepEqual(offenders(/applyEdit|WorkspaceEdit|\.edit\(\s*\(?\s*(?:edit|builder)|TextEdit\.|insertSnippet/), []);
  });

  // Unwound stacks are read-only virtual documents: the browser suite types into one and checks nothing changed.

  // Symbol files only in a trusted workspace: test/lsp/symbolFiles.test.ts drives the server for it.
});
