import { caps, inc, numbered, type Captures, type RuleSet } from '../grammar';

const BEGIN = 'punctuation.definition.begin.crashlog';
const END = 'punctuation.definition.end.crashlog';
const WORD = 'constant.numeric.hex.address.crashlog';
const SLAB = 'support.type.slab.crashlog';

// The words of memory-dump-line-words, a word at a time: each part is a regex and the scopes of its groups.
/**
 * Where an ASCII column may follow a word of hex digits: rd puts one blank between its words and two
 * after the address column, so the word follows a hex digit and one blank, or the colon and two
 * blanks (or one before a 64-bit word). 32-bit bt -f puts one blank after the colon and two between
 * words, which may be symbols: not an ASCII column. rd -d's decimals are padded with more blanks.
 * A one-character lookbehind comes first, for speed: at a blank not after a hex digit (a run of blanks
 * between two columns) it fails before the alternatives are tried, each searched back from there.
 */
const ASCII_AFTER_WORD = String.raw`(?<=\h)(?<=${[
  ...[2, 4, 8, 16].flatMap((n) => [String.raw`\h[ \t]\h{${n}}`, String.raw`:[ \t]{2}\h{${n}}`]),
  String.raw`:[ \t]\h{16}`,
].join('|')})`;

/** Decimal words a rd -d / -D line holds at most (32-bit: four). */
const DECIMAL_WORDS = 4;
const DECIMAL = String.raw`-?(?:0|[1-9]\d*+)(?![\w.$])`;
/**
 * After the address column's colon: the rest of the line is rd -d / -D's right-aligned decimals.
 * Told from hex words (which may be all digits too) by a minus sign, a word padded with three or
 * more blanks, or a width hex words never have; a word with a leading zero is hex. The hex fast
 * paths refuse such lines, so that memory-dump-line gets them.
 */
const DECIMAL_REST = String.raw`(?=(?:[ \t]++${DECIMAL}){1,${DECIMAL_WORDS}}[ \t]*+$)(?=[^\n]*?(?:-\d|[ \t]{3}|(?<=[ \t])(?:\d|\d{3}|\d{5,7}|\d{9,15}|\d{17,})(?!\d)))`;

/** rd -d / -D's decimals after the address column, in one match (memory-dump-line's first pattern). */
function decimalWords(): { match: string; captures: Captures } {
  let words = '';
  for (let i = 0; i < DECIMAL_WORDS; i++) words = String.raw`[ \t]++(${DECIMAL})` + (words && `(?:${words})?`);
  return {
    match: String.raw`\G${DECIMAL_REST}${words}[ \t]*+$`,
    captures: numbered(Array<string>(DECIMAL_WORDS).fill('constant.numeric.decimal.crashlog')),
  };
}

/**
 * A word of 8 or 16 hex digits, as address-word names it. Two or more blanks and then text after
 * it, where an ASCII column may follow it, would make that text the ASCII column: the word is
 * taken only where they do not follow.
 */
const HEX_WORD: [string, string[]] = [String.raw`([0-9a-f]{16}|[0-9a-f]{8})(?![\w.$])`, [WORD]];
const NO_ASCII_AFTER = String.raw`(?!${ASCII_AFTER_WORD}[ \t][ \t]++[^\s])`;
const GLUED_ANNOTATION: [string, string[]] = [
  String.raw`((\[)([^\]\s]{1,48})(\]))`,
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

/**
 * A memory line of `words` words in one match: rd -s, bt -f/-F/-FF (a word plain, with a glued
 * annotation such as 0000000000000010[CS], a slab such as [task_struct] or
 * [ffff8c60411be200:task_struct] when `slabs`, func+off or a symbol). The tokens memory-dump-line
 * gives these lines; longer or other lines go on to it.
 */
function wordsLine(words: number, slabs: boolean): { match: string; captures: Captures } {
  const scopes: string[] = ['variable.other.constant.address.crashlog', 'punctuation.separator.key-value.crashlog'];
  let source = String.raw`(?:^|\G)[ \t]*+([0-9a-f]{8,16})(:)(?!${DECIMAL_REST})`;
  const add = ([re, names]: [string, string[]]) => {
    source += re;
    scopes.push(...names);
  };
  for (let i = 0; i < words; i++) {
    source += String.raw`(?:[ \t]++(?>`;
    add(HEX_WORD);
    if (slabs) {
      source += '(?:';
      add(GLUED_ANNOTATION);
      source += `|${NO_ASCII_AFTER})|`;
      add(SLAB_POINTER);
      source += '|';
      add(SLAB_NAME);
    } else {
      source += NO_ASCII_AFTER;
    }
    source += '|';
    add(FUNCTION_OFFSET);
    source += '|';
    add(SYMBOL_NAME);
    source += ')';
  }
  source += ')?'.repeat(words - 1) + ')' + String.raw`[ \t]*+$`;
  return { match: source, captures: numbered(scopes) };
}

/** Words a memory-dump-line-gdb line holds at most (gdb's x/4wx prints four). */
const GDB_WORDS = 4;
/** gdb's x/gx and x/wx after the indent: a 0x address column, then 0x words of 8 to 16 digits. */
const GDB_LINE = String.raw`0x\h{7,16}:(?:[ \t]++0x\h{8,16}(?![\w.$])){1,${GDB_WORDS}}[ \t]*+$`;

/** memory-dump-line's scopes for a GDB_LINE, in one match. */
function gdbLine(start = String.raw`(?:^|\G)[ \t]*+`): { match: string; captures: Captures } {
  let words = '';
  for (let i = 0; i < GDB_WORDS; i++) words = String.raw`[ \t]++(0x\h{8,16})(?![\w.$])` + (words && `(?:${words})?`);
  return {
    match: String.raw`${start}(0x\h{7,16})(:)${words}[ \t]*+$`,
    captures: numbered([
      'variable.other.constant.address.crashlog',
      'punctuation.separator.key-value.crashlog',
      ...Array<string>(GDB_WORDS).fill(WORD),
    ]),
  };
}

/** Hex words a memory-dump-line-fast line holds at most: rd -32 prints four. */
const FAST_WORDS = 4;

/** The address column and 1 to FAST_WORDS words of 8 to 16 hex digits, blanks apart. */
function fastLine(): { match: string; captures: Captures } {
  let words = '';
  for (let i = 0; i < FAST_WORDS; i++) words = String.raw`[ \t]++(\h{8,16})` + (words && `(?:${words})?`);
  return {
    match: String.raw`(?:^|\G)[ \t]*+(\h{8,16})(:)(?!${DECIMAL_REST})${words}[ \t]*+$`,
    captures: numbered([
      'variable.other.constant.address.crashlog',
      'punctuation.separator.key-value.crashlog',
      ...Array<string>(FAST_WORDS).fill(WORD),
    ]),
  };
}

export const memoryRules: RuleSet = {
  'memory-dump-line': {
    comment:
      'rd / bt -f / search / gdb x/gx / KASAN shadow lines: an address column (7 digits: a physical address of rd -p), then words.',
    // Not a gdb line memory-dump-line-gdb takes, so that the line rules may list that one later.
    begin: String.raw`(?:^|\G)[ \t]*+(?!${GDB_LINE})(>)?((?:0x)?\h{7,16})(:)(?=\s|$)`,
    end: String.raw`(?=\n)`,
    name: 'meta.memory-line.crashlog',
    beginCaptures: caps({
      1: 'keyword.operator.marker.crashlog',
      2: 'variable.other.constant.address.crashlog',
      3: 'punctuation.separator.key-value.crashlog',
    }),
    patterns: [
      {
        comment: 'rd -d / -D: decimals, not hex (see DECIMAL_REST).',
        ...decimalWords(),
      },
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
        comment: 'ASCII column after hex words (rd without -x; see ASCII_AFTER_WORD); not more hex words to the end of the line',
        match: String.raw`${ASCII_AFTER_WORD}([ \t][ \t]++)(?!\h{6,16}:\s|//|\h{8,16}(?:[ \t]++\h{8,16})*+[ \t]*+$)([\x20-\x7e]{1,64})$`,
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
  'memory-dump-line-gdb': {
    comment: "gdb's x/gx and x/wx lines (0x address column, 0x words) in one match with memory-dump-line's scopes.",
    ...gdbLine(),
    name: 'meta.memory-line.crashlog',
  },
  'memory-dump-line-gdb-unindented': {
    comment:
      "memory-dump-line-gdb's lines that start at column 0, as gdb prints them: a whole-line fast path (dispatch.ts) whose first character, a `0`, turns every other line away before its regex is entered.",
    ...gdbLine(String.raw`\G`),
    name: 'meta.memory-line.crashlog',
  },
  'memory-dump-line-fast': {
    comment: `Fast path for the common rd -x / bt -f shape: address column and up to ${FAST_WORDS} words of 8 to 16 hex digits (one scanner call).`,
    ...fastLine(),
    name: 'meta.memory-line.crashlog',
  },
  'memory-dump-line-words': {
    comment: 'Fast path for rd -s and bt -f lines of up to four plain words (see wordsLine in syntaxes/src/rules/memory.ts).',
    ...wordsLine(4, false),
    name: 'meta.memory-line.crashlog',
  },
  'memory-dump-line-words-slabs': {
    comment:
      'Fast path for bt -F/-FF lines of up to two words, each may be a slab or carry an annotation (see wordsLine in syntaxes/src/rules/memory.ts).',
    ...wordsLine(2, true),
    name: 'meta.memory-line.crashlog',
  },
};
