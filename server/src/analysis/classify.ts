// What an address is, from its value and what the transcript taught us
// (design.md §4): value patterns first (NULL, ERR_PTR, poison), then learned ranges,
// then the architecture's layout. An unknown architecture gets no layout: no guessed class.
import { poisonPointerDeltas } from './arch/registry';
import type { Layout, LayoutSamples } from './arch/types';
import { LineKind } from './lineKinds';
import type { Model } from './model';
import type { TokenType } from './semanticTokens';
import type { FunctionSymbol, SymbolMatch } from './symbols';
import type { ModuleInfo, SlabObject, StackRange, VmapArea } from './types';
import { hex16 } from './hex';
import { perModel } from './perModel';
import { lastIndexAtOrBefore } from './search';
import { poisonName } from './values';

/** How likely an address of a kind holds code: the frame rules and walkers read it. */
export type TextChance = 'is' | 'may' | 'unlikely' | 'never';

export interface KindInfo {
  /** Human words for the kind. */
  label: string;
  /** A pointer into kernel memory (hovers skip the signed/unsigned readings of a pointer). */
  pointer: boolean;
  /** Whether code can live there; an architecture may say otherwise (ArchSpec.textChance). */
  text: TextChance;
  /** A saved frame pointer may point there. */
  stack: boolean;
  /** Semantic token type of the kind (package.json `semanticTokenTypes`); none: not coloured. */
  token?: TokenType;
}

/** Every kind of address, in one table. */
export const ADDRESS_KINDS = {
  null: { label: 'NULL', pointer: false, text: 'never', stack: false },
  small: { label: 'small value', pointer: false, text: 'never', stack: false },
  user: { label: 'user space', pointer: false, text: 'never', stack: false, token: 'userAddress' },
  'kernel-text': { label: 'kernel text', pointer: true, text: 'is', stack: false, token: 'kernelText' },
  'module-text': { label: 'module text', pointer: true, text: 'is', stack: false, token: 'moduleText' },
  /** A module's `struct module`, where mod's MODULE column puts it (its data, inside its allocation). */
  'module-data': { label: 'module data', pointer: true, text: 'never', stack: false },
  'direct-map': { label: 'direct map', pointer: true, text: 'unlikely', stack: false, token: 'directMapAddress' },
  vmalloc: { label: 'vmalloc area', pointer: true, text: 'may', stack: true, token: 'vmallocAddress' },
  vmemmap: { label: 'vmemmap (struct page)', pointer: true, text: 'unlikely', stack: false, token: 'vmemmapAddress' },
  'task-stack': { label: 'task stack', pointer: true, text: 'never', stack: true, token: 'stackAddress' },
  'irq-stack': { label: 'IRQ stack', pointer: true, text: 'never', stack: true, token: 'irqStackAddress' },
  slab: { label: 'slab object', pointer: true, text: 'never', stack: false, token: 'slabAddress' },
  fixmap: { label: 'fixmap', pointer: true, text: 'unlikely', stack: true },
  'err-ptr': { label: 'ERR_PTR', pointer: false, text: 'never', stack: false, token: 'specialValue' },
  poison: { label: 'poison', pointer: false, text: 'unlikely', stack: false, token: 'specialValue' },
  'non-canonical': { label: 'non-canonical address', pointer: false, text: 'never', stack: false },
  /** Generic KASAN's shadow memory, and its KASAN_SHADOW_OFFSET (ArchSpec.kasanShadowTarget). */
  'kasan-shadow': { label: 'KASAN shadow', pointer: true, text: 'never', stack: false },
  kernel: { label: 'kernel address', pointer: false, text: 'may', stack: true },
  /** The address column of `rd -p`/`search -p` output (physicalDumps.ts): never classified as virtual. */
  physical: { label: 'physical address, not a kernel virtual address', pointer: false, text: 'never', stack: false },
  /** Above 4 GiB on an architecture the transcript does not settle: no class is guessed. */
  address: { label: 'address (architecture unknown)', pointer: false, text: 'may', stack: true },
} as const satisfies Record<string, KindInfo>;

export type AddressKind = keyof typeof ADDRESS_KINDS;

export interface AddressClass {
  kind: AddressKind;
  /** Human words for the kind ("module text [xfs]", "stack of PID 1316"). */
  label: string;
  symbol?: SymbolMatch;
  module?: string;
  stack?: StackRange;
  slab?: SlabObject;
  vmap?: VmapArea;
  /** Address after pointer tags (arm64 PAC) were stripped, when different. */
  stripped?: bigint;
}

/** The kind's facts from the table (a kind's info never depends on the value). */
export function kindInfo(kind: AddressKind): KindInfo {
  return ADDRESS_KINDS[kind];
}

/** Whether code can live at this kind of address on the model's architecture. */
export function textChance(model: Model, kind: AddressKind): TextChance {
  return model.spec?.textChance[kind] ?? ADDRESS_KINDS[kind].text;
}

/** The label of a kind as the model's architecture calls it (arm64's direct map is the "linear map"). */
export function kindLabel(kind: AddressKind, model: Model): string {
  return model.spec?.kindLabels[kind] ?? ADDRESS_KINDS[kind].label;
}

/** A CPU's own stack as crash names it: `IRQ stack of CPU 3`, `NMI exception stack of CPU 30`. */
export function cpuStackName(stack: StackRange): string {
  return `${stack.name ?? 'IRQ stack'}${stack.cpu !== undefined ? ` of CPU ${stack.cpu}` : ''}`;
}

/** What the transcript shows of the address space, for the architecture to choose its layout. */
function layoutSamples(model: Model): LayoutSamples {
  const text: bigint[] = [];
  const moduleText = model.modules.slice(0, 200).map((m) => m.base);
  for (const bt of model.backtraces.slice(0, 50))
    for (const f of bt.frames) {
      // A "return address" next to its own slot is a stack address crash misread as one (ppc64's
      // `#0 [c00000000484fbc0] _end at c00000000484fd70 (unreliable)`): no text.
      if (f.address === undefined || (f.stackAddress !== undefined && nearSlot(f.address, f.stackAddress))) continue;
      text.push(f.address);
      if (f.module) moduleText.push(f.address);
    }
  const code = [...text];
  for (const report of model.reports.slice(0, 50))
    for (const f of report.frames) {
      if (f.address === undefined) continue;
      code.push(f.address);
      if (f.module) moduleText.push(f.address);
    }
  for (const s of model.symbols.all.slice(0, 2000)) {
    if (s.base === undefined) continue;
    text.push(s.base);
    if (s.baseEvidence.some((line) => lineShowsCode(model, line))) code.push(s.base);
  }
  const direct: bigint[] = [];
  for (const s of model.slabs.slice(0, 200)) direct.push(s.address);
  for (const t of model.tasks.slice(0, 200)) direct.push(t.task);
  const vmalloc: bigint[] = [];
  for (const s of model.stacks.slice(0, 200)) vmalloc.push(s.base);
  for (const v of model.vmaps.slice(0, 200)) vmalloc.push(v.start);
  const sites: bigint[] = [];
  const roles = model.spec?.registers;
  if (roles)
    for (const report of model.reports.slice(0, 50))
      for (const r of report.registers)
        if (r.value !== undefined && (roles.pc.includes(r.name) || roles.lr.includes(r.name))) sites.push(r.value);
  return { text, code, moduleText, direct, vmalloc, sites };
}

/** Whether a frame's address lies within a stack's size of its slot (a stack address, not text). */
function nearSlot(address: bigint, slot: bigint): boolean {
  const distance = address > slot ? address - slot : slot - address;
  return distance < NEAR_SLOT;
}
const NEAR_SLOT = 0x10000n;

/** nm's letters for data that `sym` prints (`(d) rtnl_mutex`): initialised data, bss, read-only data. */
export const DATA_TYPES: Record<string, string> = {
  d: 'initialised data',
  D: 'initialised data',
  b: 'zeroed data (bss)',
  B: 'zeroed data (bss)',
  r: 'read-only data',
  R: 'read-only data',
};

// A `sym` line's nm type letter: `ffffffff836fe760 (d) rtnl_mutex`.
const SYM_TYPE = /^\s*[0-9a-fA-F]+ \(([A-Za-z?])\) /;

/** The nm type letter a `sym` line shows, or undefined for another line. */
function symType(model: Model, line: number): string | undefined {
  return model.lineKinds[line] === LineKind.Sym ? SYM_TYPE.exec(model.line(line) ?? '')?.[1] : undefined;
}

/** The data type letter a `sym` line of the transcript gives the symbol, if one does. */
/**
 * A compiler's local label (`.LC0`: a string constant in .rodata; `.L…`), which `rd -s` and `bt -F`
 * name words by: never a function, so a word at one is data, not a return address.
 */
export function isLocalLabel(name: string): boolean {
  return name.startsWith('.L');
}

export function dataSymbolType(model: Model, symbol: FunctionSymbol): string | undefined {
  for (const line of symbol.baseEvidence) {
    const type = symType(model, line);
    if (type !== undefined && DATA_TYPES[type] !== undefined) return type;
  }
  return undefined;
}

/** A line that shows its symbol as code: a listing, a frame, or `sym` of a text symbol (`(t)`, `(T)`, `(W)`). */
export function lineShowsCode(model: Model, line: number): boolean {
  const kind = model.lineKinds[line];
  if (kind === LineKind.Disassembly || kind === LineKind.BtFrame || kind === LineKind.TraceFrame) return true;
  return 'tTwW'.includes(symType(model, line) ?? '-');
}

/** The layout of the model's architecture; none for an unknown one. */
export function learnLayout(model: Model): Layout | undefined {
  return model.spec?.layout(layoutSamples(model));
}

const ALL_ONES = 0xffffffffffffffffn;

export function isErrPtr(value: bigint): boolean {
  return value >= 0xfffffffffffff001n;
}

export function classifyAddress(model: Model, raw: bigint): AddressClass {
  const layout = model.layout;
  const stripped = layout && model.spec ? model.spec.stripTags(raw, layout) : raw;
  // A poison (`0xdead000000000200`, LIST_POISON2) is no signed pointer.
  if (stripped === raw || poisonName(raw, poisonPointerDeltas(model.spec))) return classifyValue(model, raw, false);
  // Pointer authentication signs return addresses: a value whose stripped form is no text was never signed
  // (a stack canary, a trace id, a stack pointer gone astray). Where text only may lie (vmalloc, a KASLR'd
  // image's home on 39-bit arm64), it must lie near functions the transcript places.
  const signed = classifyValue(model, stripped, true);
  const chance = textChance(model, signed.kind);
  const isSigned = chance === 'is' || (chance === 'may' && nearSeenCode(model, stripped));
  return isSigned ? signed : classifyValue(model, raw, false);
}

/** How far from code the transcript shows a stripped return address may lie (a kernel image's text spans tens of MB). */
const SIGNED_TEXT_REACH = 64n << 20n;

/** Addresses the transcript shows as code (frames, listings, text symbols), sorted. */
const seenCode = perModel((model) => [...new Set(layoutSamples(model).code)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

/** Addresses of the named frames the transcript shows (crash's bt, a console's trace), with their `[module]` tag ('' for none). */
const namedFrameAddresses = perModel((model) => {
  const named = new Map<bigint, string>();
  for (const frames of [...model.backtraces.slice(0, 200), ...model.reports.slice(0, 200)].map((t) => t.frames))
    for (const f of frames) if (f.address !== undefined && f.function !== '') named.set(f.address, f.module ?? '');
  return named;
});

/**
 * The class of an address the transcript shows itself as code, a named frame's (an unnamed one may be
 * the unwinder gone astray): text, of the module its frame names.
 */
function framedCode(model: Model, address: bigint): AddressClass | undefined {
  const module = namedFrameAddresses(model).get(address);
  if (module === undefined) return undefined;
  return module
    ? { kind: 'module-text', label: `module text [${module}]`, module }
    : { kind: 'kernel-text', label: 'kernel text' };
}

/** Whether `address` lies within SIGNED_TEXT_REACH of code the transcript shows. */
function nearSeenCode(model: Model, address: bigint): boolean {
  const code = seenCode(model);
  const at = lastIndexAtOrBefore(code.length, (i) => code[i], address);
  const before = code[at];
  const after = code[at + 1];
  return (
    (after !== undefined && after - address <= SIGNED_TEXT_REACH) ||
    (before !== undefined && address - before <= SIGNED_TEXT_REACH)
  );
}

/** The class of `address`, the value itself or (`stripped`) the value with its pointer tags stripped. */
function classifyValue(model: Model, address: bigint, stripped: boolean): AddressClass {
  const layout = model.layout;
  const result = (c: AddressClass): AddressClass => (stripped ? { ...c, stripped: address } : c);
  if (address === 0n) return { kind: 'null', label: 'NULL' };
  // All ones is as often a mask or a "none" sentinel (ORIG_RAX's, ~0UL) as -EPERM.
  if (address === ALL_ONES) return { kind: 'err-ptr', label: '−1: all bits set (a mask or a sentinel), or −EPERM' };
  if (isErrPtr(address)) return { kind: 'err-ptr', label: 'negative errno (an error code, or an ERR_PTR where a pointer goes)' };
  // Below 4 GiB a word is far more often a count, flags or a 32-bit int than a pointer
  // (on 64-bit kernels; a 32-bit kernel's pointers all lie there, and so do s390x's: its layout says where they start).
  if (address < (layout?.smallBelow ?? (model.wordBytes === 4 ? 0x10000n : 0x100000000n)))
    return { kind: 'small', label: address < 0x10000n ? 'small value' : '32-bit value' };
  const poison = poisonName(address, poisonPointerDeltas(model.spec));
  if (poison) return { kind: 'poison', label: poison };
  const shadow = kasanShadow(model, address);
  if (shadow) return shadow;

  const stack = model.stackAt(address);
  if (stack) {
    const who =
      stack.kind === 'irq'
        ? cpuStackName(stack)
        : stack.task?.pid !== undefined
          ? `stack of PID ${stack.task.pid}${stack.task.command ? ` (${stack.task.command})` : ''}`
          : 'task stack';
    return result({ kind: stack.kind === 'irq' ? 'irq-stack' : 'task-stack', label: who, stack });
  }
  const slab = model.slabAt(address);
  if (slab) return result({ kind: 'slab', label: `slab object of ${slab.cache}`, slab });
  // Since 6.4 a module's data is no longer in the allocation mod's BASE and SIZE give: looked up by itself.
  const owner = model.modules.find((m) => m.struct === address);
  if (owner)
    return result({ kind: 'module-data', label: `struct module of [${owner.name}] (mod's MODULE column)`, module: owner.name });
  const module = moduleAt(model.modules, address);
  const symbol = model.symbols.lookup(address);
  if (symbol && symbol.confidence !== 'nearest') {
    const mod = symbol.symbol.module ?? module?.name;
    if (mod) return result({ kind: 'module-text', label: `module text [${mod}]`, symbol, module: mod });
    // A symbol in the layout's module area is a module's, named or not (`[stack_overflow_demo+84]` at ffffff8000d6c214).
    const inModules = layout?.regions.some(
      (r) =>
        (r.kind === 'module-text' || (r.kind === 'vmalloc' && layout.vmallocTextIsModules === true)) &&
        address >= r.start &&
        address < r.end,
    );
    return result(
      inModules ? { kind: 'module-text', label: 'module text', symbol } : { kind: 'kernel-text', label: 'kernel text', symbol },
    );
  }
  if (module) return result({ kind: 'module-text', label: `module text [${module.name}]`, module: module.name, symbol });
  const vmap = model.vmaps.find((v) => address >= v.start && address < v.end);
  // Without a layout a symbol near the address says more than the vmap around it (modules live in vmalloc'ed space).
  if (vmap && (layout || !symbol)) return result({ kind: 'vmalloc', label: 'vmalloc area', vmap });

  if (!layout) return { kind: 'address', label: ADDRESS_KINDS.address.label, symbol };
  if (address < layout.userEnd) return result({ kind: 'user', label: address >> 32n === 1n ? JIFFIES_OR_USER : 'user space' });
  for (const region of layout.regions) {
    if (address >= region.start && address < region.end) {
      const kind = region.kind;
      // arm64 and riscv64 map the kernel image (and modules) inside the vmalloc range: an address the
      // transcript shows as code (a bt frame's, a listing's) is text there, named or not.
      // A frame crash tagged with its module is that module's text, whatever region the layout (perhaps
      // another era's) puts there.
      const framed = kind !== 'kernel-text' && kind !== 'module-text' ? framedCode(model, address) : undefined;
      if (framed && (framed.kind === 'module-text' || (kind === 'vmalloc' && !symbol))) return result(framed);
      if ((kind === 'kernel-text' || kind === 'vmalloc') && symbol) {
        const inModule = symbol.symbol.module !== undefined || (kind === 'vmalloc' && layout.vmallocTextIsModules === true);
        return result({
          kind: inModule ? 'module-text' : 'kernel-text',
          label: symbol.symbol.module ? `module text [${symbol.symbol.module}]` : inModule ? 'module text' : 'kernel text',
          symbol,
          module: symbol.symbol.module,
        });
      }
      return result({
        kind,
        label: kindLabel(kind, model),
        symbol: kind === 'kernel-text' || kind === 'module-text' ? symbol : undefined,
      });
    }
  }
  const hole = layout.nonCanonical;
  if (hole && address >= hole.start && address < hole.end) return { kind: 'non-canonical', label: 'non-canonical address' };
  if (symbol) return result({ kind: 'kernel-text', label: 'kernel text', symbol });
  if (belowKernelSpace(layout, address))
    return { kind: 'non-canonical', label: `not an address: no region of the ${layout.era} holds it (data, not a pointer)` };
  return result(framedCode(model, address) ?? { kind: 'kernel', label: 'kernel address' });
}

/**
 * Above user space but below every kernel region and below the top 2^vaBits bytes that the upper
 * half of a 64-bit address space spans: bytes of text or data (`30303832359f43e0` is ASCII), not a
 * pointer. A top byte over a user address is left alone (arm64 top-byte-ignore tags user pointers).
 */
function belowKernelSpace(layout: Layout, address: bigint): boolean {
  if (address < layout.userEnd || layout.regions.length === 0 || address >> 64n !== 0n) return false;
  if ((address & 0x00ffffffffffffffn) < layout.userEnd) return false;
  let floor = (1n << 64n) - (1n << BigInt(layout.vaBits));
  for (const region of layout.regions) if (region.start < floor) floor = region.start;
  return address < floor;
}

/**
 * Generic KASAN (ArchSpec.kasanShadowTarget): the shadow offset itself, the shadow of address 0
 * (`dffffc0000000000` on x86_64), or a shadow byte's address, of the address (shadow − offset) << 3.
 * Only on a KASAN kernel: without KASAN the shadow's range is part of the randomized layout.
 */
function kasanShadow(model: Model, address: bigint): AddressClass | undefined {
  const target = model.spec?.kasanShadowTarget?.(address);
  if (target === undefined || !kasanKernel(model)) return undefined;
  if (target === 0n) return { kind: 'kasan-shadow', label: 'KASAN shadow offset (KASAN_SHADOW_OFFSET): the shadow of address 0' };
  // The near-NULL window a KASAN general-protection hint names lies below the kernel half: not a pointer.
  if (target < 1n << 63n) return undefined;
  return { kind: 'kasan-shadow', label: `KASAN shadow of ${hex16(target)}` };
}

/**
 * Just past 2³²: few programs map anything there, and a 64-bit kernel's jiffies count from 2³² − 300·HZ
 * (INITIAL_JIFFIES, include/linux/jiffies.h), so they hold such values from five minutes after boot.
 */
const JIFFIES_OR_USER = "user space, or a count just past 2³² (a 64-bit kernel's jiffies start at 2³² − 300·HZ)";

/** The oops line's build flags name KASAN (`… [#1] PREEMPT SMP KASAN NOPTI`). */
const KASAN_OOPS_FLAG = /\[#\d+\].*\bKASAN\b/;

/** Whether the kernel has generic KASAN: a KASAN report, a kasan function, or its shadow offset among the words. */
export const kasanKernel = perModel((model: Model): boolean => {
  // A KASAN report, or an oops of a KASAN kernel (`… [#1] PREEMPT SMP KASAN`, x86's `KASAN: null-ptr-deref in range` hint).
  if (model.reports.some((r) => r.kind === 'kasan' || KASAN_OOPS_FLAG.test(r.title))) return true;
  const offset = KASAN_OFFSETS.find((o) => model.spec?.kasanShadowTarget?.(o) === 0n);
  if (
    offset !== undefined &&
    (model.memory.occurrencesOfValue(offset, 1).length > 0 || model.registersWithValue(offset).length > 0)
  )
    return true;
  return model.symbols.all.some((s) => /^(?:__)?k?asan_/.test(s.name));
});

/** KASAN_SHADOW_OFFSET of generic KASAN by architecture (x86_64's; arm64's depends on VA_BITS). */
const KASAN_OFFSETS: readonly bigint[] = [0xdffffc0000000000n];

function moduleAt(modules: ModuleInfo[], address: bigint): ModuleInfo | undefined {
  return modules.find((m) => address >= m.base && address < m.base + BigInt(m.size));
}

/** The architecture's own name for the layout in use ("arm64 39-bit VA"), or why there is none. */
export function layoutName(model: Model): string {
  return model.layout?.era ?? 'architecture unknown: no address layout';
}
