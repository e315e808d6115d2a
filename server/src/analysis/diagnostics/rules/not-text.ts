// `not-text`: a return address, LR or pc that cannot be kernel or module text by the
// architecture's layout. A bt or named trace return address of a kind that never holds
// text is an error; a trace address the kernel printed without a name is its unwinder's
// own stray step, and a pc outside text is what happened (a call through a bad pointer),
// so both get a warning; hashed `%p` values (since 4.15) say nothing. A trace none of
// whose addresses can be text here is another architecture's or machine's, quoted in the
// notes: one piece of information, not an error per frame.
import { layoutName, textChance, type TextChance } from '../../classify';
import type { Range } from '../../lines';
import type { Model } from '../../model';
import { exceptionRipSymbol } from '../../parse/symbolref';
import type { Register, Report } from '../../types';
import { anAddress, Evidence, hexAddress, isHashedPointer } from '../evidence';
import { defineRule, PAUSE_EVERY, type Finding } from '../rule';

type Verdict = { severity: 'error' | 'warning'; label: string } | undefined;
/** What the layout says of an address: whether it can be text, and its kind's name. */
type AddressKind = { chance: TextChance; label: string };

export const notText = defineRule({
  code: 'not-text',
  severity: 'error',
  description: 'A return address, LR or pc that cannot be kernel or module text.',
  // What can be text is the architecture's layout: none when it is unknown.
  arches: 'known',
  example: {
    lines: [
      'crash> bt',
      'PID: 1      TASK: ffff888000100000  CPU: 0    COMMAND: "x"',
      ' #0 [ffffc90000013e00] a_func at ffffffff81000105',
      ' #1 [ffffc90000013e20] b_func at ffffc90000013e80',
    ],
    firesOn: [3],
  },
  *check({ evidence, emit }) {
    const model = evidence.model;
    let seen = 0;
    // Traces repeat their return addresses (a task's bt, bt -f, the console's trace): each is classified once.
    const kinds = new Map<bigint, AddressKind>();
    const kindOf = (address: bigint): AddressKind => {
      let kind = kinds.get(address);
      if (!kind) {
        const c = model.classify(address);
        kinds.set(address, (kind = { chance: textChance(model, c.kind), label: c.label }));
      }
      return kind;
    };
    // A name next to the address means a symbol table resolved it: only a certain kind outweighs that.
    const judge = (address: bigint, named = true): Verdict => {
      // Since 4.15 printk hashes pointers (`[<00000000adc671f1>]`): no address at all, so no opinion.
      if (isHashedPointer(address, model.layout)) return undefined;
      // Kinds that are not text by the learned layout are likely wrong, but the layout itself is a guess.
      const { chance, label } = kindOf(address);
      if (chance === 'never') return { severity: 'error', label };
      if (!named && chance === 'unlikely') return { severity: 'warning', label };
      return undefined;
    };
    // Backtraces repeat their return addresses: each is judged once.
    const frameVerdicts = new Map<bigint, Verdict | null>();
    for (const bt of model.backtraces) {
      if (++seen % PAUSE_EVERY === 0) yield;
      const first = bt.frames.find((f) => f.address !== undefined);
      if (first && foreignTrace(model, bt.frames, kindOf)) {
        emit(foreignFinding(model, 'backtrace', evidence.btAddressRange(first)));
        continue;
      }
      for (const frame of bt.frames) {
        // crash says itself that the word is no verified return address (ppc64's `(unreliable)` #0, `?`).
        if (frame.address === undefined || frame.unreliable) continue;
        let verdict = frameVerdicts.get(frame.address);
        if (verdict === undefined) frameVerdicts.set(frame.address, (verdict = judge(frame.address) ?? null));
        if (!verdict) continue;
        emit({
          severity: verdict.severity,
          message: `#${frame.level} ${frame.function} at ${hexAddress(frame.address)}: ${anAddress(verdict.label)} cannot be ${frame.level === 0 && evidence.spec?.calls.btFrame0AtPc ? "the kernel pc crash starts from (frame #0's)" : 'a return address'}`,
          range: evidence.btAddressRange(frame),
          related: [],
        });
      }
      for (const frame of bt.frames) {
        // The return address crash printed in a frame's extent (riscv64's, mips64's `[PC: … RA: … SIZE: …]`).
        const ra = frame.extent?.ra;
        if (ra === undefined || frame.extent?.line === undefined) continue;
        const verdict = judge(ra);
        if (!verdict) continue;
        emit({
          severity: verdict.severity,
          message:
            `#${frame.level} ${frame.function}: the RA crash gives it, ${hexAddress(ra)}, is ${anAddress(verdict.label)} and cannot be a return address ` +
            `(crash read another slot as its ra, as where a leaf function saved none): a frame found from it is no caller`,
          range: evidence.wordRange(frame.extent.line, hexAddress(ra)),
          related: [],
        });
      }
      for (const e of bt.exceptionFrames) {
        // User-mode blocks hold user addresses; crash's bogus blocks are reported as such.
        if (e.bogus || !e.exceptionRip) continue;
        const cs = e.registers.find((r) => r.name === 'CS')?.value;
        if (cs !== undefined && cs !== 0x10n) continue;
        const rip = e.registers.find((r) => r.name === 'RIP' || r.name === 'PC');
        if (rip?.value === undefined) continue;
        const verdict = judge(rip.value, Boolean(exceptionRipNamed(e.exceptionRip)));
        if (verdict)
          emit(
            registerFinding(
              evidence,
              rip,
              `exception RIP ${hexAddress(rip.value)} is ${anAddress(verdict.label)}, not kernel text: a jump through a bad code pointer, or a misread exception frame`,
            ),
          );
      }
    }
    for (const report of model.reports) {
      if (++seen % PAUSE_EVERY === 0) yield;
      const first = report.frames.find((f) => f.address !== undefined);
      if (first?.address !== undefined && foreignTrace(model, report.frames, kindOf)) {
        emit(foreignFinding(model, 'call trace', traceAddressRange(evidence, first.line, first.address)));
        continue;
      }
      const userReturnAfter = evidence.spec?.calls.userReturnAfter;
      for (const [i, frame] of report.frames.entries()) {
        if (frame.address === undefined) continue;
        // The user pc a system call returns to, printed after the entry code (s390x).
        if (!frame.function && i > 0 && userReturnAfter?.test(report.frames[i - 1].function)) continue;
        const verdict = judge(frame.address, Boolean(frame.function));
        if (!verdict) continue;
        const address = hexAddress(frame.address);
        const range = traceAddressRange(evidence, frame.line, frame.address);
        // A name beside it would be a misread line. Without one the kernel printed the address as
        // it found it: its unwinder went astray (a task running on another CPU, a stale slot).
        emit(
          frame.function
            ? {
                severity: verdict.severity,
                message: `trace frame ${frame.function} at ${address}: ${anAddress(verdict.label)} cannot be a return address`,
                range,
                related: [],
              }
            : {
                severity: 'warning',
                message: `trace frame at ${address}: the kernel printed ${anAddress(verdict.label)}, which cannot be a return address, as a frame; its unwinder went astray here and the frames after it are no evidence`,
                range,
                related: [],
              },
        );
      }
      checkReportRegisters(evidence, report, judge, emit);
    }
  },
});

/**
 * No return address of the trace can be text under the transcript's layout, two at least cannot:
 * the trace comes from another architecture or machine (notes quote traces side by side), not
 * from misread lines, which spoil a frame and not every one. Hashed pointers say nothing.
 */
function foreignTrace(model: Model, frames: readonly { address?: bigint }[], kindOf: (address: bigint) => AddressKind): boolean {
  let never = 0;
  for (const { address } of frames) {
    if (address === undefined || isHashedPointer(address, model.layout)) continue;
    const { chance } = kindOf(address);
    if (chance === 'is' || chance === 'may') return false;
    if (chance === 'never') never++;
  }
  return never >= 2;
}

function foreignFinding(model: Model, what: string, range: Range): Finding {
  return {
    severity: 'info',
    message: `no return address of this ${what} can be text under the ${layoutName(model)}: it comes from another architecture or machine than the transcript's ${model.arch}, and is not checked against it`,
    range,
    related: [],
  };
}

/** A trace frame's address as its line prints it: zero-padded (`[<0000038003a33a10>]`) or not. */
function traceAddressRange(evidence: Evidence, line: number, address: bigint): Range {
  const padded = hexAddress(address);
  return evidence.wordRange(line, (evidence.model.line(line) ?? '').includes(padded) ? padded : address.toString(16));
}

function exceptionRipNamed(text: string | undefined): boolean {
  return exceptionRipSymbol(text) !== undefined;
}

function checkReportRegisters(
  evidence: Evidence,
  report: Report,
  judge: (a: bigint, named?: boolean) => Verdict,
  emit: (finding: Finding) => void,
): void {
  const code = new Set([...(evidence.spec?.registers.pc ?? []), ...(evidence.spec?.registers.lr ?? [])]);
  for (const register of report.registers) {
    if (register.value === undefined || !code.has(register.name)) continue;
    // `RIP: 0033:0x47b7a0`, an EL0 pc: user-mode registers (upper bit clear) need not be kernel text.
    if (register.value < 1n << 63n) continue;
    const verdict = judge(register.value, register.symbol !== undefined);
    // A pc outside text is what happened (a call through a bad pointer), not a transcript error.
    if (verdict) {
      emit(
        registerFinding(
          evidence,
          register,
          `${register.name} ${hexAddress(register.value)} is ${anAddress(verdict.label)}, not kernel text: execution went through a bad code pointer, so the trace's first frame is the caller`,
        ),
      );
    }
  }
}

function registerFinding(evidence: Evidence, register: Register, message: string): Finding {
  return { severity: 'warning', message, range: evidence.registerRange(register), related: [] };
}
