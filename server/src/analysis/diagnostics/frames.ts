// Checks of single frames and registers: `frame-order`, `offset-beyond-size`,
// `not-text` and `unreliable-frame`. Each looks at every frame once.
import { textChance } from '../classify';
import type { Diagnostic, Register, Report } from '../types';
import { Evidence, hexAddress } from './evidence';

/** A value with the upper 32 bits clear: a hashed `%p` or a truncated word, not an address. */
export function isHashedPointer(value: bigint): boolean {
  return value >> 32n === 0n;
}

export function checkFrameOrder(evidence: Evidence, emit: (d: Diagnostic) => void): void {
  for (const bt of evidence.model.backtraces) {
    const markers = new Set(bt.markers.map((m) => m.beforeLevel));
    for (let i = 1; i < bt.frames.length; i++) {
      const above = bt.frames[i - 1];
      const frame = bt.frames[i];
      if (markers.has(frame.level) || above.stackAddress === undefined || frame.stackAddress === undefined) continue;
      // Another stack (IRQ, exception stacks) without a marker: a switch, not an order error.
      const stack = evidence.model.stackAt(frame.stackAddress);
      if (!stack || stack !== evidence.model.stackAt(above.stackAddress)) continue;
      if (frame.stackAddress >= above.stackAddress) continue;
      emit({
        code: 'frame-order',
        severity: 'warning',
        message:
          `#${frame.level} sits at ${hexAddress(frame.stackAddress)}, below #${above.level} at ${hexAddress(above.stackAddress)} ` +
          `on the same stack: callers live at higher addresses`,
        range: evidence.wordRange(frame.line, hexAddress(frame.stackAddress)),
        related: [
          { range: evidence.wordRange(above.line, hexAddress(above.stackAddress)), message: `#${above.level} ${above.function}` },
        ],
      });
    }
  }
}

export function checkOffsets(evidence: Evidence, emit: (d: Diagnostic) => void): void {
  // Judged only where the architecture is known: a transcript it does not settle gets no architecture-specific finding.
  if (!evidence.spec) return;
  for (const report of evidence.model.reports) {
    for (const frame of report.frames) {
      // `%pB` prints a return address after a noreturn call as `prev+size/size`; only past the end is impossible.
      if (frame.offset === undefined || frame.size === undefined || frame.size <= 0 || frame.offset <= frame.size) continue;
      const text = `${frame.function}+0x${frame.offset.toString(16)}/0x${frame.size.toString(16)}`;
      emit({
        code: 'offset-beyond-size',
        severity: 'error',
        message: `${text}: offset 0x${frame.offset.toString(16)} lies past the end of ${frame.function} (size 0x${frame.size.toString(16)})`,
        range: evidence.wordRange(frame.line, text),
        related: [],
      });
    }
    for (const register of report.registers) {
      const s = register.symbol;
      if (!s || s.offset === undefined || s.size === undefined || s.size <= 0 || s.offset < s.size) continue;
      emit({
        code: 'offset-beyond-size',
        severity: 'error',
        message: `${register.name} ${s.name}+0x${s.offset.toString(16)}/0x${s.size.toString(16)}: an instruction address must lie inside the function (offset < size)`,
        range: evidence.registerRange(register),
        related: [],
      });
    }
  }
}

export function checkNotText(evidence: Evidence, emit: (d: Diagnostic) => void): void {
  const model = evidence.model;
  // What can be text is the architecture's layout: none when it is unknown.
  if (!evidence.spec) return;
  // A name next to the address means a symbol table resolved it: only a certain kind outweighs that.
  const judge = (address: bigint, named = true): { severity: 'error' | 'warning'; label: string } | undefined => {
    // Since 4.15 printk hashes pointers (`[<00000000adc671f1>]`): no address at all, so no opinion.
    if (isHashedPointer(address)) return undefined;
    const c = model.classify(address);
    // Kinds that are not text by the learned layout are likely wrong, but the layout itself is a guess.
    const chance = textChance(model, c.kind);
    if (chance === 'never') return { severity: 'error', label: c.label };
    if (!named && chance === 'unlikely') return { severity: 'warning', label: c.label };
    return undefined;
  };
  for (const bt of model.backtraces) {
    for (const frame of bt.frames) {
      if (frame.address === undefined) continue;
      const verdict = judge(frame.address);
      if (!verdict) continue;
      emit({
        code: 'not-text',
        severity: verdict.severity,
        message: `#${frame.level} ${frame.function} at ${hexAddress(frame.address)}: a ${verdict.label} address cannot be a return address`,
        range: evidence.btAddressRange(frame),
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
          registerDiagnostic(
            evidence,
            rip,
            'warning',
            `exception RIP ${hexAddress(rip.value)} is ${verdict.label}, not kernel text: a jump through a bad code pointer, or a misread exception frame`,
          ),
        );
    }
  }
  for (const report of model.reports) {
    for (const frame of report.frames) {
      if (frame.address === undefined) continue;
      const verdict = judge(frame.address, Boolean(frame.function));
      if (!verdict) continue;
      emit({
        code: 'not-text',
        severity: verdict.severity,
        message:
          `trace frame ${frame.function || ''} at ${hexAddress(frame.address)}: a ${verdict.label} address cannot be a return address`.replace(
            '  ',
            ' ',
          ),
        range: evidence.wordRange(frame.line, frame.address.toString(16)),
        related: [],
      });
    }
    checkReportRegisters(evidence, report, judge, emit);
  }
}

function exceptionRipNamed(text: string | undefined): boolean {
  return text !== undefined && /^[A-Za-z_.$][\w.$]*(?:\+\d+)?$/.test(text);
}

function checkReportRegisters(
  evidence: Evidence,
  report: Report,
  judge: (a: bigint, named?: boolean) => { severity: 'error' | 'warning'; label: string } | undefined,
  emit: (d: Diagnostic) => void,
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
        registerDiagnostic(
          evidence,
          register,
          'warning',
          `${register.name} ${hexAddress(register.value)} is ${verdict.label}, not kernel text: execution went through a bad code pointer, so the trace's first frame is the caller`,
        ),
      );
    }
  }
}

function registerDiagnostic(evidence: Evidence, register: Register, severity: 'error' | 'warning', message: string): Diagnostic {
  return { code: 'not-text', severity, message, range: evidence.registerRange(register), related: [] };
}

export function checkUnreliableFrames(evidence: Evidence, emit: (d: Diagnostic) => void): void {
  for (const bt of evidence.model.backtraces) {
    for (const frame of bt.frames) {
      if (!frame.unreliable) continue;
      emit({
        code: 'unreliable-frame',
        severity: 'info',
        message: `crash could not size or verify frame #${frame.level} ${frame.function} (\`*\`/\`(?)\`): the frames below it may be off`,
        range: evidence.btFunctionRange(frame),
        related: [],
      });
    }
  }
  for (const report of evidence.model.reports) {
    for (const frame of report.frames) {
      if (!frame.unreliable) continue;
      const text = evidence.model.line(frame.line) ?? '';
      const probe = text.includes('(inexact)');
      emit({
        code: 'unreliable-frame',
        severity: 'info',
        message: probe
          ? `${frame.function || 'frame'} is inexact: found by scanning the stack, not by unwinding`
          : `${frame.function} is marked \`?\`: a text address found on the stack that the kernel's unwinder did not reach; usually left over from an earlier call`,
        range: evidence.wordRange(frame.line, frame.function || undefined),
        related: [],
      });
    }
  }
}
