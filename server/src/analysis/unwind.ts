// Frame walker (issue "Unwind from here"): walks from a start (an FP, or an SP + PC)
// through the memory the transcript holds and the code it disassembled.
// The pieces live in ./unwind/: arm64 frame records, x86_64 prologues/pt_regs/rbp
// chain, bt comparison, formatting and where walks can start.
import type { Model } from './model';
import type { Arch } from './types';
import { hex16 } from './hex';
import { walkArm64, type WalkOutput } from './unwind/arm64';
import { compareWithBt } from './unwind/compareBt';
import { formatUnwind, type UnwindLink } from './unwind/format';
import { backtraceStart, startTargets } from './unwind/starts';
import type { UnwindResult, UnwindStart } from './unwind/types';
import { walkRbpChain, walkX86 } from './unwind/x86';

export type { UnwindStart, UnwindResult, UnwindFrame, UnwindStop, UnwindMethod, Confidence, BtComparison } from './unwind/types';
export { frameName } from './unwind/format';
export { backtraceStart };

export interface UnwindLensTarget {
  line: number;
  start: UnwindStart;
  title: string;
}

/** The walk as a document: text in the crashlog language plus links back to the transcript. */
export interface UnwindDocument {
  text: string;
  links: UnwindLink[];
  result: UnwindResult;
}

export function unwindLensTargets(model: Model): UnwindLensTarget[] {
  return startTargets(model);
}

/** The start a CodeLens (or `--line`) on this 0-based line stands for. */
export function unwindStartAtLine(model: Model, line: number): UnwindStart | undefined {
  return startTargets(model).find((t) => t.line === line)?.start;
}

function archOf(model: Model, start: UnwindStart): Arch {
  if (start.arch && start.arch !== 'unknown') return start.arch;
  if (model.arch !== 'unknown') return model.arch;
  return start.sp !== undefined || start.slot !== undefined ? 'x86_64' : 'arm64';
}

/** Walks from a start; never throws, every loop is bounded. */
export function unwind(model: Model, start: UnwindStart): UnwindResult {
  const arch = archOf(model, start);
  let output: WalkOutput;
  if (arch === 'arm64') output = walkArm64(model, start);
  else if (start.sp !== undefined || start.slot !== undefined) output = walkX86(model, start);
  else output = walkRbpChain(model, start);
  output = cutAtRepeatedFrame(output);
  const result: UnwindResult = { arch, start, frames: output.frames, stop: output.stop, commands: output.commands };
  const bt = compareWithBt(model, result);
  if (bt) result.bt = bt;
  return result;
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
