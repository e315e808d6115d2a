// The hover context: everything the facts read about the word under the cursor,
// computed once per hover so that no fact re-derives the word, its value or its class.
import { BARE_PAIR_NAMES } from '../arch/registry';
import { registerRoles } from '../arch/roles';
import type { StatusRegister } from '../arch/types';
import { ADDRESS_KINDS, dataSymbolType, isLocalLabel, lineShowsCode, type AddressClass } from '../classify';
import { codeFunctions, shownAsCode } from '../codeFunctions';
import { parseHex } from '../hex';
import type { Model } from '../model';
import { parseMemoryLine } from '../parse/memoryLine';
import { perModel } from '../perModel';
import type { Register } from '../types';
import { exceptionFrameFieldAt } from '../unwind/exceptionFramePlaces';
import { registerBlocks } from '../unwind/registerBlocks';
import { inPhysicalDump, vtopColumn } from '../physicalDumps';
import { wordAt, type Word } from '../words';
import { faultAddressLine } from './faultAddress';

/**
 * How the value was read: the address column of a dump line (`addr:`), a word in the
 * transcript, or the value beside a register name (`x25: ...`).
 */
export type ValueRole = 'address-column' | 'word' | 'register';

export interface HoverValue {
  role: ValueRole;
  /** The value as written. */
  raw: bigint;
  /** The address it refers to: pointer-authentication bits stripped. */
  address: bigint;
  cls: AddressClass;
  /** For a dumped word: the address it lives at. */
  location?: bigint;
  /** The value is a register of status bits (s390x `PSW.mask`): no address, whatever its digits. */
  status?: StatusRegister;
  /** Written in decimal (a struct member's value, as crash prints them without `-x`). */
  decimal?: boolean;
}

export interface HoverContext {
  model: Model;
  line: number;
  lineText: string;
  word: Word;
  value?: HoverValue;
}

/** An immediate of more than 32 bits (`$0xffffffff836fe760`, arm64 `#0x…`): a value, not an offset. */
const LARGE_IMMEDIATE = /^[#$]0x([0-9a-fA-F]{9,16})$/;

/** Classes that are numbers, not addresses, whatever context their register is of. */
const NOT_ADDRESSES: ReadonlySet<AddressClass['kind']> = new Set(['null', 'small', 'err-ptr', 'poison']);

const PHYSICAL: AddressClass = { kind: 'physical', label: ADDRESS_KINDS.physical.label };
const USER_ADDRESS: AddressClass = { kind: 'user', label: 'user space: the address `vtop -u` translates' };
const PAGE_TABLE_ENTRY: AddressClass = { kind: 'physical', label: 'page-table entry: a physical address and flag bits' };

export function hoverContext(model: Model, line: number, character: number): HoverContext | undefined {
  const lineText = model.line(line);
  if (lineText === undefined) return undefined;
  const word = wordAt(lineText, character);
  if (!word) return undefined;
  const context: HoverContext = { model, line, lineText, word };
  const assigned =
    word.kind === 'hex' || word.kind === 'decimal'
      ? (assignedDecimal(model, lineText, word) ??
        expressionDecimal(model, line, lineText, word) ??
        measuredDecimal(lineText, word))
      : undefined;
  if (assigned) {
    context.value = assigned;
  } else if (word.kind === 'hex' || word.kind === 'decimal') {
    const raw = decimalDumpWord(model, line, lineText, word) ?? parseHex(word.text);
    // Short decimals are counts and indexes, not values worth a card; unless a register holds them (`CS: 0010`).
    const shortDecimal = word.kind === 'decimal' && word.text.length < 8;
    if (
      raw === undefined ||
      (shortDecimal &&
        !registerIndex(model)
          .byLine.get(line)
          ?.some((r) => r.column === word.start))
    )
      // A negative one may be an error a message reports (`error -6`): a card of its own (facts/errorNumber).
      return shortDecimal && lineText[word.start - 1] === '-' ? context : undefined;
    const isAddressColumn = lineText.slice(word.end, word.end + 1) === ':' && lineText.slice(0, word.start).trim() === '';
    const vtop = vtopColumn(model, line, word.start);
    const cls =
      (isAddressColumn && inPhysicalDump(model, line)) || vtop === 'physical'
        ? PHYSICAL
        : vtop === 'user'
          ? USER_ADDRESS
          : vtop === 'entry'
            ? PAGE_TABLE_ENTRY
            : model.classify(raw);
    context.value = isAddressColumn
      ? { role: 'address-column', raw, address: raw, cls }
      : { role: 'word', raw, address: cls.stripped ?? raw, cls, location: wordLocation(lineText, word.start) };
  } else if (word.kind === 'immediate' && LARGE_IMMEDIATE.test(word.text)) {
    // `mov $0xffffffff836fe760,%rdi`, `movabs $0xdead000000000122,%rdx`: a value (an address, a poison), no offset.
    const raw = BigInt('0x' + LARGE_IMMEDIATE.exec(word.text)![1]);
    const cls = model.classify(raw);
    context.value = { role: 'word', raw, address: cls.stripped ?? raw, cls };
  } else if (word.kind === 'register') {
    const rest = lineText.slice(word.end);
    // `RIP: ffff…`, `EIP: 0060:c1…`; LoongArch's colon-less `sp 9000000…`.
    const after =
      /^ *:\s*(?:[0-9a-fA-F]{4}:)?(0x)?([0-9a-fA-F]{2,16})\b/.exec(rest) ??
      (BARE_PAIR_NAMES.has(word.text) ? /^ ()([0-9a-f]{16})\b/.exec(rest) : null);
    if (after) {
      const raw = BigInt('0x' + after[2]);
      const cls = model.classify(raw);
      context.value = { role: 'register', raw, address: cls.stripped ?? raw, cls };
    }
  }
  const status = context.value && statusRegister(context);
  if (status && context.value) {
    context.value.status = status;
    context.value.cls = {
      kind: 'small',
      label: status.label ?? `${status.title}: ${status.holds ?? 'status bits'}, not an address`,
    };
    context.value.address = context.value.raw;
  } else if (context.value && inUserModeBlock(context)) {
    // An address there is user space's; a number (−ENOSYS in a syscall's return register) stays one.
    const cls = context.value.cls;
    // Its pc and sp are user addresses however small (an x86_64 program's text at 0x47b7a0).
    const pcOrSp = cls.kind === 'small' && isPcOrSp(context);
    context.value.cls =
      NOT_ADDRESSES.has(cls.kind) && !pcOrSp
        ? { ...cls, label: `${cls.label}, in a register of a user-mode context` }
        : { kind: 'user', label: 'user space: a register of a user-mode context' };
  }
  // A fault address in the top page is a NULL pointer less an offset before it is an error code.
  if (context.value?.cls.kind === 'err-ptr' && faultAddressLine(lineText))
    context.value.cls = { ...context.value.cls, label: 'just below NULL (a NULL pointer less an offset), or a negative errno' };
  // Text by the layout, but a data object by `sym` (`(d) rtnl_mutex`, `(B) ata_dummy_port_ops`).
  const value = context.value;
  if (value && (value.cls.kind === 'kernel-text' || value.cls.kind === 'module-text')) {
    const match = model.symbols.lookup(value.address);
    if (
      match &&
      match.confidence !== 'nearest' &&
      (isLocalLabel(match.symbol.name) || dataSymbolType(model, match.symbol) !== undefined)
    )
      value.cls = { ...value.cls, label: value.cls.label.replace(/\btext\b/, 'data') };
    else {
      // An object's address crash names by its symbol (`tg = 0xffffffff81ea6600 <root_task_group>`): the
      // text range holds data too, and nothing shows this symbol as code.
      const named = NAMED_AFTER.exec(lineText.slice(word.end))?.[1];
      const symbol = named !== undefined ? model.symbols.get(named) : undefined;
      if (
        named !== undefined &&
        !lineShowsCode(model, line) &&
        !(symbol ? shownAsCode(model, symbol) : codeFunctions(model).has(named))
      )
        value.cls = {
          ...value.cls,
          label: value.cls.label.replace(/\btext\b/, `image: ${named}, text or data (nothing here shows it as code)`),
        };
      else if (value.cls.label === 'kernel text' && (!match || match.confidence === 'nearest') && !lineShowsCode(model, line))
        // The image's range by the layout, in no function the transcript knows: its data lies there too.
        value.cls = { ...value.cls, label: 'kernel image (text or data)' };
    }
  }
  return context;
}

/** crash's symbol after a pointer it prints (`0xffffffff81ea6600 <root_task_group>`), no offset. */
const NAMED_AFTER = /^ <([A-Za-z_][\w.]*)>/;

/** Whether the hovered value is that of its block's program counter or stack pointer. */
function isPcOrSp(context: HoverContext): boolean {
  const name = registerOf(context);
  const roles = context.model.spec?.registers;
  return name !== undefined && roles !== undefined && (roles.pc.includes(name) || roles.sp.includes(name));
}

/** Whether the hovered value is a register of a block the architecture reads as a user-mode context (RegisterRoles.userMode). */
function inUserModeBlock(context: HoverContext): boolean {
  const userMode = context.model.spec?.registers.userMode;
  const block = userMode ? registerBlockOf(context) : undefined;
  return block !== undefined && userMode!(block);
}

/** The register block (unwind/registerBlocks) of the hovered value, or of the register hovered by its name. */
export function registerBlockOf({ model, line, word, value }: HoverContext): readonly Register[] | undefined {
  if (!value) return undefined;
  const { byLine, blockOf } = registerIndex(model);
  const register = byLine.get(line)?.find((r) => (value.role === 'register' ? r.name === word.text : r.column === word.start));
  return register && blockOf.get(register);
}

/**
 * The register a hovered value belongs to: the name hovered, or the register read at the value
 * (`RIP: ffff…`, `PSW:  0704c00180000000`; also `help -r` and s390x's LOWCORE `-psw`, which
 * only the walkers' register blocks read).
 */
export function registerOf({ model, line, word, value }: HoverContext): string | undefined {
  if (value?.role === 'register') return word.text;
  if (!value) return undefined;
  const at = (r: Register) => r.line === line && r.column === word.start;
  return (model.registersWithValue(value.raw).find(at) ?? registerIndex(model).byLine.get(line)?.find(at))?.name;
}

/** Every register of the transcript's register blocks (unwind/registerBlocks), by line, and the block it is in. */
const registerIndex = perModel((model) => {
  const byLine = new Map<number, Register[]>();
  const blockOf = new Map<Register, readonly Register[]>();
  for (const block of registerBlocks(model))
    for (const register of block) {
      const list = byLine.get(register.line);
      if (list) list.push(register);
      else byLine.set(register.line, [register]);
      blockOf.set(register, block);
    }
  return { byLine, blockOf };
});

/** The status register (RegisterRoles.status) the hovered value belongs to. */
function statusRegister(context: HoverContext): StatusRegister | undefined {
  const roles = registerRoles(context.model.spec, context.model.archUnmodelled);
  const status = roles?.status;
  if (!status) return undefined;
  const name = registerOf(context);
  // A dumped word inside the registers an exception saved is that register (ORIG_RAX's −1 is no errno).
  const location = context.value?.role === 'word' ? context.value.location : undefined;
  const field = name === undefined && location !== undefined ? exceptionFrameFieldAt(context.model, location) : undefined;
  const printed = field?.register !== undefined ? field.place.block.find((r) => r.name === field.register) : undefined;
  const named =
    (name !== undefined ? status[name] : undefined) ??
    (field?.register !== undefined ? status[field.register] : undefined) ??
    (context.value?.role === 'word' ? roles.statusOnLine?.(context.lineText, context.word.start) : undefined);
  const register = !named?.inBlock
    ? named
    : field
      ? named.inBlock(field.place.block, printed?.line ?? context.line)
      : named.inBlock(registerBlockOf(context) ?? [], context.line);
  return register && context.value && register.holdsValue?.(context.value.raw) === false ? undefined : register;
}

/**
 * `rd -d`/`rd -D` print words in decimal (signed or not): such a word is the dumped value,
 * as wide as the dump's words, not a hex number.
 */
function decimalDumpWord(model: Model, line: number, lineText: string, word: Word): bigint | undefined {
  if (!/^\d+$/.test(word.text) || lineText.slice(word.end, word.end + 1) === ':') return undefined;
  const section = model.sectionAt(line);
  if (section?.kind !== 'rd' || !section.options.some((o) => o === '-d' || o === '-D')) return undefined;
  const address = /^\s*([0-9a-fA-F]+):/.exec(lineText)?.[1];
  if (!address) return undefined;
  const width = section.options.includes('-32')
    ? 4
    : section.options.includes('-16')
      ? 2
      : section.options.includes('-8')
        ? 1
        : address.length > 8
          ? 8
          : 4;
  const value = BigInt(word.text);
  return BigInt.asUintN(width * 8, lineText[word.start - 1] === '-' ? -value : value);
}

// crash prints a struct's members in decimal unless `-x` is given (`state_use_accessors = 425755136,`,
// an unsigned long's `private = 18446612684321437440`), and `p` its value: digits alone after `=` are a
// decimal number, never hex digits. Shorter than 8 digits it is a count, no card (as any short decimal).
const ASSIGNMENT_LEAD = /=\s*-?$/;
const DECIMAL_NUMBER: AddressClass = { kind: 'small', label: 'decimal number' };

function assignedDecimal(model: Model, lineText: string, word: Word): HoverValue | undefined {
  if (!/^\d{8,20}$/.test(word.text) || !ASSIGNMENT_LEAD.test(lineText.slice(0, word.start))) return undefined;
  const magnitude = BigInt(word.text);
  if (magnitude >= 1n << 64n) return undefined;
  const raw = BigInt.asUintN(64, lineText[word.start - 1] === '-' ? -magnitude : magnitude);
  // An unsigned long that holds a kernel pointer is still one, in decimal.
  const cls = model.classify(raw);
  return { role: 'word', raw, address: raw, cls: ADDRESS_KINDS[cls.kind].pointer ? cls : DECIMAL_NUMBER, decimal: true };
}

/**
 * A number typed in a `p`/`px`/`eval` expression (`p ((21567758243841466-636632819573610)/1000000000)`):
 * gdb reads digits as decimal, and crash's eval too unless they are "obviously" hex (a letter, `0x`).
 */
function expressionDecimal(model: Model, line: number, lineText: string, word: Word): HoverValue | undefined {
  if (!/^\d{1,20}$/.test(word.text) || lineText.slice(word.start - 2, word.start).toLowerCase() === '0x') return undefined;
  const section = model.sectionAt(line);
  if (section?.kind !== 'eval' || section.line !== line) return undefined;
  const magnitude = BigInt(word.text);
  if (magnitude >= 1n << 64n) return undefined;
  // Short numbers are counts and divisors: no card, as any short decimal.
  if (word.text.length < 8) return undefined;
  const cls = model.classify(magnitude);
  return {
    role: 'word',
    raw: magnitude,
    address: magnitude,
    cls: ADDRESS_KINDS[cls.kind].pointer ? cls : DECIMAL_NUMBER,
    decimal: true,
  };
}

// A count with its unit after it (`hrtimer: interrupt took 13919589 ns`, `stuck for 22s`, `4096 bytes`):
// the kernel prints such numbers in decimal.
const UNIT_AFTER = /^ ?(?:ns|us|ms|s|secs?|seconds?|jiffies|bytes?|[kKMG]i?B|pages?)\b/;

function measuredDecimal(lineText: string, word: Word): HoverValue | undefined {
  if (!/^\d{8,20}$/.test(word.text) || !UNIT_AFTER.test(lineText.slice(word.end))) return undefined;
  const raw = BigInt(word.text);
  if (raw >= 1n << 64n) return undefined;
  return { role: 'word', raw, address: raw, cls: DECIMAL_NUMBER, decimal: true };
}

/** Address a dumped word lives at, from its dump line: a hex word, or one `rd -s`/`bt -F` printed by name. */
export function wordLocation(text: string, column: number): bigint | undefined {
  let found: bigint | undefined;
  parseMemoryLine(
    text,
    {
      word(addrHi, addrLo, _vh, _vl, width, col) {
        // Words are one space apart: the word whose digits (and the blank after them) hold the column.
        if (col <= column && column <= col + 2 * width) found = (BigInt(addrHi) << 32n) | BigInt(addrLo);
      },
      symbolic(addrHi, addrLo, text, col) {
        // A name, or inside a bracketed one (`[mm_struct]`, `[ffff…:task_struct]`).
        if (col === column || (text.startsWith('[') && col < column && column < col + text.length))
          found = (BigInt(addrHi) << 32n) | BigInt(addrLo);
      },
    },
    true,
  );
  return found;
}

/** A value the card reads as a value (not a dump line's address column). */
export function readValue(context: HoverContext): HoverValue | undefined {
  return context.value && context.value.role !== 'address-column' ? context.value : undefined;
}
