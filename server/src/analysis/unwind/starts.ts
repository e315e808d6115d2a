// Where a walk can start: register lines (console reports, crash register blocks,
// `help -r`), `bt` frames and headers, and dump lines that begin a frame record.
import { ARCH_SPECS } from '../arch/registry';
import { hex16 } from '../hex';
import { LineKind } from '../lineKinds';
import type { Model } from '../model';
import { parseRegisterLine } from '../parse/registers';
import type { Backtrace, Register } from '../types';
import { isTextAddress } from './code';
import type { UnwindStart } from './types';

export interface StartTarget {
  line: number;
  start: UnwindStart;
  title: string;
}

/** Lens targets on a long transcript stay bounded. */
const MAX_DUMP_TARGETS = 2000;

const cache = new WeakMap<Model, StartTarget[]>();

export function startTargets(model: Model): StartTarget[] {
  let targets = cache.get(model);
  if (!targets) {
    targets = collect(model);
    cache.set(model, targets);
  }
  return targets;
}

function collect(model: Model): StartTarget[] {
  const targets: StartTarget[] = [];
  for (const report of model.reports) {
    for (const block of blocks(report.registers)) targets.push(...fromRegisters(model, block));
  }
  for (const bt of model.backtraces) {
    for (const exception of bt.exceptionFrames) targets.push(...fromRegisters(model, exception.registers));
  }
  for (const block of helpRegisterBlocks(model)) targets.push(...fromRegisters(model, block));
  for (const bt of model.backtraces) {
    const first = bt.frames.find((f) => f.stackAddress !== undefined && f.address !== undefined);
    const headerStart =
      first && bt.line !== first.line ? frameStart(model, first.stackAddress!, first.address!, bt.line) : undefined;
    if (headerStart) targets.push({ line: bt.line, start: headerStart, title: `Unwind from [${hex16(first!.stackAddress!)}]` });
    for (const frame of bt.frames) {
      if (frame.stackAddress === undefined || frame.address === undefined) continue;
      // Only `bt -f`-style frames (with their stack words below) get a lens: one per plain bt line is noise.
      if (model.lineKinds[frame.line + 1] !== LineKind.Memory) continue;
      const start = frameStart(model, frame.stackAddress, frame.address, frame.line);
      if (start) targets.push({ line: frame.line, start, title: `Unwind from [${hex16(frame.stackAddress)}]` });
    }
  }
  targets.push(...dumpTargets(model));
  targets.sort((a, b) => a.line - b.line);
  return targets;
}

/** The start the CodeLens on a bt header offers: its first frame with a slot and an address. */
export function backtraceStart(model: Model, bt: Backtrace): UnwindStart | undefined {
  const first = bt.frames.find((f) => f.stackAddress !== undefined && f.address !== undefined);
  return first ? frameStart(model, first.stackAddress!, first.address!, bt.line) : undefined;
}

/** What a bt frame's slot means depends on the architecture: none when it is unknown. */
function frameStart(model: Model, stackAddress: bigint, address: bigint, line: number): UnwindStart | undefined {
  return model.spec?.unwinder.frameStart(stackAddress, address, line, `[${hex16(stackAddress)}]`);
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

/** Starts from a block of registers: each architecture recognises its own (x29, RSP/RBP). */
function fromRegisters(model: Model, block: Register[]): StartTarget[] {
  const targets: StartTarget[] = [];
  for (const spec of model.spec ? [model.spec] : ARCH_SPECS) {
    for (const { register, start, alsoOn } of spec.unwinder.registerStart(model, block)) {
      const title = `Unwind from ${start.label ?? register.name}`;
      targets.push({ line: register.line, start, title });
      for (const line of alsoOn ?? []) targets.push({ line, start: { ...start, line }, title });
    }
    if (targets.length > 0) break;
  }
  return targets;
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

const DUMP_LINE = /^\s*(?:0x)?([0-9a-fA-F]{8,16}):\s+(?:0x)?[0-9a-fA-F]{8,16}\b/;

/**
 * Dump lines that begin a frame's saved words (the architecture's FrameLinkage: arm64/x86_64
 * {link, return} at +0/+8, riscv64's record below fp, s390x's whole `struct stack_frame` with
 * its back chain at +152): the link rises to a frame above and the return slot holds text.
 */
function dumpTargets(model: Model): StartTarget[] {
  const targets: StartTarget[] = [];
  const spec = model.spec;
  const layout = model.layout;
  // Which word links and which returns is the architecture's: none when it is unknown.
  if (!spec || !layout) return targets;
  const { linkOffset, returnOffset, alignment } = spec.frames;
  const align = alignment - 1n;
  // The line starts at the lowest saved word: the frame address itself, or below it (riscv64).
  const lowest = [linkOffset, returnOffset, 0n].reduce((m, o) => (o < m ? o : m));
  for (let line = 0; line < model.lineCount && targets.length < MAX_DUMP_TARGETS; line++) {
    if (model.lineKinds[line] !== LineKind.Memory) continue;
    const m = DUMP_LINE.exec(model.line(line));
    if (!m) continue;
    const fp = BigInt('0x' + m[1]) - lowest;
    const link = model.memory.read64(fp + linkOffset);
    if (!link) continue;
    const savedFp = link.value;
    if ((fp & align) !== 0n || (savedFp & align) !== 0n) continue;
    if (savedFp <= fp || savedFp - fp > 0x4000n) continue;
    const saved = model.memory.read64(fp + returnOffset);
    if (!saved || !isTextAddress(model, spec.stripTags(saved.value, layout))) continue;
    const label = hex16(fp);
    targets.push({ line, start: { fp, arch: model.arch, line, label }, title: `Unwind from ${label}` });
  }
  return targets;
}
