// The TextMate grammar's building blocks: rule types, small helpers that keep the rule files
// readable, and the derivations that turn one written rule into the anchored copies the
// dispatch needs (see dispatch.ts). Only data and pure functions: build.ts writes the JSON.

export interface Capture {
  name?: string;
  patterns?: Pattern[];
}
export type Captures = Record<string, Capture>;

export interface Rule {
  comment?: string;
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  captures?: Captures;
  beginCaptures?: Captures;
  endCaptures?: Captures;
  whileCaptures?: Captures;
  applyEndPatternLast?: boolean;
  patterns?: Pattern[];
}
export type Pattern = Rule | { include: string };
export type RuleSet = Record<string, Rule>;

/**
 * `\G`, then a look-ahead for the text `literal` within `reach` characters (and `then`, a look-ahead of the rest):
 * oniguruma searches the literal before it enters the regex, so a line without it fails the rule
 * unentered, whatever its first character. The empty group that may take U+FFFF (never in a line)
 * is no token: oniguruma only searches a look-ahead's literal first when something follows it that
 * may take a character.
 */
export function literalAhead(literal: string, reach: number, then = ''): string {
  const escaped = literal.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
  return String.raw`\G(?=[^\n]{0,${reach}}?${escaped})${then}(?:\x{ffff}|)`;
}

/** `{ include: '#name' }` */
export function inc(name: string): { include: string } {
  return { include: `#${name}` };
}

/** Capture groups that only name a scope: `caps({ 1: 'a.b', 2: 'c.d' })`. */
export function caps(names: Record<number, string>): Captures {
  const out: Captures = {};
  for (const [group, name] of Object.entries(names)) out[group] = { name };
  return out;
}

/** Capture groups 1, 2, … named in order: `numbered(['a.b', 'c.d'])`. */
export function numbered(names: string[]): Captures {
  return caps(Object.fromEntries(names.map((name, i) => [i + 1, name])));
}

/** Where the character class opening at `re[start]` (`[`) closes: a `]` first or after `^` is a member. */
export function classEnd(re: string, start: number): number {
  let j = start + 1;
  if (re[j] === '^') j++;
  if (re[j] === ']') j++;
  for (; j < re.length && re[j] !== ']'; j++) if (re[j] === '\\') j++;
  return j;
}

/** The top-level alternatives of a regex (split at each `|` outside groups and character classes). */
export function alternatives(re: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(re, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(re.slice(start, i));
      start = i + 1;
    }
  }
  out.push(re.slice(start));
  return out;
}

/**
 * An alternation of words (`call|jmp|j(?:a|ae)|…`) as one group per first letter, each keeping its
 * alternatives in order: oniguruma tries alternatives one after another, so a word none of them
 * takes costs a test of a few first letters instead of an attempt of each. The same matches, since
 * alternatives under different first letters cannot match at the same place: every alternative
 * must start with a literal lower-case letter that no quantifier makes optional.
 */
export function groupedByFirstLetter(alternation: string): string {
  const groups = new Map<string, string[]>();
  for (const alternative of alternatives(alternation)) {
    if (!/^[a-z](?![?*+{])/.test(alternative)) throw new Error(`grammar: no first letter to group by: ${alternative}`);
    const rests = groups.get(alternative[0]) ?? [];
    rests.push(alternative.slice(1));
    groups.set(alternative[0], rests);
  }
  return `(?:${[...groups].map(([letter, rests]) => (rests.length === 1 ? letter + rests[0] : `${letter}(?:${rests.join('|')})`)).join('|')})`;
}

/** A regex with its capture groups made non-capturing (for lookaheads, whose groups would only be decoded). */
export function uncaptured(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      out += re.slice(i, i + 2);
      i++;
    } else if (c === '[') {
      const j = classEnd(re, i);
      out += re.slice(i, j + 1);
      i = j;
    } else {
      out += c === '(' && re[i + 1] !== '?' ? '(?:' : c;
    }
  }
  return out;
}

function withEntry(rule: Rule, rewrite: (re: string) => string): Rule {
  const copy = structuredClone(rule);
  if (copy.match !== undefined) copy.match = rewrite(copy.match);
  else if (copy.begin !== undefined) copy.begin = rewrite(copy.begin);
  return copy;
}

/**
 * The copy of a rule written for "line start or where the previous match ended" (`(?:^|\G)`)
 * that only matches where the line's dispatch left off (`\G`): used inside line families,
 * where `\G` is the line start, so the scanner need not search the line for `^`.
 */
export function atLineStart(rule: Rule): Rule {
  return withEntry(rule, (re) => {
    if (!re.startsWith('(?:^|\\G)')) throw new Error(`grammar: atLineStart needs a (?:^|\\G) rule: ${re.slice(0, 40)}`);
    return '\\G' + re.slice('(?:^|\\G)'.length);
  });
}

/** Whether the character at `at` is escaped (an odd number of backslashes before it). */
function escaped(re: string, at: number): boolean {
  let slashes = 0;
  for (let i = at - 1; i >= 0 && re[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/** Where the group closed by the `)` at `close` opens, or -1. */
function groupOpen(re: string, close: number): number {
  const open: number[] = [];
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(re, i);
    else if (c === '(') open.push(i);
    else if (c === ')') {
      const start = open.pop();
      if (i === close) return start ?? -1;
    }
  }
  return -1;
}

/** Whether every match of the branch (no top-level `|`) ends at the line's end. */
function branchEndsAtLineEnd(branch: string): boolean {
  if (branch === '(?!)') return true; // matches nothing: no match to end elsewhere
  if (branch.endsWith('$') && !escaped(branch, branch.length - 1)) return true;
  if (branch.endsWith(String.raw`(?=\n)`)) return true;
  // The rest of the line, taken whole (nothing after it could make it give any back).
  if (branch.endsWith(String.raw`[^\n]*+`) || branch.endsWith(String.raw`[^\n]*`))
    return !escaped(branch, branch.lastIndexOf('['));
  const close = branch.length - 1;
  if (branch[close] !== ')' || escaped(branch, close)) return false;
  const open = groupOpen(branch, close);
  if (open < 0) return false;
  const head = branch.slice(open, open + 3);
  let inner: string;
  if (head.startsWith('(?:') || head.startsWith('(?>')) inner = branch.slice(open + 3, close);
  else if (!head.startsWith('(?')) inner = branch.slice(open + 1, close);
  else return false; // a look-around, a named group or an option: not looked into
  return endsAtLineEnd(inner);
}

/** Whether every match of the regex ends at the line's end (before its newline). */
export function endsAtLineEnd(re: string): boolean {
  return alternatives(re).every(branchEndsAtLineEnd);
}

/** Every rule written inside the rule (not included): its patterns' and its captures'. */
export function* inlineRules(rule: Rule): Generator<Rule> {
  const captures = [rule.captures, rule.beginCaptures, rule.endCaptures, rule.whileCaptures];
  const lists = [
    rule.patterns ?? [],
    ...captures.flatMap((c) => Object.values(c ?? {}).map((capture) => capture.patterns ?? [])),
  ];
  for (const list of lists)
    for (const pattern of list)
      if (!('include' in pattern)) {
        yield pattern;
        yield* inlineRules(pattern);
      }
}
