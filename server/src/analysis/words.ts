// The "word" under the cursor: hex values, func+off symbols, instruction
// operands, register names. Shapes match language-configuration.json's wordPattern.
import { REGISTER_NAMES } from './arch/registry';

export type WordKind =
  | 'hex'
  | 'symbol'
  | 'arm64-operand'
  | 'x86-operand'
  | 'ppc64-operand'
  | 'riscv64-operand'
  | 'immediate'
  | 'register'
  | 'name'
  | 'decimal';

export interface Word {
  text: string;
  kind: WordKind;
  start: number;
  end: number;
}

// ppc64 D-form operands: `-32736(r9)`, `16(r1)`.
const WORD =
  /\[(?:[xw]\d{1,2}|sp)(?:,\s*#-?(?:0x)?[0-9a-fA-F]+)?\]!?|-?(?:0x)?[0-9a-fA-F]*\(%[a-z0-9]+(?:,%[a-z0-9]+)?(?:,[1248])?\)|-?\d+\((?:r\d{1,2}|zero|ra|sp|gp|tp|fp|[tsa]\d{1,2})\)|[A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+(?:\/0x[0-9a-fA-F]+)?|[A-Za-z_.$][\w.$]*\+\d+|#-?(?:0x[0-9a-fA-F]+|\d+)|\$-?0x[0-9a-fA-F]+|%[a-z][a-z0-9]*|(?:0x)?[0-9a-fA-F]+(?![\w.$])|[A-Za-z_.$][\w.$]*|\d+/g;

const REGISTER =
  /^(?:[xw](?:[0-9]|[12][0-9]|30)|X(?:[0-9]|[12][0-9]|30)|sp|SP|pc|PC|lr|LR|R[A-Z0-9]+|E[A-Z]+|CS|SS|ORIG_RAX|ORIG_X0|PSTATE|pstate|%[a-z][a-z0-9]*)$/;

export function wordAt(text: string, character: number): Word | undefined {
  if (text.length > 20000) return undefined;
  WORD.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = WORD.exec(text)) !== null) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].length === 0) {
      WORD.lastIndex++;
      continue;
    }
    if (character < start) return undefined;
    if (character <= end && character >= start && (character < end || end === text.length || !/[\w$.]/.test(text[end]))) {
      return { text: match[0], kind: kindOf(match[0]), start, end };
    }
  }
  return undefined;
}

function kindOf(word: string): WordKind {
  if (word.startsWith('[')) return 'arm64-operand';
  if (word.includes('(%')) return 'x86-operand';
  if (/\(r\d{1,2}\)$/.test(word)) return 'ppc64-operand';
  if (word.endsWith(')')) return 'riscv64-operand';
  if (word.startsWith('#') || word.startsWith('$')) return 'immediate';
  if (/\+(?:0x[0-9a-fA-F]+|\d+)/.test(word) && /^[A-Za-z_.$]/.test(word)) return 'symbol';
  if (REGISTER.test(word) || REGISTER_NAMES.has(word)) return 'register';
  if (
    /^0x[0-9a-fA-F]+$/.test(word) ||
    /^[0-9a-fA-F]{8,16}$/.test(word) ||
    (/^[0-9a-fA-F]+$/.test(word) && /[a-fA-F]/.test(word) && word.length >= 4)
  )
    return 'hex';
  if (/^\d+$/.test(word)) return 'decimal';
  return 'name';
}
