// Where an arm64 function keeps its frame record inside its frame, read from its prologue as a
// listing shows it. AAPCS64 lets a function put {x29, x30} anywhere in its frame: at the bottom
// (`stp x29, x30, [sp, #-N]!; mov x29, sp`, its saved registers and locals above the record) or
// above locals it allocated first (`sub sp, sp, #N; stp x29, x30, [sp, #M]; add x29, sp, #M`).
// So the words between a frame record and its caller's are the callee's (above its record) or the
// caller's (below its own) as their prologues say; crash's bt -f lists them all under the callee.
import type { Model } from '../../model';
import type { SlotOwner } from '../types';
import type { Frame } from '../../types';

/** Instructions of a prologue read: paciasp, a patchable entry's nops and `mov x9, x30` come first. */
const PROLOGUE_BYTES = 0x40n;

const SUB_SP = /^sp,\s*sp,\s*#(0x[0-9a-f]+|\d+)$/;
const STORE_RECORD = /^x29,\s*x30,\s*\[sp(?:,\s*#(-?(?:0x[0-9a-f]+|\d+)))?\](!?)$/;

interface RecordPlace {
  /** Bytes from the function's sp up to its record: locals below the record are its own. */
  aboveSp: bigint;
  /** Bytes its prologue allocates from sp (`sub sp, sp, #N`, or the pre-index store's N), when it says. */
  frameBytes?: bigint;
}

/** The record's place in `fn`'s frame, from its listed prologue; undefined where none is listed. */
export function recordPlace(model: Model, fn: string): RecordPlace | undefined {
  const base = model.symbols.get(fn)?.base;
  if (base === undefined) return undefined;
  let allocated: bigint | undefined;
  for (const insn of model.instructions.range(base, base + PROLOGUE_BYTES)) {
    const sub = insn.mnemonic === 'sub' ? SUB_SP.exec(insn.operands) : null;
    if (sub) {
      allocated = (allocated ?? 0n) + BigInt(sub[1]);
      continue;
    }
    if (insn.mnemonic !== 'stp') continue;
    const m = STORE_RECORD.exec(insn.operands);
    if (!m) continue;
    const offset = m[1] === undefined ? 0n : m[1].startsWith('-') ? -BigInt(m[1].slice(1)) : BigInt(m[1]);
    // `stp x29, x30, [sp, #-N]!`: the record at the bottom of a frame of N bytes.
    if (m[2] === '!') return offset < 0n && allocated === undefined ? { aboveSp: 0n, frameBytes: -offset } : undefined;
    return offset >= 0n ? { aboveSp: offset, frameBytes: allocated } : undefined;
  }
  return undefined;
}

/**
 * Whose frame a word between two frame records is: the callee's (above its record: the frame at the
 * lower address) or the caller's (below its own), and the prologue that tells; undefined where none listed does.
 */
export function slotOwner(model: Model, address: bigint, callee: Frame, caller: Frame): SlotOwner | undefined {
  if (callee.stackAddress === undefined || caller.stackAddress === undefined) return undefined;
  const upper = recordPlace(model, caller.function);
  if (upper !== undefined) {
    const why = `${caller.function}'s prologue puts its record 0x${upper.aboveSp.toString(16)} above its sp`;
    return { owner: address >= caller.stackAddress - upper.aboveSp ? 'caller' : 'callee', why };
  }
  // The callee's frame runs from its sp (its record less aboveSp) for the bytes it allocated.
  const lower = recordPlace(model, callee.function);
  if (lower?.frameBytes === undefined) return undefined;
  const why = `${callee.function}'s prologue allocates 0x${lower.frameBytes.toString(16)} bytes, its record 0x${lower.aboveSp.toString(16)} above its sp`;
  return { owner: address < callee.stackAddress - lower.aboveSp + lower.frameBytes ? 'callee' : 'caller', why };
}
