// Messages between the Stack view's webview and the extension, with the checks both
// sides run on what they receive: a webview is a page, and a page's messages are input.
import type { StackPicture } from '../../../protocol/src';

/** Webview → extension. */
export type ViewMessage =
  | { type: 'ready' }
  /** Move the transcript's cursor to where a slot or frame came from; `focus` gives the editor the focus. */
  | { type: 'reveal'; line: number; column: number; focus: boolean }
  | { type: 'hover'; id: number; line: number; column: number }
  | { type: 'saveSvg'; svg: string }
  | { type: 'copyText' }
  | { type: 'copyCommand'; command: string }
  /** The picture is on screen (after the first frame that shows it). */
  | { type: 'painted'; serial: number };

/** Extension → webview. */
export type HostMessage =
  | { type: 'picture'; serial: number; picture: StackPicture; document: string }
  | { type: 'empty'; serial: number; message: string; document: string }
  | { type: 'cursor'; line: number }
  | { type: 'hoverResult'; id: number; markdown: string[] }
  /** From the request to the picture on screen, and the server's part of it. */
  | { type: 'timing'; serial: number; firstPaintMs: number; requestMs: number };

/** Largest SVG the extension accepts from the view (a 64 KiB stack draws to a few MB). */
export const MAX_SVG_BYTES = 32 * 1024 * 1024;
/** The commands a view may ask to copy: crash commands the picture itself proposes. */
const CRASH_COMMAND = /^(?:rd -x|dis -l|dis|struct pt_regs -x) [0-9a-zA-Z_.+x]{1,64}(?: \d{1,6})?$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLine = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1e9;

export function parseViewMessage(raw: unknown): ViewMessage | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
    case 'copyText':
      return { type: raw.type };
    case 'reveal':
      return isLine(raw.line) && isLine(raw.column) && typeof raw.focus === 'boolean'
        ? { type: 'reveal', line: raw.line, column: raw.column, focus: raw.focus }
        : undefined;
    case 'hover':
      return isLine(raw.id) && isLine(raw.line) && isLine(raw.column)
        ? { type: 'hover', id: raw.id, line: raw.line, column: raw.column }
        : undefined;
    case 'saveSvg':
      return typeof raw.svg === 'string' &&
        raw.svg.length <= MAX_SVG_BYTES &&
        /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(raw.svg)
        ? { type: 'saveSvg', svg: raw.svg }
        : undefined;
    case 'copyCommand':
      return typeof raw.command === 'string' && CRASH_COMMAND.test(raw.command)
        ? { type: 'copyCommand', command: raw.command }
        : undefined;
    case 'painted':
      return isLine(raw.serial) ? { type: 'painted', serial: raw.serial } : undefined;
    default:
      return undefined;
  }
}

/** Shape check of a picture: enough that the view can draw it without reading past an array. */
function isPicture(v: unknown): v is StackPicture {
  if (!isObject(v) || !Array.isArray(v.axes) || typeof v.title !== 'string' || !Array.isArray(v.switches)) return false;
  return v.axes.every(
    (a) =>
      isObject(a) &&
      Array.isArray(a.rows) &&
      Array.isArray(a.frames) &&
      Array.isArray(a.ptRegs) &&
      Array.isArray(a.bt) &&
      Array.isArray(a.links) &&
      a.rows.every((r) => isObject(r) && (r.kind === 'slot' || r.kind === 'gap')) &&
      [...(a.frames as unknown[]), ...(a.ptRegs as unknown[])].every(
        (f) => isObject(f) && isLine(f.topRow) && isLine(f.bottomRow) && f.bottomRow < (a.rows as unknown[]).length,
      ) &&
      (a.links as unknown[]).every((l) => isObject(l) && isLine(l.fromRow) && isLine(l.toRow)),
  );
}

export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'picture':
      return isLine(raw.serial) && isPicture(raw.picture) && typeof raw.document === 'string'
        ? { type: 'picture', serial: raw.serial, picture: raw.picture, document: raw.document }
        : undefined;
    case 'empty':
      return isLine(raw.serial) && typeof raw.message === 'string' && typeof raw.document === 'string'
        ? { type: 'empty', serial: raw.serial, message: raw.message, document: raw.document }
        : undefined;
    case 'cursor':
      return isLine(raw.line) ? { type: 'cursor', line: raw.line } : undefined;
    case 'hoverResult':
      return isLine(raw.id) && Array.isArray(raw.markdown) && raw.markdown.every((m) => typeof m === 'string')
        ? { type: 'hoverResult', id: raw.id, markdown: raw.markdown }
        : undefined;
    case 'timing':
      return isLine(raw.serial) && typeof raw.firstPaintMs === 'number' && typeof raw.requestMs === 'number'
        ? { type: 'timing', serial: raw.serial, firstPaintMs: raw.firstPaintMs, requestMs: raw.requestMs }
        : undefined;
    default:
      return undefined;
  }
}
