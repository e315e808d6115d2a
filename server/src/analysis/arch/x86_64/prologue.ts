// x86_64 frame size at a pc from the function's prologue in the transcript's
// `dis` listing, as crash does it: `push` is 8 bytes, `sub $n,%rsp` is n, up to the pc.
import type { Model } from '../../model';
import type { Instruction } from '../../types';

export interface Prologue {
  /** Bytes between the sp at the pc and the return-address slot. */
  size: number;
  /** Depth below the return slot (bytes) at which each pushed register was saved. */
  saved: Map<string, number>;
  /** `push %rbp; mov %rsp,%rbp`: the slot is also rbp + 8. */
  framePointer: boolean;
  /** The sp moves by an amount the listing cannot tell (`sub %rax,%rsp`, `and $-16,%rsp`). */
  variable: boolean;
  /** The listing reaches the instruction right before the pc (else the prologue is assumed done). */
  complete: boolean;
  lines: number[];
}

/** Instructions that give stack back in an epilogue. */
const RELEASES = /^(?:pop|leave)/;

const IMMEDIATE_RSP = /^\$(0x[0-9a-f]+|\d+),%rsp$/;

/** undefined when the listing does not start at the function's first instruction. */
export function prologueAt(model: Model, base: bigint, pc: bigint): Prologue | undefined {
  if (pc < base || pc - base > 0x100000n) return undefined;
  const first = model.instructions.at(base);
  if (!first) return undefined;
  const instructions = model.instructions.range(base, pc).filter((i) => i.function === first.function);
  const result: Prologue = { size: 0, saved: new Map(), framePointer: false, variable: false, complete: false, lines: [] };
  let framePointerDepth = 0;
  // A linear listing runs through epilogues (`pop; pop; jmp tail`) that other paths skip: after a
  // jmp or ret the depth is the one a branch to that address had, else the one before the epilogue.
  const depthAtTarget = new Map<bigint, number>();
  let beforeRelease: number | undefined;
  let pathEnded = false;
  for (const instruction of instructions) {
    if (pathEnded) {
      result.size = depthAtTarget.get(instruction.address) ?? beforeRelease ?? result.size;
      pathEnded = false;
    }
    const mnemonic = instruction.mnemonic;
    const releases = RELEASES.test(mnemonic) || (/^(?:add|lea)/.test(mnemonic) && instruction.operands.trim().endsWith(',%rsp'));
    const ends = /^(?:jmp|ret|ud2)/.test(mnemonic);
    if (releases) beforeRelease ??= result.size;
    else if (!ends) beforeRelease = undefined;
    if (/^j/.test(mnemonic) && instruction.target !== undefined && !ends) depthAtTarget.set(instruction.target, result.size);
    if (ends) pathEnded = true;
    const before = result.size;
    apply(
      result,
      instruction,
      () => framePointerDepth,
      (depth) => (framePointerDepth = depth),
    );
    if (result.size !== before || result.variable) result.lines.push(instruction.line);
  }
  if (pathEnded) result.size = beforeRelease ?? result.size;
  const last = instructions[instructions.length - 1];
  result.complete = last !== undefined && model.instructions.before(pc)?.address === last.address;
  return result;
}

function apply(p: Prologue, ins: Instruction, fpDepth: () => number, setFpDepth: (d: number) => void): void {
  const mnemonic = ins.mnemonic.replace(/q$/, '');
  const operands = ins.operands.trim();
  switch (mnemonic) {
    case 'push':
      p.size += 8;
      if (operands.startsWith('%') && !p.saved.has(operands)) p.saved.set(operands, p.size);
      return;
    case 'pop':
      p.size -= 8;
      return;
    case 'sub':
    case 'add': {
      const m = IMMEDIATE_RSP.exec(operands);
      if (m) p.size += (mnemonic === 'sub' ? 1 : -1) * Number(m[1]);
      else if (operands.endsWith(',%rsp')) p.variable = true;
      return;
    }
    case 'mov':
      if (operands === '%rsp,%rbp') {
        p.framePointer = true;
        setFpDepth(p.size);
      } else if (operands.endsWith(',%rsp')) p.variable = true;
      return;
    case 'and':
      if (operands.endsWith(',%rsp')) p.variable = true;
      return;
    case 'lea': {
      const m = /^-?(0x[0-9a-f]+|\d+)?\(%rbp\),%rsp$/.exec(operands);
      if (m && p.framePointer) p.size = fpDepth() + (operands.startsWith('-') ? Number(m[1] ?? 0) : -Number(m[1] ?? 0));
      else if (operands.endsWith(',%rsp')) p.variable = true;
      return;
    }
    case 'leave':
      if (p.framePointer) p.size = fpDepth() - 8;
      return;
    default:
      return;
  }
}
