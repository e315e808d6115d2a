// crashlog.symbolFiles, workspace trust and the too-large notice, through the real server over stdio.
import { strict as assert } from 'assert';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { HoverRequest, MarkupContent, ShowMessageNotification, ShowMessageParams } from 'vscode-languageserver-protocol';
import { TooLargeNotification, TooLargeParams, WorkspaceTrustedNotification } from '../../protocol/src';
import { at } from '../support/caret';
import { example, REPO_ROOT } from '../support/corpus';
import { LspClient } from './client';

const SEED000 = 'file:///examples/x86_64-seed000.crashlog';
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'symbols');
const seed000 = example('x86_64-seed000.crashlog');

async function hoverText(
  client: LspClient,
  uri: string,
  position: { line: number; character: number },
): Promise<string | undefined> {
  const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  return hover ? (hover.contents as MarkupContent).value : undefined;
}

/** Collects notifications of one kind; `next` resolves with the first one matching. */
function collect<T>(client: LspClient, type: { method: string }, registered: T[] = []) {
  const waiters: { test: (p: T) => boolean; resolve: (p: T) => void }[] = [];
  client.connection.onNotification(type.method, (params: T) => {
    registered.push(params);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].test(params)) waiters.splice(i, 1)[0].resolve(params);
    }
  });
  return {
    all: registered,
    next: (test: (p: T) => boolean) => {
      const seen = registered.find(test);
      return seen ? Promise.resolve(seen) : new Promise<T>((resolve) => waiters.push({ test, resolve }));
    },
  };
}

describe('language server: symbol files and size limit', function () {
  describe('in a trusted workspace', () => {
    let client: LspClient;
    let messages: ReturnType<typeof collect<ShowMessageParams>>;
    let tooLarge: ReturnType<typeof collect<TooLargeParams>>;
    const missing = path.join(FIXTURES, 'missing-System.map');
    const settings = { symbolFiles: [path.join(FIXTURES, 'System.map'), missing], maxFileSizeMB: 1 };

    before(async () => {
      client = new LspClient(settings);
      messages = collect<ShowMessageParams>(client, ShowMessageNotification.type);
      tooLarge = collect<TooLargeParams>(client, TooLargeNotification);
      await client.initialize({ initializationOptions: { workspaceTrusted: true } });
      await client.open(SEED000, seed000);
    });

    after(async () => {
      await client.stop();
    });

    it('names a frame address only the symbol file knows', async () => {
      const value = await hoverText(client, SEED000, at(seed000, 'ffffffffb845879e'));
      assert.match(value ?? '', /kernel text/);
      assert.match(value ?? '', /machine_kexec\+270.*from the symbol file `System\.map`/);
    });

    it('says once that a missing file is not used, also after the settings are read again', async () => {
      const message = await messages.next((m) => m.message.includes('missing-System.map'));
      assert.match(message.message, /does not exist/);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      // A hover waits for the reload, so a repeated message would have arrived before its answer.
      await hoverText(client, SEED000, at(seed000, 'ffffffffb845879e'));
      assert.equal(messages.all.filter((m) => m.message.includes('missing-System.map')).length, 1);
      assert.equal(messages.all.length, 1, messages.all.map((m) => m.message).join('\n'));
    });

    it('tells the client once that a document over crashlog.maxFileSizeMB gets highlighting only', async () => {
      const uri = 'file:///huge.crashlog';
      const huge = seed000.repeat(Math.ceil((1.5 * 1024 * 1024) / seed000.length));
      await client.open(uri, huge);
      const notice = await tooLarge.next((p) => p.uri === uri);
      assert.equal(notice.limitMB, 1);
      assert.ok(notice.sizeMB > 1, String(notice.sizeMB));
      assert.equal(await hoverText(client, uri, at(huge, 'ffffffffb845879e')), undefined);
      await client.change(uri, 2, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' },
      ]);
      await hoverText(client, uri, { line: 0, character: 0 });
      assert.equal(tooLarge.all.filter((p) => p.uri === uri).length, 1);
      assert.ok(!tooLarge.all.some((p) => p.uri === SEED000));
    });
  });

  describe('in an untrusted workspace', () => {
    let client: LspClient;
    let messages: ReturnType<typeof collect<ShowMessageParams>>;

    before(async () => {
      // Relative to the workspace folder, as a user would write it.
      client = new LspClient({ symbolFiles: ['test/fixtures/symbols/kallsyms'] });
      messages = collect<ShowMessageParams>(client, ShowMessageNotification.type);
      await client.initialize({
        initializationOptions: { workspaceTrusted: false },
        rootUri: pathToFileURL(REPO_ROOT).toString(),
      });
      await client.open(SEED000, seed000);
    });

    after(async () => {
      await client.stop();
    });

    it('reads no symbol file until trust is granted, then uses it', async () => {
      const position = at(seed000, 'ffffffffb845879e');
      // Before trust only the transcript names it (its bt frame), never the symbol file.
      assert.doesNotMatch((await hoverText(client, SEED000, position)) ?? '', /machine_kexec\+270|`kallsyms`/);
      await client.connection.sendNotification(WorkspaceTrustedNotification, {});
      assert.match((await hoverText(client, SEED000, position)) ?? '', /machine_kexec\+270.*`kallsyms`/);
      assert.deepEqual(messages.all, []);
    });
  });
});
