import type { SymbolRef } from '../types';

// `func+0x158/0x188 [module]`, `func+375`, `func`, `func+0x5/0x10`.
const SYMBOL_REF = /^([A-Za-z_.$][\w.$]*)(?:\+(0x[0-9a-fA-F]+|\d+))?(?:\/(0x[0-9a-fA-F]+|\d+))?(?:\s+\[([\w-]+)\])?$/;

export function parseSymbolRef(text: string): SymbolRef | undefined {
  const m = SYMBOL_REF.exec(text.trim());
  if (!m) return undefined;
  const ref: SymbolRef = { name: m[1] };
  if (m[2] !== undefined) ref.offset = Number(m[2]);
  if (m[3] !== undefined) ref.size = Number(m[3]);
  if (m[4] !== undefined) ref.module = m[4];
  return ref;
}
