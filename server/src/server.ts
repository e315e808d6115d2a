// LSP wiring: maps the analysis model's answers to LSP types. No parsing here.
import {
  CancellationToken,
  CodeAction,
  CodeActionKind,
  CodeLens,
  DocumentHighlight,
  DocumentHighlightKind,
  DocumentSymbol,
  Location,
  FoldingRange,
  SemanticTokensBuilder,
  SymbolKind,
  Connection,
  createConnection,
  Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  Hover,
  InitializeResult,
  MarkupKind,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeAt, renderHover } from './analysis/describe';
import { SemanticToken, semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from './analysis/semanticTokens';
import { definitions, occurrences } from './analysis/navigation';
import { folds, outline, OutlineItem } from './analysis/structure';
import { diagnose } from './analysis/diagnostics';
import { parseHex } from './analysis/hex';
import type { Model } from './analysis/model';
import type { ActionableDiagnostic, DiagnosticAction } from './analysis/diagnostics';
import type { Arch } from './analysis/types';
import { unwindLensTargets, unwindStartAtLine, unwindText } from './analysis/unwind';
import { ModelCache } from './documents';
import { collectWhenIdle, IDLE_COLLECT_BYTES } from './idleCollect';
import {
  COMMAND_SHOW_UNWIND,
  InitializationOptions,
  TooLargeNotification,
  UnwindRequest,
  WorkspaceTrustedNotification,
} from './protocol';
import { resolveSymbolFilePath, SymbolFileLoader } from './symbolFiles';
import type { SymbolFileSource } from './analysis/model';
import { fileURLToPath } from 'url';

interface Settings {
  arch: 'auto' | Arch;
  diagnostics: { disabled: string[]; debounceMs: number };
  maxFileSizeMB: number;
  symbolFiles: string[];
}

const DEFAULT_SETTINGS: Settings = {
  arch: 'auto',
  diagnostics: { disabled: [], debounceMs: 300 },
  maxFileSizeMB: 64,
  symbolFiles: [],
};

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const models = new ModelCache();
  let settings: Settings = DEFAULT_SETTINGS;
  let canPullConfiguration = false;
  const pendingDiagnostics = new Map<string, NodeJS.Timeout>();
  // Symbol files are read from disk only in trusted workspaces; a client without a notion of trust is trusted.
  let workspaceTrusted = true;
  let workspaceFolder: string | undefined;
  let canRefreshTokens = false;
  /** Settings (and the symbol files they name) being loaded; requests wait for them. */
  let settingsLoaded: Promise<void> = Promise.resolve();
  /** Runs settings work one job after another; a failed job must not block the requests waiting on it. */
  const afterSettings = (job: () => Promise<void>) => {
    settingsLoaded = settingsLoaded
      .then(job)
      .catch((error: Error) => connection.console.error(`crashlog settings: ${error.message}`));
    return settingsLoaded;
  };
  const symbolFiles = new SymbolFileLoader(() => void afterSettings(loadSymbolFiles));
  /** path + reason of every symbol-file problem already shown, so each is shown once. */
  const shownProblems = new Set<string>();
  /** Documents already told they are too large to analyse. */
  const toldTooLarge = new Set<string>();

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    canRefreshTokens = Boolean(params.capabilities.workspace?.semanticTokens?.refreshSupport);
    workspaceTrusted = (params.initializationOptions as InitializationOptions | undefined)?.workspaceTrusted !== false;
    const folderUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    if (folderUri?.startsWith('file:')) workspaceFolder = fileURLToPath(folderUri);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentHighlightProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: {
          legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] },
          full: true,
          range: true,
        },
      },
      serverInfo: { name: 'crashlog' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'crashlog' });
      void afterSettings(loadSettings);
    }
  });

  connection.onNotification(WorkspaceTrustedNotification, () => {
    workspaceTrusted = true;
    void afterSettings(loadSymbolFiles);
  });

  /** Parses the configured symbol files (once per file change) and re-analyses when they changed. */
  async function loadSymbolFiles(): Promise<void> {
    const sources: SymbolFileSource[] = [];
    const configured = Array.isArray(settings.symbolFiles)
      ? settings.symbolFiles.filter((f) => typeof f === 'string' && f.trim())
      : [];
    if (configured.length > 0 && !workspaceTrusted) {
      connection.console.info('crashlog.symbolFiles is ignored until the workspace is trusted.');
    } else if (configured.length > 0) {
      const files: string[] = [];
      for (const setting of configured) {
        const file = resolveSymbolFilePath(setting, workspaceFolder);
        if (file) files.push(file);
        else showSymbolFileProblem(setting, 'a relative path needs an open workspace folder');
      }
      for (const { file, result } of await symbolFiles.load(files)) {
        if (result.ok) sources.push(result.source);
        else showSymbolFileProblem(file, result.reason);
      }
    } else {
      await symbolFiles.load([]);
    }
    const unchanged = sources.length === models.symbolFiles.length && sources.every((s, i) => s === models.symbolFiles[i]);
    if (!unchanged) {
      models.symbolFiles = sources;
      for (const document of documents.all()) scheduleDiagnostics(document, 0);
      if (canRefreshTokens) void connection.languages.semanticTokens.refresh();
    }
  }

  function showSymbolFileProblem(file: string, reason: string): void {
    const key = `${file}\0${reason}`;
    if (shownProblems.has(key)) return;
    shownProblems.add(key);
    // A notification, not showWarningMessage's request: nothing to answer, nothing left pending.
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: `Crash Log: symbol file ${file} is not used: ${reason}.`,
    });
  }

  /** Symbol files that name nothing in a document, logged once per document and file: otherwise the setting seems ignored. */
  const loggedUnmatched = new Set<string>();
  function noteUnmatchedSymbolFiles(model: Model, uri: string): void {
    for (const file of model.symbolFiles) {
      const key = `${uri}\0${file.label}`;
      if (file.slides.length > 0 || loggedUnmatched.has(key)) continue;
      loggedUnmatched.add(key);
      connection.console.info(
        `Symbol file ${file.label}: too few functions shared with ${uri} to work out the KASLR offset; it names nothing there.`,
      );
    }
  }

  /** Tells the client, once per document, that a document gets highlighting only. */
  function noticeTooLarge(document: TextDocument): void {
    if (!models.tooLarge(document)) {
      toldTooLarge.delete(document.uri);
      return;
    }
    if (toldTooLarge.has(document.uri)) return;
    toldTooLarge.add(document.uri);
    const toMB = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
    void connection.sendNotification(TooLargeNotification, {
      uri: document.uri,
      sizeMB: toMB(document.getText().length),
      limitMB: toMB(models.maxBytes),
    });
  }

  async function loadSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    try {
      const value = (await connection.workspace.getConfiguration('crashlog')) as Partial<Settings> | null;
      settings = {
        ...DEFAULT_SETTINGS,
        ...(value ?? {}),
        diagnostics: { ...DEFAULT_SETTINGS.diagnostics, ...(value?.diagnostics ?? {}) },
      };
    } catch {
      settings = DEFAULT_SETTINGS;
    }
    models.arch = settings.arch === 'auto' ? undefined : settings.arch;
    models.maxBytes = Math.max(1, settings.maxFileSizeMB) * 1024 * 1024;
    await loadSymbolFiles();
    for (const document of documents.all()) {
      noticeTooLarge(document);
      scheduleDiagnostics(document, 0);
    }
  }

  connection.onDidChangeConfiguration(() => void afterSettings(loadSettings));

  function toLsp(d: ActionableDiagnostic, uri: string): LspDiagnostic {
    return {
      data: d.actions?.length ? { actions: d.actions } : undefined,
      range: d.range,
      severity:
        d.severity === 'error'
          ? DiagnosticSeverity.Error
          : d.severity === 'warning'
            ? DiagnosticSeverity.Warning
            : DiagnosticSeverity.Information,
      code: d.code,
      source: 'crashlog',
      message: d.message,
      relatedInformation: d.related.map((r) => ({ location: { uri, range: r.range }, message: r.message })),
    };
  }

  function scheduleDiagnostics(document: TextDocument, delay = settings.diagnostics.debounceMs): void {
    const previous = pendingDiagnostics.get(document.uri);
    if (previous) clearTimeout(previous);
    pendingDiagnostics.set(
      document.uri,
      setTimeout(() => {
        pendingDiagnostics.delete(document.uri);
        const current = documents.get(document.uri);
        if (!current || current.version !== document.version) return;
        const model = models.get(current);
        if (model) noteUnmatchedSymbolFiles(model, current.uri);
        const diagnostics = model
          ? diagnose(model, { disabled: new Set(settings.diagnostics.disabled) }).map((d) => toLsp(d, current.uri))
          : [];
        void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
        // The document has settled: the garbage of its edits and superseded models can go.
        if (pendingDiagnostics.size === 0 && current.getText().length >= IDLE_COLLECT_BYTES) collectWhenIdle();
      }, delay),
    );
  }

  documents.onDidChangeContent((event) => {
    noticeTooLarge(event.document);
    scheduleDiagnostics(event.document);
  });
  documents.onDidClose((event) => {
    models.delete(event.document.uri);
    toldTooLarge.delete(event.document.uri);
    const pending = pendingDiagnostics.get(event.document.uri);
    if (pending) clearTimeout(pending);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  /**
   * The model for a request, or undefined when the request went stale: edits that
   * arrived while it waited make its answer worthless, so it is not computed.
   */
  async function modelFor(uri: string, token?: CancellationToken): Promise<Model | undefined> {
    const before = documents.get(uri)?.version;
    await settingsLoaded;
    await new Promise<void>((resolve) => setImmediate(resolve));
    const document = documents.get(uri);
    if (!document || token?.isCancellationRequested || document.version !== before) return undefined;
    return models.get(document);
  }

  connection.onHover(async (params, token): Promise<Hover | null> => {
    const model = await modelFor(params.textDocument.uri, token);
    if (!model) return null;
    const card = describeAt(model, params.position.line, params.position.character);
    if (!card) return null;
    const value = renderHover(card.markdown, (line) => `[${line + 1}](${params.textDocument.uri}#L${line + 1})`);
    return { contents: { kind: MarkupKind.Markdown, value }, range: card.range };
  });

  connection.onDocumentHighlight(async (params, token): Promise<DocumentHighlight[]> => {
    const model = await modelFor(params.textDocument.uri, token);
    if (!model) return [];
    return occurrences(model, params.position.line, params.position.character).map((range) => ({
      range,
      kind: DocumentHighlightKind.Text,
    }));
  });

  connection.onReferences(async (params, token): Promise<Location[]> => {
    const model = await modelFor(params.textDocument.uri, token);
    if (!model) return [];
    return occurrences(model, params.position.line, params.position.character).map((range) => ({
      uri: params.textDocument.uri,
      range,
    }));
  });

  connection.onDefinition(async (params, token): Promise<Location[]> => {
    const model = await modelFor(params.textDocument.uri, token);
    if (!model) return [];
    return definitions(model, params.position.line, params.position.character).map((range) => ({
      uri: params.textDocument.uri,
      range,
    }));
  });

  // Diagnostics that carry actions (e.g. `unwind-disagrees`) offer them as quick fixes.
  connection.onCodeAction((params): CodeAction[] => {
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      const data = diagnostic.data as { actions?: DiagnosticAction[] } | undefined;
      for (const action of data?.actions ?? []) {
        actions.push({
          title: action.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: {
            title: action.title,
            command: COMMAND_SHOW_UNWIND,
            arguments: [params.textDocument.uri, action.showUnwindFromLine],
          },
        });
      }
    }
    return actions;
  });

  connection.onCodeLens(async (params, token): Promise<CodeLens[]> => {
    const model = await modelFor(params.textDocument.uri, token);
    if (!model) return [];
    return unwindLensTargets(model).map((target) => ({
      range: { start: { line: target.line, character: 0 }, end: { line: target.line, character: 0 } },
      command: { title: target.title, command: COMMAND_SHOW_UNWIND, arguments: [params.textDocument.uri, target.line] },
    }));
  });

  connection.onRequest(UnwindRequest, (params) => {
    const document = documents.get(params.uri);
    const model = document && models.get(document);
    if (!model) return { text: 'The transcript is not open or too large to analyse.\n', title: 'unwind', links: [] };
    let start = params.line !== undefined ? unwindStartAtLine(model, params.line) : undefined;
    if (!start && params.address !== undefined) {
      const fp = parseHex(params.address.trim());
      if (fp !== undefined) start = { fp, label: `0x${fp.toString(16)}` };
    }
    if (!start) return { text: 'Nothing to unwind from here.\n', title: 'unwind', links: [] };
    const result = unwindText(model, start);
    return { text: result.text, title: `Unwound stack from ${start.label ?? '?'}`, links: result.links };
  });

  const SYMBOL_KINDS: Record<OutlineItem['kind'], SymbolKind> = {
    heading: SymbolKind.Namespace,
    command: SymbolKind.Event,
    backtrace: SymbolKind.Class,
    frame: SymbolKind.Function,
    report: SymbolKind.Event,
    struct: SymbolKind.Struct,
  };
  const toSymbol = (item: OutlineItem, model: Model): DocumentSymbol => ({
    name: item.name || '?',
    detail: item.detail,
    kind: SYMBOL_KINDS[item.kind],
    range: { start: { line: item.line, character: 0 }, end: { line: item.endLine, character: model.line(item.endLine).length } },
    selectionRange: { start: { line: item.line, character: item.start }, end: { line: item.line, character: item.end } },
    children: item.children.map((c) => toSymbol(c, model)),
  });

  connection.onDocumentSymbol((params) => {
    const document = documents.get(params.textDocument.uri);
    const model = document && models.get(document);
    return model ? outline(model).map((item) => toSymbol(item, model)) : [];
  });

  connection.onFoldingRanges((params): FoldingRange[] => {
    const document = documents.get(params.textDocument.uri);
    const model = document && models.get(document);
    return model
      ? folds(model).map((f) => ({ startLine: f.start, endLine: f.end, kind: f.kind === 'comment' ? 'comment' : 'region' }))
      : [];
  });

  const encode = (tokens: SemanticToken[]) => {
    const builder = new SemanticTokensBuilder();
    for (const t of tokens) builder.push(t.line, t.start, t.length, t.type, t.modifiers);
    return builder.build();
  };

  connection.languages.semanticTokens.on((params) => {
    const document = documents.get(params.textDocument.uri);
    const model = document && models.get(document);
    return encode(model ? semanticTokens(model) : []);
  });

  connection.languages.semanticTokens.onRange((params) => {
    const document = documents.get(params.textDocument.uri);
    const model = document && models.get(document);
    return encode(model ? semanticTokens(model, params.range.start.line, params.range.end.line) : []);
  });

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) {
  // `--stdio`, `--node-ipc` and `--socket=N` are read by createConnection itself.
  startServer(createConnection(ProposedFeatures.all));
}
