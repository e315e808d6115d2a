// `call-target-mismatch`: the call before a crash `bt` return address targets another
// function than the frame above it (or the exception RIP after it). An error when stack
// words between the two frames point into the call's target (bt skipped a frame), a
// warning when only a tail call could explain it. Frames found stale are left alone.
import type { Backtrace, RelatedInfo } from '../../types';
import { backtraceFactsInSteps, describeFrame } from '../backtraceFacts';
import { CallSite, ConsoleMention, Evidence, hexAddress, isOpaqueTarget, sameFunction } from '../evidence';
import { defineRule, PAUSE_EVERY } from '../rule';

/** Bytes of stack searched for words that show the callee was running. */
const EVIDENCE_BYTES = 0x800n;

export const callTargetMismatch = defineRule({
  code: 'call-target-mismatch',
  severity: 'error',
  description: 'The call before a return address targets a function other than the frame above it.',
  arches: 'known',
  example: {
    lines: [
      'crash> bt',
      'PID: 1      TASK: ffff888000100000  CPU: 0    COMMAND: "x"',
      ' #0 [ffffc90000013e00] a_func at ffffffff81000105',
      ' #1 [ffffc90000013e20] b_func at ffffffff81001105',
      ' #2 [ffffc90000013e40] stale_func at ffffffff81002105',
      ' #3 [ffffc90000013e60] c_func at ffffffff81003105',
      'crash> dis -l ffffffff81003100 2',
      '0xffffffff81003100 <c_func+256>:\tcall   0xffffffff81009000 <other_func>',
      '0xffffffff81003105 <c_func+261>:\tmov    %rax,%rbx',
      'crash> rd -x ffffc90000013e48 2',
      'ffffc90000013e48:  ffffffff81009010 0000000000000000',
    ],
    firesOn: [4],
  },
  *check({ evidence, emit }) {
    // `bt`, `bt -f` and `bt -F` of a task repeat a mismatch: each listing and stack span is searched once.
    const tailCallsKnown = new Map<string, boolean>();
    const wordsKnown = new Map<string, RelatedInfo[]>();
    let seen = 0;
    for (const { bt, facts, expectedCallee } of yield* backtraceFactsInSteps(evidence)) {
      if (++seen % PAUSE_EVERY === 0) yield;
      for (let i = 1; i < facts.length; i++) {
        const f = facts[i];
        const site = f.site;
        if (site?.kind !== 'call' || f.stale) continue;
        const target = site.instruction.targetSymbol?.name;
        const expected = expectedCallee(i);
        if (!target || !expected || isOpaqueTarget(target) || evidence.callsStub(site.instruction)) continue;
        if (sameFunction(target, expected.name)) continue;
        const above = facts[i - 1];
        if (!expected.exception && above.stale) continue;
        // The console's own unwinder put the two next to each other (in one trace): a tail call, not crash's mistake.
        if (f.confirmed && (expected.exception ? evidence.consolePcIn(expected.name) : inOneTrace(f.console, above.console)))
          continue;
        const pair = `${target} ${expected.name}`;
        let tailCall = tailCallsKnown.get(pair);
        if (tailCall === undefined) tailCallsKnown.set(pair, (tailCall = tailCalls(evidence, target, expected.name)));
        if (tailCall) continue;
        const span = `${bt.frames[i - 1].stackAddress} ${bt.frames[i].stackAddress} ${target}`;
        let words = wordsKnown.get(span);
        if (!words) wordsKnown.set(span, (words = calleeWords(evidence, bt, i, target)));
        const range = expected.exception
          ? evidence.wordRange(expected.exception.line, expected.name)
          : evidence.btFunctionRange(above.frame);
        const related: RelatedInfo[] = [
          {
            range: evidence.wordRange(site.instruction.line, target),
            message: `${describeInstruction(site)}: the call ${f.frame.function} returns from`,
          },
          ...words,
        ];
        const returnText = describeFrame(evidence, f.frame);
        const what = expected.exception ? `the exception RIP is in ${expected.name}` : `bt puts ${expected.name} above it`;
        // A leaf at #0 whose caller crash cannot print (ppc64): bt is known to skip it, the stack is fine.
        const leafGap = i === 1 && !expected.exception && evidence.spec?.calls.btMissesLeafCaller === true;
        emit({
          severity: words.length > 0 && !leafGap ? 'error' : 'warning',
          message: leafGap
            ? `${returnText} returns from a call to ${target}, yet bt puts ${expected.name} above it: crash shows the CPU's pc as #0 and takes #1 from the back chain, so ${target}, the caller of the leaf ${expected.name}, is left out`
            : words.length > 0
              ? `${returnText} returns from a call to ${target}, yet ${what}; the stack between the frames holds addresses in ${target}, so bt skipped a frame`
              : `${returnText} returns from a call to ${target}, yet ${what} (only right if ${target} tail-called ${expected.name})`,
          range,
          related,
        });
      }
    }
  },
});

/** Whether the console printed both frames, sure of them, in the same trace of the same report. */
function inOneTrace(frame: readonly ConsoleMention[], above: readonly ConsoleMention[]): boolean {
  return frame.some((m) => !m.unreliable && above.some((a) => !a.unreliable && a.report === m.report && a.section === m.section));
}

function describeInstruction(site: CallSite): string {
  const i = site.instruction;
  return `${i.function}+${i.offset}: ${i.mnemonic} ${i.targetSymbol?.name ?? i.operands}`;
}

/** A `jmp` from `from` to `to` in a listing of `from`: a tail call explains the frame above. */
function tailCalls(evidence: Evidence, from: string, to: string): boolean {
  const symbol = evidence.model.symbols.get(from);
  if (symbol?.base === undefined) return false;
  const span = BigInt(Math.min(Math.max(symbol.size ?? 0, symbol.maxOffset + 16), 0x4000));
  const instructions = evidence.model.instructions.range(symbol.base, symbol.base + span);
  return instructions.some((i) => i.mnemonic.startsWith('j') && i.targetSymbol && sameFunction(i.targetSymbol.name, to));
}

/**
 * Stack words between the frame above and this frame that point into the call target:
 * a saved return address or an exception frame's ip show the target was running there.
 */
function calleeWords(evidence: Evidence, bt: Backtrace, i: number, target: string): RelatedInfo[] {
  const model = evidence.model;
  const low = bt.frames[i - 1].stackAddress;
  const high = bt.frames[i].stackAddress;
  if (low === undefined || high === undefined || high <= low || high - low > EVIDENCE_BYTES) return [];
  const result: RelatedInfo[] = [];
  for (const word of model.memory.range(low, high)) {
    if (word.width !== 8) continue;
    const match = model.symbols.lookup(word.value);
    if (!match || !sameFunction(match.symbol.name, target)) continue;
    const where = `${target}+0x${match.offset.toString(16)}`;
    // An x86 exception frame: ip, cs 0x10, flags, sp, ss 0x18.
    const cs = model.memory.read64(word.address + 8n);
    const ss = model.memory.read64(word.address + 32n);
    const isIret = cs?.value === 0x10n && ss?.value === 0x18n;
    const range = evidence.wordRange(word.line, hexAddress(word.value), word.column);
    result.push({
      range,
      message: isIret
        ? `exception frame ip ${where} at ${hexAddress(word.address)}`
        : `${where} on the stack at ${hexAddress(word.address)}`,
    });
    if (isIret) {
      for (const [offset, name] of [
        [8n, 'cs'],
        [16n, 'flags'],
        [24n, 'sp'],
        [32n, 'ss'],
      ] as const) {
        const w = model.memory.read64(word.address + offset);
        if (w)
          result.push({
            range: evidence.wordRange(w.line, hexAddress(w.value), w.column),
            message: `exception frame ${name} ${hexAddress(w.value)}`,
          });
      }
    }
    if (result.length >= 12) break;
  }
  return result;
}
