// Names of C++ and Rust frames as people read them, so titles name `fakeName` and
// `<rust_binder::process::Process>::update_ref` instead of their linker symbols. Only what
// kernel frames use: C++ Itanium names without parameters, Rust v0 paths with their impls,
// plain types and generic arguments. Anything else keeps its symbol.

/** The readable name of a frame's symbol, or the symbol itself. */
export function demangle(symbol: string): string {
  if (symbol.startsWith('_R')) return demangleRust(symbol) ?? symbol;
  if (symbol.startsWith('_Z')) return demangleItanium(symbol) ?? symbol;
  return symbol;
}

/** `_Z8fakeNameiii` → `fakeName`, `_ZN2ns1fEv` → `ns::f`. */
function demangleItanium(symbol: string): string | undefined {
  const nested = symbol[2] === 'N';
  let at = nested ? 3 : 2;
  const parts: string[] = [];
  for (let m = /^\d+/.exec(symbol.slice(at)); m; m = nested ? /^\d+/.exec(symbol.slice(at)) : null) {
    const length = Number(m[0]);
    at += m[0].length;
    if (length === 0 || at + length > symbol.length) return undefined;
    parts.push(symbol.slice(at, at + length));
    at += length;
  }
  return parts.length > 0 ? parts.join('::') : undefined;
}

class Unsupported extends Error {}

const BASIC_TYPES: Record<string, string> = {
  a: 'i8', b: 'bool', c: 'char', d: 'f64', e: 'str', f: 'f32', h: 'u8', i: 'isize', j: 'usize', l: 'i32',
  m: 'u32', n: 'i128', o: 'u128', s: 'i16', t: 'u16', u: '()', v: '...', x: 'i64', y: 'u64', z: '!', p: '_',
}; // prettier-ignore

/** Rust's v0 mangling (RFC 2603): `_R` then a path; backreferences point back into the symbol. */
class RustSymbol {
  private at: number;
  private depth = 0;

  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.at = start;
  }

  private next(): string {
    if (this.at >= this.text.length) throw new Unsupported();
    return this.text[this.at++];
  }

  private eat(c: string): boolean {
    if (this.text[this.at] !== c) return false;
    this.at++;
    return true;
  }

  private decimal(): number {
    const m = /^\d+/.exec(this.text.slice(this.at));
    if (!m) throw new Unsupported();
    this.at += m[0].length;
    return Number(m[0]);
  }

  /** `_` is 0; digits and letters then `_` are their value plus one. */
  private base62(): number {
    if (this.eat('_')) return 0;
    let value = 0;
    for (let c = this.next(); c !== '_'; c = this.next()) {
      const digit = /\d/.test(c)
        ? c.charCodeAt(0) - 48
        : /[a-z]/.test(c)
          ? c.charCodeAt(0) - 87
          : /[A-Z]/.test(c)
            ? c.charCodeAt(0) - 29
            : -1;
      if (digit < 0) throw new Unsupported();
      value = value * 62 + digit;
    }
    return value + 1;
  }

  private identifier(): { name: string; disambiguator: number } {
    const disambiguator = this.eat('s') ? this.base62() : 0;
    if (this.eat('u')) throw new Unsupported(); // Punycode names: not in kernel frames.
    const length = this.decimal();
    this.eat('_');
    const name = this.text.slice(this.at, this.at + length);
    if (name.length !== length) throw new Unsupported();
    this.at += length;
    return { name, disambiguator };
  }

  /** Parses what a backreference points at, then comes back. */
  private backref<T>(read: () => T): T {
    const tag = this.at - 1;
    const target = this.base62() + 2;
    if (target >= tag || ++this.depth > 64) throw new Unsupported();
    const saved = this.at;
    this.at = target;
    const value = read();
    this.at = saved;
    this.depth--;
    return value;
  }

  path(): string {
    const tag = this.next();
    switch (tag) {
      case 'C':
        return this.identifier().name;
      case 'M': {
        this.implPrefix();
        return `<${this.type()}>`;
      }
      case 'X': {
        this.implPrefix();
        const self = this.type();
        return `<${self} as ${this.path()}>`;
      }
      case 'Y': {
        const self = this.type();
        return `<${self} as ${this.path()}>`;
      }
      case 'N': {
        const namespace = this.next();
        const parent = this.path();
        const { name, disambiguator } = this.identifier();
        if (/[a-z]/.test(namespace)) return `${parent}::${name}`;
        const kind = namespace === 'C' ? 'closure' : namespace === 'S' ? 'shim' : namespace;
        return `${parent}::{${kind}${name ? `:${name}` : ''}#${disambiguator}}`;
      }
      case 'I': {
        const base = this.path();
        const args: string[] = [];
        while (!this.eat('E')) args.push(this.genericArgument());
        return `${base}<${args.join(', ')}>`;
      }
      case 'B':
        return this.backref(() => this.path());
      default:
        throw new Unsupported();
    }
  }

  /** An impl's own disambiguator and the module it is written in: not printed. */
  private implPrefix(): void {
    if (this.eat('s')) this.base62();
    this.path();
  }

  private genericArgument(): string {
    if (this.eat('L')) {
      this.base62();
      return "'_";
    }
    if (this.eat('K')) throw new Unsupported(); // const generics
    return this.type();
  }

  private type(): string {
    const c = this.next();
    if (c in BASIC_TYPES) return BASIC_TYPES[c];
    switch (c) {
      case 'R':
      case 'Q': {
        if (this.eat('L')) this.base62();
        return (c === 'R' ? '&' : '&mut ') + this.type();
      }
      case 'P':
        return '*const ' + this.type();
      case 'O':
        return '*mut ' + this.type();
      case 'S':
        return `[${this.type()}]`;
      case 'T': {
        const items: string[] = [];
        while (!this.eat('E')) items.push(this.type());
        return `(${items.join(', ')}${items.length === 1 ? ',' : ''})`;
      }
      case 'B':
        return this.backref(() => this.type());
      case 'C':
      case 'M':
      case 'X':
      case 'Y':
      case 'N':
      case 'I':
        this.at--;
        return this.path();
      default:
        throw new Unsupported(); // arrays, fn pointers, dyn: not worth it for titles
    }
  }
}

function demangleRust(symbol: string): string | undefined {
  let start = 2;
  while (start < symbol.length && /\d/.test(symbol[start])) start++; // encoding version
  try {
    return new RustSymbol(symbol, start).path();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
