// arm64 `struct pt_regs` (arch/arm64/include/asm/ptrace.h, 5.x/6.x): regs[0..30] at
// 0x0–0xf0, sp 0xf8, pc 0x100, pstate 0x108; `stackframe` (the frame record an
// exception entry links into the chain) at 0x130.
import type { ExceptionFrameLayout } from '../types';

export const PT_REGS: ExceptionFrameLayout = {
  walkedAtRegs: false,
  bytes: 0x150,
  offsets: { regs: 0x0, sp: 0xf8, pc: 0x100, pstate: 0x108, stackframe: 0x130 },
  fromWalkedFrame: -0x130,
  // Past pstate the fields moved between releases; orig_x0 and syscallno (with the 32 bits after it) stayed.
  words: {
    fields: [
      ...Array.from({ length: 31 }, (_, i) => [`regs[${i}]`, `x${i}`] as const),
      ['sp', 'sp'],
      ['pc', 'pc'],
      ['pstate', 'pstate'],
      ['orig_x0', 'ORIG_X0'],
      // An entry from user space sets it (NO_SYSCALL, or the call's number); one from the kernel leaves the word as it was.
      ['syscallno', undefined, "its low 32 bits, the word's high half another field; set only on an entry from user space"],
    ],
    pc: 'pc',
    sp: 'sp',
  },
};
