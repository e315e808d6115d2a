// Hover: the analysis' card for the word under the cursor, with line links into the document.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { describeAt, renderHover } from '../analysis/describe';
import type { Feature } from './feature';

export const hover: Feature = {
  capabilities: { hoverProvider: true },
  register({ connection, documents }) {
    connection.onHover((params, token) => {
      const { uri } = params.textDocument;
      const { line, character } = params.position;
      return documents.withModel<Hover | null>({ handler: 'hover', uri, line, token }, null, (model) => {
        const card = describeAt(model, line, character);
        if (!card) return null;
        const value = renderHover(card.markdown, (target) => `[${target + 1}](${uri}#L${target + 1})`);
        return { contents: { kind: MarkupKind.Markdown, value }, range: card.range };
      });
    });
  },
};
