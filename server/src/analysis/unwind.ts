// Frame walker (issue "Unwind from here"): walks from a start (an FP, or an SP + PC)
// through the memory the transcript holds and the code it disassembled.
// Each architecture walks its own way (arch/<id>/unwind.ts); ./unwind/ holds what they
// share: code names, bt comparison, formatting and where walks can start.
import type { Model } from './model';
import { archIdOf, archSpec } from './arch/registry';
import type { ArchSpec } from './arch/types';
import { hex16 } from './hex';
import { LineKind } from './lineKinds';
import { inPhysicalDump } from './physicalDumps';
import { backtraceAround, compareWithBt } from './unwind/compareBt';
import { formatUnwind, type UnwindLink } from './unwind/format';
import { registerBlocks } from './unwind/registerBlocks';
import { addressStart, backtraceStart, btFrameStartAtLine, startTargets } from './unwind/starts';
import type { UnwindResult, UnwindStart, WalkOutput } from './unwind/types';

export type { UnwindStart, UnwindResult, UnwindFrame, UnwindStop, UnwindMethod, Confidence, BtComparison } from './unwind/types';
export { frameName } from './unwind/format';
export { backtraceStart };

export interface UnwindLensTarget {
  line: number;
  /** Column of the word the lens stands for (a return address in a dump line). */
  column?: number;
  start: UnwindStart;
  title: string;
}

/** The walk as a document: text in the crashlog language plus links back to the transcript. */
export interface UnwindDocument {
  text: string;
  links: UnwindLink[];
  result: UnwindResult;
}

/**
 * Why no walk starts anywhere in this transcript, or undefined when its architecture is
 * modelled. Frames link differently on each architecture, so one that is not settled, or
 * is read without a model (arch/readonly), gets no walk rather than another's guess.
 */
export function unwindUnavailable(model: Model): string | undefined {
  if (model.spec) return undefined;
  if (model.archUnmodelled) return `crashlog does not unwind ${model.archUnmodelled} stacks yet`;
  return 'the transcript does not say which architecture it is: choose one (crashlog.arch, --arch) to unwind';
}

export function unwindLensTargets(model: Model): UnwindLensTarget[] {
  return startTargets(model);
}

/** The start a CodeLens (or `--line`) on this 0-based line stands for. */
export function unwindStartAtLine(model: Model, line: number): UnwindStart | undefined {
  return startTargets(model).find((t) => t.line === line)?.start;
}

/** Any line of a register block a walk starts from (its lens stands on one or two of them). */
function registerBlockStart(model: Model, line: number): UnwindStart | undefined {
  const block = registerBlocks(model).find((b) => b[0].line <= line && b[b.length - 1].line >= line);
  if (!block) return undefined;
  const lines = new Set(block.map((r) => r.line));
  return startTargets(model).find((t) => lines.has(t.line))?.start;
}

const DUMP_ADDRESS = /^\s*(?:0x)?([0-9a-fA-F]{8,16}):/;

/** The virtual address a dump line starts with (`ffffffc034c437f0: …`; not `rd -p`'s physical ones). */
export function dumpLineAddress(model: Model, line: number): bigint | undefined {
  if (model.lineKinds[line] !== LineKind.Memory || inPhysicalDump(model, line)) return undefined;
  const m = DUMP_ADDRESS.exec(model.line(line));
  return m ? BigInt('0x' + m[1]) : undefined;
}

/** What a line starts a walk from: its CodeLens target, else a dump line's address read as "Unwind from Address…". */
export function unwindStartFromLine(model: Model, line: number): UnwindStart | undefined {
  const target = unwindStartAtLine(model, line) ?? btFrameStartAtLine(model, line) ?? registerBlockStart(model, line);
  if (target) return target;
  const address = dumpLineAddress(model, line);
  return address !== undefined ? unwindFromAddress(model, address) : undefined;
}

/** The start's own architecture (a register start knows it), else the transcript's. */
function specOf(model: Model, start: UnwindStart): ArchSpec | undefined {
  return archSpec(start.arch) ?? model.spec;
}

/**
 * The start a typed address stands for ("Unwind from Address…"): a frame-pointer chain or the
 * return slot plus scan, chosen from what the transcript shows about the kernel (`start.choice`).
 */
export function unwindFromAddress(model: Model, address: bigint): UnwindStart {
  return addressStart(model, address);
}

/** Walks from a start; never throws, every loop is bounded. */
export function unwind(model: Model, start: UnwindStart): UnwindResult {
  const spec = specOf(model, start);
  if (!spec) {
    const reason = unwindUnavailable(model)!;
    return { arch: 'unknown', start, frames: [], stop: { kind: 'no-start', reason }, commands: [] };
  }
  const output: WalkOutput = cutAtRepeatedFrame(spec.unwinder.walk(model, start));
  const result: UnwindResult = {
    arch: archIdOf(spec.id) ?? 'unknown',
    start,
    frames: output.frames,
    stop: output.stop,
    commands: output.commands,
  };
  const bt = compareWithBt(model, result);
  if (bt) result.bt = bt;
  if (start.fromStackWord) {
    const around = bt?.line ?? backtraceAround(model, result)?.line;
    if (around !== undefined) doubtOffChain(result, around);
  }
  return result;
}

/**
 * A walk from a stack word that meets none of crash's frames of that stack followed records an
 * earlier call chain left below the live one (or a chain crash did not print): what it reads there is
 * as certain as the memory, but no frame of the crash. Its frames are said to be likely, not certain.
 */
function doubtOffChain(result: UnwindResult, btLine: number): void {
  // Where the walk meets crash's frames it has joined the live chain: the frames before are the doubtful ones.
  const joins = result.frames.findIndex((f) => f.bt?.status === 'agrees');
  const before = joins < 0 ? result.frames : result.frames.slice(0, joins);
  if (before.length === 0) return;
  for (const frame of before) if (frame.confidence === 'certain') frame.confidence = 'likely';
  const which = joins < 0 ? 'none of these frames is' : `the frames before #${result.frames[joins].level} are not`;
  before[0].notes.unshift(
    `${which} in crash's bt on line ${btLine + 1}: records an earlier call chain left on the stack, not the live one (or frames crash did not print)`,
  );
}

/**
 * A walk that lists a frame address twice has gone round a loop the walker's own
 * checks missed (a record pointing back at the start frame, pt_regs whose bp leads
 * back to them): keep the frames before the repeat and say so.
 */
function cutAtRepeatedFrame(output: WalkOutput): WalkOutput {
  const seen = new Set<bigint>();
  for (let i = 0; i < output.frames.length; i++) {
    const address = output.frames[i].frameAddress;
    if (address === undefined) continue;
    if (seen.has(address)) {
      const lr = output.frames[i].returnAddress;
      const reason = `frame ${hex16(address)} comes round again (loop)${lr !== undefined ? `; the record there holds return address ${hex16(lr)}` : ''}`;
      return { frames: output.frames.slice(0, i), commands: output.commands, stop: { kind: 'loop', address, reason } };
    }
    seen.add(address);
  }
  return output;
}

export function unwindText(model: Model, start: UnwindStart): UnwindDocument {
  const result = unwind(model, start);
  const formatted = formatUnwind(result);
  return { text: formatted.text, links: formatted.links, result };
}
