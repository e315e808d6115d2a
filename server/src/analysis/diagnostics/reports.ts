// Console reports: `regs-vs-frame` (the pc names another function than the header
// or the first trace frame) and `report-damaged` (the parser's damage findings).
import type { Diagnostic, Register, Report } from '../types';
import { Evidence, sameFunction } from './evidence';

/** Frames some arm64 kernels print before the faulting function. */
const DUMP_HELPERS =
  /^(?:dump_backtrace|show_stack|dump_stack(?:_lvl)?|__dump_stack|show_regs|arch_stack_walk|__warn|warn_slowpath_\w+|report_bug|die|panic)$/;

export function checkRegistersAgainstFrames(evidence: Evidence, emit: (d: Diagnostic) => void): void {
  for (const report of evidence.model.reports) {
    const pc = faultingPc(report);
    if (!pc?.symbol) continue;
    const pcName = pc.symbol.name;
    const related = [
      { range: evidence.registerRange(pc), message: `${pc.name}: ${pcName}+0x${(pc.symbol.offset ?? 0).toString(16)}` },
    ];
    // Only a WARNING header names the function that trapped; KASAN/KFENCE name the accessor, and a later fault has its own RIP.
    if (report.kind === 'warning' && report.headerFunction && !sameFunction(report.headerFunction, pcName)) {
      emit({
        code: 'regs-vs-frame',
        severity: 'warning',
        message: `the header names ${report.headerFunction}, but ${pc.name} is in ${pcName}: the registers belong to another report or the lines are interleaved`,
        range: evidence.wordRange(report.line, report.headerFunction),
        related,
      });
      continue;
    }
    // x86_64 traces start at the caller of RIP; arm64 traces start at pc itself.
    if (evidence.spec?.calls.traceStartsAtPc !== true || report.traceLine === undefined) continue;
    const first = report.frames.find((f) => f.line > report.traceLine! && !f.unreliable);
    if (!first || !first.function || DUMP_HELPERS.test(first.function) || sameFunction(first.function, pcName)) continue;
    emit({
      code: 'regs-vs-frame',
      severity: 'warning',
      message: `${pc.name} is in ${pcName}, but the call trace starts at ${first.function}: the trace belongs to another stop or the lines are interleaved`,
      range: evidence.wordRange(first.line, first.function),
      related,
    });
  }
}

/** The pc/RIP printed with the report before its call trace (not a nested interrupted context). */
function faultingPc(report: Report): Register | undefined {
  const limit = report.traceLine ?? report.frames[0]?.line ?? Number.MAX_SAFE_INTEGER;
  return report.registers.find((r) => (r.name === 'RIP' || r.name === 'pc') && r.line < limit);
}

export function checkReportDamage(evidence: Evidence, emit: (d: Diagnostic) => void): void {
  for (const report of evidence.model.reports) {
    if (report.damage.length === 0) continue;
    emit({
      code: 'report-damaged',
      severity: 'warning',
      message: `this ${report.kind === 'other' ? 'report' : report.kind + ' report'} is damaged: ${report.damage.slice(0, 5).join('; ')}`,
      range: evidence.lineRange(report.line),
      related: [],
    });
  }
}
