// The card's shape and the text helpers the facts share.
import type { Model } from '../model';
import type { Range } from '../lines';
import { namesNoFunction } from '../symbols';
import type { Frame } from '../types';

export interface Place {
  line: number;
  character: number;
}

export interface HoverCard {
  /** Markdown with line references as `@@L<0-based line>@@`; see renderHover. */
  markdown: string;
  range: Range;
  /** Other places the value appears (for links). */
  places: Place[];
}

/** A reference to a transcript line, turned into a link (editor) or a number (CLI) by renderHover. */
export const lineRef = (line: number) => `@@L${line}@@`;

export function renderHover(markdown: string, link: (line: number) => string = (line) => String(line + 1)): string {
  return markdown.replace(/@@L(\d+)@@/g, (_, n: string) => link(Number(n)));
}

export const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

export function symbolText(model: Model, address: bigint): string | undefined {
  const match = model.symbols.lookup(address);
  if (!match) return undefined;
  const module = match.symbol.module ? ` [${match.symbol.module}]` : '';
  return `${match.symbol.name}+${match.offset}${module}`;
}

/** A return address named by the frame crash prints at it, or (arm64) at its call. */
export interface FrameName {
  frame: Frame;
  function: string;
  offset?: number;
  module?: string;
  /** The frame is printed at the call, return address − `step`, not at the address itself. */
  atCall: boolean;
  step: bigint;
  inBacktrace: boolean;
}

/**
 * How crash (and the unwinder) name a return address whose function start the transcript does
 * not show, or shows only as the nearest one before it (its size unknown): by the frame printed at
 * it (a bt frame, a console trace's `[<addr>] func+off`), or by the bt frame printed at its call.
 */
export function frameName(model: Model, address: bigint): FrameName | undefined {
  const match = model.symbols.lookup(address);
  if (match && match.confidence !== 'nearest') return undefined;
  const step = model.spec?.calls.returnToCall ?? 0n;
  const here = model.framesAt(address);
  const atCall = step > 0n ? model.framesAt(address - step)?.inBacktrace : undefined;
  const frame = here?.naming ?? (atCall && !namesNoFunction(atCall.function) ? atCall : undefined);
  if (!frame) return undefined;
  const shift = frame === atCall && frame !== here?.naming ? Number(step) : 0;
  // The frame's own offset (console traces, `bt -s`), else the nearest start when it is the frame's function.
  const same = match?.symbol.name === frame.function;
  const offset = frame.offset !== undefined ? frame.offset + shift : same ? match.offset : undefined;
  return {
    frame,
    function: frame.function,
    offset,
    module: frame.module ?? (same ? match.symbol.module : undefined),
    atCall: shift !== 0,
    step,
    inBacktrace: frame === here?.inBacktrace || shift !== 0,
  };
}

/** A return address as crash names it: a frame printed there beats the nearest known start. */
export function returnText(model: Model, address: bigint): string | undefined {
  const named = frameName(model, address);
  if (!named) return symbolText(model, address);
  return `${named.function}${named.offset ? `+${named.offset}` : ''}${named.module ? ` [${named.module}]` : ''}`;
}
