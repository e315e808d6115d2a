// The hover card a person gets on a word: the one helper of the hover tests.
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import type { Model } from '../../server/src/analysis/model';
import { at } from './caret';

/** The card (Markdown) on the `nth` occurrence of `needle` (on lines `line` accepts), '' when there is none. */
export function hoverOn(model: Model, needle: string, nth = 0, line?: (text: string) => boolean): string {
  const position = at(model.lines, needle, { nth, line, offset: 1 });
  const card = describeAt(model, position.line, position.character);
  return card ? renderHover(card.markdown) : '';
}
