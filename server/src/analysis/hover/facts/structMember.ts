// An address inside an object the transcript lists with `struct -o TYPE ADDR`: the member there.
import { hexWord } from '../../hex';
import { membersAt } from '../../structs';
import type { StructLayout } from '../../types';
import { code, lineRef } from '../card';
import { readValue } from '../context';
import type { HoverFact } from '../fact';

/** The bytes a listed object spans: its SIZE line, else to the end of its last member. */
function extentOf(layout: StructLayout): number {
  if (layout.size !== undefined) return layout.size;
  return layout.members.reduce((end, m) => Math.max(end, m.offset + (m.size ?? 1)), 0);
}

export const structMember: HoverFact = {
  id: 'struct-member',
  describe(context) {
    const value = readValue(context);
    if (!value) return undefined;
    const { model, line } = context;
    // The latest listing that holds the address (a later `struct -o` of the object wins).
    let listing: StructLayout | undefined;
    for (const layout of model.structList) {
      if (layout.address === undefined || value.address < layout.address) continue;
      if (value.address - layout.address < BigInt(extentOf(layout))) listing = layout;
    }
    if (!listing) return undefined;
    const offset = Number(value.address - listing.address!);
    const hit = membersAt(listing, offset)[0];
    const member = hit ? ` = ${code(`${hit.member.path}${hit.delta ? `+${hit.delta}` : ''}`)}` : '';
    const where = listing.line === line ? 'listed here' : `listed at line ${lineRef(listing.line)}`;
    const start = code(hexWord(listing.address!, model.wordBytes));
    return offset === 0
      ? `Start of struct ${listing.name}${member} (${code('struct -o')} ${where})`
      : `struct ${listing.name} ${start} + 0x${offset.toString(16)}${member} (${code('struct -o')} ${where})`;
  },
};
