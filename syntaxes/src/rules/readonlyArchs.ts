// Register lines of the architectures read without a model of their own (server arch/readonly):
// 32-bit arm's `pc : [<c0123456>]    lr : [<…>]    psr: 60000013`, `sp : …  ip : …  fp : …`,
// `r10: …  r9 : …` (arch/arm/kernel/process.c __show_regs, 8-digit values); mips' rows by number
// `$ 8   : v v v v` (kernel and crash's bt, LoongArch's crash bt too); the padded names mips and
// LoongArch print (`epc   :`, `Status:`, `Cause :`, `BadVA :`, `  ERA:`, ` CRMD:`, `ESTAT:`, crash's
// `era      :`, `CSR crmd :`); LoongArch's colon-less `pc v ra v tp v sp v` rows. i386's names are
// x86's (registers.ts).
import { caps, inc, numbered, type RuleSet } from '../grammar';

const REGISTER = 'variable.other.register.crashlog';
const SEPARATOR = 'punctuation.separator.key-value.crashlog';
const VALUE = 'constant.numeric.hex.register-value.crashlog';

const ARM32 = String.raw`(?:r10|r\d|fp|ip|sp|lr|pc|psr)`;
const PADDED = String.raw`(?:Hi|Lo|epc|ra|Status|Cause|BadVA|PrId|Acx|era|ERA|CRMD|PRMD|EUEN|ECFG|ESTAT|BADV|PRID|CSR [a-z]++)`;
const LOONGARCH_GPR = String.raw`(?:pc|ra|tp|sp|a[0-7]|t[0-8]|u0|s\d)`;

/** Pairs an arm32-register-line-fast line holds at most: the six saved registers 32-bit arm's backtrace prints under a frame (`r10:… r9:… … r5:…`); more would split the families' joined runs. */
const ARM32_FAST_PAIRS = 6;
const ARM32_PAIR = String.raw`(${ARM32})([ \t]?:)[ \t]*+(\h{8})(?![\w.$])`;
/** A line of plain pairs after its indent (arm32-register-line-fast). */
const ARM32_FAST = String.raw`${ARM32_PAIR}${String.raw`(?:[ \t]++${ARM32_PAIR}`.repeat(ARM32_FAST_PAIRS - 1)}${')?'.repeat(ARM32_FAST_PAIRS - 1)}[ \t]*+$`;

export const readonlyArchsRules: RuleSet = {
  'arm32-register-line-fast': {
    comment: 'arm32-register-line of plain values only (all its lines but pc/lr), in one match with its scopes.',
    match: String.raw`(?:^|\G)[ \t]*+${ARM32_FAST}`,
    name: 'meta.registers.crashlog',
    captures: numbered(Array.from({ length: ARM32_FAST_PAIRS }, () => [REGISTER, SEPARATOR, VALUE]).flat()),
  },
  'arm32-register-line': {
    comment: '32-bit arm `NAME : value` pairs: 8-digit values, pc and lr as `[<address>]`.',
    // arm32-register-line-fast comes before it in every family and takes the lines of plain values.
    begin: String.raw`(?:^|\G)[ \t]*+(?=${ARM32}[ \t]?:[ \t]*+(?:\[<\h{8}>\]|\h{8}(?![\w.$])))`,
    end: String.raw`(?=\n)`,
    name: 'meta.registers.crashlog',
    patterns: [
      { match: String.raw`(?<![\w.$])(${ARM32})([ \t]?:)`, captures: caps({ 1: REGISTER, 2: SEPARATOR }) },
      {
        match: String.raw`(\[<)(\h{8})(>\])`,
        captures: caps({
          1: 'punctuation.definition.begin.crashlog',
          2: 'constant.numeric.hex.address.text.crashlog',
          3: 'punctuation.definition.end.crashlog',
        }),
      },
      { match: String.raw`(?<![\w.$])\h{8}(?![\w.$])`, name: VALUE },
    ],
  },
  'numbered-register-row': {
    comment: 'mips `$ 8   : v v v v` (values named $8…$11 by position; $26/$27 may be blank), crash `$ 8      :`.',
    begin: String.raw`(?:^|\G)[ \t]*+(?=\$[ \d]?\d[ \t]*+:)`,
    end: String.raw`(?=\n)`,
    name: 'meta.registers.crashlog',
    patterns: [
      { match: String.raw`(\$[ \d]?\d)([ \t]*+:)`, captures: caps({ 1: REGISTER, 2: SEPARATOR }) },
      { match: String.raw`(?<![\w.$])\h{8,16}(?![\w.$])`, name: VALUE },
    ],
  },
  'padded-register-line': {
    comment:
      'mips and LoongArch names padded before their colon (`epc   : v func+0x20/0x40 [mod]`, `Status: v KX UX`, ` CRMD: v (…)`).',
    begin: String.raw`(?:^|\G)[ \t]*+(?=${PADDED}[ \t]*+:[ \t]*+\h{8})`,
    end: String.raw`(?=\n)`,
    name: 'meta.registers.crashlog',
    patterns: [
      { match: String.raw`(?<![\w.$])(${PADDED})([ \t]*+:)`, captures: caps({ 1: REGISTER, 2: SEPARATOR }) },
      inc('function-offset-hex'),
      // crash writes the symbol `func+32`.
      inc('function-offset-decimal'),
      {
        comment: "LoongArch's exception name after ESTAT (`[PIL]`), before module-name takes it for a module.",
        match: String.raw`(?<=\h )(\[)([A-Z]{2,5})(\])`,
        captures: caps({
          1: 'punctuation.definition.begin.crashlog',
          2: 'constant.language.flags.crashlog',
          3: 'punctuation.definition.end.crashlog',
        }),
      },
      inc('module-name'),
      { match: String.raw`(?<![\w.$])\h{8,16}(?![\w.$])`, name: VALUE },
    ],
  },
  'loongarch-register-row': {
    comment: "LoongArch's __show_regs rows of colon-less pairs: `pc v ra v tp v sp v`, `a0 v a1 v …`.",
    begin: String.raw`(?:^|\G)[ \t]*+(?=${LOONGARCH_GPR} \h{16}[ \t]++${LOONGARCH_GPR} \h{16})`,
    end: String.raw`(?=\n)`,
    name: 'meta.registers.crashlog',
    patterns: [
      { match: String.raw`(?<![\w.$])${LOONGARCH_GPR}(?= \h{16})`, name: REGISTER },
      { match: String.raw`(?<![\w.$])\h{16}(?![\w.$])`, name: VALUE },
    ],
  },
};
