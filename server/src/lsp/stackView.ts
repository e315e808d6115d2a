// The Stack view's request (protocol/): the picture of the stack under a cursor line,
// or its ASCII drawing, from the document's one model and the unwinder's walk.
import { packPicture, StackViewRequest, type PackedPicture, type StackViewResponse } from '../../../protocol/src';
import { drawStackText, stackLensLines, stackPictureAt, type StackPicture } from '../analysis/stackPicture';
import type { Model } from '../analysis/model';
import { unwindUnavailable } from '../analysis/unwind';
import type { Feature } from './feature';

/** Each picture packed for the wire once (pictures are shared per model version). */
const packed = new WeakMap<StackPicture, PackedPicture>();
const drawn = new WeakMap<StackPicture, string>();

/** Pictures made ready in the background per document version: the first stacks a "Show stack" lens offers. */
const READY_PICTURES = 8;

const NOT_ANALYSED: StackViewResponse = { message: 'The transcript is not open or too large to analyse.' };

function wireOf(picture: StackPicture): PackedPicture {
  let wire = packed.get(picture);
  if (!wire) {
    wire = packPicture(picture);
    packed.set(picture, wire);
  }
  return wire;
}

export const stackView: Feature = {
  capabilities: {},
  register({ connection, documents }) {
    connection.onRequest(StackViewRequest, (params, token) => {
      if (typeof params?.uri !== 'string' || !Number.isInteger(params.line) || params.line < 0) return NOT_ANALYSED;
      return documents.withModel(
        // The view follows the user's edits: a picture of the version it waited for still helps.
        { handler: 'stackView', uri: params.uri, line: params.line, token, evenIfStale: true },
        NOT_ANALYSED,
        (model): StackViewResponse => {
          const picture = stackPictureAt(model, Math.min(params.line, model.lineCount - 1));
          if (!picture) {
            const why = unwindUnavailable(model);
            if (why) return { message: `No stack picture: ${why}.` };
            return { message: 'Nothing here to walk: put the cursor on a bt, a register line or a stack dump.' };
          }
          if (params.want === 'text') {
            const text = drawn.get(picture) ?? drawStackText(picture);
            drawn.set(picture, text);
            return { text };
          }
          return { picture: wireOf(picture) };
        },
      );
    });
  },
  /**
   * Walks, lays out and packs the stacks the lenses offer, one per step, so that opening the
   * view on one of them (the lens, or the command on its bt) answers from the cache.
   */
  *settled(model: Model) {
    const lines = stackLensLines(model);
    yield;
    for (const line of lines.slice(0, READY_PICTURES)) {
      const picture = stackPictureAt(model, line);
      if (picture) wireOf(picture);
      yield;
    }
  },
};
