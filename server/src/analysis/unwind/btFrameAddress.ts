// What the text address of a crash `bt` frame (` #1 [ffff80000800b650] __const_udelay at
// ffff800008c98f2c`) is. Most of crash's bt builds print a frame at its return address. arm64's
// prints every frame at its saved pc − 4 (arm64.c, "decrement pc by 4"): a caller at its call, the bl
// before its return address, and frame #0 or the frame below an exception entry one instruction
// before the pc where execution was.
import type { ArchSpec } from '../arch/types';
import type { Backtrace } from '../types';

/**
 * `call`: the call before the frame's return address; `before-pc`: the instruction before the pc
 * where execution was (frame #0, the interrupted frame below an exception entry); `pc`: the pc crash
 * starts from (frame #0, CallConvention.btFrame0AtPc); `return`: the return address itself.
 */
export type BtAddressRole = 'call' | 'before-pc' | 'pc' | 'return';

/** The role of the address bt frame `k` prints. */
export function btAddressRole(spec: ArchSpec, bt: Backtrace, k: number): BtAddressRole {
  if (k === 0 && spec.calls.btFrame0AtPc) return 'pc';
  if (!spec.calls.btShowsCallSite) return 'return';
  if (k === 0) return 'before-pc';
  const above = bt.frames[k - 1];
  const interrupted =
    bt.exceptionFrames.some((e) => e.afterLevel === above.level) || spec.calls.exceptionEntries?.test(above.function) === true;
  return interrupted ? 'before-pc' : 'call';
}

/** The pc or return address saved for a frame bt printed at `address`, which the stack holds. */
export function btSavedAddress(spec: ArchSpec, address: bigint): bigint {
  return spec.calls.btShowsCallSite ? address + spec.calls.returnToCall : address;
}
