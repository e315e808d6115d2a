// Speed pass over the finished grammar: every run of consecutive anchored (`\G` or `^`) `match`
// rules in a pattern list becomes one regex, the alternation of them in the same order, with capture
// groups renumbered. vscode-textmate hands each pattern list to oniguruma as one scanner, which
// tries the regexes in order at each position and pays a fixed setup for every regex it attempts;
// an alternation is attempted once and tries its branches in that same order, so the tokens are
// the same and the rule files stay one rule per shape. Only anchored runs are merged: they are
// tried at one position, whereas in a list searched along the line (a region's tokens) a merged
// regex would be attempted at every position and decode all its groups on each match, which
// costs more than the separate regexes oniguruma can skip by their first character.
//
// Capture groups are not free: every match decodes all of its regex's groups (oniguruma's region,
// vscode-oniguruma's capture list, vscode-textmate's captures), about 25 ns each, against about
// 0.2 µs for a failed attempt of one more regex. A run is therefore cut where it would hold more than
// MAX_JOINED_GROUPS groups: a line matched by a small rule does not pay for a large one joined to it.
//
// A run is cut, too, between a rule whose every match ends at the line's end and one that may end
// before it: joined, neither would be whole-line, and a line either ends would cost its list searched
// once more at the newline (2-2.5 µs for a console body's) before line-end takes it; apart, the first
// takes the newline itself (lineEnds.ts).
import { classEnd, endsAtLineEnd, type Captures, type Pattern, type Rule, type RuleSet } from './grammar';

/** The regex's capture groups and whether it has a `|` outside any group. */
export function shape(re: string): { groups: number; topLevelAlternation: boolean } {
  let groups = 0;
  let depth = 0;
  let topLevelAlternation = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      i = classEnd(re, i);
    } else if (c === '(') {
      depth++;
      if (re[i + 1] !== '?') groups++;
    } else if (c === ')') {
      depth--;
    } else if (c === '|' && depth === 0) {
      topLevelAlternation = true;
    }
  }
  return { groups, topLevelAlternation };
}

/**
 * A match rule can join an alternation when its scopes survive the move: its `name` becomes a
 * capture group around its branch, which is the same token scopes unless a capture is
 * re-tokenized with patterns (vscode-textmate bases those on the rule's name, not on enclosing
 * captures).
 */
function mergeable(rule: Rule): boolean {
  if (rule.match === undefined) return false;
  if (rule.name === undefined) return true;
  return !Object.values(rule.captures ?? {}).some((capture) => capture.patterns);
}

/** Where a match rule is anchored: `\\G` (where the list was entered) or `^` (the line start). */
function anchorOf(rule: Rule): '\\G' | '^' | undefined {
  if (rule.match?.startsWith('\\G')) return '\\G';
  if (rule.match?.startsWith('^')) return '^';
  return undefined;
}

/** A match rule anchored as a whole (no `|` after its anchor) that can join an alternation. */
function joinable(rule: Rule): boolean {
  return anchorOf(rule) !== undefined && !shape(rule.match!).topLevelAlternation && mergeable(rule);
}

/**
 * The list as the scanner sees it: included lists (no match, no begin) are put in place, as
 * vscode-textmate does, when they hold a joinable rule; everything else stays as written.
 */
function flatten(patterns: Pattern[], repository: RuleSet, path: string[] = []): Pattern[] {
  const out: Pattern[] = [];
  for (const pattern of patterns) {
    const name = 'include' in pattern ? pattern.include.slice(1) : undefined;
    const rule = name !== undefined ? repository[name] : (pattern as Rule);
    if (!rule) throw new Error(`grammar: no rule #${name}`);
    const where = name ?? path.at(-1);
    if (where !== undefined && !ruleNames.has(rule)) ruleNames.set(rule, where);
    if (rule.match === undefined && rule.begin === undefined) {
      if (name !== undefined && path.includes(name)) throw new Error(`grammar: #${name} includes itself`);
      const members = flatten(rule.patterns ?? [], repository, name !== undefined ? [...path, name] : path);
      if (members.some((member) => !('include' in member) && joinable(member))) out.push(...members);
      else out.push(pattern);
    } else {
      out.push(joinable(rule) ? rule : pattern);
    }
  }
  return out;
}

/** The rule (or the list holding it) each joinable rule object came from, for the joined regex's comment. */
const ruleNames = new WeakMap<Rule, string>();

/** One regex for a run of match rules with the same anchor. */
function alternation(rules: Rule[], anchor: string): Rule {
  const branches: string[] = [];
  const captures: Captures = {};
  let offset = 0;
  for (const rule of rules) {
    const source = rule.match!.slice(anchor.length);
    let inner = offset;
    if (rule.name !== undefined) {
      captures[String(++offset)] = { name: rule.name };
      inner = offset;
      branches.push(`(${source})`);
    } else {
      branches.push(`(?:${source})`);
    }
    for (const [group, capture] of Object.entries(rule.captures ?? {})) captures[String(inner + Number(group))] = capture;
    offset = inner + shape(source).groups;
  }
  const joined = rules.map((rule) => ruleNames.get(rule) ?? 'an inline rule');
  return {
    // Named so that a profile of the grammar (scripts/perf/) can say what a joined regex holds.
    comment: `Joined by merge.ts: ${joined.join(', ')}.`,
    match: `${anchor}(?:${branches.join('|')})`,
    captures,
  };
}

/** Capture groups one joined alternation holds at most (a rule with more stays alone). */
const MAX_JOINED_GROUPS = 32;

/** A match rule's capture groups once joined: its own, and one more for its name. */
function joinedGroups(rule: Rule): number {
  return shape(rule.match!).groups + (rule.name !== undefined ? 1 : 0);
}

/**
 * The pattern list with each run of two or more mergeable match rules with the same anchor made
 * one rule, a run holding at most MAX_JOINED_GROUPS capture groups.
 */
export function mergedPatterns(patterns: Pattern[], repository: RuleSet): Pattern[] {
  const flat = flatten(patterns, repository);
  const out: Pattern[] = [];
  let run: Rule[] = [];
  const flush = () => {
    if (run.length === 1) out.push(run[0]);
    else if (run.length > 1) out.push(alternation(run, anchorOf(run[0])!));
    run = [];
  };
  let runGroups = 0;
  for (const pattern of flat) {
    if (!('include' in pattern) && joinable(pattern)) {
      const groups = joinedGroups(pattern);
      const otherEnd = run.length > 0 && endsAtLineEnd(run[0].match!) !== endsAtLineEnd(pattern.match!);
      if (run.length && (anchorOf(run[0]) !== anchorOf(pattern) || otherEnd || runGroups + groups > MAX_JOINED_GROUPS)) flush();
      if (run.length === 0) runGroups = 0;
      runGroups += groups;
      run.push(pattern);
    } else {
      flush();
      out.push(pattern);
    }
  }
  flush();
  return out;
}

function rewriteRule(rule: Rule, repository: RuleSet): void {
  if (rule.patterns) {
    for (const pattern of rule.patterns) if (!('include' in pattern)) rewriteRule(pattern, repository);
    // Lists that are only included elsewhere (no match, no begin) are inlined where used.
    if (rule.begin !== undefined) rule.patterns = mergedPatterns(rule.patterns, repository);
  }
  for (const captures of [rule.captures, rule.beginCaptures, rule.endCaptures]) {
    for (const capture of Object.values(captures ?? {})) {
      if (!capture.patterns) continue;
      for (const pattern of capture.patterns) if (!('include' in pattern)) rewriteRule(pattern, repository);
      capture.patterns = mergedPatterns(capture.patterns, repository);
    }
  }
}

/** Rewrites every scanner's pattern list in place; returns the new top-level list. */
export function mergeMatchRuns(topLevel: Pattern[], repository: RuleSet): Pattern[] {
  const original = structuredClone(repository);
  for (const rule of Object.values(repository)) rewriteRule(rule, original);
  return mergedPatterns(topLevel, original);
}
