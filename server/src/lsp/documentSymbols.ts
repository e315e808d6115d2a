// Document symbols: the outline (headings, commands, backtraces and frames, reports, structs).
import type { DocumentSymbol } from 'vscode-languageserver';
import { outline } from '../analysis/structure';
import { toDocumentSymbol } from './convert';
import type { Feature } from './feature';

export const documentSymbols: Feature = {
  capabilities: { documentSymbolProvider: true },
  register({ connection, documents }) {
    connection.onDocumentSymbol((params, token) =>
      documents.withModel<DocumentSymbol[]>({ handler: 'documentSymbol', uri: params.textDocument.uri, token }, [], (model) =>
        outline(model).map((item) => toDocumentSymbol(item, (line) => model.line(line).length)),
      ),
    );
  },
};
