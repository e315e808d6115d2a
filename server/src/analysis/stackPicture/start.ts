// Which walk the picture draws for a cursor line: the start a CodeLens on that line
// stands for, else the backtrace, dump or report the line belongs to, else the
// nearest start above it.
import type { Model } from '../model';
import type { Backtrace, StackRange } from '../types';
import { backtraceStart, dumpLineAddress, unwindLensTargets, unwindStartAtLine, type UnwindStart } from '../unwind';

export function pictureStartAt(model: Model, line: number): UnwindStart | undefined {
  const exact = unwindStartAtLine(model, line);
  if (exact) return exact;
  const bt = model.backtraces.find((b) => b.line <= line && line <= b.endLine);
  if (bt) {
    const start = backtraceStart(model, bt);
    if (start) return start;
  }
  const address = dumpLineAddress(model, line);
  if (address !== undefined) {
    const stack = model.stackAt(address);
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

/**
 * The lens lines, the one whose stack has the most dumped words first (the slowest picture to
 * build on demand, so the first worth making ready); ties and bts that name no stack slot keep
 * transcript order.
 */
export function stackLensLinesMostDumpedFirst(model: Model): number[] {
  const bts = new Map(model.backtraces.map((bt) => [bt.line, bt]));
  const wordsOf = new Map<StackRange, number>();
  const dumped = new Map(stackLensLines(model).map((line) => [line, dumpedWordsOfStack(model, bts.get(line), wordsOf)]));
  return [...dumped.keys()].sort((a, b) => dumped.get(b)! - dumped.get(a)! || a - b);
}

/** Dumped words of the stack a bt's frames lie on (none when they name no stack slot), counted once per stack. */
function dumpedWordsOfStack(model: Model, bt: Backtrace | undefined, wordsOf: Map<StackRange, number>): number {
  const slot = bt?.frames.find((f) => f.stackAddress !== undefined)?.stackAddress;
  const stack = slot === undefined ? undefined : model.stackAt(slot);
  if (!stack) return 0;
  const known = wordsOf.get(stack);
  if (known !== undefined) return known;
  let words = 0;
  model.memory.forEachInRange(stack.base, stack.top, () => words++);
  wordsOf.set(stack, words);
  return words;
}
