import { caps, inc, type RuleSet } from '../grammar';

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
};
