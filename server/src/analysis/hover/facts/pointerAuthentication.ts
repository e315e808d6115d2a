// arm64 pointer authentication: the address once its signature bits are stripped.
import { hexWord } from '../../hex';
import { code } from '../card';
import { readValue } from '../context';
import type { HoverFact } from '../fact';

export const pointerAuthentication: HoverFact = {
  id: 'pointer-authentication',
  describe(context) {
    const stripped = readValue(context)?.cls.stripped;
    return stripped === undefined
      ? undefined
      : `Pointer-authentication bits stripped: ${code(hexWord(stripped, context.model.wordBytes))}`;
  },
};
