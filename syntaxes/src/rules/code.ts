import { caps, groupedByFirstLetter, inc, uncaptured, type Captures, type Rule, type RuleSet } from '../grammar';
import { REPORT_HEADING } from './console';
import { ppc64Rules } from './ppc64';
import { riscv64Rules } from './riscv64';
import { SYMBOL_OFFSET_SIZE, tokensRules } from './tokens';

/** x86's prefixes of a call, jump or return; then the flow mnemonics of x86, arm64, arm32 and s390x. */
const X86_PREFIXES = 'lock|rep|repe|repz|repne|repnz|notrack|cs|ds|data16|addr32|bnd';
const X86_FLOW_MNEMONICS = String.raw`call[lqw]?|jmp[lqw]?|j(?:a|ae|b|be|c|e|g|ge|l|le|na|nae|nb|nbe|nc|ne|ng|nge|nl|nle|no|np|ns|nz|o|p|pe|po|s|z|cxz|ecxz|rcxz)|ret[lqw]?|iret[lqw]?|loop\w*+|ud[012]|int3|int|hlt|syscall|sysret[lq]?|sysenter|sysexit|bl|blr|br|b|b\.\w\w|cbn?z|tbn?z|ret|retaa|retab|eret|brk|svc|hvc|smc|blraa\w*+|braa\w*+|brasl|bras|basr|balr|bas|bcr|brcl|brc|bc|jg\w*+|j[a-z]{0,4}|cl?g?r?i?j\w*+`;
const X86_FLOW = String.raw`(?:${groupedByFirstLetter(X86_PREFIXES)}[ \t]++)*+${groupedByFirstLetter(X86_FLOW_MNEMONICS)}(?![\w.])`;
// The tokens of a dis line's tail, written once (or taken from tokens.ts): the rule's pattern list tries them one scanner
// call per token, and disTail() matches a run of them in one call with the same scopes.
// x86's prefixes belong to the mnemonic they precede (`lock cmpxchg`, `rep stos`, `data16 cs nopw`), as they do to a
// flow mnemonic in X86_FLOW; a prefix word followed by an operand (s390x's `cs %r1,…`) is the mnemonic itself.
const MNEMONIC = String.raw`(?:${groupedByFirstLetter(X86_PREFIXES)}[ \t]++(?=[a-z]))*+[a-z][\w.]*+`;
const ARM64_REGISTER = String.raw`(?<![\w#.$%])(?:[xw](?:30|[12]\d|\d)|[xw]zr|w?sp|lr|fp|[vqdsbh](?:3[01]|[12]\d|\d)(?:\.\d*+[bhsdq])?|[a-z]++\d?_el[0-3]|daif(?:set|clr)?|nzcv|fpcr|fpsr|tpidr_el[0-3])(?![\w.])`;
const ADDRESS_WORD = tokensRules['address-word'].match!;
const HEX_NUMBER = String.raw`(?<![\w.$])-?0x\h++`;
const DECIMAL_NUMBER = String.raw`(?<![\w.$#])\d++(?![\w.])`;
const SYMBOL_IN_ANGLES = tokensRules['symbol-in-angles'].match!;
const PPC64_REGISTER = ppc64Rules['ppc64-operand-register'].match!;
const RISCV64_REGISTER = riscv64Rules['riscv64-operand-register'].match!;

/**
 * arm64, ppc64 and riscv64 registers in one: every name starts with a lower-case letter, so the
 * lookahead skips all three alternations at once at any other operand (a number, a comma, a bracket).
 */
const NAMED_REGISTER = (() => {
  const notAfter = String.raw`(?<![\w#.$%])`;
  const names = [ARM64_REGISTER, PPC64_REGISTER, RISCV64_REGISTER].map((re) => {
    if (!re.startsWith(notAfter)) throw new Error(`grammar: a register regex must start with ${notAfter}: ${re.slice(0, 40)}`);
    return re.slice(notAfter.length);
  });
  return `${notAfter}(?=[a-z])(?:${names.join('|')})`;
})();

/** What console-frame's line starts with (after its indent and an old kernel's `[<address>]`). */
const FRAME_START = uncaptured(SYMBOL_OFFSET_SIZE);

const FLOW = 'keyword.control.flow.crashlog';
const REGISTER = 'variable.other.register.crashlog';
const SEPARATOR = 'punctuation.separator.operand.crashlog';
const IMMEDIATE = 'punctuation.definition.immediate.crashlog';
const SYMBOL_SCOPES = [
  'punctuation.definition.begin.crashlog',
  'entity.name.function.crashlog',
  'keyword.operator.offset.crashlog',
  'constant.numeric.offset.crashlog',
  'punctuation.definition.end.crashlog',
];

/** A regex put together from parts, with the scope of each capture group in order (undefined: none). */
class Captured {
  source = '';
  scopes: (string | undefined)[] = [];
  add(source: string, ...scopes: (string | undefined)[]): this {
    this.source += source;
    this.scopes.push(...scopes);
    return this;
  }
  append(other: Captured): this {
    return this.add(other.source, ...other.scopes);
  }
  captures(): Captures {
    const out: Captures = {};
    this.scopes.forEach((scope, i) => {
      if (scope !== undefined) out[String(i + 1)] = { name: scope };
    });
    return out;
  }
}

/** One operand token: the list's operand patterns in its order, atomic (the first that matches). */
function operandToken(): Captured {
  // Tokens of one scope share a group (the alternatives cannot match at the same position, or
  // keep the list's order): every group of a matched regex costs its decoding.
  const registers = String.raw`%[a-z][a-z0-9]*+|${NAMED_REGISTER}`;
  return new Captured()
    .add(`(?>(${registers})|(,)`, REGISTER, SEPARATOR)
    .add(
      String.raw`|([$#])(?:(-?0x\h++)|(-?\d++))`,
      IMMEDIATE,
      'constant.numeric.hex.immediate.crashlog',
      'constant.numeric.decimal.immediate.crashlog',
    )
    .add(String.raw`|(\[(?!FTRACE NOP\])|\()`, 'punctuation.definition.memory.begin.crashlog')
    .add(String.raw`|([\])])`, 'punctuation.definition.memory.end.crashlog')
    .add(String.raw`|(?<=\])(!)`, 'keyword.operator.writeback.crashlog')
    .add(`|(${ADDRESS_WORD})`, 'constant.numeric.hex.address.crashlog')
    .add(`|(${HEX_NUMBER})`, 'constant.numeric.hex.crashlog')
    .add(`|(${DECIMAL_NUMBER})`, 'constant.numeric.decimal.crashlog')
    .add(')');
}

/** A flow-mnemonic rule's `\\G(?:words)(?![\\w.])` without its anchor, its words grouped by first letter. */
function wordsGrouped(re: string): string {
  const words = /^\\G\(\?:(.*)\)\(\?!\[\\w\.\]\)$/.exec(re);
  if (!words) throw new Error(`grammar: not a list of flow mnemonics: ${re.slice(0, 40)}`);
  return `${groupedByFirstLetter(words[1])}(?![\\w.])`;
}

/**
 * Characters between operand tokens at which no pattern of the list can match: blanks, `*`, `:`,
 * arm32's register-list braces and `;` comment mark, and a `-` not starting a `-0x` number.
 */
const OPERAND_GAP = String.raw`(?:[ \t*:{};]|-(?!0x))*+`;

/**
 * The commonest dis tails in one match: the mnemonic, up to `operands` operand slots (x86 AT&T,
 * arm64, arm32, ppc64, riscv64: a token and a comma right after it, which the list can only read as a
 * separator) separated by characters no pattern of the list starts with, a jump
 * target's <sym+off>, then [FTRACE NOP], a `//` comment or a `# addr <sym>` comment to the end of
 * the line. Each token is the one the list finds there (its patterns in the list's order, atomic
 * so that a later failure cannot choose another). As the list's first pattern it stops before
 * anything else, where the list goes on with the same tokens; `toLineEnd` makes it match only a
 * whole tail (the dis-instruction-line fast paths).
 */
function disTail(operands: number, toLineEnd: boolean, numberSignComment = true): Captured {
  const flows = [
    X86_FLOW,
    ...[ppc64Rules['ppc64-flow-mnemonic'], riscv64Rules['riscv64-flow-mnemonic']].map(({ match }) => wordsGrouped(match!)),
  ];
  let operandRun = new Captured();
  for (let i = 0; i < operands; i++) {
    operandRun = new Captured()
      .add(`(?:${OPERAND_GAP}`)
      .append(operandToken())
      .add('(,)?', SEPARATOR)
      .append(operandRun)
      .add(')?');
  }
  const symbol = new Captured().add(SYMBOL_IN_ANGLES, ...SYMBOL_SCOPES);
  // In a `#` comment the list names only addresses and symbols: a shorter 0x number stays plain.
  const commentItem = () =>
    new Captured()
      .add(String.raw`[ \t]++(?>(${ADDRESS_WORD})|`, 'constant.numeric.hex.address.crashlog')
      .append(symbol)
      .add(String.raw`|0x\h{1,7}(?![\w.$]))`);
  const tail = new Captured()
    .add(`(?>(${flows.join('|')})|(${MNEMONIC}))`, FLOW, 'keyword.other.mnemonic.crashlog')
    .append(operandRun)
    .add(String.raw`(?:[ \t]++(?>`)
    .append(symbol)
    .add('))?')
    .add(
      String.raw`(?:[ \t]++(?>(\[FTRACE NOP\])|(//[^\n]*+)`,
      'comment.other.ftrace.crashlog',
      'comment.line.double-slash.crashlog',
    );
  if (numberSignComment) {
    tail
      .add(String.raw`|((#)(?=[ \t])`, 'comment.line.number-sign.crashlog', 'punctuation.definition.comment.crashlog')
      .add('(?:')
      .append(commentItem())
      .add('(?:')
      .append(commentItem())
      .add(String.raw`)?)?[^\S\n]*+$)`);
  }
  return tail.add('))?').add(toLineEnd ? String.raw`[^\S\n]*+$` : '');
}

const DIS_HEAD = new Captured().add(
  String.raw`\G[ \t]*+(?:(=>)[ \t]++)?(0x\h++)[ \t]++(<)([^<>\s+]*+)(?:(\+)(\d++))?(>)(:)[ \t]*+`,
  'keyword.operator.current.crashlog',
  'variable.other.constant.address.crashlog',
  'punctuation.definition.begin.crashlog',
  'entity.name.function.crashlog',
  'keyword.operator.offset.crashlog',
  'constant.numeric.decimal.offset.crashlog',
  'punctuation.definition.end.crashlog',
  'punctuation.separator.key-value.crashlog',
);

/** A whole dis line whose tail disTail() names to its end, in one match (one scanner call). */
function disLine(operands: number, numberSignComment: boolean): Rule {
  const line = new Captured()
    .append(DIS_HEAD)
    .add('(?:')
    .append(disTail(operands, true, numberSignComment))
    .add(String.raw`|[^\S\n]*+$)`);
  return {
    comment: `A dis line with at most ${operands} operand slots, named in one match (see disTail in syntaxes/src/rules/code.ts).`,
    match: line.source,
    name: 'meta.instruction.crashlog',
    captures: line.captures(),
  };
}

/**
 * Operand slots the fast paths name (a bracket and an immediate are a slot each, a comma goes with
 * the token before it: `ldp x29, x30, [sp], #16` is six, `sd s6,64(sp)` four): 5 take 93 % of the
 * corpus's dis lines (6 tokens without slots took 90 %, in more capture groups) and 7 with the
 * `# addr <sym>` comment x86 prints after a rip-relative operand take as many as 10 tokens did.
 * With 4 tokens, half of the corpus's dis lines failed the short one and were read again by the long one.
 */
const SHORT_OPERANDS = 5;
const LONG_OPERANDS = 7;
const TAIL_IN_REGION = new Captured().add('\\G').append(disTail(LONG_OPERANDS, false));

export const codeRules: RuleSet = {
  // dis lines named in one match: the short ones first (fewer capture groups to decode), then the
  // long ones (dispatch.ts lists them apart: the long ones are rarer).
  'dis-instruction-line': disLine(SHORT_OPERANDS, false),
  'dis-instruction-line-long': disLine(LONG_OPERANDS, true),
  'dis-instruction': {
    begin: DIS_HEAD.source,
    end: String.raw`(?=\n)`,
    name: 'meta.instruction.crashlog',
    beginCaptures: DIS_HEAD.captures(),
    patterns: [
      {
        comment: 'The commonest tails in one match (see disTail); the patterns after it go on where it stops.',
        match: TAIL_IN_REGION.source,
        captures: TAIL_IN_REGION.captures(),
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
        match: ARM64_REGISTER,
        name: 'variable.other.register.crashlog',
      },
      inc('ppc64-operand-register'),
      inc('riscv64-operand-register'),
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
        match: HEX_NUMBER,
        name: 'constant.numeric.hex.crashlog',
      },
      {
        match: DECIMAL_NUMBER,
        name: 'constant.numeric.decimal.crashlog',
      },
      {
        match: String.raw`,`,
        name: 'punctuation.separator.operand.crashlog',
      },
    ],
  },
  'source-line': {
    // Not a report's heading nor a frame (dispatch.ts lists this rule before console-report-heading and console-frame).
    match: String.raw`\G[ \t]*+(?=/|[\w.+-]++/)(?!${REPORT_HEADING}|${FRAME_START})((?:/|[\w.+-]++/)[^\s:]*+)(:)[ \t]*+(\d++)[^\S\n]*+$`,
    name: 'meta.source-line.crashlog',
    captures: caps({
      1: 'string.unquoted.path.crashlog',
      2: 'punctuation.separator.line-number.crashlog',
      3: 'constant.numeric.decimal.line-number.crashlog',
    }),
  },
  'sym-line': {
    comment: 'sym: `ADDR (t) name+off [module] path: line`, the path without `: line` where the debug info has none (assembly).',
    match: String.raw`\G[ \t]*+(\h{5,16})[ \t]++(\()([A-Za-z?])(\))[ \t]++([^\s+]++)(?:(\+)(\d++))?(?:[ \t]++(\[)([\w.-]++)(\]))?(?:[ \t]++([^\s:]++)(?:(:)[ \t]*+(\d++))?)?[^\S\n]*+$`,
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
