// Desktop entry (package.json `main`): the language server runs as a Node process.
import * as path from 'path';
import type * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV } from '../../protocol/src';
import { activateClient, deactivateClient } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] },
    },
  };
  return activateClient(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options));
}

export const deactivate = deactivateClient;
