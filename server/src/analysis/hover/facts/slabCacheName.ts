// The cache name in crash's `[ADDR:cache]` (`bt -FF`, `rd -SS`) and `[cache]` (`bt -F`, `rd -S`): the
// slab cache of the object the word points into, and what would show that object.
import { hexWord } from '../../hex';
import { LineKind } from '../../lineKinds';
import { code, lineRef } from '../card';
import { wordLocation } from '../context';
import type { HoverFact } from '../fact';

/** `[ffff88817afc7c20:` right before the name, `]` right after it. */
const BEFORE = /\[([0-9a-fA-F]{8,16}):$/;

export const slabCacheName: HoverFact = {
  id: 'slab-cache-name',
  describe({ model, line, word, lineText }) {
    if (word.kind !== 'name' || lineText[word.end] !== ']') return undefined;
    const before = lineText.slice(0, word.start);
    let address = BEFORE.exec(before)?.[1];
    let printed = '';
    if (address === undefined) {
      // `[task_struct]` alone: the word's value is printed where the same stack is dumped in numbers (`bt -f`).
      if (!before.endsWith('[') || model.lineKinds[line] !== LineKind.Memory) return undefined;
      const slot = wordLocation(lineText, word.start);
      if (slot === undefined) return undefined;
      const dumped = model.memory.readWord(slot, model.wordBytes);
      address = dumped ? hexWord(dumped.value, model.wordBytes) : undefined;
      printed = dumped ? ` (line ${lineRef(dumped.line)})` : '';
      if (address === undefined) {
        const which = code(hexWord(slot, model.wordBytes));
        return `**${word.text}** — slab cache: the word at ${which} points into an object of it (crash names the cache, not the object's start). ${code('bt -f')} or ${code('rd -x')} prints the word's value; ${code('kmem')} of it gives the object.`;
      }
    }
    const objects = model.slabs.filter((s) => s.cache === word.text && !s.pointer).length;
    const shown = objects > 0 ? `; the transcript shows ${objects} object${objects === 1 ? '' : 's'} of it` : '';
    return `**${word.text}** — slab cache: the word ${code(address)}${printed} points into an object of it (crash names the cache, not the object's start)${shown}. ${code(`kmem ${address}`)} gives the object; ${code(`kmem -s ${word.text}`)} the cache.`;
  },
};
