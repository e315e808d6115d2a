// Web entry (package.json `browser`: vscode.dev, github.dev, code-server's web-worker
// extension host): the same client, with the language server in a web worker.
import type * as vscode from 'vscode';
import { activateClient, deactivateClient } from '../activate';
import { WorkerLanguageClient } from './workerClient';

export function activate(context: vscode.ExtensionContext): Promise<void> {
  return activateClient(context, (id, name, options) => new WorkerLanguageClient(id, name, options, context.extensionUri));
}

export const deactivate = deactivateClient;
