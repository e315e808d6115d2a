// The grammar's `\w` and `\d` are ASCII, `[A-Za-z0-9_]` and `[0-9]`, as the model's are (JavaScript
// regexes without the u flag): in `此时处于unmap_vmas+0xf4`, server/src/analysis/words.ts finds the
// symbol and its offset, and so the grammar scopes them.
//
// Why it is done here, to every regex once built, rather than written so in the rules: in oniguruma's
// UTF-8 regexes both are Unicode classes, and written inside a character class (`[\w.$]`, ~2,400 times
// in the built grammar) each copy compiles a table of its own of every Unicode word range: the
// grammar's regexes took 16 MB compiled against 3.3 MB, a session's WASM heap grew from 16 MB to
// 40 MB, and a non-ASCII character was looked up in such a table at every class it met (the bench's
// --ab: +1.3-3.8 % a part). `\s` stays Unicode, as JavaScript's is; `\b`, rare here
// and compiled without a table, is left as it is.
import { classEnd, inlineRules, type Pattern, type Rule, type RuleSet } from './grammar';

const ASCII: Record<string, { inClass: string; alone: string }> = {
  w: { inClass: 'A-Za-z0-9_', alone: '[A-Za-z0-9_]' },
  d: { inClass: '0-9', alone: '[0-9]' },
};

/** `\w` and `\d` of `re` (a whole regex, or a character class's inside) written as `form` says. */
function rewritten(re: string, form: 'inClass' | 'alone'): string {
  return re.replace(/\\[^]/g, (escape) => ASCII[escape[1]]?.[form] ?? escape);
}

/** The regex with every `\w` and `\d` written as the ASCII class it stands for. */
export function asciiShorthands(re: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < re.length; i++) {
    if (re[i] === '\\') i++;
    else if (re[i] === '[') {
      const end = classEnd(re, i);
      out += rewritten(re.slice(from, i), 'alone') + rewritten(re.slice(i, end + 1), 'inClass');
      from = end + 1;
      i = end;
    }
  }
  return out + rewritten(re.slice(from), 'alone');
}

const REGEX_KEYS = ['match', 'begin', 'end', 'while'] as const;

/** Every regex of the grammar (its rules, and the rules written inside them) rewritten in place. */
export function asciiShorthandsEverywhere(patterns: Pattern[], repository: RuleSet): void {
  const top = patterns.filter((pattern): pattern is Rule => !('include' in pattern));
  for (const rule of [...top, ...Object.values(repository)].flatMap((rule) => [rule, ...inlineRules(rule)]))
    for (const key of REGEX_KEYS) {
      const re = rule[key];
      if (re !== undefined) rule[key] = asciiShorthands(re);
    }
}
