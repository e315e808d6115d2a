// Where else the value is held (dumped words and registers), as links: what the analysis read as
// memory and registers, so the card says so rather than counting every mention in the text.
import type { Place } from '../card';
import { lineRef } from '../card';
import { readValue } from '../context';
import type { HoverFact } from '../fact';

export const occurrences: HoverFact = {
  id: 'occurrences',
  describe(context) {
    const hovered = readValue(context);
    if (!hovered) return undefined;
    const { model } = context;
    const words = model.memory.occurrencesOfValue(hovered.raw, 200);
    const registers = model.registersWithValue(hovered.raw).slice(0, 50);
    const places: Place[] = [
      ...words.map((w) => ({ line: w.line, character: w.column })),
      ...registers.map((r) => ({ line: r.line, character: r.column })),
    ];
    places.sort((a, b) => a.line - b.line || a.character - b.character);
    if (places.length <= 1) return undefined;
    const first = places
      .slice(0, 8)
      .map((p) => lineRef(p.line))
      .join(', ');
    return {
      text: `Held in ${places.length}${places.length >= 200 ? '+' : ''} dumped words and registers of this transcript (lines ${first}${places.length > 8 ? ', …' : ''})`,
      places,
    };
  },
};
