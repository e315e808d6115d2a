// riscv64 `struct pt_regs` (arch/riscv/include/asm/ptrace.h, 5.x/6.x): epc, then x1–x31 in
// register order (ra sp gp tp t0–t2 s0 s1 a0–a7 s2–s11 t3–t6), status, badaddr, cause,
// orig_a0: 36 words. `handle_exception` (arch/riscv/kernel/entry.S) saves it on the
// interrupted stack and calls the `do_*` handler with a0 = sp = the pt_regs.
import type { ExceptionFrameLayout } from '../types';

export const PT_REGS: ExceptionFrameLayout = {
  walkedAtRegs: false,
  bytes: 288,
  offsets: { epc: 0, ra: 8, sp: 16, gp: 24, tp: 32, s0: 64, a0: 80, status: 256, badaddr: 264, cause: 272, orig_a0: 280 },
  // The handler's frame pointer is the sp handle_exception called it with: the pt_regs.
  fromWalkedFrame: 0,
};

/** sstatus.SPP (bit 8): the trap came from supervisor (kernel) mode; clear for user mode. */
export const STATUS_SPP = 0x100n;
