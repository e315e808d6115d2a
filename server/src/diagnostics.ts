// Diagnostics scheduling: recomputed a debounce after the last edit of a document, for its
// version only, and published; cleared when the document closes.
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnose } from './analysis/diagnostics';
import type { Model } from './analysis/model';
import type { Configuration } from './configuration';
import type { Documents } from './documents';
import type { ServerHost } from './host';
import { IDLE_COLLECT_BYTES } from './host';
import { toLspDiagnostic } from './lsp/convert';

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private stopped = false;
  /** Called once per document version with a model, before its diagnostics are published. */
  onModel: ((uri: string, model: Model) => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: Documents,
    private readonly configuration: Configuration,
    private readonly host: ServerHost,
  ) {
    documents.documents.onDidChangeContent((event) => this.schedule(event.document));
    documents.documents.onDidClose((event) => {
      this.cancel(event.document.uri);
      void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    });
  }

  /** After shutdown nothing is scheduled or published. */
  dispose(): void {
    this.stopped = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /** Every open document, at once (settings or symbol files changed). */
  scheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document, 0);
  }

  schedule(document: TextDocument, delay = this.configuration.current.diagnostics.debounceMs): void {
    this.cancel(document.uri);
    if (this.stopped) return;
    this.pending.set(
      document.uri,
      setTimeout(() => this.publish(document), delay),
    );
  }

  private cancel(uri: string): void {
    const previous = this.pending.get(uri);
    if (previous) clearTimeout(previous);
    this.pending.delete(uri);
  }

  private publish(document: TextDocument): void {
    this.pending.delete(document.uri);
    const current = this.documents.get(document.uri);
    if (!current || current.version !== document.version) return;
    const disabled = this.configuration.current.diagnostics.disabled;
    const diagnostics = this.documents.withCurrentModel(current, 'diagnostics', undefined, [], (model) => {
      this.onModel?.(current.uri, model);
      const result = diagnose(model, { disabled });
      // Caught inside the analysis: logged, never silent.
      this.documents.reportAnalysisFailures(current, result.failures);
      return result.diagnostics.map((d) => toLspDiagnostic(d, current.uri));
    });
    void this.connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
    // The document has settled: the garbage of its edits and superseded models can go.
    if (this.pending.size === 0 && current.getText().length >= IDLE_COLLECT_BYTES) this.host.collectGarbage?.();
  }
}
