// Every report family, in the order a line is tried against them (a line that holds two
// headers, like arm64's `Internal error: Oops - BUG: ...`, belongs to the first).
// A new family is one file here plus one line in this list.
import type { Family } from '../rules';
import { bugFamily } from './bug';
import { oomFamily, pageAllocationFailureFamily } from './allocation';
import { hardLockupFamily } from './hardLockup';
import { kmemleakFamily } from './kmemleak';
import { warningFamily } from './warning';
import { infoFamily } from './info';
import {
  alignmentTrapFamily,
  dieCounterFamily,
  divideErrorFamily,
  divideErrorMisspeltFamily,
  doubleFaultFamily,
  generalProtectionFamily,
  int3Family,
  internalErrorFamily,
  invalidOpcodeFamily,
  powerpcOopsFamily,
  stackSegmentFamily,
  unableToHandleFamily,
  unhandledFaultFamily,
} from './faults';
import { kernelPanicFamily } from './panic';
import { kernelBugCapitalFamily, kernelBugFamily, slabObjectFreeFamily } from './kernelBug';
import {
  netdeviceLeakFamily,
  nobodyCaredFamily,
  rebootFamily,
  rustPanicFamily,
  trustyFamily,
  ubsanFamily,
  vfsBusyInodesFamily,
  vfsFileCountFamily,
} from './other';
import { goPanicFamily, goRuntimeFamily, syzFailFamily, syzFatalFamily } from './userspace';

export const FAMILIES: readonly Family[] = [
  hardLockupFamily,
  bugFamily,
  warningFamily,
  infoFamily,
  unableToHandleFamily,
  generalProtectionFamily,
  stackSegmentFamily,
  kernelPanicFamily,
  doubleFaultFamily,
  rustPanicFamily,
  kernelBugFamily,
  kernelBugCapitalFamily,
  slabObjectFreeFamily,
  divideErrorFamily,
  divideErrorMisspeltFamily,
  invalidOpcodeFamily,
  int3Family,
  ubsanFamily,
  rebootFamily,
  netdeviceLeakFamily,
  nobodyCaredFamily,
  vfsFileCountFamily,
  vfsBusyInodesFamily,
  internalErrorFamily,
  unhandledFaultFamily,
  alignmentTrapFamily,
  powerpcOopsFamily,
  trustyFamily,
  goRuntimeFamily,
  syzFailFamily,
  syzFatalFamily,
  goPanicFamily,
  kmemleakFamily,
  pageAllocationFailureFamily,
  oomFamily,
  dieCounterFamily,
];

/** The family whose report a line starts, if any. */
export function familyOf(line: string): Family | undefined {
  for (const family of FAMILIES) {
    if (line.includes(family.header) && !family.notReports?.some((re) => re.test(line))) return family;
  }
  return undefined;
}

// Headers that print inside another report without starting a new one: the second half of an
// oops (riscv's `Kernel BUG [#1]` after `kernel BUG at`), the panic it caused, a double fault
// while handling a fault, kmemleak's object after syzkaller's `BUG: memory leak`, another task's OOM
// killer (syzkaller reads on past it), powerpc's die() after its `BUG: Unable to handle kernel data access`.
const INSIDE_REPORT = [
  /Oops: [A-Z][^,\n]*, sig: \d+ \[#\d+\]/,
  / invoked oom-killer: /,
  /unreferenced object 0x/,
  /Kernel BUG \[#\d+\]/,
  /invalid opcode: 0000/,
  /Kernel panic - not syncing/,
  /unregister_netdevice: waiting for/,
  /PANIC: double fault/,
  /Internal error:/,
  // The die() line that follows `kernel BUG at …!` on s390x before 5.x (`illegal operation: 0001 ilc:1 [#1]`),
  // LoongArch (`Oops - BUG[#1]:`) and mips (`Kernel bug detected[#1]:`).
  /illegal operation: [0-9a-f]{4} (?:ilc:\d )?\[#\d+\]/,
  /Oops - BUG\[#\d+\]:/,
  /Kernel bug detected\[#\d+\]:/,
];

export function startsNoNewReport(line: string): boolean {
  return INSIDE_REPORT.some((re) => re.test(line));
}
