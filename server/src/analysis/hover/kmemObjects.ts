// The slab objects `kmem ADDR` shows by their start: the `[ffff8880b0cf0b00]` line under
// `FREE / [ALLOCATED]` (brackets: allocated), which holds ADDR. Read from the kmem sections'
// lines where the kmem parser made no slab object of them (elided output without its CACHE table).
import { parseHex } from '../hex';
import type { Model } from '../model';
import { KMEM_OBJECT_ROW } from '../parse/commands/kmem';
import { perModel } from '../perModel';

export interface KmemObject {
  start: bigint;
  /** The address `kmem` was asked about: inside the object. */
  asked?: bigint;
  line: number;
}

const FREE_ALLOCATED = /FREE \/ \[ALLOCATED\]/;

export const kmemObjects = perModel((model: Model): KmemObject[] => {
  const objects: KmemObject[] = [];
  for (const section of model.sections) {
    if (section.kind !== 'kmem') continue;
    const asked = section.args.map((a) => parseHex(a)).find((a) => a !== undefined);
    let listed = false;
    for (let line = section.line + 1; line <= section.endLine && line < model.lineCount; line++) {
      const text = model.line(line) ?? '';
      if (FREE_ALLOCATED.test(text)) listed = true;
      // The kmem parser's object row; brackets mark an allocated object, the one kmem was asked about.
      const m = listed ? KMEM_OBJECT_ROW.exec(text.trim()) : null;
      const start = m?.[1] === '[' ? parseHex(m[2]) : undefined;
      if (start !== undefined) objects.push({ start, asked, line });
    }
  }
  return objects;
});

/** The object kmem shows holding `address`: one starting there, or the one kmem was asked about it. */
export function kmemObjectAt(model: Model, address: bigint): KmemObject | undefined {
  return kmemObjects(model).find((o) => o.start === address || (o.asked === address && o.start <= address));
}
