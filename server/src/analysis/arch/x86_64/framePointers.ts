// Whether an x86_64 kernel keeps frame pointers, from the prologues its `dis` listings show:
// a CONFIG_FRAME_POINTER kernel opens nearly every function with `push %rbp; mov %rsp,%rbp`,
// an ORC kernel (every distribution kernel) almost none.
import type { Model } from '../../model';
import { perModel } from '../../perModel';
import type { FramePointerEvidence } from '../types';

/** Instructions looked at from a function's start (after `endbr64`, the ftrace call and nops). */
const PROLOGUE_WINDOW = 8;

export const framePointers = perModel(judge);

function judge(model: Model): FramePointerEvidence {
  const listed = new Set<string>();
  const withFramePointer = new Set<string>();
  for (const section of model.sections) {
    if (section.kind !== 'dis') continue;
    let fn: string | undefined;
    let seen = 0;
    let pushedRbp = false;
    for (let line = section.line + 1; line <= section.endLine && line < model.lineCount; line++) {
      const ins = model.instructions.decode(line);
      if (!ins) continue;
      if (ins.offset === 0) {
        fn = ins.function;
        seen = 0;
        pushedRbp = false;
        listed.add(fn);
      }
      if (fn === undefined || ins.function !== fn || ++seen > PROLOGUE_WINDOW) continue;
      const operands = ins.operands.trim();
      if (/^push/.test(ins.mnemonic) && operands === '%rbp') pushedRbp = true;
      else if (pushedRbp && /^mov/.test(ins.mnemonic) && operands === '%rsp,%rbp') withFramePointer.add(fn);
    }
  }
  const n = listed.size;
  const k = withFramePointer.size;
  if (n === 0)
    return {
      kept: false,
      why: 'no function start is disassembled in the transcript; assuming an ORC kernel (no frame pointers)',
    };
  const kept = k * 2 > n;
  return {
    kept,
    why: `${k} of ${n} functions listed from their start set up rbp (push %rbp; mov %rsp,%rbp): ${kept ? 'a frame-pointer kernel' : 'an ORC kernel without frame pointers'}`,
  };
}
