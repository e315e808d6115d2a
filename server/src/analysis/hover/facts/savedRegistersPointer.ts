// A word that points at the registers an exception saved on a stack (the pt_regs the transcript
// finds by their values): an entry's `struct pt_regs *regs` argument, or, at the top of x86_64's
// IRQ stack, the interrupted stack's pointer its entry saved on the switch.
import { hexWord } from '../../hex';
import { exceptionFramePlaces } from '../../unwind/exceptionFramePlaces';
import { code, lineRef } from '../card';
import { readValue } from '../context';
import type { HoverFact } from '../fact';

export const savedRegistersPointer: HoverFact = {
  id: 'saved-registers-pointer',
  describe(context) {
    const hovered = readValue(context);
    if (!hovered) return undefined;
    const place = exceptionFramePlaces(context.model).find((p) => p.address === hovered.address);
    if (!place) return undefined;
    const first = place.block[0];
    const printed = first ? `, printed on line ${lineRef(first.line)}` : '';
    const at = code(hexWord(place.address, context.model.wordBytes));
    return `Points at the registers an exception saved at ${at} (pt_regs${printed}): an entry's ${code('struct pt_regs *')} argument, or the interrupted stack's pointer an interrupt's entry kept when it switched stacks`;
  },
};
