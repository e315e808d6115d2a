// A dumped word that crash's bt read as a frame's return address: the slot bt brackets
// (`#6 [ffffd45d40403ca8] full_proxy_write at ffffffff88a26da3`) holds the address after `at`.
// Where bt brackets something else (arm64's frame record) the two never agree, and it says nothing.
import { provenStaleFrames } from '../../diagnostics/backtraceFacts';
import { code, lineRef } from '../card';
import type { HoverFact } from '../fact';

export const btReturnSlot: HoverFact = {
  id: 'bt-return-slot',
  describe({ model, value }) {
    const location = value?.location;
    if (!value || location === undefined) return undefined;
    // The frames of the slot's stack, which the model indexes once (stack-slot uses them too).
    const stack = model.stackAt(location);
    if (!stack) return undefined;
    const frames = model
      .framesInStack(stack)
      .filter((f) => f.stackAddress === location && f.level > 0 && f.address === value.address);
    if (frames.length === 0) return undefined;
    const first = frames[0];
    const more =
      frames.length > 1 ? `; ${frames.length - 1} more bt listing${frames.length > 2 ? 's show' : ' shows'} it too` : '';
    const read = `crash's bt read this slot as the return address of frame #${first.level}, into ${code(first.function)} (line ${lineRef(first.line)}${more})`;
    // stale-frame proves the frame left over: the slot holds an earlier call's return, no caller of now.
    const stale = provenStaleFrames(model);
    return frames.some((f) => stale.has(f))
      ? `${read}; that frame is stale, a return address an earlier call left (${code('crashlog check')} says why), so the call before it says nothing of the frame above`
      : read;
  },
};
