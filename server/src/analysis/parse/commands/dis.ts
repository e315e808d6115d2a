// `dis` and `dis -l` output: instructions, and the source lines `dis -l` prints above
// them. Recognised with or without a prompt.
import { decodeEntities } from '../console/pasted';
import { CALL_MNEMONICS } from '../../arch/registry';
import { fromHalves, hexDigit, hexHigh32, hexLow32 } from '../../hex';
import { LineKind } from '../../lineKinds';
import type { SourceLine } from '../../types';
import type { ParseSink } from '../sink';
import { defineCommand } from './command';

export const dis = defineCommand({ kind: 'dis', names: ['dis'] });

function isBlankChar(c: number): boolean {
  return c === 32 || c === 9;
}

// A dis line: `0xffffffffc07258ae <kmem_alloc+78>:\tcallq  0xffffffffb8687ee0 <__kmalloc>`;
// `dis -x` prints its offsets in hex (`<machine_kexec+0x4>:`), read as numbers by Number().
// As scanDisHead: with `0x` crash prints no leading zeros (s390x `0x10ff4e`).
const DIS = /^\s*(?:0x|(?=[0-9a-fA-F]{8}))([0-9a-fA-F]{5,16})\s+<([^>\s+]+)(?:\+(0x[0-9a-fA-F]+|\d+))?>:\s*(\S+)?\s*(.*)$/;
// `0xffffffffb8687ee0 <__kmalloc>`, after a link register on s390x (`%r14,0x113cf8 <lgr_info_log>`);
// crash's `<(corpus_crash module)+8>` names no function.
const TARGET =
  /^(?:\*?)(?:%r\d+,)?(?:0x)?([0-9a-fA-F]{5,16})\s+<(?:([^>\s+(][^>\s+]*)(?:\+(0x[0-9a-fA-F]+|\d+))?|\([^)>]*\)(?:\+(?:0x[0-9a-fA-F]+|\d+))?)>/;

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

// A person's note after an instruction (`   <-- here`, ` << this`, ` // why`, ` # why`); the
// disassembler's own comments stay (x86 `# 0xADDR <sym>`, arm64 `// #-16` and `// b.any`), and so
// do arm64's immediates (`[sp, #-16]!`).
const DIS_NOTE = /\s+(?:<-+|<<+|\/\/(?!\s*(?:#|b\.))|#(?=\s)(?!\s*(?:0x)?[0-9a-fA-F]+\b))(?:[\s\u0080-\uffff].*)?$/;

function withoutDisNote(operands: string): string {
  return operands.replace(DIS_NOTE, '');
}

export function parseDis(raw: string): DisLine | undefined {
  // A listing escaped for HTML (`&lt;func+12&gt;:`) is read decoded: a DisLine keeps no columns.
  const text = raw.indexOf('&') >= 0 ? decodeEntities(raw) : raw;
  if (text.indexOf('>:') < 0) return undefined;
  const m = DIS.exec(text);
  if (!m) return undefined;
  const mnemonic = m[4] ?? '';
  const operands = withoutDisNote(m[5]).trim();
  const line: DisLine = {
    address: m[1],
    function: m[2],
    offset: m[3] ? Number(m[3]) : 0,
    mnemonic,
    operands,
    // Any registered architecture's calls: a listing is parsed before the architecture is known.
    isCall: CALL_MNEMONICS.has(mnemonic),
  };
  const t = TARGET.exec(operands);
  if (t) {
    line.target = t[1];
    if (t[2] !== undefined) {
      line.targetFunction = t[2];
      line.targetOffset = t[3] ? Number(t[3]) : 0;
    }
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
  const prefixed = text.charCodeAt(i) === 48 && text.charCodeAt(i + 1) === 120;
  if (prefixed) i += 2;
  const addressStart = i;
  while (i < n && hexDigit(text.charCodeAt(i)) >= 0) i++;
  const addressEnd = i;
  // crash prints no leading zeros: s390x kernel text is `0x10ff4e <on_panic_notify+54>:`.
  if (addressEnd - addressStart < (prefixed ? 5 : 8) || addressEnd - addressStart > 16) return undefined;
  if (!isBlankChar(text.charCodeAt(i))) return undefined;
  while (i < n && isBlankChar(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 60) return undefined;
  const functionStart = ++i;
  for (let c = text.charCodeAt(i); i < n && c !== 43 && c !== 62 && !isBlankChar(c); c = text.charCodeAt(++i));
  const functionEnd = i;
  if (functionEnd === functionStart) return undefined;
  let offset = 0;
  if (text.charCodeAt(i) === 43) {
    // `dis -x` prints the offset in hex: `<machine_kexec+0x4>:`.
    const hex = text.charCodeAt(i + 1) === 48 && text.charCodeAt(i + 2) === 120;
    const digits = (i += hex ? 3 : 1);
    if (hex) for (let d = hexDigit(text.charCodeAt(i)); d >= 0; d = hexDigit(text.charCodeAt(++i))) offset = offset * 16 + d;
    else for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) offset = offset * 10 + (c - 48);
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

type DisSink = Pick<ParseSink, 'instruction' | 'symbolBase' | 'symbolOffset' | 'instructionShape'>;

/** A listing, line after line; reset at each prompt. */
export class DisassemblyParser {
  /** A `dis -l` source line waiting for the instruction it belongs to. */
  private pendingSource: SourceLine | undefined;
  /** The function a listing is showing, line after line. */
  private run: { name: string; maxOffset: number; line: number } | undefined;

  constructor(private readonly sink: DisSink) {}

  get idle(): boolean {
    return this.run === undefined && this.pendingSource === undefined;
  }

  reset(): void {
    this.flushRun();
    this.pendingSource = undefined;
  }

  /** A blank line parts a source line from what follows. */
  blank(): void {
    this.pendingSource = undefined;
  }

  source(source: SourceLine): void {
    this.pendingSource = source;
  }

  instruction(text: string, head: DisHead, i: number): LineKind {
    const hi = hexHigh32(text, head.addressStart, head.addressEnd);
    const lo = hexLow32(text, head.addressStart, head.addressEnd);
    this.sink.instruction(hi, lo, i, this.pendingSource);
    this.pendingSource = undefined;
    const offset = head.offset;
    // A listing shows one function line after line: tell its start once per run.
    let run = this.run;
    if (
      !run ||
      head.functionEnd - head.functionStart !== run.name.length ||
      !text.startsWith(run.name, head.functionStart) ||
      offset === 0
    ) {
      this.flushRun();
      const fn = text.slice(head.functionStart, head.functionEnd);
      this.sink.symbolBase(fn, fromHalves(hi, lo) - BigInt(offset), i);
      run = this.run = { name: fn, maxOffset: offset, line: i };
    } else if (offset > run.maxOffset) {
      run.maxOffset = offset;
      run.line = i;
    }
    const operandsAt = text.indexOf('<', head.mnemonicEnd);
    if (operandsAt > 0) {
      const line = parseDis(text);
      if (line?.target && line.targetFunction)
        this.sink.symbolBase(line.targetFunction, BigInt('0x' + line.target) - BigInt(line.targetOffset ?? 0), i, true);
    }
    this.sink.instructionShape(text.slice(head.mnemonicStart, head.mnemonicEnd), text, head.mnemonicEnd);
    return LineKind.Disassembly;
  }

  /** The largest offset of a listing's run of one function, told once. */
  private flushRun(): void {
    const run = this.run;
    if (run) this.sink.symbolOffset(run.name, run.maxOffset, undefined, undefined, run.line);
    this.run = undefined;
  }
}
