// A walk from sp where x29 is missing or no frame record: the first frame record at or above sp
// in the dumped stack. Functions build their record {x29, LR} at or above the sp they run at
// (`stp x29, x30, [sp, #-N]!; mov x29, sp`, locals below it when they lower sp further), so the
// first 16-byte aligned pair that links upwards on the stack and holds a return address is the
// running function's record, or its caller's where the running function is a leaf that built none
// (then the caller is lr's, which a walk from x29 does not name either).
import { hex16 } from '../../hex';
import type { Model } from '../../model';
import { checkReturnAddress, inStack, stackOf, stackWord } from '../../unwind/code';
import type { UnwindStop } from '../../unwind/types';
import { stripPac } from './pointer';

/** Bytes above sp searched for the first record: a frame's locals below its record stay well within a page. */
const SEARCH_BYTES = 0x1000n;

export interface RecordAboveSp {
  fp: bigint;
  lines: number[];
}

/** The first frame record at or above sp, or why there is none to walk from. */
export function recordAboveSp(model: Model, sp: bigint, vaBits: number): RecordAboveSp | { stop: UnwindStop } {
  const stack = stackOf(model, sp);
  const first = (sp + 0xfn) & ~0xfn;
  const end = stack.top < first + SEARCH_BYTES ? stack.top : first + SEARCH_BYTES;
  for (let at = first; at < end; at += 16n) {
    const link = stackWord(model, at);
    const saved = stackWord(model, at + 8n);
    if (!link || !saved) {
      const reason =
        at === first
          ? `the stack at sp ${hex16(sp)} is not in the transcript`
          : `no frame record at or above sp ${hex16(sp)} up to ${hex16(at)}, where the dump of the stack stops`;
      return { stop: { kind: 'missing-memory', address: at, reason, command: `rd -x ${hex16(at)} 64` } };
    }
    const fp = link.value;
    if (fp === 0n || (fp & 0xfn) !== 0n || fp <= at || !inStack(stack, fp)) continue;
    const lr = stripPac(saved.value, vaBits);
    if (!checkReturnAddress(model, lr).ok) continue;
    // The record it links to, where dumped, links upwards too (or ends the chain).
    const next = stackWord(model, fp)?.value;
    if (next !== undefined && next !== 0n && next <= fp) continue;
    return { fp: at, lines: [...new Set([link.line, saved.line])] };
  }
  return { stop: { kind: 'no-return-address', address: sp, reason: `no frame record within ${hex16(sp)}–${hex16(end)}` } };
}
