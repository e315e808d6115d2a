import { caps, inc, type RuleSet } from '../grammar';

export const codeRules: RuleSet = {
  'dis-instruction': {
    begin: String.raw`\G[ \t]*+(?:(=>)[ \t]++)?(0x\h++)[ \t]++(<)([^<>\s+]*+)(?:(\+)(\d++))?(>)(:)[ \t]*+`,
    end: String.raw`(?=\n)`,
    name: 'meta.instruction.crashlog',
    beginCaptures: caps({
      1: 'keyword.operator.current.crashlog',
      2: 'variable.other.constant.address.crashlog',
      3: 'punctuation.definition.begin.crashlog',
      4: 'entity.name.function.crashlog',
      5: 'keyword.operator.offset.crashlog',
      6: 'constant.numeric.decimal.offset.crashlog',
      7: 'punctuation.definition.end.crashlog',
      8: 'punctuation.separator.key-value.crashlog',
    }),
    patterns: [
      {
        match: String.raw`\G(?:(?:lock|rep|repe|repz|repne|repnz|notrack|cs|ds|data16|addr32|bnd)[ \t]++)*+(?:call[lqw]?|jmp[lqw]?|j(?:a|ae|b|be|c|e|g|ge|l|le|na|nae|nb|nbe|nc|ne|ng|nge|nl|nle|no|np|ns|nz|o|p|pe|po|s|z|cxz|ecxz|rcxz)|ret[lqw]?|iret[lqw]?|loop\w*+|ud[012]|int3|int|hlt|syscall|sysret[lq]?|sysenter|sysexit|bl|blr|br|b|b\.\w\w|cbn?z|tbn?z|ret|retaa|retab|eret|brk|svc|hvc|smc|blraa\w*+|braa\w*+|brasl|bras|basr|balr|bas|bcr|brcl|brc|bc|jg\w*+|j[a-z]{0,4}|cl?g?r?i?j\w*+)(?![\w.])`,
        name: 'keyword.control.flow.crashlog',
      },
      inc('ppc64-flow-mnemonic'),
      {
        match: String.raw`\G[a-z][\w.]*+`,
        name: 'keyword.other.mnemonic.crashlog',
      },
      {
        match: String.raw`\[FTRACE NOP\]`,
        name: 'comment.other.ftrace.crashlog',
      },
      {
        match: String.raw`//[^\n]*+`,
        name: 'comment.line.double-slash.crashlog',
      },
      {
        begin: String.raw`(?<=\s)(#)(?=[ \t])`,
        end: String.raw`(?=\n)`,
        name: 'comment.line.number-sign.crashlog',
        beginCaptures: caps({ 1: 'punctuation.definition.comment.crashlog' }),
        patterns: [inc('address-word'), inc('symbol-in-angles')],
      },
      inc('symbol-in-angles'),
      {
        comment: '%registers and commas, up to 12 per scan (no earlier pattern here can match at % or ,).',
        match: String.raw`(?:((?:(%)[a-z][a-z0-9]*+))|((?:,)))(?:(?:((?:(%)[a-z][a-z0-9]*+))|((?:,)))(?:(?:((?:(%)[a-z][a-z0-9]*+))|((?:,)))(?:(?:((?:(%)[a-z][a-z0-9]*+))|((?:,)))(?:(?:((?:(%)[a-z][a-z0-9]*+))|((?:,)))(?:(?:((?:(%)[a-z][a-z0-9]*+))|((?:,)))(?:(?:((?:(%)[a-z][a-z0-9]*+))|((?:,)))(?:(?:((?:(%)[a-z][a-z0-9]*+))|((?:,)))(?:(?:((?:(%)[a-z][a-z0-9]*+))|((?:,)))(?:(?:((?:(%)[a-z][a-z0-9]*+))|((?:,)))(?:(?:((?:(%)[a-z][a-z0-9]*+))|((?:,)))(?:(?:((?:(%)[a-z][a-z0-9]*+))|((?:,))))?)?)?)?)?)?)?)?)?)?)?`,
        captures: caps({
          1: 'variable.other.register.crashlog',
          3: 'punctuation.separator.operand.crashlog',
          4: 'variable.other.register.crashlog',
          6: 'punctuation.separator.operand.crashlog',
          7: 'variable.other.register.crashlog',
          9: 'punctuation.separator.operand.crashlog',
          10: 'variable.other.register.crashlog',
          12: 'punctuation.separator.operand.crashlog',
          13: 'variable.other.register.crashlog',
          15: 'punctuation.separator.operand.crashlog',
          16: 'variable.other.register.crashlog',
          18: 'punctuation.separator.operand.crashlog',
          19: 'variable.other.register.crashlog',
          21: 'punctuation.separator.operand.crashlog',
          22: 'variable.other.register.crashlog',
          24: 'punctuation.separator.operand.crashlog',
          25: 'variable.other.register.crashlog',
          27: 'punctuation.separator.operand.crashlog',
          28: 'variable.other.register.crashlog',
          30: 'punctuation.separator.operand.crashlog',
          31: 'variable.other.register.crashlog',
          33: 'punctuation.separator.operand.crashlog',
          34: 'variable.other.register.crashlog',
          36: 'punctuation.separator.operand.crashlog',
        }),
      },
      {
        match: String.raw`(?<![\w#.$%])(?:[xw](?:30|[12]\d|\d)|[xw]zr|w?sp|lr|fp|[vqdsbh](?:3[01]|[12]\d|\d)(?:\.\d*+[bhsdq])?|[a-z]++\d?_el[0-3]|daif(?:set|clr)?|nzcv|fpcr|fpsr|tpidr_el[0-3])(?![\w.])`,
        name: 'variable.other.register.crashlog',
      },
      inc('ppc64-operand-register'),
      {
        match: String.raw`([$#])(-?0x\h++)`,
        captures: caps({ 1: 'punctuation.definition.immediate.crashlog', 2: 'constant.numeric.hex.immediate.crashlog' }),
      },
      {
        match: String.raw`([$#])(-?\d++)`,
        captures: caps({ 1: 'punctuation.definition.immediate.crashlog', 2: 'constant.numeric.decimal.immediate.crashlog' }),
      },
      {
        match: String.raw`[\[(]`,
        name: 'punctuation.definition.memory.begin.crashlog',
      },
      {
        match: String.raw`[\])]`,
        name: 'punctuation.definition.memory.end.crashlog',
      },
      {
        match: String.raw`(?<=\])!`,
        name: 'keyword.operator.writeback.crashlog',
      },
      inc('address-word'),
      {
        match: String.raw`(?<![\w.$])-?0x\h++`,
        name: 'constant.numeric.hex.crashlog',
      },
      {
        match: String.raw`(?<![\w.$#])\d++(?![\w.])`,
        name: 'constant.numeric.decimal.crashlog',
      },
      {
        match: String.raw`,`,
        name: 'punctuation.separator.operand.crashlog',
      },
    ],
  },
  'source-line': {
    match: String.raw`\G[ \t]*+((?:/|[\w.+-]++/)[^\s:]*+)(:)[ \t]*+(\d++)[^\S\n]*+$`,
    name: 'meta.source-line.crashlog',
    captures: caps({
      1: 'string.unquoted.path.crashlog',
      2: 'punctuation.separator.line-number.crashlog',
      3: 'constant.numeric.decimal.line-number.crashlog',
    }),
  },
  'sym-line': {
    match: String.raw`\G[ \t]*+(\h{5,16})[ \t]++(\()([A-Za-z?])(\))[ \t]++([^\s+]++)(?:(\+)(\d++))?(?:[ \t]++(\[)([\w.-]++)(\]))?(?:[ \t]++([^\s:]++)(:)[ \t]*+(\d++))?[^\S\n]*+$`,
    name: 'meta.symbol.crashlog',
    captures: caps({
      1: 'variable.other.constant.address.crashlog',
      2: 'punctuation.definition.begin.crashlog',
      3: 'storage.type.symbol-type.crashlog',
      4: 'punctuation.definition.end.crashlog',
      5: 'entity.name.function.crashlog',
      6: 'keyword.operator.offset.crashlog',
      7: 'constant.numeric.decimal.offset.crashlog',
      8: 'punctuation.definition.begin.crashlog',
      9: 'entity.name.namespace.module.crashlog',
      10: 'punctuation.definition.end.crashlog',
      11: 'string.unquoted.path.crashlog',
      12: 'punctuation.separator.line-number.crashlog',
      13: 'constant.numeric.decimal.line-number.crashlog',
    }),
  },
  'sym-module-bound': {
    comment:
      'sym -m: `ADDR MODULE START: name` and `ADDR MODULE END: name` (6.4+: `MODULE TEXT START:`…) around the module symbols.',
    match: String.raw`\G[ \t]*+(\h{8,16})[ \t]++(MODULE[ \t]++(?:[A-Z_]++[ \t]++)?(?:START|END))(:)[ \t]++([\w.-]++)[^\S\n]*+$`,
    captures: caps({
      1: 'variable.other.constant.address.crashlog',
      2: 'keyword.other.field.crashlog',
      3: 'punctuation.separator.key-value.crashlog',
      4: 'entity.name.namespace.module.crashlog',
    }),
  },
};
