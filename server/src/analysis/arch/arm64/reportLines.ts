// Report lines only an arm64 kernel prints: its abort decoding (arch/arm64/mm/fault.c
// mem_abort_decode: `Mem abort info:`, `ESR = 0x96000005`, `Data abort info:`) and its oops with
// the ESR in it (`Internal error: Oops: 96000005 [#1] PREEMPT SMP`); 32-bit arm's ends in its
// instruction set (`Internal error: Oops: 8000000d [#1] SMP ARM`, arch/arm/kernel/traps.c S_ISA).
const OOPS_WITH_ESR = /Internal error: Oops(?: - [\w ]+)?: [0-9a-f]{8,16} \[#\d+\](?!.*\b(?:ARM|THUMB2)\s*$)/;

/** A trace frame marked by arm64's unwinder (6.13+, arch/arm64/kernel/stacktrace.c): ` (T)`, ` (P)`, ` (L)`, ` (C)`, ` (F)`, ` (K)`. */
const UNWINDER_MARK = / \([PLTCFK]\)\s*$/;

export function arm64ReportLine(text: string): number {
  if (text.endsWith(')') && UNWINDER_MARK.test(text)) return 2;
  if (text.includes('abort info:') || text.includes('ESR = 0x')) return 2;
  // A symbolized frame's source in arch/arm64/.
  if (text.includes('arch/arm64/')) return 1;
  return text.includes('Internal error: Oops') && OOPS_WITH_ESR.test(text) ? 2 : 0;
}
