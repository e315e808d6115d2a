// CodeLens "Unwind from …" on every line a frame walk can start from, and "Show stack"
// (the Stack view) on every bt header.
import type { CodeLens } from 'vscode-languageserver';
import { COMMAND_SHOW_STACK, COMMAND_SHOW_UNWIND } from '../../../protocol/src';
import { stackLensLines } from '../analysis/stackPicture';
import { unwindLensTargets } from '../analysis/unwind';
import { lineStart } from './convert';
import type { Feature } from './feature';

export const codeLens: Feature = {
  capabilities: { codeLensProvider: { resolveProvider: false } },
  register({ connection, documents }) {
    connection.onCodeLens((params, token) => {
      const { uri } = params.textDocument;
      return documents.withModel<CodeLens[]>({ handler: 'codeLens', uri, token }, [], (model) => [
        ...unwindLensTargets(model).map((target) => ({
          range:
            target.column !== undefined
              ? { start: { line: target.line, character: target.column }, end: { line: target.line, character: target.column } }
              : lineStart(target.line),
          command: { title: target.title, command: COMMAND_SHOW_UNWIND, arguments: [uri, target.line] },
        })),
        ...stackLensLines(model).map((line) => ({
          range: lineStart(line),
          command: { title: 'Show stack', command: COMMAND_SHOW_STACK, arguments: [uri, line] },
        })),
      ]);
    });
  },
};
