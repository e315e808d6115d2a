// A line family's begin reads the line's indent (dispatch.ts), so that its rules are tried at the
// line's first non-blank character, where each rule's first-character guard (anchors.ts) can reject
// the line before oniguruma enters the rule. Tried at the line start instead, every rule that may
// start with a blank let an indented line in: indented lines are a third to a half of the lines of
// crash sessions and notes, and entered 8-13 rules each.
//
// A rule reads the same text from there as from the line start, since every line rule reads any
// indent first (`[ \t]*+`): the same tokens, except that the indent is no longer part of the rule's
// match (it takes the family's scopes: the document's). Two kinds of rule look at the indent itself,
// and the family gets a copy of each that asks what was read before it instead (LOOK_BEHIND):
// - `[ \t]++` (an indented line only: a decoded `func path:line [inline]` frame): an indent before;
// - a rule that cannot start with a blank (`$ ` prompts, `#` headings, ps's `>` row): none before.
// Any other start (a blank optional after something else) stops the build: such a rule needs its own
// copy, or writing as two rules.
import { firstChars } from './firstChars';
import type { Rule } from './grammar';

/** How a rule reads the blanks before a line's first character: all of them, one or more, or none. */
export type IndentUse = 'any' | 'some' | 'none';

/** The openers of groups a regex starts with after its anchor (`(?:(` …): they do not read text. */
const OPENERS = /^(?:\((?:\?:|\?>)?)*/;

function entryOf(rule: Rule): string {
  const entry = rule.match ?? rule.begin;
  if (entry === undefined || !entry.startsWith('\\G'))
    throw new Error(`grammar: a line rule must start with \\G: ${JSON.stringify(entry?.slice(0, 40))}`);
  return entry;
}

/** How `rule` (a line rule, `\G`-anchored) reads a line's indent. */
export function indentUse(rule: Rule): IndentUse {
  const entry = entryOf(rule);
  const rest = entry.slice(2).replace(OPENERS, '');
  if (rest.startsWith('[ \\t]*+')) return 'any';
  if (rest.startsWith('[ \\t]++')) return 'some';
  const chars = firstChars(entry);
  if (chars !== undefined && !chars.ascii.has(0x20) && !chars.ascii.has(0x09)) return 'none';
  throw new Error(`grammar: a line rule must start with [ \\t]*+, [ \\t]++ or a non-blank: ${entry.slice(0, 60)}`);
}

/** Where a family that read the indent starts: a line's start (or an e-mail quote's), or a printk body's. */
export type IndentContext = 'line' | 'printk';

/**
 * What a rule's start said of the indent, asked of the text before a family's start once the family read
 * the indent: an indent, or none.
 * - At a line's start everything before is the indent. In an e-mail quote (email-quote, dispatch.ts) the
 *   quote mark is before it, and ends with one blank after `>` or `&gt;`: that blank is no indent.
 * - After a printk prefix the prefix's own blank (PRINTK_AT_LINE_START) comes first: an indent is a
 *   second blank.
 */
const LOOK_BEHIND: Record<IndentContext, Record<Exclude<IndentUse, 'any'>, string>> = {
  line: { some: String.raw`(?<=[ \t])(?<![>;] )`, none: String.raw`(?:(?<![ \t])|(?<=[>;] ))` },
  printk: { some: String.raw`(?<=[ \t]{2})`, none: String.raw`(?<![ \t]{2})` },
};

/**
 * The copy of a rule with `use` 'some' or 'none' for a family whose begin read the indent: its start
 * asks the text before it what the rule's own start asked of the indent (LOOK_BEHIND).
 */
export function afterIndent(rule: Rule, use: Exclude<IndentUse, 'any'>, context: IndentContext): Rule {
  const entry = entryOf(rule);
  const rest = entry.slice(2);
  const rewritten = `\\G${LOOK_BEHIND[context][use]}${use === 'some' ? rest.replace('[ \\t]++', '[ \\t]*+') : rest}`;
  const copy = structuredClone(rule);
  if (copy.match !== undefined) copy.match = rewritten;
  else copy.begin = rewritten;
  return copy;
}
