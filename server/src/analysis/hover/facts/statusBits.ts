// A register of status bits (s390x's PSW mask): what each field of its value says. Its digits are
// no address (the context reads it as such), and the PSW's second word is the instruction address.
import type { HoverFact } from '../fact';

export const statusBits: HoverFact = {
  id: 'status-bits',
  describe({ value }) {
    if (!value?.status) return undefined;
    return value.status
      .fields(value.raw)
      .map((f) => `- ${f}`)
      .join('\n');
  },
};
