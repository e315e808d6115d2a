// The grammar's `\w` and `\d` are ASCII, `[A-Za-z0-9_]` and `[0-9]`, as the model's are (JavaScript
// regexes without the u flag): in `此时处于unmap_vmas+0xf4`, server/src/analysis/words.ts finds the
// symbol and its offset, and so the grammar scopes them.
//
// Why it is done here, to every regex once built, rather than written so in the rules: in oniguruma's
// UTF-8 regexes both are Unicode classes, and written inside a character class (`[\w.$]`, ~2,400 times
// in the built grammar) each copy compiles a table of its own of every Unicode word range: the
// grammar's regexes took 16 MB compiled against 3.3 MB, a session's WASM heap grew from 16 MB to
// 40 MB, and a non-ASCII character was looked up in such a table at every class it met (the bench's
// --ab: seeds +7.6 %, the other parts +2-4 %). `\s` stays Unicode, as JavaScript's is; `\b`, rare here
// and compiled without a table, is left as it is.
import type { Pattern, Rule, RuleSet } from './grammar';

const ASCII: Record<string, { inClass: string; alone: string }> = {
  w: { inClass: 'A-Za-z0-9_', alone: '[A-Za-z0-9_]' },
  d: { inClass: '0-9', alone: '[0-9]' },
};

/** The regex with every `\w` and `\d` written as the ASCII class it stands for. */
export function asciiShorthands(re: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      const ascii = ASCII[re[i + 1]];
      out += ascii ? (inClass ? ascii.inClass : ascii.alone) : re.slice(i, i + 2);
      i++;
      continue;
    }
    out += c;
    if (!inClass && c === '[') {
      inClass = true;
      // A `]` first in a class (after `^`) is a member, not its end.
      if (re[i + 1] === '^') out += re[++i];
      if (re[i + 1] === ']') out += re[++i];
    } else if (inClass && c === ']') inClass = false;
  }
  return out;
}

const REGEX_KEYS = ['match', 'begin', 'end', 'while'] as const;
const CAPTURE_KEYS = ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures'] as const;

function rewriteRule(rule: Rule): void {
  for (const key of REGEX_KEYS) {
    const re = rule[key];
    if (re !== undefined) rule[key] = asciiShorthands(re);
  }
  rewritePatterns(rule.patterns);
  for (const key of CAPTURE_KEYS) for (const capture of Object.values(rule[key] ?? {})) rewritePatterns(capture.patterns);
}

function rewritePatterns(patterns: Pattern[] | undefined): void {
  for (const pattern of patterns ?? []) if (!('include' in pattern)) rewriteRule(pattern);
}

/** Every regex of the grammar (its rules, and the rules written inside them) rewritten in place. */
export function asciiShorthandsEverywhere(patterns: Pattern[], repository: RuleSet): void {
  rewritePatterns(patterns);
  for (const rule of Object.values(repository)) rewriteRule(rule);
}
