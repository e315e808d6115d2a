// A dumped word that crash's bt read as a frame's return address: the slot bt brackets
// (`#6 [ffffd45d40403ca8] full_proxy_write at ffffffff88a26da3`) holds the address after `at`.
// Where bt brackets something else (arm64's frame record) the two never agree, and it says nothing.
import { perModel } from '../../perModel';
import type { Frame } from '../../types';
import { code, lineRef } from '../card';
import type { HoverFact } from '../fact';

/** Every bt frame but the first of each listing by its bracketed slot, once per model (a hover walks none). */
const framesBySlot = perModel((model) => {
  const index = new Map<bigint, Frame[]>();
  for (const bt of model.backtraces)
    for (const f of bt.frames) {
      if (f.stackAddress === undefined || f.level === 0) continue;
      const list = index.get(f.stackAddress);
      if (list) list.push(f);
      else index.set(f.stackAddress, [f]);
    }
  return index;
});

export const btReturnSlot: HoverFact = {
  id: 'bt-return-slot',
  describe({ model, value }) {
    const location = value?.location;
    if (!value || location === undefined) return undefined;
    const frames = framesBySlot(model)
      .get(location)
      ?.filter((f) => f.address === value.address);
    if (!frames || frames.length === 0) return undefined;
    const first = frames[0];
    const more =
      frames.length > 1 ? `; ${frames.length - 1} more bt listing${frames.length > 2 ? 's show' : ' shows'} it too` : '';
    return `crash's bt read this slot as the return address of frame #${first.level}, into ${code(first.function)} (line ${lineRef(first.line)}${more})`;
  },
};
