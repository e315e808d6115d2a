// A value: what kind of address (or number) it is.
import { kindLabel } from '../../classify';
import { hexWord } from '../../hex';
import { readValue } from '../context';
import type { HoverFact } from '../fact';

export const valueHeading: HoverFact = {
  id: 'value-heading',
  describe(context) {
    const value = readValue(context);
    if (!value) return undefined;
    const label = value.cls.kind === 'direct-map' ? kindLabel('direct-map', context.model) : value.cls.label;
    if (value.decimal) return `**${context.word.text}** — ${label} (0x${value.raw.toString(16)})`;
    return `**${hexWord(value.raw, context.model.wordBytes)}** — ${label}`;
  },
};
