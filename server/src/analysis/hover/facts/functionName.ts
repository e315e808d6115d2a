// A function or other symbol's name: where it starts, its size, and conflicting starts other lines imply.
import { shownAsCode } from '../../codeFunctions';
import { hexWord } from '../../hex';
import { code, lineRef } from '../card';
import type { HoverFact } from '../fact';

export const functionName: HoverFact = {
  id: 'function-name',
  describe({ model, word }) {
    if (word.kind !== 'name') return undefined;
    const symbol = model.symbols.get(word.text);
    if (!symbol) return undefined;
    // A name crash printed in a stack dump (`warn_count`, `.LC3`) is any symbol: a function only where
    // the transcript shows its code.
    const what = shownAsCode(model, symbol) ? 'function' : 'symbol';
    const parts = [`**${word.text}**${symbol.module ? ` [${symbol.module}]` : ''} — ${what}`];
    if (symbol.base !== undefined) parts.push(`starts at ${code(hexWord(symbol.base, model.wordBytes))}`);
    if (symbol.size !== undefined) parts.push(`size ${symbol.size} (0x${symbol.size.toString(16)})`);
    const heading = parts.join(', ');
    if (!symbol.conflicts.length) return heading;
    return `${heading}\n\nOther lines imply other starts: ${symbol.conflicts.map((c) => `${code(hexWord(c.base, model.wordBytes))} (line ${lineRef(c.line)})`).join(', ')}`;
  },
};
