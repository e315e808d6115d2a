// Line shapes of `crash` command output. Each parser looks at one line and
// returns undefined when the line is not of its shape; none of them throws.
import type { CommandKind } from '../types';

const PROMPT = /^\s*(?:(?:\d+\.|[-*+])\s+)?(crash(?:64)?)> ?(.*)$/;

export interface PromptLine {
  command: string;
  kind: CommandKind;
  options: string[];
  args: string[];
  /** Text after a `|` pipe (`grep`, `head`): the output is filtered. */
  pipe?: string;
  column: number;
}

const KINDS: Record<string, CommandKind> = {
  bt: 'bt',
  rd: 'rd',
  dis: 'dis',
  sym: 'sym',
  struct: 'struct',
  union: 'struct',
  kmem: 'kmem',
  search: 'search',
  eval: 'eval',
  p: 'eval',
  px: 'eval',
  mod: 'mod',
  sys: 'sys',
  ps: 'ps',
  task: 'task',
  log: 'log',
  dmesg: 'log',
  help: 'help',
};

export function parsePrompt(text: string): PromptLine | undefined {
  if (text.indexOf('> ') < 0 && !text.endsWith('>')) return undefined;
  const m = PROMPT.exec(text);
  if (!m) return undefined;
  const full = m[2].trim();
  const bar = full.indexOf('|');
  const commandText = (bar >= 0 ? full.slice(0, bar) : full).trim();
  const words = commandText.split(/\s+/).filter((w) => w.length > 0);
  const name = words[0] ?? '';
  let kind: CommandKind = KINDS[name] ?? 'other';
  // `struct sock -o` vs `*` and friends: anything typed as `foo -o` with a struct name is struct too.
  if (kind === 'other' && words.includes('-o') && name !== '') kind = 'struct';
  const options = words.slice(1).filter((w) => /^-[A-Za-z0-9]+$/.test(w));
  const args = words.slice(1).filter((w) => !/^-[A-Za-z0-9]+$/.test(w));
  return {
    command: full,
    kind,
    options,
    args,
    pipe: bar >= 0 ? full.slice(bar + 1).trim() : undefined,
    column: text.indexOf(m[1]),
  };
}

const BT_HEADER = /^\s*PID:\s+(\d+)\s+TASK:\s+([0-9a-fA-F]+)\s+CPU:\s+(\d+|-)\s+COMMAND:\s+"(.*)"/;

export interface BtHeaderLine {
  pid: number;
  task: string;
  cpu?: number;
  command: string;
}

export function parseBtHeader(text: string): BtHeaderLine | undefined {
  const m = BT_HEADER.exec(text);
  if (!m) return undefined;
  return { pid: Number(m[1]), task: m[2], cpu: m[3] === '-' ? undefined : Number(m[3]), command: m[4] };
}

// ` #7 [ffffa269e37dbc88] xfs_dir2_sf_put_ftype at ffffffffc06e7e6c [xfs]`, also `# 7` as typed by hand,
// crash's `(?)` before the function and ` *` / `(?)` after the address.
export interface BtFrameLine {
  level: number;
  slot: string;
  function: string;
  address: string;
  module?: string;
  unreliable: boolean;
}

function isBlankChar(c: number): boolean {
  return c === 32 || c === 9;
}

function isHexChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

// ppc64 crash marks a frame `  (unreliable)` where others print `(?)`.
// One regex beats a hand scanner here: irregexp matches this shape faster than JS can walk it.
const BT_FRAME =
  /^\s*#\s?(\d+)\s+\[([0-9a-fA-F]+)\]\s+(\(\?\)\s+)?(\S+)\s+at\s+([0-9a-fA-F]+)(?:\s+\[([\w.-]+)\])?(\s+\*)?(\s+\((?:\?|unreliable)\))?\s*$/;

export function parseBtFrame(text: string): BtFrameLine | undefined {
  const m = BT_FRAME.exec(text);
  if (!m) return undefined;
  return {
    level: Number(m[1]),
    slot: m[2],
    function: m[4],
    address: m[5],
    module: m[6],
    unreliable: Boolean(m[3] || m[7] || m[8]),
  };
}

const EXCEPTION_RIP = /^\s*\[exception RIP: ([^\]]*)\]/;

export function parseExceptionRip(text: string): string | undefined {
  return EXCEPTION_RIP.exec(text)?.[1];
}

const STACK_MARKER = /^\s*--- <([^>]+)> ---\s*$/;

export function parseStackMarker(text: string): string | undefined {
  return STACK_MARKER.exec(text)?.[1];
}

// A dis line: `0xffffffffc07258ae <kmem_alloc+78>:\tcallq  0xffffffffb8687ee0 <__kmalloc>`.
const DIS = /^\s*(?:0x)?([0-9a-fA-F]{8,16})\s+<([^>\s+]+)(?:\+(\d+))?>:\s*(\S+)?\s*(.*)$/;
const TARGET = /^(?:\*?)(?:0x)?([0-9a-fA-F]{6,16})\s+<([^>\s+]+)(?:\+(\d+))?>/;

export interface DisLine {
  address: string;
  function: string;
  offset: number;
  mnemonic: string;
  operands: string;
  target?: string;
  targetFunction?: string;
  targetOffset?: number;
  isCall: boolean;
}

export function parseDis(text: string): DisLine | undefined {
  if (text.indexOf('>:') < 0) return undefined;
  const m = DIS.exec(text);
  if (!m) return undefined;
  const mnemonic = m[4] ?? '';
  const operands = m[5].trim();
  const line: DisLine = {
    address: m[1],
    function: m[2],
    offset: m[3] ? Number(m[3]) : 0,
    mnemonic,
    operands,
    isCall: /^(?:call[lq]?|bl|blr|bla)$/.test(mnemonic),
  };
  const t = TARGET.exec(operands);
  if (t) {
    line.target = t[1];
    line.targetFunction = t[2];
    line.targetOffset = t[3] ? Number(t[3]) : 0;
  }
  return line;
}

/** Where the parts of a dis line lie, found without a regex (the model's hot path). */
export interface DisHead {
  addressStart: number;
  addressEnd: number;
  functionStart: number;
  functionEnd: number;
  offset: number;
  mnemonicStart: number;
  mnemonicEnd: number;
}

/** `0xADDR <func+off>:  mnemonic operands`; undefined when the line is not of that shape. */
export function scanDisHead(text: string): DisHead | undefined {
  const n = text.length;
  let i = 0;
  while (i < n && isBlankChar(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 48 && text.charCodeAt(i + 1) === 120) i += 2;
  const addressStart = i;
  while (i < n && isHexChar(text.charCodeAt(i))) i++;
  const addressEnd = i;
  if (addressEnd - addressStart < 8 || addressEnd - addressStart > 16) return undefined;
  if (!isBlankChar(text.charCodeAt(i))) return undefined;
  while (i < n && isBlankChar(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 60) return undefined;
  const functionStart = ++i;
  for (let c = text.charCodeAt(i); i < n && c !== 43 && c !== 62 && !isBlankChar(c); c = text.charCodeAt(++i));
  const functionEnd = i;
  if (functionEnd === functionStart) return undefined;
  let offset = 0;
  if (text.charCodeAt(i) === 43) {
    const digits = ++i;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) offset = offset * 10 + (c - 48);
    if (i === digits) return undefined;
  }
  if (text.charCodeAt(i) !== 62 || text.charCodeAt(i + 1) !== 58) return undefined;
  i += 2;
  while (i < n && isBlankChar(text.charCodeAt(i))) i++;
  const mnemonicStart = i;
  while (i < n && !isBlankChar(text.charCodeAt(i))) i++;
  return { addressStart, addressEnd, functionStart, functionEnd, offset, mnemonicStart, mnemonicEnd: i };
}

// `debian/build/.../kernel/panic.c: 208`, `/usr/src/debug/.../tcp.c: 2032`.
const SOURCE = /^\s*([^\s:]+\.[A-Za-z]{1,3}): (\d+)\s*$/;

export function parseSourceLine(text: string): { file: string; line: number } | undefined {
  if (text.indexOf(': ') < 0) return undefined;
  const m = SOURCE.exec(text);
  return m ? { file: m[1], line: Number(m[2]) } : undefined;
}

// `ffffffff89001e27 (T) panic+375 debian/build/.../panic.c: 208`, module `[lkdtm]` optional.
const SYM = /^\s*([0-9a-fA-F]{8,16}) \(([A-Za-z?])\) ([^\s+]+)(?:\+(\d+))?(?: \[([\w.-]+)\])?(?: (\S+): (\d+))?\s*$/;

export interface SymLine {
  address: string;
  type: string;
  function: string;
  offset: number;
  module?: string;
  file?: string;
  sourceLine?: number;
}

export function parseSym(text: string): SymLine | undefined {
  if (text.indexOf(') ') < 0) return undefined;
  const m = SYM.exec(text);
  if (!m) return undefined;
  return {
    address: m[1],
    type: m[2],
    function: m[3],
    offset: m[4] ? Number(m[4]) : 0,
    module: m[5],
    file: m[6],
    sourceLine: m[7] ? Number(m[7]) : undefined,
  };
}

// `ffff800000d0e080  corpus_crash  ffff800000d0c000  16384  corpus_crash.ko`
const MOD = /^\s*([0-9a-fA-F]{16})\s+([\w-]+)\s+([0-9a-fA-F]{16})\s+(\d+)\s+/;

export function parseModuleLine(text: string): { name: string; base: string; size: number } | undefined {
  const m = MOD.exec(text);
  return m ? { name: m[2], base: m[3], size: Number(m[4]) } : undefined;
}

// `  stack = 0xffffd45d40400000,`
const TASK_STACK = /^\s*stack = 0x([0-9a-fA-F]+),?\s*$/;

export function parseTaskStack(text: string): string | undefined {
  return TASK_STACK.exec(text)?.[1];
}

// `ffff00ff800cae40  ffff00ff80261400  ffff800013580000 - ffff8000135a0000   131072`
const VMAP = /^\s*([0-9a-fA-F]{8,16})\s+([0-9a-fA-F]{8,16})\s+([0-9a-fA-F]{8,16}) - ([0-9a-fA-F]{8,16})\s+(\d+)\s*$/;

export function parseVmapArea(text: string): { start: string; end: string } | undefined {
  const m = VMAP.exec(text);
  return m ? { start: m[3], end: m[4] } : undefined;
}

// crash's `WARNING: possibly bogus exception frame`, `rd: invalid kernel virtual address: ...`.
const CRASH_MESSAGE =
  /^(?:WARNING|NOTE|INFO): |^(?:rd|bt|dis|sym|struct|kmem|search|mod|task|gdb|crash|help|log|ps|eval|p): |^\s*(?:please wait|Please wait)/;

export function isCrashMessage(text: string): boolean {
  return CRASH_MESSAGE.test(text);
}
