// The cache name in crash's `[ADDR:cache]` (`bt -FF`, `rd -SS`): the slab cache of the object the
// word points into, and what would show that object.
import { code } from '../card';
import type { HoverFact } from '../fact';

/** `[ffff88817afc7c20:` right before the name, `]` right after it. */
const BEFORE = /\[([0-9a-fA-F]{8,16}):$/;

export const slabCacheName: HoverFact = {
  id: 'slab-cache-name',
  describe({ model, word, lineText }) {
    if (word.kind !== 'name' || lineText[word.end] !== ']') return undefined;
    const address = BEFORE.exec(lineText.slice(0, word.start))?.[1];
    if (address === undefined) return undefined;
    const objects = model.slabs.filter((s) => s.cache === word.text && !s.pointer).length;
    const shown = objects > 0 ? `; the transcript shows ${objects} object${objects === 1 ? '' : 's'} of it` : '';
    return `**${word.text}** — slab cache: the word ${code(address)} points into an object of it (crash names the cache, not the object's start)${shown}. ${code(`kmem ${address}`)} gives the object; ${code(`kmem -s ${word.text}`)} the cache.`;
  },
};
