// References: the lines where the value under the cursor occurs.
import type { Location } from 'vscode-languageserver';
import { occurrences } from '../analysis/navigation';
import { toLspRange } from './convert';
import type { Feature } from './feature';

export const references: Feature = {
  capabilities: { referencesProvider: true },
  register({ connection, documents }) {
    connection.onReferences((params, token) => {
      const { uri } = params.textDocument;
      const { line, character } = params.position;
      return documents.withModel<Location[]>({ handler: 'references', uri, line, token }, [], (model) =>
        occurrences(model, line, character).map((range) => ({ uri, range: toLspRange(range) })),
      );
    });
  },
};
