// `x25:` in a register line: the card above describes the value beside it; say so.
import { code } from '../card';
import type { HoverFact } from '../fact';

export const registerNote: HoverFact = {
  id: 'register-note',
  describe({ word, value }) {
    return value?.role === 'register' ? `(value of register ${code(word.text)})` : undefined;
  },
};
