import { caps, inc, type RuleSet } from '../grammar';
import { REPORT_HEADING } from './console';

export const registersRules: RuleSet = {
  'register-line': {
    begin: String.raw`(?:^|\G)[ \t]*+(?=(?:ORIG_[RE]AX|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)[ \t]?:)`,
    end: String.raw`(?=\n)`,
    name: 'meta.registers.crashlog',
    patterns: [
      {
        comment:
          "12 register names at a time (nothing else in this list can match a blank or where a register name matches first); i386's `ERR:` only after the first.",
        match: String.raw`(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:))(?:[ \t]*+(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:))(?:[ \t]*+(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:))(?:[ \t]*+(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:))(?:[ \t]*+(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:))(?:[ \t]*+(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:))(?:[ \t]*+(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:))(?:[ \t]*+(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:))(?:[ \t]*+(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:))(?:[ \t]*+(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:))(?:[ \t]*+(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:))(?:[ \t]*+(?:(?<![\w])(ORIG_[RE]AX|ERR|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:)))?)?)?)?)?)?)?)?)?)?)?`,
        captures: caps({
          1: 'variable.other.register.crashlog',
          2: 'punctuation.separator.key-value.crashlog',
          3: 'variable.other.register.crashlog',
          4: 'punctuation.separator.key-value.crashlog',
          5: 'variable.other.register.crashlog',
          6: 'punctuation.separator.key-value.crashlog',
          7: 'variable.other.register.crashlog',
          8: 'punctuation.separator.key-value.crashlog',
          9: 'variable.other.register.crashlog',
          10: 'punctuation.separator.key-value.crashlog',
          11: 'variable.other.register.crashlog',
          12: 'punctuation.separator.key-value.crashlog',
          13: 'variable.other.register.crashlog',
          14: 'punctuation.separator.key-value.crashlog',
          15: 'variable.other.register.crashlog',
          16: 'punctuation.separator.key-value.crashlog',
          17: 'variable.other.register.crashlog',
          18: 'punctuation.separator.key-value.crashlog',
          19: 'variable.other.register.crashlog',
          20: 'punctuation.separator.key-value.crashlog',
          21: 'variable.other.register.crashlog',
          22: 'punctuation.separator.key-value.crashlog',
          23: 'variable.other.register.crashlog',
          24: 'punctuation.separator.key-value.crashlog',
        }),
      },
      {
        match: String.raw`(?<=:[ \t]|:)(\h{4})(:)(?=[\[A-Za-z_.$0-9])`,
        captures: caps({ 1: 'constant.numeric.hex.segment.crashlog', 2: 'punctuation.separator.segment.crashlog' }),
      },
      {
        match: String.raw`(\[<)(\h++)(>\])`,
        captures: caps({
          1: 'punctuation.definition.begin.crashlog',
          2: 'constant.numeric.hex.address.text.crashlog',
          3: 'punctuation.definition.end.crashlog',
        }),
      },
      {
        match: String.raw`(\()([nN][zZ][cC][vV][^)\n]*+)(\))`,
        captures: caps({
          1: 'punctuation.definition.begin.crashlog',
          2: 'constant.language.flags.crashlog',
          3: 'punctuation.definition.end.crashlog',
        }),
      },
      inc('function-offset-hex'),
      inc('module-name'),
      {
        match: String.raw`(?<![\w.$])(?:0x)?\h++(?![\w.$])`,
        name: 'constant.numeric.hex.register-value.crashlog',
      },
    ],
  },
  'register-line-fast': {
    comment:
      'Fast path: one to three "NAME: value" pairs with plain hex values (crash register blocks, console RAX:/x29: lines).',
    match: String.raw`(?:^|\G)[ \t]*+(ORIG_[RE]AX|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:)[ \t]*+(\h++)(?:[ \t]++(ORIG_[RE]AX|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:)[ \t]*+(\h++))?(?:[ \t]++(ORIG_[RE]AX|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:)[ \t]*+(\h++))?[ \t]*+$`,
    name: 'meta.registers.crashlog',
    captures: caps({
      1: 'variable.other.register.crashlog',
      2: 'punctuation.separator.key-value.crashlog',
      3: 'constant.numeric.hex.register-value.crashlog',
      4: 'variable.other.register.crashlog',
      5: 'punctuation.separator.key-value.crashlog',
      6: 'constant.numeric.hex.register-value.crashlog',
      7: 'variable.other.register.crashlog',
      8: 'punctuation.separator.key-value.crashlog',
      9: 'constant.numeric.hex.register-value.crashlog',
    }),
  },
  'register-line-fast-line': {
    comment:
      'Fast path: a whole timestamped register line in one match (same scopes as console-prefixed-line + register-line-fast).',
    match: String.raw`\G[ \t]*+(?:<\d>)?(\[[ \t]*+\d++\.\d++\])(\[[ \t]*+[TC]\d++\])?[ \t]?([ \t]*+(?!${REPORT_HEADING})(ORIG_[RE]AX|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:)[ \t]*+(\h++)(?:[ \t]++(ORIG_[RE]AX|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:)[ \t]*+(\h++))?(?:[ \t]++(ORIG_[RE]AX|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp)([ \t]?:)[ \t]*+(\h++))?[ \t]*+$)`,
    captures: caps({
      1: 'comment.other.timestamp.crashlog',
      2: 'comment.other.caller-id.crashlog',
      3: 'meta.registers.crashlog',
      4: 'variable.other.register.crashlog',
      5: 'punctuation.separator.key-value.crashlog',
      6: 'constant.numeric.hex.register-value.crashlog',
      7: 'variable.other.register.crashlog',
      8: 'punctuation.separator.key-value.crashlog',
      9: 'constant.numeric.hex.register-value.crashlog',
      10: 'variable.other.register.crashlog',
      11: 'punctuation.separator.key-value.crashlog',
      12: 'constant.numeric.hex.register-value.crashlog',
    }),
  },
};
