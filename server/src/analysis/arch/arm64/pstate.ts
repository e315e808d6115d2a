// PSTATE (`pstate: 60400009 (nZCv daif +PAN -UAO …)`, crash's `PSTATE: 204003c5`): the saved
// program status (SPSR_ELx layout, Arm ARM C5.2.19; arch/arm64/include/uapi/asm/ptrace.h
// PSR_*), status bits, not an address. Its mode field says whose context the registers are.
import type { StatusRegister } from '../types';

/** M[3:0] of an AArch64 context (M[4] clear). */
const MODES: Record<number, string> = {
  0x0: 'EL0t: user mode',
  0x4: 'EL1t: kernel mode, SP_EL0',
  0x5: 'EL1h: kernel mode, SP_EL1',
  0x8: 'EL2t: hypervisor mode, SP_EL0',
  0x9: 'EL2h: hypervisor mode, SP_EL2',
};

const bit = (value: bigint, n: number) => ((value >> BigInt(n)) & 1n) === 1n;

function fields(value: bigint): string[] {
  const flags = ['N', 'Z', 'C', 'V'].map((f, i) => (bit(value, 31 - i) ? f : f.toLowerCase())).join('');
  const masked = ['D', 'A', 'I', 'F'].filter((_, i) => bit(value, 9 - i));
  const mode = Number(value & 0x1fn);
  const result = [
    mode & 0x10
      ? `AArch32 mode 0x${mode.toString(16)}${(mode & 0xf) === 0 ? ': user mode (a 32-bit task)' : ''}`
      : (MODES[mode] ?? `mode 0x${mode.toString(16)}`),
    `condition flags ${flags}`,
    masked.length ? `${masked.join('')} masked${masked.includes('I') ? ': IRQs off' : ''}` : 'no exception masked: IRQs on',
  ];
  if (bit(value, 22)) result.push('PAN: privileged access to user memory blocked');
  if (bit(value, 23)) result.push('UAO: user access override');
  if (bit(value, 25)) result.push('TCO: tag checks off (MTE)');
  if (bit(value, 24)) result.push('DIT: data-independent timing');
  if (bit(value, 12)) result.push('SSBS: speculative store bypass allowed');
  if (bit(value, 21)) result.push('SS: single-step');
  if (bit(value, 20)) result.push('IL: illegal execution state');
  const btype = Number((value >> 10n) & 3n);
  if (btype !== 0) result.push(`BTYPE ${btype} (branch target identification)`);
  return result;
}

export const PSTATE: StatusRegister = { title: 'PSTATE', fields };

/** Whether a saved PSTATE is a user context's (EL0, or a 32-bit task's user mode). */
export function isUserPstate(value: bigint): boolean {
  return (value & 0xfn) === 0n;
}
