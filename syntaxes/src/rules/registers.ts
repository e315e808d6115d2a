import { alternatives, caps, inc, type RuleSet } from '../grammar';
import { PRINTK_LINE_START, REPORT_HEADING } from './console';

/** The register names of every architecture's dumps (register-line's list). */
const REGISTER_NAMES = String.raw`ORIG_[RE]AX|ORIG_X0|SYSCALLNO|PSTATE|pstate|FPVALID|[RE]FLAGS|knlGS|PKRU|CR[0-48]|DR[0-7]|R(?:[A-D]X|[SD]I|[SB]P|IP|1[0-5]|0[89]|[89])|E(?:[A-D]X|[SD]I|[SB]P|IP)|[CDEFGS]S|IP|[Xx](?:30|[12]\d|\d)|PC|LR|SP|pc|lr|sp`;

/**
 * Names behind a class of their first letters: a line that starts with none of them fails at once
 * instead of trying every name (the document's fast paths try REGISTER_NAME on every line).
 */
function guarded(names: string): string {
  const firsts = alternatives(names).map((name) => {
    const first = name.startsWith('[') ? name.slice(1, name.indexOf(']')) : name[0];
    if (!/^[A-Za-z]+$/.test(first)) throw new Error(`grammar: a register name must start with a letter: ${name}`);
    return first;
  });
  return `(?=[${[...new Set(firsts.join(''))].sort().join('')}])(?:${names})`;
}

const REGISTER_NAME = guarded(REGISTER_NAMES);
/** The same after the first name of a run (i386 prints `ERR:` among them, never first). */
const REGISTER_NAME_OR_ERR = guarded(REGISTER_NAMES.replace('ORIG_[RE]AX|', 'ORIG_[RE]AX|ERR|'));
/** A segment before a value, `0010:` (register-line's segment token). */
const SEGMENT = String.raw`(?:(?<=:[ \t]|:)(\h{4})(:)(?=[\[A-Za-z_.$0-9]))?`;
/** A hex value as register-line reads it, and x86's `(0000)` selector after FS/GS bases. */
const HEX_VALUE = String.raw`((?:0x)?\h++)(?![\w.$])(?:\(((?:0x)?\h++)\))?`;
/** The scopes of `NAME: value`, three consecutive groups. */
const PAIR_SCOPES = [
  'variable.other.register.crashlog',
  'punctuation.separator.key-value.crashlog',
  'constant.numeric.hex.register-value.crashlog',
];
const pairCaptures = (from: number) => ({
  [from]: 'variable.other.register.crashlog',
  [from + 1]: 'punctuation.separator.key-value.crashlog',
  [from + 2]: 'constant.numeric.hex.segment.crashlog',
  [from + 3]: 'punctuation.separator.segment.crashlog',
});

export const registersRules: RuleSet = {
  'register-line': {
    begin: String.raw`(?:^|\G)[ \t]*+(?=(?:${REGISTER_NAME})[ \t]?:)`,
    end: String.raw`(?=\n)`,
    name: 'meta.registers.crashlog',
    patterns: [
      {
        comment:
          "12 register names at a time (nothing else in this list can match a blank or where a register name matches first); i386's `ERR:` only after the first.",
        match: String.raw`(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:))(?:[ \t]*+(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:))(?:[ \t]*+(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:))(?:[ \t]*+(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:))(?:[ \t]*+(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:))(?:[ \t]*+(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:))(?:[ \t]*+(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:))(?:[ \t]*+(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:))(?:[ \t]*+(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:))(?:[ \t]*+(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:))(?:[ \t]*+(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:))(?:[ \t]*+(?:(?<![\w])(${REGISTER_NAME_OR_ERR})([ \t]?:)))?)?)?)?)?)?)?)?)?)?)?`,
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
  'register-line-x86-fast': {
    comment:
      "x86's console register lines that register-line-fast does not take, in one match with register-line's scopes: `RIP: 0010:func+0x5/0x10 [mod]`, `CR0: … CR2: … CR3: … CR4: …`, `RIP: 0033:0x452ac9`, `RSP: 0018:ffff…  EFLAGS: 00010246 ORIG_RAX: …`, `FS:  0000…(0000) GS:ffff…(0000) knlGS:0000…`, `CS:  0010 DS: 0000 ES: 0000 CR0: …`; anything else there goes to register-line.",
    match: String.raw`(?:^|\G)[ \t]*+(R[IS]P|E[IS]P|IP|[CDEFGS]S|CR[0-48]|DR[0-7])([ \t]?:)[ \t]*+${SEGMENT}(?:([A-Za-z_.$][\w.$]*+)(\+)(0x\h++)(/)(0x\h++)(?:[ \t]++(\[)([\w.-]++)(\]))?|${HEX_VALUE})${String.raw`(?:[ \t]++(${REGISTER_NAME})([ \t]?:)[ \t]*+${SEGMENT}${HEX_VALUE}`.repeat(3)}${')?'.repeat(3)}[ \t]*+$`,
    name: 'meta.registers.crashlog',
    captures: caps({
      ...pairCaptures(1),
      5: 'entity.name.function.crashlog',
      6: 'keyword.operator.offset.crashlog',
      7: 'constant.numeric.hex.offset.crashlog',
      8: 'punctuation.separator.size.crashlog',
      9: 'constant.numeric.hex.size.crashlog',
      10: 'punctuation.definition.begin.crashlog',
      11: 'entity.name.namespace.module.crashlog',
      12: 'punctuation.definition.end.crashlog',
      13: 'constant.numeric.hex.register-value.crashlog',
      14: 'constant.numeric.hex.register-value.crashlog',
      ...pairCaptures(15),
      19: 'constant.numeric.hex.register-value.crashlog',
      20: 'constant.numeric.hex.register-value.crashlog',
      ...pairCaptures(21),
      25: 'constant.numeric.hex.register-value.crashlog',
      26: 'constant.numeric.hex.register-value.crashlog',
      ...pairCaptures(27),
      31: 'constant.numeric.hex.register-value.crashlog',
      32: 'constant.numeric.hex.register-value.crashlog',
    }),
  },
  'register-line-fast': {
    comment:
      'Fast path: one to three "NAME: value" pairs with plain hex values (crash register blocks, console RAX:/x29: lines).',
    match: String.raw`(?:^|\G)[ \t]*+(${REGISTER_NAME})([ \t]?:)[ \t]*+(\h++)(?:[ \t]++(${REGISTER_NAME})([ \t]?:)[ \t]*+(\h++))?(?:[ \t]++(${REGISTER_NAME})([ \t]?:)[ \t]*+(\h++))?[ \t]*+$`,
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
  'register-line-wide': {
    comment:
      'Four to six "NAME: value" pairs with plain hex values (i386\'s `ESI: … EDI: … EBP: … ESP: …`, `DS: 007b ES: 007b FS: 0000 GS: 0033 SS: 0068 EFLAGS: 00010246`), in one match with register-line\'s scopes.',
    match: String.raw`(?:^|\G)[ \t]*+(${REGISTER_NAME})([ \t]?:)[ \t]*+(\h++)${String.raw`[ \t]++(${REGISTER_NAME_OR_ERR})([ \t]?:)[ \t]*+(\h++)`.repeat(3)}${String.raw`(?:[ \t]++(${REGISTER_NAME_OR_ERR})([ \t]?:)[ \t]*+(\h++))?`.repeat(2)}[ \t]*+$`,
    name: 'meta.registers.crashlog',
    captures: caps(Object.fromEntries(Array.from({ length: 18 }, (_, i) => [i + 1, PAIR_SCOPES[i % 3]]))),
  },
  'register-line-fast-line': {
    comment:
      'Fast path: a whole timestamped register line in one match (same scopes as console-prefixed-line + register-line-fast).',
    match: String.raw`${PRINTK_LINE_START}([ \t]*+(?!${REPORT_HEADING})(${REGISTER_NAME})([ \t]?:)[ \t]*+(\h++)(?:[ \t]++(${REGISTER_NAME})([ \t]?:)[ \t]*+(\h++))?(?:[ \t]++(${REGISTER_NAME})([ \t]?:)[ \t]*+(\h++))?[ \t]*+$)`,
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
