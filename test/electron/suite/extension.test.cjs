// The extension in a desktop VS Code: the language is set, the language server answers
// hovers and CodeLens. Run by test/electron/run.mjs.
const assert = require('assert');
const path = require('path');
const vscode = require('vscode');

// Adjust here (the same expectations as test/browser/run-browser.mjs).
const EXAMPLE_FILE = 'x86_64-seed000.crashlog';
const HOVER_ADDRESS = 'ffffffffc07258b3';
const HOVER_EXPECTED = ['kmem_alloc+83', 'module text'];
const CODELENS_TEXT = 'Unwind from';

/** Polls fn (each call is a request to the extension host) until it returns a truthy value. */
async function until(what, fn, timeout = 60000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    // let the language server make progress between polls
    await new Promise((r) => setImmediate(r));
  }
}

const text = (c) => (typeof c === 'string' ? c : c.value || '');

describe('crashlog in desktop VS Code', () => {
  let doc;
  before(async () => {
    const folder = process.env.CRASHLOG_TEST_WORKSPACE || path.resolve(__dirname, '..', '..', '..', 'examples');
    doc = await vscode.workspace.openTextDocument(path.join(folder, EXAMPLE_FILE));
    await vscode.window.showTextDocument(doc);
  });

  it('opens .crashlog files in the crashlog language', () => {
    assert.strictEqual(doc.languageId, 'crashlog');
  });

  it(`hover over ${HOVER_ADDRESS} comes from the server`, async () => {
    const offset = doc.getText().indexOf(HOVER_ADDRESS);
    assert.ok(offset >= 0, `${HOVER_ADDRESS} not in ${EXAMPLE_FILE}`);
    const pos = doc.positionAt(offset + 2);
    const found = await until('a hover', async () => {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, pos);
      const all = (hovers || []).flatMap((h) => h.contents.map(text)).join('\n');
      return HOVER_EXPECTED.some((s) => all.includes(s)) ? all : null;
    });
    assert.ok(found);
  });

  it(`CodeLens "${CODELENS_TEXT}"`, async () => {
    const lens = await until('a CodeLens', async () => {
      const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri, 100);
      return (lenses || []).find((l) => l.command && l.command.title.includes(CODELENS_TEXT));
    });
    assert.ok(lens);
  });
});
