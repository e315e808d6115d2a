// An architecture `crash` reads that the analysis does not model: its register names and
// roles (parsed, named on hover) and the evidence that tells its transcripts apart, so that
// they stay `unknown` instead of being judged by another architecture's rules.
import { hexDigit } from '../../hex';
import type { ArchEvidence, RegisterRoles } from '../types';

export interface ReadOnlyArch {
  readonly name: string;
  readonly wordBytes: 4 | 8;
  /** Bytes of a task and of an IRQ stack (THREAD_SIZE, IRQ_STACK_SIZE). */
  readonly stackBytes: { task: bigint; irq: bigint };
  /** Register names its register lines use and their roles; none where lines are not `NAME: value` pairs. */
  readonly registers?: RegisterRoles;
  readonly evidence: ArchEvidence;
}

/** A scorer that gives `points` to any of `names`. */
export function oneOf(points: number, ...names: string[]): (name: string) => number {
  const set = new Set(names);
  return (name) => (set.has(name) ? points : 0);
}

/** `$0`…`$31`: general registers by number, as mips and crash's LoongArch bt print them in rows (`$ 8   : v v v v`). */
export const NUMBERED_GPRS: readonly string[] = Array.from({ length: 32 }, (_, i) => `$${i}`);

const THIRTY_TWO_BIT_LINE = /^\s*0x[0-9a-fA-F]{8}\s/;

/** `0xc1234567 <func+4>:` — a disassembly line of a 32-bit kernel. */
export function thirtyTwoBitLine(text: string): boolean {
  // Asked of every instruction line (i386 and arm32 score operands): a 64-bit line's first `0x` has a
  // digit ten characters on, which says no without the regex (its call cost most of the scoring).
  const at = text.indexOf('0x');
  return at >= 0 && hexDigit(text.charCodeAt(at + 10)) < 0 && THIRTY_TWO_BIT_LINE.test(text);
}
