// A dumped word crash printed by the symbol it points at, without an offset (`bt -FF`, `rd -s`:
// `ffffb0f6808e7c98: 0000000000027340 fair_sched_class`): the slot holds that symbol's address, its
// first byte — an object or a function pointer, never a return address, which points after a call.
import { hexWord } from '../../hex';
import { LineKind } from '../../lineKinds';
import { code } from '../card';
import { wordLocation } from '../context';
import type { HoverFact } from '../fact';

export const dumpedSymbol: HoverFact = {
  id: 'dumped-symbol',
  describe({ model, line, word, lineText }) {
    // Only a memory dump's words (a dis line's mnemonic sits where a word would).
    if (word.kind !== 'name' || model.lineKinds[line] !== LineKind.Memory) return undefined;
    const slot = wordLocation(lineText, word.start);
    if (slot === undefined) return undefined;
    const base = model.symbols.get(word.text)?.base;
    const at = base !== undefined ? ` (${code(hexWord(base, model.wordBytes))})` : '';
    // Nobody takes a `.cold` part's address: its first byte on a stack follows a noreturn call that
    // ends the code laid out before it.
    const what = /\.cold(?:\.\d+)?$/.test(word.text)
      ? "its start: a compiler's cold part, whose address no code takes, so no object or function pointer; it can be the return address of a noreturn call ending the code laid out before it (a `dis` of those bytes tells)"
      : 'its start, so an object or a function pointer, not a return address';
    return `**${word.text}** — the word at ${code(hexWord(slot, model.wordBytes))} holds this symbol's address${at}, printed by its name: ${what}`;
  },
};
