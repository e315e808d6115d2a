// Blocks of registers the transcript prints: console reports (a report can hold the kernel's
// and the user's), crash's exception frames, `help -r` (one block per CPU), and the s390x
// `LOWCORE INFO` crash's bt prints for a CPU (its PSW and r0–r15 as the CPU stopped).
import type { Model } from '../model';
import { perModel } from '../perModel';
import { parseRegisterLine } from '../parse/registers';
import type { Register } from '../types';
import { arm64ExceptionHead } from './arm64ExceptionHead';

/** Every block of registers the transcript prints: console reports, crash's exception frames, `help -r`. */
export function registerBlocks(model: Model): Register[][] {
  const result: Register[][] = [];
  for (const report of model.reports) result.push(...blocks(report.registers));
  for (const bt of model.backtraces)
    for (const exception of bt.exceptionFrames) {
      const head = arm64ExceptionHead(model, exception.registers);
      result.push(head.length > 0 ? [...head, ...exception.registers] : exception.registers);
    }
  result.push(...helpRegisterBlocks(model));
  result.push(...lowcoreRegisterBlocks(model));
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

/** crash prints 0 as `000000000000000000` and other values as `0x…` in the LOWCORE block. */
const LOWCORE_VALUE = /^(?:0x[0-9a-f]+|0+)$/;
/** Lines the LOWCORE block may span before its registers end. */
const LOWCORE_LINES = 40;

/**
 * s390x `bt` opens with the CPU's lowcore (crash s390x.c): `-psw : MASK ADDR`, then under
 * `-general registers:` eight rows of two values, r0 to r15. Read as a block of PSW.mask,
 * PSW.addr and r0–r15, so the CPU's own r15 starts a walk as a console's `Krnl GPRS` does.
 * They are looked for over the whole transcript: once per model, not per request.
 */
const lowcoreRegisterBlocks = perModel((model): readonly Register[][] => {
  const result: Register[][] = [];
  for (let line = 0; line < model.lineCount; line++) {
    if (!/^\s*LOWCORE INFO:\s*$/.test(model.line(line))) continue;
    const block: Register[] = [];
    const end = Math.min(model.lineCount, line + LOWCORE_LINES);
    for (let at = line + 1; at < end; at++) {
      const text = model.line(at);
      const psw = /^\s*-psw\s*:\s*(\S+)\s+(\S+)\s*$/.exec(text);
      if (psw) block.push(...values(text, at, [psw[1], psw[2]], ['PSW.mask', 'PSW.addr']));
      // The CPU timer and clock comparator: counts, which the hover reads as such (arch/s390x/timers.ts).
      const timer = /^\s*-(cpu timer|clock cmp)\s*:\s*(\S+)\s*$/.exec(text);
      if (timer) block.push(...values(text, at, [timer[2]], [timer[1]]));
      if (!/^\s*-general registers:\s*$/.test(text)) continue;
      for (let row = 0; row < 8 && at + 1 + row < end; row++) {
        const rowLine = at + 1 + row;
        const words = model.line(rowLine).trim().split(/\s+/);
        if (words.length !== 2) break;
        block.push(...values(model.line(rowLine), rowLine, words, [`r${row * 2}`, `r${row * 2 + 1}`]));
      }
      break;
    }
    if (block.some((r) => r.name === 'r15')) result.push(block);
  }
  return result;
});

function values(text: string, line: number, words: string[], names: string[]): Register[] {
  const registers: Register[] = [];
  let from = 0;
  words.forEach((word, i) => {
    const column = text.indexOf(word, from);
    from = column + word.length;
    if (!LOWCORE_VALUE.test(word)) return;
    registers.push({ name: names[i], value: BigInt(word.startsWith('0x') ? word : '0'), line, column, length: word.length });
  });
  return registers;
}
