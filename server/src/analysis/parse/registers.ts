// Register lines in all the shapes crash and the kernel print them:
// crash `    RIP: ffffffffc02f2625  RSP: ffffd45d40403c80  RFLAGS: 00000282`,
// console `RSP: 0018:ffffd45d40403c80 EFLAGS: 00000282`, `RIP: 0010:func+0x5/0x10 [mod]`,
// arm64 `x29: ffff80001418fc10 x28: ...`, `x9 : ...`, `pc : func+0x158/0x188`, `pstate: 60400009 (...)`.
// Which names are registers is each architecture's (ArchSpec.registers.names).
import { REGISTER_NAMES } from '../arch/registry';
import type { Register } from '../types';
import { parseSymbolRef } from './symbolref';

/** A name some registered architecture prints in its register lines (arch/<id>: registers.names). */
export function isRegisterName(name: string): boolean {
  return REGISTER_NAMES.has(name);
}

// NAME, optional space, colon, then a value: `0018:ffff...`, a hex word, or a symbol.
// One `NAME: value` pair at a fixed position (sticky): `0018:ffff...`, a hex word, or a symbol.
// arm32 prints pc and lr in brackets: `pc : [<c0a1b2c3>]`.
const PAIR =
  /([A-Za-z][A-Za-z0-9_]*) ?:\s*(?:([0-9a-fA-F]{4}):)?(0x[0-9a-fA-F]+|[0-9a-fA-F]{2,16}(?![\w+])|\[<[0-9a-fA-F]{8,16}>\]|[A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+(?:\/0x[0-9a-fA-F]+)?(?: \[[\w-]+\])?)/y;
/** `ERA: 900000000022b13c handle_sysrq+0x3c/0x70`: a last value followed by the symbol it is. */
const TRAILING_SYMBOL = /^[A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+\/0x[0-9a-fA-F]+(?: \[[\w-]+\])?$/;
const HEX_ONLY = /^(?:0x)?[0-9a-fA-F]+$/;

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Parses a line made only of register pairs; returns undefined when any pair
 * names something that is not a register (so `CPU: 0 PID: 1` is not taken).
 * Pairs are matched where they stand, so ordinary text fails at its first word.
 */
export function parseRegisterLine(text: string, line: number, offset = 0): Register[] | undefined {
  const registers: Register[] = [];
  const ok = scanRegisterLine(text, offset, (name, written, writtenStart) => {
    const bracketed = written.startsWith('[<');
    const raw = bracketed ? written.slice(2, -2) : written;
    const register: Register = { name, line, column: writtenStart + (bracketed ? 2 : 0), length: raw.length };
    if (HEX_ONLY.test(raw)) register.value = BigInt(raw.charCodeAt(1) === 120 ? raw : '0x' + raw);
    else register.symbol = parseSymbolRef(raw);
    registers.push(register);
  });
  return ok ? registers : undefined;
}

/**
 * The first register's name when the line is a register line (same rules as
 * parseRegisterLine), without building the registers: crash's bt blocks are
 * parsed when someone reads them.
 */
export function registerLineHead(text: string, offset = 0): string | undefined {
  let first: string | undefined;
  const ok = scanRegisterLine(text, offset, (name) => {
    if (first === undefined) first = name;
  });
  return ok ? first : undefined;
}

function scanRegisterLine(
  text: string,
  offset: number,
  onPair: (name: string, raw: string, valueStart: number) => void,
): boolean {
  const n = text.length;
  let pos = offset;
  while (pos < n && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) pos++;
  let nameEnd = pos;
  while (nameEnd < n && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  if (nameEnd === pos || !isRegisterName(text.slice(pos, nameEnd))) return false;
  let pairs = 0;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9) {
      pos++;
      continue;
    }
    if (c === 40) {
      // `FS:  000000002cd483c0(0000) GS:...`: a note between pairs.
      const close = text.indexOf(')', pos);
      if (close < 0 || pairs === 0) break;
      const after = text.charCodeAt(close + 1);
      if (close + 1 < n && after !== 32 && after !== 9) break;
      pos = close + 1;
      continue;
    }
    PAIR.lastIndex = pos;
    const match = PAIR.exec(text);
    if (!match) break;
    const name = match[1];
    if (!isRegisterName(name)) return false;
    const raw = match[3];
    onPair(name, raw, match.index + match[0].length - raw.length);
    pairs++;
    pos = PAIR.lastIndex;
  }
  if (pairs === 0) return false;
  const rest = text.slice(pos).trim();
  // `pstate: 60400009 (nZCv daif +PAN -UAO)` and `FS: ...(0000)` carry a trailing note.
  return rest === '' || rest.startsWith('(') || /^\[[\w-]+\]$/.test(rest) || TRAILING_SYMBOL.test(rest);
}
