// Runs of console lines (a printk timestamp, then a body of one kind) at the cost of their own region:
// a kernel log is mostly such lines one after another, and each paid the document's list twice (its
// entry into a console-printk-* region at the line start, the empty search at its end) and the
// region's end.
//
// Here the document's printk regions become begin/while regions that the next timestamped line of
// the same kind stays in: their `while` is their begin (the prefix, with the same captures), checked
// before anything else at the next line's start, and the body is read by the region's list as before.
// The first other line fails the check and the document's list reads it as before.
//
// Two things make that work in vscode-textmate:
// - `\G` matches at column 0 (for the check, and for the document's list after a failed one) only
//   when the innermost region's begin took the previous line's end. So a line of a run ends in a rule
//   that takes the newline (lineEnds.ts) or by entering `line-end`, whose begin takes it (or, where a
//   rule inside took it, the end of the string); either is dropped at the next line's start (its
//   `while` never matches).
// - The check takes any line of its kind, a line that a whole-line run before the printk regions
//   (runs.ts: console-line-fast's timestamped frames and registers) would take as well: that run's
//   regex is a copy of a body rule of the same family (dispatch.ts), so the run's list reads the line
//   with the same rule and the same tokens, but for the scope of the body's indent (the family's,
//   indent.ts; `node scripts/compare-grammar-tokens.mjs --except-blanks` checks every other
//   character). Refusing such lines (a negative look-ahead of those runs' regexes, tried first) cost
//   every line of a run 2 µs: consoles 5 % slower.
import { PRINTK_REGIONS } from './dispatch';
import { inc, type Rule, type RuleSet } from './grammar';
import { NEVER_AGAIN } from './lineEnds';

const LINE_END: Rule = {
  comment:
    "The end of a line in a run of console lines (printkRuns.ts): its begin takes the newline, or the string's end where a rule took the newline, so that `\\G` matches at the next line's start; its while never matches (a line holds no two newlines), so it is left there.",
  begin: String.raw`\n|\Z`,
  while: NEVER_AGAIN,
  patterns: [],
};

/** Rewrites the document's printk regions as runs. */
export function printkRuns(repository: RuleSet): void {
  const document = repository.document;
  repository['line-end'] = LINE_END;
  (document.patterns ?? []).forEach((pattern, at) => {
    const name = 'include' in pattern ? pattern.include.slice(1) : undefined;
    if (name === undefined || !PRINTK_REGIONS.includes(name)) return;
    const region = repository[name];
    if (region.begin === undefined || !region.begin.startsWith('\\G') || region.end === undefined)
      throw new Error(`grammar: ${name} is no \\G-anchored begin/end region`);
    repository[`${name}-run`] = {
      comment: `${region.comment} As a run (printkRuns.ts): the next line of its kind stays in it.`,
      begin: region.begin,
      ...(region.beginCaptures !== undefined && { beginCaptures: region.beginCaptures }),
      while: region.begin,
      ...(region.beginCaptures !== undefined && { whileCaptures: region.beginCaptures }),
      patterns: [...(region.patterns ?? []), inc('line-end')],
    };
    document.patterns![at] = inc(`${name}-run`);
  });
}
