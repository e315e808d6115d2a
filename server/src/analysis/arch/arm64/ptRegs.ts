// arm64 `struct pt_regs` (arch/arm64/include/asm/ptrace.h, 5.x/6.x): regs[0..30] at
// 0x0–0xf0, sp 0xf8, pc 0x100, pstate 0x108; `stackframe` (the frame record an
// exception entry links into the chain) at 0x130.
import type { ExceptionFrameLayout } from '../types';

export const PT_REGS: ExceptionFrameLayout = {
  walkedAtRegs: false,
  bytes: 0x150,
  offsets: { regs: 0x0, sp: 0xf8, pc: 0x100, pstate: 0x108, stackframe: 0x130 },
  fromWalkedFrame: -0x130,
};
