// Readings of a value as a number: error code, signed/unsigned, bit patterns, ASCII, KASAN shadow.
import { poisonPointerDeltas } from '../../arch/registry';
import { kindInfo } from '../../classify';
import { hexWord } from '../../hex';
import { valueFacts } from '../../values';
import { code } from '../card';
import { readValue } from '../context';
import type { HoverFact } from '../fact';

export const valueReadings: HoverFact = {
  id: 'value-readings',
  describe(context) {
    const hovered = readValue(context);
    // Status bits read as fields (./statusBits), not as a number.
    if (!hovered || hovered.status) return undefined;
    const value = hovered.raw;
    const inText = hovered.cls.kind === 'kernel-text' || hovered.cls.kind === 'module-text';
    const facts = valueFacts(value, poisonPointerDeltas(context.model.spec), inText);
    const lines: string[] = [];
    if (facts.errno) lines.push(`ERR_PTR / error code −${facts.errno.value}${facts.errno.name ? ` (${facts.errno.name})` : ''}`);
    if (!kindInfo(hovered.cls.kind).pointer) {
      if (facts.signed64 !== undefined && facts.signed64 > -(1n << 32n)) lines.push(`signed 64-bit: ${facts.signed64}`);
      if (facts.signed32 !== undefined) lines.push(`signed 32-bit: ${facts.signed32}`);
      lines.push(`unsigned: ${facts.unsigned}${value > 9n ? ` (0x${value.toString(16)})` : ''}`);
    }
    for (const p of facts.patterns) lines.push(p);
    if (facts.ascii) lines.push(`ASCII (little-endian): ${code(facts.ascii)}`);
    if (context.model.reports.some((r) => r.kind === 'kasan')) {
      const target = context.model.spec?.kasanShadowTarget?.(value);
      if (target !== undefined) lines.push(`KASAN shadow of ${code(hexWord(target, context.model.wordBytes))}`);
    }
    return lines.length ? lines.map((l) => `- ${l}`).join('\n') : undefined;
  },
};
