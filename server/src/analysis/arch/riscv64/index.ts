// riscv64: registers x1–x31 by ABI name (ra sp gp tp t0–t6 s0–s11 a0–a7) with epc and the
// trap CSRs, the Sv39/Sv48/Sv57 layouts (Documentation/arch/riscv/vm-layout.rst), calls by
// `jal`/`jalr`, the s0 frame pointer with {fp, ra} below it, and pt_regs from handle_exception.
import { SCAUSE, SSTATUS } from './csr';
import { SYSCALL_NO } from '../syscallNo';
import type { ArchSpec, Layout, LayoutSamples, Region } from '../types';
import { PT_REGS } from './ptRegs';
import { kernelStack, registerStart } from './starts';
import { crossException, RETURN_TO_CALL, walkRiscv64 } from './unwind';
import { riscv64ReportLine } from './reportLines';

const GENERAL = [
  'ra',
  'gp',
  'tp',
  ...Array.from({ length: 7 }, (_, i) => `t${i}`),
  ...Array.from({ length: 12 }, (_, i) => `s${i}`),
  ...Array.from({ length: 8 }, (_, i) => `a${i}`),
];
/** Console reports and crash's `help -r`: `epc : … ra : … sp : …`, `status: … badaddr: … cause: …`. */
// crash's exception frames head the block with `PC:`, `RA:`, `SP:` and `CAUSE:` (a user-mode one `ORIG_A0:` and `SYSCALLNO:`).
const CRASH_NAMES = ['PC', 'RA', 'SP', 'CAUSE', 'ORIG_A0', 'SYSCALLNO'];
const NAMES = ['epc', 'sp', ...GENERAL, 'status', 'badaddr', 'cause', 'orig_a0', ...CRASH_NAMES];
/** `sp` also begins arm64 register lines, crash's `PC:`/`SP:` block heads its arm64 frames: no evidence by themselves. */
const OWN = new Set(NAMES.filter((n) => n !== 'sp' && !CRASH_NAMES.includes(n)));

/**
 * Functions of a console call trace only riscv64 has: its syscall wrappers, the trap handlers
 * `handle_exception` calls (`arch/riscv/kernel/traps.c`, `entry.S`) and its interrupt entry. Its
 * kernel text shares ffffffff8… with x86_64 and mips64, so a trace without registers (a sysrq
 * panic) says riscv64 only by these.
 */
function traceFunction(name: string, doubtful: boolean): number {
  return doubtful ? 0 : name.startsWith('__riscv_sys_') || ENTRY_FUNCTIONS.has(name) ? 2 : 0;
}
/**
 * Stacks and tasks of an Sv57 kernel (Documentation/arch/riscv/vm-layout.rst: vmalloc from
 * ff20000000000000, the linear map from ff60000000000000; riscv64 does not randomize them): a bt
 * whose text at ffffffff8… x86_64 shares says riscv64 by its slots and TASK, within the first TB of
 * each area. x86_64's 5-level direct map and vmalloc span these digits too, but RANDOMIZE_MEMORY puts
 * their bases at random 1 GB steps (`TASK: ff36bfda010c8000`), almost never on these two TBs.
 */
function stackAddress(hex: string): number {
  return hex.startsWith('ff2000') || hex.startsWith('ff6000') ? 2 : 0;
}

const ENTRY_FUNCTIONS = new Set([
  'handle_exception',
  'do_trap_ecall_u',
  'do_trap_ecall_s',
  'do_trap_break',
  'do_trap_insn_illegal',
  'do_trap_insn_fault',
  'do_trap_load_fault',
  'do_trap_load_misaligned',
  'do_trap_store_fault',
  'do_trap_store_misaligned',
  'do_trap_unknown',
  'handle_riscv_irq',
]);
/** Mnemonics only RISC-V has among the architectures crash reads (ppc64 also writes `ld`, `addi`, `li`; mips `sd`, `lw`). */
const MNEMONICS = new Set([
  'auipc',
  'jal',
  'jalr',
  'csrr',
  'csrw',
  'csrrw',
  'csrrc',
  'csrrs',
  'csrci',
  'csrsi',
  'addiw',
  'slli',
  'srli',
  'srai',
  'bnez',
  'beqz',
  'bgez',
  'bltz',
  'bgeu',
  'bltu',
  'sext.w',
  'sret',
  'ebreak',
  'ecall',
  'sfence.vma',
  'mv',
  'sd',
]);

const PB = 1n << 50n;

/** Documentation/arch/riscv/vm-layout.rst (6.x): kernel and modules are the same in every mode. */
function top(): Region[] {
  return [
    { kind: 'module-text', start: 0xffffffff00000000n, end: 0xffffffff80000000n },
    { kind: 'kernel-text', start: 0xffffffff80000000n, end: 0xffffffffffffffffn },
  ];
}

/**
 * Before 5.13 ("riscv: Move kernel mapping outside of linear mapping") the kernel ran in the linear
 * map at PAGE_OFFSET ffffffe000000000 (Sv39 with CONFIG_MAXPHYSMEM_128GB), vmalloc
 * took the 64 GB below it, modules its top 2 GB (VMALLOC_MODULE_START, _end − 2 GB) and vmemmap
 * the 4 GB below vmalloc (arch/riscv/include/asm/pgtable.h, kernel/module.c of 5.10). Text there
 * tells this layout: 6.x puts its direct map at these addresses.
 */
const LINEAR_IMAGE = 0xffffffe000000000n;

function inLinearImage(address: bigint): boolean {
  return address >= LINEAR_IMAGE && address < 0xffffffff00000000n;
}

function linearImageLayout(code: bigint[]): Layout {
  let high = LINEAR_IMAGE;
  for (const a of code) if (inLinearImage(a) && a >= high) high = a + 1n;
  // The image ends past the last code address the transcript shows, rounded up to 64 KiB.
  const textEnd = (high + 0xffffn) & ~0xffffn;
  return {
    vaBits: 39,
    era: 'riscv64 Sv39 (before 5.13: kernel in the linear map)',
    userEnd: 1n << 38n,
    nonCanonical: { start: 1n << 38n, end: 0x10000000000000000n - (1n << 38n) },
    regions: [
      { kind: 'vmemmap', start: 0xffffffcf00000000n, end: 0xffffffd000000000n },
      { kind: 'vmalloc', start: 0xffffffd000000000n, end: LINEAR_IMAGE - 0x80000000n },
      { kind: 'module-text', start: LINEAR_IMAGE - 0x80000000n, end: LINEAR_IMAGE },
      { kind: 'kernel-text', start: LINEAR_IMAGE, end: textEnd },
      { kind: 'direct-map', start: LINEAR_IMAGE, end: 0xffffffffffffffffn },
    ],
  };
}

function layout(samples: LayoutSamples): Layout {
  const all = [...samples.text, ...samples.direct, ...samples.vmalloc];
  const hole = (vaBits: number) => ({ start: 1n << BigInt(vaBits - 1), end: 0x10000000000000000n - (1n << BigInt(vaBits - 1)) });
  if (all.some((a) => a >= 0xff00000000000000n && a < 0xffe0000000000000n)) {
    return {
      vaBits: 57,
      era: 'riscv64 Sv57',
      userEnd: 1n << 56n,
      nonCanonical: hole(57),
      regions: [
        { kind: 'fixmap', start: 0xff1bfffffea00000n, end: 0xff1bffffff000000n },
        { kind: 'vmemmap', start: 0xff1c000000000000n, end: 0xff20000000000000n },
        { kind: 'vmalloc', start: 0xff20000000000000n, end: 0xff20000000000000n + 16n * PB },
        { kind: 'direct-map', start: 0xff60000000000000n, end: 0xffdf000000000000n },
        ...top(),
      ],
    };
  }
  if (all.some((a) => a >= 0xffff800000000000n && a < 0xfffff00000000000n)) {
    return {
      vaBits: 48,
      era: 'riscv64 Sv48',
      userEnd: 1n << 47n,
      nonCanonical: hole(48),
      regions: [
        { kind: 'fixmap', start: 0xffff8d7ffea00000n, end: 0xffff8d7fff000000n },
        { kind: 'vmemmap', start: 0xffff8d8000000000n, end: 0xffff8f8000000000n },
        { kind: 'vmalloc', start: 0xffff8f8000000000n, end: 0xffffaf8000000000n },
        { kind: 'direct-map', start: 0xffffaf8000000000n, end: 0xffffef8000000000n },
        ...top(),
      ],
    };
  }
  if (samples.code.some(inLinearImage)) return linearImageLayout(samples.code);
  // A report cut before its trace (or one without): its epc and ra, where nothing shows 5.13+ text.
  const sites = samples.sites ?? [];
  const modernText = (a: bigint) => a >= 0xffffffff80000000n;
  if (sites.some(inLinearImage) && !sites.some(modernText) && !samples.code.some(modernText))
    return linearImageLayout([...samples.code, ...sites]);
  // Sv39, the mode every RV64 MMU has; its hole is left unsaid unless the transcript shows the mode.
  const seen = all.some((a) => a >= 0xffffffc000000000n && a < 0xffffffff00000000n);
  return {
    vaBits: 39,
    era: 'riscv64 Sv39',
    userEnd: 1n << 38n,
    ...(seen ? { nonCanonical: hole(39) } : {}),
    regions: [
      { kind: 'fixmap', start: 0xffffffc4fea00000n, end: 0xffffffc4ff000000n },
      { kind: 'vmemmap', start: 0xffffffc500000000n, end: 0xffffffc600000000n },
      { kind: 'vmalloc', start: 0xffffffc600000000n, end: 0xffffffd600000000n },
      { kind: 'direct-map', start: 0xffffffd600000000n, end: 0xfffffff600000000n },
      ...top(),
    ],
  };
}

export const riscv64: ArchSpec = {
  id: 'riscv64',
  aliases: ['riscv', 'rv64'],
  wordBytes: 8,
  registers: {
    names: NAMES,
    pc: ['epc', 'PC'],
    sp: ['sp', 'SP'],
    fp: ['s0'],
    lr: ['ra', 'RA'],
    args: ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'],
    status: { status: SSTATUS, cause: SCAUSE, CAUSE: SCAUSE, SYSCALLNO: SYSCALL_NO },
  },
  evidence: {
    reportLine: riscv64ReportLine,
    registerLine: (name) => (OWN.has(name) ? 1 : 0),
    mnemonic: (mnemonic) => (MNEMONICS.has(mnemonic) ? 1 : 0),
    // Modules at ffffffff0…–ffffffff7… (x86_64 has nothing there); kernel text at ffffffff8… is shared with x86_64.
    textAddress: (hex) => (hex.startsWith('ffffffff') && hex.charCodeAt(8) >= 48 && hex.charCodeAt(8) <= 55 ? 1 : 0),
    traceFunction,
    stackAddress,
  },
  layout,
  stripTags: (value) => value,
  // The kernel mapping at ffffffff80000000 holds the whole image: gp (`__global_pointer$`) and a0's structs point into its data.
  kindLabels: { 'kernel-text': 'kernel image (text or data)' },
  // Modules have their own area; vmalloc holds stacks and data.
  textChance: { vmalloc: 'unlikely' },
  calls: {
    returnToCall: RETURN_TO_CALL,
    btShowsCallSite: false,
    btFrame0AtPc: true,
    // 6.x traces begin at epc; 5.x ones one or two frames up (their walk skipped its first pc).
    traceStartsAtPc: false,
    directCallBytes: 4n,
    callMnemonics: ['jal', 'jalr', 'c.jal', 'c.jalr'],
    syscallEntries: /^do_trap_ecall_u$/,
  },
  frames: {
    method: 'frame-record',
    register: 's0',
    returnName: 'return address (ra)',
    linkOffset: -16n,
    returnOffset: -8n,
    returnInto: 'caller',
    alignment: 16n,
    alwaysKept: true,
    crossException,
  },
  exceptionFrame: PT_REGS,
  // `-fpatchable-function-entry` puts 8 bytes of ftrace nops before the code gdb labels `<func>`.
  listingLabelSkew: 8n,
  kernelStack,
  // arch/riscv/Kconfig defines CONFIG_ILLEGAL_POINTER_VALUE 0xdead000000000000 for 64-bit since 6.11
  // ("riscv: define ILLEGAL_POINTER_VALUE for 64bit"); older kernels have none.
  poisonPointerDelta: [0xdead000000000000n, 0n],
  stackBytes: { task: 0x4000n, irq: 0x4000n },
  irqStackSavesSp: false,
  unwinder: {
    walk: (model, start) => walkRiscv64(model, start),
    // crash's bracket is the frame's sp (its callee's fp); the walk finds the frame's own fp above it.
    frameStart: (stackAddress, address, line, label) => ({ sp: stackAddress, pc: address, line, label }),
    registerStart: (model, block) => registerStart(model, block),
  },
};
