// Desktop entry (package.json `main`): the language server runs as a Node process, forked
// here (as the library would) so that the restart notice can say how it ended.
import { fork } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions } from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV } from '../../protocol/src';
import { activateClient, deactivateClient } from './activate';
import { describeExit, StderrTail } from './serverExit';

/** How long to wait for the exit of a server whose connection closed. */
const EXIT_WAIT_MS = 3000;

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const debug = context.extensionMode === vscode.ExtensionMode.Development ? ['--nolazy', '--inspect=6019'] : [];
  /** How the current server process ended, once it has. */
  let exited: Promise<string> = new Promise(() => undefined);
  const serverOptions: ServerOptions = () => {
    const stderr = new StderrTail();
    const child = fork(serverModule, ['--stdio'], {
      execArgv: [...SERVER_EXEC_ARGV, ...debug],
      silent: true,
      // Inside the editor's Electron, run as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    child.stderr?.on('data', (chunk: Buffer) => stderr.append(chunk.toString()));
    exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(describeExit(code, signal, stderr.lastError()))),
    );
    return Promise.resolve(child);
  };
  const whyStopped = () =>
    Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('stopped unexpectedly'), EXIT_WAIT_MS))]);
  return activateClient(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options), whyStopped);
}

export const deactivate = deactivateClient;
