import { caps, inc, literalAhead, numbered, uncaptured, type Rule, type RuleSet } from '../grammar';

// crash prompts with its program name: `crash>`, `crash64>`, `crash_arm64>`, `crash-7.3.0>`, `crash_arm64-8.0.3>`;
// drgn's crash mode `%crash>` (and `%crash bt` run from its CLI).
const PROMPT_WORD = String.raw`crash(?:64|32)?+(?:[-_][A-Za-z0-9][\w.+-]*+)?(?:>|&gt;)|%crash(?:>|(?=[ \t]|$))`;
// Notes set a prompt in Markdown bold or inline code, closed right after it or at the end of the line
// (`**crash>** bt`, `**crash> bt**`, `` `crash> bt` ``), as the parser reads them
// (server/src/analysis/parse/prompt.ts): a mark that does not close makes no prompt (`` `crash> CMD` in prose ``).
const OPENING_MARK = ['\\*\\*', '__', '`']
  .map((mark) => `${mark}(?=(?:${PROMPT_WORD})(?:${mark}|[^\\n]*${mark}[ \\t]*$))`)
  .join('|');
const PROMPT = String.raw`\G[ \t]*+(?:(?:[-*+]|\d++[.)])[ \t]++)?(?:${OPENING_MARK})?+(${PROMPT_WORD})(?:\*\*|__|\`)?+`;
/** How far into its line a prompt's word may start: what the prompt's blanks, list mark and bold take. */
const PROMPT_REACH = 64;
/**
 * A prompt line ahead (crash-prompt's and crash-prompt-line's rules all take one), as the line rule that
 * leads to them: `crash` within PROMPT_REACH characters, searched before anything else (literalAhead),
 * then the prompt itself.
 */
export const PROMPT_LINE_AHEAD = literalAhead('crash', PROMPT_REACH, `(?=${uncaptured(PROMPT.slice(2))})`);
const TYPE_COMMANDS = 'struct|union|ptype|whatis|offsetof';
const SYMBOL_COMMANDS = 'dis|sym|rd|wr|p|px|pd|eval|search|kmem|vtop|ptov|list|tree|irq';
const SYMBOL_WORD = String.raw`[A-Za-z_.$][\w.$]*+(?:\+(?:0x\h++|\d++))?(?![\w.$])`;
const PLAIN_WORD = String.raw`[A-Za-z_.$/][\w.$/-]*+`;

/** Arguments a crash-prompt-line fast path names (more go to crash-prompt). */
const PROMPT_ARGUMENTS = 4;

/**
 * A whole prompt line in one match: the prompt, a command and up to PROMPT_ARGUMENTS arguments,
 * each an option, an address, a hex or decimal number or a bare word (named `word`): the tokens
 * prompt-arguments and the command's word rule give, each argument standing alone between blanks.
 * Anything else (a pipe, a redirect, a word cut by punctuation) is left to crash-prompt.
 */
function promptLine(command: string, word: string, wordScope: string): Rule {
  const argument = String.raw`[ \t]++(?>(--?\w[\w-]*+)|((?:0x)?\h{8,16})(?![\w.$])|(0x\h++)(?![\w.$])|(\d++)(?![\w.])|(${word}))(?=[ \t]|$)`;
  let args = '';
  for (let i = 0; i < PROMPT_ARGUMENTS; i++) args = `(?:${argument}${args})?`;
  const argumentScopes = [
    'variable.parameter.option.crashlog',
    'constant.numeric.hex.address.crashlog',
    'constant.numeric.hex.crashlog',
    'constant.numeric.decimal.crashlog',
    wordScope,
  ];
  return {
    match: String.raw`${PROMPT}${command}${args}[ \t]*+$`,
    name: 'meta.prompt.crashlog',
    captures: numbered([
      'keyword.other.prompt.crashlog',
      'keyword.control.command.crashlog',
      ...Array.from({ length: PROMPT_ARGUMENTS }, () => argumentScopes).flat(),
    ]),
  };
}

export const promptRules: RuleSet = {
  'crash-prompt-line': {
    comment: 'The commonest prompt lines in one match each (see promptLine in syntaxes/src/rules/prompt.ts).',
    patterns: [
      promptLine(String.raw`[ \t]*+(${SYMBOL_COMMANDS})(?![\w-])`, SYMBOL_WORD, 'entity.name.function.crashlog'),
      promptLine(
        String.raw`(?![ \t]*+(?:${TYPE_COMMANDS}|${SYMBOL_COMMANDS})(?![\w-]))(?:[ \t]*+([A-Za-z_][\w-]*+))?+`,
        PLAIN_WORD,
        'variable.parameter.argument.crashlog',
      ),
    ],
  },
  'crash-prompt': {
    patterns: [
      {
        comment: 'struct/union/ptype/whatis: bare words are type names',
        begin: String.raw`${PROMPT}[ \t]*+(${TYPE_COMMANDS})(?![\w-])`,
        end: String.raw`(?=\n)`,
        name: 'meta.prompt.crashlog',
        beginCaptures: caps({ 1: 'keyword.other.prompt.crashlog', 2: 'keyword.control.command.crashlog' }),
        patterns: [inc('prompt-arguments'), inc('prompt-type-word')],
      },
      {
        comment: 'commands whose bare words are symbols',
        begin: String.raw`${PROMPT}[ \t]*+(${SYMBOL_COMMANDS})(?![\w-])`,
        end: String.raw`(?=\n)`,
        name: 'meta.prompt.crashlog',
        beginCaptures: caps({ 1: 'keyword.other.prompt.crashlog', 2: 'keyword.control.command.crashlog' }),
        patterns: [inc('prompt-arguments'), inc('prompt-symbol-word')],
      },
      {
        begin: String.raw`${PROMPT}(?:[ \t]*+([A-Za-z_][\w-]*+))?`,
        end: String.raw`(?=\n)`,
        name: 'meta.prompt.crashlog',
        beginCaptures: caps({ 1: 'keyword.other.prompt.crashlog', 2: 'keyword.control.command.crashlog' }),
        patterns: [inc('prompt-arguments'), inc('prompt-plain-word')],
      },
    ],
  },
  'prompt-arguments': {
    patterns: [
      {
        match: String.raw`(\|)[ \t]*+([\w./-]++)?`,
        captures: caps({ 1: 'keyword.operator.pipe.crashlog', 2: 'support.function.shell.crashlog' }),
      },
      {
        match: String.raw`(?<=\s)(>>?)[ \t]*+([^\s|]++)?`,
        captures: caps({ 1: 'keyword.operator.redirect.crashlog', 2: 'string.unquoted.path.crashlog' }),
      },
      {
        comment: 'options, up to 12 per scan (nothing in the prompt lists can match a blank).',
        match: String.raw`((?:(?<=\s)--?[\w][\w-]*+))(?:[ \t]++((?:(?<=\s)--?[\w][\w-]*+))(?:[ \t]++((?:(?<=\s)--?[\w][\w-]*+))(?:[ \t]++((?:(?<=\s)--?[\w][\w-]*+))(?:[ \t]++((?:(?<=\s)--?[\w][\w-]*+))(?:[ \t]++((?:(?<=\s)--?[\w][\w-]*+))(?:[ \t]++((?:(?<=\s)--?[\w][\w-]*+))(?:[ \t]++((?:(?<=\s)--?[\w][\w-]*+))(?:[ \t]++((?:(?<=\s)--?[\w][\w-]*+))(?:[ \t]++((?:(?<=\s)--?[\w][\w-]*+))(?:[ \t]++((?:(?<=\s)--?[\w][\w-]*+))(?:[ \t]++((?:(?<=\s)--?[\w][\w-]*+)))?)?)?)?)?)?)?)?)?)?)?`,
        captures: caps({
          1: 'variable.parameter.option.crashlog',
          2: 'variable.parameter.option.crashlog',
          3: 'variable.parameter.option.crashlog',
          4: 'variable.parameter.option.crashlog',
          5: 'variable.parameter.option.crashlog',
          6: 'variable.parameter.option.crashlog',
          7: 'variable.parameter.option.crashlog',
          8: 'variable.parameter.option.crashlog',
          9: 'variable.parameter.option.crashlog',
          10: 'variable.parameter.option.crashlog',
          11: 'variable.parameter.option.crashlog',
          12: 'variable.parameter.option.crashlog',
        }),
      },
      inc('address-word'),
      inc('hex-number'),
      {
        match: String.raw`(?<=\s)\d++(?![\w.])`,
        name: 'constant.numeric.decimal.crashlog',
      },
    ],
  },
  'prompt-type-word': {
    match: String.raw`(?<=\s)[A-Za-z_][\w.]*+(?![\w.])`,
    name: 'entity.name.type.crashlog',
  },
  'prompt-symbol-word': {
    match: String.raw`(?<=\s)${SYMBOL_WORD}`,
    name: 'entity.name.function.crashlog',
  },
  'prompt-plain-word': {
    match: String.raw`(?<=\s)${PLAIN_WORD}`,
    name: 'variable.parameter.argument.crashlog',
  },
  'shell-prompt': {
    begin: String.raw`\G(\$)[ \t]++([\w./-]++)`,
    end: String.raw`(?=\n)`,
    name: 'meta.prompt.shell.crashlog',
    beginCaptures: caps({ 1: 'keyword.other.prompt.shell.crashlog', 2: 'keyword.control.command.crashlog' }),
    patterns: [inc('prompt-arguments')],
  },
  'crash-diagnostic': {
    patterns: [
      {
        match: String.raw`\G[ \t]*+(?:([a-z][\w-]*+)(:)[ \t]++)?(WARNING)(:)[ \t]++((?:active task|possibly bogus|cannot |[^\n]*?not found in)[^\n]*+)`,
        name: 'meta.diagnostic.warning.crashlog',
        captures: caps({
          1: 'keyword.control.command.crashlog',
          3: 'invalid.deprecated.warning.crashlog',
          5: 'invalid.deprecated.warning.crashlog',
        }),
      },
      {
        match: String.raw`\G[ \t]*+(?:([a-z][\w-]*+)(:)[ \t]++)(WARNING)(:)[ \t]++([^\n]*+)`,
        name: 'meta.diagnostic.warning.crashlog',
        captures: caps({
          1: 'keyword.control.command.crashlog',
          3: 'invalid.deprecated.warning.crashlog',
          5: 'invalid.deprecated.warning.crashlog',
        }),
      },
      inc('crash-command-error-at-line-start'),
    ],
  },
  'crash-command-error': {
    comment:
      "An error crash printed into a memory line's output (memory-dump-line's region, which never starts at the line start): after a blank only, so that oniguruma skips to the command's first letter.",
    match: String.raw`(?<=\s)(rd|bt|dis|sym|struct|union|kmem|search|crash|task|mod|eval|ps|log|sys|vtop|ptov|list|tree|foreach|files|net|irq|timer|whatis|gdb|help|set|wr|vm|mount|dev|runq|swap|p)(:)[ \t]++((?:invalid|cannot|duplicate|no |not |seek error|read error|page excluded|pipe operation|ambiguous|unknown|bad |error)[^\n]*+)`,
    name: 'meta.diagnostic.error.crashlog',
    captures: caps({
      1: 'keyword.control.command.crashlog',
      2: 'punctuation.separator.key-value.crashlog',
      3: 'invalid.illegal.error.crashlog',
    }),
  },
  'crash-command-error-at-line-start': {
    match: String.raw`\G[ \t]*+(rd|bt|dis|sym|struct|union|kmem|search|crash|task|mod|eval|ps|log|sys|vtop|ptov|list|tree|foreach|files|net|irq|timer|whatis|gdb|help|set|wr|vm|mount|dev|runq|swap|p)(:)[ \t]++((?:invalid|cannot|duplicate|no |not |seek error|read error|page excluded|pipe operation|ambiguous|unknown|bad |error)[^\n]*+)`,
    name: 'meta.diagnostic.error.crashlog',
    captures: caps({
      1: 'keyword.control.command.crashlog',
      2: 'punctuation.separator.key-value.crashlog',
      3: 'invalid.illegal.error.crashlog',
    }),
  },
};
