// Semantic tokens: addresses coloured by what the analysis knows they are.
import { semanticTokens as tokensOf, TOKEN_MODIFIERS, TOKEN_TYPES } from '../analysis/semanticTokens';
import { encodeSemanticTokens } from './convert';
import type { Feature } from './feature';

const NONE = encodeSemanticTokens([]);

export const semanticTokens: Feature = {
  capabilities: {
    semanticTokensProvider: {
      legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] },
      full: true,
      range: true,
    },
  },
  register({ connection, documents }) {
    connection.languages.semanticTokens.on((params, token) =>
      documents.withModel({ handler: 'semanticTokens', uri: params.textDocument.uri, token }, NONE, (model) =>
        encodeSemanticTokens(tokensOf(model)),
      ),
    );
    connection.languages.semanticTokens.onRange((params, token) => {
      const { start, end } = params.range;
      return documents.withModel(
        { handler: 'semanticTokens/range', uri: params.textDocument.uri, line: start.line, token },
        NONE,
        (model) => encodeSemanticTokens(tokensOf(model, start.line, end.line)),
      );
    });
  },
};
