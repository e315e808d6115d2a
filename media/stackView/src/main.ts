// The Stack view's page: draws the picture the extension sends, only the rows in
// sight (a 64 KiB stack is 8192 rows), frame boxes, pt_regs and arrows on one strip;
// keyboard navigation, screen-reader labels, hover cards and the cursor's highlight.
// Everything it receives is checked (parseHostMessage); it sends only typed messages.
// A new page's document comes with its first screen drawn (client/src/stackView/draw.ts, the
// builders this script draws with too): the script takes it over after the first paint.
import {
  arrows as arrowParts,
  boxes as boxParts,
  describeRow,
  gutterWidth,
  row as rowPart,
  skeleton,
  stripLabel,
  summary as summaryParts,
  ROW_H,
  WAITING_TITLE,
  type El,
} from '../../../client/src/stackView/draw';
import { layoutPicture, type PictureLayout } from '../../../client/src/stackView/layout';
import {
  FIRST_MESSAGE_ID,
  FIRST_SCREEN_STYLE_ID,
  parseHostMessage,
  type ViewMessage,
} from '../../../client/src/stackView/messages';
import { pictureToSvg, type Palette } from '../../../client/src/stackView/svg';
import type { SlotRow, StackPicture } from '../../../protocol/src';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const scriptStarted = Date.now();
const vscode = acquireVsCodeApi();
const OVERSCAN = 30;

const root = document.getElementById('stack-view')!;
// A new page's document has its first screen drawn already, with the elements this script
// draws: the script takes them over. Without one, it makes them.
const fromDocument = root.childElementCount > 0;
if (!fromDocument) root.append(...skeleton(WAITING_TITLE).map(toDom));
const part = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
const title = part('.toolbar .title');
const saveButton = part('.toolbar .save-svg');
const copyButton = part('.toolbar .copy-text');
const saveTitle = saveButton.title;
const summary = part('.summary');
const strip = part('.strip');
const arrows = part<SVGSVGElement>('svg.arrows');
const boxes = part('.boxes');
const rows = part('.rows');
const card = part('.card');
const status = part('.status');

let picture: StackPicture | undefined;
let layout: PictureLayout | undefined;
let serial = -1;
/** Global row the keyboard is on. */
let current = -1;
let cursorRows = new Set<number>();
/** The editor's line (the document's first screen highlights the one it had). */
let cursorLine = Number(root.dataset.cursorLine ?? -1);
let rendered = '';
let hoverId = 0;
let hoverTimer: ReturnType<typeof setTimeout> | undefined;
/** Whether a picture has been on screen (before that, drawRows needs no layout: see there). */
let pagePainted = false;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  return e;
}

/** An element the shared builders describe, made (the document's first screen has them as HTML). */
function toDom(e: El): Element {
  const node = e.svg ? document.createElementNS('http://www.w3.org/2000/svg', e.tag) : document.createElement(e.tag);
  for (const [name, value] of Object.entries(e.attrs)) node.setAttribute(name, value);
  if (e.style) for (const [name, value] of Object.entries(e.style)) (node as HTMLElement).style.setProperty(name, value);
  if (e.text !== undefined) node.textContent = e.text;
  for (const child of e.children) node.append(toDom(child));
  return node;
}

/** The document's first screen places its elements by id in a style block of its own; the script's elements carry their own style. */
function dropFirstScreenStyle(): void {
  document.getElementById(FIRST_SCREEN_STYLE_ID)?.remove();
}

/** Whether a picture is the first rows of a stack whose whole picture is still on its way. */
const isCut = (p: StackPicture) => p.axes.some((a) => a.rowTotal !== undefined && a.rowTotal > a.rows.length);

/** Save as SVG saves the picture the page has: not while that is the first rows only (a tall, mostly blank SVG). */
function offerSave(p: StackPicture | undefined): void {
  const cut = p !== undefined && isCut(p);
  saveButton.toggleAttribute('disabled', cut);
  saveButton.title = cut ? 'Save as SVG waits for the whole picture, still on its way' : saveTitle;
}

// ---------------------------------------------------------------- drawing
/**
 * Draws a picture. `onScreen` is when the document's first screen of this picture was painted,
 * when the script takes it over (drawn again, the same elements): no paint to wait for then.
 */
function show(next: StackPicture, nextSerial: number, received: number, onScreen?: number): void {
  const started = performance.now();
  // The same serial again: the whole picture after the first rows a new page drew first.
  const rest = nextSerial === serial && picture !== undefined;
  picture = next;
  layout = layoutPicture(next);
  serial = nextSerial;
  offerSave(next);
  rendered = '';
  dropFirstScreenStyle();
  title.textContent = next.title;
  strip.setAttribute('aria-label', stripLabel(next));
  summary.replaceChildren(...summaryParts(next).map(toDom));
  root.style.setProperty('--gutter', `${gutterWidth(layout)}px`);
  strip.style.height = `${layout.total * ROW_H}px`;
  boxes.replaceChildren(...boxParts(next, layout, cursorLine).map(toDom));
  const drawn = arrowParts(layout);
  arrows.setAttribute('width', drawn.width);
  arrows.setAttribute('height', drawn.height);
  arrows.replaceChildren(...drawn.children.map(toDom));
  if (current >= layout.total) current = -1;
  // One forced layout (drawRows reads where the strip is), after every write above.
  applyCursor(cursorLine, false, false);
  drawRows();
  document.body.dataset[onScreen !== undefined ? 'takeOverMs' : rest ? 'restMs' : 'renderMs'] = (
    performance.now() - started
  ).toFixed(1);
  if (onScreen !== undefined)
    vscode.postMessage({ type: 'painted', serial: nextSerial, received, shown: received, painted: onScreen, inDocument: true });
  else {
    const shown = Date.now();
    afterPaint(() => {
      vscode.postMessage({ type: 'painted', serial: nextSerial, received, shown, painted: Date.now() });
      pagePainted = true;
    });
  }
  holdUntilPainted();
}

/** Callbacks waiting for the paint of the frame they were queued in (see afterPaint). */
const afterPaintQueue: (() => void)[] = [];
/** One channel for the page's life: a port nothing refers to can be collected with its message. */
const paintChannel = new MessageChannel();
paintChannel.port1.onmessage = () => afterPaintQueue.shift()?.();

/**
 * Runs `then` once the next frame is on screen: a message posted from the frame's animation
 * callback is handled after that frame's paint (a second animation frame would wait a whole
 * frame more). The extension measures first paint up to here. While the document is loading,
 * VS Code keeps the page's frame hidden (it shows it on the window's `load`), so the frame
 * that counts is the first one after `load`. The bench's blank page (bench/stackViewPaint.ts)
 * reports its paint with a copy of this.
 */
function afterPaint(then: () => void): void {
  const next = () =>
    requestAnimationFrame(() => {
      afterPaintQueue.push(then);
      paintChannel.port2.postMessage(undefined);
    });
  if (document.readyState === 'complete') next();
  else window.addEventListener('load', next, { once: true });
}

/**
 * Renders the rows in sight (and the keyboard's row); called on scroll, resize and changes.
 * Until the page's first paint nothing has scrolled and the strip starts below the toolbar,
 * so rows from 0 to a window's height cover the screen: the first screen is drawn without
 * reading where the strip is (which would lay the page out in the middle of the script, and
 * again before the paint) and without the rows beyond it, which follow after that paint.
 */
function drawRows(): void {
  if (!picture || !layout) return;
  const top = pagePainted ? strip.getBoundingClientRect().top : 0;
  const overscan = pagePainted ? OVERSCAN : 0;
  const first = Math.max(0, Math.floor(-top / ROW_H) - overscan);
  const last = Math.min(layout.total - 1, Math.ceil((window.innerHeight - top) / ROW_H) + overscan);
  const key = `${serial}:${first}:${last}:${current}:${[...cursorRows].join(',')}`;
  if (key === rendered) return;
  rendered = key;
  const fragment = document.createDocumentFragment();
  const wanted = new Set<number>();
  for (let g = first; g <= last; g++) wanted.add(g);
  if (current >= 0) wanted.add(current);
  for (const g of wanted) {
    const at = layout.at(g);
    if (!at) continue;
    fragment.append(toDom(rowPart(picture, g, at.axis, at.row, { current, cursorRows })));
  }
  rows.replaceChildren(fragment);
  if (current >= 0) strip.setAttribute('aria-activedescendant', `row-${current}`);
  else strip.removeAttribute('aria-activedescendant');
}

// ---------------------------------------------------------------- the editor's cursor
function applyCursor(line: number, scroll: boolean, draw = true): void {
  cursorLine = line;
  cursorRows = new Set(layout?.rowsByLine.get(line) ?? []);
  for (const box of boxes.querySelectorAll<HTMLElement>('.frame, .ptregs'))
    box.classList.toggle('cursor', box.dataset.line === String(line));
  if (scroll && cursorRows.size > 0) scrollToRow(Math.min(...cursorRows));
  rendered = '';
  if (draw) drawRows();
}

function scrollToRow(g: number): void {
  const top = strip.getBoundingClientRect().top + window.scrollY + g * ROW_H;
  if (top < window.scrollY + 40 || top > window.scrollY + window.innerHeight - 60)
    window.scrollTo({ top: top - window.innerHeight / 3 });
}

// ---------------------------------------------------------------- keyboard
function rowCount(): number {
  return layout?.total ?? 0;
}

function move(to: number): void {
  if (!layout) return;
  let g = Math.max(0, Math.min(rowCount() - 1, to));
  const step = g >= current ? 1 : -1;
  while (g >= 0 && g < rowCount() && !layout.at(g)) g += step;
  if (g < 0 || g >= rowCount()) return;
  current = g;
  scrollToRow(g);
  rendered = '';
  drawRows();
  announce(g);
}

function announce(g: number): void {
  const at = layout?.at(g);
  if (!at || !picture) return;
  const row = picture.axes[at.axis].rows[at.row];
  status.textContent =
    row.kind === 'gap' ? `${row.words} words not dumped; ${row.command}` : describeRow(picture, row, at.axis, at.row);
  if (row.kind === 'slot' && row.line !== undefined) scheduleHover(row, document.getElementById(`row-${g}`));
}

/** Frames in walk order with the global row a jump lands on (the slot that named it, else its top). */
function frameStops(): { g: number; top: number; bottom: number }[] {
  if (!picture || !layout) return [];
  const stops: { g: number; top: number; bottom: number; level: number }[] = [];
  picture.axes.forEach((axis, a) =>
    axis.frames.forEach((f) =>
      stops.push({
        g: layout!.offsets[a] + (f.returnRow ?? f.bottomRow),
        top: layout!.offsets[a] + f.topRow,
        bottom: layout!.offsets[a] + f.bottomRow,
        level: f.level,
      }),
    ),
  );
  return stops.sort((x, y) => x.g - y.g);
}

strip.addEventListener('keydown', (event) => {
  if (!layout) return;
  const page = Math.max(1, Math.floor(window.innerHeight / ROW_H) - 2);
  const stops = frameStops();
  switch (event.key) {
    case 'ArrowDown':
      move(current < 0 ? 0 : current + 1);
      break;
    case 'ArrowUp':
      move(current < 0 ? 0 : current - 1);
      break;
    case 'PageDown':
      move(current + page);
      break;
    case 'PageUp':
      move(current - page);
      break;
    case 'Home':
      move(0);
      break;
    case 'End':
      move(rowCount() - 1);
      break;
    case 'ArrowRight': {
      // The next frame down the picture (an inner frame: lower addresses).
      const next = stops.find((s) => s.top > current) ?? stops[stops.length - 1];
      if (next) move(next.g);
      break;
    }
    case 'ArrowLeft': {
      const previous = [...stops].reverse().find((s) => s.bottom < current) ?? stops[0];
      if (previous) move(previous.g);
      break;
    }
    case 'Enter':
    case ' ':
      reveal(current, false);
      break;
    case 'Escape':
      card.hidden = true;
      break;
    default:
      return;
  }
  event.preventDefault();
});

strip.addEventListener('focus', () => {
  if (current < 0 && layout) move(layout.offsets[0] ?? 0);
});

// ---------------------------------------------------------------- mouse
function reveal(g: number, focus: boolean): void {
  const at = layout?.at(g);
  if (!at || !picture) return;
  const row = picture.axes[at.axis].rows[at.row];
  if (row.kind === 'slot' && row.line !== undefined)
    vscode.postMessage({ type: 'reveal', line: row.line, column: row.column ?? 0, focus });
}

root.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const command = target.closest<HTMLElement>('[data-command]');
  if (command?.dataset.command) {
    vscode.postMessage({ type: 'copyCommand', command: command.dataset.command });
    return;
  }
  if (target.closest('.action')) return;
  const bt = target.closest<HTMLElement>('.bt[data-line]');
  const row = target.closest<HTMLElement>('.row');
  const box = target.closest<HTMLElement>('.frame, .ptregs');
  if (bt) vscode.postMessage({ type: 'reveal', line: Number(bt.dataset.line), column: 0, focus: true });
  else if (row) {
    current = Number(row.dataset.row);
    rendered = '';
    drawRows();
    reveal(current, true);
  } else if (box?.dataset.line) vscode.postMessage({ type: 'reveal', line: Number(box.dataset.line), column: 0, focus: true });
});

saveButton.addEventListener('click', () => {
  if (picture && !isCut(picture)) vscode.postMessage({ type: 'saveSvg', svg: pictureToSvg(picture, palette()) });
});
copyButton.addEventListener('click', () => vscode.postMessage({ type: 'copyText' }));

rows.addEventListener('mouseover', (event) => {
  const rowEl = (event.target as HTMLElement).closest<HTMLElement>('.row');
  const at = rowEl && layout?.at(Number(rowEl.dataset.row));
  const row = at && picture?.axes[at.axis].rows[at.row];
  if (row && row.kind === 'slot' && row.line !== undefined) scheduleHover(row, rowEl);
});
rows.addEventListener('mouseleave', () => {
  clearTimeout(hoverTimer);
  card.hidden = true;
});

function scheduleHover(row: SlotRow, anchor: HTMLElement | null): void {
  clearTimeout(hoverTimer);
  hoverTimer = setTimeout(() => {
    if (row.line === undefined) return;
    hoverId++;
    // The card is the editor's own hover at the word the slot came from.
    vscode.postMessage({ type: 'hover', id: hoverId, line: row.line, column: (row.column ?? 0) + 1 });
    if (anchor) {
      const box = anchor.getBoundingClientRect();
      card.style.top = `${box.bottom + window.scrollY + 2}px`;
      card.style.left = `${Math.max(8, box.left + window.scrollX + 40)}px`;
      anchor.setAttribute('aria-describedby', 'hover-card');
    }
  }, 350);
}

/** A small, safe Markdown subset: paragraphs, `code`, **bold**, rules; links keep their text. */
function renderMarkdown(markdown: string[]): void {
  card.replaceChildren();
  for (const block of markdown.join('\n\n').split(/\n{2,}/)) {
    if (/^\s*(?:---|\*\*\*)\s*$/.test(block)) {
      card.append(element('hr', ''));
      continue;
    }
    const p = element('p', '');
    const text = block.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    for (const part of text.split(/(`[^`]+`|\*\*[^*]+\*\*)/)) {
      if (!part) continue;
      if (part.startsWith('`')) p.append(Object.assign(element('code', ''), { textContent: part.slice(1, -1) }));
      else if (part.startsWith('**')) p.append(Object.assign(element('strong', ''), { textContent: part.slice(2, -2) }));
      else p.append(document.createTextNode(part));
    }
    card.append(p);
  }
  card.hidden = markdown.length === 0;
}

// ---------------------------------------------------------------- theme
function palette(): Palette {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--vscode-editor-background', '#ffffff'),
    foreground: v('--vscode-editor-foreground', '#000000'),
    muted: v('--vscode-descriptionForeground', '#717171'),
    border: v('--vscode-focusBorder', '#0078d4'),
    returnAddress: v('--vscode-symbolIcon-functionForeground', '#b180d7'),
    framePointer: v('--vscode-charts-blue', '#3794ff'),
    stale: v('--vscode-disabledForeground', '#888888'),
    ptRegs: v('--vscode-charts-orange', '#d18616'),
    gap: v('--vscode-descriptionForeground', '#717171'),
    differs: v('--vscode-editorWarning-foreground', '#bf8803'),
    font: v('--vscode-editor-font-family', 'monospace'),
  };
}

// ---------------------------------------------------------------- messages
/** Takes a host message; `onScreen`: it is the document's first message, whose first screen was painted then. */
function receive(data: unknown, received: number, onScreen?: number): void {
  const message = parseHostMessage(data);
  if (!message) return;
  // An older answer that comes after a newer one is shown (the extension stops posting it, but one may be on its way).
  if ((message.type === 'picture' || message.type === 'empty') && message.serial < serial) return;
  switch (message.type) {
    case 'picture':
      document.body.dataset.document = message.document;
      show(message.picture, message.serial, received, onScreen);
      break;
    case 'empty':
      document.body.dataset.document = message.document;
      picture = undefined;
      layout = undefined;
      offerSave(undefined);
      serial = message.serial;
      title.textContent = message.message;
      summary.replaceChildren();
      boxes.replaceChildren();
      rows.replaceChildren();
      arrows.replaceChildren();
      strip.style.height = '0px';
      dropFirstScreenStyle();
      if (onScreen !== undefined)
        vscode.postMessage({
          type: 'painted',
          serial: message.serial,
          received,
          shown: received,
          painted: onScreen,
          inDocument: true,
        });
      else
        afterPaint(() =>
          vscode.postMessage({ type: 'painted', serial: message.serial, received, shown: received, painted: Date.now() }),
        );
      break;
    case 'cursor':
      applyCursor(message.line, true);
      break;
    case 'hoverResult':
      if (message.id === hoverId) renderMarkdown(message.markdown);
      break;
    case 'timing':
      if (message.serial === serial) {
        document.body.dataset.stages = message.stages.map(([stage, ms]) => `${stage} ${ms.toFixed(0)} ms`).join(', ');
        document.body.dataset.firstPaintMs = message.firstPaintMs.toFixed(1);
      }
      break;
  }
}
/**
 * Messages that come while a picture is drawn but not on screen yet: the whole picture after
 * its first rows, and the cursor. Handled after that paint, so that checking and drawing
 * 8,192 rows never delays the first screen.
 */
let held: [unknown, number][] | undefined;

function holdUntilPainted(): void {
  if (held) return;
  held = [];
  afterPaint(() => {
    const messages = held ?? [];
    held = undefined;
    // A picture among them holds the ones after it in turn.
    for (const [data, received] of messages) deliver(data, received);
    // The rows beyond the first screen, unless a picture delivered above waits for its own paint
    // (drawRows does nothing when the rows it would draw are drawn already).
    if (!held) drawRows();
  });
}

function deliver(data: unknown, received: number): void {
  if (held) held.push([data, received]);
  else receive(data, received);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => deliver(event.data, Date.now()));

let scheduled = false;
const onScroll = () => {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    drawRows();
  });
};
window.addEventListener('scroll', onScroll, { passive: true });
window.addEventListener('resize', onScroll);
/** The first answer, when the extension had it before the page's document. */
function firstMessage(): unknown {
  try {
    const text = document.getElementById(FIRST_MESSAGE_ID)?.textContent;
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined; // not JSON: nothing to draw, as for a message that fails its checks
  }
}
if (fromDocument) {
  // The document drew its first screen, and VS Code shows the page on its `load`: the script
  // takes the screen over after that first paint (drawing it again, the same elements), and
  // what comes meanwhile waits for it.
  held = [];
  afterPaint(() => {
    const painted = Date.now();
    const messages = held ?? [];
    held = undefined;
    pagePainted = true;
    const first = firstMessage();
    if (first !== undefined) receive(first, scriptStarted, painted);
    for (const [data, received] of messages) deliver(data, received);
    if (!held) drawRows();
  });
} else {
  const first = firstMessage();
  if (first !== undefined) receive(first, Date.now());
}
// The extension does not wait for this (its messages are kept until the page has loaded): it times the page's boot.
vscode.postMessage({ type: 'ready', loading: performance.timeOrigin, booted: scriptStarted });
