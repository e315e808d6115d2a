import { caps, inc, type RuleSet } from '../grammar';

export const structRules: RuleSet = {
  'struct-offset': {
    match: String.raw`(\[)(?:(0x\h++)|(\d++))(\])`,
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'constant.numeric.hex.offset.crashlog',
      3: 'constant.numeric.decimal.offset.crashlog',
      4: 'punctuation.definition.end.crashlog',
    }),
  },
  'struct-open': {
    match: String.raw`\G[ \t]*+(?:(\[(?:0x\h++|\d++)\])[ \t]*+)?(struct|union|enum)(?:[ \t]++([A-Za-z_]\w*+))?[ \t]*+(\{)[^\S\n]*+$`,
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
  'struct-member': {
    match: String.raw`\G[ \t]*+(?:(\[(?:0x\h++|\d++)\])[ \t]*+)?((?:[A-Za-z_]\w*+(?:[ \t]*+\*++[ \t]*+|[ \t]++)(?=[A-Za-z_]))++)([A-Za-z_]\w*+)((?:\[\w*+\])*+)(?:[ \t]*+(:)[ \t]*+(\d++))?[ \t]*+(;)[^\S\n]*+$`,
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
    match: String.raw`\G[ \t]*+(?:(\[(?:0x\h++|\d++)\])[ \t]*+)?(\})[ \t]*+([A-Za-z_]\w*+)?((?:\[\w*+\])*+)[ \t]*+([;,])?[^\S\n]*+$`,
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
  'member-assignment': {
    begin: String.raw`\G[ \t]*+([A-Za-z_]\w*+)[ \t]++(=)(?=[ \t])`,
    end: String.raw`(?=\n)`,
    name: 'meta.struct.member-value.crashlog',
    beginCaptures: caps({ 1: 'variable.other.member.crashlog', 2: 'keyword.operator.assignment.crashlog' }),
    patterns: [
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
