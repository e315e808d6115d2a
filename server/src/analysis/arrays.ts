// Empty arrays that start with the elements kind they will end with. An empty `[]` starts as
// small integers and changes kind at its first object (or first number past 2^30); code V8
// optimised while one analysis filled its arrays expects the changed kind, so every fresh model's
// first push deoptimised it, and it was compiled again for each analysis.

/** An empty array of objects (or strings, or anything not a small integer). */
export function objectArray<T>(): T[] {
  const array: T[] = [undefined as T];
  array.pop();
  return array;
}

/** An empty array of numbers that need not be small integers (32-bit halves of addresses). */
export function doubleArray(): number[] {
  const array = [0.5];
  array.pop();
  return array;
}
