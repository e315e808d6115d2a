// `struct pt_regs -x ADDR` output read as memory: each field's value is the word at ADDR plus
// the field's offset in the architecture's pt_regs (arrays such as arm64 `regs` word by word),
// so walkers take a printed exception frame as a fact, as they take `rd -x` words.
import type { MemoryWord } from '../memory';
import type { Model } from '../model';
import { perModel } from '../perModel';

const FIELD = /^\s*([A-Za-z_]\w*) = (\{[^}]*\}|0x[0-9a-fA-F]+|\d+),?\s*$/;
const HEX = /0x[0-9a-fA-F]+|\b\d+\b/g;

/** The words `struct pt_regs -x ADDR` sections print, by address. */
export const structWords = perModel(collect);

function collect(model: Model): Map<bigint, MemoryWord> {
  const words = new Map<bigint, MemoryWord>();
  const offsets = model.spec?.exceptionFrame?.offsets;
  if (!offsets) return words;
  for (const section of model.sections) {
    if (section.kind !== 'struct' || section.args[0] !== 'pt_regs') continue;
    const base = section.args.slice(1).find((a) => /^(?:0x)?[0-9a-fA-F]{8,16}$/.test(a));
    if (base === undefined) continue;
    const address = BigInt(base.startsWith('0x') ? base : '0x' + base);
    const seen = new Set<string>();
    for (let line = section.line + 1; line <= section.endLine && line < model.lineCount; line++) {
      const m = FIELD.exec(model.line(line));
      // A union prints the same registers twice: the first copy stands.
      if (!m || seen.has(m[1]) || offsets[m[1]] === undefined) continue;
      seen.add(m[1]);
      const text = model.line(line);
      const valuesAt = text.indexOf(m[2]);
      let i = 0;
      for (const v of m[2].matchAll(HEX)) {
        const at = address + BigInt(offsets[m[1]] + 8 * i++);
        words.set(at, { address: at, value: BigInt(v[0]), width: 8, line, column: valuesAt + (v.index ?? 0) });
      }
    }
  }
  return words;
}
