// CPU exceptions and fault handlers: the function is where the fault site (RIP/pc) points.
import { SITE_LINE, SITE_THEN_TRACE, type Family } from '../rules';

/** A family of one fault title `<name> in FUNC`, the function from the fault site and its trace. */
function fault(header: string, name: string, options: { alt?: boolean; siteOnly?: boolean; notReports?: RegExp[] } = {}): Family {
  return {
    header,
    notReports: options.notReports,
    rules: [
      {
        match: new RegExp(header.replace(/[.]/g, '\\.')),
        title: `${name} in {1}`,
        alt: options.alt ? ['bad-access in {1}'] : undefined,
        frame: options.siteOnly ? { steps: [SITE_LINE] } : SITE_THEN_TRACE,
      },
    ],
  };
}

// s390x says `Unable to handle kernel pointer dereference in virtual kernel address space`
// (arch/s390/mm/fault.c), whatever the address: its function is the PSW's.
export const unableToHandleFamily: Family = {
  header: 'Unable to handle kernel',
  rules: [
    {
      match: /Unable to handle kernel (paging request|NULL pointer dereference|pointer dereference|access to user memory)/,
      title: 'BUG: unable to handle kernel {1} in {2}',
      alt: ['bad-access in {2}'],
      frame: SITE_THEN_TRACE,
    },
    {
      // arm64's other messages (arch/arm64/mm/fault.c): `write to read-only memory`, `execute from
      // non-executable memory`, a fault status it has no handler for (`unknown 43`).
      match: /Unable to handle kernel ([a-z][\w -]*?) at virtual\b/,
      title: 'BUG: unable to handle kernel {1} in {2}',
      alt: ['bad-access in {2}'],
      frame: SITE_THEN_TRACE,
    },
  ],
};

export const generalProtectionFamily: Family = {
  header: 'general protection fault',
  // A user-space program's fault, logged by the kernel.
  notReports: [/general protection fault .* error:\d+ in /],
  rules: [
    {
      match: /general protection fault.*:/,
      title: 'general protection fault in {1}',
      alt: ['bad-access in {1}'],
      frame: SITE_THEN_TRACE,
    },
  ],
};

export const stackSegmentFamily = fault('stack segment: ', 'stack segment fault');
export const doubleFaultFamily = fault('PANIC: double fault', 'PANIC: double fault', { siteOnly: true });
export const divideErrorFamily = fault('divide error: ', 'divide error', { siteOnly: true });
// A misspelling that kernels from 5.8 print.
export const divideErrorMisspeltFamily = fault('divide_error: ', 'divide error', { siteOnly: true });
export const invalidOpcodeFamily = fault('invalid opcode: ', 'invalid opcode', { siteOnly: true });
export const int3Family = fault('int3: ', 'int3');
// arm64's `Internal error: synchronous external abort` is arm's paging request: one bad-access group.
export const internalErrorFamily = fault('Internal error:', 'Internal error', { alt: true });
// arm's `Unhandled fault: page domain fault` is x86's general protection fault.
export const unhandledFaultFamily = fault('Unhandled fault:', 'Unhandled fault', { alt: true });
export const alignmentTrapFamily = fault('Alignment trap:', 'Alignment trap');

// powerpc's die() after a fault it could not fix up (arch/powerpc/kernel/traps.c): `Oops: Kernel access of
// bad area, sig: 11 [#2]`, `Oops: Exception in kernel mode, sig: 5 [#1]`. The signal and the oops count
// vary; the reason and where NIP points name the bug.
export const powerpcOopsFamily: Family = {
  header: 'Oops: ',
  // x86's `Oops: 0010 [#1] SMP` is the second half of a report whose header came first.
  notReports: [/Oops: (?![A-Z][^,\n]*, sig: \d+ \[#\d+\])/],
  rules: [
    {
      match: /Oops: [A-Z][^,\n]*, sig: \d+ \[#\d+\]/,
      detail: /Oops: ([A-Z][^,\n]*), sig: \d+ \[#\d+\]/,
      title: 'Oops: {1} in {2}',
      frame: SITE_THEN_TRACE,
    },
  ],
};

// The die() of architectures that print its reason and the oops count only: mips and LoongArch
// `%s[#%d]:` (arch/mips/kernel/traps.c, arch/loongarch/kernel/traps.c: `Kernel bug detected[#1]:`,
// `do_cpu invoked from kernel context![#1]:`), riscv `%s [#%d]` (arch/riscv/kernel/traps.c: `Oops -
// load address misaligned [#1]`), s390x `%s: %04x ilc:%d [#%d]` (arch/s390/kernel/dumpstack.c: `illegal
// operation: 0001 ilc:3 [#1] SMP`, 3.x without ilc). The reason and where the pc points name the bug;
// x86's `Oops: 0010 [#1]` and arm's `Internal error: … [#1]` are other families' second lines.
export const dieCounterFamily: Family = {
  header: '[#',
  // Every `Oops` (x86 `Oops: 0010 [#1]`, riscv `Oops [#1]`, s390x `Oops: 0004 ilc:3 [#1]`, mips `Oops[#1]:`) is
  // the second line of a fault whose own header came first; so is s390x's `monitor event` after `kernel BUG at`.
  notReports: [/(?:^|\s)Oops\b(?! - )/, /Internal error:/, /Kernel BUG \[#/, /monitor event: /],
  rules: [
    {
      match: /(?:^|\] )([A-Za-z][^[\]\n]{2,80}?)\[#\d+\]:$/m,
      title: '{1} in {2}',
      frame: SITE_THEN_TRACE,
    },
    {
      match: /(?:^|\] )(Oops - [^[\]\n]{2,80}?) \[#\d+\]$/m,
      title: '{1} in {2}',
      frame: SITE_THEN_TRACE,
    },
    {
      match: /(?:^|\] )([A-Za-z][A-Za-z -]{2,40}): [0-9a-f]{4} (?:ilc:\d )?\[#\d+\]/m,
      title: '{1} in {2}',
      frame: SITE_THEN_TRACE,
    },
  ],
};
