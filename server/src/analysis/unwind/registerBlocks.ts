// Blocks of registers the transcript prints: console reports (a report can hold the kernel's
// and the user's), crash's exception frames, `help -r` (one block per CPU).
import type { Model } from '../model';
import { parseRegisterLine } from '../parse/registers';
import type { Register } from '../types';

/** Every block of registers the transcript prints: console reports, crash's exception frames, `help -r`. */
export function registerBlocks(model: Model): Register[][] {
  const result: Register[][] = [];
  for (const report of model.reports) result.push(...blocks(report.registers));
  for (const bt of model.backtraces) for (const exception of bt.exceptionFrames) result.push(exception.registers);
  result.push(...helpRegisterBlocks(model));
  return result;
}

/** Register runs on neighbouring lines (a report can hold the kernel's and the user's blocks). */
function blocks(registers: Register[]): Register[][] {
  const result: Register[][] = [];
  let current: Register[] = [];
  let last = -10;
  for (const r of registers) {
    // RIP and RSP are split by a `Code:` line in console reports.
    const startsBlock = r.name === 'RIP' || r.name === 'pc' || r.name === 'PC';
    if (current.length > 0 && (r.line - last > 2 || (startsBlock && current.some((c) => c.name === r.name)))) {
      result.push(current);
      current = [];
    }
    current.push(r);
    last = r.line;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** `help -r` is not kept by the model: read its lines, one block per `CPU N:`. */
function helpRegisterBlocks(model: Model): Register[][] {
  const result: Register[][] = [];
  for (const section of model.sections) {
    if (section.kind !== 'help' || !section.options.includes('-r')) continue;
    let current: Register[] = [];
    for (let line = section.line + 1; line <= section.endLine && line < model.lineCount; line++) {
      const text = model.line(line);
      if (/^\s*CPU \d+:/.test(text)) {
        if (current.length > 0) result.push(current);
        current = [];
        continue;
      }
      const registers = parseRegisterLine(text, line);
      if (registers) current.push(...registers);
    }
    if (current.length > 0) result.push(current);
  }
  return result;
}
