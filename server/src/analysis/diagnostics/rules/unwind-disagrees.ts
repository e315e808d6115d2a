// `unwind-disagrees`: run the unwinder over the transcript's own memory from where
// crash's `bt` starts and compare frame sequences. The unwinder is reached through
// a small interface (StackUnwinder) so tests can inject one; a walk that finds nothing
// stays quiet, and one that throws is an internal failure of this rule.
import { PC_REGISTER_NAMES } from '../../arch/registry';
import { backtraceStart, unwind, type UnwindStart } from '../../unwind';
import { exceptionRipSymbol } from '../../parse/symbolref';
import type { Backtrace, Frame } from '../../types';
import { Evidence, hexAddress, sameFunction } from '../evidence';
import { defineRule, type DiagnosticAction, type Finding, type StackUnwinder, type UnwoundFrame } from '../rule';

const MAX_FRAMES = 128;
/**
 * Walks per document. A walk costs far more than the other rules per frame, and a
 * `foreach bt` dump holds thousands of bts: the first distinct ones are checked.
 */
const MAX_WALKS = 32;

/** A walked frame that says whether the walk reached it by resuming at printed registers, past unread stack. */
interface WalkedFrame extends UnwoundFrame {
  resumed?: boolean;
}

/** The project's unwinder (../unwind), seen through StackUnwinder. */
export function defaultUnwinder(): StackUnwinder {
  return (model, start) =>
    unwind(model, start)
      .frames.slice(0, MAX_FRAMES)
      .map((f): WalkedFrame => ({
        function: f.function,
        address: f.pc ?? f.returnAddress,
        frameAddress: f.frameAddress,
        guess: f.method === 'scan' || f.confidence === 'guess',
        resumed: f.resumed,
      }));
}

/**
 * Stack the walk jumped over when it resumed at registers printed elsewhere (the memory ran out):
 * bt frames there are unread by the walk, not unsupported by memory.
 */
function unreadGaps(unwound: readonly WalkedFrame[]): [bigint, bigint][] {
  const gaps: [bigint, bigint][] = [];
  for (let j = 1; j < unwound.length; j++) {
    if (!unwound[j].resumed) continue;
    const before = unwound
      .slice(0, j)
      .map((f) => f.frameAddress)
      .filter((a): a is bigint => a !== undefined)
      .pop();
    const after = unwound.slice(j).find((f) => f.frameAddress !== undefined)?.frameAddress;
    if (before !== undefined && after !== undefined && after > before) gaps.push([before, after]);
  }
  return gaps;
}

export const unwindDisagrees = defineRule({
  code: 'unwind-disagrees',
  severity: 'warning',
  description: "Unwinding the transcript's own memory gives other frames than crash's `bt`.",
  arches: 'any',
  // Frames those rules flag are not reported again as missing from the walk.
  dependsOn: ['stale-frame', 'call-target-mismatch'],
  example: {
    lines: [
      'crash> bt',
      'PID: 1      TASK: ffff000000100000  CPU: 0    COMMAND: "x"',
      ' #0 [ffff800008013e00] a_func at ffff800008001000',
      ' #1 [ffff800008013e40] b_func at ffff800008002000',
      ' #2 [ffff800008013e80] c_func at ffff800008003000',
      'crash> rd -x ffff800008013e00 2',
      'ffff800008013e00:  ffff800008013e80 ffff800008003004',
      'crash> rd -x ffff800008013e80 2',
      'ffff800008013e80:  0000000000000000 0000000000000000',
    ],
    firesOn: [3],
  },
  *check({ evidence, emit, unwinder: injected, findings }) {
    if (injected === null) return;
    const unwinder = injected ?? defaultUnwinder();
    const alreadyFlagged = new Set(
      [...findings('stale-frame'), ...findings('call-target-mismatch')].map((d) => d.range.start.line),
    );
    const walked = new Set<string>();
    const results = new Map<string, UnwoundFrame[] | undefined>();
    for (const bt of evidence.model.backtraces) {
      const first = bt.frames[0];
      if (!first || first.stackAddress === undefined || bt.frames.length < 2) continue;
      // `bt`, `bt -f`, `bt -F` of one task start alike: one walk answers them all, each gets its diagnostics.
      const key = `${first.stackAddress}:${first.address}`;
      if (!walked.has(key) && walked.size >= MAX_WALKS) continue;
      // The start the CodeLens of this bt offers, so the code action shows the same walk.
      const start: UnwindStart | undefined =
        backtraceStart(evidence.model, bt) ??
        evidence.spec?.unwinder.frameStart(first.stackAddress, first.address, first.line, `[${hexAddress(first.stackAddress)}]`);
      // An unknown architecture has no walk to compare with.
      if (!start) continue;
      let unwound = results.get(key);
      if (!walked.has(key)) {
        walked.add(key);
        unwound = unwinder(evidence.model, start);
        results.set(key, unwound);
        yield;
      }
      if (!unwound || unwound.length === 0) continue;
      compare(evidence, bt, unwound, start.line ?? first.line, alreadyFlagged, emit);
    }
  },
});

/** A bt entry the walk can meet: a frame, or the function of an exception RIP between frames. */
interface BtEntry {
  function: string;
  frame: Frame;
  /**
   * Exception RIPs are compared but never reported as extra: crash prints them from pt_regs.
   * Neither is a frame crash printed with a "possibly bogus" exception block after it (the
   * frame it makes up where an IRQ stack returns to the task stack).
   */
  exception: boolean;
  /** The function of an exception block's pc, printed from its registers. */
  fromRegisters: boolean;
}

function btEntries(bt: Backtrace): BtEntry[] {
  // Keyed by the frame printed just before the block: s390x crash numbers frames from #0 again after one.
  const after = new Map<Frame, string>();
  const bogus = new Set<Frame>();
  for (const e of bt.exceptionFrames) {
    const named = exceptionRipSymbol(e.exceptionRip);
    // Without `[exception RIP: ...]`, the block's pc register may name the function (s390x `PSW: ... (func+56)`).
    const name =
      named?.name ??
      (e.exceptionRip === undefined ? e.registers.find((r) => PC_REGISTER_NAMES.has(r.name))?.symbol?.name : undefined);
    let frame: Frame | undefined;
    for (const f of bt.frames) if (f.line < e.line) frame = f;
    if (frame && e.bogus) bogus.add(frame);
    if (name && frame && !e.bogus) after.set(frame, name);
  }
  const entries: BtEntry[] = [];
  const frames = bt.frames.slice(0, MAX_FRAMES);
  frames.forEach((frame, k) => {
    // An inlined function (drgn's `(inline)` frames) has no frame on the stack.
    if (frame.inlined) return;
    entries.push({ function: frame.function, frame, exception: bogus.has(frame), fromRegisters: false });
    const rip = after.get(frame);
    // arm64's crash prints the block's pc (`PC: … [kmem_cache_free+252]`) as the next frame too: one entry.
    const next = frames[k + 1];
    if (rip && !(next && sameFunction(next.function, rip)))
      entries.push({ function: rip, frame, exception: true, fromRegisters: true });
  });
  return entries;
}

function compare(
  evidence: Evidence,
  bt: Backtrace,
  unwound: UnwoundFrame[],
  startLine: number,
  alreadyFlagged: ReadonlySet<number>,
  emit: (finding: Finding) => void,
): void {
  // Only the part of the stack the walk covered can disagree.
  const addresses = unwound.map((f) => f.frameAddress).filter((a): a is bigint => a !== undefined);
  const low = addresses.reduce<bigint | undefined>((m, a) => (m === undefined || a < m ? a : m), undefined);
  const high = addresses.reduce<bigint | undefined>((m, a) => (m === undefined || a > m ? a : m), undefined);
  // Per stack: a walk that went from the IRQ stack to the task's covers neither stack's other end.
  const spans = new Map<bigint | undefined, [bigint, bigint]>();
  for (const a of addresses) {
    const key = evidence.model.stackAt(a)?.base;
    const span = spans.get(key);
    spans.set(key, span ? [a < span[0] ? a : span[0], a > span[1] ? a : span[1]] : [a, a]);
  }
  const covered = (f: Frame, index: number): boolean => {
    if (low === undefined || high === undefined || f.stackAddress === undefined) return index < unwound.length;
    const span = spans.get(evidence.model.stackAt(f.stackAddress)?.base);
    return span !== undefined && f.stackAddress >= span[0] && f.stackAddress <= span[1];
  };
  const all = btEntries(bt);
  const entries = all.filter((e) => covered(e.frame, bt.frames.indexOf(e.frame)));
  if (entries.length === 0) return;
  // A walk that runs out of memory goes on at registers the transcript prints (unwind's resume):
  // a frame it places by those alone, with no stack slot, is bt's own when bt prints it from them.
  const fromBtRegisters = (f: UnwoundFrame): boolean =>
    f.frameAddress === undefined && all.some((e) => e.fromRegisters && sameFunction(e.function, f.function ?? ''));
  // One frame: the same function, or the same text address under two names (a symbol at the
  // start of a section: s390x's __do_pgm_check is also __noinstr_text_start).
  const pairs = commonSubsequence(entries.length, unwound.length, (i, j) => {
    const e = entries[i];
    const f = unwound[j];
    if (f.function && sameFunction(e.function, f.function)) return true;
    return !e.fromRegisters && e.frame.address !== undefined && e.frame.address === f.address;
  });
  const action: DiagnosticAction = { title: 'Show the unwound stack', showUnwindFromLine: startLine };
  const matchedBt = new Set(pairs.map(([i]) => i));
  const matchedUnwound = new Set(pairs.map(([, j]) => j));
  // Slots where the walk found a frame it could not name (no symbol for its address): no evidence against bt's name there.
  const unnamedSlots = new Set(unwound.filter((f) => !f.function && f.frameAddress !== undefined).map((f) => f.frameAddress));
  // The walk ends at its last frame: bt frames printed after the one it met there, at that same slot
  // (bt -S prints the task's saved pc and the frame it starts at on one slot), are past its end.
  const end = pairs.find(([, j]) => j === unwound.length - 1);
  const endSlot = unwound[unwound.length - 1].frameAddress;
  const pastEnd = (i: number, f: Frame): boolean =>
    end !== undefined && endSlot !== undefined && i > end[0] && f.stackAddress === endSlot;
  const gaps = unreadGaps(unwound);
  const unread = (f: Frame) =>
    f.stackAddress !== undefined && gaps.some(([from, to]) => f.stackAddress! > from && f.stackAddress! < to);
  for (let i = 0; i < entries.length; i++) {
    const { frame, exception } = entries[i];
    if (matchedBt.has(i) || exception || alreadyFlagged.has(frame.line) || unnamedSlots.has(frame.stackAddress)) continue;
    if (unread(frame)) continue;
    if (pastEnd(i, frame)) continue;
    emit({
      severity: 'warning',
      message: `unwinding the dumped stack does not pass through #${frame.level} ${frame.function}: crash's bt has a frame the memory does not support`,
      range: evidence.btFunctionRange(frame),
      related: [],
      actions: [action],
    });
  }
  // Frames the walk found that bt lacks, reported on the bt frame they would precede; past bt's
  // last frame crash stopped (riscv64 bt ends at handle_exception), which is not a disagreement.
  const btTop = bt.frames.reduce<bigint | undefined>(
    (m, f) => (f.stackAddress !== undefined && (m === undefined || f.stackAddress > m) ? f.stackAddress : m),
    undefined,
  );
  let k = 0;
  for (let j = 0; j < unwound.length; j++) {
    while (k < pairs.length && pairs[k][1] < j) k++;
    if (matchedUnwound.has(j) || !unwound[j].function || unwound[j].guess || fromBtRegisters(unwound[j])) continue;
    const at = unwound[j].frameAddress;
    if (btTop !== undefined && at !== undefined && at > btTop) continue;
    const anchor = entries[k < pairs.length ? pairs[k][0] : entries.length - 1].frame;
    // The walk meeting, before bt's first frame, that frame's own function is that frame seen twice
    // (riscv64's riscv_crash_save_regs leaves a return address into itself in the pt_regs it saves),
    // not one crash left out; deeper down the same name can be a recursion crash skipped.
    if (anchor === entries[0]?.frame && sameFunction(unwound[j].function!, anchor.function)) continue;
    // A frame bt prints outside the stretch the walk covered (it resumed at an exception frame's
    // registers past unread stack, and bt's frame lies beyond the walk's slots) is not left out.
    if (all.some((e) => !entries.includes(e) && sameFunction(e.function, unwound[j].function!))) continue;
    const where = unwound[j].frameAddress !== undefined ? ` at ${hexAddress(unwound[j].frameAddress!)}` : '';
    emit({
      severity: 'warning',
      message: `unwinding the dumped stack finds ${unwound[j].function}${where}, which crash's bt leaves out before #${anchor.level} ${anchor.function}`,
      range: evidence.btFunctionRange(anchor),
      related: [],
      actions: [action],
    });
  }
}

/** Longest common subsequence of bt entries and unwound frames (both at most MAX_FRAMES) under `same`. */
function commonSubsequence(n: number, m: number, same: (i: number, j: number) => boolean): [number, number][] {
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = same(i, j) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (same(i, j) && table[i][j] === table[i + 1][j + 1] + 1) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}
