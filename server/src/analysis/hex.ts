// 64-bit values are bigint everywhere outside the hot parsing loops.
export const MASK64 = (1n << 64n) - 1n;

const HEX_WORD = /^(?:0x)?[0-9a-fA-F]+$/;

/** Parses a hex word with or without 0x; undefined when it is not hex or wider than 64 bits. */
export function parseHex(text: string): bigint | undefined {
  if (!HEX_WORD.test(text)) return undefined;
  const digits = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
  if (digits.length === 0 || digits.length > 16) return undefined;
  return BigInt('0x' + digits);
}

/** Zero-padded 16-digit lowercase hex, the way crash prints a 64-bit word. */
export function hex16(value: bigint): string {
  return (value & MASK64).toString(16).padStart(16, '0');
}

export function hex(value: bigint): string {
  return value < 0n ? '-0x' + (-value).toString(16) : '0x' + value.toString(16);
}

export function toSigned64(value: bigint): bigint {
  return value >= 1n << 63n ? value - (1n << 64n) : value;
}

export function toSigned32(value: bigint): bigint {
  const low = value & 0xffffffffn;
  return low >= 1n << 31n ? low - (1n << 32n) : low;
}

/** Hi/lo 32-bit halves of a hex string without allocating a bigint (hot path). */
export function hexHalves(text: string, start: number, end: number): [number, number] {
  let hi = 0;
  let lo = 0;
  const split = Math.max(start, end - 8);
  for (let i = start; i < split; i++) hi = hi * 16 + hexDigit(text.charCodeAt(i));
  for (let i = split; i < end; i++) lo = lo * 16 + hexDigit(text.charCodeAt(i));
  return [hi, lo];
}

const HEX_VALUES = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX_VALUES[48 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX_VALUES[97 + c] = 10 + c;
  HEX_VALUES[65 + c] = 10 + c;
}

/** Value of a hex digit's char code, or -1. */
export function hexDigit(code: number): number {
  return code < 128 ? HEX_VALUES[code] : -1;
}

export function fromHalves(hi: number, lo: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo);
}

export function halves(value: bigint): [number, number] {
  return [Number((value >> 32n) & 0xffffffffn), Number(value & 0xffffffffn)];
}
