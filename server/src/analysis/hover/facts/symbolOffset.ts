// `function+0x1c/0x90`: the offset in decimal and hex, the size, and where that lands.
import { opaqueTargetNote } from '../../callTargets';
import { isLocalLabel } from '../../classify';
import { callSiteOf } from '../../callSite';
import { shownAsCode } from '../../codeFunctions';
import { hexWord } from '../../hex';
import { IMAGE_MARKS, type Model } from '../../model';
import { code, lineRef } from '../card';
import { wordLocation } from '../context';
import type { HoverFact } from '../fact';

export const symbolOffset: HoverFact = {
  id: 'symbol-offset',
  describe({ model, word, lineText }) {
    if (word.kind !== 'symbol') return undefined;
    const m = /^([A-Za-z_.$][\w.$]*)\+(0x[0-9a-fA-F]+|\d+)(?:\/(0x[0-9a-fA-F]+|\d+))?$/.exec(word.text);
    if (!m) return undefined;
    const name = m[1];
    const offset = Number(m[2]);
    if (IMAGE_MARKS.test(name)) return imageMark(model, word.text, name, lineText, word.start);
    const size = m[3] !== undefined ? Number(m[3]) : undefined;
    const symbol = model.symbols.get(name);
    const parts = [
      `**${name}+${offset}** (${code(`${name}+0x${offset.toString(16)}`)})${size !== undefined ? `, function size ${size} (0x${size.toString(16)})` : ''}${symbol?.module ? ` [${symbol.module}]` : ''}`,
    ];
    if (size !== undefined && offset >= size)
      parts.push(`Offset 0x${offset.toString(16)} is beyond the function size 0x${size.toString(16)}`);
    if (symbol?.base !== undefined) {
      const address = symbol.base + BigInt(offset);
      const start = code(hexWord(symbol.base, model.wordBytes));
      parts.push(
        isLocalLabel(name)
          ? `Address ${code(hexWord(address, model.wordBytes))} (${code(name)} is a compiler's label of a constant, data in .rodata, starting at ${start}: no code)`
          : shownAsCode(model, symbol)
            ? `Address ${code(hexWord(address, model.wordBytes))} (function starts at ${start})`
            : `Address ${code(hexWord(address, model.wordBytes))} (${code(name)} starts at ${start}; the transcript shows it as no function, so it may be data)`,
      );
      const source = model.sourceAt(address);
      if (source) parts.push(`Source: ${code(`${source.file}: ${source.line}`)}`);
      const insn = model.instructions.at(address);
      if (insn) parts.push(`Instruction: ${code(`${insn.mnemonic} ${insn.operands}`.trim())} (line ${lineRef(insn.line)})`);
      const call = callSiteOf(model, address)?.instruction;
      if (call?.isCall)
        parts.push(`Returns after ${code(`${call.mnemonic} ${call.operands}`.trim())}${aboveNote(call.targetSymbol?.name)}`);
    } else {
      parts.push('The start of this function is not shown in the transcript (a `dis`, `sym` or `dis -l` line would give it).');
    }
    const slot = returnSlotOf(model, lineText, word.start);
    if (slot) parts.push(slot);
    return parts.join('\n\n');
  },
};

/**
 * A word `rd -s`/`bt -F` printed by name in a stack dump, at the slot a bt frame reads its return
 * address from (x86_64's frame slot): what crash's own unwinder took it for.
 */
function returnSlotOf(model: Model, lineText: string, column: number): string | undefined {
  const location = wordLocation(lineText, column);
  if (location === undefined || model.spec?.frames.method !== 'rbp-chain') return undefined;
  for (const bt of model.backtraces) {
    const frame = bt.frames.find((f) => f.stackAddress === location);
    if (frame)
      return `A return address: crash's bt frame #${frame.level} (${code(frame.function)}, line ${lineRef(frame.line)}) reads it from this slot, ${code(hexWord(location, model.wordBytes))}; \`rd -s\`/\`bt -F\` print a stack word by the symbol it points into`;
  }
  return undefined;
}

/** What the call's target says of the frame above. */
function aboveNote(target: string | undefined): string {
  if (target === undefined) return '';
  const opaque = opaqueTargetNote(target);
  return opaque ? ` — ${opaque}` : ` — the frame above must be ${code(target)}`;
}

/**
 * `_end+30570848`: crash names an address after the image's last symbol by the linker's bound (ppc64's
 * linear map holds the image, so a stack or an object there gets such a name): no function, and the
 * value is the bound's address plus the offset, printed in numbers where `bt -f` dumps the slot.
 */
function imageMark(model: Model, printed: string, name: string, lineText: string, column: number): string {
  const slot = wordLocation(lineText, column);
  const dumped = slot !== undefined ? model.memory.readWord(slot, model.wordBytes) : undefined;
  const value = dumped
    ? `: the word holds ${code(hexWord(dumped.value, model.wordBytes))} (line ${lineRef(dumped.line)}), ${model.classify(dumped.value).label}`
    : '';
  return `**${printed}** — an address past the kernel image, named after the linker's ${code(name)} (crash names any address after the last symbol so), not a function${value}`;
}
