// The card's shape and the text helpers the facts share.
import type { Model } from '../model';
import type { Range } from '../lines';

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
