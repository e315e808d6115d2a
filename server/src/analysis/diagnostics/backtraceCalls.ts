// crash `bt` frames checked against the calls that produced them and against the
// console traces of the same crash: `stale-frame`, `call-target-mismatch` and
// `bogus-exception-frame`. A frame that the console prints without `?` is never flagged.
import type { Backtrace, Diagnostic, ExceptionFrame, Frame, RelatedInfo } from '../types';
import { CallSite, ConsoleMention, Evidence, hexAddress, isOpaqueTarget, sameFunction } from './evidence';

/** How far above a frame the skip rule looks for the call's real callee. */
const SKIP_WINDOW = 16;
/** Bytes of stack searched for words that show the callee was running. */
const EVIDENCE_BYTES = 0x800n;

interface FrameFacts {
  frame: Frame;
  /** Index of the stack segment (frames between `--- <...> ---` markers). */
  segment: number;
  console: ConsoleMention[];
  confirmed?: ConsoleMention;
  doubted?: ConsoleMention;
  site?: CallSite;
  stale?: { message: string; related: RelatedInfo[] };
}

export function checkBacktraceCalls(evidence: Evidence, emit: (d: Diagnostic) => void): void {
  for (const bt of evidence.model.backtraces) {
    if (bt.frames.length === 0) continue;
    checkBacktrace(evidence, bt, emit);
  }
}

function exceptionRipFunction(frame: ExceptionFrame): string | undefined {
  const m = /^([A-Za-z_.$][\w.$]*)(?:\+\d+)?$/.exec(frame.exceptionRip ?? '');
  return m ? m[1] : undefined;
}

function checkBacktrace(evidence: Evidence, bt: Backtrace, emit: (d: Diagnostic) => void): void {
  // Where crash prints a caller at its call instruction (arm64 `bl`), the instruction before is no evidence.
  const callerAtCall = evidence.spec?.calls.btShowsCallSite === true;
  const exceptionAfter = new Map<number, ExceptionFrame>();
  for (const e of bt.exceptionFrames) exceptionAfter.set(e.afterLevel, e);
  const markerLevels = new Set(bt.markers.map((m) => m.beforeLevel));

  const facts: FrameFacts[] = [];
  let segment = 0;
  for (let i = 0; i < bt.frames.length; i++) {
    const frame = bt.frames[i];
    if (i > 0 && markerLevels.has(frame.level)) segment++;
    const mentions =
      frame.address !== undefined ? evidence.consoleMentions(frame.function, frame.address, callerAtCall && i > 0) : [];
    facts.push({
      frame,
      segment,
      console: mentions,
      confirmed: mentions.find((m) => !m.unreliable),
      doubted: mentions.find((m) => m.unreliable),
      site: frame.address !== undefined && i > 0 ? evidence.callSite(frame.address) : undefined,
    });
  }

  const exceptionBetween = (i: number): ExceptionFrame | undefined => exceptionAfter.get(facts[i - 1].frame.level);
  /** The function frame i's call must target: the frame above, or the exception RIP after it. */
  const expectedCallee = (i: number): { name: string; exception?: ExceptionFrame } | undefined => {
    if (i === 0 || facts[i].segment !== facts[i - 1].segment) return undefined;
    const exception = exceptionBetween(i);
    if (exception) {
      if (exception.bogus) return undefined;
      const name = exceptionRipFunction(exception);
      return name ? { name, exception } : undefined;
    }
    return { name: facts[i - 1].frame.function };
  };

  // 1. The console trace of the same crash doubts this return address.
  for (const f of facts) {
    if (f.confirmed || !f.doubted) continue;
    const m = f.doubted;
    f.stale = {
      message:
        `stale frame: the console trace marks ${m.function}+0x${m.offset.toString(16)} unreliable (\`?\`): ` +
        `a return address left on the stack by an earlier call, not a caller of the frame above`,
      related: [{ range: evidence.lineRange(m.line), message: `console: ? ${m.function}+0x${m.offset.toString(16)}` }],
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
      if (!sameFunction(target, facts[j].frame.function)) continue;
      for (let k = j + 1; k < i; k++) {
        if (facts[k].confirmed || facts[k].stale) continue;
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
    if (f.site?.kind !== 'not-call' || f.confirmed || f.stale || exceptionBetween(i) || callerAtCall) continue;
    if (facts[i].segment !== facts[i - 1].segment) continue;
    const before = f.site.instruction;
    f.stale = {
      message:
        `stale frame: ${hexAddress(f.frame.address!)} is not a return address: the instruction before it ` +
        `(${before.function}+${before.offset}: ${before.mnemonic}) is not a call`,
      related: [{ range: evidence.lineRange(before.line), message: `${before.mnemonic} ${before.operands}`.trim() }],
    };
  }

  for (const f of facts) {
    if (!f.stale) continue;
    emit({
      code: 'stale-frame',
      severity: 'warning',
      message: f.stale.message,
      range: evidence.btFunctionRange(f.frame),
      related: f.stale.related,
    });
  }

  // 4. What is left: a call whose target is not the frame above.
  for (let i = 1; i < facts.length; i++) {
    const f = facts[i];
    const site = f.site;
    if (site?.kind !== 'call' || f.stale) continue;
    const target = site.instruction.targetSymbol?.name;
    const expected = expectedCallee(i);
    if (!target || !expected || isOpaqueTarget(target) || sameFunction(target, expected.name)) continue;
    const above = facts[i - 1];
    if (!expected.exception && above.stale) continue;
    // The console's own unwinder put the two next to each other: a tail call, not crash's mistake.
    if (f.confirmed && (expected.exception ? evidence.consolePcIn(expected.name) : above.confirmed)) continue;
    if (tailCalls(evidence, target, expected.name)) continue;
    const words = calleeWords(evidence, bt, i, target);
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
    emit({
      code: 'call-target-mismatch',
      severity: words.length > 0 ? 'error' : 'warning',
      message:
        words.length > 0
          ? `${returnText} returns from a call to ${target}, yet ${what}; the stack between the frames holds addresses in ${target}, so bt skipped a frame`
          : `${returnText} returns from a call to ${target}, yet ${what} (only right if ${target} tail-called ${expected.name})`,
      range,
      related,
    });
  }

  checkBogusExceptionFrames(evidence, bt, emit);
}

function describeFrame(evidence: Evidence, frame: Frame): string {
  const offset = frame.offset ?? (frame.address !== undefined ? evidence.offsetIn(frame.function, frame.address) : undefined);
  return offset !== undefined ? `${frame.function}+${offset}` : `${frame.function} (${hexAddress(frame.address ?? 0n)})`;
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

/** crash's `possibly bogus exception frame` blocks, with the reasons the values cannot be real. */
function checkBogusExceptionFrames(evidence: Evidence, bt: Backtrace, emit: (d: Diagnostic) => void): void {
  for (const e of bt.exceptionFrames) {
    if (!e.bogus) continue;
    const reasons: string[] = [];
    const value = (name: string) => e.registers.find((r) => r.name === name)?.value;
    const rip = value('RIP') ?? value('PC');
    const cs = value('CS');
    // Whether it is text is the architecture's layout: no reason given on an unknown one.
    if (rip !== undefined && evidence.spec) {
      const kind = evidence.model.classify(rip).kind;
      if (kind !== 'kernel-text' && kind !== 'module-text' && kind !== 'user')
        reasons.push(`RIP ${hexAddress(rip)} is ${evidence.model.classify(rip).label}, not text`);
    }
    if (cs !== undefined && cs !== 0x10n && cs !== 0x33n && cs !== 0x23n)
      reasons.push(`CS ${cs.toString(16).padStart(4, '0')} is no code segment`);
    if (e.exceptionRip && /unknown|invalid|no symbolic/.test(e.exceptionRip)) reasons.push(`crash found no symbol for the RIP`);
    const related: RelatedInfo[] = [];
    const pc = bt.pid !== undefined ? evidence.consolePcOfPid(bt.pid) : undefined;
    if (pc) related.push({ range: evidence.registerRange(pc), message: 'the console shows the interrupted registers' });
    emit({
      code: 'bogus-exception-frame',
      severity: 'warning',
      message:
        `crash marked this register block "possibly bogus"${reasons.length ? `: ${reasons.join('; ')}` : ''}; ` +
        `its values are not the interrupted context and are not used as evidence`,
      range: evidence.lineRange(e.line),
      related,
    });
  }
}
