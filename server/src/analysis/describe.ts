// Hover cards: what a word of the transcript means. Placeholder until the hover work lands.
import type { Model } from './model';
import type { Range } from './lines';

export interface HoverCard {
  markdown: string;
  range: Range;
}

export function describeAt(_model: Model, _line: number, _character: number): HoverCard | undefined {
  return undefined;
}
