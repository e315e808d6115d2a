// The custom unwind request (protocol/): the frame walk as the text of a read-only document.
import { UnwindRequest, type UnwindResponse } from '../../../protocol/src';
import { parseHex } from '../analysis/hex';
import { unwindFromAddress, unwindStartAtLine, unwindText, unwindUnavailable } from '../analysis/unwind';
import type { Feature } from './feature';

const answer = (text: string): UnwindResponse => ({ text, title: 'unwind', links: [] });
const NOT_ANALYSED = answer('The transcript is not open or too large to analyse.\n');

export const unwind: Feature = {
  capabilities: {},
  register({ connection, documents }) {
    connection.onRequest(UnwindRequest, (params, token) =>
      documents.withModel(
        // The user asked for this walk: it is answered even when the document changed meanwhile.
        { handler: 'unwind', uri: params.uri, line: params.line, token, evenIfStale: true },
        NOT_ANALYSED,
        (model) => {
          let start = typeof params.line === 'number' ? unwindStartAtLine(model, params.line) : undefined;
          if (!start && typeof params.address === 'string') {
            const address = parseHex(params.address.trim());
            if (address !== undefined) start = unwindFromAddress(model, address);
          }
          if (!start) {
            const why = unwindUnavailable(model);
            return answer(why ? `Nothing to unwind: ${why}.\n` : 'Nothing to unwind from here.\n');
          }
          const result = unwindText(model, start);
          return { text: result.text, title: `Unwound stack from ${start.label ?? '?'}`, links: result.links };
        },
      ),
    );
  },
};
