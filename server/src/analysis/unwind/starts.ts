// Where a walk can start: register lines (console reports, crash register blocks,
// `help -r`), `bt` frames and headers, and dump lines that begin a frame record.
import { stripPac } from '../classify';
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
const KERNEL_HALF = 0xffff000000000000n;

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
    if (first && bt.line !== first.line)
      targets.push({
        line: bt.line,
        start: frameStart(model, first.stackAddress!, first.address!, bt.line),
        title: `Unwind from [${hex16(first.stackAddress!)}]`,
      });
    for (const frame of bt.frames) {
      if (frame.stackAddress === undefined || frame.address === undefined) continue;
      // Only `bt -f`-style frames (with their stack words below) get a lens: one per plain bt line is noise.
      if (model.lineKinds[frame.line + 1] !== LineKind.Memory) continue;
      targets.push({
        line: frame.line,
        start: frameStart(model, frame.stackAddress, frame.address, frame.line),
        title: `Unwind from [${hex16(frame.stackAddress)}]`,
      });
    }
  }
  targets.push(...dumpTargets(model));
  targets.sort((a, b) => a.line - b.line);
  return targets;
}

function isArm64(model: Model): boolean {
  return model.arch === 'arm64';
}

/** The start the CodeLens on a bt header offers: its first frame with a slot and an address. */
export function backtraceStart(model: Model, bt: Backtrace): UnwindStart | undefined {
  const first = bt.frames.find((f) => f.stackAddress !== undefined && f.address !== undefined);
  return first ? frameStart(model, first.stackAddress!, first.address!, bt.line) : undefined;
}

function frameStart(model: Model, stackAddress: bigint, address: bigint, line: number): UnwindStart {
  return isArm64(model)
    ? { fp: stackAddress, pc: address, line, label: `[${hex16(stackAddress)}]` }
    : { slot: stackAddress, pc: address, line, label: `[${hex16(stackAddress)}]` };
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

function find(block: Register[], ...names: string[]): Register | undefined {
  return block.find((r) => names.includes(r.name));
}

function pcOf(model: Model, reg: Register | undefined): { pc?: bigint; pcSymbol?: Register['symbol'] } {
  if (!reg) return {};
  if (reg.value !== undefined) return { pc: reg.value };
  if (reg.symbol) {
    const base = model.symbols.get(reg.symbol.name)?.base;
    return { pc: base !== undefined ? base + BigInt(reg.symbol.offset ?? 0) : undefined, pcSymbol: reg.symbol };
  }
  return {};
}

function fromRegisters(model: Model, block: Register[]): StartTarget[] {
  const targets: StartTarget[] = [];
  const x29 = find(block, 'x29', 'X29');
  if (x29?.value !== undefined && x29.value >= KERNEL_HALF) {
    const pc = pcOf(model, find(block, 'pc', 'PC'));
    const sp = find(block, 'sp', 'SP')?.value;
    const label = `x29 ${hex16(x29.value)}`;
    targets.push({
      line: x29.line,
      start: { fp: x29.value, ...pc, sp, arch: 'arm64', line: x29.line, label },
      title: `Unwind from ${label}`,
    });
    return targets;
  }
  const rsp = find(block, 'RSP');
  const rip = find(block, 'RIP');
  const rbp = find(block, 'RBP');
  if (rsp?.value !== undefined && rsp.value >= KERNEL_HALF) {
    const pc = pcOf(model, rip);
    const label = `RSP ${hex16(rsp.value)}`;
    const start: UnwindStart = { sp: rsp.value, ...pc, rbp: rbp?.value, arch: 'x86_64', line: rsp.line, label };
    const title = `Unwind from ${label}`;
    targets.push({ line: rsp.line, start, title });
    if (rip && rip.line !== rsp.line) targets.push({ line: rip.line, start: { ...start, line: rip.line }, title });
  }
  if (rbp?.value !== undefined && rbp.value >= KERNEL_HALF && rbp.line !== rsp?.line) {
    const label = `RBP ${hex16(rbp.value)}`;
    targets.push({
      line: rbp.line,
      start: { fp: rbp.value, arch: 'x86_64', line: rbp.line, label },
      title: `Unwind from ${label}`,
    });
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

const DUMP_PAIR = /^\s*(?:0x)?([0-9a-fA-F]{16}):\s+(?:0x)?([0-9a-fA-F]{16})\s+(?:0x)?([0-9a-fA-F]{16})\b/;

/** Dump lines whose first two words look like {saved fp, return address} of a frame above. */
function dumpTargets(model: Model): StartTarget[] {
  const targets: StartTarget[] = [];
  const arm64 = isArm64(model);
  const vaBits = model.layout?.vaBits ?? 48;
  for (let line = 0; line < model.lineCount && targets.length < MAX_DUMP_TARGETS; line++) {
    if (model.lineKinds[line] !== LineKind.Memory) continue;
    const m = DUMP_PAIR.exec(model.line(line));
    if (!m) continue;
    const address = BigInt('0x' + m[1]);
    const savedFp = BigInt('0x' + m[2]);
    const ret = arm64 ? stripPac(BigInt('0x' + m[3]), vaBits) : BigInt('0x' + m[3]);
    const align = arm64 ? 0xfn : 0x7n;
    if ((address & align) !== 0n || (savedFp & align) !== 0n) continue;
    if (savedFp <= address || savedFp - address > 0x4000n) continue;
    if (!isTextAddress(model, ret)) continue;
    const label = hex16(address);
    targets.push({ line, start: { fp: address, arch: arm64 ? 'arm64' : 'x86_64', line, label }, title: `Unwind from ${label}` });
  }
  return targets;
}
