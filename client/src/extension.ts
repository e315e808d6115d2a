// Thin client: starts the language server and shows unwound stacks as
// read-only virtual documents. All analysis happens in the server.
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { COMMAND_SHOW_UNWIND, COMMAND_UNWIND_FROM, UNWIND_SCHEME, UnwindParams, UnwindRequest } from '../../server/src/protocol';

let client: LanguageClient | undefined;

/** Unwound stacks by virtual URI; the documents are read-only and never touch the user's file. */
class UnwindDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'crashlog' }],
    synchronize: { configurationSection: 'crashlog' },
  };
  client = new LanguageClient('crashlog', 'Crash Log', serverOptions, clientOptions);

  const unwindDocuments = new UnwindDocuments();
  let unwindCount = 0;
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(UNWIND_SCHEME, unwindDocuments));

  async function showUnwind(params: UnwindParams): Promise<void> {
    if (!client) return;
    const response = await client.sendRequest(UnwindRequest, params);
    const name = response.title.replace(/[^\w .+-]/g, '_');
    const uri = vscode.Uri.from({ scheme: UNWIND_SCHEME, path: `/${name}.crashlog`, query: String(++unwindCount) });
    unwindDocuments.set(uri, response.text);
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
      await client?.restart();
    }),
  );

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
