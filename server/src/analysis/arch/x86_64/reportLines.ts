// A report line only an x86_64 kernel prints: a general protection fault at a non-canonical
// address (arch/x86/kernel/traps.c: only a 64-bit address can be non-canonical).
export function x86_64ReportLine(text: string): number {
  return text.includes('probably for non-canonical address') ? 2 : 0;
}
