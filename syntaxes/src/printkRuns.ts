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
// - The check must leave to the document's list a line that a rule before the printk regions would
//   take: a whole-line run (runs.ts) of timestamped lines (console-line-fast's frames and registers).
//   So it refuses a line that such a run's regex takes (a negative look-ahead of it, groups uncaptured).
//   The other rules before them cannot take it: deep-indent-line needs a blank first, and the printk
//   regions' bodies start with characters of classes that do not overlap (dispatch.ts). Every token
//   stays where the document's list puts it.
import { PRINTK_REGIONS } from './dispatch';
import { firstChars } from './firstChars';
import { inc, uncaptured, type Rule, type RuleSet } from './grammar';
import { NEVER_AGAIN } from './lineEnds';

const LINE_END: Rule = {
  comment:
    "The end of a line in a run of console lines (printkRuns.ts): its begin takes the newline, or the string's end where a rule took the newline, so that `\\G` matches at the next line's start; its while never matches (a line holds no two newlines), so it is left there.",
  begin: String.raw`\n|\Z`,
  while: NEVER_AGAIN,
  patterns: [],
};

/** Whether two regexes can start with a common character (unknown counts as yes). */
function mayShareStart(a: string, b: string): boolean {
  const [x, y] = [firstChars(a), firstChars(b)];
  if (x === undefined || y === undefined) return true;
  return (x.nonAscii && y.nonAscii) || [...x.ascii].some((c) => y.ascii.has(c));
}

/** Rewrites the document's printk regions as runs (after runs.ts made its whole-line runs). */
export function printkRuns(repository: RuleSet): void {
  const document = repository.document;
  const wholeLineRuns = (document.patterns ?? []).filter((p): p is Rule => !('include' in p) && p.while !== undefined);
  repository['line-end'] = LINE_END;
  (document.patterns ?? []).forEach((pattern, at) => {
    const name = 'include' in pattern ? pattern.include.slice(1) : undefined;
    if (name === undefined || !PRINTK_REGIONS.includes(name)) return;
    const region = repository[name];
    if (region.begin === undefined || !region.begin.startsWith('\\G') || region.end === undefined)
      throw new Error(`grammar: ${name} is no \\G-anchored begin/end region`);
    // The whole-line runs listed before it whose lines can start as its own do.
    const earlier = wholeLineRuns
      .filter((run) => document.patterns!.indexOf(run) < at && mayShareStart(run.while!, region.begin!))
      .map((run) => `(?:${uncaptured(run.while!.slice(2))})`);
    const refused = earlier.length > 0 ? `(?!${earlier.join('|')})` : '';
    repository[`${name}-run`] = {
      comment: `${region.comment} As a run (printkRuns.ts): the next line of its kind stays in it.`,
      begin: region.begin,
      ...(region.beginCaptures !== undefined && { beginCaptures: region.beginCaptures }),
      while: `\\G${refused}${region.begin.slice(2)}`,
      ...(region.beginCaptures !== undefined && { whileCaptures: region.beginCaptures }),
      patterns: [...(region.patterns ?? []), inc('line-end')],
    };
    document.patterns![at] = inc(`${name}-run`);
  });
}
