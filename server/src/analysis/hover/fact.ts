// A hover fact: one thing the card can say about the word under the cursor.
// Each fact is one file under facts/ plus one line in facts/index.ts.
import type { HoverContext } from './context';
import type { Place } from './card';

/** A paragraph of the card; `places` are other places the value appears (for links). */
export type Section = string | { text: string; places: Place[] };

export interface HoverFact {
  id: string;
  describe(context: HoverContext): Section | undefined;
}
