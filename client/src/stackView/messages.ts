// Messages between the Stack view's webview and the extension, with the checks both
// sides run on what they receive: a webview is a page, and a page's messages are input.
import type { StackPicture } from '../../../protocol/src';
import { runRows, unpackPicture, type PackedPicture } from '../../../protocol/src/stackPictureWire';

/** Webview → extension. */
export type ViewMessage =
  /** The page's script ran (its clock: when its document started loading, and now). */
  | { type: 'ready'; loading: number; booted: number }
  /** Move the transcript's cursor to where a slot or frame came from; `focus` gives the editor the focus. */
  | { type: 'reveal'; line: number; column: number; focus: boolean }
  | { type: 'hover'; id: number; line: number; column: number }
  | { type: 'saveSvg'; svg: string }
  | { type: 'copyText' }
  | { type: 'copyCommand'; command: string }
  /**
   * The picture is on screen (after the first frame that shows it), with the page's clock
   * (ms since the epoch, the host's clock on the same machine) when its message came and
   * when it was drawn; `inDocument` when it was the first screen of the page's document (its
   * script started after the browser had parsed it: `received` and `shown` are then that start).
   */
  | { type: 'painted'; serial: number; received: number; shown: number; painted: number; inDocument?: true };

/** Extension → webview (the picture as the server packed it). */
export type HostMessage =
  | { type: 'picture'; serial: number; picture: PackedPicture; document: string }
  | { type: 'empty'; serial: number; message: string; document: string }
  | { type: 'cursor'; line: number }
  | { type: 'hoverResult'; id: number; markdown: string[] }
  /** From the request to the picture on screen, and where the time went (stage → ms, in order). */
  | { type: 'timing'; serial: number; firstPaintMs: number; stages: [string, number][] };

/** What the page takes from a host message: the picture unpacked and checked. */
export type PageMessage =
  Exclude<HostMessage, { type: 'picture' }> | { type: 'picture'; serial: number; picture: StackPicture; document: string };

/**
 * Rows of each stack the page gets first: the top of the strip, where a new picture opens, with
 * room for a screen 3,000 px high and the rows drawn beyond it. The whole picture (8,192 rows for
 * a 64 KiB stack) follows, and the page takes it after its first paint.
 */
export const FIRST_SCREEN_ROWS = 160;

/** Where the page finds the first host message when it came in the page's document (a data block, never run). */
export const FIRST_MESSAGE_ID = 'first-message';

/** The style block of the first screen a new page's document draws (the page drops it once its script has taken over). */
export const FIRST_SCREEN_STYLE_ID = 'first-screen-style';

/** Largest SVG the extension accepts from the view (a 64 KiB stack draws to a few MB). */
export const MAX_SVG_BYTES = 32 * 1024 * 1024;
/** The commands a view may ask to copy: crash commands the picture itself proposes. */
const CRASH_COMMAND = /^(?:rd -x|dis -l|dis|struct pt_regs -x) [0-9a-zA-Z_.+x]{1,64}(?: \d{1,6})?$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLine = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 1e9;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function parseViewMessage(raw: unknown): ViewMessage | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
      return isTime(raw.loading) && isTime(raw.booted) ? { type: 'ready', loading: raw.loading, booted: raw.booted } : undefined;
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
      return isLine(raw.serial) && [raw.received, raw.shown, raw.painted].every(isTime)
        ? {
            type: 'painted',
            serial: raw.serial,
            received: raw.received as number,
            shown: raw.shown as number,
            painted: raw.painted as number,
            ...(raw.inDocument === true ? { inDocument: true as const } : {}),
          }
        : undefined;
    default:
      return undefined;
  }
}

/** Rows of a checked axis: all it has, or all it will have when it came cut to its first rows. */
const rowsIn = (a: Record<string, unknown>): number =>
  typeof a.rowTotal === 'number' ? a.rowTotal : (a.rows as unknown[]).length;

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
        (f) => isObject(f) && isLine(f.topRow) && isLine(f.bottomRow) && f.bottomRow < rowsIn(a),
      ) &&
      (a.links as unknown[]).every((l) => isObject(l) && isLine(l.fromRow) && isLine(l.toRow)),
  );
}

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Shape check of a packed picture: the counts add up, so unpacking reads nothing that is not there. */
function isPacked(v: unknown): v is PackedPicture {
  if (!isObject(v) || !Array.isArray(v.axes)) return false;
  return v.axes.every((a) => {
    if (!isObject(a) || typeof a.top !== 'string' || !/^[0-9a-f]{16}$/.test(a.top)) return false;
    if (!Array.isArray(a.runs) || a.runs.length % 2 !== 0 || !a.runs.every(isCount)) return false;
    const slots = a.runs.reduce((n, c, k) => (k % 2 === 1 ? n + c : n), 0);
    return (
      (a.rowTotal === undefined || (isCount(a.rowTotal) && a.rowTotal >= runRows(a.runs))) &&
      typeof a.values === 'string' &&
      /^[0-9a-f-]*$/.test(a.values) &&
      a.values.length === slots * 16 &&
      Array.isArray(a.lines) &&
      a.lines.length === slots &&
      a.lines.every((l) => l === null || Number.isInteger(l)) &&
      Array.isArray(a.columns) &&
      a.columns.length === slots &&
      a.columns.every((c) => Number.isInteger(c)) &&
      Array.isArray(a.extras) &&
      a.extras.every((e) => Array.isArray(e) && e.length === 2 && isCount(e[0]) && isObject(e[1]))
    );
  });
}

/** The picture a host message carries, unpacked, or undefined when it does not hold together. */
function receivedPicture(v: unknown): StackPicture | undefined {
  if (!isPacked(v)) return undefined;
  try {
    const picture = unpackPicture(v);
    return isPicture(picture) ? picture : undefined;
  } catch {
    return undefined;
  }
}

export function parseHostMessage(raw: unknown): PageMessage | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'picture': {
      const picture = isLine(raw.serial) && typeof raw.document === 'string' ? receivedPicture(raw.picture) : undefined;
      return picture && { type: 'picture', serial: raw.serial as number, picture, document: raw.document as string };
    }
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
      return isLine(raw.serial) &&
        isTime(raw.firstPaintMs) &&
        Array.isArray(raw.stages) &&
        raw.stages.every((s) => Array.isArray(s) && s.length === 2 && typeof s[0] === 'string' && isTime(s[1]))
        ? { type: 'timing', serial: raw.serial, firstPaintMs: raw.firstPaintMs, stages: raw.stages as [string, number][] }
        : undefined;
    default:
      return undefined;
  }
}
