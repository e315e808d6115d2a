// The address column of a dump line: the word stored there and the one after it.
import { hex16 } from '../../hex';
import { code, symbolText } from '../card';
import type { HoverFact } from '../fact';

export const memoryHolds: HoverFact = {
  id: 'memory-holds',
  describe({ model, value }) {
    if (value?.role !== 'address-column') return undefined;
    const word = model.memory.read64(value.address);
    if (!word) return undefined;
    const next = model.memory.read64(value.address + 8n);
    const valueCls = model.classify(word.value);
    const desc =
      valueCls.kind === 'kernel-text' || valueCls.kind === 'module-text'
        ? symbolText(model, valueCls.stripped ?? word.value)
        : undefined;
    return `Holds ${code(hex16(word.value))}${desc ? ` (${code(desc)})` : ''}${next ? `, then ${code(hex16(next.value))}` : ''}`;
  },
};
