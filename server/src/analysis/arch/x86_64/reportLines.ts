// A report line only an x86_64 kernel prints: a general protection fault at a non-canonical
// address (arch/x86/kernel/traps.c: only a 64-bit address can be non-canonical); and a symbolized
// frame's source in arch/x86/ (i386's too, which its 8-digit addresses outweigh).
export function x86_64ReportLine(text: string): number {
  if (text.includes('probably for non-canonical address')) return 2;
  return text.includes('arch/x86/') ? 1 : 0;
}
