// The client shared by the desktop and the web: starts the language server through
// the factory its entry gives (a Node process or a web worker) and shows unwound stacks
// as read-only virtual documents. All analysis happens in the server.
import * as vscode from 'vscode';
// The package's own entry: Node's build on the desktop, its browser build in the web bundle.
import { BaseLanguageClient, CloseAction, ErrorAction, LanguageClientOptions, State } from 'vscode-languageclient';
import {
  COMMAND_SHOW_UNWIND,
  COMMAND_UNWIND_FROM,
  InitializationOptions,
  TooLargeNotification,
  UnwindParams,
  UnwindRequest,
  WorkspaceTrustedNotification,
  UNWIND_SCHEME,
} from '../../protocol/src';
import { RestartBudget } from './restartBudget';
import { UnwindDocuments } from './unwindDocuments';
import { registerStackView, registerUnwoundStackLinks } from './stackView/panel';

/** A language client that can restart its server (stop it, start a fresh one). */
export type RestartableClient = BaseLanguageClient & { restart(): Promise<void> };

/** Makes the language client; the only part that differs between the desktop and the web. */
export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => RestartableClient;

let client: RestartableClient | undefined;

/**
 * `whyStopped` tells, once the server has stopped, how (exit code, signal, last error), where
 * the entry can know it; the restart notice says it.
 */
export async function activateClient(
  context: vscode.ExtensionContext,
  createClient: ClientFactory,
  whyStopped: () => Promise<string> = () => Promise.resolve('stopped unexpectedly'),
): Promise<void> {
  const restarts = new RestartBudget();
  let toldRestart = false;
  // One channel for the extension's life: a channel the client makes itself is disposed at every
  // stop, so "Restart Language Server" would throw away the log (and what the server says at start).
  const outputChannel = vscode.window.createOutputChannel('Crash Log');
  context.subscriptions.push(outputChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'crashlog' }],
    outputChannel,
    synchronize: { configurationSection: 'crashlog' },
    // A function: evaluated again at every (re)start.
    initializationOptions: (): InitializationOptions => ({ workspaceTrusted: vscode.workspace.isTrusted }),
    errorHandler: {
      error: (_error, _message, count) => ({
        action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
      }),
      closed: () => {
        // Stopped on purpose (restart command, deactivation): nothing to restart or report.
        if (client?.state === State.Stopped) return { action: CloseAction.DoNotRestart, handled: true };
        const allowed = restarts.allow();
        void whyStopped().then((reason) => {
          client?.outputChannel.appendLine(`The language server ${reason}.`);
          if (!allowed) {
            void vscode.window.showErrorMessage(
              `The Crash Log language server ${reason}. It stopped ${restarts.maxRestarts + 1} times within ` +
                `${restarts.windowMs / 60000} minutes and was not restarted again. Run "Crash Log: Restart Language Server" to try again.`,
            );
          } else if (!toldRestart) {
            // One notice per session: a server that crashes now and then should not nag (the output channel has each).
            toldRestart = true;
            void vscode.window.showInformationMessage(`The Crash Log language server ${reason}; it was restarted.`);
          }
        });
        return { action: allowed ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  client = createClient('crashlog', 'Crash Log', clientOptions);

  // Documents the server only highlights; the status bar says so while one is in front.
  const tooLarge = new Set<string>();
  const tooLargeStatus = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  tooLargeStatus.text = '$(warning) Crash Log: highlighting only';
  tooLargeStatus.tooltip = 'This transcript is larger than crashlog.maxFileSizeMB: no hovers, diagnostics or unwinding.';
  tooLargeStatus.command = {
    title: 'Open Settings',
    command: 'workbench.action.openSettings',
    arguments: ['crashlog.maxFileSizeMB'],
  };
  const updateTooLargeStatus = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    if (uri && tooLarge.has(uri)) tooLargeStatus.show();
    else tooLargeStatus.hide();
  };
  context.subscriptions.push(
    tooLargeStatus,
    vscode.window.onDidChangeActiveTextEditor(updateTooLargeStatus),
    vscode.workspace.onDidCloseTextDocument((document) => {
      tooLarge.delete(document.uri.toString());
      updateTooLargeStatus();
    }),
    client.onNotification(TooLargeNotification, (params) => {
      tooLarge.add(params.uri);
      updateTooLargeStatus();
      const name = vscode.Uri.parse(params.uri).path.split('/').pop();
      void vscode.window
        .showWarningMessage(
          `${name} is ${params.sizeMB} MB, over the ${params.limitMB} MB limit (crashlog.maxFileSizeMB): it gets highlighting only, no analysis.`,
          'Open Settings',
        )
        .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'crashlog.maxFileSizeMB'));
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(WorkspaceTrustedNotification, {})),
  );

  const unwindDocuments = new UnwindDocuments();
  context.subscriptions.push(unwindDocuments.register());
  const linkToStack = registerUnwoundStackLinks(context, UNWIND_SCHEME);
  registerStackView(context, () => client);

  async function showUnwind(params: UnwindParams): Promise<void> {
    if (!client) return;
    const response = await client.sendRequest(UnwindRequest, params);
    const uri = unwindDocuments.add(response, vscode.Uri.parse(params.uri));
    if (params.line !== undefined) linkToStack(uri, params.uri, params.line);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'crashlog');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMAND_SHOW_UNWIND, (uri: string, line: number) => showUnwind({ uri, line })),
    vscode.commands.registerCommand(COMMAND_UNWIND_FROM, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'crashlog') {
        void vscode.window.showInformationMessage('Open a crash transcript to unwind from an address.');
        return;
      }
      const selected = editor.document.getText(editor.document.getWordRangeAtPosition(editor.selection.active));
      const address = await vscode.window.showInputBox({
        prompt: 'Frame pointer to unwind from (hex)',
        value: /^(0x)?[0-9a-fA-F]{8,16}$/.test(selected) ? selected : '',
        validateInput: (v) => (/^\s*(0x)?[0-9a-fA-F]{1,16}\s*$/.test(v) ? undefined : 'A hex address, e.g. ffffffc0427f33b0'),
      });
      if (address) await showUnwind({ uri: editor.document.uri.toString(), address: address.trim() });
    }),
    vscode.commands.registerCommand('crashlog.restartServer', async () => {
      restarts.reset();
      await client?.restart();
    }),
  );

  await client.start();
}

export async function deactivateClient(): Promise<void> {
  await client?.stop();
}
