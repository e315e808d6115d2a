// Open documents and their models: one model per document version, shared by every
// feature, reached only through `withModel`, which also turns a failing handler into a
// logged failure (once per document version) and an empty answer.
import { TextDocuments, type CancellationToken, type Connection } from 'vscode-languageserver';
import type { InternalFailure } from './analysis/failures';
import { analyze, Model, SymbolFileSource } from './analysis/model';
import { reanalyze } from './analysis/reanalyze';
import type { Arch } from './analysis/types';
import type { Configuration } from './configuration';
import type { ServerHost } from './host';
import { TranscriptDocument } from './transcriptDocument';

interface Entry {
  version: number;
  arch: Arch | undefined;
  symbolFiles: readonly SymbolFileSource[];
  model: Model;
}

export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  arch: Arch | undefined;
  /** Documents larger than this get highlighting only. */
  maxBytes = 64 * 1024 * 1024;
  /** Parsed crashlog.symbolFiles; replacing the array re-analyses every document on next use. */
  symbolFiles: readonly SymbolFileSource[] = [];

  get(document: TranscriptDocument): Model | undefined {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.arch === this.arch && cached.symbolFiles === this.symbolFiles)
      return cached.model;
    // The superseded model goes first, so the collector can reclaim it while the new one is built;
    // when only the text changed it still serves the re-analysis of the unchanged lines.
    this.entries.delete(document.uri);
    const text = document.text;
    if (text.length > this.maxBytes) return undefined;
    const options = { arch: this.arch, symbolFiles: this.symbolFiles };
    const reusable = cached && cached.arch === this.arch && cached.symbolFiles === this.symbolFiles ? cached.model : undefined;
    // The text shares with the previous model's the chunks the edits left alone: that says what changed.
    const model = reusable ? reanalyze(reusable, text, options) : analyze(text, options);
    this.entries.set(document.uri, { version: document.version, arch: this.arch, symbolFiles: this.symbolFiles, model });
    return model;
  }

  tooLarge(document: TranscriptDocument): boolean {
    return document.length > this.maxBytes;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

/** What a handler asks `withModel` for. */
export interface ModelRequest {
  /** Names the handler in a failure report. */
  handler: string;
  uri: string;
  /** The 0-based line the request is about, for a failure report. */
  line?: number;
  token?: CancellationToken;
  /**
   * Answer even when the document changed while the request waited (a command the user
   * chose); by default such a request answers empty, as its answer would be stale.
   */
  evenIfStale?: boolean;
}

export class Documents {
  readonly models = new ModelCache();
  /**
   * First-use indexes built while a request waited for its answer (see Model.indexBuilds): the
   * diagnostics scheduler builds them in the background, so after that none should be.
   */
  indexBuildsInRequests = 0;
  readonly documents = new TextDocuments({ create: TranscriptDocument.create, update: TranscriptDocument.update });
  /** Failures already logged, per document: handler + line + message, for one version. */
  private readonly failures = new Map<string, { version: number; logged: Set<string> }>();

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly configuration: Configuration,
  ) {
    this.documents.onDidClose((event) => {
      this.models.delete(event.document.uri);
      this.failures.delete(event.document.uri);
    });
  }

  get(uri: string): TranscriptDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TranscriptDocument[] {
    return this.documents.all();
  }

  /**
   * Runs `answer` on the document's current model, once the settings queued before the
   * request are in and the messages queued behind it (edits, cancellations) have been seen.
   * Answers `empty` when the document is gone, too large, the request was cancelled or went
   * stale, or `answer` throws (logged).
   */
  async withModel<T>(request: ModelRequest, empty: T, answer: (model: Model, document: TranscriptDocument) => T): Promise<T> {
    const before = this.documents.get(request.uri)?.version;
    await this.configuration.ready();
    await this.host.yieldToQueue();
    const document = this.documents.get(request.uri);
    if (!document || request.token?.isCancellationRequested) return empty;
    if (document.version !== before && !request.evenIfStale) return empty;
    return this.withCurrentModel(document, request.handler, request.line, empty, (model, current) => {
      const builds = model.indexBuilds;
      try {
        return answer(model, current);
      } finally {
        this.indexBuildsInRequests += model.indexBuilds - builds;
      }
    });
  }

  /** `withModel` without the waiting, for work the server starts itself (diagnostics). */
  withCurrentModel<T>(
    document: TranscriptDocument,
    handler: string,
    line: number | undefined,
    empty: T,
    answer: (model: Model, document: TranscriptDocument) => T,
  ): T {
    try {
      const model = this.models.get(document);
      return model ? answer(model, document) : empty;
    } catch (error) {
      this.reportFailure(document, handler, line, error);
      return empty;
    }
  }

  /** Logs a handler that threw, once per document version, handler, line and message. */
  reportFailure(document: TranscriptDocument, handler: string, line: number | undefined, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.log(document, handler, line, message, error instanceof Error ? error.stack : undefined);
  }

  /** Logs what the analysis caught in itself (a parser line, a rule), once per document version. */
  reportAnalysisFailures(document: TranscriptDocument, failures: readonly InternalFailure[]): void {
    for (const f of failures) this.log(document, f.source, f.line, f.message, f.stack);
  }

  private log(document: TranscriptDocument, source: string, line: number | undefined, message: string, stack?: string): void {
    let seen = this.failures.get(document.uri);
    if (!seen || seen.version !== document.version) {
      seen = { version: document.version, logged: new Set() };
      this.failures.set(document.uri, seen);
    }
    const key = `${source}\0${line ?? ''}\0${message}`;
    if (seen.logged.has(key)) return;
    seen.logged.add(key);
    const where = line !== undefined ? ` at line ${line + 1}` : '';
    this.connection.console.error(
      `crashlog: ${source} failed on ${document.uri} (version ${document.version})${where}: ${message}${stack ? `\n${stack}` : ''}`,
    );
  }
}
