import { caps, inc, uncaptured, type Captures, type RuleSet } from '../grammar';
import { shape } from '../merge';

/** The scopes of `func+0xoff/0xsize [module]` in eight consecutive groups (`[module]` optional). */
export const SYMBOL_OFFSET_SIZE_MODULE = [
  'entity.name.function.crashlog',
  'keyword.operator.offset.crashlog',
  'constant.numeric.hex.offset.crashlog',
  'punctuation.separator.size.crashlog',
  'constant.numeric.hex.size.crashlog',
  'punctuation.definition.begin.crashlog',
  'entity.name.namespace.module.crashlog',
  'punctuation.definition.end.crashlog',
];

/** `names` as the scopes of groups `first`, `first + 1`, …, to spread into a `caps` map. */
export function groupsFrom(first: number, names: string[]): Record<number, string> {
  return Object.fromEntries(names.map((name, i) => [first + i, name]));
}

// The generic tokens' shapes, as regex pieces: generic-tokens is their alternation, and the plain
// runs below are built from the same pieces, so that the two cannot drift apart.
/** `func+0xoff/0xsize` (five groups: SYMBOL_OFFSET_SIZE_MODULE's first five scopes). */
export const SYMBOL_OFFSET_SIZE = String.raw`([A-Za-z_.$][\w.$]*+)(\+)(0x\h++)(/)(0x\h++)`;
/** `func+0xoff/0xsize`, a hex word of 8 to 16 digits, a `0x` number: each only where a word starts. */
export const WORD_TOKEN = String.raw`${SYMBOL_OFFSET_SIZE}|((?:0x)?\h{8,16})(?![\w.$])|(0x\h++)(?![\w.$])`;
/** `path/file.c:123` (three groups: path, `:`, line) of a C, assembly, Rust, C++ or linker script source. */
export const SOURCE_LOCATION = String.raw`([\w.+/-]++)(?<=\.[chSs]|\.rs|\.cc|\.cpp|\.lds)(:)(\d++)`;
export const WORD_START = String.raw`(?<![\w.$])`;
/** `<sym+off>` after its `<`. */
const ANGLE_REST = String.raw`([^<>\s+]++)(?:(\+)(0x\h++|\d++))?(>)`;
/** The HTML entities of text pasted from a web page. */
const ENTITY = String.raw`&(?:gt|lt|amp|quot|#39|#x27|nbsp);`;
const GENERIC_TOKENS = String.raw`${WORD_START}(?:${WORD_TOKEN})|(<)${ANGLE_REST}|(${ENTITY})`;
/** A person's note after pasted output, after its first character (`<` or `/`). */
// A note in a language of its own may follow its mark unspaced (`<---在这里跳转`).
const NOTE_MARK = String.raw`(?<=[ \t])(?:<-++|<<++|//)(?=[ \t]|$|[^\x00-\x7f])`;

/** The rest of `func+0xoff/0xsize` after its name: what makes a word that may start one a token. */
const OFFSET_SIZE_REST = String.raw`\+0x\h++/0x\h++`;

/**
 * Text in which neither a generic token nor (with `notes`) a note starts, read a word at a time:
 * blanks, punctuation and non-ASCII text (prose in Chinese, say) in runs, a word whole unless a token starts
 * it, and `<`, `&` and `/` one at a time unless a token or note starts there. It stops exactly where
 * the next one starts. A list with more tokens than the generic ones names them in `more`: another
 * token a word starting with a digit may be, and marks (a character, as written in a class, and the
 * regex of it where it starts no token).
 *
 * A word is told from a token by its first character, each test made once: a letter other than
 * a-f, `_`, `.` or `$` can only start `func+0xoff/0xsize`, so the word is read and the `+0x…/0x…`
 * after it looked for; a-f may also start a hex word, a digit only a hex word or a 0x number.
 * (Trying the three tokens at every word read each word three times: prose cost 0.2 µs a character.)
 * A word right after non-ASCII text starts where a word starts (`\w` is ASCII: asciiWords.ts), as
 * in the model: `unmap_vmas+0xf4` in `此时处于unmap_vmas+0xf4` is a token.
 */
export function plainRun(notes: boolean, more?: { wordToken: string; marks: { char: string; plain: string }[] }): string {
  const notAngle = `<(?!${uncaptured(ANGLE_REST)})${notes ? String.raw`(?!(?<=[ \t]<)(?:-++|<++)(?=[ \t]|$|[^\x00-\x7f]))` : ''}`;
  const slash = notes ? String.raw`|(?<![ \t])/|/(?!/(?=[ \t]|$|[^\x00-\x7f]))` : '';
  const markChars = more?.marks.map((mark) => mark.char).join('') ?? '';
  const others = notes ? String.raw`[^\w.$<&/${markChars}\n]++` : String.raw`[^\w.$<&${markChars}\n]++`;
  const marks = more?.marks.map((mark) => `|${mark.plain}`).join('') ?? '';
  const hexWord = String.raw`\h{8,16}(?![\w.$])`;
  const digitTokens = String.raw`(?:0x)?${hexWord}|0x\h++(?![\w.$])` + (more ? `|${more.wordToken}` : '');
  const words = [
    String.raw`[g-zG-Z_.$][\w.$]*+(?!${OFFSET_SIZE_REST})`,
    String.raw`(?!${hexWord})[a-fA-F][\w.$]*+(?!${OFFSET_SIZE_REST})`,
    String.raw`(?!${digitTokens})\d[\w.$]*+`,
  ].join('|');
  return String.raw`(?:${others}|${words}|${notAngle}|&(?!${uncaptured(ENTITY).slice(1)})${slash}${marks})*+`;
}

const GENERIC_CAPTURES: Captures = caps({
  1: 'entity.name.function.crashlog',
  2: 'keyword.operator.offset.crashlog',
  3: 'constant.numeric.hex.offset.crashlog',
  4: 'punctuation.separator.size.crashlog',
  5: 'constant.numeric.hex.size.crashlog',
  6: 'constant.numeric.hex.address.crashlog',
  7: 'constant.numeric.hex.crashlog',
  8: 'punctuation.definition.begin.crashlog',
  9: 'entity.name.function.crashlog',
  10: 'keyword.operator.offset.crashlog',
  11: 'constant.numeric.offset.crashlog',
  12: 'punctuation.definition.end.crashlog',
  13: 'constant.character.entity.html.crashlog',
});

/** Captures of generic-tokens moved up by `by` groups. */
function shifted(captures: Captures, by: number): Captures {
  return Object.fromEntries(Object.entries(captures).map(([group, capture]) => [String(Number(group) + by), capture]));
}

/**
 * How many steps of a generic run (plain text, then a token) one match takes. Each scanner call
 * costs about as much again as the regex's own work, so a line dense with tokens (a hex dump, or a
 * 10,000-character run of `f+0x1`) took one call per token; two steps a match take 18 % less time
 * there and change no other line's cost (more steps decode more groups on every match).
 */
const RUN_STEPS = 2;

/**
 * `step` RUN_STEPS times in one match, each step atomic, so that it ends where the step alone would
 * (a later step's failure never makes an earlier one read differently); the steps after the first
 * are optional. Its captures are repeated for every step.
 */
function inSteps(step: string, captures: Captures): { match: string; captures: Captures } {
  const { groups } = shape(step);
  const stepped: Captures = {};
  for (let i = 0; i < RUN_STEPS; i++) Object.assign(stepped, shifted(captures, i * groups));
  const steps = Array.from({ length: RUN_STEPS }, (_, i) => `(?>${step})${i === 0 ? '' : '?'}`);
  return { match: steps.join(''), captures: stepped };
}

/** Blanks before a line's first character from which it is read as deep-indent-line. */
const DEEP_INDENT = 200;
/**
 * An indent short of deep-indent-line's: the rules the document's list tries before deep-indent-line
 * (dispatch.ts) read an indent so, and leave a deeper one to it as if it came first. (Atomic: in
 * oniguruma's Ruby syntax `{0,199}+` is one or more of `{0,199}`, not a possessive.)
 */
export const SHORT_INDENT = String.raw`(?>[ \t]{0,${DEEP_INDENT - 1}})`;

export const tokensRules: RuleSet = {
  'other-line': {
    comment: 'Any other line (prose, unknown output): only the generic tokens, in a one-line region so the scanner stays small.',
    begin: String.raw`\G`,
    end: String.raw`(?=\n)`,
    patterns: [inc('generic-run')],
  },
  'deep-indent-line': {
    comment: `A line indented by ${DEEP_INDENT} blanks or more (never crash or console output: junk, or a paste gone wrong): the indent read once, then only the generic tokens. Every line rule skips an indent before its first character, so each would read the whole run of blanks again (a 10,000-blank line took 5 ms).`,
    begin: String.raw`\G[ \t]{${DEEP_INDENT}}[ \t]*+`,
    end: String.raw`(?=\n)`,
    patterns: [inc('generic-run')],
  },
  'generic-run': {
    comment: `generic-tokens for a list that holds nothing else: the plain text up to the next token is read in the same match, a word at a time, instead of the scanner trying the token regex at every position (the plain text stays unscoped; a step ends at the token, or at the line end when there is none), ${RUN_STEPS} steps a match.`,
    ...inSteps(String.raw`${plainRun(false)}(?:${GENERIC_TOKENS}|(?=\n)|[^\n])`, GENERIC_CAPTURES),
  },
  'generic-run-with-notes': {
    comment: "generic-run where a person's note (pasted-note) may follow too.",
    ...inSteps(String.raw`${plainRun(true)}(?:(${NOTE_MARK}[^\n]*+)|${GENERIC_TOKENS}|(?=\n)|[^\n])`, {
      1: { name: 'comment.line.note.crashlog' },
      ...shifted(GENERIC_CAPTURES, 1),
    }),
  },
  'plain-rest': {
    comment:
      'The rest of a line in which no generic token or note starts, in one match (unscoped): as generic-rest leaves it, without its region.',
    match: String.raw`\G${plainRun(true)}$`,
  },
  'plain-line-rest': {
    comment: 'A line in which no generic token starts, in one match (unscoped): as other-line leaves it, without its region.',
    match: String.raw`\G${plainRun(false)}$`,
  },
  'hex-words-rest': {
    comment:
      "The rest of a line made of one to eight hex words of 8 to 16 digits (stack words), after a short hex offset and a colon or not (32-bit arm's stack dump rows, `5e80: e08f5ea4 00000005 …`): generic-rest's addresses, in one match (the offset is no generic token).",
    match: String.raw`\G[ \t]*+(?:\h{1,7}:[ \t]++)?(\h{8,16})${String.raw`(?:[ \t]++(\h{8,16}))?`.repeat(7)}[ \t]*+$`,
    captures: caps(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [i + 1, 'constant.numeric.hex.address.crashlog']))),
  },
  'generic-tokens': {
    comment:
      'Addresses, hex numbers, func+0xoff/0xsize, <sym+off> and the HTML entities of text pasted from a web page (&gt; &lt; &amp;) anywhere; one regex so each position is tried once.',
    match: GENERIC_TOKENS,
    captures: GENERIC_CAPTURES,
  },
  'address-word': {
    comment: '8 to 16 hex digits, with or without 0x, standing alone as a word',
    match: String.raw`(?<![\w.$])(?:0x)?\h{8,16}(?![\w.$])`,
    name: 'constant.numeric.hex.address.crashlog',
  },
  'hex-number': {
    match: String.raw`(?<![\w.$])0x\h++(?![\w.$])`,
    name: 'constant.numeric.hex.crashlog',
  },
  'function-offset-hex': {
    match: String.raw`(?<![\w.$])([A-Za-z_.$][\w.$]*+)(\+)(0x\h++)(/)(0x\h++)`,
    captures: caps({
      1: 'entity.name.function.crashlog',
      2: 'keyword.operator.offset.crashlog',
      3: 'constant.numeric.hex.offset.crashlog',
      4: 'punctuation.separator.size.crashlog',
      5: 'constant.numeric.hex.size.crashlog',
    }),
  },
  'function-offset-decimal': {
    match: String.raw`(?<![\w.$])([A-Za-z_.$][\w.$]*+)(\+)(\d++)(?![\w.$])`,
    captures: caps({
      1: 'entity.name.function.crashlog',
      2: 'keyword.operator.offset.crashlog',
      3: 'constant.numeric.decimal.offset.crashlog',
    }),
  },
  'symbol-in-angles': {
    match: String.raw`(<)([^<>\s+]++)(?:(\+)(0x\h++|\d++))?(>)`,
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'entity.name.function.crashlog',
      3: 'keyword.operator.offset.crashlog',
      4: 'constant.numeric.offset.crashlog',
      5: 'punctuation.definition.end.crashlog',
    }),
  },
  'module-name': {
    match: String.raw`(?<=\s)(\[)([\w.-]++)(\])`,
    captures: caps({
      1: 'punctuation.definition.begin.crashlog',
      2: 'entity.name.namespace.module.crashlog',
      3: 'punctuation.definition.end.crashlog',
    }),
  },
  'source-location': {
    match: String.raw`(?<![\w.$/-])${SOURCE_LOCATION}`,
    captures: caps({
      1: 'string.unquoted.path.crashlog',
      2: 'punctuation.separator.line-number.crashlog',
      3: 'constant.numeric.decimal.line-number.crashlog',
    }),
  },
  'generic-rest': {
    comment:
      'The rest of a console line once no console rule applies at this position: only the generic tokens are searched from here on (a one-line region so the scanner stays small).',
    // Anchored: its lists (console-prefixed-line's, the console body families') are entered where the
    // body starts, and it is tried there; unanchored, it let oniguruma try those whole lists again
    // at the next position wherever nothing matched at the first.
    begin: String.raw`\G(?=[^\n])`,
    end: String.raw`(?=\n)`,
    patterns: [inc('generic-run-with-notes')],
  },
  'crash-note': {
    comment: "A person's note after a line of crash's output: `# why` as well (crash prints no `#` after a frame).",
    match: String.raw`(?<=[ \t])(?:#|<-++|<<++|//)(?=[ \t]|$|[^\x00-\x7f])[^\n]*+`,
    name: 'comment.line.note.crashlog',
  },
  'pasted-note': {
    comment: "A person's note after pasted output: `<-- here`, `<< why`, `// why` to the end of the line.",
    match: String.raw`${NOTE_MARK}[^\n]*+`,
    name: 'comment.line.note.crashlog',
  },
};
