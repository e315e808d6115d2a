// arm64 (AArch64): registers x0–x30/sp/pc, frame records {x29, x30}, the three
// address-space eras of design.md §4, PAC/TBI tags on saved LRs.
import type { ArchSpec, Layout, LayoutSamples } from '../types';
import { PT_REGS } from './ptRegs';
import { kernelStack, registerStart } from './starts';
import { stripPac } from './pointer';
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

function layout(samples: LayoutSamples): Layout {
  const text = samples.text;
  // 39-bit VA: modules and image in the first 2 GB above ffffffc000000000 (x86 text
  // pasted into an arm64 note lies far above and must not decide the layout).
  if (text.some((a) => a >= 0xffffffc000000000n && a < 0xffffffc080000000n)) {
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
  if (text.some((a) => a >> 32n === 0xffff0000n) && text.some((a) => a >= 0xffff000008000000n && a < 0xffff000010000000n)) {
    return {
      vaBits: 48,
      era: 'arm64 48-bit VA (pre-5.4 layout)',
      userEnd: 1n << 48n,
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
  },
  evidence: {
    registerLine: (name) => (OWN.has(name) ? 1 : 0),
    mnemonic: (mnemonic) => (MNEMONICS.has(mnemonic) ? 1 : 0),
    textAddress: (hex) =>
      hex.startsWith('ffff8000') || hex.startsWith('ffffffc0') || hex.startsWith('ffff0000') || hex.startsWith('ffff8001')
        ? 1
        : 0,
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
  },
  exceptionFrame: PT_REGS,
  kernelStack,
  // CONFIG_ILLEGAL_POINTER_VALUE (arch/arm64/Kconfig): 0xdead000000000000, a later addition
  // than arm64 itself; the kernels before it poison lists with no delta (LIST_POISON1 0x00100100).
  poisonPointerDelta: [0xdead000000000000n, 0n],
  stackBytes: { task: 0x4000n, irq: 0x4000n },
  irqStackSavesSp: false,
  unwinder: {
    walk: (model, start) => walkArm64(model, start),
    frameStart: (stackAddress, address, line, label) => ({ fp: stackAddress, pc: address, line, label }),
    registerStart: (model, block) => registerStart(model, block),
  },
};
