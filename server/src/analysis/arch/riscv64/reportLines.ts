// A report line that names riscv64: a symbolized frame's source in arch/riscv/ (32-bit riscv, which
// shares it, is no architecture the kernel's crash dumps come from in practice).
export function riscv64ReportLine(text: string): number {
  return text.includes('arch/riscv/') ? 1 : 0;
}
