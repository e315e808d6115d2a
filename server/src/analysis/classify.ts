// What an address is, from its value and what the transcript taught us
// (design.md §4): learned ranges first, then the architecture's tables.
import type { Model } from './model';
import type { SymbolMatch } from './symbols';
import type { Arch, ModuleInfo, SlabObject, StackRange, VmapArea } from './types';

export type AddressKind =
  | 'null'
  | 'small'
  | 'user'
  | 'kernel-text'
  | 'module-text'
  | 'direct-map'
  | 'vmalloc'
  | 'vmemmap'
  | 'task-stack'
  | 'irq-stack'
  | 'slab'
  | 'fixmap'
  | 'err-ptr'
  | 'poison'
  | 'non-canonical'
  | 'kernel';

export interface AddressClass {
  kind: AddressKind;
  /** Human words for the kind ("module text [xfs]", "stack of PID 1316"). */
  label: string;
  symbol?: SymbolMatch;
  module?: string;
  stack?: StackRange;
  slab?: SlabObject;
  vmap?: VmapArea;
  /** Address after pointer-authentication bits were stripped (arm64), when different. */
  stripped?: bigint;
}

interface Region {
  kind: AddressKind;
  start: bigint;
  end: bigint;
}

export interface Layout {
  arch: Arch;
  /** arm64 VA_BITS (39, 48, 52); 47 or 56 on x86_64 (4- or 5-level paging). */
  vaBits: number;
  era: string;
  regions: Region[];
}

const TB = 1n << 40n;

function learnedAnchors(model: Model, kind: 'direct' | 'vmalloc' | 'vmemmap'): bigint[] {
  const result: bigint[] = [];
  if (kind === 'direct') {
    for (const s of model.slabs.slice(0, 200)) result.push(s.address);
    for (const t of model.tasks.slice(0, 200)) result.push(t.task);
  } else if (kind === 'vmalloc') {
    for (const s of model.stacks.slice(0, 200)) result.push(s.base);
    for (const v of model.vmaps.slice(0, 200)) result.push(v.start);
  }
  return result;
}

/** Kernel text seen in the transcript (frames, listings, sym). */
function textSamples(model: Model): bigint[] {
  const samples: bigint[] = [];
  for (const bt of model.backtraces.slice(0, 50)) for (const f of bt.frames) if (f.address !== undefined) samples.push(f.address);
  for (const s of model.symbols.all.slice(0, 2000)) if (s.base !== undefined) samples.push(s.base);
  return samples;
}

export function learnLayout(model: Model): Layout {
  const text = textSamples(model);
  if (model.arch === 'arm64') {
    const has = (prefix: bigint, shift: bigint) => text.some((a) => a >> shift === prefix);
    // 39-bit VA: modules and image in the first 2 GB above ffffffc000000000 (x86 text
    // pasted into an arm64 note lies far above and must not decide the layout).
    if (text.some((a) => a >= 0xffffffc000000000n && a < 0xffffffc080000000n)) {
      return {
        arch: 'arm64',
        vaBits: 39,
        era: 'arm64 39-bit VA (5.4+ layout)',
        regions: [
          { kind: 'direct-map', start: 0xffffff8000000000n, end: 0xffffffc000000000n },
          { kind: 'vmemmap', start: 0xfffffffe00000000n, end: 0xffffffff00000000n },
          { kind: 'fixmap', start: 0xffffffffff000000n, end: 0xffffffffffffffffn },
          { kind: 'vmalloc', start: 0xffffffc000000000n, end: 0xfffffffe00000000n },
        ],
      };
    }
    if (has(0xffff0000n, 32n) && text.some((a) => a >= 0xffff000008000000n && a < 0xffff000010000000n)) {
      return {
        arch: 'arm64',
        vaBits: 48,
        era: 'arm64 48-bit VA (pre-5.4 layout)',
        regions: [
          { kind: 'direct-map', start: 0xffff800000000000n, end: 0xffffffffffffffffn },
          { kind: 'vmemmap', start: 0xffff7e0000000000n, end: 0xffff800000000000n },
          { kind: 'vmalloc', start: 0xffff000008000000n, end: 0xffff7e0000000000n },
          { kind: 'module-text', start: 0xffff000000000000n, end: 0xffff000008000000n },
        ],
      };
    }
    if (text.some((a) => a >= 0xfff0000000000000n && a < 0xfff8000000000000n)) {
      return {
        arch: 'arm64',
        vaBits: 52,
        era: 'arm64 52-bit VA',
        regions: [
          { kind: 'direct-map', start: 0xfff0000000000000n, end: 0xfff8000000000000n },
          { kind: 'vmemmap', start: 0xfffffc0000000000n, end: 0xfffffe0000000000n },
          { kind: 'vmalloc', start: 0xfff8000000000000n, end: 0xfffffc0000000000n },
        ],
      };
    }
    return {
      arch: 'arm64',
      vaBits: 48,
      era: 'arm64 48-bit VA (5.4+ layout)',
      regions: [
        { kind: 'direct-map', start: 0xffff000000000000n, end: 0xffff800000000000n },
        { kind: 'module-text', start: 0xffff800000000000n, end: 0xffff800008000000n },
        { kind: 'fixmap', start: 0xfffffdfffe000000n, end: 0xfffffe0000000000n },
        { kind: 'vmemmap', start: 0xfffffc0000000000n, end: 0xfffffe0000000000n },
        { kind: 'vmemmap', start: 0xffffffe000000000n, end: 0xfffffff000000000n },
        { kind: 'vmalloc', start: 0xffff800008000000n, end: 0xfffffc0000000000n },
      ],
    };
  }
  // x86_64.
  const fiveLevel =
    learnedAnchors(model, 'direct').some((a) => a >> 48n === 0xff11n) ||
    learnedAnchors(model, 'vmalloc').some((a) => a >> 52n === 0xffan);
  if (fiveLevel) {
    return {
      arch: 'x86_64',
      vaBits: 56,
      era: 'x86_64 5-level paging',
      regions: [
        { kind: 'direct-map', start: 0xff11000000000000n, end: 0xff91000000000000n },
        { kind: 'vmalloc', start: 0xffa0000000000000n, end: 0xffd2000000000000n },
        { kind: 'vmemmap', start: 0xffd4000000000000n, end: 0xffd6000000000000n },
        ...x86Top(),
      ],
    };
  }
  const direct = learnedAnchors(model, 'direct');
  const vmalloc = learnedAnchors(model, 'vmalloc');
  const regions: Region[] = [];
  // RANDOMIZE_MEMORY moves the bases by 1 GB steps: take the 1 TB slots the transcript shows.
  for (const a of direct) if (a >= 0xffff800000000000n && a < 0xffffff0000000000n) addSlot(regions, 'direct-map', a);
  for (const a of vmalloc) if (a >= 0xffff800000000000n && a < 0xffffff0000000000n) addSlot(regions, 'vmalloc', a);
  const randomized = regions.length > 0 && !regions.some((r) => r.start === 0xffff880000000000n);
  if (!randomized) {
    regions.push(
      { kind: 'direct-map', start: 0xffff888000000000n, end: 0xffffc88000000000n },
      { kind: 'direct-map', start: 0xffff880000000000n, end: 0xffff888000000000n },
      { kind: 'vmalloc', start: 0xffffc90000000000n, end: 0xffffe90000000000n },
      { kind: 'vmemmap', start: 0xffffea0000000000n, end: 0xffffeb0000000000n },
    );
  } else {
    // Regions come in the order direct map, vmalloc, vmemmap; vmemmap sits above the highest vmalloc slot.
    const top = regions.filter((r) => r.kind === 'vmalloc').reduce((m, r) => (r.end > m ? r.end : m), 0n);
    if (top > 0n) regions.push({ kind: 'vmemmap', start: top + TB, end: 0xffffff0000000000n });
  }
  regions.push(...x86Top());
  return {
    arch: 'x86_64',
    vaBits: 47,
    era: randomized ? 'x86_64 4-level paging, randomized memory layout' : 'x86_64 4-level paging',
    regions,
  };
}

function addSlot(regions: Region[], kind: AddressKind, address: bigint): void {
  const start = address & ~(TB - 1n);
  if (regions.some((r) => r.kind === kind && r.start === start)) return;
  regions.push({ kind, start, end: start + TB });
}

function x86Top(): Region[] {
  return [
    { kind: 'kernel-text', start: 0xffffffff80000000n, end: 0xffffffffa0000000n },
    { kind: 'module-text', start: 0xffffffffa0000000n, end: 0xffffffffff000000n },
    { kind: 'fixmap', start: 0xffffffffff000000n, end: 0xffffffffff800000n },
  ];
}

/** Strips arm64 pointer-authentication bits from a kernel pointer (bit 55 set). */
export function stripPac(value: bigint, vaBits: number): bigint {
  const mask = (1n << BigInt(vaBits)) - 1n;
  const upper = value >> BigInt(vaBits);
  const allOnes = (1n << BigInt(64 - vaBits)) - 1n;
  if (upper === allOnes || upper === 0n) return value;
  if (((value >> 55n) & 1n) === 1n) return (value & mask) | (~mask & ((1n << 64n) - 1n));
  return value;
}

export function isErrPtr(value: bigint): boolean {
  return value >= 0xfffffffffffff001n;
}

export function classifyAddress(model: Model, raw: bigint): AddressClass {
  const layout = model.layout;
  let address = raw;
  let stripped: bigint | undefined;
  if (layout?.arch === 'arm64') {
    const s = stripPac(raw, layout.vaBits);
    if (s !== raw) {
      stripped = s;
      address = s;
    }
  }
  const result = (c: AddressClass): AddressClass => (stripped !== undefined ? { ...c, stripped } : c);
  if (address === 0n) return { kind: 'null', label: 'NULL' };
  if (isErrPtr(address)) return { kind: 'err-ptr', label: 'ERR_PTR (negative errno)' };
  // Below 4 GiB a word is far more often a count, flags or a 32-bit int than a pointer.
  if (address < 0x100000000n) return { kind: 'small', label: address < 0x10000n ? 'small value' : '32-bit value' };

  const stack = model.stackAt(address);
  if (stack) {
    const who =
      stack.kind === 'irq'
        ? `IRQ stack${stack.cpu !== undefined ? ` of CPU ${stack.cpu}` : ''}`
        : stack.task?.pid !== undefined
          ? `stack of PID ${stack.task.pid}${stack.task.command ? ` (${stack.task.command})` : ''}`
          : 'task stack';
    return result({ kind: stack.kind === 'irq' ? 'irq-stack' : 'task-stack', label: who, stack });
  }
  const slab = model.slabAt(address);
  if (slab) return result({ kind: 'slab', label: `slab object of ${slab.cache}`, slab });
  const module = moduleAt(model.modules, address);
  const symbol = model.symbols.lookup(address);
  if (symbol && symbol.confidence !== 'nearest') {
    const mod = symbol.symbol.module ?? module?.name;
    return result(
      mod
        ? { kind: 'module-text', label: `module text [${mod}]`, symbol, module: mod }
        : { kind: 'kernel-text', label: 'kernel text', symbol },
    );
  }
  if (module) return result({ kind: 'module-text', label: `module text [${module.name}]`, module: module.name, symbol });
  const vmap = model.vmaps.find((v) => address >= v.start && address < v.end);
  if (vmap) return result({ kind: 'vmalloc', label: 'vmalloc area', vmap });

  if (layout) {
    const userTop = layout.arch === 'arm64' ? 1n << BigInt(layout.vaBits) : layout.vaBits === 56 ? 1n << 56n : 1n << 47n;
    if (address < userTop) return result({ kind: 'user', label: 'user space' });
    for (const region of layout.regions) {
      if (address >= region.start && address < region.end) {
        const kind = region.kind;
        if ((kind === 'kernel-text' || kind === 'vmalloc') && symbol) {
          return result({
            kind: symbol.symbol.module ? 'module-text' : 'kernel-text',
            label: symbol.symbol.module ? `module text [${symbol.symbol.module}]` : 'kernel text',
            symbol,
            module: symbol.symbol.module,
          });
        }
        return result({
          kind,
          label: LABELS[kind],
          symbol: kind === 'kernel-text' || kind === 'module-text' ? symbol : undefined,
        });
      }
    }
    if (layout.arch === 'x86_64' && address >= userTop && address < 0xffff800000000000n)
      return { kind: 'non-canonical', label: 'non-canonical address' };
  }
  if (symbol) return result({ kind: 'kernel-text', label: 'kernel text', symbol });
  return result({ kind: 'kernel', label: 'kernel address' });
}

const LABELS: Record<AddressKind, string> = {
  null: 'NULL',
  small: 'small value',
  user: 'user space',
  'kernel-text': 'kernel text',
  'module-text': 'module text',
  'direct-map': 'direct map',
  vmalloc: 'vmalloc area',
  vmemmap: 'vmemmap (struct page)',
  'task-stack': 'task stack',
  'irq-stack': 'IRQ stack',
  slab: 'slab object',
  fixmap: 'fixmap',
  'err-ptr': 'ERR_PTR',
  poison: 'poison',
  'non-canonical': 'non-canonical address',
  kernel: 'kernel address',
};

function moduleAt(modules: ModuleInfo[], address: bigint): ModuleInfo | undefined {
  return modules.find((m) => address >= m.base && address < m.base + BigInt(m.size));
}

/** Labels for the arm64 direct map are "linear map". */
export function kindLabel(kind: AddressKind, arch: Arch): string {
  if (kind === 'direct-map' && arch === 'arm64') return 'linear map';
  return LABELS[kind];
}
