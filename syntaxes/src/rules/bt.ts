import { caps, inc, type RuleSet } from '../grammar';

export const btRules: RuleSet = {
  'bt-frame': {
    begin: String.raw`\G[ \t]*+(#[ \t]?\d++)[ \t]++(\[)(\h++)(\])[ \t]++(\S++)[ \t]++(at)[ \t]++(\h++)`,
    end: String.raw`(?=\n)`,
    name: 'meta.frame.bt.crashlog',
    beginCaptures: caps({
      1: 'constant.numeric.frame-number.crashlog',
      2: 'punctuation.definition.begin.crashlog',
      3: 'constant.numeric.hex.address.stack.crashlog',
      4: 'punctuation.definition.end.crashlog',
      5: 'entity.name.function.crashlog',
      6: 'keyword.other.at.crashlog',
      7: 'constant.numeric.hex.address.text.crashlog',
    }),
    patterns: [
      inc('module-name'),
      {
        match: String.raw`(?<=\s)\*(?=\s*$)`,
        name: 'invalid.deprecated.unsized-frame.crashlog',
      },
      {
        match: String.raw`\(\?\)`,
        name: 'invalid.deprecated.doubtful.crashlog',
      },
    ],
  },
  'bt-task-header': {
    match: String.raw`\G[ \t]*+(PID)(:)[ \t]++(\d++)[ \t]++(TASK)(:)[ \t]++(\h++)[ \t]++(CPU)(:)[ \t]++(\S++)[ \t]++(COMMAND)(:)[ \t]++("[^"\n]*+")`,
    name: 'meta.task-header.crashlog',
    captures: caps({
      1: 'keyword.other.field.crashlog',
      2: 'punctuation.separator.key-value.crashlog',
      3: 'constant.numeric.decimal.pid.crashlog',
      4: 'keyword.other.field.crashlog',
      5: 'punctuation.separator.key-value.crashlog',
      6: 'constant.numeric.hex.address.task.crashlog',
      7: 'keyword.other.field.crashlog',
      8: 'punctuation.separator.key-value.crashlog',
      9: 'constant.numeric.decimal.cpu.crashlog',
      10: 'keyword.other.field.crashlog',
      11: 'punctuation.separator.key-value.crashlog',
      12: 'string.quoted.double.command.crashlog',
    }),
  },
  'bt-exception-rip': {
    match: String.raw`\G[ \t]*+(\[)(exception RIP)(:)[ \t]*+([^\]\n]*+)(\])`,
    name: 'meta.exception.crashlog',
    captures: {
      '1': {
        name: 'punctuation.definition.begin.crashlog',
      },
      '2': {
        name: 'keyword.control.exception.crashlog',
      },
      '3': {
        name: 'punctuation.separator.key-value.crashlog',
      },
      '4': {
        patterns: [
          {
            match: String.raw`unknown or invalid address|no symbolic reference`,
            name: 'invalid.illegal.unknown-symbol.crashlog',
          },
          inc('function-offset-decimal'),
          inc('function-offset-hex'),
          inc('address-word'),
        ],
      },
      '5': {
        name: 'punctuation.definition.end.crashlog',
      },
    },
  },
  'bt-stack-switch': {
    match: String.raw`\G[ \t]*+(---[ \t]++<[^>\n]*+>[ \t]++---)`,
    captures: caps({ 1: 'keyword.control.stack-switch.crashlog' }),
  },
  'bt-frame-fast': {
    match: String.raw`\G[ \t]*+(#[ \t]?\d++)[ \t]++(\[)(\h++)(\])[ \t]++(\S++)[ \t]++(at)[ \t]++(\h++)(?:[ \t]++(\[)([\w.-]++)(\]))?[ \t]*+$`,
    name: 'meta.frame.bt.crashlog',
    captures: caps({
      1: 'constant.numeric.frame-number.crashlog',
      2: 'punctuation.definition.begin.crashlog',
      3: 'constant.numeric.hex.address.stack.crashlog',
      4: 'punctuation.definition.end.crashlog',
      5: 'entity.name.function.crashlog',
      6: 'keyword.other.at.crashlog',
      7: 'constant.numeric.hex.address.text.crashlog',
      8: 'punctuation.definition.begin.crashlog',
      9: 'entity.name.namespace.module.crashlog',
      10: 'punctuation.definition.end.crashlog',
    }),
  },
};
