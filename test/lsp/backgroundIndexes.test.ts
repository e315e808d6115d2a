// Indexes are built in the background once a version's diagnostics are published, so that no
// request waits for one: requests after that build none, while a request right after an edit
// (before the new version's background work) builds the ones it needs.
import { strict as assert } from 'assert';
import { StackViewRequest } from '../../protocol/src';
import { CodeLensRequest, DocumentHighlightRequest, HoverRequest, MarkupContent } from 'vscode-languageserver-protocol';
import { at } from '../support/caret';
import { example } from '../support/corpus';
import { LspClient } from './client';

const URI = 'file:///examples/arm64-seed002.crashlog';

describe('indexes built in the background', () => {
  let client: LspClient;
  const text = example('arm64-seed002.crashlog');

  before(async () => {
    client = new LspClient();
    await client.initialize();
  });

  after(async () => {
    await client.stop();
  });

  /** Resolves when the server's background work for a version of the document is done. */
  function settled(version: number): Promise<void> {
    const diagnostics = client.parts!.diagnostics;
    return new Promise((resolve) => {
      diagnostics.onSettled = (uri, settledVersion) => {
        if (uri === URI && settledVersion === version) resolve();
      };
    });
  }

  /** Requests that read first-use indexes: a stack word's hover, its highlights, CodeLens, the Stack view. */
  async function requests(): Promise<void> {
    const word = at(text, 'ffffffc0427f33e0', { line: (l) => /^ffffffc0427f33b0:/.test(l) });
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: word });
    assert.match((hover?.contents as MarkupContent).value, /Saved frame pointer/);
    const highlights = await client.connection.sendRequest(DocumentHighlightRequest.type, {
      textDocument: { uri: URI },
      position: word,
    });
    assert.ok((highlights ?? []).length > 1);
    await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: URI } });
    const view = await client.connection.sendRequest(StackViewRequest, { uri: URI, line: word.line });
    assert.ok(view.picture, view.message);
  }

  it('answers requests after diagnostics without building an index', async () => {
    const documents = client.parts!.documents;
    const first = settled(1);
    await client.open(URI, text);
    await first;
    const before = documents.indexBuildsInRequests;
    await requests();
    assert.equal(documents.indexBuildsInRequests, before);
  });

  it('builds the indexes a request needs when it comes before the background work (the counter sees them)', async () => {
    const documents = client.parts!.documents;
    // A long debounce: the edit's diagnostics and background work cannot come before the requests.
    const again = settled(1);
    await client.changeSettings({ diagnostics: { debounceMs: 10000 } });
    await again;
    const before = documents.indexBuildsInRequests;
    const line = at(text, 'crash>').line;
    await client.change(URI, 2, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }]);
    await requests();
    assert.ok(documents.indexBuildsInRequests > before);
  });
});
