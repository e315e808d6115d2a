// Registers of single-bit flags (x86 RFLAGS and CR0/CR4, ppc64's MSR): each bit's name and meaning,
// and the phrases of those a value has set, as status registers' hovers list them.

/** A register's single-bit fields: bit number (0 = least significant), name, what it means when set. */
export type NamedBits = readonly (readonly [bit: number, name: string, meaning: string])[];

/** `NAME: meaning` of every bit of `bits` that `value` has set, in the list's order. */
export function setBits(bits: NamedBits, value: bigint): string[] {
  return bits.filter(([bit]) => ((value >> BigInt(bit)) & 1n) === 1n).map(([, name, meaning]) => `${name}: ${meaning}`);
}
