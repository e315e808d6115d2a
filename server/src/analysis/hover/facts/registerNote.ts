// `x25:` in a register line: the card above describes the value beside it; say so, and
// what the register is for on the transcript's architecture.
import { registerRole, registerRoles } from '../../arch/roles';
import { code } from '../card';
import { registerBlockOf, registerOf } from '../context';
import type { HoverFact } from '../fact';

export const registerNote: HoverFact = {
  id: 'register-note',
  describe(context) {
    const { model, word, value, lineText } = context;
    if (word.kind !== 'register') {
      // The value beside a register name (`CR2: 0000000000559c5a`): whose it is.
      const name = value?.role === 'word' ? registerOf(context) : undefined;
      if (name === undefined) return undefined;
      const role = registerRole(registerRoles(model.spec, model.archUnmodelled), name, registerBlockOf(context));
      return `(value of register ${code(name)}${role ? `, ${role}` : ''})`;
    }
    const role = registerRole(registerRoles(model.spec, model.archUnmodelled), word.text, registerBlockOf(context));
    if (value?.role === 'register') return `(value of register ${code(word.text)}${role ? `, ${role}` : ''})`;
    // A register written with a symbol for its value (`EIP: cc_do_null+0x1c/0x28`).
    return role && /^ *:/.test(lineText.slice(word.end)) ? `Register ${code(word.text)}: ${role}` : undefined;
  },
};
