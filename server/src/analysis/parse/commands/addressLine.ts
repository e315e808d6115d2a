// `ADDR: REST` lines that a command's parser reads itself (see DumpReading.ownLines): the
// address and what follows it, and words stored from bigint values.
import type { MemorySink } from '../memoryLine';

const ADDRESS_LINE = /^\s*([0-9a-fA-F]{1,16}):\s+(.*?)\s*$/;

export interface AddressLine {
  address: bigint;
  /** Hex digits of the address as printed: 8 or fewer on 32-bit dumps and for physical addresses. */
  digits: number;
  rest: string;
  /** Column of `rest`. */
  restColumn: number;
}

export function parseAddressLine(text: string): AddressLine | undefined {
  const m = ADDRESS_LINE.exec(text);
  if (!m) return undefined;
  return { address: BigInt('0x' + m[1]), digits: m[1].length, rest: m[2], restColumn: text.indexOf(m[2], m[1].length + 1) };
}

/** Stores one word of `width` bytes; negative values (decimal `rd -d`) as two's complement. */
export function storeWord(sink: Pick<MemorySink, 'word'>, address: bigint, value: bigint, width: number, column: number): void {
  const bits = BigInt(width * 8);
  const unsigned = BigInt.asUintN(Number(bits), value);
  sink.word(
    Number(address >> 32n) >>> 0,
    Number(address & 0xffffffffn),
    Number(unsigned >> 32n) >>> 0,
    Number(unsigned & 0xffffffffn),
    width,
    column,
  );
}
