// The Stack view's request (protocol/): the picture of the stack under a cursor line,
// or its ASCII drawing, from the document's one model and the unwinder's walk.
import { packPicture, StackViewRequest, type PackedPicture, type StackViewResponse } from '../../../protocol/src';
import { drawStackText, stackLensLinesMostDumpedFirst, stackPictureAt, type StackPicture } from '../analysis/stackPicture';
import type { Model } from '../analysis/model';
import { unwindUnavailable } from '../analysis/unwind';
import type { Feature } from './feature';

/** Each picture packed for the wire once (pictures are shared per model version). */
const packed = new WeakMap<StackPicture, PackedPicture>();
const drawn = new WeakMap<StackPicture, string>();

/**
 * Pictures made ready in the background per document version: the stacks "Show stack" lenses
 * offer, the most dumped first (the slowest to build on demand), at most this many and this many
 * rows (four 64 KiB stacks), so that a transcript of a thousand tasks' stacks keeps a few
 * megabytes of them, not a picture per task.
 */
const READY_PICTURES = 8;
const READY_ROWS = 4 * 8192;

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
   * Walks, lays out and packs the stacks the lenses offer, one per step, the most dumped first
   * (the slowest to build on demand), so that opening the view on one of them (the lens, or the
   * command on its bt) answers from the cache.
   */
  *settled(model: Model) {
    const mostDumped = stackLensLinesMostDumpedFirst(model);
    yield;
    let rows = 0;
    for (const line of mostDumped.slice(0, READY_PICTURES)) {
      if (rows >= READY_ROWS) break;
      const picture = stackPictureAt(model, line);
      if (picture) wireOf(picture);
      rows += picture?.rowCount ?? 0;
      yield;
    }
  },
};
