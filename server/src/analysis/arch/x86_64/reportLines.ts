// A report line only an x86_64 kernel prints: a general protection fault at a non-canonical
// address (arch/x86/kernel/traps.c: only a 64-bit address can be non-canonical); and a symbolized
// frame's source in arch/x86/ (i386's too, which its 8-digit addresses outweigh).

// Old x86_64 oopses name the fault site as `IP: [<ffffffff…>] func+0x…` (i386's is `EIP:`, 8 digits).
const OLD_SITE = /^\s*IP: \[<ffffffff[0-9a-f]{8}>\]/;

// The fault site with its code segment (`RIP: 0010:kfree+0x…`), also where decode_stacktrace.sh put a
// source location after it that no register line reads (`RIP: 0010:kfree (mm/slub.c:3567)`): only
// x86_64 has RIP (i386 prints `EIP: 0060:`).
const RIP_SITE = /^\s*RIP: [0-9a-f]{4}:/;

export function x86_64ReportLine(text: string): number {
  if (text.includes('probably for non-canonical address')) return 2;
  if (text.includes('RIP: ') && RIP_SITE.test(text)) return 2;
  // x86's stack dumps bracket the task's part (`<TASK>`, 5.16+); i386's too, which its 8-digit addresses outweigh.
  if (text.includes('<TASK>') || text.includes('</TASK>')) return 1;
  if (text.includes('IP: [<') && OLD_SITE.test(text)) return 2;
  return text.includes('arch/x86/') ? 1 : 0;
}
