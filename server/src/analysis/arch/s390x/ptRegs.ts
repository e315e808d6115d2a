// s390x exception frames: the entry code (pgm_check_handler, system_call, the interrupt
// handlers) puts `struct pt_regs` at STACK_FRAME_OVERHEAD (160) above its own stack frame,
// whose back chain is 0 (arch/s390/kernel/entry.S; struct pt_regs in
// arch/s390/include/asm/ptrace.h, 6.1): args[0] 0, psw.mask 8, psw.addr 16, gprs[0..15]
// 24..151 (r14 136, r15 144), orig_gpr2 152, int_code/int_parm 160, int_parm_long 168,
// flags 176, cr1 184, last_break 192.
import type { ExceptionFrameLayout } from '../types';

export const PT_REGS: ExceptionFrameLayout = {
  walkedAtRegs: true,
  bytes: 200,
  offsets: { psw_mask: 8, psw_addr: 16, gprs: 24, r14: 136, r15: 144, orig_gpr2: 152, int_code: 160, last_break: 192 },
};

/** STACK_FRAME_OVERHEAD: pt_regs sits this far above the entry code's frame. */
export const STACK_FRAME_OVERHEAD = 160n;

/** PSW_MASK_PSTATE: the problem-state (user mode) bit of the PSW mask. */
export const PSW_MASK_PSTATE = 0x0001000000000000n;
