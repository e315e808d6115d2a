// `x25:` in a register line: the card above describes the value beside it; say so, and
// what the register is for on the transcript's architecture.
import { registerRole, registerRoles } from '../../arch/roles';
import { code } from '../card';
import type { HoverFact } from '../fact';

export const registerNote: HoverFact = {
  id: 'register-note',
  describe({ model, word, value, lineText }) {
    if (word.kind !== 'register') return undefined;
    const role = registerRole(registerRoles(model.spec, model.archUnmodelled), word.text);
    if (value?.role === 'register') return `(value of register ${code(word.text)}${role ? `, ${role}` : ''})`;
    // A register written with a symbol for its value (`EIP: cc_do_null+0x1c/0x28`).
    return role && /^ *:/.test(lineText.slice(word.end)) ? `Register ${code(word.text)}: ${role}` : undefined;
  },
};
