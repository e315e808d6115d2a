// `offset-beyond-size`: a console `func+off/size` whose offset lies past the end of
// the function. `%pB` prints a return address after a noreturn call as
// `prev+size/size`, so only past the end is impossible for a trace frame; a pc must
// lie inside (offset < size).
import { defineRule, PAUSE_EVERY } from '../rule';

export const offsetBeyondSize = defineRule({
  code: 'offset-beyond-size',
  severity: 'error',
  description: '`func+off/size` with the offset past the function size.',
  // Judged only where the architecture is known: a transcript it does not settle gets no architecture-specific finding.
  arches: 'known',
  example: {
    lines: [
      'WARNING: CPU: 0 PID: 1 at kernel/foo.c:10 foo+0x5/0x10',
      'RIP: 0010:foo+0x5/0x10',
      'Call Trace:',
      ' bar+0x20/0x10',
      ' ? lkdtm_LOOP+0x10/0x10',
      ' baz+0x8/0x40',
    ],
    firesOn: [3],
  },
  *check({ evidence, emit }) {
    let seen = 0;
    for (const report of evidence.model.reports) {
      if (++seen % PAUSE_EVERY === 0) yield;
      for (const frame of report.frames) {
        if (frame.offset === undefined || frame.size === undefined || frame.size <= 0 || frame.offset <= frame.size) continue;
        const text = `${frame.function}+0x${frame.offset.toString(16)}/0x${frame.size.toString(16)}`;
        emit({
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
          severity: 'error',
          message: `${register.name} ${s.name}+0x${s.offset.toString(16)}/0x${s.size.toString(16)}: an instruction address must lie inside the function (offset < size)`,
          range: evidence.registerRange(register),
          related: [],
        });
      }
    }
  },
});
