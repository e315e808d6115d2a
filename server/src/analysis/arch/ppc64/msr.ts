// The Machine State Register (`MSR:  800000000280b033 <SF,VEC,VSX,EE,FP,ME,IR,DR,RI,LE>`): status
// bits, not an address (Power ISA Book III; arch/powerpc/include/asm/reg.h MSR_*_LG, where bit 0
// is the least significant). The console prints the names of the bits set beside it; crash does not.
import { setBits, type NamedBits } from '../bitFields';
import type { StatusRegister } from '../types';

const BITS: NamedBits = [
  [63, 'SF', '64-bit mode'],
  [60, 'HV', 'hypervisor state'],
  [25, 'VEC', 'vector (Altivec) available'],
  [23, 'VSX', 'VSX available'],
  [15, 'EE', 'external interrupts enabled'],
  [13, 'FP', 'floating point available'],
  [12, 'ME', 'machine checks enabled'],
  [10, 'SE', 'single-step trace'],
  [9, 'BE', 'branch trace'],
  [5, 'IR', 'instruction relocation (MMU on for fetches)'],
  [4, 'DR', 'data relocation (MMU on for data)'],
  [1, 'RI', 'recoverable interrupt'],
  [0, 'LE', 'little-endian'],
];

function fields(value: bigint): string[] {
  const on = (bit: number) => ((value >> BigInt(bit)) & 1n) === 1n;
  const result = [on(14) ? 'PR: problem state (user mode)' : 'PR clear: supervisor state (kernel mode)'];
  if (!on(15)) result.push('EE clear: external interrupts disabled');
  result.push(...setBits(BITS, value));
  const transaction = Number((value >> 33n) & 3n);
  if (transaction !== 0) result.push(transaction === 1 ? 'TS: transaction suspended' : 'TS: transactional');
  return result;
}

export const MSR: StatusRegister = { title: 'MSR (machine state)', fields };
