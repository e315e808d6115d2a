import { caps, type RuleSet } from '../grammar';

export const markdownRules: RuleSet = {
  'markdown-fence': {
    comment: 'Only the fence line itself is scoped; lines between fences are tokenized exactly as outside.',
    match: '\\G[ \\t]*+(`{3,}|~{3,})[ \\t]*+([\\w+.#-]*+)[^`\\n]*$',
    name: 'markup.fenced_code.block.crashlog',
    captures: caps({ 1: 'punctuation.definition.fence.crashlog', 2: 'fenced_code.block.language.crashlog' }),
  },
  'markdown-heading': {
    match: String.raw`\G(#{1,6})[ \t]++(?!\d++[ \t]++\[|\[[ \t]*+\d++\.\d)([^\n]*+)`,
    name: 'markup.heading.markdown.crashlog',
    captures: caps({ 1: 'punctuation.definition.heading.crashlog', 2: 'entity.name.section.crashlog' }),
  },
};
