// Runs of lines of one whole-line shape (a memory dump, a dis listing, a backtrace, a register
// block) at the cost of the shape's own regex per line.
//
// The document's list opens with whole-line fast paths (dispatch.ts, LINE_FAST_PATHS), `match` rules
// tried on every line: a line they take costs two scanner calls over the whole list (every regex of
// it set up, those before its own attempted), the match and the empty search at the line's end. Here
// each becomes a begin/while region instead: its begin is the same regex taking the line through its
// newline, and its `while` is that regex again, checked by vscode-textmate at the start of each next
// line before anything else, alone in its scanner. While the shape repeats, a line costs that one
// regex and an empty list at its end; the first other line fails the check (one regex, most often
// at its guard) and is read by the document's list as before.
//
// Why the newline: vscode-textmate lets `\G` match at column 0 only when the innermost region's begin
// took the previous line's end (`beginRuleCapturedEOL`), and the document's list is anchored with
// `\G` (a `^` regex is searched along the whole line). So every fast path must match to the line's
// end, which a whole-line rule does.
//
// The same tokens: the while regex refuses a line an earlier fast path takes (a negative lookahead of
// their regexes, groups uncaptured), so it takes exactly the lines the document's list gives this
// rule; its captures are the rule's; the region has the rule's name and no other scope.
import { uncaptured, type Pattern, type Rule } from './grammar';

function stripAnchor(re: string): string {
  if (!re.startsWith('\\G')) throw new Error(`grammar: a whole-line fast path must start with \\G: ${re.slice(0, 40)}`);
  return re.slice(2);
}

/** Rewrites the leading `match` rules of the document's list (its fast paths) as begin/while regions. */
export function wholeLineRuns(document: Rule): void {
  const patterns: Pattern[] = document.patterns ?? [];
  const earlier: string[] = [];
  for (let i = 0; i < patterns.length; i++) {
    const rule = patterns[i];
    if ('include' in rule || rule.match === undefined) break;
    const body = stripAnchor(rule.match);
    const notEarlier = earlier.length > 0 ? `(?!${earlier.map((re) => `(?:${uncaptured(re)})`).join('|')})` : '';
    patterns[i] = {
      comment: `${rule.comment ? rule.comment + ' ' : ''}As a region (runs.ts): a run of such lines costs this regex per line.`,
      ...(rule.name !== undefined && { name: rule.name }),
      begin: `${rule.match}\\n`,
      ...(rule.captures !== undefined && { beginCaptures: rule.captures }),
      while: `\\G${notEarlier}${body}\\n`,
      ...(rule.captures !== undefined && { whileCaptures: rule.captures }),
      patterns: [],
    };
    earlier.push(body);
  }
}
