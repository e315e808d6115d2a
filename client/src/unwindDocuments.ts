// Unwound stacks as read-only virtual documents (never the user's files), whose addresses
// link to the transcript lines they came from; each is dropped when its document closes.
import * as vscode from 'vscode';
import type { UnwindResponse } from '../../protocol/src';
import { UNWIND_SCHEME } from '../../protocol/src';
import { addressLinks, type AddressLink } from './unwindLinks';

interface Entry {
  text: string;
  /** The transcript the walk was made on. */
  source: vscode.Uri;
  links: AddressLink[];
}

export class UnwindDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private count = 0;
  readonly onDidChange = this.changed.event;

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(UNWIND_SCHEME, this),
      vscode.languages.registerDocumentLinkProvider({ scheme: UNWIND_SCHEME }, this),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === UNWIND_SCHEME) this.entries.delete(document.uri.toString());
      }),
    );
  }

  /** A new document for a response; its URI is unique, so each walk keeps its own tab. */
  add(response: UnwindResponse, source: vscode.Uri): vscode.Uri {
    const name = response.title.replace(/[^\w .+-]/g, '_');
    const uri = vscode.Uri.from({ scheme: UNWIND_SCHEME, path: `/${name}.crashlog`, query: String(++this.count) });
    this.entries.set(uri.toString(), { text: response.text, source, links: addressLinks(response.text, response.links) });
    this.changed.fire(uri);
    return uri;
  }

  /** Documents held (the test of dropping on close reads it). */
  get size(): number {
    return this.entries.size;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.entries.get(uri.toString())?.text ?? '';
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const entry = this.entries.get(document.uri.toString());
    if (!entry) return [];
    return entry.links.map((l) => {
      const link = new vscode.DocumentLink(
        new vscode.Range(l.line, l.start, l.line, l.end),
        entry.source.with({ fragment: `L${l.sourceLine + 1}` }),
      );
      link.tooltip = `Go to line ${l.sourceLine + 1} of the transcript`;
      return link;
    });
  }
}
