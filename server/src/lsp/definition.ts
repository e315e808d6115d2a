// Go to definition: where a symbol or address is defined in the transcript (dis, sym, struct).
import type { Location } from 'vscode-languageserver';
import { definitions } from '../analysis/navigation';
import { toLspRange } from './convert';
import type { Feature } from './feature';

export const definition: Feature = {
  capabilities: { definitionProvider: true },
  register({ connection, documents }) {
    connection.onDefinition((params, token) => {
      const { uri } = params.textDocument;
      const { line, character } = params.position;
      return documents.withModel<Location[]>({ handler: 'definition', uri, line, token }, [], (model) =>
        definitions(model, line, character).map((range) => ({ uri, range: toLspRange(range) })),
      );
    });
  },
};
