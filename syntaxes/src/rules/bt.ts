import { caps, inc, type RuleSet } from '../grammar';

// After a frame's function: the bt -s offset, old i386's `(via caller)`, `at` and the text address
// (captures 6 to 13).
const FRAME_TAIL = String.raw`(?:(\+)(0x\h++|\d++))?(?:[ \t]++(\()(via)[ \t]++([^\s)]++)(\)))?[ \t]++(at)[ \t]++(\h++)`;
const FRAME_TAIL_CAPTURES: Record<number, string> = {
  6: 'keyword.operator.offset.crashlog',
  7: 'constant.numeric.offset.crashlog',
  8: 'punctuation.definition.begin.crashlog',
  9: 'keyword.other.via.crashlog',
  10: 'entity.name.function.crashlog',
  11: 'punctuation.definition.end.crashlog',
  12: 'keyword.other.at.crashlog',
  13: 'constant.numeric.hex.address.text.crashlog',
};

const TASK_HEADER = String.raw`\G[ \t]*+(PID)(:)[ \t]++(\d++)[ \t]++(TASK)(:)[ \t]++(\h++)[ \t]++(CPU)(:)[ \t]++(\S++)[ \t]++(COMMAND)(:)[ \t]++("[^"\n]*+")`;
const TASK_HEADER_CAPTURES = caps({
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
});

export const btRules: RuleSet = {
  'bt-frame': {
    comment: 'crash bt frame: `#N [slot] func at addr`, `func+117`/`func+0x75` with bt -s/-sx, `func (via caller)` on old i386.',
    begin: String.raw`\G[ \t]*+(#[ \t]?\d++)[ \t]++(\[)(\h++)(\])[ \t]++([^\s+]++)${FRAME_TAIL}`,
    end: String.raw`(?=\n)`,
    name: 'meta.frame.bt.crashlog',
    beginCaptures: caps({
      1: 'constant.numeric.frame-number.crashlog',
      2: 'punctuation.definition.begin.crashlog',
      3: 'constant.numeric.hex.address.stack.crashlog',
      4: 'punctuation.definition.end.crashlog',
      5: 'entity.name.function.crashlog',
      ...FRAME_TAIL_CAPTURES,
    }),
    patterns: [
      inc('module-name'),
      inc('crash-note'),
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
  'bt-frame-arm': {
    comment:
      '32-bit arm bt frame: `#N [<pc>] (func) from [<caller>]`, `(func [module])` for a module function; both addresses are text.',
    match: String.raw`\G[ \t]*+(#[ \t]?\d++)[ \t]++(\[<)(\h++)(>\])[ \t]++(\()([^\s()\[\]]++)(?:[ \t]++(\[)([\w.-]++)(\]))?(\))[ \t]++(from)[ \t]++(\[<)(\h++)(>\])[^\S\n]*+$`,
    name: 'meta.frame.bt.crashlog',
    captures: caps({
      1: 'constant.numeric.frame-number.crashlog',
      2: 'punctuation.definition.begin.crashlog',
      3: 'constant.numeric.hex.address.text.crashlog',
      4: 'punctuation.definition.end.crashlog',
      5: 'punctuation.definition.begin.crashlog',
      6: 'entity.name.function.crashlog',
      7: 'punctuation.definition.begin.crashlog',
      8: 'entity.name.namespace.module.crashlog',
      9: 'punctuation.definition.end.crashlog',
      10: 'punctuation.definition.end.crashlog',
      11: 'keyword.other.from.crashlog',
      12: 'punctuation.definition.begin.crashlog',
      13: 'constant.numeric.hex.address.text.crashlog',
      14: 'punctuation.definition.end.crashlog',
    }),
  },
  'bt-task-header': {
    match: TASK_HEADER,
    name: 'meta.task-header.crashlog',
    captures: TASK_HEADER_CAPTURES,
  },
  'ps-timed-row': {
    comment:
      '`ps -l`/`ps -m`: the time the task last ran (ns, or days and time since), its state, then what bt heads a task with.',
    match: String.raw`\G[ \t]*+(\[[\d :.]++\])[ \t]++(\[)([A-Z]{2})(\])${TASK_HEADER.slice(2)}`,
    name: 'meta.ps-row.crashlog',
    captures: caps({
      1: 'comment.other.timestamp.crashlog',
      2: 'punctuation.definition.begin.crashlog',
      3: 'constant.language.task-state.crashlog',
      4: 'punctuation.definition.end.crashlog',
      ...Object.fromEntries(Object.entries(TASK_HEADER_CAPTURES).map(([group, capture]) => [Number(group) + 4, capture.name!])),
    }),
  },
  'bt-task-header-line': {
    comment: 'bt-task-header ending its line, as a whole-line fast path (bt -a prints one per task).',
    match: String.raw`${TASK_HEADER}[^\S\n]*+$`,
    name: 'meta.task-header.crashlog',
    captures: TASK_HEADER_CAPTURES,
  },
  'bt-exception-rip': {
    match: String.raw`\G[ \t]*+(\[)(exception [RE]IP)(:)[ \t]*+([^\]\n]*+)(\])`,
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
    comment: 'bt-frame in one match: the frame, its module and a last unsized (*) or doubtful ((?)) mark.',
    match: String.raw`\G[ \t]*+(#[ \t]?\d++)[ \t]++(\[)(\h++)(\])[ \t]++([^\s+]++)${FRAME_TAIL}(?:[ \t]++(\[)([\w.-]++)(\]))?(?:[ \t]++(?:(\*)|(\(\?\))))?[ \t]*+$`,
    name: 'meta.frame.bt.crashlog',
    captures: caps({
      1: 'constant.numeric.frame-number.crashlog',
      2: 'punctuation.definition.begin.crashlog',
      3: 'constant.numeric.hex.address.stack.crashlog',
      4: 'punctuation.definition.end.crashlog',
      5: 'entity.name.function.crashlog',
      ...FRAME_TAIL_CAPTURES,
      14: 'punctuation.definition.begin.crashlog',
      15: 'entity.name.namespace.module.crashlog',
      16: 'punctuation.definition.end.crashlog',
      17: 'invalid.deprecated.unsized-frame.crashlog',
      18: 'invalid.deprecated.doubtful.crashlog',
    }),
  },
  'bt-text-on-stack': {
    comment: 'bt -t/-T: a text address found in a stack word, `[slot] func at addr [module]` (s390x: `[     37ffff4f520]`).',
    match: String.raw`\G[ \t]*+(\[)[ \t]*+(\h{6,16})(\])[ \t]++([^\s+\[]++)(?:(\+)(0x\h++|\d++))?[ \t]++(at)[ \t]++(\h{4,16})(?:[ \t]++(\[)([\w.-]++)(\]))?[^\S\n]*+$`,
    name: 'meta.text-on-stack.bt.crashlog',
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'constant.numeric.hex.address.stack.crashlog',
      3: 'punctuation.definition.end.crashlog',
      4: 'entity.name.function.crashlog',
      5: 'keyword.operator.offset.crashlog',
      6: 'constant.numeric.offset.crashlog',
      7: 'keyword.other.at.crashlog',
      8: 'constant.numeric.hex.address.text.crashlog',
      9: 'punctuation.definition.begin.crashlog',
      10: 'entity.name.namespace.module.crashlog',
      11: 'punctuation.definition.end.crashlog',
    }),
  },
  'bt-text-start': {
    comment: 'bt -t/-T: `START: func at addr`, where the search of the stack starts.',
    match: String.raw`\G[ \t]*+(START)(:)[ \t]++([^\s+]++)(?:(\+)(0x\h++|\d++))?[ \t]++(at)[ \t]++(\h{4,16})[^\S\n]*+$`,
    captures: caps({
      1: 'keyword.other.field.crashlog',
      2: 'punctuation.separator.key-value.crashlog',
      3: 'entity.name.function.crashlog',
      4: 'keyword.operator.offset.crashlog',
      5: 'constant.numeric.offset.crashlog',
      6: 'keyword.other.at.crashlog',
      7: 'constant.numeric.hex.address.text.crashlog',
    }),
  },
  'bt-frame-extent': {
    comment:
      'bt -f on i386: `[RA: … SP: … FP: … SIZE: 52]`; mips, riscv64, loongarch64: `[PC: … RA: … SP: … SIZE: 160]`; arm32: `[PC: … LR: … SP: … SIZE: 8]`.',
    match: String.raw`\G[ \t]*+(\[)((?:(?:PC|RA|LR|SP|FP):[ \t]++\h{8,16}[ \t]++)++)(SIZE)(:)[ \t]++(\d++)(\])`,
    name: 'meta.frame-extent.bt.crashlog',
    captures: {
      ...caps({ 1: 'punctuation.definition.begin.crashlog' }),
      '2': {
        patterns: [
          {
            match: String.raw`(PC|RA|LR|SP|FP)(:)[ \t]++(\h{8,16})`,
            captures: caps({
              1: 'variable.other.register.crashlog',
              2: 'punctuation.separator.key-value.crashlog',
              3: 'constant.numeric.hex.address.crashlog',
            }),
          },
        ],
      },
      ...caps({
        3: 'keyword.other.field.crashlog',
        4: 'punctuation.separator.key-value.crashlog',
        5: 'constant.numeric.decimal.size.crashlog',
        6: 'punctuation.definition.end.crashlog',
      }),
    },
  },
  'bt-exception-frame-at': {
    comment: 'bt -e/-E: `KERNEL-MODE EXCEPTION FRAME AT addr:` before a register block.',
    match: String.raw`\G[ \t]*+((?:KERNEL|USER)-MODE[ \t]++EXCEPTION[ \t]++FRAME[ \t]++AT)(:)?[ \t]++(\h{8,16})(:)`,
    name: 'meta.exception.crashlog',
    captures: caps({
      1: 'keyword.control.exception.crashlog',
      2: 'punctuation.separator.key-value.crashlog',
      3: 'constant.numeric.hex.address.crashlog',
      4: 'punctuation.separator.key-value.crashlog',
    }),
  },
};
