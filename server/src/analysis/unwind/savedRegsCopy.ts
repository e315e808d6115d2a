// The kdump path keeps a copy of the crashing registers on the stack: __crash_kexec (crash_kexec
// before 4.6) has a `struct pt_regs fixed_regs` local that crash_setup_regs() fills. That copy has
// the shape of an exception frame, and crash's `bt -e` prints it as a KERNEL-MODE EXCEPTION FRAME,
// but no exception entered there: a walk taking it as one jumps over the frames between it and the
// real entry (oops_end, the fault handler, the entry stub). Walks pass through it instead.
import type { Model } from '../model';
import type { Register } from '../types';

/** `__crash_kexec`, `crash_kexec` and compiler clones of them (`.constprop.0`). */
const HOLDER = /^_{0,2}crash_kexec(?:\.\w+)*$/;

/** Whether `fn`'s frame holds the pt_regs copy crash_setup_regs() fills. */
export function holdsRegsCopy(fn: string | undefined): boolean {
  return fn !== undefined && HOLDER.test(fn);
}

/** crash's `bt -e` heading: `KERNEL-MODE EXCEPTION FRAME AT: ffffa7bf4e7f3950` (i386 without the colon). */
const EXCEPTION_FRAME_AT = /EXCEPTION FRAME AT:?\s+([0-9a-fA-F]{8,16})\b/;
/** Lines between that heading and the block's first register (`[exception RIP: …]` between). */
const HEADING_REACH = 2;

/**
 * Whether a register block is crash's `bt -e` report of the copy: its heading's address lies in
 * the frame of a holder that a `bt` of the transcript prints (from its slot to the next frame's).
 */
export function isRegsCopyBlock(model: Model, block: readonly Register[]): boolean {
  if (block.length === 0) return false;
  const first = block.reduce((m, r) => Math.min(m, r.line), block[0].line);
  for (let line = first - 1; line >= Math.max(0, first - HEADING_REACH); line--) {
    const m = EXCEPTION_FRAME_AT.exec(model.line(line));
    if (m) return inHolderFrame(model, BigInt('0x' + m[1]));
  }
  return false;
}

function inHolderFrame(model: Model, address: bigint): boolean {
  for (const bt of model.backtraces) {
    for (const frame of bt.frames) {
      if (!holdsRegsCopy(frame.function) || frame.stackAddress === undefined || address < frame.stackAddress) continue;
      const next = bt.frames.reduce<bigint | undefined>(
        (m, f) =>
          f.stackAddress !== undefined && f.stackAddress > frame.stackAddress! && (m === undefined || f.stackAddress < m)
            ? f.stackAddress
            : m,
        undefined,
      );
      if (next !== undefined && address < next) return true;
    }
  }
  return false;
}
