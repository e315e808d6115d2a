// `memory-conflict`: one address shown with two values of the same width (two dumps
// of different machines or boots, or a misread line).
import { hexAddress } from '../evidence';
import { defineRule, PAUSE_EVERY } from '../rule';

const MAX_REPORTED = 500;

export const memoryConflict = defineRule({
  code: 'memory-conflict',
  severity: 'error',
  description: 'One address is shown with two values.',
  arches: 'any',
  example: {
    lines: [
      'crash> rd -x ffffffc0427f33b0 2',
      'ffffffc0427f33b0:  ffffffc0427f33e0 ffffffc008fb9754',
      'crash> rd -x ffffffc0427f33b0 2',
      'ffffffc0427f33b0:  ffffffc0427f33e1 ffffffc008fb9754',
    ],
    firesOn: [3],
  },
  *check({ evidence, emit }) {
    let seen = 0;
    let count = 0;
    for (const conflict of evidence.model.memory.conflicts) {
      if (++seen % PAUSE_EVERY === 0) yield;
      const first = conflict.words[0];
      for (const word of conflict.words.slice(1)) {
        if (word.width !== first.width || word.value === first.value) continue;
        if (++count > MAX_REPORTED) return;
        const digits = word.width * 2;
        const shown = (v: bigint) => v.toString(16).padStart(digits, '0');
        emit({
          severity: 'error',
          message:
            `${hexAddress(conflict.address)} holds ${shown(word.value)} here but ${shown(first.value)} on line ${first.line + 1}: ` +
            `one dump cannot show two values at one address`,
          range: evidence.wordRange(word.line, shown(word.value), word.column),
          related: [
            {
              range: evidence.wordRange(first.line, shown(first.value), first.column),
              message: `${hexAddress(conflict.address)}: ${shown(first.value)}`,
            },
          ],
        });
      }
    }
  },
});
