// crashlog.symbolFiles: read through the host (only in a trusted workspace), each problem
// shown once, documents re-analysed when the parsed files change.
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { WorkspaceTrustedNotification } from '../../protocol/src';
import type { Model, SymbolFileSource } from './analysis/model';
import type { Configuration } from './configuration';
import type { Documents } from './documents';
import type { ServerHost, SymbolFileReader } from './host';

export class SymbolFileSettings {
  private reader: SymbolFileReader | undefined;
  /** A client without a notion of trust is trusted. */
  private trusted = true;
  private workspaceFolderUri: string | undefined;
  /** path + reason of every problem already shown. */
  private readonly shownProblems = new Set<string>();
  /** Whether the log already says that this host reads no files (said once per session). */
  private toldNoReader = false;
  /** uri + file of every "names nothing here" already logged. */
  private readonly loggedUnmatched = new Set<string>();
  /** Called after the parsed files changed (documents need new models). */
  onDidChange: (() => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly configuration: Configuration,
    private readonly documents: Documents,
  ) {
    configuration.onChange((settings, previous) => {
      const same =
        settings.symbolFiles.length === previous.symbolFiles.length &&
        settings.symbolFiles.every((f, i) => f === previous.symbolFiles[i]);
      return same ? undefined : this.load();
    });
    connection.onNotification(WorkspaceTrustedNotification, () => {
      this.trusted = true;
      void configuration.queue(() => this.load());
    });
  }

  initialize(trusted: boolean, workspaceFolderUri: string | undefined): void {
    this.trusted = trusted;
    this.workspaceFolderUri = workspaceFolderUri;
  }

  dispose(): void {
    this.reader?.dispose();
    this.reader = undefined;
  }

  private async load(): Promise<void> {
    const configured = this.configuration.current.symbolFiles;
    let sources: SymbolFileSource[] = [];
    if (configured.length > 0 && !this.trusted) {
      this.connection.console.info('crashlog.symbolFiles is ignored until the workspace is trusted.');
    } else if (configured.length > 0 && !this.host.createSymbolFileReader) {
      if (!this.toldNoReader) {
        this.toldNoReader = true;
        this.connection.console.info(
          'crashlog.symbolFiles is not read here: this server has no file system (VS Code for the Web). Addresses are named from the transcript alone.',
        );
      }
    } else if (this.host.createSymbolFileReader) {
      this.reader ??= this.host.createSymbolFileReader(() => void this.configuration.queue(() => this.load()));
      const result = await this.reader.load(configured, this.workspaceFolderUri);
      sources = result.sources;
      for (const problem of result.problems) this.showProblem(problem.file, problem.reason);
    }
    const models = this.documents.models;
    const unchanged = sources.length === models.symbolFiles.length && sources.every((s, i) => s === models.symbolFiles[i]);
    if (unchanged) return;
    models.symbolFiles = sources;
    this.onDidChange?.();
  }

  private showProblem(file: string, reason: string): void {
    const key = `${file}\0${reason}`;
    if (this.shownProblems.has(key)) return;
    this.shownProblems.add(key);
    void this.connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: `Crash Log: symbol file ${file.length > 200 ? `${file.slice(0, 197)}...` : file} is not used: ${reason}.`,
    });
  }

  /** Symbol files that name nothing in a document, logged once per document and file: otherwise the setting seems ignored. */
  noteUnmatched(uri: string, model: Model): void {
    for (const file of model.symbolFiles) {
      const key = `${uri}\0${file.label}`;
      if (file.slides.length > 0 || this.loggedUnmatched.has(key)) continue;
      this.loggedUnmatched.add(key);
      this.connection.console.info(
        `Symbol file ${file.label}: too few functions shared with ${uri} to work out the KASLR offset; it names nothing there.`,
      );
    }
  }
}
