import type { SymbolRef } from '../types';

// `func+0x158/0x188 [module]`, `func+375`, `func`, `func+0x5/0x10`.
const SYMBOL_REF =
  /^([A-Za-z_.$][\w.$]*)(?:\+(0x[0-9a-fA-F]+|\d+))?(?:\/(0x[0-9a-fA-F]+|\d+))?(?:\s+\[([\w-]+)(?: [0-9a-f]{20,64})?\])?$/;

export function parseSymbolRef(text: string): SymbolRef | undefined {
  const m = SYMBOL_REF.exec(text.trim());
  if (!m) return undefined;
  const ref: SymbolRef = { name: m[1] };
  if (m[2] !== undefined) ref.offset = Number(m[2]);
  if (m[3] !== undefined) ref.size = Number(m[3]);
  if (m[4] !== undefined) ref.module = m[4];
  return ref;
}

// crash's `[exception RIP: lkdtm_BUG+5]`; with a hex radix `[exception RIP: __cld_pipe_upcall+0x3d]`.
const EXCEPTION_RIP = /^([A-Za-z_.$][\w.$]*)(?:\+(0x[0-9a-fA-F]+|\d+))?$/;

/** The function and offset an exception RIP names; undefined for `unknown or invalid address` and the like. */
export function exceptionRipSymbol(text: string | undefined): { name: string; offset?: number } | undefined {
  const m = text === undefined ? null : EXCEPTION_RIP.exec(text);
  return m ? { name: m[1], offset: m[2] === undefined ? undefined : Number(m[2]) } : undefined;
}
