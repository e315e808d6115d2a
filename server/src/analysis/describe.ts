// Hover cards: what a word of the transcript means, the way an expert reading
// the dump would say it, from everything the model holds. Most telling first.
import { kindInfo, kindLabel } from './classify';
import { hex16, parseHex } from './hex';
import { lineRange, Range } from './lines';
import { STACK_SIZE, type Model } from './model';
import { parseMemoryLine } from './parse/memoryLine';
import { membersAt } from './structs';
import type { Frame, StackRange, StructLayout } from './types';
import { kasanShadowTarget, valueFacts } from './values';
import { wordAt, Word } from './words';

export interface Place {
  line: number;
  character: number;
}

export interface HoverCard {
  /** Markdown with line references as `@@L<0-based line>@@`; see renderHover. */
  markdown: string;
  range: Range;
  /** Other places the value appears (for links). */
  places: Place[];
}

/** Slab caches whose objects start with a known struct. */
const CACHE_STRUCTS: Record<string, string> = {
  TCP: 'sock',
  TCPv6: 'sock',
  UDP: 'sock',
  UDPv6: 'sock',
  RAW: 'sock',
  RAWv6: 'sock',
  UNIX: 'sock',
  MPTCP: 'sock',
  PING: 'sock',
  'UDP-Lite': 'sock',
  NETLINK: 'sock',
  task_struct: 'task_struct',
  skbuff_head_cache: 'sk_buff',
  skbuff_fclone_cache: 'sk_buff',
  skbuff_cache: 'sk_buff',
  filp: 'file',
  dentry: 'dentry',
  mm_struct: 'mm_struct',
  vm_area_struct: 'vm_area_struct',
  sock_inode_cache: 'socket_alloc',
  signal_cache: 'signal_struct',
  sighand_cache: 'sighand_struct',
  files_cache: 'files_struct',
  cred_jar: 'cred',
  pid: 'pid',
  inode_cache: 'inode',
};

export function describeAt(model: Model, line: number, character: number): HoverCard | undefined {
  const text = model.line(line);
  if (text === undefined) return undefined;
  const word = wordAt(text, character);
  if (!word) return undefined;
  const card = new Card();
  switch (word.kind) {
    case 'hex':
    case 'decimal': {
      const value = parseHex(word.text);
      if (value === undefined || (word.kind === 'decimal' && word.text.length < 8)) return undefined;
      describeHexWord(model, card, value, word, line);
      break;
    }
    case 'symbol':
      describeSymbolWord(model, card, word.text);
      break;
    case 'arm64-operand':
    case 'x86-operand':
    case 'immediate':
      describeOperand(model, card, word, line);
      break;
    case 'register':
      describeRegister(model, card, word, line);
      break;
    case 'name':
      describeName(model, card, word.text);
      break;
  }
  if (card.empty) return undefined;
  return { markdown: card.render(), range: lineRange(line, word.start, word.end), places: card.places };
}

class Card {
  private readonly parts: string[] = [];
  readonly places: Place[] = [];

  add(text: string): void {
    this.parts.push(text);
  }

  get empty(): boolean {
    return this.parts.length === 0;
  }

  render(): string {
    return this.parts.join('\n\n');
  }
}

/** A reference to a transcript line, turned into a link (editor) or a number (CLI) by renderHover. */
const lineRef = (line: number) => `@@L${line}@@`;

export function renderHover(markdown: string, link: (line: number) => string = (line) => String(line + 1)): string {
  return markdown.replace(/@@L(\d+)@@/g, (_, n: string) => link(Number(n)));
}

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

function symbolText(model: Model, address: bigint): string | undefined {
  const match = model.symbols.lookup(address);
  if (!match) return undefined;
  const module = match.symbol.module ? ` [${match.symbol.module}]` : '';
  return `${match.symbol.name}+${match.offset}${module}`;
}

/** A hex word: the address column of a dump line, or a value. */
function describeHexWord(model: Model, card: Card, value: bigint, word: Word, line: number): void {
  const text = model.line(line);
  const isAddressColumn = text.slice(word.end, word.end + 1) === ':' && text.slice(0, word.start).trim() === '';
  if (isAddressColumn) {
    card.add(`**${hex16(value)}** — memory address`);
    describeLocation(model, card, value);
    return;
  }
  const location = wordLocation(model, line, word.start);
  describeValue(model, card, value, location);
}

/** Address a dumped word lives at, from its dump line. */
function wordLocation(model: Model, line: number, column: number): bigint | undefined {
  let found: bigint | undefined;
  const text = model.line(line);
  parseMemoryLine(
    text,
    {
      word(addrHi, addrLo, _vh, _vl, _w, col) {
        if (col <= column && column < col + 18 && found === undefined) found = (BigInt(addrHi) << 32n) | BigInt(addrLo);
      },
      symbolic() {},
    },
    true,
  );
  return found;
}

function describeValue(model: Model, card: Card, raw: bigint, location?: bigint): void {
  const cls = model.classify(raw);
  const value = cls.stripped ?? raw;
  const label = cls.kind === 'direct-map' ? kindLabel('direct-map', model) : cls.label;
  card.add(`**${hex16(raw)}** — ${label}`);
  if (cls.stripped !== undefined) card.add(`Pointer-authentication bits stripped: ${code(hex16(cls.stripped))}`);

  if (cls.kind === 'kernel-text' || cls.kind === 'module-text') describeText(model, card, value);
  if (cls.stack) describeStackSlot(model, card, value, cls.stack);
  if (cls.slab) describeSlab(model, card, value, cls.slab.address, cls.slab.cache, cls.slab.objectSize, cls.slab.allocated);
  const task = model.taskAt(value);
  if (task)
    card.add(
      `task_struct of PID ${task.pid ?? '?'}${task.command ? ` (${task.command})` : ''}${task.cpu !== undefined ? `, CPU ${task.cpu}` : ''}`,
    );
  if (location !== undefined) describeFrameRole(model, card, value, location);
  describeFacts(model, card, raw, kindInfo(cls.kind).pointer);
  describeOccurrences(model, card, raw);
}

function describeText(model: Model, card: Card, address: bigint): void {
  const match = model.symbols.lookup(address);
  if (!match) return;
  const module = match.symbol.module ? ` [${match.symbol.module}]` : '';
  const guess =
    match.confidence === 'nearest'
      ? ' (nearest known symbol; its size is unknown)'
      : match.symbol.fromFile
        ? ` (from the symbol file ${code(match.symbol.fromFile)}, not the transcript)`
        : '';
  if (match.offset === 0) {
    card.add(`${code(match.symbol.name)}${module} — start of the function, so not a return address${guess}`);
  } else {
    card.add(
      `Return address ${code(`${match.symbol.name}+${match.offset}`)}${module} (${code(`${match.symbol.name}+0x${match.offset.toString(16)}`)})${guess}`,
    );
  }
  const source = model.sourceAt(address);
  if (source) card.add(`Source: ${code(`${source.file}: ${source.line}`)}`);
  const call = model.instructions.before(address);
  if (call && call.isCall) {
    const target = call.targetSymbol?.name;
    const insn = `${call.mnemonic} ${call.operands}`.trim();
    card.add(
      `Returns after ${code(insn)} at ${code(`${call.function}+${call.offset}`)}` +
        (target ? ` — so the frame above must be ${code(target)}` : ' (indirect call)'),
    );
  } else if (call && !call.isCall) {
    card.add(
      `The instruction before it is ${code(`${call.mnemonic} ${call.operands}`.trim())}, not a call: probably not a return address`,
    );
  }
}

function describeStackSlot(model: Model, card: Card, address: bigint, stack: StackRange): void {
  let best: Frame | undefined;
  for (const f of model.framesInStack(stack)) {
    if (f.stackAddress! > address) break;
    best = f;
  }
  const whose =
    stack.kind === 'irq'
      ? `IRQ stack${stack.cpu !== undefined ? ` of CPU ${stack.cpu}` : ''}`
      : `stack of PID ${stack.task?.pid ?? '?'}${stack.task?.command ? ` (${stack.task.command})` : ''}${stack.cpu !== undefined ? `, CPU ${stack.cpu}` : ''}`;
  let text = `Stack slot of the ${whose}: ${code(hex16(stack.base))}–${code(hex16(stack.top))}, offset 0x${(address - stack.base).toString(16)}`;
  if (best)
    text += `; in frame #${best.level} ${code(best.function)} (slot ${code(hex16(best.stackAddress!))}, line ${lineRef(best.line)})`;
  card.add(text);
}

function structOfCache(model: Model, cache: string): StructLayout | undefined {
  const name = CACHE_STRUCTS[cache] ?? cache;
  return model.structs.get(name);
}

function describeSlab(
  model: Model,
  card: Card,
  address: bigint,
  object: bigint,
  cache: string,
  size: number,
  allocated: boolean,
): void {
  const offset = address - object;
  let text = `${cache} object ${code(hex16(object))} + 0x${offset.toString(16)} (${allocated ? 'allocated' : 'free'}, object size ${size})`;
  const layout = structOfCache(model, cache);
  if (layout) {
    const hits = membersAt(layout, Number(offset));
    if (hits.length) {
      const best = hits[0];
      text += ` = ${code(`${best.member.path}${best.delta ? `+${best.delta}` : ''}`)} of struct ${layout.name}`;
    }
  }
  card.add(text);
}

/**
 * Saved frame pointer or return address inside a frame record, as the architecture links
 * frames (FrameLinkage: the link and the return slot at fixed offsets from a frame address).
 */
function describeFrameRole(model: Model, card: Card, value: bigint, location: bigint): void {
  const frames = model.spec?.frames;
  if (!frames) return;
  const memory = model.memory;
  const sameStack = (a: bigint, b: bigint) =>
    model.stackAt(a) !== undefined || model.stackAt(b) !== undefined || (a & ~(STACK_SIZE - 1n)) === (b & ~(STACK_SIZE - 1n));
  const text = (v: bigint | undefined) => {
    if (v === undefined) return undefined;
    const c = model.classify(v);
    return c.kind === 'kernel-text' || c.kind === 'module-text' ? (c.stripped ?? v) : undefined;
  };
  const aligned = (address: bigint) => address % frames.alignment === 0n;
  const rises = (link: bigint, frame: bigint) => link > frame && link - frame < 0x10000n;

  // The word is a saved link: the frame it belongs to, its return slot, and the frame it links to.
  const frame = location - frames.linkOffset;
  const lr = text(memory.read64(frame + frames.returnOffset)?.value);
  if (aligned(frame) && rises(value, frame) && sameStack(value, location) && lr !== undefined) {
    const lrName = symbolText(model, lr) ?? hex16(lr);
    let s = `Saved frame pointer (${frames.register}) of the frame record at ${code(hex16(frame))}: links to the record at ${code(hex16(value))} (frame of 0x${(value - frame).toString(16)} bytes); ${frames.returnName} beside it: ${code(lrName)}`;
    const next = memory.read64(value + frames.linkOffset);
    if (next) {
      const nextLr = memory.read64(value + frames.returnOffset)?.value;
      s += `. That record holds ${code(hex16(next.value))}${nextLr !== undefined ? ` / ${code(symbolText(model, text(nextLr) ?? nextLr) ?? hex16(nextLr))}` : ''} (line ${lineRef(next.line)})`;
    }
    card.add(s);
    return;
  }
  // The word is a saved return address: the link of its frame rises to the next one.
  const owner = location - frames.returnOffset;
  const link = memory.read64(owner + frames.linkOffset)?.value;
  if (link !== undefined && aligned(owner) && rises(link, owner) && sameStack(link, location) && text(value) !== undefined) {
    const name = frames.returnName === 'LR' ? 'Saved LR' : frames.returnName.charAt(0).toUpperCase() + frames.returnName.slice(1);
    card.add(`${name} of the frame record at ${code(hex16(owner))} (its saved frame pointer links to ${code(hex16(link))})`);
  }
}

function describeFacts(model: Model, card: Card, value: bigint, pointer: boolean): void {
  const facts = valueFacts(value);
  const lines: string[] = [];
  if (facts.errno) lines.push(`ERR_PTR / error code −${facts.errno.value}${facts.errno.name ? ` (${facts.errno.name})` : ''}`);
  if (!pointer) {
    if (facts.signed64 !== undefined && facts.signed64 > -(1n << 32n)) lines.push(`signed 64-bit: ${facts.signed64}`);
    if (facts.signed32 !== undefined) lines.push(`signed 32-bit: ${facts.signed32}`);
    lines.push(`unsigned: ${facts.unsigned}${value > 9n ? ` (0x${value.toString(16)})` : ''}`);
  }
  for (const p of facts.patterns) lines.push(p);
  if (facts.ascii) lines.push(`ASCII (little-endian): ${code(facts.ascii)}`);
  if (model.reports.some((r) => r.kind === 'kasan')) {
    const target = kasanShadowTarget(value);
    if (target !== undefined) lines.push(`KASAN shadow of ${code(hex16(target))}`);
  }
  if (lines.length) card.add(lines.map((l) => `- ${l}`).join('\n'));
}

function describeOccurrences(model: Model, card: Card, value: bigint): void {
  const words = model.memory.occurrencesOfValue(value, 200);
  const registers = model.registersWithValue(value).slice(0, 50);
  const places: Place[] = [
    ...words.map((w) => ({ line: w.line, character: w.column })),
    ...registers.map((r) => ({ line: r.line, character: r.column })),
  ];
  places.sort((a, b) => a.line - b.line || a.character - b.character);
  if (places.length <= 1) return;
  card.places.push(...places);
  const first = places
    .slice(0, 8)
    .map((p) => lineRef(p.line))
    .join(', ');
  card.add(
    `Appears ${places.length}${places.length >= 200 ? '+' : ''} times in this transcript (lines ${first}${places.length > 8 ? ', …' : ''})`,
  );
}

function describeLocation(model: Model, card: Card, address: bigint): void {
  const cls = model.classify(address);
  card.add(cls.kind === 'direct-map' ? kindLabel('direct-map', model) : cls.label);
  if (cls.stack) describeStackSlot(model, card, address, cls.stack);
  if (cls.slab) describeSlab(model, card, address, cls.slab.address, cls.slab.cache, cls.slab.objectSize, cls.slab.allocated);
  const word = model.memory.read64(address);
  if (word) {
    const role = model.memory.read64(address + 8n);
    const valueCls = model.classify(word.value);
    const desc =
      valueCls.kind === 'kernel-text' || valueCls.kind === 'module-text'
        ? symbolText(model, valueCls.stripped ?? word.value)
        : undefined;
    card.add(
      `Holds ${code(hex16(word.value))}${desc ? ` (${code(desc)})` : ''}${role ? `, then ${code(hex16(role.value))}` : ''}`,
    );
  }
}

function describeSymbolWord(model: Model, card: Card, text: string): void {
  const m = /^([A-Za-z_.$][\w.$]*)\+(0x[0-9a-fA-F]+|\d+)(?:\/(0x[0-9a-fA-F]+|\d+))?$/.exec(text);
  if (!m) return;
  const name = m[1];
  const offset = Number(m[2]);
  const size = m[3] !== undefined ? Number(m[3]) : undefined;
  const symbol = model.symbols.get(name);
  card.add(
    `**${name}+${offset}** (${code(`${name}+0x${offset.toString(16)}`)})${size !== undefined ? `, function size ${size} (0x${size.toString(16)})` : ''}${symbol?.module ? ` [${symbol.module}]` : ''}`,
  );
  if (size !== undefined && offset >= size)
    card.add(`Offset 0x${offset.toString(16)} is beyond the function size 0x${size.toString(16)}`);
  if (symbol?.base !== undefined) {
    const address = symbol.base + BigInt(offset);
    card.add(`Address ${code(hex16(address))} (function starts at ${code(hex16(symbol.base))})`);
    const source = model.sourceAt(address);
    if (source) card.add(`Source: ${code(`${source.file}: ${source.line}`)}`);
    const insn = model.instructions.at(address);
    if (insn) card.add(`Instruction: ${code(`${insn.mnemonic} ${insn.operands}`.trim())} (line ${lineRef(insn.line)})`);
    const call = model.instructions.before(address);
    if (call?.isCall)
      card.add(
        `Returns after ${code(`${call.mnemonic} ${call.operands}`.trim())}${call.targetSymbol ? ` — the frame above must be ${code(call.targetSymbol.name)}` : ''}`,
      );
  } else {
    card.add('The start of this function is not shown in the transcript (a `dis`, `sym` or `dis -l` line would give it).');
  }
}

function describeName(model: Model, card: Card, name: string): void {
  const symbol = model.symbols.get(name);
  if (!symbol) return;
  const parts = [`**${name}**${symbol.module ? ` [${symbol.module}]` : ''} — function`];
  if (symbol.base !== undefined) parts.push(`starts at ${code(hex16(symbol.base))}`);
  if (symbol.size !== undefined) parts.push(`size ${symbol.size} (0x${symbol.size.toString(16)})`);
  card.add(parts.join(', '));
  if (symbol.conflicts.length)
    card.add(
      `Other lines imply other starts: ${symbol.conflicts.map((c) => `${code(hex16(c.base))} (line ${lineRef(c.line)})`).join(', ')}`,
    );
}

/** `[x19,#248]`, `#224`, `0xf8(%rbx)`: the struct members at that offset. */
function describeOperand(model: Model, card: Card, word: Word, line: number): void {
  let offset: number | undefined;
  let register: string | undefined;
  let m = /^\[([xw]\d{1,2}|sp)(?:,\s*#(-?(?:0x[0-9a-fA-F]+|\d+)))?\]!?$/.exec(word.text);
  if (m) {
    register = m[1];
    offset = m[2] !== undefined ? Number(m[2]) : 0;
  } else if ((m = /^(-?(?:0x[0-9a-fA-F]+)?)\(%([a-z0-9]+)/.exec(word.text))) {
    register = m[2];
    offset = m[1] === '' ? 0 : m[1].startsWith('-') ? -Number(m[1].slice(1)) : Number(m[1]);
  } else if ((m = /^[#$](-?(?:0x[0-9a-fA-F]+|\d+))$/.exec(word.text))) {
    offset = m[1].startsWith('-') ? -Number(m[1].slice(1)) : Number(m[1]);
  }
  if (offset === undefined || Number.isNaN(offset)) return;
  card.add(`**${word.text}** — offset ${offset} (0x${offset.toString(16)})${register ? ` from ${code(register)}` : ''}`);
  if (offset < 0 || register === 'sp' || register === 'rsp' || register === 'rbp' || register === 'x29') return;
  const candidates: string[] = [];
  for (const layout of model.structs.values()) {
    for (const hit of membersAt(layout, offset)) {
      if (hit.delta !== 0 && candidates.length > 0) continue;
      candidates.push(`${code(`${layout.name}.${hit.member.path}${hit.delta ? `+${hit.delta}` : ''}`)} (${hit.member.type})`);
      if (candidates.length >= 8) break;
    }
  }
  if (candidates.length) card.add(`Struct members at this offset (from the transcript's layouts): ${candidates.join(', ')}`);
  void line;
}

/** `x25:` in a register line: describe the value beside it. */
function describeRegister(model: Model, card: Card, word: Word, line: number): void {
  const text = model.line(line);
  const after = /^\s?:\s*(?:[0-9a-fA-F]{4}:)?(0x)?([0-9a-fA-F]{2,16})\b/.exec(text.slice(word.end));
  if (!after) return;
  const value = BigInt('0x' + after[2]);
  describeValue(model, card, value);
  card.add(`(value of register ${code(word.text)})`);
}
