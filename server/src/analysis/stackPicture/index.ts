// The stack as a picture (issue 15): layout for the Stack view and its ASCII drawing.
import type { Model } from '../model';
import { buildStackPicture } from './build';
import { pictureStartAt, stackLensLines } from './start';
import type { StackPicture } from './types';

export type * from './types';
export { buildStackPicture, pictureStartAt, stackLensLines };
export { drawStackText } from './ascii';

/** The picture of the stack under a cursor line, or undefined when nothing there can be walked. */
export function stackPictureAt(model: Model, line: number): StackPicture | undefined {
  const start = pictureStartAt(model, line);
  return start ? buildStackPicture(model, start) : undefined;
}
