// arm64 pointer tags: pointer authentication (PAC) and top-byte-ignore put bits above
// VA_BITS of a saved LR or pointer; a kernel pointer has bit 55 set, so the canonical
// form sets every bit above VA_BITS again.

/** Strips pointer-authentication bits from a kernel pointer (bit 55 set). */
export function stripPac(value: bigint, vaBits: number): bigint {
  const mask = (1n << BigInt(vaBits)) - 1n;
  const upper = value >> BigInt(vaBits);
  const allOnes = (1n << BigInt(64 - vaBits)) - 1n;
  if (upper === allOnes || upper === 0n) return value;
  if (((value >> 55n) & 1n) === 1n) return (value & mask) | (~mask & ((1n << 64n) - 1n));
  return value;
}
