// A report line only a 64-bit powerpc kernel prints: the faulting instruction's 16-digit address
// (arch/powerpc/kernel/traps.c, `Faulting instruction address: 0xc00000000069d168`; 32-bit
// powerpc prints 8 digits).
const FAULT_ADDRESS_64 = /Faulting instruction address: 0x[0-9a-f]{16}\b/;

export function ppc64ReportLine(text: string): number {
  if (text.includes('Faulting instruction address:') && FAULT_ADDRESS_64.test(text)) return 2;
  // A symbolized frame's source in arch/powerpc/.
  return text.includes('arch/powerpc/') ? 1 : 0;
}
