// Speed pass over the finished grammar: regexes that oniguruma tries at one position only.
// Oniguruma limits a `\G` regex to its start position only when it finds no literal to search
// for first; in `\G[ \t]*+(PID)…` it searches the rest of the line for `PID` before failing,
// so a failing `\G` rule costs as much as an unanchored one (1.8 µs on a 1,000-character line,
// 0.1 µs when limited). A never-matching last branch, `\G(?:…|(?!))`, leaves it no such literal:
// same matches, one position tried. Likewise a region's end `(?=\n)` is searched for along the
// line; `(?=\n)\Z` is the same position (a line holds one newline, its last character) found by
// jumping to the end.
import type { Pattern, Rule, RuleSet } from './grammar';
import { shape } from './merge';

const END_OF_LINE = String.raw`(?=\n)`;

/** `\G` + a part oniguruma could search for: the same regex tried at its start only. */
export function anchoredAtStart(re: string): string {
  if (!re.startsWith('\\G') || (re.startsWith('\\G(?:') && re.endsWith('|(?!))'))) return re;
  const rest = re.slice(2);
  if (rest === '' || shape(rest).topLevelAlternation) return re;
  return `\\G(?:${rest}|(?!))`;
}

function rewrite(rule: Rule): void {
  if (rule.match !== undefined) rule.match = anchoredAtStart(rule.match);
  if (rule.begin !== undefined) rule.begin = anchoredAtStart(rule.begin);
  if (rule.end === END_OF_LINE) rule.end = String.raw`(?=\n)\Z`;
  for (const pattern of rule.patterns ?? []) if (!('include' in pattern)) rewrite(pattern);
  for (const captures of [rule.captures, rule.beginCaptures, rule.endCaptures])
    for (const capture of Object.values(captures ?? {}))
      for (const pattern of capture.patterns ?? []) if (!('include' in pattern)) rewrite(pattern);
}

/** Rewrites every rule of the grammar in place. */
export function anchorRules(topLevel: Pattern[], repository: RuleSet): void {
  for (const rule of Object.values(repository)) rewrite(rule);
  for (const pattern of topLevel) if (!('include' in pattern)) rewrite(pattern);
}
