// Document highlights: every occurrence of the value under the cursor.
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver';
import { occurrences } from '../analysis/navigation';
import { toLspRange } from './convert';
import type { Feature } from './feature';

export const documentHighlight: Feature = {
  capabilities: { documentHighlightProvider: true },
  register({ connection, documents }) {
    connection.onDocumentHighlight((params, token) => {
      const { uri } = params.textDocument;
      const { line, character } = params.position;
      return documents.withModel<DocumentHighlight[]>({ handler: 'documentHighlight', uri, line, token }, [], (model) =>
        occurrences(model, line, character).map((range) => ({ range: toLspRange(range), kind: DocumentHighlightKind.Text })),
      );
    });
  },
};
