// Semantic colours where only the model knows the meaning: an address's class,
// and stack words that are return addresses or saved frame pointers.
import { ADDRESS_KINDS, kindInfo, type AddressKind } from './classify';
import { LineKind } from './lineKinds';
import type { Model } from './model';
import { parseMemoryLine } from './parse/memoryLine';
import { inPhysicalDump } from './physicalDumps';

/** Legend (documented in the README). Order matters: the index is the wire value. */
export const TOKEN_TYPES = [
  'kernelText',
  'moduleText',
  'stackAddress',
  'irqStackAddress',
  'slabAddress',
  'directMapAddress',
  'vmallocAddress',
  'vmemmapAddress',
  'userAddress',
  'specialValue',
] as const;
export const TOKEN_MODIFIERS = ['returnAddress', 'framePointer'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];

export interface SemanticToken {
  line: number;
  start: number;
  length: number;
  type: number;
  /** Bit set over TOKEN_MODIFIERS. */
  modifiers: number;
}

/** Token type index of each address kind (from the kinds table; -1: not coloured). */
const TYPE_OF = Object.fromEntries(
  (Object.keys(ADDRESS_KINDS) as AddressKind[]).map((kind) => {
    const token: TokenType | undefined = kindInfo(kind).token;
    return [kind, token ? TOKEN_TYPES.indexOf(token) : -1];
  }),
) as Record<AddressKind, number>;

const HEX_WORD = /(?<![\w.$+/])(?:0x)?[0-9a-fA-F]{8,16}(?![\w$])/g;
const MAX_LINE = 2000;

export function semanticTokens(model: Model, startLine = 0, endLine = model.lineCount - 1): SemanticToken[] {
  const tokens: SemanticToken[] = [];
  const last = Math.min(endLine, model.lineCount - 1);
  for (let line = Math.max(0, startLine); line <= last; line++) {
    const kind = model.lineKinds[line];
    if (kind === LineKind.Prose || kind === LineKind.Blank || kind === LineKind.Markdown || kind === LineKind.Damaged) continue;
    const text = model.line(line);
    if (text.length > MAX_LINE) continue;
    const physical = kind === LineKind.Memory && inPhysicalDump(model, line);
    const locations = kind === LineKind.Memory && !physical ? wordLocations(text) : undefined;
    HEX_WORD.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HEX_WORD.exec(text)) !== null) {
      // A physical address column is no kernel virtual address of any kind.
      if (physical && text.charCodeAt(m.index + m[0].length) === 58) continue;
      const digits = m[0].startsWith('0x') ? m[0].slice(2) : m[0];
      if (digits.length < 8 || (!/[0-9]/.test(digits) && digits.length < 12)) continue;
      const value = BigInt('0x' + digits);
      const cls = model.classify(value);
      const typeIndex = TYPE_OF[cls.kind];
      if (typeIndex < 0) continue;
      const type = TOKEN_TYPES[typeIndex];
      let modifiers = 0;
      const location = locations?.get(m.index);
      if (location !== undefined) {
        if (type === 'kernelText' || type === 'moduleText') modifiers |= 1;
        else if ((type === 'stackAddress' || type === 'irqStackAddress') && value > location && value - location < 0x4000n) {
          // The return slot that goes with this link: beside it in a frame record, in the caller's frame on a back chain.
          const frames = model.spec?.frames;
          const slot = frames
            ? (frames.returnInto === 'own' ? value : location - frames.linkOffset) + frames.returnOffset
            : location + 8n;
          const beside = model.memory.read64(slot)?.value;
          const besideKind = beside !== undefined ? model.classify(beside).kind : undefined;
          if (besideKind === 'kernel-text' || besideKind === 'module-text') modifiers |= 2;
        }
      }
      tokens.push({ line, start: m.index, length: m[0].length, type: typeIndex, modifiers });
    }
  }
  return tokens;
}

/** Column → address of each dumped word on a memory line. */
function wordLocations(text: string): Map<number, bigint> {
  const map = new Map<number, bigint>();
  parseMemoryLine(
    text,
    {
      word(addrHi, addrLo, _vh, _vl, _w, column) {
        map.set(column, (BigInt(addrHi) << 32n) | BigInt(addrLo));
        if (text.startsWith('0x', column)) map.set(column, (BigInt(addrHi) << 32n) | BigInt(addrLo));
      },
      symbolic() {},
    },
    true,
  );
  return map;
}
