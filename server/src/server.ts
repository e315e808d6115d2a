// LSP wiring: maps the analysis model's answers to LSP types. No parsing here.
import {
  CancellationToken, CodeLens, DocumentHighlight, DocumentHighlightKind, DocumentSymbol, Location, FoldingRange, SemanticTokensBuilder, SymbolKind, Connection, createConnection, Diagnostic as LspDiagnostic, DiagnosticSeverity, DidChangeConfigurationNotification,
  Hover, InitializeResult, MarkupKind, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeAt, renderHover } from './analysis/describe';
import { SemanticToken, semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from './analysis/semanticTokens';
import { definitions, occurrences } from './analysis/navigation';
import { folds, outline, OutlineItem } from './analysis/structure';
import { diagnose } from './analysis/diagnostics';
import { parseHex } from './analysis/hex';
import type { Model } from './analysis/model';
import type { Arch, Diagnostic } from './analysis/types';
import { unwindLensTargets, unwindStartAtLine, unwindText } from './analysis/unwind';
import { ModelCache } from './documents';
import { COMMAND_SHOW_UNWIND, UnwindRequest } from './protocol';

interface Settings {
  arch: 'auto' | Arch;
  diagnostics: { disabled: string[]; debounceMs: number };
  maxFileSizeMB: number;
}

const DEFAULT_SETTINGS: Settings = { arch: 'auto', diagnostics: { disabled: [], debounceMs: 300 }, maxFileSizeMB: 64 };

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const models = new ModelCache();
  let settings: Settings = DEFAULT_SETTINGS;
  let canPullConfiguration = false;
  const pendingDiagnostics = new Map<string, NodeJS.Timeout>();

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
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

  connection.onInitialized(async () => {
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'crashlog' });
      await loadSettings();
    }
  });

  async function loadSettings(): Promise<void> {
    if (!canPullConfiguration) return;
    try {
      const value = (await connection.workspace.getConfiguration('crashlog')) as Partial<Settings> | null;
      settings = { ...DEFAULT_SETTINGS, ...(value ?? {}), diagnostics: { ...DEFAULT_SETTINGS.diagnostics, ...(value?.diagnostics ?? {}) } };
    } catch {
      settings = DEFAULT_SETTINGS;
    }
    models.arch = settings.arch === 'auto' ? undefined : settings.arch;
    models.maxBytes = Math.max(1, settings.maxFileSizeMB) * 1024 * 1024;
    for (const document of documents.all()) scheduleDiagnostics(document, 0);
  }

  connection.onDidChangeConfiguration(() => void loadSettings());

  function toLsp(d: Diagnostic, uri: string): LspDiagnostic {
    return {
      range: d.range,
      severity: d.severity === 'error' ? DiagnosticSeverity.Error : d.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      code: d.code,
      source: 'crashlog',
      message: d.message,
      relatedInformation: d.related.map((r) => ({ location: { uri, range: r.range }, message: r.message })),
    };
  }

  function scheduleDiagnostics(document: TextDocument, delay = settings.diagnostics.debounceMs): void {
    const previous = pendingDiagnostics.get(document.uri);
    if (previous) clearTimeout(previous);
    pendingDiagnostics.set(document.uri, setTimeout(() => {
      pendingDiagnostics.delete(document.uri);
      const current = documents.get(document.uri);
      if (!current || current.version !== document.version) return;
      const model = models.get(current);
      const diagnostics = model ? diagnose(model, { disabled: new Set(settings.diagnostics.disabled) }).map((d) => toLsp(d, current.uri)) : [];
      void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
    }, delay));
  }

  documents.onDidChangeContent((event) => scheduleDiagnostics(event.document));
  documents.onDidClose((event) => {
    models.delete(event.document.uri);
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
    return occurrences(model, params.position.line, params.position.character).map((range) => ({ range, kind: DocumentHighlightKind.Text }));
  });

  connection.onReferences(async (params, token): Promise<Location[]> => {
    const model = await modelFor(params.textDocument.uri, token);
    if (!model) return [];
    return occurrences(model, params.position.line, params.position.character).map((range) => ({ uri: params.textDocument.uri, range }));
  });

  connection.onDefinition(async (params, token): Promise<Location[]> => {
    const model = await modelFor(params.textDocument.uri, token);
    if (!model) return [];
    return definitions(model, params.position.line, params.position.character).map((range) => ({ uri: params.textDocument.uri, range }));
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
    heading: SymbolKind.Namespace, command: SymbolKind.Event, backtrace: SymbolKind.Class, frame: SymbolKind.Function,
    report: SymbolKind.Event, struct: SymbolKind.Struct,
  };
  const toSymbol = (item: OutlineItem, model: { lines: string[] }): DocumentSymbol => ({
    name: item.name || '?',
    detail: item.detail,
    kind: SYMBOL_KINDS[item.kind],
    range: { start: { line: item.line, character: 0 }, end: { line: item.endLine, character: model.lines[item.endLine]?.length ?? 0 } },
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
    return model ? folds(model).map((f) => ({ startLine: f.start, endLine: f.end, kind: f.kind === 'comment' ? 'comment' : 'region' })) : [];
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
