// Binary searches shared by the model's sorted indexes.

/** The last element whose key is ≤ `target` (elements sorted by key), or undefined. */
export function lastAtOrBefore<T, K extends number | bigint>(items: readonly T[], key: (item: T) => K, target: K): T | undefined {
  let low = 0;
  let high = items.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (key(items[mid]) <= target) {
      found = items[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * Position in `order` of the first entry whose 64-bit key (split into hi/lo
 * 32-bit columns) is ≥ hi:lo.
 */
export function lowerBoundHiLo(
  order: Uint32Array,
  hiColumn: ArrayLike<number>,
  loColumn: ArrayLike<number>,
  hi: number,
  lo: number,
): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const i = order[mid];
    if (hiColumn[i] < hi || (hiColumn[i] === hi && loColumn[i] < lo)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** First index in [0, length) whose key is ≥ target, for keys ascending with the index. */
export function firstIndexAtOrAfter(length: number, keyAt: (index: number) => number, target: number): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (keyAt(mid) < target) low = mid + 1;
    else high = mid;
  }
  return low;
}
