// Builds syntaxes/crashlog.tmLanguage.json from the readable sources in this folder:
// rules/*.ts hold the rules as written, dispatch.ts derives the anchored copies and the
// first-character families, merge.ts joins anchored match rules into alternations, anchors.ts
// makes anchored rules cheap to fail, runs.ts turns the document's whole-line fast paths into regions
// that a run of lines of one shape stays in, printkRuns.ts does the same for timestamped console lines,
// lineEnds.ts has the rule that ends a line take its newline (a region closing there is left open),
// asciiWords.ts writes every regex's `\w` and `\d` as the ASCII classes the model means by them.
// `npm run build` writes the file; the grammar test checks that
// the committed file is what this produces.
import type { RuleSet } from './grammar';
import { addDispatch, PRINTK_REGIONS } from './dispatch';
import { anchorRules } from './anchors';
import { asciiShorthandsEverywhere } from './asciiWords';
import { mergeMatchRuns } from './merge';
import { lineEndsTaken } from './lineEnds';
import { printkRuns } from './printkRuns';
import { wholeLineRuns } from './runs';
import { btRules } from './rules/bt';
import { codeRules } from './rules/code';
import { consoleRules } from './rules/console';
import { markdownRules } from './rules/markdown';
import { memoryRules } from './rules/memory';
import { ppc64Rules } from './rules/ppc64';
import { promptRules } from './rules/prompt';
import { readonlyArchsRules } from './rules/readonlyArchs';
import { registersRules } from './rules/registers';
import { s390xRules } from './rules/s390x';
import { riscv64Rules } from './rules/riscv64';
import { structRules } from './rules/struct';
import { tablesRules } from './rules/tables';
import { tokensRules } from './rules/tokens';

export function buildGrammar(): object {
  const repository: RuleSet = structuredClone({
    ...markdownRules,
    ...promptRules,
    ...consoleRules,
    ...registersRules,
    ...s390xRules,
    ...ppc64Rules,
    ...riscv64Rules,
    ...readonlyArchsRules,
    ...btRules,
    ...codeRules,
    ...tablesRules,
    ...structRules,
    ...memoryRules,
    ...tokensRules,
  });
  const patterns = mergeMatchRuns(addDispatch(repository), repository);
  anchorRules(patterns, repository);
  wholeLineRuns(repository.document);
  printkRuns(repository);
  lineEndsTaken(
    repository,
    PRINTK_REGIONS.map((name) => `${name}-run`),
  );
  // Last: the passes above compare regexes as written.
  asciiShorthandsEverywhere(patterns, repository);
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Crash Log',
    scopeName: 'source.crashlog',
    fileTypes: ['crashlog'],
    patterns,
    repository,
  };
}

/** The file's text, as committed. */
export function grammarText(): string {
  return JSON.stringify(buildGrammar(), null, 2) + '\n';
}
