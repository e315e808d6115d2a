// Quick fixes: diagnostics that carry actions (e.g. `unwind-disagrees`) offer them. Needs
// no model: the actions travel in the diagnostic's data.
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import { COMMAND_SHOW_UNWIND } from '../../../protocol/src';
import type { DiagnosticAction } from '../analysis/diagnostics';
import type { Feature } from './feature';

export const codeActions: Feature = {
  capabilities: { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } },
  register({ connection }) {
    connection.onCodeAction((params): CodeAction[] => {
      const actions: CodeAction[] = [];
      for (const diagnostic of params.context.diagnostics) {
        const data = diagnostic.data as { actions?: DiagnosticAction[] } | undefined;
        if (!Array.isArray(data?.actions)) continue;
        for (const action of data.actions) {
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
  },
};
