// A dumped word that is a saved frame pointer or return address inside a frame record, as
// the architecture links frames (FrameLinkage: the link and the return slot at fixed offsets).
// Where functions need not keep the chain (x86_64 ORC kernels) a stack pointer beside a text
// address is often just a local beside a data pointer: such a pair is called a frame record only
// when its return address is vouched for and the chain goes on (or the frame-pointer register
// points at it), and a possible one when the linked record is not in the transcript.
import { callSiteOf } from '../../callSite';
import { shownAsCode } from '../../codeFunctions';
import { kindInfo } from '../../classify';
import { hexWord } from '../../hex';
import type { Model } from '../../model';
import { framePointerEvidence } from '../../unwind/starts';
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
      if (c.kind !== 'kernel-text' && c.kind !== 'module-text') return undefined;
      // A symbol's first byte is a return only after a noreturn call that ends the code before it, a
      // function's: an object's start (`__per_cpu_offset`), which the image's range also holds, is none.
      const at = c.symbol;
      if (at && at.offset === 0 && at.confidence !== 'nearest' && !shownAsCode(model, at.symbol)) return undefined;
      return c.stripped ?? v;
    };
    const aligned = (address: bigint) => address % frames.alignment === 0n;
    const minFrame = frames.minFrameBytes ?? 16n;
    const rises = (link: bigint, frame: bigint) => link - frame >= minFrame && link - frame < 0x10000n;

    // The return into the function of the frame a link leads to: beside the link, or (back
    // chains whose callee saves it in the caller's frame) in the linked frame itself.
    const returnInto = (frame: bigint, link: bigint) => (frames.returnInto === 'own' ? link : frame) + frames.returnOffset;
    // The word is a saved link: the frame it belongs to, its return slot, and the frame it links to.
    const frame = location - frames.linkOffset;
    const kept = frames.alwaysKept || framePointerEvidence(model)?.kept === true;
    /** Whether the pair {link, return} at `record` is a frame record: 'yes', 'maybe' (cannot tell) or 'no'. */
    const support = (record: bigint, link: bigint, ret: bigint): 'yes' | 'maybe' | 'no' => {
      if (kept) return linkedLooksLikeRecord(link) ? 'yes' : 'no';
      if (!vouchedReturn(model, ret)) return 'no';
      if (pointsAt(model, record)) return 'yes';
      const next = memory.read64(link + frames.linkOffset);
      if (!next) return 'maybe';
      const nextReturn = memory.read64(returnInto(link, next.value))?.value;
      const goesOn =
        rises(next.value, link) && sameStack(next.value, link) && nextReturn !== undefined && vouchedReturn(model, nextReturn);
      return goesOn ? 'yes' : 'no';
    };
    // Where every function keeps the chain, the record a link leads to, when dumped, is a record too
    // (as fp-chain-broken reads a chain): its link rises, or goes to another stack (an IRQ stack's last
    // record), or is 0 or the user's where the chain ends, beside a return into code or 0. A stale
    // pair among a frame's locals links to anything.
    const linkedLooksLikeRecord = (link: bigint): boolean => {
      if (frames.crossException?.(model, link) !== undefined) return true;
      const next = memory.read64(link + frames.linkOffset)?.value;
      if (next === undefined) return true;
      // The chain's last record: 0 beside a return into code, or 0 (a local's 0 beside a canary is none).
      if (next === 0n) {
        const last = memory.read64(returnInto(link, next))?.value;
        return last === undefined || last === 0n || text(last) !== undefined;
      }
      if (frames.userLinkEnds && model.classify(next).kind === 'user') return true;
      const toOtherStack = (next & stackMask) !== (link & stackMask) && kindInfo(model.classify(next).kind).stack;
      const onward = aligned(next) && (rises(next, link) || toOtherStack);
      if (!onward) return false;
      const nextReturn = memory.read64(returnInto(link, next))?.value;
      return nextReturn === undefined || nextReturn === 0n || text(nextReturn) !== undefined;
    };
    const unless = () =>
      ` — if this kernel keeps frame pointers, which the transcript does not show (${framePointerEvidence(model)?.why ?? 'no prologue is listed'}), and the linked record is not dumped`;
    const lr = text(memory.read64(returnInto(frame, value))?.value);
    const linkSupport =
      aligned(frame) && rises(value, frame) && sameStack(value, location) && lr !== undefined ? support(frame, value, lr) : 'no';
    if (linkSupport !== 'no' && lr !== undefined) {
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
      if (linkSupport === 'yes') return offChain(model, frame, record) ?? s;
      return `Possibly the ${linkName.charAt(0).toLowerCase()}${linkName.slice(1)} of a ${record} at ${code(hexWord(frame, model.wordBytes))}, linking to ${code(hexWord(value, model.wordBytes))} (frame of 0x${(value - frame).toString(16)} bytes; ${frames.returnName} ${where}: ${code(lrName)})${unless()}`;
    }
    // The word is a saved return address: the link of its frame rises to the next one.
    const owner = location - frames.returnOffset;
    const link = memory.read64(owner + frames.linkOffset)?.value;
    const ownerSupport =
      link !== undefined && aligned(owner) && rises(link, owner) && sameStack(link, location) && text(value) !== undefined
        ? support(owner, link, text(value)!)
        : 'no';
    if (link !== undefined && ownerSupport !== 'no') {
      const name =
        frames.returnName === 'LR' ? 'Saved LR' : frames.returnName.charAt(0).toUpperCase() + frames.returnName.slice(1);
      if (frames.returnInto === 'own')
        return `${name}: the return address into the function of the frame at ${code(hexWord(owner, model.wordBytes))}, saved there by its callee (that frame's back chain links to ${code(hexWord(link, model.wordBytes))})`;
      const s = `${name} of the frame record at ${code(hexWord(owner, model.wordBytes))} (its saved frame pointer links to ${code(hexWord(link, model.wordBytes))})`;
      if (ownerSupport === 'yes') return offChain(model, owner, 'frame record') ?? s;
      return `Possibly the ${frames.returnName} of a frame record at ${code(hexWord(owner, model.wordBytes))} (its saved frame pointer would link to ${code(hexWord(link, model.wordBytes))})${unless()}`;
    }
    return undefined;
  },
};

/**
 * A return address the transcript vouches for: a frame printed at it (or, arm64, at its call), a
 * listed call right before it, or a known function it lies inside (not at its first byte).
 */
function vouchedReturn(model: Model, address: bigint): boolean {
  const step = model.spec?.calls.returnToCall ?? 0n;
  if (model.framesAt(address)?.naming || (step > 0n && model.framesAt(address - step)?.inBacktrace)) return true;
  if (callSiteOf(model, address)?.kind === 'call') return true;
  const match = model.symbols.lookup(address);
  return match !== undefined && match.confidence !== 'nearest' && match.offset !== 0;
}

/** A frame-pointer register of a register block holds the record's address: the CPU's chain ran through it. */
function pointsAt(model: Model, record: bigint): boolean {
  const fp = model.spec?.registers.fp ?? [];
  return model.registersWithValue(record).some((r) => fp.includes(r.name));
}

/**
 * A record inside the part of a stack a backtrace walked, but not on its chain (where bt prints each
 * frame at its record: FrameLinkage.btBracketsRecord): left by an earlier call, its link and return no frame of now.
 */
function offChain(model: Model, record: bigint, name: string): string | undefined {
  const frames = model.spec?.frames;
  if (!frames?.btBracketsRecord) return undefined;
  const stack = model.stackAt(record);
  const chain = stack ? model.framesInStack(stack) : [];
  if (chain.length < 2 || chain.some((f) => f.stackAddress === record)) return undefined;
  const below = chain.filter((f) => f.stackAddress! < record).pop();
  const above = chain.find((f) => f.stackAddress! > record);
  if (!below || !above) return undefined;
  const at = (f: (typeof chain)[number]) =>
    `#${f.level} ${code(f.function)} at ${code(hexWord(f.stackAddress!, model.wordBytes))}`;
  return `A stale ${name} at ${code(hexWord(record, model.wordBytes))}: not on the chain the backtrace walked (its records around it: ${at(below)}, ${at(above)}); an earlier call left it, and its link and return name no frame of now`;
}
