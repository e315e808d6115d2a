// s390x shapes: the PSW and GPRS register rows of console reports (`Krnl PSW :`, `Krnl GPRS:`)
// and of crash's bt (` PSW:`, ` GPRS:`), the PSW bits line (`R:0 T:1 IO:1 ...`) and the
// `Krnl Code:` disassembly (`#` the instruction before, `>` the faulting one).
import { caps, inc, type RuleSet } from '../grammar';

const REGISTER = 'variable.other.register.crashlog';
const SEPARATOR = 'punctuation.separator.key-value.crashlog';
const VALUE = 'constant.numeric.hex.register-value.crashlog';

export const s390xRules: RuleSet = {
  's390x-unreliable-frame': {
    comment:
      'The r14 of an interrupted frame, printed in parentheses because the unwinder cannot vouch for it: dimmed as a whole.',
    match: String.raw`(?:^|\G)([ \t]*+\(\[<\h++>\][ \t]++[A-Za-z_.$][^\n]*\))[ \t]*+$`,
    captures: caps({ 1: 'comment.line.unreliable-frame.crashlog' }),
  },
  's390x-register-row': {
    comment: 'PSW (mask, address and its symbol) or GPRS (r0-r3; the next three lines carry r4-r15 unnamed).',
    begin: String.raw`(?:^|\G)[ \t]*+(?:(Krnl|User)[ \t]++)?(PSW|GPRS)[ \t]*+(:)(?=[ \t]++\h{16}\b)`,
    end: String.raw`(?=\n)`,
    name: 'meta.registers.crashlog',
    beginCaptures: caps({ 1: 'storage.modifier.mode.crashlog', 2: REGISTER, 3: SEPARATOR }),
    patterns: [
      { match: String.raw`(?<![\w.$])\h{16}(?![\w.$])`, name: VALUE },
      inc('function-offset-hex'),
      inc('function-offset-decimal'),
      inc('module-name'),
    ],
  },
  's390x-psw-bits': {
    comment: 'The PSW mask spelled out under `Krnl PSW :` (R, T, IO, EX, Key, M, W, P, AS, CC, PM, RI, EA).',
    begin: String.raw`(?:^|\G)[ \t]*+(?=R:\d[ \t]++T:\d[ \t]++IO:\d)`,
    end: String.raw`(?=\n)`,
    name: 'meta.psw-bits.crashlog',
    patterns: [
      {
        match: String.raw`\b([A-Z][A-Za-z]{0,3}+)(:)(\d++)`,
        captures: caps({ 1: 'constant.language.flags.crashlog', 2: SEPARATOR, 3: 'constant.numeric.decimal.crashlog' }),
      },
    ],
  },
  's390x-code-line': {
    comment:
      '`Krnl Code: ADDR: BYTES<TAB>mnemonic<TAB>operands`, continued without the label; # marks the instruction before the fault, > the faulting one.',
    begin: String.raw`(?:^|\G)[ \t]*+(?:(Krnl Code)(:)[ \t]*+)?([#>])?(\h{16})(:)[ \t]++(\h{4}(?:\h{4}){0,2})[ \t]++([a-z][a-z0-9]*+)`,
    end: String.raw`(?=\n)`,
    name: 'meta.instruction.crashlog',
    beginCaptures: caps({
      1: 'keyword.other.field.crashlog',
      2: SEPARATOR,
      3: 'keyword.operator.current.crashlog',
      4: 'variable.other.constant.address.crashlog',
      5: SEPARATOR,
      6: 'constant.numeric.hex.crashlog',
      7: 'keyword.other.mnemonic.crashlog',
    }),
    patterns: [
      { match: String.raw`(%)[a-z]\d++`, name: REGISTER },
      { match: String.raw`(?<![\w.$])\h{16}(?![\w.$])`, name: 'constant.numeric.hex.address.crashlog' },
      { match: String.raw`(?<![\w.$#])\d++(?![\w.])`, name: 'constant.numeric.decimal.crashlog' },
      { match: String.raw`[()]`, name: 'punctuation.definition.memory.crashlog' },
      { match: String.raw`,`, name: 'punctuation.separator.operand.crashlog' },
    ],
  },
};
