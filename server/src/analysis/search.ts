// Binary searches shared by the model's sorted indexes.

/** Last index in [0, length) whose key is ≤ target, for keys ascending with the index; -1 when none is. */
export function lastIndexAtOrBefore<K extends number | bigint>(length: number, keyAt: (index: number) => K, target: K): number {
  let low = 0;
  let high = length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (keyAt(mid) <= target) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** The last element whose key is ≤ `target` (elements sorted by key), or undefined. */
export function lastAtOrBefore<T, K extends number | bigint>(items: readonly T[], key: (item: T) => K, target: K): T | undefined {
  const found = lastIndexAtOrBefore(items.length, (i) => key(items[i]), target);
  return found >= 0 ? items[found] : undefined;
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
