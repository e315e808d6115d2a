// Which names the transcript shows as functions: frames of any trace or `bt`, an exception's pc, a
// register that prints code symbols, a listing, a call's target, `sym` of a text symbol. A name
// crash only prints beside a dumped word (`bt -F`, `rd -s`: `_printk_rb_static_descs+98280`) may be
// data: crash names any kernel address by its nearest symbol.
import { lineShowsCode } from './classify';
import { NAMED_REGISTER } from './parse/commands/bt';
import type { Model } from './model';
import { perModel } from './perModel';
import type { FunctionSymbol } from './symbols';

/** Names of functions the transcript's traces and registers show. */
export const codeFunctions = perModel((model: Model): ReadonlySet<string> => {
  const names = new Set<string>();
  for (const bt of model.backtraces) {
    for (const f of bt.frames) names.add(f.function);
    for (const e of bt.exceptionFrames) {
      if (e.exceptionRip) names.add(e.exceptionRip.replace(/\+.*$/, ''));
      // crash names only the pc and link register of its exception frames (`PC: … [lkdtm_EXCEPTION+6]`,
      // ppc64's `[NIP  : bnx2x_start_xmit+496]` under the block).
      for (const r of e.registers) if (r.symbol) names.add(r.symbol.name);
      for (let line = e.line; line <= e.endLine; line++) {
        const named = NAMED_REGISTER.exec(model.line(line) ?? '');
        if (named) names.add(named[2]);
      }
    }
  }
  for (const report of model.reports) {
    for (const f of report.frames) names.add(f.function);
    // `RIP: 0010:func+0x…`, `pc : func+0x…`, `lr : func+0x…`: registers print code symbols only.
    for (const r of report.registers) if (r.symbol) names.add(r.symbol.name);
  }
  return names;
});

/** Whether the transcript shows `symbol` as code (a trace, a listing, `sym (t)`), not only named beside a word. */
export function shownAsCode(model: Model, symbol: FunctionSymbol): boolean {
  // Only traces print `func+off/size`, and a symbol file names functions.
  if (symbol.size !== undefined || symbol.fromFile !== undefined) return true;
  if (codeFunctions(model).has(symbol.name)) return true;
  return symbol.baseEvidence.some((line) => lineShowsCode(model, line));
}

/** A compiler's cold part of a function (`show_opcodes.cold`, `foo.cold.12`). */
export function isColdPart(name: string): boolean {
  return /\.cold(?:\.\d+)?$/.test(name);
}

/**
 * What a word holding a cold part's first byte is: nobody takes that address, so no object or function
 * pointer; on a stack it follows a noreturn call that ends the code laid out before it.
 */
export const COLD_PART_START =
  "a compiler's cold part, whose address no code takes, so no object or function pointer; it can be the return address of a noreturn call ending the code laid out before it (a `dis` of those bytes tells)";
