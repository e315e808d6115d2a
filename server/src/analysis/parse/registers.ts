// Register lines in all the shapes crash and the kernel print them:
// crash `    RIP: ffffffffc02f2625  RSP: ffffd45d40403c80  RFLAGS: 00000282`,
// console `RSP: 0018:ffffd45d40403c80 EFLAGS: 00000282`, `RIP: 0010:func+0x5/0x10 [mod]`,
// arm64 `x29: ffff80001418fc10 x28: ...`, `x9 : ...`, `pc : func+0x158/0x188`, `pstate: 60400009 (...)`,
// ppc64 `MSR:  8000000000009033 <SF,EE,ME>  CR: 24002282`, `DSISR: 00000000  Syscall Result: 00000000`,
// and rows of values named by position: s390x `Krnl GPRS: v v v v` continued on three more lines,
// the ppc64 console's `GPR00: v0 v1 v2 v3` (four or eight values, named GPR0, GPR1, … from the label's number),
// mips `$ 8   : v8 v9 v10 v11` (named $8, $9, …), and LoongArch's colon-less `pc v ra v tp v sp v`.
// Which names are registers is each architecture's (ArchSpec.registers.names, .rows and .barePairs).
import { BARE_PAIR_NAMES, REGISTER_NAMES, REGISTER_ROWS } from '../arch/registry';
import { BARE_PAIRS, type RegisterRow } from '../arch/types';
import type { Register } from '../types';
import { parseSymbolRef } from './symbolref';

/** A name some registered architecture prints in its register lines (arch/<id>: registers.names). */
export function isRegisterName(name: string): boolean {
  return REGISTER_NAMES.has(name);
}

// NAME, optional space, colon, then a value: `0018:ffff...`, a hex word, or a symbol.
// One `NAME: value` pair at a fixed position (sticky): `0018:ffff...`, a hex word, or a symbol.
// arm32 prints pc and lr in brackets: `pc : [<c0a1b2c3>]`; mips pads names: `epc   : ffffffff…`;
// a second capitalised word belongs to the name where crash prints one (ppc64 `Syscall Result:`).
// crash's LoongArch exception frames name the CSRs in two words (`CSR crmd :`).
const PAIR =
  /(CSR [a-z]+|[A-Za-z][A-Za-z0-9_]*(?: [A-Z][a-z]+)?) *:\s*(?:([0-9a-fA-F]{4}):)?(0x[0-9a-fA-F]+|[0-9a-fA-F]{1,16}(?![\w+])|\[<[0-9a-fA-F]{8,16}>\]|[A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+(?:\/0x[0-9a-fA-F]+)?(?: \[[\w-]+\])?)/y;
/**
 * A last value followed by the symbol it is: `ERA: 900000000022b13c handle_sysrq+0x3c/0x70`, crash's
 * `func+60` (or `func` at its start) in its mips and LoongArch exception frames, and in brackets in its
 * arm64 and riscv64 ones (`PC: ffff000010191044  [smp_call_function_many+796]`). The name is group 1 or 2.
 */
const SYMBOL = String.raw`[A-Za-z_.$][\w.$]*(?:\+0x[0-9a-fA-F]+(?:\/0x[0-9a-fA-F]+)?|\+\d+)?`;
const TRAILING_SYMBOL = new RegExp(String.raw`^(?:\[(${SYMBOL})\]|(${SYMBOL}(?: \[[\w-]+\])?))$`);
const HEX_ONLY = /^(?:0x)?[0-9a-fA-F]+$/;
/** mips `Status:` bits by name (`KX SX UX KERNEL EXL IE`, `KUo IEo KUc IEc`). */
const STATUS_FLAGS = /^(?:[A-Z][A-Za-z]{1,9}(?:[ \t]+|$))+$/;

/** First words of the register names of two words (`CSR crmd`, `Syscall Result`); made on first use, as rowInitials. */
let twoWordFirsts: ReadonlySet<string> | undefined;

function startsTwoWordName(word: string): boolean {
  twoWordFirsts ??= new Set([...REGISTER_NAMES].filter((n) => n.includes(' ')).map((n) => n.split(' ')[0]));
  return twoWordFirsts.has(word);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Parses a line made only of register pairs; returns undefined when any pair
 * names something that is not a register (so `CPU: 0 PID: 1` is not taken).
 * Pairs are matched where they stand, so ordinary text fails at its first word.
 */
export function parseRegisterLine(text: string, line: number, offset = 0, run?: RegisterRun): Register[] | undefined {
  const row = parseRegisterRow(text, line, offset, run);
  if (row) return row;
  const registers: Register[] = [];
  const onPair = (name: string, written: string, writtenStart: number, selector?: string): void => {
    const bracketed = written.startsWith('[<');
    const raw = bracketed ? written.slice(2, -2) : written;
    const register: Register = { name, line, column: writtenStart + (bracketed ? 2 : 0), length: raw.length };
    if (selector !== undefined) register.selector = parseInt(selector, 16);
    if (HEX_ONLY.test(raw)) register.value = BigInt(raw.charCodeAt(1) === 120 ? raw : '0x' + raw);
    else register.symbol = parseSymbolRef(raw);
    registers.push(register);
  };
  if (scanBarePairs(text, offset, onPair)) {
    // Its names are other architectures' too: the line's evidence is its shape (BARE_PAIRS).
    if (run) Object.assign(run, { label: BARE_PAIRS, names: [], next: 0, line });
    return registers;
  }
  if (scanRegisterLine(text, offset, onPair) === undefined) return undefined;
  nameLastValue(text, registers);
  const rest = run ? wrappedRowRest(text, offset, registers) : undefined;
  if (run && rest) Object.assign(run, { label: registers[0].name, names: rest, next: 0, line });
  return registers;
}

/**
 * The registers a numbered row (`GPR00: v v v`) lacks when it holds fewer values than the kernel
 * prints on one (4 of 64 bits, 8 of 32): a mailer wrapped the rest onto the next line, which the
 * run then reads as theirs.
 */
function wrappedRowRest(text: string, offset: number, registers: Register[]): string[] | undefined {
  if (registers.length === 0) return undefined;
  const m = ROW.exec(text.slice(offset).replace(/^[ \t]+/, ''));
  if (!m) return undefined;
  const perRow = registers[0].length > 8 ? 4 : 8;
  const first = Number(m[2]);
  const names: string[] = [];
  for (let k = registers.length; k < perRow; k++) {
    const name = `${m[1]}${first + k}`;
    if (!isRegisterName(name)) return undefined;
    names.push(name);
  }
  return names.length > 0 ? names : undefined;
}

/** The symbol named after the line's last value (TRAILING_SYMBOL), taken as that register's. */
function nameLastValue(text: string, registers: Register[]): void {
  const last = registers[registers.length - 1];
  if (!last || last.value === undefined || last.symbol !== undefined) return;
  const rest = text.slice(last.column + last.length).trim();
  const m = TRAILING_SYMBOL.exec(rest);
  // LoongArch's `[PIL]` is a tag, not the value's name.
  if (!m || /^\[[A-Z]+\]$/.test(rest)) return;
  const ref = parseSymbolRef(m[1] ?? m[2]);
  if (ref) last.symbol = ref;
}

/** For scans whose pairs nobody keeps (a module-level function: nothing is allocated per line). */
function ignorePair(): void {}

/**
 * The first register's name when the line is a register line (same rules as
 * parseRegisterLine), without building the registers: crash's bt blocks are
 * parsed when someone reads them.
 */
export function registerLineHead(text: string, offset = 0): string | undefined {
  // A row's label is its evidence: its names (r0…) are other architectures' too.
  const row = rowHead(text, offset);
  if (row) return row.row.label;
  if (scanBarePairs(text, offset, ignorePair)) return BARE_PAIRS;
  return scanRegisterLine(text, offset, ignorePair);
}

// `GPR08: c000000002536978 0000000000000001 ...`: a label naming the first register, then its values.
const ROW = /^([A-Za-z]+)(\d\d):((?:[ \t]+[0-9a-fA-F]{8,16}){2,8})[ \t]*$/;
const NUMBERED_ROW_VALUE = /[0-9a-fA-F]{8,16}/g;

/** A row of numbered registers (`GPR08:` then GPR8, GPR9, …), when every name it implies is a register: its first name. */
function scanRegisterRow(
  text: string,
  start: number,
  onPair: (name: string, raw: string, valueStart: number) => void,
): string | undefined {
  const m = ROW.exec(text.slice(start));
  if (!m) return undefined;
  const first = Number(m[2]);
  const values = [...m[3].matchAll(NUMBERED_ROW_VALUE)];
  if (!values.every((_, i) => isRegisterName(`${m[1]}${first + i}`))) return undefined;
  const valuesAt = start + m[1].length + m[2].length + 1;
  values.forEach((v, i) => onPair(`${m[1]}${first + i}`, v[0], valuesAt + v.index));
  return `${m[1]}${first}`;
}

// `$ 8   : v v v v`, `$24   : v v` (the kernel leaves k0/k1, $26/$27, blank), crash's `$ 8      :`.
const DOLLAR_ROW = /^\$([ \d]?\d)[ \t]*:((?:[ \t]+[0-9a-fA-F]{8,16}){1,4})[ \t]*$/;
const ROW_WORD = /[0-9a-fA-F]{8,16}/g;

/** A row of general registers by number (`$ 8   :` then $8, $9, …), when every name it implies is a register: its first name. */
function scanDollarRow(
  text: string,
  start: number,
  onPair: (name: string, raw: string, valueStart: number) => void,
): string | undefined {
  const m = DOLLAR_ROW.exec(text.slice(start));
  if (!m) return undefined;
  const first = Number(m[1].trim());
  const values = [...m[2].matchAll(ROW_WORD)];
  if (!values.every((_, i) => isRegisterName(`$${first + i}`))) return undefined;
  const valuesAt = start + m[0].indexOf(':') + 1;
  values.forEach((v, i) => onPair(`$${first + i}`, v[0], valuesAt + v.index));
  return `$${first}`;
}

// LoongArch's __show_regs: `pc 900000000022b13c ra 9000000000f1e2a4 tp … sp …`, names without colons.
const BARE_PAIR = /([a-z][a-z0-9]{1,2}) ([0-9a-f]{16})(?=[ \t]|$)[ \t]*/y;

/** Whether a line without colons may be `name value` pairs (a cheap test before parseRegisterLine). */
export function mayBeBarePairs(text: string, offset = 0): boolean {
  let pos = offset;
  while (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9) pos++;
  // A lower-case name of two or three characters, then a blank and a hex digit.
  const c = text.charCodeAt(pos);
  if (c < 97 || c > 122) return false;
  const blank = text.charCodeAt(pos + 2) === 32 ? pos + 2 : text.charCodeAt(pos + 3) === 32 ? pos + 3 : -1;
  // Then a value of 16 lower-case hex digits (BARE_PAIR) ends with a blank or the line: its first, second and
  // last digits and the character after it tell most console text (`usb 1-1: …`) from a pair.
  if (blank < 0 || !isLowerHex(text.charCodeAt(blank + 1)) || !isLowerHex(text.charCodeAt(blank + 2))) return false;
  const after = text.charCodeAt(blank + 17);
  return isLowerHex(text.charCodeAt(blank + 16)) && (blank + 17 === text.length || after === 32 || after === 9);
}

function isLowerHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

/** A line of two to four `name value` pairs whose every name some architecture prints that way (RegisterRoles.barePairs). */
function scanBarePairs(text: string, offset: number, onPair: (name: string, raw: string, valueStart: number) => void): boolean {
  if (!mayBeBarePairs(text, offset)) return false;
  let pos = offset;
  while (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9) pos++;
  const pairs: [string, string, number][] = [];
  while (pos < text.length && pairs.length < 4) {
    BARE_PAIR.lastIndex = pos;
    const m = BARE_PAIR.exec(text);
    if (!m || !BARE_PAIR_NAMES.has(m[1])) return false;
    pairs.push([m[1], m[2], pos + m[1].length + 1]);
    pos = BARE_PAIR.lastIndex;
  }
  if (pairs.length < 2 || pos < text.length) return false;
  for (const [name, raw, at] of pairs) onPair(name, raw, at);
  return true;
}

/** The first register's name when the line is made of register pairs (each given to `onPair`), else undefined. */
function scanRegisterLine(
  text: string,
  offset: number,
  onPair: (name: string, raw: string, valueStart: number, selector?: string) => void,
): string | undefined {
  const n = text.length;
  let pos = offset;
  while (pos < n && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) pos++;
  if (text.charCodeAt(pos) === 36 /* $ */) return scanDollarRow(text, pos, onPair);
  let nameEnd = pos;
  while (nameEnd < n && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
  if (nameEnd === pos) return undefined;
  // `GPR12:` is a register's name as well as a row's label: a row is values only.
  const labelled =
    text.charCodeAt(nameEnd) === 58 && isDigitCode(text.charCodeAt(nameEnd - 1)) && isDigitCode(text.charCodeAt(nameEnd - 2));
  const row = labelled ? scanRegisterRow(text, pos, onPair) : undefined;
  if (row !== undefined) return row;
  // A name of two words (crash's LoongArch `CSR crmd :`) is a register's only as a whole; console
  // text (`usb 1-1: …`) rarely starts with the first word of one, so the regex is seldom asked.
  const twoWords =
    text.charCodeAt(nameEnd) === 32 && startsTwoWordName(text.slice(pos, nameEnd))
      ? /^ [a-z]+ *:/.exec(text.slice(nameEnd, nameEnd + 12))
      : null;
  if (!isRegisterName(twoWords ? text.slice(pos, nameEnd + twoWords[0].replace(/ *:$/, '').length) : text.slice(pos, nameEnd)))
    return undefined;
  let first: string | undefined;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9) {
      pos++;
      continue;
    }
    if (c === 40 || (c === 60 && first !== undefined)) {
      // `FS:  000000002cd483c0(0000) GS:...`, ppc64 `MSR:  8000000000009033 <SF,EE,ME>  CR:`: a note between pairs.
      const close = text.indexOf(c === 40 ? ')' : '>', pos);
      if (close < 0 || first === undefined) break;
      const after = text.charCodeAt(close + 1);
      if (close + 1 < n && after !== 32 && after !== 9) break;
      pos = close + 1;
      continue;
    }
    PAIR.lastIndex = pos;
    const match = PAIR.exec(text);
    if (!match) break;
    const name = match[1];
    if (!isRegisterName(name)) return undefined;
    const raw = match[3];
    onPair(name, raw, match.index + match[0].length - raw.length, match[2]);
    first ??= name;
    pos = PAIR.lastIndex;
  }
  if (first === undefined) return undefined;
  const rest = text.slice(pos).trim();
  // `pstate: 60400009 (nZCv daif +PAN -UAO)` and `FS: ...(0000)` carry a trailing note, ppc64's
  // `REGS: c0000000045a7790 TRAP: 0300   Tainted: G ... (6.1.0-...)` the taint and the release,
  // LoongArch's `ESTAT: 00010000 [PIL] (IS= ECode=1 EsubCode=0)` a tag, mips' `Status: 14009ce3 KX SX UX KERNEL EXL IE` flags.
  const ends =
    rest === '' ||
    rest.startsWith('(') ||
    /^\[[\w-]+\](?:\s+\(.*\))?$/.test(rest) ||
    TRAILING_SYMBOL.test(rest) ||
    /^(?:Not tainted|Tainted: )/.test(rest) ||
    STATUS_FLAGS.test(rest);
  return ends ? first : undefined;
}

/** A register row still printing: the next line may carry its next names (RegisterRow). */
export interface RegisterRun {
  /** The row's label (`GPRS`): the evidence its lines give for an architecture. */
  label: string;
  names: readonly string[];
  next: number;
  /** The line the row last printed on. */
  line: number;
}

/** Whether the line begins a register row (its values are named by position). */
export function startsRegisterRow(text: string): boolean {
  return rowHead(text, 0) !== undefined;
}

/** A fresh run for a parser that reads lines in order. */
export function newRegisterRun(): RegisterRun {
  return { label: '', names: [], next: 0, line: -2 };
}

const ROW_HEAD = /^\s*(?:([A-Za-z]+) )?([A-Za-z]+)\s*:\s/y;
const ROW_VALUE = /([0-9a-fA-F]{8,16})(?=\s|$)/y;

/** First letters of the row labels and their prefixes (made on first use: the registry loads first). */
let rowInitials: ReadonlySet<number> | undefined;

function rowHead(text: string, offset: number): { row: RegisterRow; end: number } | undefined {
  if (REGISTER_ROWS.length === 0) return undefined;
  // Most lines with a colon are no row: their first word's letter says so without the regex.
  rowInitials ??= new Set(REGISTER_ROWS.flatMap((r) => [r.label, ...(r.prefixes ?? [])]).map((word) => word.charCodeAt(0)));
  let pos = offset;
  while (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9) pos++;
  const c = text.charCodeAt(pos) | 32;
  if (c >= 97 && c <= 122 && !rowInitials.has(text.charCodeAt(pos))) return undefined;
  ROW_HEAD.lastIndex = offset;
  const m = ROW_HEAD.exec(text);
  if (!m) return undefined;
  const row = REGISTER_ROWS.find((r) => r.label === m[2] && (m[1] === undefined || (r.prefixes ?? []).includes(m[1])));
  return row ? { row, end: ROW_HEAD.lastIndex } : undefined;
}

/**
 * A row head (`Krnl GPRS: v v v v`, ` PSW:  mask addr (func+56 [mod])`) or, right after
 * one, a line of its next values. `run` carries the names left from line to line.
 */
function parseRegisterRow(text: string, line: number, offset: number, run: RegisterRun | undefined): Register[] | undefined {
  const head = rowHead(text, offset);
  let names: readonly string[];
  let label: string;
  let next: number;
  let pos: number;
  if (head) {
    label = head.row.label;
    names = head.row.names;
    next = 0;
    pos = head.end;
  } else if (run && run.line === line - 1 && run.next < run.names.length) {
    label = run.label;
    names = run.names;
    next = run.next;
    pos = offset;
  } else return undefined;
  const registers: Register[] = [];
  const n = text.length;
  while (pos < n && next < names.length) {
    while (pos < n && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) pos++;
    ROW_VALUE.lastIndex = pos;
    const m = ROW_VALUE.exec(text);
    if (!m) break;
    registers.push({ name: names[next++], value: BigInt('0x' + m[1]), line, column: pos, length: m[1].length });
    pos = ROW_VALUE.lastIndex;
  }
  const rest = text.slice(pos).trim();
  if (registers.length === 0) return undefined;
  if (rest !== '') {
    // `(cc_do_null+0x38/0x58 [corpus_crash])` names the last value (the PSW address); `(user space)` is a note.
    const note = /^\((.*)\)$/.exec(rest);
    if (!note) return undefined;
    const ref = parseSymbolRef(note[1]);
    if (ref) registers[registers.length - 1].symbol = ref;
  }
  if (run) {
    run.label = label;
    run.names = names;
    run.next = next;
    run.line = line;
  }
  return registers;
}
