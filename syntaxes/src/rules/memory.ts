import { caps, inc, type Captures, type RuleSet } from '../grammar';

const BEGIN = 'punctuation.definition.begin.crashlog';
const END = 'punctuation.definition.end.crashlog';
const WORD = 'constant.numeric.hex.address.crashlog';
const SLAB = 'support.type.slab.crashlog';

// memory-dump-line-words, a word at a time: each part is a regex and the scopes of its groups.
const HEX_WORD: [string, string[]] = [String.raw`([0-9a-f]{16})(?![\w.$])`, [WORD]];
const GLUED_ANNOTATION: [string, string[]] = [
  String.raw`(?:((\[)([^\]\s]{1,48})(\])))?`,
  ['meta.annotation.crashlog', BEGIN, 'string.unquoted.annotation.crashlog', END],
];
const SLAB_POINTER: [string, string[]] = [
  String.raw`(\[)(\h{6,16})(:)([\w.()-]++)(\])`,
  [BEGIN, 'constant.numeric.hex.address.crashlog', 'punctuation.separator.key-value.crashlog', SLAB, END],
];
const SLAB_NAME: [string, string[]] = [String.raw`(\[)([A-Za-z_][\w.-]*+)(\])`, [BEGIN, SLAB, END]];
const FUNCTION_OFFSET: [string, string[]] = [
  String.raw`(?!(?:0x)?\h{8,16}(?![\w.$]))([A-Za-z_.$][\w.$]*+)(\+)(\d++)(?![\w.$])`,
  ['entity.name.function.crashlog', 'keyword.operator.offset.crashlog', 'constant.numeric.decimal.offset.crashlog'],
];
const SYMBOL_NAME: [string, string[]] = [
  String.raw`(?!(?:0x)?\h{8,16}(?![\w.$])|\h++(?![\w.$]))([A-Za-z_.$][\w.$]*+)(?![\w.$])`,
  ['entity.name.function.crashlog'],
];
/** Words after the first that memory-dump-line-words names (a longer line goes to memory-dump-line). */
const MORE_WORDS = 2;

function wordsLine(): { match: string; captures: Captures } {
  const scopes: string[] = ['variable.other.constant.address.crashlog', 'punctuation.separator.key-value.crashlog'];
  let source = String.raw`(?:^|\G)[ \t]*+([0-9a-f]{8,16})(:)[ \t]++`;
  const add = ([re, names]: [string, string[]]) => {
    source += re;
    scopes.push(...names);
  };
  add(HEX_WORD);
  add(GLUED_ANNOTATION);
  for (let i = 0; i < MORE_WORDS; i++) {
    source += String.raw`(?:[ \t](?>`;
    add(HEX_WORD);
    add(GLUED_ANNOTATION);
    source += '|';
    add(SLAB_POINTER);
    source += '|';
    add(SLAB_NAME);
    source += '|';
    add(FUNCTION_OFFSET);
    source += '|';
    add(SYMBOL_NAME);
    source += ')';
  }
  source += ')?'.repeat(MORE_WORDS) + String.raw`[ \t]*+$`;
  return { match: source, captures: caps(Object.fromEntries(scopes.map((scope, i) => [i + 1, scope]))) };
}

export const memoryRules: RuleSet = {
  'memory-dump-line': {
    comment:
      'rd / bt -f / search / gdb x/gx / KASAN shadow lines: an address column (7 digits: a physical address of rd -p), then words.',
    begin: String.raw`(?:^|\G)[ \t]*+(>)?((?:0x)?\h{7,16})(:)(?=\s|$)`,
    end: String.raw`(?=\n)`,
    name: 'meta.memory-line.crashlog',
    beginCaptures: caps({
      1: 'keyword.operator.marker.crashlog',
      2: 'variable.other.constant.address.crashlog',
      3: 'punctuation.separator.key-value.crashlog',
    }),
    patterns: [
      {
        match: String.raw`//[^\n]*+`,
        name: 'comment.line.double-slash.crashlog',
      },
      inc('crash-command-error'),
      {
        match: String.raw`(?<=\s)(\h{8,16})(:)(?=\s)`,
        captures: caps({ 1: 'variable.other.constant.address.crashlog', 2: 'punctuation.separator.key-value.crashlog' }),
      },
      {
        comment: 'hand annotation glued to a word: 0072006900560318[rbp]',
        match: String.raw`(?<=\h)(\[)([^\]\s]{1,48})(\])`,
        name: 'meta.annotation.crashlog',
        captures: caps({
          1: 'punctuation.definition.begin.crashlog',
          2: 'string.unquoted.annotation.crashlog',
          3: 'punctuation.definition.end.crashlog',
        }),
      },
      {
        comment: 'bt -FF / rd -SS slab pointers: [ffff81007e020380:files_cache]',
        match: String.raw`(?<=\s)(\[)(\h{6,16})(:)([\w.()-]++)(\])`,
        captures: caps({
          1: 'punctuation.definition.begin.crashlog',
          2: 'constant.numeric.hex.address.crashlog',
          3: 'punctuation.separator.key-value.crashlog',
          4: 'support.type.slab.crashlog',
          5: 'punctuation.definition.end.crashlog',
        }),
      },
      {
        comment: 'bt -F / rd -s slab cache names: [task_struct]',
        match: String.raw`(?<=\s)(\[)([A-Za-z_][\w.-]*+)(\])`,
        captures: caps({
          1: 'punctuation.definition.begin.crashlog',
          2: 'support.type.slab.crashlog',
          3: 'punctuation.definition.end.crashlog',
        }),
      },
      inc('symbol-in-angles'),
      {
        comment: 'ASCII column after hex words (rd without -x)',
        match: String.raw`(?<=[\s:]\h{2}|[\s:]\h{4}|[\s:]\h{8}|[\s:]\h{16})([ \t][ \t]++)(?!\h{6,16}:\s|//)([\x20-\x7e]{1,64})$`,
        captures: caps({ 2: 'string.unquoted.ascii.crashlog' }),
      },
      inc('address-word'),
      inc('hex-number'),
      inc('function-offset-decimal'),
      {
        match: String.raw`(?<![\w.$])\h++(?![\w.$])`,
        name: 'constant.numeric.hex.crashlog',
      },
      {
        match: String.raw`(?<![\w.$])[A-Za-z_.$][\w.$]*+(?![\w.$])`,
        name: 'entity.name.function.crashlog',
      },
    ],
  },
  'memory-dump-line-fast': {
    comment: 'Fast path for the common rd -x / bt -f shape: address column and one or two 16-digit words (one scanner call).',
    match: String.raw`(?:^|\G)[ \t]*+(\h{8,16})(:)[ \t]++(\h{16})(?:[ \t]++(\h{16}))?[ \t]*+$`,
    name: 'meta.memory-line.crashlog',
    captures: caps({
      1: 'variable.other.constant.address.crashlog',
      2: 'punctuation.separator.key-value.crashlog',
      3: 'constant.numeric.hex.address.crashlog',
      4: 'constant.numeric.hex.address.crashlog',
    }),
  },
  'memory-dump-line-words': {
    comment:
      'Fast path for bt -f/-F/-FF and rd -s lines of 16-digit words, one blank apart: each word plain or with a glued annotation (0000000000000010[CS]), or a slab ([task_struct], [ffff8c60411be200:task_struct]), func+off or a symbol in its place. The tokens memory-dump-line gives these lines, in one scanner call.',
    ...wordsLine(),
    name: 'meta.memory-line.crashlog',
  },
};
