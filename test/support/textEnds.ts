// The answer a re-analysis's edit span must match: what two texts share, found by comparing characters.

/** How many characters two texts share at their start and, after that, at their end. */
export function sharedEnds(a: string, b: string): { head: number; tail: number } {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  const limit = Math.min(a.length, b.length) - head;
  while (tail < limit && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { head, tail };
}
