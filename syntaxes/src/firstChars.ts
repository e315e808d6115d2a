// Which characters a regex can start a match with, read from its source: the guard anchors.ts puts
// after a rule's `\G`. Oniguruma rejects a `\G` regex without entering its matcher when the
// character at the start is none a match can begin with, but it only knows that character set when
// the regex starts with it at a fixed place: `\G(?=[ \t#])(?:[ \t]*+#…|(?!))` fails a line that
// starts with a letter in ~30 ns, the same regex without the lookahead in 130–500 ns (the matcher
// is entered: its stack is set up and saved, its capture groups cleared).
//
// The analysis is conservative: anything it does not know (a back-reference, an option group, a
// property class, `.`, a nested class) gives up, and so does a regex that can match without looking
// at the character at its start. A guard it returns is therefore always true of a match, and the
// regex with it matches exactly what it matched before.

/** Characters a match may start with: the ASCII ones, and whether any beyond ASCII. */
export interface FirstChars {
  ascii: Set<number>;
  nonAscii: boolean;
}

/** What a part of a regex needs of the character where it starts. */
interface Start {
  /** Characters it may consume first, or that a lookahead requires there. */
  chars: FirstChars;
  /** It may match there with the character unread (empty, or zero-width with no demand on it). */
  free: boolean;
}

class GiveUp extends Error {}

/** The group head at `re[i]` if this reader knows it (capturing, `(?:`, atomic, look-arounds, named). */
function groupHeadAt(re: string, i: number): string | undefined {
  const head = /\((?!\?)|\(\?(?::|>|=|!|<=|<!|<[A-Za-z_]\w*>)/y;
  head.lastIndex = i;
  return head.exec(re)?.[0];
}

const range = (from: string, to: string): number[] => {
  const out: number[] = [];
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) out.push(c);
  return out;
};
const codes = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** Shorthand classes: `\w`, `\s` and `\d` are Unicode-aware in oniguruma's UTF-8 regexes. */
const SHORTHANDS: Record<string, { ascii: number[]; nonAscii: boolean }> = {
  d: { ascii: range('0', '9'), nonAscii: true },
  h: { ascii: [...range('0', '9'), ...range('a', 'f'), ...range('A', 'F')], nonAscii: false },
  w: { ascii: [...range('0', '9'), ...range('a', 'z'), ...range('A', 'Z'), 95], nonAscii: true },
  s: { ascii: codes(' \t\n\r\f\v'), nonAscii: true },
};
const ESCAPED_CONTROLS: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, v: 11, a: 7, e: 27 };

/**
 * The one character an escape at `src[i]` (a `\\`) stands for, and the escape's length: a control
 * (`\\t`), a code (`\\x41`, `\\x{41}`, `\\u0041`) or an escaped mark, which is itself (beyond the BMP,
 * two UTF-16 units). Letters and digits otherwise name classes, back-references or options this reader
 * does not know: it gives up.
 */
function escapedChar(src: string, i: number): { code: number; length: number } {
  const next = src[i + 1];
  if (next === undefined) throw new GiveUp();
  if (next in ESCAPED_CONTROLS) return { code: ESCAPED_CONTROLS[next], length: 2 };
  const hex = /\\x(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))|\\u([0-9a-fA-F]{4})/y;
  hex.lastIndex = i;
  const m = hex.exec(src);
  if (m) return { code: parseInt(m[1] ?? m[2] ?? m[3], 16), length: m[0].length };
  if (/[A-Za-z0-9]/.test(next)) throw new GiveUp();
  const code = src.codePointAt(i + 1)!;
  return { code, length: code > 0xffff ? 3 : 2 };
}

function none(): FirstChars {
  return { ascii: new Set(), nonAscii: false };
}
function union(a: FirstChars, b: FirstChars): FirstChars {
  return { ascii: new Set([...a.ascii, ...b.ascii]), nonAscii: a.nonAscii || b.nonAscii };
}
function ofCode(code: number): FirstChars {
  return code < 128 ? { ascii: new Set([code]), nonAscii: false } : { ascii: new Set(), nonAscii: true };
}

class Reader {
  i = 0;
  constructor(readonly re: string) {}

  /** The alternation from here to the closing `)` (not consumed) or the end. */
  alternation(): Start {
    let out: Start = { chars: none(), free: false };
    for (;;) {
      const branch = this.sequence();
      out = { chars: union(out.chars, branch.chars), free: out.free || branch.free };
      if (this.re[this.i] !== '|') return out;
      this.i++;
    }
  }

  /** A sequence of quantified atoms, up to `|`, `)` or the end. */
  sequence(): Start {
    let chars = none();
    for (;;) {
      const c = this.re[this.i];
      if (c === undefined || c === '|' || c === ')') return { chars, free: true };
      const atom = this.quantified();
      if (atom === 'impossible') {
        // `(?!)`: this branch never matches; skip the rest of it.
        this.skipBranch();
        return { chars: none(), free: false };
      }
      chars = union(chars, atom.chars);
      if (!atom.free) {
        this.skipBranch();
        return { chars, free: false };
      }
    }
  }

  /** Steps over the rest of the current branch, keeping groups balanced. */
  skipBranch(): void {
    let depth = 0;
    for (; this.i < this.re.length; this.i++) {
      const c = this.re[this.i];
      if (c === '\\') this.i++;
      else if (c === '[') this.i = this.classEnd(this.i);
      // A group head group() does not know (a comment, an option such as x) may hide brackets and parentheses.
      else if (c === '(' && groupHeadAt(this.re, this.i) === undefined) throw new GiveUp();
      else if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) return;
        depth--;
      } else if (c === '|' && depth === 0) return;
    }
  }

  /** Where a class closes (grammar.ts's classEnd, but giving up on a nested class, which it cannot see). */
  classEnd(start: number): number {
    let j = start + 1;
    if (this.re[j] === '^') j++;
    if (this.re[j] === ']') j++;
    for (; j < this.re.length && this.re[j] !== ']'; j++) {
      if (this.re[j] === '\\') j++;
      else if (this.re[j] === '[') throw new GiveUp();
    }
    if (j >= this.re.length) throw new GiveUp();
    return j;
  }

  quantified(): Start | 'impossible' {
    const atom = this.atom();
    const quantifierAt = /[*?+]|\{(\d*),?(\d*)\}/y;
    quantifierAt.lastIndex = this.i;
    const quantifier = quantifierAt.exec(this.re);
    if (!quantifier) return atom;
    this.i += quantifier[0].length;
    let optional = quantifier[0] === '*' || quantifier[0] === '?' || (quantifier[0].startsWith('{') && !Number(quantifier[1]));
    // A `?` or `+` after it: lazy or possessive, except that in oniguruma's Ruby syntax `{n}?` is
    // `{n}` made optional (and `{n,m}+` is one or more of `{n,m}`: as nullable as `{n,m}`).
    const next = this.re[this.i];
    if (next === '?' && /^\{\d+\}$/.test(quantifier[0])) optional = true;
    if (next === '+' || next === '?') this.i++;
    if (atom === 'impossible') return optional ? { chars: none(), free: true } : 'impossible';
    return optional ? { chars: atom.chars, free: true } : atom;
  }

  atom(): Start | 'impossible' {
    const re = this.re;
    const c = re[this.i];
    if (c === '(') return this.group();
    if (c === '[') {
      const end = this.classEnd(this.i);
      const chars = classChars(re.slice(this.i + 1, end));
      this.i = end + 1;
      return { chars, free: false };
    }
    if (c === '\\') return this.escape();
    if (c === '^' || c === '$') {
      this.i++;
      return { chars: none(), free: true };
    }
    if (c === '.' || c === '{' || c === '*' || c === '+' || c === '?') throw new GiveUp();
    const code = re.codePointAt(this.i)!;
    this.i += code > 0xffff ? 2 : 1;
    return { chars: ofCode(code), free: false };
  }

  escape(): Start {
    const next = this.re[this.i + 1];
    // Zero-width assertions.
    if ('GAzZbB'.includes(next)) {
      this.i += 2;
      return { chars: none(), free: true };
    }
    if (next in SHORTHANDS) {
      this.i += 2;
      const { ascii, nonAscii } = SHORTHANDS[next];
      return { chars: { ascii: new Set(ascii), nonAscii }, free: false };
    }
    // One character, which may take two UTF-16 units: a quantifier after it applies to all of it.
    const { code, length } = escapedChar(this.re, this.i);
    this.i += length;
    return { chars: ofCode(code), free: false };
  }

  group(): Start | 'impossible' {
    const re = this.re;
    const head = groupHeadAt(re, this.i);
    if (head === undefined) throw new GiveUp();
    this.i += head.length;
    if (head === '(?!' && re[this.i] === ')') {
      this.i++;
      return 'impossible';
    }
    const inner = this.alternation();
    if (re[this.i] !== ')') throw new GiveUp();
    this.i++;
    // Look-behinds and negative look-aheads ask nothing of the character here that can be used.
    if (head === '(?<=' || head === '(?<!' || head === '(?!') return { chars: none(), free: true };
    // A look-ahead that must read a character here demands one of its first characters.
    if (head === '(?=') return inner.free ? { chars: none(), free: true } : { chars: inner.chars, free: false };
    return inner;
  }
}

/** The members of a character class's body (between `[` and `]`). */
function classChars(body: string): FirstChars {
  let negated = false;
  let i = 0;
  if (body[0] === '^') {
    negated = true;
    i = 1;
  }
  const out = none();
  const members: number[] = [];
  const read = (): number => {
    if (body[i] !== '\\') {
      const code = body.codePointAt(i)!;
      i += code > 0xffff ? 2 : 1;
      return code;
    }
    const { code, length } = escapedChar(body, i);
    i += length;
    return code;
  };
  while (i < body.length) {
    if (body[i] === '\\' && body[i + 1] in SHORTHANDS) {
      const { ascii, nonAscii } = SHORTHANDS[body[i + 1]];
      members.push(...ascii);
      if (nonAscii) out.nonAscii = true;
      i += 2;
      continue;
    }
    if (body.startsWith('&&', i)) throw new GiveUp();
    const from = read();
    if (body[i] === '-' && i + 1 < body.length) {
      i++;
      const to = read();
      for (let code = from; code <= Math.min(to, 127); code++) members.push(code);
      if (to >= 128) out.nonAscii = true;
    } else if (from < 128) members.push(from);
    else out.nonAscii = true;
  }
  if (!negated) {
    for (const code of members) out.ascii.add(code);
    return out;
  }
  // A negated class: every ASCII character it leaves, and (conservatively) any beyond ASCII.
  const excluded = new Set(members);
  const complement = none();
  for (let code = 0; code < 128; code++) if (!excluded.has(code)) complement.ascii.add(code);
  complement.nonAscii = true;
  return complement;
}

/**
 * The characters a match of `re` can start with, or undefined where the regex can match without
 * reading the character at its start or uses syntax this reader does not know.
 */
export function firstChars(re: string): FirstChars | undefined {
  try {
    const reader = new Reader(re);
    const start = reader.alternation();
    if (reader.i !== re.length || start.free) return undefined;
    return start.chars;
  } catch (error) {
    if (error instanceof GiveUp) return undefined;
    throw error;
  }
}

/** A character class source for a set: `[ \t#]`, ranges joined, non-ASCII as one range. */
export function classSource({ ascii, nonAscii }: FirstChars): string {
  const sorted = [...ascii].sort((a, b) => a - b);
  let out = '';
  for (let k = 0; k < sorted.length;) {
    let end = k;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
    const piece = (code: number) =>
      /[A-Za-z0-9]/.test(String.fromCharCode(code)) ? String.fromCharCode(code) : `\\x{${code.toString(16)}}`;
    out +=
      end - k >= 2
        ? `${piece(sorted[k])}-${piece(sorted[end])}`
        : sorted
            .slice(k, end + 1)
            .map(piece)
            .join('');
    k = end + 1;
  }
  if (nonAscii) out += String.raw`\x{80}-\x{10ffff}`;
  return `[${out}]`;
}
