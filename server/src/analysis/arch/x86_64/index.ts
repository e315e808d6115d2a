// x86_64: RIP/RSP/RBP register lines, 4- and 5-level paging with KASLR and
// RANDOMIZE_MEMORY (design.md §4), ORC prologue sizing, the rbp chain and pt_regs.
import { ORIG_AX } from './origAx';
import type { AddressKind } from '../../classify';
import type { ArchSpec, Layout, LayoutSamples, Region } from '../types';
import { x86_64TraceFunction } from './entryFunctions';
import { framePointers } from './framePointers';
import { PT_REGS } from './ptRegs';
import { kernelStack, registerStart } from './starts';
import { x86_64ReportLine } from './reportLines';
import { RETURN_TO_CALL, walkX86 } from './unwind';
import { CR0, CR3, CR4 } from './controlRegisters';
import { flagsRegister } from './flags';
import { segmentRegister } from './segments';
import { SYSCALL_ROLES, syscallEntry, userModeBlock } from './syscallEntry';

const NAMES = [
  'RIP',
  'RSP',
  'RFLAGS',
  'EFLAGS',
  'RAX',
  'RBX',
  'RCX',
  'RDX',
  'RSI',
  'RDI',
  'RBP',
  'R8',
  'R9',
  'R08',
  'R09',
  'R10',
  'R11',
  'R12',
  'R13',
  'R14',
  'R15',
  'ORIG_RAX',
  'CS',
  'SS',
  'DS',
  'ES',
  'FS',
  'GS',
  'CR0',
  'CR2',
  'CR3',
  'CR4',
  'knlGS',
  'PKRU',
  'EIP',
  'ESP',
  'EAX',
  'EBX',
  'ECX',
  'EDX',
  'ESI',
  'EDI',
  'EBP',
];
/** `R8`…`R15` also begin ppc64 register lines (`R8:  00000000000000ff    R9: …`): no evidence alone. */
const SHARED = new Set(['R8', 'R9', 'R08', 'R09', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'CS', 'SS', 'DS', 'ES', 'FS', 'GS']);
const OWN = new Set(NAMES.filter((n) => !SHARED.has(n)));

const TB = 1n << 40n;

/**
 * Generic KASAN: shadow = (addr >> 3) + KASAN_SHADOW_OFFSET, 0xdffffc0000000000 on x86_64
 * (arch/x86/Kconfig; the shadow of the kernel half is ffffec0000000000–fffffc0000000000,
 * Documentation/arch/x86/x86_64/mm.rst). Read for the kernel half's shadow and for the low
 * (NULL-ish) addresses that KASAN's general-protection hint names.
 */
function kasanShadowTarget(value: bigint): bigint | undefined {
  const offset = 0xdffffc0000000000n;
  const nearNull = value >= offset && value < offset + TB;
  const kernelShadow = value >= 0xffffec0000000000n && value < 0xfffffc0000000000n;
  if (!nearNull && !kernelShadow) return undefined;
  return ((value - offset) << 3n) & ((1n << 64n) - 1n);
}

/** The end of the direct map without RANDOMIZE_MEMORY (64 TB from ffff880000000000). */
const FIXED_DIRECT_MAP_END = 0xffffc88000000000n;
/** The 4-level kernel half: below it, no 4-level kernel address is canonical. */
const FOUR_LEVEL_KERNEL = 0xffff800000000000n;
/**
 * Kernel data only 5-level paging has: its kernel half begins at ff00000000000000, and RANDOMIZE_MEMORY puts
 * the direct map, where tasks and slabs lie, low in it. Not up to ffff800000000000: an arm64 bt quoted in
 * the transcript has its tasks and stacks at fff0… (52-bit VA) and ffff0000… (48-bit).
 */
const FIVE_LEVEL_DATA = { start: 0xff00000000000000n, end: 0xfff0000000000000n };
/** Where RANDOMIZE_MEMORY places the direct map, vmalloc and vmemmap with 5-level paging (arch/x86/mm/kaslr.c: page_offset_base's default up to CPU_ENTRY_AREA_BASE). */
const FIVE_LEVEL_RANDOMIZED = { start: 0xff11000000000000n, end: 0xfffffe0000000000n };
/** VMALLOC_SIZE_TB with 5-level paging: 12.5 PB, the room RANDOMIZE_MEMORY leaves above vmalloc_base. */
const FIVE_LEVEL_VMALLOC_BYTES = 12800n * TB;

function nonCanonical(vaBits: number): { start: bigint; end: bigint } {
  return { start: 1n << BigInt(vaBits), end: 0x10000000000000000n - (1n << BigInt(vaBits)) };
}

function layout(samples: LayoutSamples): Layout {
  // Tasks, slabs and stacks the transcript shows below the 4-level kernel half can only be 5-level paging's
  // (LA57 servers: `TASK: ff352c8c1e7fbc80`, stacks at ff63810032077b58, text still at ffffffff9…).
  const data = [...samples.direct, ...samples.vmalloc];
  if (data.some((a) => a >= FIVE_LEVEL_DATA.start && a < FIVE_LEVEL_DATA.end)) return fiveLevelLayout(samples);
  const regions: Region[] = [];
  // RANDOMIZE_MEMORY moves the bases by 1 GB steps: take the 1 TB slots the transcript shows.
  for (const a of samples.direct) if (a >= FOUR_LEVEL_KERNEL && a < 0xffffff0000000000n) addSlot(regions, 'direct-map', a);
  for (const a of samples.vmalloc) if (a >= FOUR_LEVEL_KERNEL && a < 0xffffff0000000000n) addSlot(regions, 'vmalloc', a);
  const randomized = regions.length > 0 && !regions.some((r) => r.start === 0xffff880000000000n);
  if (!randomized) {
    // Before VMAP_STACK (4.9) stacks were direct-map pages: a stack there is no sign of vmalloc.
    for (let k = regions.length - 1; k >= 0; k--)
      if (regions[k].kind === 'vmalloc' && regions[k].start < FIXED_DIRECT_MAP_END) regions.splice(k, 1);
    regions.push(
      { kind: 'direct-map', start: 0xffff888000000000n, end: 0xffffc88000000000n },
      { kind: 'direct-map', start: 0xffff880000000000n, end: 0xffff888000000000n },
      { kind: 'vmalloc', start: 0xffffc90000000000n, end: 0xffffe90000000000n },
      { kind: 'vmemmap', start: 0xffffea0000000000n, end: 0xffffeb0000000000n },
    );
  } else {
    // Regions come in the order direct map, vmalloc, vmemmap; vmemmap sits above the highest vmalloc slot.
    const highest = regions.filter((r) => r.kind === 'vmalloc').reduce((m, r) => (r.end > m ? r.end : m), 0n);
    if (highest > 0n) regions.push({ kind: 'vmemmap', start: highest + TB, end: 0xffffff0000000000n });
  }
  regions.push(...top(moduleStart(samples)));
  return {
    vaBits: 47,
    era: randomized ? 'x86_64 4-level paging, randomized memory layout' : 'x86_64 4-level paging',
    userEnd: 1n << 47n,
    nonCanonical: nonCanonical(47),
    regions,
  };
}

/**
 * 5-level paging (Documentation/arch/x86/x86_64/mm.rst): the direct map from ff11000000000000, vmalloc
 * from ffa0000000000000, vmemmap from ffd4000000000000; the image and modules where 4-level puts them.
 * RANDOMIZE_MEMORY moves the three bases by 512 GB steps anywhere up to fffffe0000000000 (distribution
 * kernels: task ff352c8c1e7fbc80, stack ff63810032077b58): then the 1 TB slots the transcript shows.
 */
function fiveLevelLayout(samples: LayoutSamples): Layout {
  const regions: Region[] = [];
  const inRange = (a: bigint) => a >= FIVE_LEVEL_RANDOMIZED.start && a < FIVE_LEVEL_RANDOMIZED.end;
  for (const a of samples.direct) if (inRange(a)) addSlot(regions, 'direct-map', a);
  for (const a of samples.vmalloc) if (inRange(a)) addSlot(regions, 'vmalloc', a);
  const atDefault = regions.some(
    (r) =>
      (r.kind === 'direct-map' && r.start === 0xff11000000000000n) || (r.kind === 'vmalloc' && r.start === 0xffa0000000000000n),
  );
  const randomized = regions.length > 0 && !atDefault;
  if (!randomized) {
    regions.length = 0;
    regions.push(
      { kind: 'direct-map', start: 0xff11000000000000n, end: 0xff91000000000000n },
      { kind: 'vmalloc', start: 0xffa0000000000000n, end: 0xffd2000000000000n },
      { kind: 'vmemmap', start: 0xffd4000000000000n, end: 0xffd6000000000000n },
    );
  } else {
    // vmemmap_base lies past the 12.5 PB kept for vmalloc, whose allocations begin near vmalloc_base.
    const lowest = regions.filter((r) => r.kind === 'vmalloc').reduce((m, r) => (m === 0n || r.start < m ? r.start : m), 0n);
    const vmemmap = lowest + FIVE_LEVEL_VMALLOC_BYTES;
    if (lowest > 0n && vmemmap < FIVE_LEVEL_RANDOMIZED.end)
      regions.push({ kind: 'vmemmap', start: vmemmap, end: FIVE_LEVEL_RANDOMIZED.end });
  }
  regions.push(...top(moduleStart(samples)));
  return {
    vaBits: 56,
    era: randomized ? 'x86_64 5-level paging, randomized memory layout' : 'x86_64 5-level paging',
    userEnd: 1n << 56n,
    nonCanonical: nonCanonical(56),
    regions,
  };
}

function addSlot(regions: Region[], kind: AddressKind, address: bigint): void {
  const start = address & ~(TB - 1n);
  if (regions.some((r) => r.kind === kind && r.start === start)) return;
  regions.push({ kind, start, end: start + TB });
}

const KERNEL_IMAGE_START = 0xffffffff80000000n;
const MODULES_1G_IMAGE = 0xffffffffc0000000n;
/** MODULES_VADDR has been ffffffff88000000 (2.6 kernels) and ffffffffa0000000 (a 512 MB image). */
const MODULES_ALIGN = 0x8000000n;
const LOWEST_MODULES = 0xffffffff88000000n;

/**
 * Where module text begins: MODULES_VADDR = __START_KERNEL_map + KERNEL_IMAGE_SIZE, 1 GB with
 * KASLR (RANDOMIZE_BASE, distribution kernels since 4.x: the image lies anywhere in it, so
 * `ffffffffb1263674` is kernel text), less without (a 512 MB image, modules at `ffffffffa0…`; 2.6
 * kernels, `ffffffff88…`). A module seen below the 1 GB mark says where they begin (its 128 MB step);
 * otherwise 1 GB, as on today's kernels: an older kernel's module addresses mostly come with their
 * `[module]` tags, which say so.
 */
function moduleStart(samples: LayoutSamples): bigint {
  let lowest = MODULES_1G_IMAGE;
  // Not below the lowest MODULES_VADDR there has been: a mis-tagged frame in the image must not move it.
  for (const a of samples.moduleText ?? []) if (a >= LOWEST_MODULES && a < lowest) lowest = a;
  return lowest === MODULES_1G_IMAGE ? lowest : lowest & ~(MODULES_ALIGN - 1n);
}

/** Kernel image, modules, fixmap. */
function top(moduleBase: bigint): Region[] {
  return [
    { kind: 'kernel-text', start: KERNEL_IMAGE_START, end: moduleBase },
    { kind: 'module-text', start: moduleBase, end: 0xffffffffff000000n },
    { kind: 'fixmap', start: 0xffffffffff000000n, end: 0xffffffffff800000n },
  ];
}

/**
 * The image's 1 GB from __START_KERNEL_map (ffffffff80000000; KASLR puts it anywhere in there, as
 * `ffffffffb0c8eb7b`) and the modules above it (ffffffffc…; ffffffffa… beside a 512 MB image).
 * mips64 and riscv64 text lies at ffffffff8… too: their registers and functions decide.
 */
function textAddress(hex: string): number {
  if (!hex.startsWith('ffffffff')) return 0;
  const c = hex.charCodeAt(8);
  return c === 56 /* 8 */ || c === 57 /* 9 */ || (c >= 97 && c <= 99) /* a–c */ ? 1 : 0;
}

/**
 * A `[module]` frame at ffffffffa…/ffffffffb…: x86_64 module text beside a 512 MB image (RHEL 7's
 * `[<ffffffffa030ef25>] ttm_eu_reserve_buffers+0x205/0x320 [ttm]`). riscv64 loads modules below
 * ffffffff80000000 and mips64 at ffffffffc0000000, where x86_64's KASLR kernels do too.
 */
const MODULES_BELOW_1G = /^ffffffff[ab]/;

/** `%rax`, `%eax`, `%al`, `%gs:`: x86 register operands (s390x writes `%r14`, digits after `%r`). */
function x86Operand(text: string, at: number): boolean {
  const percent = text.indexOf('%', at);
  if (percent < 0) return false;
  const c = text.charCodeAt(percent + 1);
  const d = text.charCodeAt(percent + 2);
  // `%r` followed by a letter (rax, rsp) or by 8–15 in x86 form (`%r8`, `%r12d`) that s390x shares: letters decide.
  if (c === 114) return d >= 97 && d <= 122;
  return c >= 97 && c <= 122;
}

export const x86_64: ArchSpec = {
  id: 'x86_64',
  aliases: ['x86-64', 'amd64', 'x64'],
  wordBytes: 8,
  registers: {
    names: NAMES,
    pc: ['RIP'],
    sp: ['RSP'],
    fp: ['RBP'],
    lr: [],
    args: ['RDI', 'RSI', 'RDX', 'RCX', 'R8', 'R9'],
    holds: { CR2: 'the address of the last page fault on this CPU' },
    userMode: userModeBlock,
    entryRoles: (block) => (syscallEntry(block) ? SYSCALL_ROLES : undefined),
    status: {
      ORIG_RAX: ORIG_AX,
      orig_ax: ORIG_AX,
      RFLAGS: flagsRegister('RFLAGS'),
      EFLAGS: flagsRegister('EFLAGS'),
      CR0,
      CR3,
      CR4,
      // FS and GS print their bases (addresses) beside them; these four print the selector alone.
      ...Object.fromEntries(['CS', 'SS', 'DS', 'ES'].map((name) => [name, segmentRegister(name)])),
    },
  },
  evidence: {
    reportLine: x86_64ReportLine,
    registerLine: (name) => (OWN.has(name) ? 1 : 0),
    instruction: (_mnemonic, text, operandsAt) => (x86Operand(text, operandsAt) ? 1 : 0),
    textAddress,
    traceAddress: (hex, inModule) => (inModule && MODULES_BELOW_1G.test(hex) ? 2 : 0),
    traceFunction: x86_64TraceFunction,
  },
  layout,
  stripTags: (value) => value,
  kindLabels: {},
  // Modules have their own area; vmalloc holds data (and stacks), not text.
  textChance: { vmalloc: 'unlikely' },
  calls: {
    returnToCall: RETURN_TO_CALL,
    btShowsCallSite: false,
    traceStartsAtPc: false,
    directCallBytes: 5n,
    callMnemonics: ['call', 'callq', 'calll'],
    interruptEntries:
      /^(?:asm_(?:sysvec_\w+|common_interrupt|spurious_interrupt)|[a-z_]+_interrupt|common_interrupt|irq_entries_start)$/,
    syscallEntries: /^(?:do_syscall_64|do_syscall_x64|x64_sys_call|entry_SYSCALL_64(?:_after_hwframe)?)$/,
  },
  frames: {
    method: 'rbp-chain',
    register: 'rbp',
    returnName: 'return address',
    linkOffset: 0n,
    returnOffset: 8n,
    returnInto: 'caller',
    alignment: 8n,
    alwaysKept: false,
  },
  exceptionFrame: PT_REGS,
  kernelStack,
  kasanShadowTarget,
  // CONFIG_ILLEGAL_POINTER_VALUE (arch/x86/Kconfig): 0xdead000000000000 on 64-bit since 2.6.27;
  // older kernels (RHEL5's 2.6.18) poison lists with no delta (LIST_POISON1 0x00100100).
  poisonPointerDelta: [0xdead000000000000n, 0n],
  // KASAN_STACK_ORDER 1 doubles THREAD_SIZE (arch/x86/include/asm/page_64_types.h).
  stackBytes: { task: 0x4000n, irq: 0x4000n, kasanTask: 0x8000n },
  irqStackSavesSp: true,
  unwinder: {
    walk: (model, start) => walkX86(model, start),
    frameStart: (stackAddress, address, line, label) => ({ slot: stackAddress, pc: address, line, label }),
    returnSlotStart: (slot, value, line, label) => ({ slot, pc: value, arch: 'x86_64', line, label }),
    framePointers,
    registerStart: (model, block) => registerStart(model, block),
  },
};
