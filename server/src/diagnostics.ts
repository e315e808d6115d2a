// Diagnostics scheduling: recomputed a debounce after the last edit of a document, for its
// version only, and published; cleared when the document closes.
import type { Connection } from 'vscode-languageserver';
import type { TranscriptDocument } from './transcriptDocument';
import { diagnoseInSteps } from './analysis/diagnostics';
import type { Model } from './analysis/model';
import type { Configuration } from './configuration';
import type { Documents } from './documents';
import type { ServerHost } from './host';
import { IDLE_COLLECT_BYTES } from './host';
import { toLspDiagnostic } from './lsp/convert';
import { SettledNotification } from '../../protocol/src';

/**
 * How long diagnostics and index building hold the thread before they let queued messages in: an
 * edit or a request that comes meanwhile waits about this long (rules pause every few items).
 */
const STEP_BUDGET_MS = 8;

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  /** The run going on for each document: a newer one (or closing the document) stops it. */
  private readonly running = new Map<string, object>();
  private stopped = false;
  /** Called once per document version with a model, before its diagnostics are published. */
  onModel: ((uri: string, model: Model) => void) | undefined;
  /** Background work once a version's diagnostics and indexes are done (features' `settled`), step by step. */
  settled: ((model: Model) => Generator<void, void>)[] = [];
  /** Called when a version's background work is all done (tests wait for it). */
  onSettled: ((uri: string, version: number) => void) | undefined;

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

  schedule(document: TranscriptDocument, delay = this.configuration.current.diagnostics.debounceMs): void {
    this.cancel(document.uri);
    if (this.stopped) return;
    this.pending.set(
      document.uri,
      setTimeout(() => void this.publish(document), delay),
    );
  }

  private cancel(uri: string): void {
    this.running.delete(uri);
    const previous = this.pending.get(uri);
    if (previous) clearTimeout(previous);
    this.pending.delete(uri);
  }

  /**
   * Runs the rules a step at a time, yielding to queued messages in between: an edit that comes
   * meanwhile waits for one step at most, and drops the rest (its own version gets diagnosed).
   * Then builds the model's first-use indexes the same way, so no request waits for one.
   */
  private async publish(document: TranscriptDocument): Promise<void> {
    this.pending.delete(document.uri);
    const current = this.documents.get(document.uri);
    if (!current || current.version !== document.version) return;
    const disabled = this.configuration.current.diagnostics.disabled;
    const steps = this.documents.withCurrentModel(current, 'diagnostics', undefined, undefined, (model) => {
      this.onModel?.(current.uri, model);
      return { model, rules: diagnoseInSteps(model, { disabled }) };
    });
    if (!steps) return;
    const run = {};
    this.running.set(current.uri, run);
    const stillCurrent = () =>
      !this.stopped && this.running.get(current.uri) === run && this.documents.get(current.uri)?.version === current.version;
    const result = await this.runSteps(current, 'diagnostics', steps.rules, stillCurrent);
    if (!result) return;
    // Caught inside the analysis: logged, never silent.
    this.documents.reportAnalysisFailures(current, result.failures);
    const diagnostics = result.diagnostics.map((d) => toLspDiagnostic(d, current.uri));
    void this.connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
    await this.runSteps(current, 'indexes', steps.model.buildIndexes(), stillCurrent);
    for (const work of this.settled) if (stillCurrent()) await this.runSteps(current, 'settled', work(steps.model), stillCurrent);
    if (!stillCurrent()) return;
    this.onSettled?.(current.uri, current.version);
    // The document has settled: the garbage of its edits and superseded models can go.
    if (this.pending.size === 0 && current.length >= IDLE_COLLECT_BYTES) this.host.collectGarbage?.();
    void this.connection.sendNotification(SettledNotification, { uri: current.uri, version: current.version });
  }

  /**
   * Runs `steps` while `stillCurrent`, yielding to queued messages whenever they held the thread
   * for STEP_BUDGET_MS; undefined when dropped or failed (logged).
   */
  private async runSteps<T>(
    document: TranscriptDocument,
    handler: string,
    steps: Generator<void, T>,
    stillCurrent: () => boolean,
  ): Promise<T | undefined> {
    let since = performance.now();
    for (;;) {
      let step: IteratorResult<void, T>;
      try {
        step = steps.next();
      } catch (error) {
        this.documents.reportFailure(document, handler, undefined, error);
        return undefined;
      }
      if (step.done) return step.value;
      if (performance.now() - since < STEP_BUDGET_MS) continue;
      await this.host.yieldToQueue();
      if (!stillCurrent()) return undefined;
      since = performance.now();
    }
  }
}
