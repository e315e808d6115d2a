// The stack as a picture (issue 15): layout for the Stack view and its ASCII drawing.
import type { Model } from '../model';
import type { UnwindStart } from '../unwind';
import { buildStackPicture } from './build';
import { pictureStartAt, stackLensLines, stackLensLinesMostDumpedFirst } from './start';
import type { StackPicture } from './types';

export type * from './types';
export { buildStackPicture, pictureStartAt, stackLensLines, stackLensLinesMostDumpedFirst };
export { drawStackText } from './ascii';

interface Pictures {
  /** The picture (or none) each cursor line asked for. */
  byLine: Map<number, StackPicture | null>;
  /** Lines that start the same walk share one picture. */
  byStart: Map<string, StackPicture>;
}

/**
 * Pictures built from one model (one document version): the view asks again on every
 * cursor move, Copy as text and each reopening; the model never changes, so neither do they.
 */
const cache = new WeakMap<Model, Pictures>();

/**
 * The picture of the stack under a cursor line, or undefined when nothing there can be
 * walked. Built once per model and walk; callers share the object and must not change it.
 */
export function stackPictureAt(model: Model, line: number): StackPicture | undefined {
  let pictures = cache.get(model);
  if (!pictures) {
    pictures = { byLine: new Map(), byStart: new Map() };
    cache.set(model, pictures);
  }
  const known = pictures.byLine.get(line);
  if (known !== undefined) return known ?? undefined;
  const start = pictureStartAt(model, line);
  let picture: StackPicture | undefined;
  if (start) {
    const key = startKey(start);
    picture = pictures.byStart.get(key);
    if (!picture) {
      picture = buildStackPicture(model, start);
      pictures.byStart.set(key, picture);
    }
  }
  pictures.byLine.set(line, picture ?? null);
  return picture;
}

/** The picture a cursor line already has (built by an earlier request or in the background), without building one. */
export function builtStackPictureAt(model: Model, line: number): StackPicture | undefined {
  return cache.get(model)?.byLine.get(line) ?? undefined;
}

function startKey(start: UnwindStart): string {
  return Object.entries(start)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .sort()
    .join(';');
}
