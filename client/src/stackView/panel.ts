// The Stack view (issue 15): a webview panel beside the transcript drawing the stack
// under the cursor. The picture comes from the server (StackViewRequest); this side
// only moves it between the editor and the page: cursor ⇄ highlight, clicks → editor,
// hover → the editor's own hover card, Save as SVG, Copy as text. No Node APIs: it
// runs in the desktop and the web extension host alike.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { COMMAND_SHOW_STACK, StackViewRequest, type PackedPicture, type StackViewResponse } from '../../../protocol/src';
import { answerMessages, postWhileCurrent } from './answer';
import { parseViewMessage, type HostMessage, type ViewMessage } from './messages';
import { makeNonce, stackViewHtml } from './page';

const VIEW_TYPE = 'crashlog.stackView';
/** Waits after typing or moving the cursor before the picture is asked for again (ms). */
const FOLLOW_DELAY_MS = 250;
/**
 * How long a new page's document waits for the server's first answer (ms). VS Code's webview
 * boots (its host frame, then its service worker) before it asks for the document, and that has
 * taken longer than this in every measurement, so the wait costs nothing when the answer comes
 * in time, and the answer then goes in the document, its first screen drawn in HTML.
 */
const EMBED_WAIT_MS = 100;

/** A request's times, ms since the epoch: the user's ask (the command, or the request when the view follows the cursor), the server's answer, the picture posted. */
interface Marks {
  start: number;
  answered?: number;
  posted?: number;
}

export function registerStackView(context: vscode.ExtensionContext, client: () => BaseLanguageClient | undefined): void {
  let panel: StackViewPanel | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMAND_SHOW_STACK, async (uri?: unknown, line?: unknown) => {
      const invoked = Date.now();
      const editor = vscode.window.activeTextEditor;
      const target =
        typeof uri === 'string' && Number.isInteger(line)
          ? { uri: vscode.Uri.parse(uri), line: line as number }
          : editor && editor.document.languageId === 'crashlog'
            ? { uri: editor.document.uri, line: editor.selection.active.line }
            : undefined;
      if (!target) {
        void vscode.window.showInformationMessage('Open a crash transcript and put the cursor on a stack to show it.');
        return;
      }
      // A new panel starts booting its page at once; the server answers meanwhile.
      const existing = panel;
      if (!panel) {
        panel = new StackViewPanel(client);
        panel.onDispose(() => (panel = undefined));
      }
      await panel.show(target.uri, target.line, invoked, existing !== undefined);
    }),
  );
}

class StackViewPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.Uri | undefined;
  /** The line the picture was asked for, and the transcript lines it shows. */
  private line = 0;
  private lines = new Set<number>();
  private picture: PackedPicture | undefined;
  private serial = 0;
  private marks = new Map<number, Marks>();
  /** The page's document being set, once, with the first answer in it when that came in time: later answers are posted after it. */
  private page: Promise<boolean> | undefined;
  /** When the page's document started loading and its script ran (its `ready`), once it has. */
  private pageUp: { loading: number; booted: number } | undefined;
  /** Whether the last answer given to the page (in its document or posted) is a picture. */
  private pageHasPicture = false;
  private follow: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly client: () => BaseLanguageClient | undefined) {
    // The page is one inline document: the webview reads no file (no local resource roots).
    this.panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'Stack',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: true },
    );
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseViewMessage(raw);
        if (message) void this.receive(message);
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => this.cursorMoved(event)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === this.document?.toString() && event.contentChanges.length > 0)
          this.later(() => this.refresh(this.picture?.line ?? this.line));
      }),
    );
    this.panel.onDidDispose(() => this.dispose());
  }

  onDispose(listener: () => void): void {
    this.disposables.push({ dispose: listener });
  }

  /** Shows the picture at a line; `invoked` is when the user asked (first paint is measured from it). */
  async show(uri: vscode.Uri, line: number, invoked: number, reveal: boolean): Promise<void> {
    this.document = uri;
    if (reveal) this.panel.reveal(undefined, true);
    await this.refresh(line, invoked);
  }

  /**
   * Asks the server for the picture at a line and posts it to the page, without waiting for
   * the page: VS Code keeps the messages of a webview that is still loading and hands them
   * over, in order, once its document has loaded (its script has run by then). A new page
   * gets the first answer in its document instead, when it comes in time.
   */
  private async refresh(line: number, start = Date.now()): Promise<void> {
    const client = this.client();
    const uri = this.document;
    if (!client || !uri || this.disposed) return;
    const serial = ++this.serial;
    const marks: Marks = { start };
    this.marks.set(serial, marks);
    this.line = line;
    const answer = client
      .sendRequest(StackViewRequest, { uri: uri.toString(), line })
      .catch((error: unknown): StackViewResponse => ({
        message: `No picture: ${error instanceof Error ? error.message : String(error)}`,
      }));
    void answer.then(() => (marks.answered = Date.now()));
    const setsPage = this.page === undefined;
    this.page ??= this.setPage(serial, uri, answer);
    const inDocument = (await this.page) && setsPage;
    const response = await answer;
    if (this.disposed || serial !== this.serial) return;
    const current = () => !this.disposed && serial === this.serial;
    if (!inDocument)
      await postWhileCurrent(
        answerMessages(this.accept(serial, uri, response), this.pageHasPicture),
        (m) => this.post(m),
        current,
      );
    if (!current()) return;
    const cursor = this.cursorLine(uri);
    if (response.picture && cursor !== undefined) await this.post({ type: 'cursor', line: cursor });
  }

  /** The cursor's line in the transcript's editor, when one shows it. */
  private cursorLine(uri: vscode.Uri): number | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.selection.active.line;
  }

  /** Sets the new page's document, with the first answer in it if the server gives it within EMBED_WAIT_MS. */
  private async setPage(serial: number, uri: vscode.Uri, answer: Promise<StackViewResponse>): Promise<boolean> {
    const early = await Promise.race([
      answer,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), EMBED_WAIT_MS)),
    ]);
    if (this.disposed) return false;
    const first = early && serial === this.serial ? this.accept(serial, uri, early) : undefined;
    const [firstScreen, whole] = first ? answerMessages(first, false) : [];
    const { html, carriesFirst } = stackViewHtml(makeNonce(), firstScreen, this.cursorLine(uri) ?? this.line);
    this.pageHasPicture = carriesFirst && firstScreen?.type === 'picture';
    this.panel.webview.html = html;
    // VS Code keeps it until the document has loaded.
    if (carriesFirst && whole && serial === this.serial) await this.post(whole);
    return carriesFirst;
  }

  /** The message that shows an answer; its picture is the one the view follows the cursor on from now. */
  private accept(serial: number, uri: vscode.Uri, response: StackViewResponse): HostMessage {
    const name = uri.path.split('/').pop() ?? '';
    this.panel.title = `Stack: ${name}`;
    this.picture = response.picture;
    this.lines = response.picture ? picturedLines(response.picture) : new Set();
    const marks = this.marks.get(serial);
    if (marks) marks.posted = Date.now();
    return response.picture
      ? { type: 'picture', serial, picture: response.picture, document: name }
      : { type: 'empty', serial, message: response.message ?? 'Nothing to draw here.', document: name };
  }

  private cursorMoved(event: vscode.TextEditorSelectionChangeEvent): void {
    if (event.textEditor.document.uri.toString() !== this.document?.toString()) return;
    const line = event.selections[0]?.active.line ?? 0;
    void this.post({ type: 'cursor', line });
    // A line the picture does not show may stand for another stack: follow the cursor there.
    if (!this.lines.has(line)) this.later(() => this.refresh(line));
  }

  private later(job: () => Promise<void>): void {
    clearTimeout(this.follow);
    this.follow = setTimeout(() => void job(), FOLLOW_DELAY_MS);
  }

  private async receive(message: ViewMessage): Promise<void> {
    switch (message.type) {
      case 'reveal':
        await this.reveal(message.line, message.column, message.focus);
        break;
      case 'hover':
        await this.hover(message.id, message.line, message.column);
        break;
      case 'ready':
        this.pageUp = { loading: message.loading, booted: message.booted };
        break;
      case 'painted': {
        const marks = this.marks.get(message.serial);
        this.marks.delete(message.serial);
        if (marks?.answered === undefined || marks.posted === undefined) break;
        const { start, answered, posted } = marks;
        // A timeline from the user's request (the server and a new page's boot run side by side).
        const since = (t: number) => t - start;
        const booting: [string, number][] =
          this.pageUp && this.pageUp.booted >= start
            ? [
                ['page loading at', since(this.pageUp.loading)],
                ['page script at', since(this.pageUp.booted)],
              ]
            : [];
        const stages: [string, number][] = [
          ['server answer at', since(answered)],
          ...booting,
          ['posted at', since(posted)],
          ...((message.inDocument
            ? [['first screen parsed at', since(message.shown)]]
            : [
                ['in the page at', since(message.received)],
                ['drawn at', since(message.shown)],
              ]) as [string, number][]),
          ['on screen at', since(message.painted)],
        ];
        await this.post({ type: 'timing', serial: message.serial, firstPaintMs: since(message.painted), stages });
        break;
      }
      case 'copyText': {
        const client = this.client();
        if (!client || !this.document) return;
        const response = await client
          .sendRequest(StackViewRequest, {
            uri: this.document.toString(),
            line: this.line,
            want: 'text',
          })
          .catch((): StackViewResponse => ({}));
        if (response.text) {
          await vscode.env.clipboard.writeText(response.text);
          void vscode.window.showInformationMessage('Stack picture copied as text.');
        }
        break;
      }
      case 'copyCommand':
        await vscode.env.clipboard.writeText(message.command);
        void vscode.window.showInformationMessage(`Copied: ${message.command}`);
        break;
      case 'saveSvg':
        await this.saveSvg(message.svg);
        break;
    }
  }

  private async reveal(line: number, column: number, focus: boolean): Promise<void> {
    if (!this.document) return;
    const uri = this.document;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const document = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
    const position = document.validatePosition(new vscode.Position(line, column));
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: !focus,
      selection: new vscode.Range(position, position),
    });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** The same card as the editor's hover at the word the slot came from. */
  private async hover(id: number, line: number, column: number): Promise<void> {
    if (!this.document) return;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      this.document,
      new vscode.Position(line, column),
    );
    const markdown: string[] = [];
    for (const hover of hovers ?? [])
      for (const content of hover.contents) markdown.push(typeof content === 'string' ? content : content.value);
    await this.post({ type: 'hoverResult', id, markdown });
  }

  /** Writes the SVG the page drew to a file the user chooses (the only file this extension writes). */
  private async saveSvg(svg: string): Promise<void> {
    const base = this.document ? vscode.Uri.joinPath(this.document, '..') : undefined;
    const name = `${(this.document?.path.split('/').pop() ?? 'stack').replace(/\.[^.]*$/, '')}-stack.svg`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: base ? vscode.Uri.joinPath(base, name) : undefined,
      filters: { 'SVG image': ['svg'] },
      title: 'Save the stack picture as SVG',
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
    void vscode.window.showInformationMessage(`Saved ${target.path.split('/').pop()}`);
  }

  private async post(message: HostMessage): Promise<void> {
    if (this.disposed) return;
    if (message.type === 'picture' || message.type === 'empty') this.pageHasPicture = message.type === 'picture';
    await this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    this.disposed = true;
    clearTimeout(this.follow);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Transcript lines the picture shows: a cursor there highlights, elsewhere it may redraw. */
function picturedLines(picture: PackedPicture): Set<number> {
  const lines = new Set<number>();
  if (picture.line !== undefined) lines.add(picture.line);
  if (picture.btLine !== undefined) lines.add(picture.btLine);
  for (const axis of picture.axes) {
    // Slot lines travel as differences from the slot before.
    let line = 0;
    for (const delta of axis.lines) {
      if (delta === null) continue;
      line += delta;
      lines.add(line);
    }
    for (const f of axis.frames) if (f.line !== undefined) lines.add(f.line);
    for (const m of axis.bt) lines.add(m.line);
  }
  return lines;
}

/**
 * "Show stack" on the first line of every unwound-stack document: the picture of the
 * walk it shows (the document remembers the transcript and line it came from).
 */
export function registerUnwoundStackLinks(
  context: vscode.ExtensionContext,
  scheme: string,
): (document: vscode.Uri, source: string, line: number) => void {
  const sources = new Map<string, { source: string; line: number }>();
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(
      { scheme },
      {
        provideCodeLenses(document) {
          const from = sources.get(document.uri.toString());
          if (!from) return [];
          return [
            new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
              title: 'Show stack',
              command: COMMAND_SHOW_STACK,
              arguments: [from.source, from.line],
            }),
          ];
        },
      },
    ),
  );
  return (document, source, line) => sources.set(document.toString(), { source, line });
}
