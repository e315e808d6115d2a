import { caps, inc, type RuleSet } from '../grammar';

export const tokensRules: RuleSet = {
  'other-line': {
    comment: 'Any other line (prose, unknown output): only the generic tokens, in a one-line region so the scanner stays small.',
    begin: String.raw`\G`,
    end: String.raw`(?=\n)`,
    patterns: [inc('generic-tokens')],
  },
  'generic-tokens': {
    comment:
      'Addresses, hex numbers, func+0xoff/0xsize, <sym+off> and the HTML entities of text pasted from a web page (&gt; &lt; &amp;) anywhere; one regex so each position is tried once.',
    match: String.raw`(?<![\w.$])(?:([A-Za-z_.$][\w.$]*+)(\+)(0x\h++)(/)(0x\h++)|((?:0x)?\h{8,16})(?![\w.$])|(0x\h++)(?![\w.$]))|(<)([^<>\s+]++)(?:(\+)(0x\h++|\d++))?(>)|(&(?:gt|lt|amp|quot|#39|#x27|nbsp);)`,
    captures: caps({
      1: 'entity.name.function.crashlog',
      2: 'keyword.operator.offset.crashlog',
      3: 'constant.numeric.hex.offset.crashlog',
      4: 'punctuation.separator.size.crashlog',
      5: 'constant.numeric.hex.size.crashlog',
      6: 'constant.numeric.hex.address.crashlog',
      7: 'constant.numeric.hex.crashlog',
      8: 'punctuation.definition.begin.crashlog',
      9: 'entity.name.function.crashlog',
      10: 'keyword.operator.offset.crashlog',
      11: 'constant.numeric.offset.crashlog',
      12: 'punctuation.definition.end.crashlog',
      13: 'constant.character.entity.html.crashlog',
    }),
  },
  'address-word': {
    comment: '8 to 16 hex digits, with or without 0x, standing alone as a word',
    match: String.raw`(?<![\w.$])(?:0x)?\h{8,16}(?![\w.$])`,
    name: 'constant.numeric.hex.address.crashlog',
  },
  'hex-number': {
    match: String.raw`(?<![\w.$])0x\h++(?![\w.$])`,
    name: 'constant.numeric.hex.crashlog',
  },
  'function-offset-hex': {
    match: String.raw`(?<![\w.$])([A-Za-z_.$][\w.$]*+)(\+)(0x\h++)(/)(0x\h++)`,
    captures: caps({
      1: 'entity.name.function.crashlog',
      2: 'keyword.operator.offset.crashlog',
      3: 'constant.numeric.hex.offset.crashlog',
      4: 'punctuation.separator.size.crashlog',
      5: 'constant.numeric.hex.size.crashlog',
    }),
  },
  'function-offset-decimal': {
    match: String.raw`(?<![\w.$])([A-Za-z_.$][\w.$]*+)(\+)(\d++)(?![\w.$])`,
    captures: caps({
      1: 'entity.name.function.crashlog',
      2: 'keyword.operator.offset.crashlog',
      3: 'constant.numeric.decimal.offset.crashlog',
    }),
  },
  'symbol-in-angles': {
    match: String.raw`(<)([^<>\s+]++)(?:(\+)(0x\h++|\d++))?(>)`,
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'entity.name.function.crashlog',
      3: 'keyword.operator.offset.crashlog',
      4: 'constant.numeric.offset.crashlog',
      5: 'punctuation.definition.end.crashlog',
    }),
  },
  'module-name': {
    match: String.raw`(?<=\s)(\[)([\w.-]++)(\])`,
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'entity.name.namespace.module.crashlog',
      3: 'punctuation.definition.end.crashlog',
    }),
  },
  'source-location': {
    match: String.raw`(?<![\w.$/-])([\w.+/-]++)(?<=\.[chSs]|\.rs|\.cc|\.cpp|\.lds)(:)(\d++)`,
    captures: caps({
      1: 'string.unquoted.path.crashlog',
      2: 'punctuation.separator.line-number.crashlog',
      3: 'constant.numeric.decimal.line-number.crashlog',
    }),
  },
  'generic-rest': {
    comment:
      'The rest of a console line once no console rule applies at this position: only the generic tokens are searched from here on (a one-line region so the scanner stays small).',
    begin: String.raw`(?=[^\n])`,
    end: String.raw`(?=\n)`,
    patterns: [inc('pasted-note'), inc('generic-tokens')],
  },
  'crash-note': {
    comment: "A person's note after a line of crash's output: `# why` as well (crash prints no `#` after a frame).",
    match: String.raw`(?<=[ \t])(?:#|<-++|<<++|//)(?=[ \t]|$)[^\n]*+`,
    name: 'comment.line.note.crashlog',
  },
  'pasted-note': {
    comment: "A person's note after pasted output: `<-- here`, `<< why`, `// why` to the end of the line.",
    match: String.raw`(?<=[ \t])(?:<-++|<<++|//)(?=[ \t]|$)[^\n]*+`,
    name: 'comment.line.note.crashlog',
  },
};
