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

/** A word as crash prints it on the architecture: 8 digits on 32-bit kernels (when it fits), else 16. */
export function hexWord(value: bigint, wordBytes: 4 | 8): string {
  return wordBytes === 4 && value >= 0n && value < 0x100000000n ? value.toString(16).padStart(8, '0') : hex16(value);
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

/**
 * Hex digit values by char code, -1 for anything else: one entry per UTF-16 code unit, so
 * the parser's hot loops index it with any `charCodeAt` without a range check.
 */
export const HEX_DIGITS = new Int8Array(65536).fill(-1);
for (let c = 0; c < 10; c++) HEX_DIGITS[48 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX_DIGITS[97 + c] = 10 + c;
  HEX_DIGITS[65 + c] = 10 + c;
}

/** Value of a hex digit's char code, or -1 (also for NaN, `charCodeAt` past the end). */
export function hexDigit(code: number): number {
  return HEX_DIGITS[code] ?? -1;
}

/** The high 32 bits of the hex digits text[start, end) (at most 16), without a bigint (hot path). */
export function hexHigh32(text: string, start: number, end: number): number {
  let hi = 0;
  for (let k = start; k < end - 8; k++) hi = hi * 16 + hexDigit(text.charCodeAt(k));
  return hi;
}

/** The low 32 bits of the hex digits text[start, end). */
export function hexLow32(text: string, start: number, end: number): number {
  let lo = 0;
  for (let k = Math.max(start, end - 8); k < end; k++) lo = lo * 16 + hexDigit(text.charCodeAt(k));
  return lo;
}

export function fromHalves(hi: number, lo: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo);
}

export function halves(value: bigint): [number, number] {
  return [Number((value >> 32n) & 0xffffffffn), Number(value & 0xffffffffn)];
}
