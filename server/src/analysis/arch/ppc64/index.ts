// ppc64 (64-bit PowerPC, ELFv2 little-endian and big-endian): registers R0–R31/NIP/LR as crash
// prints them and GPR00… rows of the console, the back chain through r1 with the LR save
// word in the caller's frame header, interrupt frames with pt_regs, the 0xc… linear map.
import { RULED_OUT, type ArchSpec } from '../types';
import { layout } from './layout';
import { PT_REGS } from './ptRegs';
import { ppc64ReportLine } from './reportLines';
import { DSISR } from './dsisr';
import { MSR } from './msr';
import { POWER_OWN_REGISTERS, POWER_REGISTER_NAMES } from './registers';
import { kernelStack, registerStart } from './starts';
import { CALL_BYTES, LR_SAVE, walkPpc64 } from './unwind';

/**
 * A console call-trace return address in ppc64 kernel text: the image in the first GB of the
 * linear map (c000000000000000…), modules in vmalloc (c008… since 4.17, d000… before). No other
 * architecture runs its kernel there: x86_64 has no canonical c…/d… address, arm64 and riscv64
 * kernel space is ffff…/ff…, s390x's 0000…, LoongArch's 9000…. mips64 maps XKSEG at c000… too,
 * but only kernels loaded in XKPHYS put modules there (vmalloc from MAP_BASE), and their core
 * text at a800…/9800… lies where no ppc64 address is valid: such a trace is never ppc64's, however
 * many module frames it has. The usual CKSEG0 mips64 kernel loads modules at ffffffffc0…
 * (MODULE_START, arch/mips/include/asm/pgtable-64.h), and IP27's mapped kernel runs at
 * c000000040…, past the first GB.
 */
function traceTextAddress(hex: string): number {
  // No effective address lies between user space (below 2^52) and the 0xc… quadrant: text there
  // (mips64's XKPHYS a800…/9800…, LoongArch's 9000…) is another architecture's, whatever else agrees.
  const top = parseInt(hex.slice(0, 3), 16);
  // But 64-bit Book3E (e5500/e6500) kernels put vmalloc, module text too, at 8000… (KERN_VIRT_START,
  // nohash/64/pgtable.h): neither evidence nor against it.
  if (top === 0x800) return 0;
  if (top >= 0x001 && top < 0xc00) return RULED_OUT;
  if (hex.startsWith('c0000000')) return hex.charCodeAt(8) <= 51 /* '3': below IMAGE_LIMIT */ ? 1 : 0;
  return hex.startsWith('c008') || hex.startsWith('d000') ? 1 : 0;
}

/** Mnemonics only Power has (`bl`, `b`, `ld`, `addi`, `li`, `nop` are arm64, riscv64 or s390x mnemonics too). */
const MNEMONICS = new Set([
  'std',
  'stdu',
  'stdx',
  'stdux',
  'mflr',
  'mtlr',
  'mfctr',
  'mtctr',
  'bctrl',
  'bctr',
  'mr',
  'addis',
  'lis',
  'lwz',
  'lwa',
  'lbz',
  'lhz',
  'stw',
  'rldicl',
  'rldicr',
  'rlwinm',
  'cmpdi',
  'cmpwi',
  'cmpld',
  'cmpldi',
  'cmplwi',
  'extsw',
  'mfspr',
  'mtspr',
  'mfcr',
  'tdnei',
  'twi',
  'lwsync',
]);

export const ppc64: ArchSpec = {
  id: 'ppc64',
  aliases: ['ppc64le', 'ppc64el', 'powerpc64le', 'powerpc64', 'powerpc'],
  wordBytes: 8,
  registers: {
    names: POWER_REGISTER_NAMES,
    pc: ['NIP'],
    sp: ['R1', 'GPR1'],
    fp: ['R1', 'GPR1'],
    lr: ['LR', 'LINK'],
    args: ['R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10'],
    status: { MSR, DSISR },
    // An interrupt other than a system call saves CFAR in pt_regs' orig_gpr3, which crash prints as OR3
    // and show_regs as CFAR (arch/powerpc/kernel/process.c).
    instructionAt: {
      CFAR: 'the last branch taken before the interrupt (CFAR)',
      OR3: 'the last branch taken before the interrupt (CFAR, which an interrupt saves in orig_gpr3)',
    },
  },
  evidence: {
    reportLine: ppc64ReportLine,
    registerLine: (name) => (POWER_OWN_REGISTERS.has(name) ? 1 : 0),
    mnemonic: (mnemonic) => (MNEMONICS.has(mnemonic) ? 1 : 0),
    // Kernel text at c000000000000000 (no KASLR), modules at c008….
    textAddress: (hex) => (hex.startsWith('c000000000') || hex.startsWith('c008') ? 1 : 0),
    traceAddress: traceTextAddress,
  },
  layout,
  stripTags: (value) => value,
  kindLabels: { 'direct-map': 'linear map', 'non-canonical': 'invalid address (neither user space nor the kernel quadrant)' },
  // The kernel image, text included, lies in the linear map; modules in the vmalloc area.
  textChance: { 'direct-map': 'may' },
  calls: {
    returnToCall: CALL_BYTES,
    // crash's ppc64 bt prints the LR save word itself, the return address.
    btShowsCallSite: false,
    traceStartsAtPc: false,
    instructionBytes: 4,
    callMnemonics: ['bl', 'bla', 'bctrl', 'blrl'],
    syscallEntries: /^system_call_exception$/,
    entryOffsets: [0, 8],
    btMissesLeafCaller: true,
  },
  frames: {
    method: 'back-chain',
    register: 'r1',
    returnName: 'LR save word',
    linkOffset: 0n,
    returnOffset: LR_SAVE,
    returnInto: 'own',
    alignment: 16n,
    // STACK_FRAME_MIN_SIZE (ELFv2): back chain, CR, LR and TOC save words.
    minFrameBytes: 32n,
    alwaysKept: true,
    userLinkEnds: true,
  },
  exceptionFrame: PT_REGS,
  kernelStack,
  // arch/powerpc/Kconfig: ILLEGAL_POINTER_VALUE 0x5deadbeef0000000 on PPC64 (LIST_POISON2 is
  // 0x5deadbeef0000122); older kernels had none (LIST_POISON1 0x00100100).
  poisonPointerDelta: [0x5deadbeef0000000n, 0n],
  stackBytes: { task: 0x4000n, irq: 0x4000n },
  irqStackSavesSp: false,
  unwinder: {
    walk: (model, start) => walkPpc64(model, start),
    frameStart: (stackAddress, address, line, label) => ({ fp: stackAddress, pc: address, line, label }),
    registerStart: (model, block) => registerStart(model, block),
  },
};
