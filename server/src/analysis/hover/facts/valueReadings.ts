// Readings of a value as a number: error code, signed/unsigned, bit patterns, ASCII, KASAN shadow.
import { poisonPointerDeltas } from '../../arch/registry';
import { kindInfo } from '../../classify';
import { hexWord } from '../../hex';
import { valueFacts } from '../../values';
import { code } from '../card';
import { readValue } from '../context';
import { faultAddressLine } from '../faultAddress';
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
    const { errno } = facts;
    // An ERR_PTR is as wide as a pointer: on a 64-bit kernel a zero-extended 32-bit −errno is an int (AT_FDCWD is −100).
    const intErrno = errno?.width === 32 && context.model.wordBytes === 8 ? errno : undefined;
    if (errno && !intErrno) {
      const error = `ERR_PTR / error code −${errno.value}${errno.name ? ` (${errno.name})` : ''}`;
      // The top page is also where a member at a negative offset from a NULL pointer lies (container_of on NULL).
      const belowNull = `NULL − 0x${errno.value.toString(16)}: a NULL pointer less a member's offset (container_of on NULL)`;
      lines.push(...(faultAddressLine(context.lineText) ? [belowNull, error] : [error, belowNull]));
    }
    if (!kindInfo(hovered.cls.kind).pointer) {
      if (facts.signed64 !== undefined && facts.signed64 > -(1n << 32n)) lines.push(`signed 64-bit: ${facts.signed64}`);
      if (intErrno)
        lines.push(
          `as a 32-bit int: ${facts.signed32}${intErrno.name ? ` (−${intErrno.name} if an error code)` : ''}${context.word.text.replace(/^0x/, '').length > 8 ? '; zero-extended to 64 bits, so not an ERR_PTR' : ''}`,
        );
      else if (facts.signed32 !== undefined) lines.push(`signed 32-bit: ${facts.signed32}`);
      lines.push(`unsigned: ${facts.unsigned}${value > 9n ? ` (0x${value.toString(16)})` : ''}`);
    }
    for (const p of facts.patterns) lines.push(p);
    if (facts.ascii) lines.push(`ASCII (little-endian): ${code(facts.ascii)}`);
    if (context.model.reports.some((r) => r.kind === 'kasan')) {
      const target = context.model.spec?.kasanShadowTarget?.(value);
      const shown = target !== undefined ? hexWord(target, context.model.wordBytes) : undefined;
      // Said once: the headline of a shadow address of the kernel half already names it (classify 'kasan-shadow').
      if (shown !== undefined && !hovered.cls.label.includes(shown)) lines.push(`KASAN shadow of ${code(shown)}`);
    }
    return lines.length ? lines.map((l) => `- ${l}`).join('\n') : undefined;
  },
};
