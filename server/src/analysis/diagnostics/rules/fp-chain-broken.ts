// `fp-chain-broken`: frame records (arm64 {x29, x30}) walked through dumped memory
// from every place the transcript names a frame pointer (crash's bracketed bt slots,
// the console's x29). A valid chain is 16-byte aligned, rises within a stack and
// leaves it only for another stack. Each record is read once, whatever the starts.
import type { FrameLinkage } from '../../arch/types';
import { kindInfo } from '../../classify';
import type { RelatedInfo } from '../../types';
import { Evidence, hexAddress } from '../evidence';
import { archesWhere, defineRule, PAUSE_EVERY, type Finding } from '../rule';

const MAX_STEPS = 4096;

interface ChainStart {
  fp: bigint;
  related: RelatedInfo;
}

export const fpChainBroken = defineRule({
  code: 'fp-chain-broken',
  severity: 'warning',
  description: 'A frame-record chain in dumped memory goes backwards, leaves the stack or is misaligned.',
  // Only where every function keeps the chain (arm64) is a break a finding.
  arches: archesWhere((spec) => spec.frames.alwaysKept),
  example: {
    lines: [
      'crash> bt',
      'PID: 1      TASK: ffff000000100000  CPU: 0    COMMAND: "x"',
      ' #0 [ffff800008013e00] a_func at ffff800008001000',
      ' #1 [ffff800008013e40] b_func at ffff800008002000',
      'crash> rd -x ffff800008013e00 2',
      'ffff800008013e00:  ffff800008013e40 ffff800008002004',
      'crash> rd -x ffff800008013e40 2',
      'ffff800008013e40:  ffff800008013d00 ffff800008003004',
    ],
    firesOn: [7],
  },
  *check({ evidence, emit }) {
    const model = evidence.model;
    const spec = model.spec;
    // Only where every function keeps the chain (arm64) is a break a finding; unknown architectures have none.
    if (!spec || !spec.frames.alwaysKept || model.memory.wordCount === 0) return;
    const fpNames = new Set(spec.registers.fp);
    const starts: ChainStart[] = [];
    for (const bt of model.backtraces) {
      for (const frame of bt.frames) {
        // crash's bracket is a frame address where the architecture's bt starts walks from it as one.
        if (
          frame.stackAddress !== undefined &&
          spec.unwinder.frameStart(frame.stackAddress, 0n, frame.line, '').fp !== undefined
        ) {
          starts.push({
            fp: frame.stackAddress,
            related: {
              range: evidence.btFunctionRange(frame),
              message: `#${frame.level} ${frame.function}: frame record at ${hexAddress(frame.stackAddress)}`,
            },
          });
        }
      }
    }
    for (const report of model.reports) {
      for (const r of report.registers) {
        if (fpNames.has(r.name) && r.value !== undefined)
          starts.push({
            fp: r.value,
            related: { range: evidence.registerRange(r), message: `${r.name} ${hexAddress(r.value)}` },
          });
      }
    }
    const visited = new Set<bigint>();
    let walks = 0;
    for (const start of starts) {
      walk(evidence, spec.frames, start, visited, emit);
      if (++walks % PAUSE_EVERY === 0) yield;
    }
  },
});

function walk(
  evidence: Evidence,
  { alignment, linkOffset, crossException, userLinkEnds }: FrameLinkage,
  start: ChainStart,
  visited: Set<bigint>,
  emit: (finding: Finding) => void,
): void {
  const model = evidence.model;
  let fp = start.fp;
  for (let step = 0; step < MAX_STEPS; step++) {
    if (visited.has(fp)) return;
    visited.add(fp);
    // An exception entry without a record of its own: the chain goes on from the pt_regs it saved, or ends.
    const crossed = crossException?.(model, fp);
    if (crossed === null) return;
    if (crossed !== undefined) {
      fp = crossed;
      continue;
    }
    const record = model.memory.read64(fp + linkOffset);
    if (!record) return;
    const next = record.value;
    if (next === 0n) return;
    // ppc64: the syscall entry's back chain is the user r1, the chain's end.
    if (userLinkEnds && model.classify(next).kind === 'user') return;
    const stack = model.stackAt(fp);
    const low = stack?.base ?? fp & ~(model.stackBytes('task') - 1n);
    const high = stack?.top ?? low + model.stackBytes('task');
    let problem: string | undefined;
    if (next % alignment !== 0n) problem = `is not ${alignment}-byte aligned`;
    else if (next >= low && next < high) {
      if (next <= fp) problem = `points back down the stack (frame records must rise toward the caller)`;
    } else {
      const kind = model.classify(next).kind;
      if (!kindInfo(kind).stack) problem = `leaves the stack for ${model.classify(next).label}`;
      // Else another stack (IRQ → task): a legitimate switch.
    }
    if (problem) {
      const shown = hexAddress(next);
      emit({
        severity: 'warning',
        message: `the frame record at ${hexAddress(fp)} saves fp ${shown}, which ${problem}: the frame chain is broken here`,
        range: evidence.wordRange(record.line, shown, record.column),
        related: [start.related],
      });
      return;
    }
    fp = next;
  }
}
