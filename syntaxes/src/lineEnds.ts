// Lines ended by the rule that takes their newline: no region to close at the line's end, no list to
// search once more after it.
//
// A region closing at the line's end (a line family, a console body's region, a line's tail of tokens)
// cost each line two scanner calls after its last token: its own list at the newline, where its end
// matched, and the list around it at the string's end, which found nothing. Here every such region is
// left open at the line's end instead: its `end` becomes a `while` that never matches, so that the
// next line's check (one regex, before anything else) drops it and all inside it, and `line-end` takes
// the newline in its list where the end was tried (first, or last where the end came last).
//
// And in such a region's list (as in a printk run's, printkRuns.ts), every `match` rule whose regex ends
// at `$` on every path becomes a region of its own whose begin is the same regex taking the newline
// too, with the same name and captures (the newline a capture of no scope: the line's last token ends
// before it, as the match's did), holding no rule and dropped by the next line's check as well. A line
// such a rule ends costs that match and an empty list after it.
//
// Why the newline: vscode-textmate lets `\G` match at the next line's column 0 (for a run's check, and
// for the document's list) only when the innermost region's begin took the previous line's end. The
// tokens stay where they were: `node scripts/compare-grammar-tokens.mjs` checks every line of the corpora.
import { endsAtLineEnd, inc, inlineRules, type Pattern, type Rule, type RuleSet } from './grammar';
import { shape } from './merge';

/**
 * Never matches at a line's start (a line holds one newline, at its end): line-end's `while` too.
 * Anchored, so that oniguruma tries it at column 0 alone: unanchored, a line under 1,000 bytes is
 * searched position by position (~10 ns a character, 0.7 µs on a 72-character line, against 0.15).
 */
export const NEVER_AGAIN = String.raw`\G\n\n`;

/**
 * The whole-line match rule as a region whose begin also takes the newline. The newline is a capture
 * of no scope, so that the line's last token ends before it as the match's did (vscode-textmate drops
 * a token of the newline alone, not one that runs on into it).
 */
function takingNewline(rule: Rule): Rule {
  const newline = String(shape(rule.match!).groups + 1);
  return {
    comment: `${rule.comment ? rule.comment + ' ' : ''}Taking the newline (lineEnds.ts): a line it ends needs no line-end.`,
    ...(rule.name !== undefined && { name: rule.name }),
    begin: `${rule.match}(\\n)`,
    beginCaptures: { ...rule.captures, [newline]: {} },
    while: NEVER_AGAIN,
    patterns: [],
  };
}

/** Ends of a region that close it at the line's end and nowhere else. */
const AT_LINE_END = [String.raw`\n`, String.raw`(?=\n)`, String.raw`\Z`, '$'];

/** Whether the rule is a region that closes at the line's end and nowhere else. */
function closesAtLineEnd(rule: Rule): boolean {
  return rule.begin !== undefined && rule.end !== undefined && AT_LINE_END.includes(rule.end) && rule.endCaptures === undefined;
}

/** The region, closing at the line's end, left open there instead (in place): its line-end takes the newline. */
function leaveAtLineEnd(rule: Rule): void {
  delete rule.end;
  rule.comment = `${rule.comment ? rule.comment + ' ' : ''}Left at the line's end (lineEnds.ts): its line-end takes the newline.`;
  rule.while = NEVER_AGAIN;
  // Where the end was: tried first at each position (before a rule that matches there without
  // advancing, which vscode-textmate would take and then drop the region), or last where so asked.
  rule.patterns = rule.applyEndPatternLast
    ? [...(rule.patterns ?? []), inc('line-end')]
    : [inc('line-end'), ...(rule.patterns ?? [])];
}

/**
 * Every region that closes at the line's end left open there, and in its list (as in the lists of the
 * `runs`) every whole-line match rule replaced by its region taking the newline (an inline one in
 * place, an included one by a copy `<rule>-to-line-end`).
 */
export function lineEndsTaken(repository: RuleSet, runs: string[]): void {
  const regions: Rule[] = runs.map((name) => repository[name]);
  for (const rule of Object.values(repository).flatMap((rule) => [rule, ...inlineRules(rule)])) {
    if (!closesAtLineEnd(rule)) continue;
    leaveAtLineEnd(rule);
    regions.push(rule);
  }
  for (const region of regions) {
    region.patterns = (region.patterns ?? []).map((pattern): Pattern => {
      if (!('include' in pattern))
        return pattern.match !== undefined && endsAtLineEnd(pattern.match) ? takingNewline(pattern) : pattern;
      const name = pattern.include.slice(1);
      const rule = repository[name];
      if (rule.match === undefined || !endsAtLineEnd(rule.match)) return pattern;
      repository[`${name}-to-line-end`] ??= takingNewline(rule);
      return inc(`${name}-to-line-end`);
    });
  }
}
