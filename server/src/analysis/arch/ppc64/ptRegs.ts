// ppc64 exception frames. Interrupt entry builds a frame of STACK_INT_FRAME_SIZE: the
// ELFv2 frame header (STACK_FRAME_OVERHEAD, 112 bytes) with STACK_FRAME_REGS_MARKER at
// sp + 0x60 (STACK_FRAME_MARKER = 12 doublewords), then `struct pt_regs` at sp + 0x70
// (arch/powerpc/include/asm/ptrace.h; `struct pt_regs -x` in test/corpus/ppc64le).
import type { Model } from '../../model';
import type { ExceptionFrameLayout } from '../types';

/** Where pt_regs starts in an interrupt frame, from its sp (STACK_FRAME_OVERHEAD). */
export const REGS_FROM_SP = 0x70n;

/** gpr[0..31] from 0x0, then nip, msr, orig_gpr3, ctr, link, xer, ccr, softe, trap, dar, dsisr, result; 0x180 with the 6.x pad. */
export const PT_REGS: ExceptionFrameLayout = {
  walkedAtRegs: false,
  bytes: 0x180,
  offsets: { gpr1: 0x8, nip: 0x100, msr: 0x108, link: 0x120, trap: 0x140 },
  // The walk stands at the interrupt frame's sp; pt_regs follow its header.
  fromWalkedFrame: Number(REGS_FROM_SP),
};

/** Where the marker sits in an interrupt frame, from its sp. */
const MARKER_FROM_SP = 0x60n;
/** "REGS" (0x53474552, kernels since 6.1) and the older "regshere" (what crash 8.0.2 still looks for). */
const MARKERS = new Set([0x53474552n, 0x7265677368657265n]);
/** MSR_PR: the interrupted context ran in user mode (problem state). */
const MSR_PR = 0x4000n;

const at = (field: string) => BigInt(PT_REGS.offsets[field]);

export interface PtRegs {
  /** Address of pt_regs (the console's `REGS:`). */
  address: bigint;
  nip: bigint;
  /** The interrupted r1. */
  sp: bigint;
  link?: bigint;
  msr: bigint;
  trap?: bigint;
  user: boolean;
  /** Lines of the words read (marker first). */
  lines: number[];
}

/** The pt_regs of the interrupt frame at `sp`, when the frame header carries the marker. */
export function ptRegsAtFrame(model: Model, sp: bigint): PtRegs | undefined {
  const marker = model.memory.read64(sp + MARKER_FROM_SP);
  if (!marker || !MARKERS.has(marker.value)) return undefined;
  const address = sp + REGS_FROM_SP;
  const read = (field: string) => model.memory.read64(address + at(field));
  const nip = read('nip');
  const gpr1 = read('gpr1');
  const msr = read('msr');
  if (!nip || !gpr1 || !msr) return undefined;
  const link = read('link');
  const trap = read('trap');
  return {
    address,
    nip: nip.value,
    sp: gpr1.value,
    link: link?.value,
    msr: msr.value,
    trap: trap?.value,
    user: (msr.value & MSR_PR) !== 0n,
    lines: [...new Set([marker.line, nip.line, gpr1.line, msr.line])],
  };
}
