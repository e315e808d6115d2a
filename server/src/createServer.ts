// The language server as a composition: settings, documents (models through one
// `withModel`), diagnostics scheduling, symbol files, and one module per LSP feature.
// What differs between a Node process and a web worker comes in as `host`.
import { TextDocumentSyncKind, type Connection, type InitializeResult, type ServerCapabilities } from 'vscode-languageserver';
import type { InitializationOptions } from '../../protocol/src';
import { Configuration } from './configuration';
import { DiagnosticsScheduler } from './diagnostics';
import { Documents } from './documents';
import type { ServerHost } from './host';
import { codeActions } from './lsp/codeActions';
import { codeLens } from './lsp/codeLens';
import { definition } from './lsp/definition';
import { documentHighlight } from './lsp/documentHighlight';
import { documentSymbols } from './lsp/documentSymbols';
import type { Feature } from './lsp/feature';
import { folding } from './lsp/folding';
import { hover } from './lsp/hover';
import { references } from './lsp/references';
import { semanticTokens } from './lsp/semanticTokens';
import { stackView } from './lsp/stackView';
import { unwind } from './lsp/unwind';
import { SymbolFileSettings } from './symbolFileSettings';
import { TooLargeNotice } from './tooLargeNotice';

/** Every LSP feature; a new one is a module in ./lsp plus a line here. */
const FEATURES: readonly Feature[] = [
  hover,
  documentHighlight,
  references,
  definition,
  codeActions,
  codeLens,
  unwind,
  stackView,
  documentSymbols,
  folding,
  semanticTokens,
];

/** The parts of a running server that in-process tests look into. */
export interface ServerParts {
  documents: Documents;
  diagnostics: DiagnosticsScheduler;
}

export function createServer(connection: Connection, host: ServerHost): ServerParts {
  const configuration = new Configuration(connection);
  const documents = new Documents(connection, host, configuration);
  const diagnostics = new DiagnosticsScheduler(connection, documents, configuration, host);
  const tooLarge = new TooLargeNotice(connection, documents);
  const symbolFiles = new SymbolFileSettings(connection, host, configuration, documents);
  let canRefreshTokens = false;

  diagnostics.onModel = (uri, model) => symbolFiles.noteUnmatched(uri, model);
  for (const feature of FEATURES) if (feature.settled) diagnostics.settled.push(feature.settled.bind(feature));
  symbolFiles.onDidChange = () => {
    diagnostics.scheduleAll();
    if (canRefreshTokens) void connection.languages.semanticTokens.refresh();
  };
  configuration.onChange((settings) => {
    documents.models.arch = settings.arch === 'auto' ? undefined : settings.arch;
    documents.models.maxBytes = settings.maxFileSizeMB * 1024 * 1024;
    tooLarge.checkAll();
    diagnostics.scheduleAll();
  });

  connection.onInitialize((params): InitializeResult => {
    configuration.setCapabilities(Boolean(params.capabilities.workspace?.configuration));
    canRefreshTokens = Boolean(params.capabilities.workspace?.semanticTokens?.refreshSupport);
    const options = params.initializationOptions as InitializationOptions | undefined;
    const folderUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    symbolFiles.initialize(options?.workspaceTrusted !== false, folderUri);
    const capabilities: ServerCapabilities = { textDocumentSync: TextDocumentSyncKind.Incremental };
    for (const feature of FEATURES) Object.assign(capabilities, feature.capabilities);
    return { capabilities, serverInfo: { name: 'crashlog' } };
  });
  connection.onInitialized(() => configuration.start());
  connection.onShutdown(() => {
    diagnostics.dispose();
    symbolFiles.dispose();
  });

  const context = { connection, documents, configuration };
  for (const feature of FEATURES) feature.register(context);
  documents.documents.listen(connection);
  connection.listen();
  return { documents, diagnostics };
}
