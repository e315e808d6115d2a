// A negative decimal a kernel message reports as an error (`failed with error -6`, `err=-22`,
// `ret -110`): the errno it is, which the message leaves to its reader.
import { errnoName } from '../../values';
import type { HoverFact } from '../fact';

/** What a message says before an error number: `error`, `err=`, `ret:`, `returned`, `rc=`, `status`, `failed:`. */
const ERROR_LEAD = /(?:\berr(?:or|no)?|\bret(?:urned)?|\brc|\bstatus|\bresult|\bfailed(?: with)?)\s*[:=(]?\s*$/i;

export const errorNumber: HoverFact = {
  id: 'error-number',
  describe({ word, lineText }) {
    if (word.kind !== 'decimal' || word.text.length > 4 || lineText[word.start - 1] !== '-') return undefined;
    const name = errnoName(Number(word.text));
    if (name === undefined || !ERROR_LEAD.test(lineText.slice(0, word.start - 1))) return undefined;
    return `**−${word.text}** — error code −${name}`;
  },
};
