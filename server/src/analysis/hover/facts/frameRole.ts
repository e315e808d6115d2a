// A dumped word that is a saved frame pointer or return address inside a frame record, as
// the architecture links frames (FrameLinkage: the link and the return slot at fixed offsets).
import { hexWord } from '../../hex';
import { code, lineRef, returnText } from '../card';
import type { HoverFact } from '../fact';

export const frameRole: HoverFact = {
  id: 'frame-role',
  describe({ model, value: hovered }) {
    const frames = model.spec?.frames;
    const location = hovered?.location;
    if (!hovered || !frames || location === undefined) return undefined;
    const value = hovered.address;
    const memory = model.memory;
    const stackMask = ~(model.stackBytes('task') - 1n);
    const sameStack = (a: bigint, b: bigint) =>
      model.stackAt(a) !== undefined || model.stackAt(b) !== undefined || (a & stackMask) === (b & stackMask);
    const text = (v: bigint | undefined) => {
      if (v === undefined) return undefined;
      const c = model.classify(v);
      return c.kind === 'kernel-text' || c.kind === 'module-text' ? (c.stripped ?? v) : undefined;
    };
    const aligned = (address: bigint) => address % frames.alignment === 0n;
    const rises = (link: bigint, frame: bigint) => link > frame && link - frame < 0x10000n;

    // The return into the function of the frame a link leads to: beside the link, or (back
    // chains whose callee saves it in the caller's frame) in the linked frame itself.
    const returnInto = (frame: bigint, link: bigint) => (frames.returnInto === 'own' ? link : frame) + frames.returnOffset;
    // The word is a saved link: the frame it belongs to, its return slot, and the frame it links to.
    const frame = location - frames.linkOffset;
    const lr = text(memory.read64(returnInto(frame, value))?.value);
    if (aligned(frame) && rises(value, frame) && sameStack(value, location) && lr !== undefined) {
      const lrName = returnText(model, lr) ?? hexWord(lr, model.wordBytes);
      const where = frames.returnInto === 'own' ? `in that frame at +${frames.returnOffset}` : 'beside it';
      const chain = frames.method === 'back-chain';
      const linkName = chain ? `Back chain (the caller's ${frames.register})` : `Saved frame pointer (${frames.register})`;
      const record = chain ? 'stack frame' : 'frame record';
      let s = `${linkName} of the ${record} at ${code(hexWord(frame, model.wordBytes))}: links to the ${record} at ${code(hexWord(value, model.wordBytes))} (frame of 0x${(value - frame).toString(16)} bytes); ${frames.returnName} ${where}: ${code(lrName)}`;
      const next = memory.read64(value + frames.linkOffset);
      if (next) {
        const nextLr = memory.read64(returnInto(value, next.value))?.value;
        s += `. That ${record} holds ${code(hexWord(next.value, model.wordBytes))}${nextLr !== undefined ? ` / ${code(returnText(model, text(nextLr) ?? nextLr) ?? hexWord(nextLr, model.wordBytes))}` : ''} (line ${lineRef(next.line)})`;
      }
      return s;
    }
    // The word is a saved return address: the link of its frame rises to the next one.
    const owner = location - frames.returnOffset;
    const link = memory.read64(owner + frames.linkOffset)?.value;
    if (link !== undefined && aligned(owner) && rises(link, owner) && sameStack(link, location) && text(value) !== undefined) {
      const name =
        frames.returnName === 'LR' ? 'Saved LR' : frames.returnName.charAt(0).toUpperCase() + frames.returnName.slice(1);
      if (frames.returnInto === 'own')
        return `${name}: the return address into the function of the frame at ${code(hexWord(owner, model.wordBytes))}, saved there by its callee (that frame's back chain links to ${code(hexWord(link, model.wordBytes))})`;
      return `${name} of the frame record at ${code(hexWord(owner, model.wordBytes))} (its saved frame pointer links to ${code(hexWord(link, model.wordBytes))})`;
    }
    return undefined;
  },
};
