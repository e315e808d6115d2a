// ppc64 lines: crash's register blocks (`R0:`…`R31:`, `NIP:`, `Syscall Result:`, `help -r`'s
// `OGPR3:`/`LINK:`), its `[NIP  : sym]` lines, and the console's `GPRnn:` rows, `NIP [addr] sym`
// sites, `MSR: … <SF,EE,…>`, `--- interrupt: 700 at …` markers and `Instruction dump:` words;
// in listings, the branch mnemonics and r/f/v/vs/cr operands. Register names the x86_64 and
// arm64 rules also know (`R8:`…`R15:`, `LR:`) are ppc64's too when the line is ppc64's.
import { caps, inc, type RuleSet } from '../grammar';
import { groupsFrom, SYMBOL_OFFSET_SIZE_MODULE } from './tokens';

const NAMES = String.raw`R(?:3[01]|[12]\d|\d)|NIP|MSR|OR3|OGPR3|CTR|LINK|LR|XER|CCR|CR|MQ|DAR|DSISR|TRAP|RESULT|REGS|CFAR|IRQMASK|SOFTE|PPR`;
const FIRST_NAMES = String.raw`R(?:3[01]|[12]\d|[0-7])|NIP|MSR|OR3|OGPR3|CTR|LINK|XER|CCR|CR|MQ|DAR|DSISR|TRAP|RESULT|REGS|CFAR|IRQMASK|SOFTE|PPR`;

/** The scopes of `NAME: value`, three consecutive groups. */
const PAIR_SCOPES = [
  'variable.other.register.crashlog',
  'punctuation.separator.key-value.crashlog',
  'constant.numeric.hex.register-value.crashlog',
];

/** The head of a ppc64 console frame, `[r1] [LR save word]`: groups 1–6 of its rules. */
const CONSOLE_FRAME_HEAD = {
  1: 'punctuation.definition.begin.crashlog',
  2: 'constant.numeric.hex.address.stack.crashlog',
  3: 'punctuation.definition.end.crashlog',
  4: 'punctuation.definition.begin.crashlog',
  5: 'constant.numeric.hex.address.text.crashlog',
  6: 'punctuation.definition.end.crashlog',
};

export const ppc64Rules: RuleSet = {
  'ppc64-register-line': {
    comment: 'A line of ppc64 registers; it starts with a name x86_64 lines never start with (R0-R7, R16-R31, NIP, MSR…).',
    begin: String.raw`(?:^|\G)[ \t]*+(?=(?:${FIRST_NAMES})[ \t]?:[ \t]*+\h)`,
    end: String.raw`(?=\n)`,
    name: 'meta.registers.crashlog',
    patterns: [
      {
        match: String.raw`(?<![\w])(${NAMES}|Syscall Result)([ \t]?:)`,
        captures: caps({ 1: 'variable.other.register.crashlog', 2: 'punctuation.separator.key-value.crashlog' }),
      },
      {
        match: String.raw`(<)([A-Z0-9_,]*+)(>)`,
        captures: caps({
          1: 'punctuation.definition.begin.crashlog',
          2: 'constant.language.flags.crashlog',
          3: 'punctuation.definition.end.crashlog',
        }),
      },
      {
        match: String.raw`(?<![\w.$])\h++(?![\w.$])`,
        name: 'constant.numeric.hex.register-value.crashlog',
      },
    ],
  },
  'ppc64-register-line-fast': {
    comment:
      "ppc64-register-line's commonest lines in one match with its scopes: one to four `NAME: value` pairs, the first value perhaps followed by its `<SF,EE,…>` bits (`NIP:  c008… LR: c008… CTR: 0000…`, `MSR:  8000… <SF,EE,ME>  CR: 24002222  XER: 20040006`).",
    match: String.raw`(?:^|\G)[ \t]*+(${FIRST_NAMES})([ \t]?:)[ \t]*+(\h++)(?![\w.$])(?:[ \t]*+(<)([A-Z0-9_,]*+)(>))?${String.raw`(?:[ \t]++(${NAMES})([ \t]?:)[ \t]*+(\h++)(?![\w.$])`.repeat(3)}${')?'.repeat(3)}[ \t]*+$`,
    name: 'meta.registers.crashlog',
    captures: caps({
      ...groupsFrom(1, PAIR_SCOPES),
      4: 'punctuation.definition.begin.crashlog',
      5: 'constant.language.flags.crashlog',
      6: 'punctuation.definition.end.crashlog',
      ...groupsFrom(7, [...PAIR_SCOPES, ...PAIR_SCOPES, ...PAIR_SCOPES]),
    }),
  },
  'ppc64-gpr-row': {
    comment: 'Console `GPR08: v v v v`: the label names the first register of the row.',
    match: String.raw`(?:^|\G)[ \t]*+(GPR\d\d)(:)[ \t]++(\h{8,16})${String.raw`(?:[ \t]++(\h{8,16}))?`.repeat(7)}[ \t]*+$`,
    name: 'meta.registers.crashlog',
    // Each value a group of its own: a capture tokenized again by patterns costs a scanner call a value.
    captures: caps({
      1: 'variable.other.register.crashlog',
      2: 'punctuation.separator.key-value.crashlog',
      ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [i + 3, 'constant.numeric.hex.register-value.crashlog'])),
    }),
  },
  'ppc64-site-line': {
    comment: 'Console `NIP [c00800000037035c] cc_do_null+0x50/0x70 [corpus_crash]` and its `LR [...]` twin.',
    begin: String.raw`(?:^|\G)[ \t]*+(NIP|LR)[ \t]++(\[)(\h++)(\])`,
    end: String.raw`(?=\n)`,
    name: 'meta.registers.crashlog',
    beginCaptures: caps({
      1: 'variable.other.register.crashlog',
      2: 'punctuation.definition.begin.crashlog',
      3: 'constant.numeric.hex.register-value.crashlog',
      4: 'punctuation.definition.end.crashlog',
    }),
    patterns: [inc('function-offset-hex'), inc('module-name'), inc('generic-tokens')],
  },
  'ppc64-interrupt-marker': {
    comment:
      'Console `--- interrupt: 700 at cc_do_warning+0x40/0x68 [corpus_crash]`: the trace goes on in the interrupted context.',
    begin: String.raw`(?:^|\G)[ \t]*+(---[ \t]++interrupt:)[ \t]++(\h++)`,
    end: String.raw`(?=\n)`,
    beginCaptures: caps({ 1: 'keyword.control.stack-switch.crashlog', 2: 'constant.numeric.hex.trap.crashlog' }),
    patterns: [
      { match: String.raw`(?<=[ \t])at(?=[ \t])`, name: 'keyword.other.at.crashlog' },
      inc('function-offset-hex'),
      inc('module-name'),
      inc('generic-tokens'),
    ],
  },
  'ppc64-console-frame-fast': {
    comment:
      'A whole ppc64-console-frame line of the commonest shape (symbol, module, `(unreliable)`), in one match with its scopes.',
    match: String.raw`(?:^|\G)[ \t]*+(\[)(\h{8,16})(\])[ \t]++(\[)(\h{8,16})(\])[ \t]++([A-Za-z_.$][\w.$]*+)(\+)(0x\h++)(/)(0x\h++)(?:[ \t]++(\[)([\w.-]++)(\]))?(?:[ \t]++(\(unreliable\)))?[ \t]*+$`,
    name: 'meta.frame.crashlog',
    captures: caps({
      ...CONSOLE_FRAME_HEAD,
      ...groupsFrom(7, SYMBOL_OFFSET_SIZE_MODULE),
      15: 'comment.other.unreliable.crashlog',
    }),
  },
  'ppc64-console-frame': {
    comment:
      'Console `[c0000000045a7a30] [c00800000037010c] cc_dispatch.isra.0+0x104/0x120 [corpus_crash] (unreliable)`: r1, LR save word, symbol.',
    begin: String.raw`(?:^|\G)[ \t]*+(\[)(\h{8,16})(\])[ \t]++(\[)(\h{8,16})(\])(?=[ \t]++[A-Za-z_.$][\w.$]*+\+0x)`,
    end: String.raw`(?=\n)`,
    name: 'meta.frame.crashlog',
    beginCaptures: caps(CONSOLE_FRAME_HEAD),
    patterns: [
      inc('function-offset-hex'),
      inc('module-name'),
      { match: String.raw`\(unreliable\)`, name: 'comment.other.unreliable.crashlog' },
    ],
  },
  'ppc64-instruction-dump': {
    comment: 'Console `Instruction dump:` words, the faulting one in <>.',
    match: String.raw`(?:^|\G)[ \t]*+(Instruction dump)(:)[ \t]*+$`,
    captures: caps({ 1: 'keyword.other.field.crashlog', 2: 'punctuation.separator.key-value.crashlog' }),
  },
  'ppc64-instruction-words': {
    begin: String.raw`(?:^|\G)[ \t]*+(?=(?:<?\h{8}>?[ \t]++){3,7}<?\h{8}>?[ \t]*+$)`,
    end: String.raw`(?=\n)`,
    name: 'meta.code-bytes.crashlog',
    patterns: [
      { match: String.raw`<\h{8}>`, name: 'invalid.illegal.faulting-instruction.crashlog' },
      { match: String.raw`\h{8}`, name: 'constant.numeric.hex.crashlog' },
    ],
  },
  'ppc64-bt-nip-lr': {
    comment: "crash's `[NIP  : exc_virt_0x4900_decrementer]` and `[LR   : panic+1080]` under its register block.",
    match: String.raw`\G[ \t]*+(\[)(NIP|LR)[ \t]*+(:)[ \t]*+([A-Za-z_.$][\w.$]*+)(?:(\+)(\d++))?(\])[ \t]*+$`,
    name: 'meta.registers.crashlog',
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'variable.other.register.crashlog',
      3: 'punctuation.separator.key-value.crashlog',
      4: 'entity.name.function.crashlog',
      5: 'keyword.operator.offset.crashlog',
      6: 'constant.numeric.decimal.offset.crashlog',
      7: 'punctuation.definition.end.crashlog',
    }),
  },
  'ppc64-flow-mnemonic': {
    comment: 'Power branches, calls and traps (b, bl, blr, bctrl, beq-, bdnz, tdnei, twi, sc, rfid…) in a listing.',
    match: String.raw`\G(?:b[la]?|bl[ra]|blrl|bctrl?|bc(?:l|lr|ctr)?l?|b(?:eq|ne|lt|gt|le|ge|so|ns|un|nu|dnz|dz)(?:lr|ctr)?l?[+-]?|t[dw](?:eq|ne|lt|gt|le|ge|lge|lle|llt|lgt|u)?i?|trap|sc|scv|rfid|hrfid|rfscv)(?![\w.])`,
    name: 'keyword.control.flow.crashlog',
  },
  'ppc64-operand-register': {
    match: String.raw`(?<![\w#.$%])(?:r(?:3[01]|[12]\d|\d)|f(?:3[01]|[12]\d|\d)|vs(?:6[0-3]|[1-5]\d|\d)|cr[0-7])(?![\w.])`,
    name: 'variable.other.register.crashlog',
  },
};
