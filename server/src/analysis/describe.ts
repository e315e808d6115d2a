// Hover cards: what a word of the transcript means, the way an expert reading
// the dump would say it, from everything the model holds. The facts live in
// hover/facts/ (one file each, ordered in hover/facts/index.ts); this runs them
// over one hover context and joins their sections.
import { lineRange } from './lines';
import type { Model } from './model';
import type { HoverCard, Place } from './hover/card';
import { hoverContext } from './hover/context';
import type { HoverFact } from './hover/fact';
import { HOVER_FACTS } from './hover/facts';

export type { HoverCard, Place } from './hover/card';
export { renderHover } from './hover/card';

export function describeAt(
  model: Model,
  line: number,
  character: number,
  facts: readonly HoverFact[] = HOVER_FACTS,
): HoverCard | undefined {
  const context = hoverContext(model, line, character);
  if (!context) return undefined;
  const sections: string[] = [];
  const places: Place[] = [];
  for (const fact of facts) {
    const section = fact.describe(context);
    if (section === undefined) continue;
    const text = typeof section === 'string' ? section : section.text;
    // Two facts may find the same thing by different paths (a row's register by its position and by its name): said once.
    if (sections.includes(text)) continue;
    sections.push(text);
    if (typeof section !== 'string') places.push(...section.places);
  }
  if (!sections.length) return undefined;
  const { word } = context;
  return { markdown: sections.join('\n\n'), range: lineRange(line, word.start, word.end), places };
}
