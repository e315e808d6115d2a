// The Stack view's elements as plain descriptions: the page turns them into DOM nodes as it
// draws, and the extension writes the same ones as HTML into a new page's document (its first
// screen, shown before any script runs). One builder for both, so the page's script takes
// over a first screen identical to what it draws itself. No DOM, no VS Code.
import type { FrameBox, SlotRow, StackPicture } from '../../../protocol/src';
import { HEADER_ROWS, layoutPicture, type PictureLayout } from './layout';

export const ROW_H = 20;
export const LANE_W = 12;
/** What a new page says until the server's answer comes. */
export const WAITING_TITLE = 'Walking the stack…';

export interface El {
  tag: string;
  /** An SVG element (the page makes it in the SVG namespace; HTML parsing puts it there). */
  svg?: boolean;
  attrs: Record<string, string>;
  /** Inline style (in a document, a rule of its nonce'd style block: the policy allows no style attributes). */
  style?: Record<string, string>;
  text?: string;
  children: El[];
}

function el(tag: string, className?: string, children: El[] = [], text?: string): El {
  return { tag, attrs: className ? { class: className } : {}, children, text };
}

function svgEl(tag: string, attrs: Record<string, string>, children: El[] = []): El {
  return { tag, svg: true, attrs, children };
}

/** What the page shows before a picture and around one: toolbar, summary, legend, the strip, the hover card, a live status. */
export function skeleton(title: string): El[] {
  const legend = el(
    'div',
    'legend',
    (
      [
        ['role-return', 'return address / LR'],
        ['role-saved-fp', 'saved frame pointer'],
        ['role-pt-regs', 'pt_regs'],
        ['role-stale', 'stale (not a frame)'],
        ['gap', 'not dumped'],
      ] as const
    ).map(([cls, text]) => el('span', `legend-item ${cls}`, [], text)),
  );
  legend.attrs['aria-hidden'] = 'true';
  const strip = el('div', 'strip', [
    svgEl('svg', { class: 'arrows', 'aria-hidden': 'true' }),
    el('div', 'boxes'),
    el('div', 'rows'),
  ]);
  Object.assign(strip.attrs, { id: 'strip', tabindex: '0', role: 'listbox' });
  const card = el('div', 'card');
  Object.assign(card.attrs, { id: 'hover-card', role: 'tooltip', hidden: '' });
  const status = el('div', 'status');
  Object.assign(status.attrs, { 'aria-live': 'polite', role: 'status' });
  return [
    el('div', 'toolbar', [
      el('h1', 'title', [], title),
      button('Save as SVG', 'Save the whole picture as an SVG file', 'save-svg'),
      button('Copy as text', 'Copy the picture as an ASCII drawing', 'copy-text'),
    ]),
    el('div', 'summary'),
    legend,
    strip,
    card,
    status,
  ];
}

function button(text: string, label: string, action: string): El {
  const b = el('button', `action ${action}`, [], text);
  Object.assign(b.attrs, { type: 'button', title: label });
  return b;
}

/** The strip's label for screen readers: how to move in it. */
export function stripLabel(p: StackPicture): string {
  return `${p.title}: arrow keys move between slots, Page Up/Down by a page, left and right arrows between frames, Enter shows the line in the transcript`;
}

/** Width of the left gutter where the arrows run (px). */
export function gutterWidth(l: PictureLayout): number {
  return 16 + l.lanes * LANE_W;
}

export function summary(p: StackPicture): El[] {
  const parts = [el('p', 'stop', [], `Stopped: ${p.stop.reason}`)];
  if (p.stop.command) parts.push(commandButton(p.stop.command, 'to go on'));
  if (p.firstDifference) parts.push(el('p', 'first-difference', [], `First difference from crash's bt: ${p.firstDifference}`));
  for (const c of p.commands.slice(0, 6)) parts.push(commandButton(c, 'to name or size more frames'));
  return parts;
}

export function commandButton(command: string, why: string): El {
  const b = button(`Copy "${command}"`, `Copy the crash command ${why}`, 'command');
  b.attrs['data-command'] = command;
  return b;
}

/** Axis headers, frame boxes and pt_regs boxes; `cursorLine` marks the boxes of the editor's line. */
export function boxes(p: StackPicture, l: PictureLayout, cursorLine: number): El[] {
  const out: El[] = [];
  p.axes.forEach((axis, a) => {
    const header = el('div', 'axis-header', [
      el('div', `axis-label axis-${axis.kind}`, [], axis.label),
      el('div', 'axis-range', [], `${axis.base} .. ${axis.top}${axis.known ? '' : ' (assumed)'} · high addresses on top`),
    ]);
    header.attrs.id = `axis-${a}`;
    header.style = { top: `${(l.offsets[a] - HEADER_ROWS) * ROW_H}px` };
    out.push(header);
    axis.frames.forEach((f, i) => out.push(frameBox(f, a, i, l, cursorLine)));
    axis.ptRegs.forEach((regs, k) => {
      // The title copies the command that dumps the rest of pt_regs, where some is missing:
      // a button of its own would cover the slots of a box only a row or two high.
      const head = regs.command ? commandButton(regs.command, 'that dumps the rest of pt_regs') : el('div', '');
      head.attrs.class = `${head.attrs.class ?? ''} ptregs-title`.trim();
      head.text = `pt_regs ${regs.address}`;
      if (regs.command) head.attrs.title = `Copy "${regs.command}": the rest of pt_regs`;
      const box = el('div', 'ptregs', [head]);
      box.attrs.id = `ptregs-${a}-${k}`;
      box.style = { top: `${(l.offsets[a] + regs.topRow) * ROW_H}px`, height: `${(regs.bottomRow - regs.topRow + 1) * ROW_H}px` };
      box.attrs.title = regs.registers.map((r) => `${r.name} = ${r.value}`).join('\n');
      if (regs.line !== undefined) box.attrs['data-line'] = String(regs.line);
      if (regs.line !== undefined && regs.line === cursorLine) box.attrs.class += ' cursor';
      box.attrs['aria-label'] = `pt_regs at ${regs.address}: ${regs.registers.map((r) => `${r.name} ${r.value}`).join(', ')}`;
      out.push(box);
    });
  });
  return out;
}

function frameBox(f: FrameBox, a: number, i: number, l: PictureLayout, cursorLine: number): El {
  const classes = [`frame method-${f.method} confidence-${f.confidence}`];
  if (f.bt && f.bt.status !== 'agrees') classes.push('bt-differs');
  if (f.bt?.first) classes.push('bt-first');
  if (f.line !== undefined && f.line === cursorLine) classes.push('cursor');
  const children = [
    el('div', 'frame-name', [], `#${f.level} ${f.name}${f.module ? ` [${f.module}]` : ''}`),
    el('div', 'frame-how', [], f.how),
  ];
  if (f.bt) children.push(el('div', 'frame-bt', [], `${f.bt.first ? 'first difference: ' : ''}${f.bt.text}`));
  const box = el('div', classes.join(' '), children);
  box.attrs.id = `frame-${a}-${i}`;
  box.style = { top: `${(l.offsets[a] + f.topRow) * ROW_H}px`, height: `${(f.bottomRow - f.topRow + 1) * ROW_H}px` };
  box.attrs['data-level'] = String(f.level);
  box.attrs['data-name'] = f.name;
  if (f.line !== undefined) box.attrs['data-line'] = String(f.line);
  box.attrs.title = [`#${f.level} ${f.name}`, `found by ${f.how}`, f.bt?.text, ...f.notes].filter(Boolean).join('\n');
  box.attrs['aria-label'] = `frame ${f.level} ${f.name}, ${f.how}${f.bt ? `, ${f.bt.text}` : ''}`;
  return box;
}

/** The arrows' SVG: its size and its children (the arrow heads, then one path per arrow). */
export function arrows(l: PictureLayout): { width: string; height: string; children: El[] } {
  const gutter = gutterWidth(l);
  const markers = (['link', 'switch'] as const).map((kind) =>
    svgEl(
      'marker',
      { id: `head-${kind}`, viewBox: '0 0 8 8', refX: '7', refY: '4', markerWidth: '7', markerHeight: '7', orient: 'auto' },
      [svgEl('path', { d: 'M0,0 L8,4 L0,8 z', class: `head-${kind}` })],
    ),
  );
  const children = [svgEl('defs', {}, markers)];
  for (const arrow of l.arrows) {
    const x = gutter - 10 - arrow.lane * LANE_W;
    const y1 = arrow.from * ROW_H + ROW_H / 2;
    const y2 = arrow.to * ROW_H + ROW_H / 2;
    const path = svgEl('path', {
      d: `M${gutter - 2},${y1} H${x} V${y2} H${gutter - 2}`,
      class: arrow.kind,
      'marker-end': `url(#head-${arrow.kind})`,
      'data-from': String(arrow.from),
      'data-to': String(arrow.to),
    });
    if (arrow.label) path.children.push({ tag: 'title', svg: true, attrs: {}, children: [], text: arrow.label });
    children.push(path);
  }
  return { width: String(gutter), height: String(l.total * ROW_H), children };
}

/** What the page knows of a row besides the picture: the keyboard's row and the rows of the editor's line. */
export interface RowState {
  current: number;
  cursorRows: ReadonlySet<number>;
}

/** Row `g` of the strip (row `r` of axis `a`). */
export function row(picture: StackPicture, g: number, a: number, r: number, state: RowState): El {
  const data = picture.axes[a].rows[r];
  const e = el('div', 'row');
  Object.assign(e.attrs, { id: `row-${g}`, role: 'option', 'data-row': String(g) });
  e.style = { top: `${g * ROW_H}px` };
  const classes = ['row'];
  if (g === state.current) {
    classes.push('current');
    e.attrs['aria-selected'] = 'true';
  }
  if (state.cursorRows.has(g)) classes.push('cursor');
  if (data.kind === 'gap') {
    classes.push('gap');
    e.attrs.class = classes.join(' ');
    e.children.push(
      el(
        'span',
        'gap-text',
        [],
        `⋯ ${data.words} words not dumped (${data.from} .. ${data.to})${data.stop ? ' — the walk stops here' : ''}`,
      ),
      commandButton(data.command, 'that dumps these words'),
    );
    e.attrs['aria-label'] =
      `${data.words} words not dumped from ${data.from}${data.stop ? ', the walk stops here' : ''}; crash command ${data.command}`;
    return e;
  }
  classes.push(`role-${data.role}`);
  if (data.value === undefined) classes.push('missing');
  e.attrs.class = classes.join(' ');
  e.children.push(
    el('span', 'address', [], data.address),
    el('span', 'value', [], data.value ?? 'not dumped'),
    el('span', 'label', [], data.label ?? ''),
  );
  if (data.command) e.children.push(commandButton(data.command, 'that dumps this slot'));
  const mark = picture.axes[a].bt.find((m) => m.row === r);
  if (mark) {
    const bt = el(
      'span',
      `bt${mark.agrees ? ' agrees' : ' differs'}${mark.first ? ' first' : ''}`,
      [],
      `${mark.first ? '▶ ' : ''}bt #${mark.level} ${mark.function}`,
    );
    bt.attrs['data-line'] = String(mark.line);
    e.children.push(bt);
  }
  if (data.line !== undefined) e.attrs['data-line'] = String(data.line);
  if (data.column !== undefined) e.attrs['data-column'] = String(data.column);
  e.attrs['aria-label'] = describeRow(picture, data, a, r);
  return e;
}

/** The frame a slot belongs to. */
export function frameOf(picture: StackPicture, a: number, r: number): FrameBox | undefined {
  const data = picture.axes[a].rows[r];
  return data.kind === 'slot' && data.frame !== undefined ? picture.axes[a].frames[data.frame] : undefined;
}

/** A slot as a screen reader says it. */
export function describeRow(picture: StackPicture, data: SlotRow, a: number, r: number): string {
  const frame = frameOf(picture, a, r);
  const parts = [`slot ${data.address}`, data.value !== undefined ? `value ${data.value}` : 'not dumped'];
  if (data.label) parts.push(data.label);
  if (frame) parts.push(`in frame ${frame.level} ${frame.name}`);
  const mark = picture.axes[a].bt.find((m) => m.row === r);
  if (mark) parts.push(`crash bt frame ${mark.level} ${mark.function}${mark.agrees ? '' : ', differs'}`);
  return parts.join(', ');
}

/** Rows `first..last` of the strip that have arrived (header rows and rows not received yet have none). */
export function rows(picture: StackPicture, l: PictureLayout, first: number, last: number, state: RowState): El[] {
  const out: El[] = [];
  for (let g = first; g <= last; g++) {
    const at = l.at(g);
    if (at) out.push(row(picture, g, at.axis, at.row, state));
  }
  return out;
}

/** The page's root element: its parts, the gutter's width, the editor's line it highlights. */
function root(children: El[], cursorLine: number, gutter?: number): El {
  const e = el('div', undefined, children);
  Object.assign(e.attrs, { id: 'stack-view', 'data-cursor-line': String(cursorLine) });
  if (gutter !== undefined) e.style = { '--gutter': `${gutter}px` };
  return e;
}

/**
 * Rows a new page's document draws: a screen 1,300 px high below the toolbar (each row is work
 * for the first paint: parsing, style, layout; the script draws the rest as it takes over).
 */
export const FIRST_SCREEN_DRAWN_ROWS = 60;

/**
 * A new page's first screen, as the page draws it before its first paint: the picture's
 * title, summary, boxes, arrows and its first rows, the editor's line highlighted; without a
 * picture, what the page shows instead (`title`).
 */
export function firstScreen(picture: StackPicture | undefined, title: string, cursorLine: number): El {
  if (!picture) return root(skeleton(title), cursorLine);
  const l = layoutPicture(picture);
  const parts = skeleton(picture.title);
  const [, summaryPart, , strip] = parts;
  summaryPart.children = summary(picture);
  strip.attrs['aria-label'] = stripLabel(picture);
  strip.style = { height: `${l.total * ROW_H}px` };
  const [svg, boxesPart, rowsPart] = strip.children;
  const drawn = arrows(l);
  Object.assign(svg.attrs, { width: drawn.width, height: drawn.height });
  svg.children = drawn.children;
  boxesPart.children = boxes(picture, l, cursorLine);
  const state = { current: -1, cursorRows: new Set(l.rowsByLine.get(cursorLine) ?? []) };
  rowsPart.children = rows(picture, l, 0, Math.min(l.total, FIRST_SCREEN_DRAWN_ROWS) - 1, state);
  return root(parts, cursorLine, gutterWidth(l));
}
