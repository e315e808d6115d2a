// Which walk the picture draws for a cursor line: the start a CodeLens on that line
// stands for, else the backtrace, dump or report the line belongs to, else the
// nearest start above it.
import { LineKind } from '../lineKinds';
import type { Model } from '../model';
import { backtraceStart, unwindLensTargets, unwindStartAtLine, type UnwindStart } from '../unwind';

const DUMP_ADDRESS = /^\s*(?:0x)?([0-9a-fA-F]{16}):/;

export function pictureStartAt(model: Model, line: number): UnwindStart | undefined {
  const exact = unwindStartAtLine(model, line);
  if (exact) return exact;
  const bt = model.backtraces.find((b) => b.line <= line && line <= b.endLine);
  if (bt) {
    const start = backtraceStart(model, bt);
    if (start) return start;
  }
  if (model.lineKinds[line] === LineKind.Memory) {
    const m = DUMP_ADDRESS.exec(model.line(line));
    const stack = m ? model.stackAt(BigInt('0x' + m[1])) : undefined;
    const owner = stack ? model.backtracesInStack(stack)[0] : undefined;
    const start = owner && backtraceStart(model, owner);
    if (start) return start;
  }
  const targets = unwindLensTargets(model);
  const report = model.reports.find((r) => r.line <= line && line <= r.endLine);
  if (report) {
    const inside = targets.find((t) => t.line >= report.line && t.line <= report.endLine);
    if (inside) return inside.start;
  }
  let before: UnwindStart | undefined;
  for (const t of targets) {
    if (t.line > line) break;
    before = t.start;
  }
  return before ?? targets[0]?.start;
}

/** Lines that get a "Show stack" lens: every bt header a walk can start from. */
export function stackLensLines(model: Model): number[] {
  return model.backtraces.filter((bt) => backtraceStart(model, bt) !== undefined).map((bt) => bt.line);
}
