import { caps, inc, numbered, type Captures, type RuleSet } from '../grammar';
import { REPORT_HEADING } from './console';

// struct -o offsets, C type words and array dimensions named by capture groups: the same tokens
// as the struct-offset, c-type-words and array-dimension lists give, without a scanner call each.
/** A member's offset, or its address in a listing of an object (struct-offset's groups). */
const OFFSET = String.raw`(?:(\[)(?:(0x\h++)|(\h{8,16})|(\d++))(\])[ \t]*+)?`;
const OFFSET_SCOPES = [
  'punctuation.definition.begin.crashlog',
  'constant.numeric.hex.offset.crashlog',
  'constant.numeric.hex.address.crashlog',
  'constant.numeric.decimal.offset.crashlog',
  'punctuation.definition.end.crashlog',
];
/** A type word (c-type-words: a keyword when the whole word is one) and the blanks or `*` after it. */
const TYPE_WORD = String.raw`(?:(struct|union|enum)|(const|volatile|unsigned|signed|static|extern)|(void|char|short|int|long|float|double|_Bool|bool))(?!\w)|([A-Za-z_]\w*+)`;
const TYPE_WORD_SCOPES = [
  'storage.type.struct.crashlog',
  'storage.modifier.crashlog',
  'support.type.builtin.crashlog',
  'entity.name.type.crashlog',
];
const TYPE_SEPARATOR = String.raw`(?:[ \t]*+(\*)[ \t]*+|[ \t]++)(?=[A-Za-z_])`;
/** Type words struct-member-fast names (more, or `**`, go to struct-member). */
const TYPE_WORDS = 3;
const DIMENSION = String.raw`(?:(\[)(\w*+)(\]))?`;
const DIMENSION_SCOPES = [
  'punctuation.definition.begin.crashlog',
  'constant.numeric.decimal.array-size.crashlog',
  'punctuation.definition.end.crashlog',
];

/** struct-member's line as one match: offset, 1 to TYPE_WORDS type words, member, up to two dimensions, bit field. */
function memberFast(): { match: string; captures: Captures } {
  const typeWord = `(?>${TYPE_WORD})${TYPE_SEPARATOR}`;
  let typeWords = '';
  for (let i = 0; i < TYPE_WORDS; i++) typeWords = typeWord + (typeWords && `(?:${typeWords})?`);
  const source =
    // No look-ahead for the `;` first: it read every line of six families to its end (1-2.5 µs on an
    // 80-character line), where the words fail at the first non-type word of most lines that are no
    // member, and it hid the first characters the build guards the regex with.
    String.raw`\G[ \t]*+${OFFSET}(?>${typeWords})` +
    String.raw`([A-Za-z_]\w*+)${DIMENSION}${DIMENSION}(?!\[)(?:[ \t]*+(:)[ \t]*+(\d++))?[ \t]*+(;)[^\S\n]*+$`;
  const scopes = [
    ...OFFSET_SCOPES,
    ...Array.from({ length: TYPE_WORDS }, () => [...TYPE_WORD_SCOPES, 'keyword.operator.pointer.crashlog']).flat(),
    'variable.other.member.crashlog',
    ...DIMENSION_SCOPES,
    ...DIMENSION_SCOPES,
    'punctuation.separator.bitfield.crashlog',
    'constant.numeric.decimal.bitfield-width.crashlog',
    'punctuation.terminator.crashlog',
  ];
  return { match: source, captures: numbered(scopes) };
}

// member-assignment's value tokens, in its list's order: `{` `}`, a string, and where a number starts
// (generic-tokens, then decimal) an address, a 0x number or a decimal, each only where a word starts.
const VALUE_NUMBER = String.raw`(?=[-\d])(?<![\w.$])(?>((?:0x)?\h{8,16})(?![\w.$])|(0x\h++)(?![\w.$])|(-?\d++)(?![\w.]))`;
const VALUE_SLOT = String.raw`[ \t]*+(?>([{}])|("[^"\n]*+")|${VALUE_NUMBER})(?:[ \t]*+(,))?`;
const VALUE_SLOT_SCOPES = [
  'punctuation.section.block.crashlog',
  'string.quoted.double.crashlog',
  'constant.numeric.hex.address.crashlog',
  'constant.numeric.hex.crashlog',
  'constant.numeric.decimal.crashlog',
  'punctuation.separator.comma.crashlog',
];
/** Value slots (a token and its comma) the short and the long value run name: `gpr = {…}` of ppc64 is 32 values and two braces. */
const SHORT_VALUE_SLOTS = 8;
const LONG_VALUE_SLOTS = 34;

/**
 * A run of member-assignment's tokens from just after its `=`, in one match: `{0x0, 0xffff0000025ab0c0, …},`
 * (arm64 `regs`, ppc64 `gpr`, s390x `gprs`) was a scanner call per brace, value and comma. Each slot is a
 * token the list would find there (its patterns' order, atomic), then a comma; only blanks, at which none
 * of the list's patterns can start, lie between. The run stops before anything else and the list goes
 * on from there. The short run must reach the line's end, so that a short line decodes few groups.
 */
function valueRun(slots: number, toLineEnd: boolean): { match: string; captures: Captures } {
  let run = '';
  for (let i = 0; i < slots; i++) run = VALUE_SLOT + (run && `(?:${run})?`);
  return {
    match: String.raw`\G${run}${toLineEnd ? String.raw`[^\S\n]*+$` : ''}`,
    captures: numbered(Array.from({ length: slots }, () => VALUE_SLOT_SCOPES).flat()),
  };
}

/** What follows `name =` on the lines member-assignment-fast takes: `{`, or a 0x number, and a comma. */
const FAST_VALUE = String.raw`[ \t]++(?:\{|0x\h++(?![\w.$])),?[ \t]*+$`;

export const structRules: RuleSet = {
  'struct-offset': {
    comment: "A member's offset, or its address where struct -o lists an object (`struct -o sock ADDR`).",
    match: String.raw`(\[)(?:(0x\h++)|(\h{8,16})|(\d++))(\])`,
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'constant.numeric.hex.offset.crashlog',
      3: 'constant.numeric.hex.address.crashlog',
      4: 'constant.numeric.decimal.offset.crashlog',
      5: 'punctuation.definition.end.crashlog',
    }),
  },
  'struct-open': {
    match: String.raw`\G[ \t]*+(?:(\[(?:0x\h++|\h{8,16}|\d++)\])[ \t]*+)?(struct|union|enum)(?:[ \t]++([A-Za-z_]\w*+))?[ \t]*+(\{)[^\S\n]*+$`,
    name: 'meta.struct.crashlog',
    captures: {
      '1': {
        patterns: [inc('struct-offset')],
      },
      '2': {
        name: 'storage.type.struct.crashlog',
      },
      '3': {
        name: 'entity.name.type.crashlog',
      },
      '4': {
        name: 'punctuation.section.block.begin.crashlog',
      },
    },
  },
  'struct-member-fast': {
    comment: `A struct member of up to ${TYPE_WORDS} type words and two array dimensions in one match (struct-member takes the others).`,
    ...memberFast(),
    name: 'meta.struct.member.crashlog',
  },
  'struct-member': {
    // The `;` looked for first: the type words would read a line of prose to its end before failing.
    match: String.raw`\G[ \t]*+(?:(\[(?:0x\h++|\h{8,16}|\d++)\])[ \t]*+)?(?=[A-Za-z_][^;\n]*+;[^\S\n]*+$)((?:[A-Za-z_]\w*+(?:[ \t]*+\*++[ \t]*+|[ \t]++)(?=[A-Za-z_]))++)([A-Za-z_]\w*+)((?:\[\w*+\])*+)(?:[ \t]*+(:)[ \t]*+(\d++))?[ \t]*+(;)[^\S\n]*+$`,
    name: 'meta.struct.member.crashlog',
    captures: {
      '1': {
        patterns: [inc('struct-offset')],
      },
      '2': {
        patterns: [inc('c-type-words')],
      },
      '3': {
        name: 'variable.other.member.crashlog',
      },
      '4': {
        patterns: [inc('array-dimension')],
      },
      '5': {
        name: 'punctuation.separator.bitfield.crashlog',
      },
      '6': {
        name: 'constant.numeric.decimal.bitfield-width.crashlog',
      },
      '7': {
        name: 'punctuation.terminator.crashlog',
      },
    },
  },
  'array-dimension': {
    match: String.raw`(\[)(\w*+)(\])`,
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'constant.numeric.decimal.array-size.crashlog',
      3: 'punctuation.definition.end.crashlog',
    }),
  },
  'c-type-words': {
    patterns: [
      {
        match: String.raw`\b(?:struct|union|enum)\b`,
        name: 'storage.type.struct.crashlog',
      },
      {
        match: String.raw`\b(?:const|volatile|unsigned|signed|static|extern)\b`,
        name: 'storage.modifier.crashlog',
      },
      {
        match: String.raw`\b(?:void|char|short|int|long|float|double|_Bool|bool)\b`,
        name: 'support.type.builtin.crashlog',
      },
      {
        match: String.raw`\*`,
        name: 'keyword.operator.pointer.crashlog',
      },
      {
        match: String.raw`[A-Za-z_]\w*+`,
        name: 'entity.name.type.crashlog',
      },
    ],
  },
  'struct-close': {
    match: String.raw`\G[ \t]*+(?:(\[(?:0x\h++|\h{8,16}|\d++)\])[ \t]*+)?(\})[ \t]*+([A-Za-z_]\w*+)?((?:\[\w*+\])*+)[ \t]*+([;,])?[^\S\n]*+$`,
    name: 'meta.struct.crashlog',
    captures: {
      '1': {
        patterns: [inc('struct-offset')],
      },
      '2': {
        name: 'punctuation.section.block.end.crashlog',
      },
      '3': {
        name: 'variable.other.member.crashlog',
      },
      '4': {
        patterns: [inc('array-dimension')],
      },
      '5': {
        name: 'punctuation.terminator.crashlog',
      },
    },
  },
  'struct-member-offset-only': {
    match: String.raw`\G[ \t]*+(\[(?:0x\h++|\d++)\])(?=[ \t])`,
    captures: {
      '1': {
        patterns: [inc('struct-offset')],
      },
    },
  },
  'member-assignment-fast': {
    comment:
      "member-assignment's commonest lines in one match with its scopes: `name = 0xvalue,` (an address when 8 to 16 digits, as generic-tokens reads it) or `name = {`.",
    // Not a report's heading (`WARNING = 0x1,`): dispatch.ts lists this rule before console-report-heading.
    match: String.raw`\G[ \t]*+(?=[A-Za-z_]\w*+[ \t]++=)(?!${REPORT_HEADING})([A-Za-z_]\w*+)[ \t]++(=)[ \t]++(?:(\{)|(0x\h{8,16})(?![\w.$])|(0x\h++)(?![\w.$]))(,)?[ \t]*+$`,
    name: 'meta.struct.member-value.crashlog',
    captures: caps({
      1: 'variable.other.member.crashlog',
      2: 'keyword.operator.assignment.crashlog',
      3: 'punctuation.section.block.crashlog',
      4: 'constant.numeric.hex.address.crashlog',
      5: 'constant.numeric.hex.crashlog',
      6: 'punctuation.separator.comma.crashlog',
    }),
  },
  'member-assignment': {
    // Not the lines member-assignment-fast takes, so that the line rules may list that one later.
    begin: String.raw`\G[ \t]*+([A-Za-z_]\w*+)[ \t]++(=)(?=[ \t])(?!${FAST_VALUE})`,
    end: String.raw`(?=\n)`,
    name: 'meta.struct.member-value.crashlog',
    beginCaptures: caps({ 1: 'variable.other.member.crashlog', 2: 'keyword.operator.assignment.crashlog' }),
    patterns: [
      { comment: 'A whole run of values to the line end in one match (see valueRun).', ...valueRun(SHORT_VALUE_SLOTS, true) },
      {
        comment: 'A longer run of values (see valueRun); the patterns after it go on where it stops.',
        ...valueRun(LONG_VALUE_SLOTS, false),
      },
      {
        match: String.raw`[{}]`,
        name: 'punctuation.section.block.crashlog',
      },
      {
        match: String.raw`,`,
        name: 'punctuation.separator.comma.crashlog',
      },
      {
        match: String.raw`"[^"\n]*+"`,
        name: 'string.quoted.double.crashlog',
      },
      inc('generic-tokens'),
      {
        match: String.raw`(?<![\w.$])-?\d++(?![\w.])`,
        name: 'constant.numeric.decimal.crashlog',
      },
    ],
  },
};
