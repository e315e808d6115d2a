// Marks each frame of a walk as agreeing with the transcript's own `bt` for the
// same stack or not, and names the first place where they part.
import { archSpec } from '../arch/registry';
import { hex16 } from '../hex';
import type { Model } from '../model';
import type { Backtrace } from '../types';
import type { BtComparison, UnwindFrame, UnwindResult } from './types';

export function compareWithBt(model: Model, result: UnwindResult): BtComparison | undefined {
  // Exception frames at a pt_regs address (x86_64) are register blocks in crash's bt, not frames.
  const layout = archSpec(result.arch)?.exceptionFrame;
  const atRegs = layout?.walkedAtRegs === true;
  const isPtRegs = (f: UnwindFrame) => atRegs && f.method === 'exception-frame';
  // A record's 0 (the chain's end) is no place on a stack.
  const addressed = result.frames.filter((f) => f.frameAddress !== undefined && f.frameAddress !== 0n && !isPtRegs(f));
  if (addressed.length === 0) return undefined;
  const low = addressed.reduce((m, f) => (f.frameAddress! < m ? f.frameAddress! : m), addressed[0].frameAddress!);
  const high = addressed.reduce((m, f) => (f.frameAddress! > m ? f.frameAddress! : m), addressed[0].frameAddress!);
  // Only backtraces on the walked stack can hold its frames.
  const bt = pickBacktrace(model.backtracesInStack(model.stackAt(low)), low, high);
  if (!bt) return undefined;

  const matched = new Set<number>();
  type Event = { address: bigint; text: string; mark: () => void };
  const events: Event[] = [];
  for (const frame of result.frames) {
    if (frame.frameAddress === undefined) continue;
    // Exception frames are register blocks in crash's bt, not bracketed frames.
    if (isPtRegs(frame)) {
      // Only the pt_regs' own words: bt frames between its end and the saved sp are frames the walk skipped.
      const end = frame.frameAddress + BigInt(layout!.bytes);
      const inside = bt.frames.filter(
        (f) => f.stackAddress !== undefined && f.stackAddress >= frame.frameAddress! && f.stackAddress < end,
      );
      if (inside.length === 0) continue;
      for (const f of inside) matched.add(f.line);
      frame.bt = { status: 'differs', level: inside[0].level, function: inside[0].function, line: inside[0].line };
      events.push({
        address: frame.frameAddress,
        text: `bt #${inside[0].level} ${inside[0].function} [${hex16(inside[0].stackAddress!)}] is a word inside the pt_regs at ${hex16(frame.frameAddress)}, where the walk finds the exception frame of ${frame.function ?? '?'}`,
        mark: () => (frame.bt!.first = true),
      });
      continue;
    }
    const same = bt.frames.find((f) => f.stackAddress === frame.frameAddress);
    if (!same) {
      frame.bt = { status: 'absent' };
      // A scan's guess is no evidence that crash's bt lacks a frame.
      if (frame.method === 'scan' || frame.confidence === 'guess') continue;
      events.push({
        address: frame.frameAddress,
        text: `the walk finds ${frame.function ?? '?'} at [${hex16(frame.frameAddress)}], where bt shows no frame`,
        mark: () => (frame.bt!.first = true),
      });
      continue;
    }
    matched.add(same.line);
    // The same slot holding the same text address is one frame, whatever each calls it
    // (crash's bt says `_MODULE_START_sys_linux` where bt -F and the walk say `sys_linux+7059`).
    const sameAddress = same.address !== undefined && same.address === (frame.returnAddress ?? frame.pc);
    const agrees = sameAddress || same.function === frame.function;
    frame.bt = { status: agrees ? 'agrees' : 'differs', level: same.level, function: same.function, line: same.line };
    if (!agrees) {
      events.push({
        address: frame.frameAddress,
        text: `bt #${same.level} names ${same.function} at [${hex16(same.stackAddress!)}], the walk ${frame.function ?? '?'}`,
        mark: () => (frame.bt!.first = true),
      });
    }
  }
  const comparison: BtComparison = { line: bt.line, extra: [], notCompared: [] };
  const jumped = jumpedOver(result.frames);
  for (const f of bt.frames) {
    if (matched.has(f.line) || f.stackAddress === undefined || f.stackAddress < low || f.stackAddress > high) continue;
    // Frames in the stretch a walk jumped over (memory missing, resumed at a register block above) were not compared.
    if (jumped.some(([from, to]) => f.stackAddress! > from && f.stackAddress! < to)) {
      comparison.notCompared.push(f.level);
      continue;
    }
    const extra = { level: f.level, function: f.function, stackAddress: f.stackAddress, line: f.line, first: false };
    comparison.extra.push(extra);
    events.push({
      address: f.stackAddress,
      text: `bt #${f.level} ${f.function} [${hex16(f.stackAddress)}] is not a frame of the walk`,
      mark: () => (extra.first = true),
    });
  }
  events.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  if (events.length > 0) {
    events[0].mark();
    comparison.firstDifference = events[0].text;
  }
  return comparison;
}

/**
 * The stretches of stack a walk did not read: from the last frame before a resume (where the
 * memory ran out) to the sp of the register block it resumed at.
 */
function jumpedOver(frames: readonly UnwindFrame[]): Array<[bigint, bigint]> {
  const stretches: Array<[bigint, bigint]> = [];
  let last: bigint | undefined;
  for (const frame of frames) {
    if (frame.resumed && last !== undefined && frame.sp !== undefined && frame.sp > last) stretches.push([last, frame.sp]);
    if (frame.frameAddress !== undefined) last = frame.frameAddress;
  }
  return stretches;
}

/** The `bt` with the most frames in the walked range (the first of equals). */
/**
 * A bt of the walked stack whose frames lie on both sides of the walk's (or at its ends): one that
 * would hold the walk's frames were they live.
 */
export function backtraceAround(model: Model, result: UnwindResult): Backtrace | undefined {
  const addresses = result.frames.flatMap((f) => (f.frameAddress !== undefined && f.frameAddress !== 0n ? [f.frameAddress] : []));
  if (addresses.length === 0) return undefined;
  const low = addresses.reduce((m, a) => (a < m ? a : m));
  const high = addresses.reduce((m, a) => (a > m ? a : m));
  return model.backtracesInStack(model.stackAt(low)).find((bt) => {
    const slots = bt.frames.flatMap((f) => (f.stackAddress !== undefined ? [f.stackAddress] : []));
    return slots.some((s) => s <= low) && slots.some((s) => s >= high);
  });
}

function pickBacktrace(backtraces: Backtrace[], low: bigint, high: bigint): Backtrace | undefined {
  let best: Backtrace | undefined;
  let bestCount = 0;
  for (const bt of backtraces) {
    let count = 0;
    for (const f of bt.frames) if (f.stackAddress !== undefined && f.stackAddress >= low && f.stackAddress <= high) count++;
    if (count > bestCount) {
      best = bt;
      bestCount = count;
    }
  }
  return best;
}
