// What is derived from a whole model once and kept with it: made on first use, shared by every
// request on that model (one document version), dropped with it.
import type { Model } from './model';

/** `derive` run once per model: later calls on the same model get its first answer. */
export function perModel<T>(derive: (model: Model) => T): (model: Model) => T {
  const derived = new WeakMap<Model, T>();
  return (model) => {
    const known = derived.get(model);
    if (known !== undefined || derived.has(model)) return known as T;
    const value = derive(model);
    derived.set(model, value);
    return value;
  };
}
