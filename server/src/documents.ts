// Open documents and their models: one model per document version, shared by every
// feature, reached only through `withModel`, which also turns a failing handler into a
// logged failure (once per document version) and an empty answer.
import { TextDocuments, type CancellationToken, type Connection } from 'vscode-languageserver';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { InternalFailure } from './analysis/failures';
import { analyze, Model, SymbolFileSource } from './analysis/model';
import { reanalyze, type EditSpan } from './analysis/reanalyze';
import type { Arch } from './analysis/types';
import type { Configuration } from './configuration';
import type { ServerHost } from './host';

/**
 * Applies changes like TextDocument.update and keeps, per document, where its text may differ from
 * the text of its last model: re-analysis then need not compare two texts of megabytes.
 */
class ChangeSpans {
  private readonly spans = new Map<string, EditSpan>();

  readonly update = (document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument => {
    let span = this.spans.get(document.uri) ?? { head: Infinity, tail: Infinity };
    for (const change of changes) {
      const length = document.getText().length;
      if ('range' in change) {
        const start = document.offsetAt(change.range.start);
        const end = document.offsetAt(change.range.end);
        span = { head: Math.min(span.head, start), tail: Math.min(span.tail, length - end) };
      } else span = { head: 0, tail: 0 };
      TextDocument.update(document, [change], version);
    }
    this.spans.set(document.uri, span);
    return document;
  };

  /** Where the text may differ from the one of its last model; none when it never changed since. */
  take(uri: string): EditSpan | undefined {
    const span = this.spans.get(uri);
    this.spans.delete(uri);
    return span;
  }

  delete(uri: string): void {
    this.spans.delete(uri);
  }
}

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

  /** Where each document's text changed since its last model (fed by the documents' updates). */
  readonly changes = new ChangeSpans();

  get(document: TextDocument): Model | undefined {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.arch === this.arch && cached.symbolFiles === this.symbolFiles)
      return cached.model;
    // The superseded model goes first, so the collector can reclaim it while the new one is built;
    // when only the text changed it still serves the re-analysis of the unchanged lines.
    this.entries.delete(document.uri);
    const text = document.getText();
    const span = this.changes.take(document.uri);
    if (text.length > this.maxBytes) return undefined;
    const options = { arch: this.arch, symbolFiles: this.symbolFiles };
    const reusable = cached && cached.arch === this.arch && cached.symbolFiles === this.symbolFiles ? cached.model : undefined;
    const model = reusable ? reanalyze(reusable, text, options, span) : analyze(text, options);
    this.entries.set(document.uri, { version: document.version, arch: this.arch, symbolFiles: this.symbolFiles, model });
    return model;
  }

  tooLarge(document: TextDocument): boolean {
    return document.getText().length > this.maxBytes;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.changes.delete(uri);
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
  readonly documents = new TextDocuments({ create: TextDocument.create, update: this.models.changes.update });
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

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return this.documents.all();
  }

  /**
   * Runs `answer` on the document's current model, once the settings queued before the
   * request are in and the messages queued behind it (edits, cancellations) have been seen.
   * Answers `empty` when the document is gone, too large, the request was cancelled or went
   * stale, or `answer` throws (logged).
   */
  async withModel<T>(request: ModelRequest, empty: T, answer: (model: Model, document: TextDocument) => T): Promise<T> {
    const before = this.documents.get(request.uri)?.version;
    await this.configuration.ready();
    await this.host.yieldToQueue();
    const document = this.documents.get(request.uri);
    if (!document || request.token?.isCancellationRequested) return empty;
    if (document.version !== before && !request.evenIfStale) return empty;
    return this.withCurrentModel(document, request.handler, request.line, empty, answer);
  }

  /** `withModel` without the waiting, for work the server starts itself (diagnostics). */
  withCurrentModel<T>(
    document: TextDocument,
    handler: string,
    line: number | undefined,
    empty: T,
    answer: (model: Model, document: TextDocument) => T,
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
  reportFailure(document: TextDocument, handler: string, line: number | undefined, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.log(document, handler, line, message, error instanceof Error ? error.stack : undefined);
  }

  /** Logs what the analysis caught in itself (a parser line, a rule), once per document version. */
  reportAnalysisFailures(document: TextDocument, failures: readonly InternalFailure[]): void {
    for (const f of failures) this.log(document, f.source, f.line, f.message, f.stack);
  }

  private log(document: TextDocument, source: string, line: number | undefined, message: string, stack?: string): void {
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
