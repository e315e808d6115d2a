// What each frame of a crash `bt` is, checked against the calls that produced it and
// against the console traces of the same crash: shared by `stale-frame` (which reports
// the stale ones) and `call-target-mismatch` (which speaks only where no frame is stale).
// A frame that the console prints without `?` is never stale.
import { ANY_PC_NAMES } from '../arch/registry';
import { exceptionRipSymbol } from '../parse/symbolref';
import type { Backtrace, ExceptionFrame, Frame, RelatedInfo } from '../types';
import { CallSite, ConsoleMention, Evidence, hexAddress, isOpaqueTarget, sameFunction } from './evidence';
import { PAUSE_EVERY } from './rule';
import type { Model } from '../model';
import { perModel } from '../perModel';

/** How far above a frame the skip rule looks for the call's real callee. */
const SKIP_WINDOW = 16;

export interface FrameFacts {
  frame: Frame;
  /** Index of the stack segment (frames between `--- <...> ---` markers). */
  segment: number;
  console: readonly ConsoleMention[];
  confirmed?: ConsoleMention;
  doubted?: ConsoleMention;
  site?: CallSite;
  /** The frame is the interrupted function at the exception's pc (the block above it): no call made it. */
  atExceptionPc?: boolean;
  /** `doubted`: the evidence says the frame may be left over, not that it is (reported as information). */
  stale?: { message: string; related: RelatedInfo[]; doubted?: boolean };
}

export interface BacktraceFacts {
  bt: Backtrace;
  facts: FrameFacts[];
  /** The exception frame crash printed between frame i − 1 and frame i. */
  exceptionBetween: (i: number) => ExceptionFrame | undefined;
  /** The function frame i's call must target: the frame above, or the exception RIP after it. */
  expectedCallee: (i: number) => { name: string; exception?: ExceptionFrame } | undefined;
}

/** Every bt with frames, analysed once per diagnose() run whichever rule asks first, pausing between backtraces. */
export function backtraceFactsInSteps(evidence: Evidence): Generator<void, BacktraceFacts[]> {
  return evidence.sharedInSteps(backtraceFactsInSteps, function* () {
    yield* evidence.indexConsoleInSteps();
    const all: BacktraceFacts[] = [];
    for (const bt of evidence.model.backtraces) {
      if (bt.frames.length === 0) continue;
      all.push(analyseBacktrace(evidence, bt));
      if (all.length % PAUSE_EVERY === 0) yield;
    }
    return all;
  });
}

export function exceptionRipFunction(frame: ExceptionFrame): string | undefined {
  return exceptionRipSymbol(frame.exceptionRip)?.name;
}

export function describeFrame(evidence: Evidence, frame: Frame): string {
  const offset = frame.offset ?? (frame.address !== undefined ? evidence.offsetIn(frame.function, frame.address) : undefined);
  return offset !== undefined ? `${frame.function}+${offset}` : `${frame.function} (${hexAddress(frame.address ?? 0n)})`;
}

/** The program counter an exception block of crash's bt holds (`RIP:`, `PC:`, `EIP:`), when it has one. */
function exceptionPc(exception: ExceptionFrame | undefined): bigint | undefined {
  return exception?.registers.find((r) => ANY_PC_NAMES.has(r.name))?.value;
}

function analyseBacktrace(evidence: Evidence, bt: Backtrace): BacktraceFacts {
  // Where crash prints a caller at its call instruction (arm64 `bl`), the instruction before is no evidence.
  const callerAtCall = evidence.spec?.calls.btShowsCallSite === true;
  const exceptionAfter = new Map<number, ExceptionFrame>();
  for (const e of bt.exceptionFrames) exceptionAfter.set(e.afterLevel, e);
  const markerLevels = new Set(bt.markers.map((m) => m.beforeLevel));

  const facts: FrameFacts[] = [];
  let segment = 0;
  // An inlined function (drgn's `(inline)` frames) made no call: the frame below it called the one above.
  const frames = bt.frames.some((f) => f.inlined) ? bt.frames.filter((f) => !f.inlined) : bt.frames;
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i];
    if (i > 0 && markerLevels.has(frame.level)) segment++;
    const mentions =
      frame.address !== undefined ? evidence.consoleMentions(frame.function, frame.address, callerAtCall && i > 0) : [];
    // crash prints the interrupted function as a frame of its own at the exception's pc (a BUG()'s
    // `ud2` right after a `call printk`): where it was, not where a call returns to.
    const atExceptionPc =
      i > 0 && frame.address !== undefined && exceptionPc(exceptionAfter.get(frames[i - 1].level)) === frame.address;
    facts.push({
      frame,
      segment,
      console: mentions,
      confirmed: mentions.find((m) => !m.unreliable),
      doubted: mentions.find((m) => m.unreliable),
      site: frame.address !== undefined && i > 0 && !atExceptionPc ? evidence.callSite(frame.address) : undefined,
      ...(atExceptionPc && { atExceptionPc }),
    });
  }

  const exceptionBetween = (i: number): ExceptionFrame | undefined => exceptionAfter.get(facts[i - 1].frame.level);
  const expectedCallee = (i: number): { name: string; exception?: ExceptionFrame } | undefined => {
    if (i === 0 || facts[i].segment !== facts[i - 1].segment) return undefined;
    if (facts[i].atExceptionPc) return undefined;
    const exception = exceptionBetween(i);
    if (exception) {
      if (exception.bogus) return undefined;
      const name = exceptionRipFunction(exception);
      return name ? { name, exception } : undefined;
    }
    // Below an exception vector lies the interrupted context: its pc came from no call.
    const above = facts[i - 1].frame.function;
    if (above && evidence.spec?.calls.exceptionEntries?.test(above)) return undefined;
    return { name: evidence.callerFunction(facts[i - 1].frame) };
  };

  // 1. The console trace of the same crash doubts this return address.
  for (const f of facts) {
    if (f.confirmed || !f.doubted) continue;
    const m = f.doubted;
    const related = [{ range: evidence.lineRange(m.line), message: `console: ${m.function}+0x${m.offset.toString(16)}` }];
    // powerpc marks `(unreliable)` the first frame after registers whatever it is (show_stack names the
    // frame at r1 by its LR save word, stale unless the function there had saved its LR): a doubt.
    // The others' `?` is an unwinder's verdict: the address was on the stack but off its walk.
    if (evidence.model.line(m.line).includes('(unreliable)')) {
      related[0].message += ' (unreliable)';
      f.stale = {
        message:
          `the console trace doubts ${m.function}+0x${m.offset.toString(16)} (\`(unreliable)\`): powerpc names the frame ` +
          `the interrupted r1 points at by its LR save word, which may be left over from an earlier call (the walk from the registers tells)`,
        related,
        doubted: true,
      };
      continue;
    }
    related[0].message += ' ?';
    f.stale = {
      message:
        `stale frame: the console trace marks ${m.function}+0x${m.offset.toString(16)} unreliable (\`?\`): ` +
        `a return address left on the stack by an earlier call, not a caller of the frame above`,
      related,
    };
  }

  // 2. The call before a return address targets a frame further up: the frames in between are left over.
  for (let i = 1; i < facts.length; i++) {
    const site = facts[i].site;
    if (site?.kind !== 'call') continue;
    const target = site.instruction.targetSymbol?.name;
    const expected = expectedCallee(i);
    if (!target || !expected || isOpaqueTarget(target) || sameFunction(target, expected.name) || expected.exception) continue;
    for (let j = i - 2; j >= 0 && j >= i - SKIP_WINDOW; j--) {
      if (facts[j].segment !== facts[i].segment || exceptionBetween(j + 1)) break;
      if (!sameFunction(target, evidence.callerFunction(facts[j].frame))) continue;
      for (let k = j + 1; k < i; k++) {
        if (facts[k].confirmed || provenStale(facts[k])) continue;
        facts[k].stale = {
          message:
            `stale frame: the call before ${describeFrame(evidence, facts[i].frame)} targets ${target} (#${facts[j].frame.level}), ` +
            `so #${facts[j + 1].frame.level}..#${facts[i - 1].frame.level} are return addresses left on the stack by earlier calls`,
          related: [
            { range: evidence.wordRange(site.instruction.line, target), message: `${site.instruction.mnemonic} ${target}` },
            {
              range: evidence.btFunctionRange(facts[j].frame),
              message: `#${facts[j].frame.level} ${facts[j].frame.function}: the real callee`,
            },
          ],
        };
      }
      break;
    }
  }

  // 3. A "return address" whose preceding instruction is shown and is not a call.
  for (let i = 1; i < facts.length; i++) {
    const f = facts[i];
    if (f.site?.kind !== 'not-call' || f.confirmed || provenStale(f) || exceptionBetween(i) || callerAtCall) continue;
    if (facts[i].segment !== facts[i - 1].segment) continue;
    const before = f.site.instruction;
    f.stale = {
      message:
        `stale frame: ${hexAddress(f.frame.address!)} is not a return address: the instruction before it ` +
        `(${before.function}+${before.offset}: ${before.mnemonic}) is not a call`,
      related: [{ range: evidence.lineRange(before.line), message: `${before.mnemonic} ${before.operands}`.trim() }],
    };
  }
  // 4. A system call's entry twice on one stack: a task makes one system call at a time, so all but one
  // are return addresses left by earlier calls. The live one is the innermost (nearest the handler it
  // called: crash's stale entries lie above it, in its own frame's area), but that is likely, not sure.
  const entries = evidence.spec?.calls.syscallEntries;
  if (entries) {
    const live = new Map<string, FrameFacts>();
    for (const f of facts) {
      // Without ppc64 ELFv1's leading dot and a compiler's suffix (`.system_call_exception`, `invoke_syscall.constprop.0`).
      const name = f.frame.function?.replace(/^\./, '').replace(/\..*$/, '');
      if (!name || !entries.test(name)) continue;
      const key = `${f.segment} ${name}`;
      const first = live.get(key);
      if (!first) {
        live.set(key, f);
        continue;
      }
      if (f.confirmed || f.stale) continue;
      f.stale = {
        message:
          `${describeFrame(evidence, f.frame)} enters a system call again above #${first.frame.level} ${first.frame.function}: ` +
          `a task makes one system call at a time, so one of them is a return address left on the stack by an earlier call, ` +
          `likely this one (the live entry is the one nearest the handler it called)`,
        related: [{ range: evidence.btFunctionRange(first.frame), message: `#${first.frame.level} ${first.frame.function}` }],
        doubted: true,
      };
    }
  }
  return { bt, facts, exceptionBetween, expectedCallee };
}

/** Stale by evidence, not only doubted: stronger evidence may still tell a doubted frame is stale. */
function provenStale(f: FrameFacts): boolean {
  return f.stale !== undefined && f.stale.doubted !== true;
}

/**
 * The bt frames the evidence proves stale (the ones `stale-frame` warns of, not those it only doubts),
 * for a card that places a stack word: once per model, whoever asks first.
 */
export const provenStaleFrames = perModel((model: Model): ReadonlySet<Frame> => {
  const steps = backtraceFactsInSteps(new Evidence(model));
  let step = steps.next();
  while (!step.done) step = steps.next();
  const stale = new Set<Frame>();
  for (const { facts } of step.value) for (const f of facts) if (provenStale(f)) stale.add(f.frame);
  return stale;
});
