// RFLAGS/EFLAGS (`EFLAGS: 00010246`, crash's `RFLAGS: 00000206`): status bits, not a number
// (Intel SDM vol. 1, 3.4.3 "EFLAGS Register"; arch/x86/include/uapi/asm/processor-flags.h).
// What a kernel engineer reads first: whether interrupts were on (IF) and whether a user
// access window was open (AC, set by stac() under SMAP).
import { setBits, type NamedBits } from '../bitFields';
import type { StatusRegister } from '../types';

const FLAGS: NamedBits = [
  [0, 'CF', 'carry'],
  [2, 'PF', 'parity'],
  [4, 'AF', 'adjust'],
  [6, 'ZF', 'zero'],
  [7, 'SF', 'sign'],
  [8, 'TF', 'single-step trap'],
  [10, 'DF', 'direction: string operations count down'],
  [11, 'OF', 'overflow'],
  [14, 'NT', 'nested task'],
  [16, 'RF', 'resume: the next instruction skips debug faults'],
  [17, 'VM', 'virtual-8086 mode'],
  [18, 'AC', 'alignment check / SMAP off: a user access window open (stac)'],
  [19, 'VIF', 'virtual interrupt'],
  [20, 'VIP', 'virtual interrupt pending'],
  [21, 'ID', 'CPUID available'],
];

function fields(value: bigint): string[] {
  const on = (bit: number) => ((value >> BigInt(bit)) & 1n) === 1n;
  const result = [on(9) ? 'IF: interrupts enabled' : 'IF clear: interrupts disabled'];
  const iopl = Number((value >> 12n) & 3n);
  if (iopl !== 0) result.push(`IOPL ${iopl}`);
  result.push(...setBits(FLAGS, value));
  return result;
}

/** Flags use bits 0–21 and always have bit 1 set: anything else is a word read at the wrong slot (a stack address). */
const holdsValue = (value: bigint) => value < 1n << 22n && (value & 2n) === 2n;

/** The flags register under the name a transcript gives it (`RFLAGS`, `EFLAGS`). */
export function flagsRegister(title: string): StatusRegister {
  return { title, fields, holdsValue };
}
