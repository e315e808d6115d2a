// The Stack view's page: draws the picture the extension sends, only the rows in
// sight (a 64 KiB stack is 8192 rows), frame boxes, pt_regs and arrows on one strip;
// keyboard navigation, screen-reader labels, hover cards and the cursor's highlight.
// Everything it receives is checked (parseHostMessage); it sends only typed messages.
import { layoutPicture, HEADER_ROWS, type PictureLayout } from '../../../client/src/stackView/layout';
import { FIRST_MESSAGE_ID, parseHostMessage, type ViewMessage } from '../../../client/src/stackView/messages';
import { pictureToSvg, type Palette } from '../../../client/src/stackView/svg';
import type { FrameBox, PictureRow, SlotRow, StackPicture } from '../../../protocol/src';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const scriptStarted = Date.now();
const vscode = acquireVsCodeApi();
const ROW_H = 20;
const LANE_W = 12;
const OVERSCAN = 30;

const root = document.getElementById('stack-view')!;
const toolbar = element('div', 'toolbar');
const title = element('h1', 'title');
const saveButton = button('Save as SVG', 'Save the whole picture as an SVG file');
const copyButton = button('Copy as text', 'Copy the picture as an ASCII drawing');
toolbar.append(title, saveButton, copyButton);
const summary = element('div', 'summary');
const legend = element('div', 'legend');
legend.setAttribute('aria-hidden', 'true');
for (const [cls, text] of [
  ['role-return', 'return address / LR'],
  ['role-saved-fp', 'saved frame pointer'],
  ['role-pt-regs', 'pt_regs'],
  ['role-stale', 'stale (not a frame)'],
  ['gap', 'not dumped'],
]) {
  const item = element('span', `legend-item ${cls}`);
  item.textContent = text;
  legend.append(item);
}
const strip = element('div', 'strip');
strip.tabIndex = 0;
strip.setAttribute('role', 'listbox');
const arrows = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
arrows.classList.add('arrows');
arrows.setAttribute('aria-hidden', 'true');
const boxes = element('div', 'boxes');
const rows = element('div', 'rows');
strip.append(arrows, boxes, rows);
const card = element('div', 'card');
card.setAttribute('role', 'tooltip');
card.id = 'hover-card';
card.hidden = true;
const status = element('div', 'status');
status.setAttribute('aria-live', 'polite');
status.setAttribute('role', 'status');
root.append(toolbar, summary, legend, strip, card, status);
// What the view shows while the server answers (a new page boots beside the request).
title.textContent = 'Walking the stack…';

let picture: StackPicture | undefined;
let layout: PictureLayout | undefined;
let serial = -1;
/** Global row the keyboard is on. */
let current = -1;
let cursorRows = new Set<number>();
let cursorLine = -1;
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

function button(text: string, label: string): HTMLButtonElement {
  const b = element('button', 'action');
  b.type = 'button';
  b.textContent = text;
  b.title = label;
  return b;
}

// ---------------------------------------------------------------- drawing
function show(next: StackPicture, nextSerial: number, received: number): void {
  const started = performance.now();
  // The same serial again: the whole picture after the first rows a new page drew first.
  const rest = nextSerial === serial && picture !== undefined;
  picture = next;
  layout = layoutPicture(next);
  serial = nextSerial;
  rendered = '';
  title.textContent = next.title;
  strip.setAttribute(
    'aria-label',
    `${next.title}: arrow keys move between slots, Page Up/Down by a page, left and right arrows between frames, Enter shows the line in the transcript`,
  );
  drawSummary(next);
  const gutter = 16 + layout.lanes * LANE_W;
  root.style.setProperty('--gutter', `${gutter}px`);
  strip.style.height = `${layout.total * ROW_H}px`;
  drawBoxes(next, layout);
  drawArrows(layout, gutter);
  if (current >= layout.total) current = -1;
  // One forced layout (drawRows reads where the strip is), after every write above.
  applyCursor(cursorLine, false, false);
  drawRows();
  document.body.dataset[rest ? 'restMs' : 'renderMs'] = (performance.now() - started).toFixed(1);
  const shown = Date.now();
  afterPaint(() => {
    vscode.postMessage({ type: 'painted', serial: nextSerial, received, shown, painted: Date.now() });
    pagePainted = true;
  });
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
 * that counts is the first one after `load`.
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

function drawSummary(p: StackPicture): void {
  summary.replaceChildren();
  const stop = element('p', 'stop');
  stop.textContent = `Stopped: ${p.stop.reason}`;
  summary.append(stop);
  if (p.stop.command) summary.append(commandButton(p.stop.command, 'to go on'));
  if (p.firstDifference) {
    const diff = element('p', 'first-difference');
    diff.textContent = `First difference from crash's bt: ${p.firstDifference}`;
    summary.append(diff);
  }
  for (const c of p.commands.slice(0, 6)) summary.append(commandButton(c, 'to name or size more frames'));
}

function commandButton(command: string, why: string): HTMLButtonElement {
  const b = button(`Copy "${command}"`, `Copy the crash command ${why}`);
  b.classList.add('command');
  b.dataset.command = command;
  return b;
}

function drawBoxes(p: StackPicture, l: PictureLayout): void {
  boxes.replaceChildren();
  p.axes.forEach((axis, a) => {
    const header = element('div', 'axis-header');
    header.style.top = `${(l.offsets[a] - HEADER_ROWS) * ROW_H}px`;
    const name = element('div', `axis-label axis-${axis.kind}`);
    name.textContent = `${axis.label}`;
    const range = element('div', 'axis-range');
    range.textContent = `${axis.base} .. ${axis.top}${axis.known ? '' : ' (assumed)'} · high addresses on top`;
    header.append(name, range);
    boxes.append(header);
    axis.frames.forEach((f, i) => boxes.append(frameElement(f, a, i, l)));
    for (const regs of axis.ptRegs) {
      const box = element('div', 'ptregs');
      box.style.top = `${(l.offsets[a] + regs.topRow) * ROW_H}px`;
      box.style.height = `${(regs.bottomRow - regs.topRow + 1) * ROW_H}px`;
      // The title copies the command that dumps the rest of pt_regs, where some is missing:
      // a button of its own would cover the slots of a box only a row or two high.
      const head = regs.command ? commandButton(regs.command, 'that dumps the rest of pt_regs') : element('div', '');
      head.classList.add('ptregs-title');
      head.textContent = `pt_regs ${regs.address}`;
      if (regs.command) head.title = `Copy "${regs.command}": the rest of pt_regs`;
      box.append(head);
      box.title = regs.registers.map((r) => `${r.name} = ${r.value}`).join('\n');
      if (regs.line !== undefined) box.dataset.line = String(regs.line);
      box.setAttribute(
        'aria-label',
        `pt_regs at ${regs.address}: ${regs.registers.map((r) => `${r.name} ${r.value}`).join(', ')}`,
      );
      boxes.append(box);
    }
  });
}

function frameElement(f: FrameBox, a: number, i: number, l: PictureLayout): HTMLElement {
  const box = element('div', `frame method-${f.method} confidence-${f.confidence}`);
  if (f.bt && f.bt.status !== 'agrees') box.classList.add('bt-differs');
  if (f.bt?.first) box.classList.add('bt-first');
  box.id = `frame-${a}-${i}`;
  box.style.top = `${(l.offsets[a] + f.topRow) * ROW_H}px`;
  box.style.height = `${(f.bottomRow - f.topRow + 1) * ROW_H}px`;
  box.dataset.level = String(f.level);
  box.dataset.name = f.name;
  if (f.line !== undefined) box.dataset.line = String(f.line);
  const name = element('div', 'frame-name');
  name.textContent = `#${f.level} ${f.name}${f.module ? ` [${f.module}]` : ''}`;
  const how = element('div', 'frame-how');
  how.textContent = f.how;
  box.append(name, how);
  if (f.bt) {
    const bt = element('div', 'frame-bt');
    bt.textContent = `${f.bt.first ? 'first difference: ' : ''}${f.bt.text}`;
    box.append(bt);
  }
  box.title = [`#${f.level} ${f.name}`, `found by ${f.how}`, f.bt?.text, ...f.notes].filter(Boolean).join('\n');
  box.setAttribute('aria-label', `frame ${f.level} ${f.name}, ${f.how}${f.bt ? `, ${f.bt.text}` : ''}`);
  return box;
}

function drawArrows(l: PictureLayout, gutter: number): void {
  arrows.replaceChildren();
  arrows.setAttribute('width', String(gutter));
  arrows.setAttribute('height', String(l.total * ROW_H));
  const ns = 'http://www.w3.org/2000/svg';
  const defs = document.createElementNS(ns, 'defs');
  for (const kind of ['link', 'switch']) {
    const marker = document.createElementNS(ns, 'marker');
    marker.id = `head-${kind}`;
    for (const [k, v] of Object.entries({
      viewBox: '0 0 8 8',
      refX: '7',
      refY: '4',
      markerWidth: '7',
      markerHeight: '7',
      orient: 'auto',
    }))
      marker.setAttribute(k, v);
    const head = document.createElementNS(ns, 'path');
    head.setAttribute('d', 'M0,0 L8,4 L0,8 z');
    head.classList.add(`head-${kind}`);
    marker.append(head);
    defs.append(marker);
  }
  arrows.append(defs);
  for (const arrow of l.arrows) {
    const x = gutter - 10 - arrow.lane * LANE_W;
    const y1 = arrow.from * ROW_H + ROW_H / 2;
    const y2 = arrow.to * ROW_H + ROW_H / 2;
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', `M${gutter - 2},${y1} H${x} V${y2} H${gutter - 2}`);
    path.classList.add(arrow.kind);
    path.setAttribute('marker-end', `url(#head-${arrow.kind})`);
    path.dataset.from = String(arrow.from);
    path.dataset.to = String(arrow.to);
    if (arrow.label) {
      const t = document.createElementNS(ns, 'title');
      t.textContent = arrow.label;
      path.append(t);
    }
    arrows.append(path);
  }
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
    fragment.append(rowElement(picture.axes[at.axis].rows[at.row], g, at.axis, at.row));
  }
  rows.replaceChildren(fragment);
  if (current >= 0) strip.setAttribute('aria-activedescendant', `row-${current}`);
  else strip.removeAttribute('aria-activedescendant');
}

function rowElement(row: PictureRow, g: number, a: number, r: number): HTMLElement {
  const e = element('div', 'row');
  e.id = `row-${g}`;
  e.style.top = `${g * ROW_H}px`;
  e.setAttribute('role', 'option');
  e.dataset.row = String(g);
  if (g === current) {
    e.classList.add('current');
    e.setAttribute('aria-selected', 'true');
  }
  if (cursorRows.has(g)) e.classList.add('cursor');
  if (row.kind === 'gap') {
    e.classList.add('gap');
    const text = element('span', 'gap-text');
    text.textContent = `⋯ ${row.words} words not dumped (${row.from} .. ${row.to})${row.stop ? ' — the walk stops here' : ''}`;
    e.append(text, commandButton(row.command, 'that dumps these words'));
    e.setAttribute(
      'aria-label',
      `${row.words} words not dumped from ${row.from}${row.stop ? ', the walk stops here' : ''}; crash command ${row.command}`,
    );
    return e;
  }
  e.classList.add(`role-${row.role}`);
  if (row.value === undefined) e.classList.add('missing');
  const address = element('span', 'address');
  address.textContent = row.address;
  const value = element('span', 'value');
  value.textContent = row.value ?? 'not dumped';
  const label = element('span', 'label');
  label.textContent = row.label ?? '';
  e.append(address, value, label);
  if (row.command) e.append(commandButton(row.command, 'that dumps this slot'));
  const mark = picture!.axes[a].bt.find((m) => m.row === r);
  if (mark) {
    const bt = element('span', `bt${mark.agrees ? ' agrees' : ' differs'}${mark.first ? ' first' : ''}`);
    bt.textContent = `${mark.first ? '▶ ' : ''}bt #${mark.level} ${mark.function}`;
    bt.dataset.line = String(mark.line);
    e.append(bt);
  }
  if (row.line !== undefined) e.dataset.line = String(row.line);
  if (row.column !== undefined) e.dataset.column = String(row.column);
  e.setAttribute('aria-label', describeRow(row, a, r));
  return e;
}

function frameOf(a: number, r: number): FrameBox | undefined {
  const row = picture!.axes[a].rows[r];
  return row.kind === 'slot' && row.frame !== undefined ? picture!.axes[a].frames[row.frame] : undefined;
}

function describeRow(row: SlotRow, a: number, r: number): string {
  const frame = frameOf(a, r);
  const parts = [`slot ${row.address}`, row.value !== undefined ? `value ${row.value}` : 'not dumped'];
  if (row.label) parts.push(row.label);
  if (frame) parts.push(`in frame ${frame.level} ${frame.name}`);
  const mark = picture!.axes[a].bt.find((m) => m.row === r);
  if (mark) parts.push(`crash bt frame ${mark.level} ${mark.function}${mark.agrees ? '' : ', differs'}`);
  return parts.join(', ');
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
  status.textContent = row.kind === 'gap' ? `${row.words} words not dumped; ${row.command}` : describeRow(row, at.axis, at.row);
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
  if (picture) vscode.postMessage({ type: 'saveSvg', svg: pictureToSvg(picture, palette()) });
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
function receive(data: unknown, received: number): void {
  const message = parseHostMessage(data);
  if (!message) return;
  // An older answer that comes after a newer one is shown (the extension stops posting it, but one may be on its way).
  if ((message.type === 'picture' || message.type === 'empty') && message.serial < serial) return;
  switch (message.type) {
    case 'picture':
      document.body.dataset.document = message.document;
      show(message.picture, message.serial, received);
      break;
    case 'empty':
      document.body.dataset.document = message.document;
      picture = undefined;
      layout = undefined;
      serial = message.serial;
      title.textContent = message.message;
      summary.replaceChildren();
      boxes.replaceChildren();
      rows.replaceChildren();
      arrows.replaceChildren();
      strip.style.height = '0px';
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
// The first answer, when the extension had it before the page's document: drawn as the script runs.
const firstMessage = document.getElementById(FIRST_MESSAGE_ID)?.textContent;
if (firstMessage) {
  try {
    receive(JSON.parse(firstMessage), Date.now());
  } catch {
    // not JSON: nothing to draw, as for a message that fails its checks
  }
}
// The extension does not wait for this (its messages are kept until the page has loaded): it times the page's boot.
vscode.postMessage({ type: 'ready', loading: performance.timeOrigin, booted: scriptStarted });
