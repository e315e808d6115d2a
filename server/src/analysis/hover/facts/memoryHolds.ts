// The address column of a dump line: the word stored there and the one after it.
import { hex16 } from '../../hex';
import { code, returnText } from '../card';
import type { HoverFact } from '../fact';

export const memoryHolds: HoverFact = {
  id: 'memory-holds',
  describe({ model, value, line }) {
    // Physical dumps are not in the memory map, whose addresses are virtual.
    if (value?.role !== 'address-column' || value.cls.kind === 'physical') return undefined;
    // As wide as this line shows it (32-bit words on 32-bit dumps and `rd -32`), else the widest dump.
    const onLine = (address: bigint) => model.memory.wordsAt(address).find((w) => w.line === line);
    const word = onLine(value.address) ?? model.memory.readWidest(value.address);
    if (!word) return undefined;
    const after = value.address + BigInt(word.width);
    const next = (word.line === line ? onLine(after) : undefined) ?? model.memory.readWord(after, word.width);
    const shown = (v: bigint) => (word.width === 8 ? hex16(v) : v.toString(16).padStart(word.width * 2, '0'));
    const valueCls = word.width >= 4 ? model.classify(word.value) : undefined;
    const desc =
      valueCls && (valueCls.kind === 'kernel-text' || valueCls.kind === 'module-text')
        ? returnText(model, valueCls.stripped ?? word.value)
        : undefined;
    const bits = word.width === 8 ? '' : ` (${word.width * 8}-bit)`;
    return `Holds ${code(shown(word.value))}${bits}${desc ? ` (${code(desc)})` : ''}${next ? `, then ${code(shown(next.value))}` : ''}`;
  },
};
