// `regs-vs-frame`: a console report's pc/RIP names another function than its WARNING
// header, or (where traces start at the pc itself: arm64, s390x) than its first
// trace frame: the registers belong to another report or the lines are interleaved. An
// s390x trace unwound from the stack pointer instead of the registers starts at the caller.
import type { Register, Report } from '../../types';
import { PC_NAMES } from '../../arch/registry';
import { type Evidence, sameFunction } from '../evidence';
import { defineRule, PAUSE_EVERY } from '../rule';

/** s390's trace entry in parentheses, which its unwinder cannot vouch for (an unnamed one is no frame). */
const UNVOUCHED_ENTRY = /\(\[<[0-9a-f]+>\]/;

/** Frames some arm64 kernels print before the faulting function. */
const DUMP_HELPERS =
  /^(?:dump_backtrace|show_stack|dump_stack(?:_lvl)?|__dump_stack|show_regs|arch_stack_walk|__warn|warn_slowpath_\w+|report_bug|die|panic)$/;

export const regsVsFrame = defineRule({
  code: 'regs-vs-frame',
  severity: 'warning',
  description: "The report's pc/RIP function differs from its first frame or header function.",
  arches: 'any',
  example: {
    lines: [
      '[498349.286372] WARNING: CPU: 1 PID: 2 at net/ipv4/af_inet.c:153 inet_sock_destruct+0x158/0x188',
      '[498349.286372] pc : other_func+0x158/0x188',
      '[498349.286372] lr : inet_sock_destruct+0x4c/0x188',
      '[498349.286372] sp : ffff80001418fc10',
      '[498349.286372] Call trace:',
      '[498349.286372]  inet_sock_destruct+0x158/0x188',
      '[498349.286372]  __sk_destruct+0x34/0x1a8',
    ],
    firesOn: [0],
  },
  *check({ evidence, emit }) {
    let seen = 0;
    for (const report of evidence.model.reports) {
      if (++seen % PAUSE_EVERY === 0) yield;
      const pc = faultingPc(report);
      if (!pc?.symbol) continue;
      const pcName = pc.symbol.name;
      const related = [
        { range: evidence.registerRange(pc), message: `${pc.name}: ${pcName}+0x${(pc.symbol.offset ?? 0).toString(16)}` },
      ];
      // Only a WARNING header names the function that trapped; KASAN/KFENCE name the accessor, and a later fault has its own RIP.
      if (report.kind === 'warning' && report.headerFunction && !sameFunction(report.headerFunction, pcName)) {
        emit({
          severity: 'warning',
          message: `the header names ${report.headerFunction}, but ${pc.name} is in ${pcName}: the registers belong to another report or the lines are interleaved`,
          range: evidence.wordRange(report.line, report.headerFunction),
          related,
        });
        continue;
      }
      // x86_64 traces start at the caller of RIP; arm64 traces start at pc itself.
      if (evidence.spec?.calls.traceStartsAtPc !== true || report.traceLine === undefined) continue;
      const traceLine = report.traceLine;
      const first = report.frames.find((f) => f.line > traceLine && !f.unreliable && f.section === undefined);
      if (!first || !first.function || DUMP_HELPERS.test(first.function) || sameFunction(first.function, pcName)) continue;
      if (startsFromStackPointer(evidence, report, traceLine, first.line)) continue;
      emit({
        severity: 'warning',
        message: `${pc.name} is in ${pcName}, but the call trace starts at ${first.function}: the trace belongs to another stop or the lines are interleaved`,
        range: evidence.wordRange(first.line, first.function),
        related,
      });
    }
  },
});

/**
 * The trace opens with an entry the unwinder cannot vouch for (s390's `([<…>] …)`, named or
 * not): it was unwound from the stack pointer, not from the registers (s390 show_regs before
 * 5.x), so it opens with the r14 left in the frame's save area and goes on at the caller of
 * the pc's function, which it never shows.
 */
function startsFromStackPointer(evidence: Evidence, report: Report, traceLine: number, firstReliable: number): boolean {
  const opening = report.frames.find((f) => f.line > traceLine && f.section === undefined);
  if (opening?.unreliable) return true;
  for (let line = traceLine + 1; line < firstReliable; line++) {
    if (UNVOUCHED_ENTRY.test(evidence.model.line(line) ?? '')) return true;
  }
  return false;
}

/** The pc/RIP printed with the report before its call trace (not a nested interrupted context). */
function faultingPc(report: Report): Register | undefined {
  const limit = report.traceLine ?? report.frames[0]?.line ?? Number.MAX_SAFE_INTEGER;
  return report.registers.find((r) => PC_NAMES.has(r.name) && r.line < limit);
}
