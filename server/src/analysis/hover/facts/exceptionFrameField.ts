// A dumped stack word inside the registers an exception saved (pt_regs): which register of which
// context it is, as the printed block shows it (`pt_regs.orig_ax`, crash's ORIG_RAX on line 90).
import { hexWord } from '../../hex';
import { exceptionFrameFieldAt } from '../../unwind/exceptionFramePlaces';
import { code, lineRef } from '../card';
import { readValue } from '../context';
import type { HoverFact } from '../fact';

export const exceptionFrameField: HoverFact = {
  id: 'exception-frame-field',
  describe(context) {
    const location = readValue(context)?.location;
    if (location === undefined) return undefined;
    const found = exceptionFrameFieldAt(context.model, location);
    if (!found) return undefined;
    const { place, field, register, note } = found;
    const printed = register !== undefined ? place.block.find((r) => r.name === register) : undefined;
    const shown = printed ? `, printed as ${code(register!)} on line ${lineRef(printed.line)}` : '';
    const what = note !== undefined ? ` (${note})` : '';
    return `${code(`pt_regs.${field}`)}${what} of the registers an exception saved at ${code(hexWord(place.address, context.model.wordBytes))}${shown}: the interrupted context's, not a value of a frame`;
  },
};
