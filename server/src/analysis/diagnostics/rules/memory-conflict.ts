// `memory-conflict`: one address shown with two values of the same width. Inside one
// dump (one command's output) that is a misread or edited line: an error. Between
// separate commands it is information only: a live system (`crash` without a vmcore)
// changes memory between commands (`rd jiffies`, then `rd -d jiffies`), and notes mix
// sessions. Values are compared as numbers, so `rd -d` and `rd -x` of one value agree.
import type { MemoryWord } from '../../memory';
import { Evidence, hexAddress } from '../evidence';
import { defineRule, PAUSE_EVERY } from '../rule';

const MAX_REPORTED = 500;

export const memoryConflict = defineRule({
  code: 'memory-conflict',
  severity: 'error',
  description: 'One address is shown with two values in one dump (error) or by separate commands (info).',
  arches: 'any',
  example: {
    lines: [
      'crash> rd -x ffffffc0427f33b0 4',
      'ffffffc0427f33b0:  ffffffc0427f33e0 ffffffc008fb9754',
      'ffffffc0427f33b0:  ffffffc0427f33e1 ffffffc008fb9754',
      'crash> rd -x ffffffc0427f33b8',
      'ffffffc0427f33b8:  ffffffc008fb9758',
    ],
    firesOn: [2, 4],
  },
  *check({ evidence, emit }) {
    let seen = 0;
    let count = 0;
    for (const conflict of evidence.model.memory.conflicts) {
      if (++seen % PAUSE_EVERY === 0) yield;
      const address = hexAddress(conflict.address);
      conflict.words.forEach((word, k) => {
        const earlier = conflict.words.slice(0, k).filter((w) => w.width === word.width);
        const sameDump = earlier.find((w) => w.value !== word.value && sameSection(evidence, w, word));
        // Between commands only a change since the last showing is news (a counter read five times).
        const before = sameDump ?? earlier.at(-1);
        if (!before || before.value === word.value || ++count > MAX_REPORTED) return;
        const now = shown(evidence, word);
        const then = shown(evidence, before);
        emit({
          severity: sameDump ? 'error' : 'info',
          message: sameDump
            ? `${address} holds ${now.text} here but ${then.text} on line ${before.line + 1}: one dump cannot show two values at one address`
            : `${address} holds ${now.text} here but ${then.text} on line ${before.line + 1}, an earlier command: ` +
              `memory changed in between (a live system) or the commands come from different dumps`,
          range: evidence.wordRange(word.line, now.onLine, word.column),
          related: [{ range: evidence.wordRange(before.line, then.onLine, before.column), message: `${address}: ${then.text}` }],
        });
      });
      if (count > MAX_REPORTED) return;
    }
  },
});

/** Both words are output of one crash command (words outside any command's output are never one dump). */
function sameSection(evidence: Evidence, a: MemoryWord, b: MemoryWord): boolean {
  const section = evidence.model.sectionAt(a.line);
  return section !== undefined && section === evidence.model.sectionAt(b.line);
}

/** A word as its line prints it (`rd -d` prints decimal) and, for a message, with its hex beside a decimal. */
function shown(evidence: Evidence, word: MemoryWord): { onLine: string; text: string } {
  const hex = word.value.toString(16).padStart(word.width * 2, '0');
  const decimal = word.value.toString(10);
  const line = (evidence.model.line(word.line) ?? '').slice(word.column);
  if (line.includes(hex) || !new RegExp(`\\b${decimal}\\b`).test(line)) return { onLine: hex, text: hex };
  return { onLine: decimal, text: `${decimal} (0x${word.value.toString(16)})` };
}
