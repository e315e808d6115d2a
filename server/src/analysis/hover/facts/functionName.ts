// A function name: where it starts, its size, and conflicting starts other lines imply.
import { hexWord } from '../../hex';
import { code, lineRef } from '../card';
import type { HoverFact } from '../fact';

export const functionName: HoverFact = {
  id: 'function-name',
  describe({ model, word }) {
    if (word.kind !== 'name') return undefined;
    const symbol = model.symbols.get(word.text);
    if (!symbol) return undefined;
    const parts = [`**${word.text}**${symbol.module ? ` [${symbol.module}]` : ''} — function`];
    if (symbol.base !== undefined) parts.push(`starts at ${code(hexWord(symbol.base, model.wordBytes))}`);
    if (symbol.size !== undefined) parts.push(`size ${symbol.size} (0x${symbol.size.toString(16)})`);
    const heading = parts.join(', ');
    if (!symbol.conflicts.length) return heading;
    return `${heading}\n\nOther lines imply other starts: ${symbol.conflicts.map((c) => `${code(hexWord(c.base, model.wordBytes))} (line ${lineRef(c.line)})`).join(', ')}`;
  },
};
