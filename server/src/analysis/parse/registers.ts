// Register lines in all the shapes crash and the kernel print them:
// crash `    RIP: ffffffffc02f2625  RSP: ffffd45d40403c80  RFLAGS: 00000282`,
// console `RSP: 0018:ffffd45d40403c80 EFLAGS: 00000282`, `RIP: 0010:func+0x5/0x10 [mod]`,
// arm64 `x29: ffff80001418fc10 x28: ...`, `x9 : ...`, `pc : func+0x158/0x188`, `pstate: 60400009 (...)`.
import type { Register } from '../types';
import { parseSymbolRef } from './symbolref';

const X86_NAMES = new Set([
  'RIP', 'RSP', 'RFLAGS', 'EFLAGS', 'RAX', 'RBX', 'RCX', 'RDX', 'RSI', 'RDI', 'RBP',
  'R8', 'R9', 'R08', 'R09', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'ORIG_RAX',
  'CS', 'SS', 'DS', 'ES', 'FS', 'GS', 'CR0', 'CR2', 'CR3', 'CR4', 'knlGS', 'PKRU',
  'EIP', 'ESP', 'EAX', 'EBX', 'ECX', 'EDX', 'ESI', 'EDI', 'EBP',
]);
const ARM64_EXTRA = new Set(['pc', 'lr', 'sp', 'PC', 'LR', 'SP', 'pstate', 'PSTATE', 'ORIG_X0', 'SYSCALLNO', 'FPVALID']);

export function isRegisterName(name: string): boolean {
  if (X86_NAMES.has(name) || ARM64_EXTRA.has(name)) return true;
  const c = name.charCodeAt(0);
  if ((c === 120 || c === 88) && name.length <= 3) {
    const n = Number(name.slice(1));
    return Number.isInteger(n) && n >= 0 && n <= 30 && name.length > 1;
  }
  return false;
}

export function isArm64RegisterName(name: string): boolean {
  return ARM64_EXTRA.has(name) || /^[xX]([0-9]|[12][0-9]|30)$/.test(name);
}

// NAME, optional space, colon, then a value: `0018:ffff...`, a hex word, or a symbol.
const PAIR = /([A-Za-z][A-Za-z0-9_]*) ?:\s*(?:([0-9a-fA-F]{4}):)?(0x[0-9a-fA-F]+|[0-9a-fA-F]{2,16}(?![\w+])|[A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+(?:\/0x[0-9a-fA-F]+)?(?: \[[\w-]+\])?)/g;

/**
 * Parses a line made only of register pairs; returns undefined when any pair
 * names something that is not a register (so `CPU: 0 PID: 1` is not taken).
 */
export function parseRegisterLine(text: string, line: number, offset = 0): Register[] | undefined {
  PAIR.lastIndex = offset;
  const registers: Register[] = [];
  let consumed = offset;
  let match: RegExpExecArray | null;
  while ((match = PAIR.exec(text)) !== null) {
    const between = text.slice(consumed, match.index);
    if (between.replace(/\(\w*\)/g, '').trim() !== '') break;
    const name = match[1];
    if (!isRegisterName(name)) return undefined;
    const raw = match[3];
    const valueStart = match.index + match[0].length - raw.length;
    const register: Register = { name, line, column: valueStart, length: raw.length };
    if (/^(?:0x)?[0-9a-fA-F]+$/.test(raw)) {
      register.value = BigInt(raw.startsWith('0x') ? raw : '0x' + raw);
    } else {
      register.symbol = parseSymbolRef(raw);
    }
    registers.push(register);
    consumed = match.index + match[0].length;
  }
  if (registers.length === 0) return undefined;
  const rest = text.slice(consumed).trim();
  // `pstate: 60400009 (nZCv daif +PAN -UAO)` and `FS: ...(0000)` carry a trailing note.
  if (rest !== '' && !rest.startsWith('(') && !/^\[[\w-]+\]$/.test(rest)) return undefined;
  return registers;
}
