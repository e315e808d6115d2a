// A dumped word crash printed by the symbol it points at, without an offset (`bt -FF`, `rd -s`:
// `ffffb0f6808e7c98: 0000000000027340 fair_sched_class`): the slot holds that symbol's address, its
// first byte — an object or a function pointer, never a return address, which points after a call.
import { COLD_PART_START, isColdPart } from '../../codeFunctions';
import { hexWord } from '../../hex';
import { LineKind } from '../../lineKinds';
import { code, lineRef } from '../card';
import { wordLocation } from '../context';
import type { HoverFact } from '../fact';

export const dumpedSymbol: HoverFact = {
  id: 'dumped-symbol',
  describe({ model, line, word, lineText }) {
    // Only a memory dump's words (a dis line's mnemonic sits where a word would).
    if (word.kind !== 'name' || model.lineKinds[line] !== LineKind.Memory) return undefined;
    // `[mm_struct]` is a slab cache's name (./slabCacheName), no symbol's.
    if (lineText[word.start - 1] === '[' && lineText[word.end] === ']') return undefined;
    const slot = wordLocation(lineText, word.start);
    if (slot === undefined) return undefined;
    // The same word dumped as a number elsewhere: crash names a value in the NULL page after whatever
    // symbol it finds at 0 (riscv64's `zswap.c`).
    const dumped = model.memory.read64(slot);
    if (dumped && dumped.value < 0x1000n)
      return `**${word.text}** — the word at ${code(hexWord(slot, model.wordBytes))} holds ${code(hexWord(dumped.value, model.wordBytes))} (line ${lineRef(dumped.line)}): crash printed a value of the NULL page by a name it found there, no symbol's address`;
    const base = model.symbols.get(word.text)?.base;
    const at = base !== undefined ? ` (${code(hexWord(base, model.wordBytes))})` : '';
    const what = isColdPart(word.text)
      ? `its start: ${COLD_PART_START}`
      : 'its start, so an object or a function pointer, not a return address';
    return `**${word.text}** — the word at ${code(hexWord(slot, model.wordBytes))} holds this symbol's address${at}, printed by its name: ${what}`;
  },
};
