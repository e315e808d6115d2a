// Speed pass over the finished grammar: regexes that oniguruma tries at one position only, the
// characters each can start with stated where oniguruma tests them first (guardedAtStart), and
// region ends it can find without trying each position.
//
// Oniguruma limits a `\G` regex to its start position only when it finds no literal to search
// for first; in `\G[ \t]*+(PID)…` it searches the rest of the line for `PID` before failing,
// so a failing `\G` rule costs as much as an unanchored one (1.8 µs on a 1,000-character line,
// 0.1 µs when limited). A never-matching last branch, `\G(?:…|(?!))`, leaves it no such literal:
// same matches, one position tried.
//
// That trade is not always worth it. Entering the matcher costs 0.1-0.3 µs however soon the regex
// fails (oniguruma sets up its match stack and saves it), whereas a literal search costs ~1 ns a
// character. A rule that can start with most characters (a word: struct members, frames, `name =`)
// passes its guard on nearly every line and enters the matcher there; left unwrapped, oniguruma
// searches its literal (`;`, `+0x`, `=`…) first and a line without it fails unentered (literalFirst).
//
// A region's end `(?=\n)` is the opposite case: a lookahead gives oniguruma nothing to search for,
// so a region whose list is searched along the line (its tokens) tries its end at every character
// between two tokens. A region holding only tokens therefore ends by taking the newline itself
// (`\n`, a literal found by one search: 0.2–0.3 µs less per search of such a list). Its parent, and
// any region that holds regions, ends at `\Z`: before the newline, or after it where a region
// inside took it. The newline's token is dropped by vscode-textmate as before (it drops a token
// that starts at the newline), so every token stays where it was.
import { classSource, firstChars } from './firstChars';
import { alternatives, type Pattern, type Rule, type RuleSet } from './grammar';
import { shape } from './merge';

const END_OF_LINE = String.raw`(?=\n)`;

/** `\G` + a part oniguruma could search for: the same regex tried at its start only. */
export function anchoredAtStart(re: string): string {
  if (!re.startsWith('\\G') || (re.startsWith('\\G(?:') && re.endsWith('|(?!))'))) return re;
  const rest = re.slice(2);
  if (rest === '' || shape(rest).topLevelAlternation) return re;
  return `\\G(?:${rest}|(?!))`;
}

/**
 * A `\G` regex with the characters its match can start with stated right after the anchor, where
 * oniguruma can test them before entering its matcher (see firstChars.ts): a line that starts with
 * another character fails it in ~30 ns instead of 130–500. Left as it is where the set is unknown
 * or holds nearly every character (it would reject nothing).
 */
export function guardedAtStart(re: string): string {
  if (!re.startsWith('\\G') || re.startsWith('\\G(?=[')) return re;
  const chars = firstChars(re);
  // No set (unknown), nearly every character, or none (the regex never matches: `[]` is no class).
  if (chars === undefined || chars.ascii.size > MAX_GUARD_CHARS || (chars.ascii.size === 0 && !chars.nonAscii)) return re;
  return `\\G(?=${classSource(chars)})${re.slice(2)}`;
}

/**
 * Whether oniguruma is better left to search a `\G` regex's literal first than limited to its start
 * (see the header): it can start with more than LITERAL_FIRST_CHARS ASCII characters, so a guard
 * rejects few lines, and it is no alternation of rules (merge.ts), which has no literal in common.
 */
export function literalFirst(re: string): boolean {
  if (!re.startsWith('\\G') || isAlternationGroup(re.slice(2))) return false;
  const chars = firstChars(re);
  return chars !== undefined && chars.ascii.size > LITERAL_FIRST_CHARS;
}

/** First characters beyond which a guard rejects too few lines to be worth the matcher's entry. */
const LITERAL_FIRST_CHARS = 40;

/**
 * Whether `re` is a `(?:…|…)` group, an alternation at its top (merge.ts's shape). `(?:a)(?:b|c)` passes
 * too: such a regex only keeps its guard.
 */
function isAlternationGroup(re: string): boolean {
  return re.startsWith('(?:') && re.endsWith(')') && alternatives(re.slice(3, -1)).length > 1;
}

/** A guard of more ASCII characters than this rejects too few lines to be worth its lookahead. */
const MAX_GUARD_CHARS = 100;

/** Whether a pattern list can open a region (a `begin` rule, itself or through includes). */
function opensRegion(patterns: Pattern[] | undefined, repository: RuleSet, seen = new Set<string>()): boolean {
  for (const pattern of patterns ?? []) {
    let rule: Rule | undefined = pattern as Rule;
    if ('include' in pattern) {
      const name = pattern.include.slice(1);
      if (seen.has(name)) continue;
      seen.add(name);
      rule = repository[name];
    }
    if (rule === undefined) continue;
    if (rule.begin !== undefined) return true;
    if (rule.match === undefined && opensRegion(rule.patterns, repository, seen)) return true;
  }
  return false;
}

/**
 * Whether every pattern of a list (through includes) is `\G`-anchored: a dispatch region, whose list is
 * tried where it begins and nowhere else. One of them always matches there (a fallback takes any
 * rest), so its end is put last (applyEndPatternLast): first in the list (vscode-textmate's default),
 * oniguruma entered it at that position on every line, for nothing.
 */
function triedAtStartOnly(patterns: Pattern[] | undefined, repository: RuleSet, seen = new Set<string>()): boolean {
  return (patterns ?? []).every((pattern) => {
    let rule = pattern as Rule;
    if ('include' in pattern) {
      const name = pattern.include.slice(1);
      if (seen.has(name)) return true;
      seen.add(name);
      rule = repository[name];
    }
    const entry = rule.match ?? rule.begin;
    return entry === undefined ? triedAtStartOnly(rule.patterns, repository, seen) : entry.startsWith('\\G');
  });
}

/** A line-long region's end: see the header. */
function endOfLine(rule: Rule, repository: RuleSet): string {
  return opensRegion(rule.patterns, repository) ? String.raw`\Z` : String.raw`\n`;
}

function rewrite(rule: Rule, repository: RuleSet, done: Set<Rule>): void {
  // A rule object may sit in several lists (merge.ts keeps rules it does not join): rewrite it once.
  if (done.has(rule)) return;
  done.add(rule);
  const cheapToFail = (re: string) => (literalFirst(re) ? re : guardedAtStart(anchoredAtStart(re)));
  if (rule.match !== undefined) rule.match = cheapToFail(rule.match);
  if (rule.begin !== undefined) rule.begin = cheapToFail(rule.begin);
  if (rule.end === END_OF_LINE) {
    rule.end = endOfLine(rule, repository);
    if (rule.end === String.raw`\Z` && triedAtStartOnly(rule.patterns, repository)) rule.applyEndPatternLast = true;
  }
  for (const pattern of rule.patterns ?? []) if (!('include' in pattern)) rewrite(pattern, repository, done);
  for (const captures of [rule.captures, rule.beginCaptures, rule.endCaptures])
    for (const capture of Object.values(captures ?? {}))
      for (const pattern of capture.patterns ?? []) if (!('include' in pattern)) rewrite(pattern, repository, done);
}

/** Rewrites every rule of the grammar in place. */
export function anchorRules(topLevel: Pattern[], repository: RuleSet): void {
  const done = new Set<Rule>();
  for (const rule of Object.values(repository)) rewrite(rule, repository, done);
  for (const pattern of topLevel) if (!('include' in pattern)) rewrite(pattern, repository, done);
}
