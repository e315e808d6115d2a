// A language client whose server is a web worker running dist/browser/server.js.
// Unlike vscode-languageclient/browser's client, which is handed one worker for its
// whole life, this one starts a fresh worker at every (re)start and ends it on stop,
// so "Restart Language Server" really restarts the server.
import * as vscode from 'vscode';
import { BaseLanguageClient, LanguageClientOptions, MessageTransports } from 'vscode-languageclient';
import { BrowserMessageReader, BrowserMessageWriter } from 'vscode-languageclient/browser';

/** The part of the Web Worker API used here (the project compiles against Node's types, not the DOM's). */
interface WebWorker {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => WebWorker;

const WORKER_NAME = 'Crash Log language server';

/**
 * Starts the bundled server. vscode.dev and github.dev load it from its extension URI;
 * code-server's web-worker host refuses workers from `vscode-remote:` URIs ("Creating
 * workers from remote extensions is currently not supported"), so there the bundle is
 * read through the workspace file system and started from a `blob:` URL.
 */
async function startServerWorker(extensionUri: vscode.Uri): Promise<{ worker: WebWorker; blobUrl?: string }> {
  const serverUri = vscode.Uri.joinPath(extensionUri, 'dist', 'browser', 'server.js');
  try {
    return { worker: new Worker(serverUri.toString(true), { name: WORKER_NAME }) };
  } catch {
    const code = await vscode.workspace.fs.readFile(serverUri);
    const blobUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    return { worker: new Worker(blobUrl, { name: WORKER_NAME }), blobUrl };
  }
}

export class WorkerLanguageClient extends BaseLanguageClient {
  private running: { worker: WebWorker; blobUrl?: string } | undefined;

  constructor(
    id: string,
    name: string,
    options: LanguageClientOptions,
    private readonly extensionUri: vscode.Uri,
  ) {
    super(id, name, options);
  }

  protected async createMessageTransports(): Promise<MessageTransports> {
    this.endWorker();
    this.running = await startServerWorker(this.extensionUri);
    // The jsonrpc types name the DOM's Worker, which this Node-typed project does not declare.
    const port = this.running.worker as never;
    return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  override async stop(timeout?: number): Promise<void> {
    try {
      await super.stop(timeout);
    } finally {
      this.endWorker();
    }
  }

  private endWorker(): void {
    if (!this.running) return;
    this.running.worker.terminate();
    // The blob's worker script may load only after construction, so the URL lives as long as the worker.
    if (this.running.blobUrl) URL.revokeObjectURL(this.running.blobUrl);
    this.running = undefined;
  }
}
