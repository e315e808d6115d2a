import { strict as assert } from 'assert';
import { InstructionIndex } from '../../server/src/analysis/instructions';

/** A `dis` line of an address, as crash prints it. */
const disLine = (address: bigint) => `0x${address.toString(16).padStart(16, '0')} <func+0>:\tnop`;

/** Addresses of listings: the same functions listed again, in kernel text and two module areas (three high halves). */
function listings(seed: number): bigint[] {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state % n;
  };
  const starts = [0xffffffff81000000n, 0xffffffffc0a00000n, 0xffff800008010000n, 0xffffa00000000000n];
  const addresses: bigint[] = [];
  for (let listing = 0; listing < 40; listing++) {
    let address = starts[random(starts.length)] + BigInt(random(64) * 4);
    for (let k = random(30); k > 0; k--) addresses.push((address += BigInt(1 + random(8))));
  }
  return addresses;
}

/** Every address's lines in line order, and the addresses in order, as a plain sort finds them. */
function expected(addresses: bigint[]): { lines: Map<bigint, number[]>; sorted: bigint[] } {
  const lines = new Map<bigint, number[]>();
  addresses.forEach((address, line) => lines.set(address, [...(lines.get(address) ?? []), line]));
  return { lines, sorted: [...lines.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) };
}

function indexOf(addresses: bigint[], lineOrder: number[]): InstructionIndex {
  const index = new InstructionIndex((line) => disLine(addresses[line]));
  for (const line of lineOrder) index.add(Number(addresses[line] >> 32n), Number(addresses[line] & 0xffffffffn), line);
  index.finalize();
  return index;
}

describe('instruction index', () => {
  for (const seed of [1, 2, 3]) {
    it(`finds each address's listing lines in line order and ranges in address order (seed ${seed})`, () => {
      const addresses = listings(seed);
      const { lines, sorted } = expected(addresses);
      const inLineOrder = addresses.map((_, line) => line);
      // Added in line order (as the parser adds them) and out of it (the order must not depend on it).
      for (const index of [indexOf(addresses, inLineOrder), indexOf(addresses, [...inLineOrder].reverse())]) {
        for (const [address, expectedLines] of lines) assert.deepEqual(index.linesAt(address), expectedLines);
        const all = index.range(sorted[0], sorted[sorted.length - 1] + 1n).map((i) => i.address);
        assert.deepEqual(all, sorted);
        assert.equal(index.before(sorted[1])?.address, sorted[1] - sorted[0] <= 16n ? sorted[0] : undefined);
      }
    });
  }
});
