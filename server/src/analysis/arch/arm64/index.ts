// arm64 (AArch64): registers x0–x30/sp/pc, frame records {x29, x30}, the three
// address-space eras of design.md §4, PAC/TBI tags on saved LRs.
import type { ArchSpec, Layout, LayoutSamples, Region } from '../types';
import { PT_REGS } from './ptRegs';
import { arm64ReportLine } from './reportLines';
import { kernelStack, registerStart } from './starts';
import { slotOwner } from './frameLayout';
import { stripPac } from './pointer';
import { isUserPstate, PSTATE } from './pstate';
import { SYSCALL_NO } from '../syscallNo';
import { esrOnLine } from './esr';
import { CALL_BYTES, walkArm64 } from './unwind';

const GENERAL = Array.from({ length: 31 }, (_, i) => `x${i}`);
const NAMES = [
  ...GENERAL,
  ...GENERAL.map((n) => n.toUpperCase()),
  'pc',
  'lr',
  'sp',
  'PC',
  'LR',
  'SP',
  'pstate',
  'PSTATE',
  'ORIG_X0',
  'SYSCALLNO',
  'FPVALID',
];
/** Names other architectures' register lines also begin with (`SP`, `PC`): no evidence by themselves. */
const SHARED = new Set(['SP', 'sp', 'PC', 'pc']);
const OWN = new Set(NAMES.filter((n) => !SHARED.has(n)));
/** Mnemonics only A64 has (ppc64 and riscv64 also write `bl`, `b`, `blr`, `ret`, x86 `mov`: those say nothing). */
const MNEMONICS = new Set(['ldp', 'stp', 'ldr', 'str', 'adrp', 'cbz', 'cbnz', 'paciasp', 'autiasp', 'ldur', 'stur']);

/**
 * Functions only arm64 has: the exception vectors of arch/arm64/kernel/entry.S and entry-common.c and
 * their handlers (el1h_64_sync, el0t_64_irq_handler, el0_svc, do_el0_svc, el1_irq before 5.12), and
 * the syscall wrappers (__arm64_sys_write).
 */
const ENTRY_FUNCTION = /^(?:do_)?el[01][ht]?_|^__el[01]_|^__arm64_sys_/;

/** Where a 39-bit pre-5.4 kernel's vmalloc area ends (fixmap, PCI I/O and vmemmap follow). */
const PRE_5_4_39_BIT_VMALLOC_END = 0xffffffbebfff0000n;

/**
 * Whether code lies in [start, end) at two addresses at least and more often than in [otherStart,
 * otherEnd): one pc that jumped into data (a 5.4+ kernel's linear map is where a pre-5.4 kernel's
 * image was) must not decide the layout.
 */
function mostCodeIn(code: readonly bigint[], start: bigint, end: bigint, otherStart: bigint, otherEnd: bigint): boolean {
  const inside = code.filter((a) => a >= start && a < end).length;
  const other = code.filter((a) => a >= otherStart && a < otherEnd).length;
  return inside >= 2 && inside > other;
}

/** More than any arm64 kernel image's text: a span of core code wider than this is no one image's. */
const MAX_IMAGE_TEXT = 0x8000000n;
const IMAGE_ALIGN = 0x10000n;

/**
 * The kernel image lies inside the vmalloc area (before 5.4 KIMAGE_VADDR = VMALLOC_START + 128 MB, from 5.4 in the upper half;
 * anywhere in it with KASLR), so the area says nothing of text: the image is where the transcript's
 * core code is (bt frames, trace frames, listings that are not a module's), from the first such
 * address to the last, rounded out to 64 KiB. None when it shows none, or too wide a span to be one image.
 */
function imageText(samples: LayoutSamples, vmallocStart: bigint, vmallocEnd: bigint): Region[] {
  const modules = new Set(samples.moduleText ?? []);
  let low: bigint | undefined;
  let high: bigint | undefined;
  for (const a of samples.code) {
    if (a < vmallocStart || a >= vmallocEnd || modules.has(a)) continue;
    if (low === undefined || a < low) low = a;
    if (high === undefined || a > high) high = a;
  }
  if (low === undefined || high === undefined || high - low > MAX_IMAGE_TEXT) return [];
  return [{ kind: 'kernel-text', start: low & ~(IMAGE_ALIGN - 1n), end: (high + IMAGE_ALIGN) & ~(IMAGE_ALIGN - 1n) }];
}

/** Where a 5.4+ 39-bit kernel's image starts (KIMAGE_VADDR = MODULES_END): below it lie its modules only. */
const KIMAGE_39_BIT = 0xffffffc008000000n;

/**
 * Before 4.6 the image ran in the linear map (PAGE_OFFSET ffffffc000000000 + TEXT_OFFSET, `pc :
 * [<ffffffc000d394c4>]` on 3.18), with the modules in the 64 MB below PAGE_OFFSET, the vmalloc area
 * from ffffff8000000000 and vmemmap after it (arch/arm64/include/asm/memory.h and pgtable.h of 3.x–4.5):
 * core code (no module's) below where a 5.4+ kernel's image starts says so.
 */
function linearMapImage(samples: LayoutSamples): boolean {
  const modules = new Set(samples.moduleText ?? []);
  // The reports' pc and lr too: a 3.x oops cut before its trace shows only `pc : [<ffffffc000d394c4>]`.
  const core = [...samples.code, ...(samples.sites ?? [])].filter((a) => !modules.has(a));
  // One such pc is enough: a later kernel's code there is a module's, which traces and bt tag.
  const below = core.filter((a) => a >= 0xffffffc000000000n && a < KIMAGE_39_BIT).length;
  const above = core.filter((a) => a >= KIMAGE_39_BIT && a < 0xfffffffe00000000n).length;
  return below > above;
}

function pre46Layout(samples: LayoutSamples): Layout {
  return {
    vaBits: 39,
    era: 'arm64 39-bit VA (pre-4.6 layout: the image in the linear map)',
    userEnd: 1n << 39n,
    regions: [
      { kind: 'vmalloc', start: 0xffffff8000000000n, end: 0xffffffbdbfff0000n },
      { kind: 'vmemmap', start: 0xffffffbdc0000000n, end: 0xffffffbfc0000000n },
      // PCI I/O space and the fixmap.
      { kind: 'fixmap', start: 0xffffffbffa000000n, end: 0xffffffbffc000000n },
      { kind: 'module-text', start: 0xffffffbffc000000n, end: 0xffffffc000000000n },
      ...imageText(samples, 0xffffffc000000000n, KIMAGE_39_BIT),
      { kind: 'direct-map', start: 0xffffffc000000000n, end: 0xffffffffffffffffn },
    ],
  };
}

function layout(samples: LayoutSamples): Layout {
  const text = samples.text;
  // 39-bit VA: modules and image in the first 2 GB above ffffffc000000000, or with KASLR anywhere in
  // vmalloc (Android GKI kernels: `__switch_to at ffffffe0036832d4`), which a 48-bit kernel keeps for
  // vmemmap and fixmap and never runs code in (x86 text pasted into an arm64 note lies far above,
  // from fffffffe00000000, and must not decide the layout).
  if (
    text.some((a) => a >= 0xffffffc000000000n && a < 0xffffffc080000000n) ||
    samples.code.some((a) => a >= 0xffffffc000000000n && a < 0xfffffffe00000000n)
  ) {
    if (linearMapImage(samples)) return pre46Layout(samples);
    return {
      vaBits: 39,
      era: 'arm64 39-bit VA (5.4+ layout)',
      userEnd: 1n << 39n,
      regions: [
        { kind: 'direct-map', start: 0xffffff8000000000n, end: 0xffffffc000000000n },
        { kind: 'vmemmap', start: 0xfffffffe00000000n, end: 0xffffffff00000000n },
        { kind: 'fixmap', start: 0xffffffffff000000n, end: 0xffffffffffffffffn },
        { kind: 'vmalloc', start: 0xffffffc000000000n, end: 0xfffffffe00000000n },
      ],
    };
  }
  // 39-bit VA before 5.4 (Android 4.9–4.19 phones): modules at ffffff8000000000, the image above them
  // (KASLR moves it within vmalloc), the linear map from ffffffc000000000 (arch/arm64/include/asm/memory.h,
  // VA_START and PAGE_OFFSET of those kernels). Later kernels keep their linear map exactly here.
  if (text.some((a) => a >= 0xffffff8000000000n && a < PRE_5_4_39_BIT_VMALLOC_END)) {
    return {
      vaBits: 39,
      era: 'arm64 39-bit VA (pre-5.4 layout)',
      userEnd: 1n << 39n,
      regions: [
        { kind: 'module-text', start: 0xffffff8000000000n, end: 0xffffff8008000000n },
        ...imageText(samples, 0xffffff8008000000n, PRE_5_4_39_BIT_VMALLOC_END),
        { kind: 'vmalloc', start: 0xffffff8008000000n, end: PRE_5_4_39_BIT_VMALLOC_END },
        { kind: 'vmemmap', start: 0xffffffbf00000000n, end: 0xffffffc000000000n },
        { kind: 'direct-map', start: 0xffffffc000000000n, end: 0xffffffffffffffffn },
      ],
    };
  }
  // 48-bit VA before 5.4: the image at ffff000008000000, or with KASAN above its shadow (ffff2000…);
  // with KASLR anywhere in that vmalloc area (`machine_kexec at ffff0000480a2e8c` on a 4.19 kernel),
  // where a 5.4+ kernel keeps its linear map and runs no code.
  if (
    (text.some((a) => a >> 32n === 0xffff0000n || a >> 32n === 0xffff2000n) &&
      text.some(
        (a) => (a >= 0xffff000008000000n && a < 0xffff000010000000n) || (a >= 0xffff200008000000n && a < 0xffff200010000000n),
      )) ||
    mostCodeIn(samples.code, 0xffff000008000000n, 0xffff7e0000000000n, 0xffff800000000000n, 0xfffffc0000000000n)
  ) {
    const kasan = text.some((a) => a >> 32n === 0xffff2000n);
    const vmallocStart = kasan ? 0xffff200008000000n : 0xffff000008000000n;
    return {
      vaBits: 48,
      era: 'arm64 48-bit VA (pre-5.4 layout)',
      userEnd: 1n << 48n,
      regions: [
        { kind: 'direct-map', start: 0xffff800000000000n, end: 0xffffffffffffffffn },
        { kind: 'vmemmap', start: 0xffff7e0000000000n, end: 0xffff800000000000n },
        ...imageText(samples, vmallocStart, 0xffff7e0000000000n),
        kasan
          ? { kind: 'vmalloc', start: 0xffff200008000000n, end: 0xffff7e0000000000n }
          : { kind: 'vmalloc', start: 0xffff000008000000n, end: 0xffff7e0000000000n },
        kasan
          ? { kind: 'module-text', start: 0xffff200000000000n, end: 0xffff200008000000n }
          : { kind: 'module-text', start: 0xffff000000000000n, end: 0xffff000008000000n },
      ],
    };
  }
  if (text.some((a) => a >= 0xfff0000000000000n && a < 0xfff8000000000000n)) {
    return {
      vaBits: 52,
      era: 'arm64 52-bit VA',
      userEnd: 1n << 52n,
      regions: [
        { kind: 'direct-map', start: 0xfff0000000000000n, end: 0xfff8000000000000n },
        { kind: 'vmemmap', start: 0xfffffc0000000000n, end: 0xfffffe0000000000n },
        { kind: 'vmalloc', start: 0xfff8000000000000n, end: 0xfffffc0000000000n },
      ],
    };
  }
  return {
    vaBits: 48,
    era: 'arm64 48-bit VA (5.4+ layout)',
    userEnd: 1n << 48n,
    regions: [
      { kind: 'direct-map', start: 0xffff000000000000n, end: 0xffff800000000000n },
      { kind: 'module-text', start: 0xffff800000000000n, end: 0xffff800008000000n },
      { kind: 'fixmap', start: 0xfffffdfffe000000n, end: 0xfffffe0000000000n },
      { kind: 'vmemmap', start: 0xfffffc0000000000n, end: 0xfffffe0000000000n },
      { kind: 'vmemmap', start: 0xffffffe000000000n, end: 0xfffffff000000000n },
      // The image lies in the vmalloc area, anywhere in it with KASLR (`__crash_kexec at ffffde8e4370b424`).
      ...imageText(samples, 0xffff800008000000n, 0xfffffc0000000000n),
      { kind: 'vmalloc', start: 0xffff800008000000n, end: 0xfffffc0000000000n },
    ],
  };
}

export const arm64: ArchSpec = {
  id: 'arm64',
  aliases: ['aarch64', 'arm64le'],
  wordBytes: 8,
  registers: {
    names: NAMES,
    pc: ['pc', 'PC'],
    sp: ['sp', 'SP'],
    fp: ['x29', 'X29'],
    lr: ['lr', 'LR', 'x30', 'X30'],
    args: ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'],
    status: { pstate: PSTATE, PSTATE, SYSCALLNO: SYSCALL_NO },
    statusOnLine: esrOnLine,
    // A saved PSTATE of EL0 (a user context, `PSTATE: 40001000` beside a user pc): its registers are user space's.
    userMode: (block) => {
      const pstate = block.find((r) => r.name === 'pstate' || r.name === 'PSTATE')?.value;
      return pstate !== undefined && isUserPstate(pstate);
    },
  },
  evidence: {
    reportLine: arm64ReportLine,
    registerLine: (name) => (OWN.has(name) ? 1 : 0),
    mnemonic: (mnemonic) => (MNEMONICS.has(mnemonic) ? 1 : 0),
    textAddress: (hex) =>
      hex.startsWith('ffff8000') ||
      hex.startsWith('ffffffc0') ||
      hex.startsWith('ffff0000') ||
      hex.startsWith('ffff8001') ||
      hex.startsWith('ffffff80') ||
      hex.startsWith('ffff2000')
        ? 1
        : 0,
    // Console traces: text where only arm64 kernels put it, and the exception vectors' own functions.
    // A module frame at ffff8000… is no evidence: LoongArch's vm_map_base (its modules) is there too.
    // ffffffc0…: a 39-bit kernel before 4.6, whose image lies in the linear map (modules below it).
    traceAddress: (hex, inModule) =>
      (hex.startsWith('ffff8000') && !inModule) ||
      (hex.startsWith('ffffffc0') && !inModule) ||
      hex.startsWith('ffff0000') ||
      hex.startsWith('ffff2000') ||
      hex.startsWith('ffffff80')
        ? 2
        : 0,
    traceFunction: (name, doubtful) => (!doubtful && ENTRY_FUNCTION.test(name) ? 2 : 0),
  },
  layout,
  stripTags: (value, l) => stripPac(value, l.vaBits),
  kindLabels: { 'direct-map': 'linear map' },
  // Modules and BPF programs live in the vmalloc area.
  textChance: {},
  calls: {
    returnToCall: CALL_BYTES,
    btShowsCallSite: true,
    traceStartsAtPc: true,
    instructionBytes: 4,
    callMnemonics: ['bl', 'blr'],
    // The vectors of arch/arm64/kernel/entry.S: el1h_64_sync… since 5.12, el1_sync… before.
    exceptionEntries: /^el[01][ht]?_(?:64_|32_)?(?:sync|irq|fiq|error)$/,
    syscallEntries: /^(?:el0_svc|do_el0_svc|el0_svc_common|invoke_syscall)$/,
  },
  frames: {
    method: 'frame-record',
    register: 'x29',
    returnName: 'LR',
    linkOffset: 0n,
    returnOffset: 8n,
    returnInto: 'caller',
    alignment: 16n,
    alwaysKept: true,
    btBracketsRecord: true,
    slotOwner,
  },
  exceptionFrame: PT_REGS,
  kernelStack,
  // CONFIG_ILLEGAL_POINTER_VALUE (arch/arm64/Kconfig): 0xdead000000000000, a later addition
  // than arm64 itself; the kernels before it poison lists with no delta (LIST_POISON1 0x00100100).
  poisonPointerDelta: [0xdead000000000000n, 0n],
  // KASAN_THREAD_SHIFT 1 doubles THREAD_SIZE (arch/arm64/include/asm/memory.h).
  stackBytes: { task: 0x4000n, irq: 0x4000n, kasanTask: 0x8000n },
  irqStackSavesSp: false,
  unwinder: {
    walk: (model, start) => walkArm64(model, start),
    frameStart: (stackAddress, address, line, label) => ({ fp: stackAddress, pc: address, line, label }),
    registerStart: (model, block) => registerStart(model, block),
  },
};
