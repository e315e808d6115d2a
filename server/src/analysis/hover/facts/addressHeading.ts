// The address column of a dump line (`ffff...:`): a memory address and what kind of memory.
import { kindLabel } from '../../classify';
import { hexWord } from '../../hex';
import type { HoverFact } from '../fact';

export const addressHeading: HoverFact = {
  id: 'address-heading',
  describe({ model, value }) {
    if (value?.role !== 'address-column') return undefined;
    const label = value.cls.kind === 'direct-map' ? kindLabel('direct-map', model) : value.cls.label;
    if (value.cls.kind === 'physical') return `**${hexWord(value.raw, model.wordBytes)}** — ${label}`;
    return `**${hexWord(value.raw, model.wordBytes)}** — memory address\n\n${label}`;
  },
};
