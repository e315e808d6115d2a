// s390x (z/Architecture, 64-bit): registers r0–r15 and the PSW, the back chain through
// r15 with the saved r14 (./unwind), pt_regs above entry frames (./ptRegs), and the
// kernel's low, identity-mapped address space (kernel image from 1 MiB, vmemmap,
// vmalloc and modules below 4 TB; user space is a separate address space).
import type { ArchSpec, Layout, LayoutSamples, Region } from '../types';
import { isProblemState, PSW_MASK } from './psw';
import { PT_REGS } from './ptRegs';
import { kernelStack, registerStart } from './starts';
import { BACK_CHAIN, RETURN_TO_CALL, SAVED_R14, walkS390x } from './unwind';
import { CLOCK_COMPARATOR, CPU_TIMER } from './timers';
import { s390xReportLine } from './reportLines';

const GPRS = Array.from({ length: 16 }, (_, i) => `r${i}`);
const PSW = ['PSW.mask', 'PSW.addr'];
const NAMES = [...GPRS, ...PSW];
/** Mnemonics only z/Architecture has (x86 `%r8`…`%r15` operands look alike: mnemonics decide). */
const MNEMONICS = new Set([
  'lgr',
  'lg',
  'stmg',
  'lmg',
  'stg',
  'lay',
  'brasl',
  'brcl',
  'larl',
  'lghi',
  'aghi',
  'xgr',
  'nopr',
  'lgrl',
  'basr',
  'cgij',
  'cgijne',
  'clgijnh',
  'ltgr',
  'tmll',
  'tmhh',
  'stnsm',
  'lctlg',
  'mvghi',
]);

/**
 * A console call-trace address in s390x kernel text: modules, and since 6.10 the image, lie
 * above 4 GiB and below the ASCE limit (8 PB with four levels; Documentation/arch/s390/mm.rst),
 * where no other 64-bit kernel has text. Below 4 GiB (the image in the identity map of 6.9 and
 * older, KASLR-placed since 5.2) text looks like printk's hashed pointers (`[<00000000abcd1234>]`).
 */
function traceTextAddress(hex: string): number {
  const top = parseInt(hex.slice(0, 8), 16);
  return top > 0 && top < 0x200000 /* 2^53 */ ? 2 : 0;
}

/**
 * Functions of a console call trace only s390x has: its syscall wrappers, its C entry
 * (`arch/s390/kernel/syscall.c`, `traps.c`, `irq.c`) and the handlers of `entry.S`.
 */
function traceFunction(name: string, doubtful: boolean): number {
  return doubtful ? 0 : name.startsWith('__s390x_sys_') || ENTRY_FUNCTIONS.has(name) ? 2 : 0;
}
const ENTRY_FUNCTIONS = new Set([
  '__do_syscall',
  '__do_pgm_check',
  'do_io_irq',
  'do_ext_irq',
  'pgm_check_handler',
  'io_int_handler',
  'ext_int_handler',
  'mcck_int_handler',
  'restart_int_handler',
]);

const MIB = 0x100000n;
const GIB = 0x40000000n;
/** 6.x defaults (arch/s390/boot/startup.c, setup_kernel_memory_layout, 3-level 4 TB ASCE):
 *  MODULES_END = __abs_lowcore rounded down, 2 GiB of modules, 512 GiB − 2 GiB of vmalloc
 *  below them, vmemmap below vmalloc; the identity map (direct map) from 0 up to vmemmap. */
const MODULES_END = 0x3ff80000000n;
const MODULES_START = 0x3ff00000000n;
const VMALLOC_START = 0x37f80000000n;
const VMEMMAP_START = 0x37200000000n;

/** How far below the lowest text the transcript shows the image may still hold text. */
const IMAGE_MARGIN = 16n * MIB;

function layout(samples: LayoutSamples): Layout {
  // The kernel image lies in the identity map (at 1 MiB without KASLR): its text is where the transcript's is.
  const text = samples.text.filter((a) => a >= MIB && a < VMEMMAP_START);
  // Since 5.2 KASLR moves the image up the identity map: below its text (less a margin for the image's
  // text the transcript does not show) lies memory, the lowcore prefix pages among it.
  const lowest = text.reduce((m, a) => (a < m ? a : m), VMEMMAP_START);
  const low = text.length > 0 && lowest > IMAGE_MARGIN + MIB ? (lowest - IMAGE_MARGIN) & ~(MIB - 1n) : MIB;
  const high = text.length > 0 ? (text.reduce((m, a) => (a > m ? a : m), 0n) + MIB) & ~(MIB - 1n) : 16n * MIB;
  // A stack or vmap area below the default vmalloc start moves it down (vmalloc= on the command line).
  const vmallocStart = samples.vmalloc
    .filter((a) => a >= GIB && a < MODULES_START)
    .reduce((m, a) => (a < m ? a & ~(2n * GIB - 1n) : m), VMALLOC_START);
  const vmemmapStart = vmallocStart < VMEMMAP_START ? vmallocStart - (vmallocStart >> 6n) : VMEMMAP_START;
  const regions: Region[] = [
    { kind: 'kernel-text', start: low, end: high },
    { kind: 'direct-map', start: 0n, end: vmemmapStart },
    { kind: 'vmemmap', start: vmemmapStart, end: vmallocStart },
    { kind: 'vmalloc', start: vmallocStart, end: MODULES_START },
    { kind: 'module-text', start: MODULES_START, end: MODULES_END },
  ];
  return {
    vaBits: 42,
    era: 's390x 6.x layout (identity map, vmemmap, vmalloc and modules below 4 TB)',
    // User space is its own address space: a value alone never says it is a user address.
    userEnd: 0n,
    // Below the kernel image (1 MiB): lowcore offsets, counts and flags.
    smallBelow: MIB,
    regions,
  };
}

export const s390x: ArchSpec = {
  id: 's390x',
  aliases: ['s390', 's390x'],
  wordBytes: 8,
  registers: {
    names: NAMES,
    pc: ['PSW.addr'],
    sp: ['r15'],
    fp: ['r15'],
    lr: ['r14'],
    args: ['r2', 'r3', 'r4', 'r5', 'r6'],
    rows: [
      // console `Krnl GPRS:` / `User GPRS:`, crash bt ` GPRS:`: r0–r3, then three lines of four.
      { label: 'GPRS', prefixes: ['Krnl', 'User'], names: GPRS },
      // console `Krnl PSW : mask addr (func+0x38/0x58 [mod])`, crash bt ` PSW:  mask addr (func+56)`.
      { label: 'PSW', prefixes: ['Krnl', 'User'], names: PSW },
    ],
    status: { 'PSW.mask': PSW_MASK, 'cpu timer': CPU_TIMER, 'clock cmp': CLOCK_COMPARATOR },
    // A user PSW (`User PSW :`, crash's `PSW: … (user space)`): its registers are user space's, at numbers kernel ones share.
    userMode: (block) => {
      const mask = block.find((r) => r.name === 'PSW.mask')?.value;
      return mask !== undefined && isProblemState(mask);
    },
  },
  evidence: {
    reportLine: s390xReportLine,
    // A row's label (the row's lines), or the PSW mask where a row was read without its context.
    registerLine: (name) => (name === 'GPRS' || name === 'PSW' || name === 'PSW.mask' ? 2 : 0),
    mnemonic: (mnemonic) => (MNEMONICS.has(mnemonic) ? 1 : 0),
    // Module text at 000003ff…: nothing else prints 16-digit addresses there.
    textAddress: (hex) => (hex.startsWith('000003ff') ? 1 : 0),
    traceAddress: traceTextAddress,
    traceFunction,
  },
  layout,
  stripTags: (value) => value,
  kindLabels: { 'direct-map': 'identity map or user space' },
  // Modules have their own area; vmalloc holds data and stacks.
  // User space is another address space over the same numbers as the identity map: a trace of a
  // system call ends in the user PSW's address (`[<0000004e15e926dc>] 0x4e15e926dc` after `sysc_nr_ok`).
  textChance: { vmalloc: 'unlikely', 'direct-map': 'may' },
  calls: {
    returnToCall: RETURN_TO_CALL,
    btShowsCallSite: false,
    traceStartsAtPc: true,
    // brasl is 6 bytes, bras 4, basr/balr 2.
    directCallBytes: 6n,
    callMnemonics: ['brasl', 'bras', 'basr', 'balr', 'bas', 'jasl', 'jas'],
    syscallEntries: /^__do_syscall$/,
    userReturnAfter: /^(?:system_call|sysc_\w+)$/,
  },
  frames: {
    method: 'back-chain',
    register: 'r15',
    returnName: 'saved r14',
    linkOffset: BACK_CHAIN,
    returnOffset: SAVED_R14,
    returnInto: 'own',
    alignment: 8n,
    alwaysKept: true,
  },
  exceptionFrame: PT_REGS,
  // THREAD_SIZE 16 KiB (THREAD_SIZE_ORDER 2); the async (IRQ) stack is as big.
  kernelStack,
  // arch/s390/kernel/dumpstack.c prints trace addresses with %016lx, never hashed; the image runs from 1 MiB.
  textBelow4G: true,
  // arch/s390/Kconfig defines no CONFIG_ILLEGAL_POINTER_VALUE: LIST_POISON1 is 0x100 (0x00100100
  // before 4.x, inside the image at 1 MiB).
  poisonPointerDelta: [0n],
  stackBytes: { task: 0x4000n, irq: 0x4000n },
  irqStackSavesSp: false,
  unwinder: {
    walk: (model, start) => walkS390x(model, start),
    frameStart: (stackAddress, address, line, label) => ({ fp: stackAddress, pc: address, line, label }),
    registerStart: (model, block) => registerStart(model, block),
  },
};
