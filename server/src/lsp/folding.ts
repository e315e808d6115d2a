// Folding ranges: command output, register blocks, reports, fences.
import type { FoldingRange } from 'vscode-languageserver';
import { folds } from '../analysis/structure';
import { toFoldingRange } from './convert';
import type { Feature } from './feature';

export const folding: Feature = {
  capabilities: { foldingRangeProvider: true },
  register({ connection, documents }) {
    connection.onFoldingRanges((params, token) =>
      documents.withModel<FoldingRange[]>({ handler: 'foldingRange', uri: params.textDocument.uri, token }, [], (model) =>
        folds(model).map(toFoldingRange),
      ),
    );
  },
};
