// Frame walker (issue "Unwind from here"): walks from a start (an FP, or an SP + PC)
// through the memory the transcript holds and the code it disassembled.
// The pieces live in ./unwind/: arm64 frame records, x86_64 prologues/pt_regs/rbp
// chain, bt comparison, formatting and where walks can start.
import type { Model } from './model';
import type { Arch } from './types';
import { walkArm64 } from './unwind/arm64';
import { compareWithBt } from './unwind/compareBt';
import { formatUnwind, type UnwindLink } from './unwind/format';
import { startTargets } from './unwind/starts';
import type { UnwindResult, UnwindStart } from './unwind/types';
import { walkRbpChain, walkX86 } from './unwind/x86';

export type { UnwindStart, UnwindResult, UnwindFrame, UnwindStop, UnwindMethod, Confidence, BtComparison } from './unwind/types';
export { frameName } from './unwind/format';

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
  let output;
  if (arch === 'arm64') output = walkArm64(model, start);
  else if (start.sp !== undefined || start.slot !== undefined) output = walkX86(model, start);
  else output = walkRbpChain(model, start);
  const result: UnwindResult = { arch, start, frames: output.frames, stop: output.stop, commands: output.commands };
  const bt = compareWithBt(model, result);
  if (bt) result.bt = bt;
  return result;
}

export function unwindText(model: Model, start: UnwindStart): UnwindDocument {
  const result = unwind(model, start);
  const formatted = formatUnwind(result);
  return { text: formatted.text, links: formatted.links, result };
}
