// Evidence of architectures `crash` reads but the analysis does not model yet. They are
// scored beside the registered ones only to keep their transcripts `unknown`.
// Registering an architecture (./registry) replaces its entry here: ppc64, s390x and riscv64
// are registered now, and the read-only ones (./readonly) carry their own evidence.
import { POWER_OWN_REGISTERS } from './ppc64/registers';
import type { ArchEvidence } from './types';

/**
 * 32-bit powerpc (PowerMac G4, e500, 8xx): show_regs (arch/powerpc/kernel/process.c) prints the names
 * ppc64 prints with 8-digit values (`NIP:  f1020000 LR: c00053a4`, `MSR:  10009032 <EE,ME,IR,DR,RI>`,
 * `GPR00:` rows of eight) and traces `[c1c6de08] [c0005390] func+off/size`. The kernel runs at
 * KERNELBASE c0000000: the register names tie with ppc64, its 8-digit text addresses decide.
 */
const ppc32: ArchEvidence = {
  registerLine: (name) => (POWER_OWN_REGISTERS.has(name) ? 1 : 0),
  textAddress: () => 0,
  textAddress32: (hex) => (hex.startsWith('c0') ? 1 : 0),
};

export const UNMODELLED: readonly { name: string; evidence: ArchEvidence }[] = [{ name: 'ppc32', evidence: ppc32 }];
