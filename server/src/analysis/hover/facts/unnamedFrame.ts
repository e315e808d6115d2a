// A frame of a console trace that the kernel printed as an address alone: it had no symbol for it
// (no kallsyms, or a module unloaded since).
import { code } from '../card';
import { readValue } from '../context';
import type { HoverFact } from '../fact';

export const unnamedFrame: HoverFact = {
  id: 'unnamed-frame',
  describe(context) {
    const value = readValue(context);
    if (!value) return undefined;
    const { model, line } = context;
    for (const report of model.reports) {
      if (line < report.line || line > report.endLine) continue;
      const frame = report.frames.find((f) => f.line === line && f.function === '' && f.address === value.address);
      if (!frame) continue;
      const where = frame.module ? ` in module ${code(frame.module)}` : '';
      return `Frame of the call trace of ${code(report.title)}${where} that the kernel printed without a name: it had no symbol for the address (a kernel built without kallsyms, or a module unloaded since)`;
    }
    return undefined;
  },
};
