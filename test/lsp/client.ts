// Drives the language server with a JSON-RPC client, the way any LSP editor would: in
// this process over a pair of streams (fast, and the server's code is what runs), or the
// built dist/server.js over stdio. Waits on notifications; never sleeps.
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { PassThrough } from 'stream';
import {
  createProtocolConnection,
  InitializeRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  ShutdownRequest,
  ExitNotification,
  LogMessageNotification,
  LogMessageParams,
} from 'vscode-languageserver-protocol/node';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { SERVER_EXEC_ARGV, SettledNotification } from '../../protocol/src';
import { createServer, type ServerParts } from '../../server/src/createServer';
import { createNodeHost } from '../../server/src/node/host';
import { REPO_ROOT } from '../support/corpus';

export interface LspClientOptions {
  /** `in-process` (default): createServer over in-memory streams; `stdio`: the built dist/server.js. */
  transport?: 'in-process' | 'stdio';
}

export class LspClient {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcess | undefined;
  private readonly server: Connection | undefined;
  /** The in-process server's documents and diagnostics scheduler (undefined over stdio). */
  readonly parts: ServerParts | undefined;
  /** window/logMessage texts (the output channel). */
  readonly logs: LogMessageParams[] = [];
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private readonly settledVersions = new Map<string, number[]>();
  private readonly settledWaiters: { uri: string; version: number; resolve: () => void }[] = [];
  stderr = '';

  /** The `crashlog` section the client answers workspace/configuration with; any value, to test bad ones. */
  constructor(
    public settings: unknown = {},
    options: LspClientOptions = {},
  ) {
    if (options.transport === 'stdio') {
      this.process = spawn(process.execPath, [...SERVER_EXEC_ARGV, path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], {
        stdio: 'pipe',
      });
      this.process.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
      this.connection = createProtocolConnection(
        new StreamMessageReader(this.process.stdout!),
        new StreamMessageWriter(this.process.stdin!),
      );
    } else {
      const toServer = new PassThrough();
      const toClient = new PassThrough();
      this.server = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
      // The Node host without its full collections: they would run in the test process.
      this.parts = createServer(this.server, { ...createNodeHost(), collectGarbage: undefined });
      this.connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    }
    this.connection.onNotification(LogMessageNotification.type, (params) => this.logs.push(params));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (w.uri === params.uri && (w.version === undefined || params.version === w.version)) {
          this.waiters.splice(i, 1);
          w.resolve(params);
        }
      }
    });
    this.connection.onNotification(SettledNotification, ({ uri, version }) => {
      this.settledVersions.set(uri, [...(this.settledVersions.get(uri) ?? []), version]);
      for (let i = this.settledWaiters.length - 1; i >= 0; i--) {
        const w = this.settledWaiters[i];
        if (w.uri === uri && w.version === version) {
          this.settledWaiters.splice(i, 1);
          w.resolve();
        }
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map(() => this.settings),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** `initializationOptions` as a VS Code client sends them (workspace trust); `rootUri` for relative setting paths. */
  async initialize(options: { initializationOptions?: unknown; rootUri?: string } = {}): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      // In process, no parent-process watchdog: it would outlive the test.
      processId: this.process ? process.pid : null,
      rootUri: options.rootUri ?? null,
      workspaceFolders: null,
      initializationOptions: options.initializationOptions,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await this.connection.sendNotification('initialized', {});
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'crashlog', version, text },
    });
  }

  async change(
    uri: string,
    version: number,
    changes: { range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[],
  ): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** Resolves with the next diagnostics published for the document (and version, when given). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    const seen = (this.diagnostics.get(uri) ?? []).find((p) => version !== undefined && p.version === version);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  /** Resolves once the server says the version's background work is done (`$/crashlog/settled`). */
  settled(uri: string, version: number): Promise<void> {
    if (this.settledVersions.get(uri)?.includes(version)) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push({ uri, version, resolve }));
  }

  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.diagnostics.get(uri) ?? [];
  }

  /** Replaces the settings and tells the server, which pulls them again. */
  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** The server's process id (stdio only). */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  async stop(): Promise<void> {
    const child = this.process;
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      // `exit` ends the process it reaches: only a child gets it.
      if (child) await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The process may already be gone.
    }
    this.connection.dispose();
    this.server?.dispose();
    if (child && child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        setTimeout(() => child.kill(), 5000).unref();
      });
    }
  }
}
