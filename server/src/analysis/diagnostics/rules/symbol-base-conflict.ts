// `symbol-base-conflict`: two lines imply different start addresses for one function
// (one dump cannot hold both). Starts farther apart than a machine's text, hashed
// pointers and crash's own `duplicate text symbols` notice are left alone.
import { Evidence, hexAddress, isHashedPointer, namesNoFunction } from '../evidence';
import { defineRule } from '../rule';

/** Starts farther apart than this come from different machines, not from one misread line. */
const SAME_MACHINE = 1n << 32n;
const MAX_REPORTED = 500;

export const symbolBaseConflict = defineRule({
  code: 'symbol-base-conflict',
  severity: 'warning',
  description: 'Two lines imply different start addresses for one function.',
  arches: 'any',
  example: {
    lines: [
      'crash> dis -l ffffffff81000010',
      '0xffffffff81000010 <foo+16>:\tnop',
      'crash> sym ffffffff81000110',
      'ffffffff81000110 (T) foo+16 kernel/foo.c: 10',
    ],
    firesOn: [3],
  },
  check({ evidence, emit }) {
    let count = 0;
    // gdb labels riscv64 functions after their ftrace patch area, kallsyms before it.
    const skew = evidence.model.spec?.listingLabelSkew;
    for (const symbol of evidence.model.symbols.all) {
      if (symbol.base === undefined || symbol.conflicts.length === 0 || isHashedPointer(symbol.base, evidence.model.layout))
        continue;
      // A mapping symbol (`$x…`) marks every stretch of code: it has many starts by nature.
      if (namesNoFunction(symbol.name)) continue;
      const first = symbol.baseEvidence[0];
      for (const conflict of symbol.conflicts) {
        const distance = conflict.base > symbol.base ? conflict.base - symbol.base : symbol.base - conflict.base;
        // Notes often quote a trace from another machine or architecture next to this one.
        if (
          distance >= SAME_MACHINE ||
          distance === skew ||
          isHashedPointer(conflict.base, evidence.model.layout) ||
          crashNamedDuplicates(evidence, symbol.name, conflict.line) ||
          oneSymbolListing(evidence, symbol.baseEvidence, conflict.line)
        )
          continue;
        if (++count > MAX_REPORTED) return;
        emit({
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
  },
});

/**
 * One `sym -l`/`sym -m` listing (one dump's symbol table) names the function at both starts:
 * two static functions share the name, as in many kernels and modules.
 */
function oneSymbolListing(evidence: Evidence, baseLines: readonly number[], line: number): boolean {
  const section = evidence.model.sectionAt(line);
  return section?.kind === 'sym' && baseLines.some((l) => l >= section.line && l <= section.endLine);
}

/** crash's `dis: NAME: duplicate text symbols found:` just above: two static functions share the name. */
function crashNamedDuplicates(evidence: Evidence, name: string, line: number): boolean {
  for (let i = line; i >= 0 && i >= line - 4; i--) {
    const text = evidence.model.line(i) ?? '';
    if (text.includes('duplicate text symbols') && text.includes(name)) return true;
  }
  return false;
}
