// Two lines of the transcript that cannot both be true: `symbol-base-conflict`
// (one function, two starts) and `memory-conflict` (one address, two values).
import type { Diagnostic } from '../types';
import { Evidence, hexAddress } from './evidence';
import { isHashedPointer } from './frames';

/** Starts farther apart than this come from different machines, not from one misread line. */
const SAME_MACHINE = 1n << 32n;
const MAX_REPORTED = 500;

export function checkSymbolBases(evidence: Evidence, emit: (d: Diagnostic) => void): void {
  let count = 0;
  for (const symbol of evidence.model.symbols.all) {
    if (symbol.base === undefined || symbol.conflicts.length === 0 || isHashedPointer(symbol.base)) continue;
    const first = symbol.baseEvidence[0];
    for (const conflict of symbol.conflicts) {
      const distance = conflict.base > symbol.base ? conflict.base - symbol.base : symbol.base - conflict.base;
      // Notes often quote a trace from another machine or architecture next to this one.
      if (
        distance >= SAME_MACHINE ||
        isHashedPointer(conflict.base) ||
        crashNamedDuplicates(evidence, symbol.name, conflict.line)
      )
        continue;
      if (++count > MAX_REPORTED) return;
      emit({
        code: 'symbol-base-conflict',
        severity: 'warning',
        message:
          `this line puts the start of ${symbol.name} at ${hexAddress(conflict.base)}, line ${first + 1} at ${hexAddress(symbol.base)}: ` +
          `two boots (KASLR) or two functions of that name are mixed, or a line is misread`,
        range: evidence.wordRange(conflict.line, symbol.name),
        related: [
          { range: evidence.wordRange(first, symbol.name), message: `${symbol.name} starts at ${hexAddress(symbol.base)}` },
        ],
      });
    }
  }
}

/** crash's `dis: NAME: duplicate text symbols found:` just above: two static functions share the name. */
function crashNamedDuplicates(evidence: Evidence, name: string, line: number): boolean {
  for (let i = line; i >= 0 && i >= line - 4; i--) {
    const text = evidence.model.line(i) ?? '';
    if (text.includes('duplicate text symbols') && text.includes(name)) return true;
  }
  return false;
}

export function checkMemoryConflicts(evidence: Evidence, emit: (d: Diagnostic) => void): void {
  let count = 0;
  for (const conflict of evidence.model.memory.conflicts) {
    const first = conflict.words[0];
    for (const word of conflict.words.slice(1)) {
      if (word.width !== first.width || word.value === first.value) continue;
      if (++count > MAX_REPORTED) return;
      const digits = word.width * 2;
      const shown = (v: bigint) => v.toString(16).padStart(digits, '0');
      emit({
        code: 'memory-conflict',
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
}
