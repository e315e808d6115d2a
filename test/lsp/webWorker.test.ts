// The web bundle (dist/browser/server.js, what vscode.dev runs) in a worker thread that
// stands in for a web worker: its global `self` is the port to the client, as in a browser.
// The same answers as the Node server, and crashlog.symbolFiles said once to be unread.
import { strict as assert } from 'assert';
import * as path from 'path';
import { Worker } from 'worker_threads';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createProtocolConnection,
  DataCallback,
  Disposable,
  HoverRequest,
  LogMessageNotification,
  LogMessageParams,
  MarkupContent,
  Message,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShowMessageNotification,
} from 'vscode-languageserver-protocol/node';
import { example, REPO_ROOT } from '../support/corpus';

const BUNDLE = path.join(REPO_ROOT, 'dist', 'browser', 'server.js');
const SEED000 = 'file:///examples/x86_64-seed000.crashlog';
const seed000 = example('x86_64-seed000.crashlog');

/** The worker thread's side: `self` is its parent port, which has onmessage/postMessage like a web worker's scope. */
const WORKER_SOURCE = `
const { parentPort } = require('worker_threads');
globalThis.self = parentPort;
require(${JSON.stringify(BUNDLE)});
`;

class WorkerReader extends AbstractMessageReader {
  constructor(private readonly worker: Worker) {
    super();
    worker.on('error', (error) => this.fireError(error));
    worker.on('exit', () => this.fireClose());
  }

  listen(callback: DataCallback): Disposable {
    const listener = (message: Message) => callback(message);
    this.worker.on('message', listener);
    return { dispose: () => this.worker.off('message', listener) };
  }
}

class WorkerWriter extends AbstractMessageWriter {
  constructor(private readonly worker: Worker) {
    super();
  }

  write(message: Message): Promise<void> {
    this.worker.postMessage(message);
    return Promise.resolve();
  }

  end(): void {}
}

function positionOf(text: string, needle: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} not found`);
  return { line, character: lines[line].indexOf(needle) + 1 };
}

describe('language server: the web bundle in a worker', () => {
  let worker: Worker;
  let connection: ProtocolConnection;
  const logs: LogMessageParams[] = [];
  const shown: string[] = [];
  let settings: Record<string, unknown> = { symbolFiles: ['System.map'] };
  let diagnostics: Promise<PublishDiagnosticsParams>;

  before(async () => {
    worker = new Worker(WORKER_SOURCE, { eval: true });
    connection = createProtocolConnection(new WorkerReader(worker), new WorkerWriter(worker));
    connection.onNotification(LogMessageNotification.type, (params) => logs.push(params));
    connection.onNotification(ShowMessageNotification.type, (params) => shown.push(params.message));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    connection.onRequest('client/registerCapability', () => null);
    diagnostics = new Promise((resolve) => {
      connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
        if (params.uri === SEED000) resolve(params);
      });
    });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: null,
      rootUri: 'vscode-vfs://github/torvalds/linux',
      initializationOptions: { workspaceTrusted: true },
      capabilities: { workspace: { configuration: true } },
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: SEED000, languageId: 'crashlog', version: 1, text: seed000 },
    });
  });

  after(async () => {
    connection.dispose();
    await worker.terminate();
  });

  it('answers a hover on a return address with the server card', async () => {
    const hover = await connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: SEED000 },
      position: positionOf(seed000, 'ffffffffc07258b3'),
    });
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /kmem_alloc\+83/);
  });

  it('publishes the call-target mismatch of seed 000', async () => {
    const codes = (await diagnostics).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('call-target-mismatch'), codes.join(', '));
  });

  it('says once in the log that symbol files are not read, also when the setting changes', async () => {
    settings = { symbolFiles: ['System.map', 'modules.map'] };
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // A hover waits for the settings, so a second message would have arrived before its answer.
    await connection.sendRequest(HoverRequest.type, { textDocument: { uri: SEED000 }, position: { line: 0, character: 0 } });
    const told = logs.filter((l) => l.message.includes('crashlog.symbolFiles'));
    assert.equal(told.length, 1, logs.map((l) => l.message).join('\n'));
    assert.deepEqual(shown, []);
  });
});
