// riscv64 lines: the register dump of console reports and crash's `help -r` (`epc : … ra : …
// sp : …`, three pairs a line, then `status: … badaddr: … cause: …`), and the registers and
// control-flow mnemonics of RISC-V instructions in `dis` listings. (crash's `bt -f` frame
// extents `[PC: … RA: … SP: … SIZE: N]` are bt.ts's `bt-frame-extent`.)
import { caps, inc, type RuleSet } from '../grammar';

/** ABI names of x1–x31 as `__show_regs` prints them, with the trap CSRs. */
const NAME = String.raw`(?:epc|ra|sp|gp|tp|t[0-6]|s1[01]|s\d|a[0-7]|status|badaddr|cause|orig_a0)`;
const REGISTER = 'variable.other.register.crashlog';
const SEPARATOR = 'punctuation.separator.key-value.crashlog';

export const riscv64Rules: RuleSet = {
  'riscv64-register-line-fast': {
    comment: "One to three `NAME : value` pairs of hex words, in one match with riscv64-register-line's scopes.",
    match: String.raw`(?:^|\G)[ \t]*+(${NAME})([ \t]?:)[ \t]++(\h{16})${String.raw`(?:[ \t]++(${NAME})([ \t]?:)[ \t]++(\h{16}))?`.repeat(2)}[ \t]*+$`,
    name: 'meta.registers.crashlog',
    captures: caps({
      1: REGISTER,
      2: SEPARATOR,
      3: 'constant.numeric.hex.register-value.crashlog',
      4: REGISTER,
      5: SEPARATOR,
      6: 'constant.numeric.hex.register-value.crashlog',
      7: REGISTER,
      8: SEPARATOR,
      9: 'constant.numeric.hex.register-value.crashlog',
    }),
  },
  'riscv64-register-line': {
    comment: 'A line of riscv64 `NAME : value` pairs: a hex word, or `func+0xoff/0xsize [module]` on the epc/ra lines.',
    begin: String.raw`(?:^|\G)[ \t]*+(?=${NAME}[ \t]?:[ \t]++(?:\h{16}(?![\w.$])|[A-Za-z_.$][\w.$]*+\+0x))`,
    end: String.raw`(?=\n)`,
    name: 'meta.registers.crashlog',
    patterns: [
      {
        match: String.raw`(?<![\w.$])(${NAME})([ \t]?:)`,
        captures: caps({ 1: REGISTER, 2: SEPARATOR }),
      },
      inc('function-offset-hex'),
      inc('module-name'),
      {
        match: String.raw`(?<![\w.$])\h{16}(?![\w.$])`,
        name: 'constant.numeric.hex.register-value.crashlog',
      },
    ],
  },
  'riscv64-flow-mnemonic': {
    comment: 'RISC-V jumps, calls, branches and traps (gdb prints compressed forms by their base names).',
    match: String.raw`\G(?:jalr?|jr|j|call|tail|beqz|bnez|blez|bgez|bltz|bgtz|beq|bne|blt|bge|bltu|bgeu|bgt|ble|bgtu|bleu|sret|mret|ecall|ebreak|wfi|c\.(?:j|jal|jr|jalr|beqz|bnez|ebreak))(?![\w.])`,
    name: 'keyword.control.flow.crashlog',
  },
  'riscv64-operand-register': {
    comment: 'RISC-V integer, float and vector registers and the supervisor CSRs in operands (`sd s0,64(sp)`, `csrr a0,scause`).',
    match: String.raw`(?<![\w#.$%])(?:zero|ra|sp|gp|tp|fp|t[0-6]|s1[01]|s\d|a[0-7]|f[tsa]\d\d?|v(?:3[01]|[12]\d|\d)|s(?:status|epc|cause|tval|scratch|ie|ip|tvec|atp|envcfg)|cycle|time|instret)(?![\w.])`,
    name: REGISTER,
  },
};
