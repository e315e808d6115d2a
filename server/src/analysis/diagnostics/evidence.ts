// Facts several rules share: where a word sits on its line, which call a return
// address follows, and what the console traces say about a function+offset.
// Built once per diagnose() run; every index is linear in what the model holds.
import { PC_NAMES } from '../arch/registry';
import { callSiteOf, type CallSite } from '../callSite';
import { namesNoFunction } from '../symbols';
import { lineRange, Range } from '../lines';
import type { Model } from '../model';
import type { ArchSpec, Layout } from '../arch/types';
import type { Arch, Frame, Instruction, Register, Report } from '../types';
import { hex16 } from '../hex';
import { isLiveStack } from '../parse/console';
import { finished, PAUSE_EVERY } from './rule';

/** A function+offset the console printed: a trace frame or the pc/RIP register. */
export interface ConsoleMention {
  function: string;
  offset: number;
  size?: number;
  /** ` ? ` or `(inexact)`: the kernel's own unwinder doubted it. */
  unreliable: boolean;
  /** `RIP:`/`pc :` rather than a trace frame: the interrupted instruction. */
  isPc: boolean;
  line: number;
  report: Report;
  /** The trace section of the report it is in (undefined for the report's own call trace). */
  section?: string;
}

export type { CallSite } from '../callSite';

/** Compiler clones and parts share their parent's identity (`foo.cold`, `foo.isra.0`). */
export function baseName(name: string): string {
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

export function sameFunction(a: string, b: string): boolean {
  return a === b || baseName(a) === baseName(b) || namesNoFunction(a) || namesNoFunction(b);
}

export { namesNoFunction };

export { isOpaqueTarget } from '../callTargets';

/** Addresses in diagnostics read as crash prints them (hex16 of the analysis). */
export const hexAddress = hex16;

/**
 * A value with the upper 32 bits clear: a hashed `%p` or a truncated word, not an address —
 * unless the layout puts the kernel there (s390x: below its `smallBelow`, 1 MiB, only).
 */
export function isHashedPointer(value: bigint, layout?: Layout): boolean {
  return value < (layout?.smallBelow ?? 0x100000000n);
}

export class Evidence {
  private byAddress?: Map<bigint, ConsoleMention[]>;
  private byName?: Map<string, ConsoleMention[]>;
  private pcs?: { byPid: Map<number, Register>; functions: Set<string> };
  private readonly analyses = new Map<object, unknown>();
  /** callSite's answers by address, null for none. */
  private readonly callSites = new Map<bigint, CallSite | null>();
  private readonly mentionsAt = new Map<
    bigint,
    { function: string; callerShownAtCall: boolean; mentions: readonly ConsoleMention[] }
  >();

  constructor(readonly model: Model) {}

  /** An analysis several rules read, made once per diagnose() run; `key` names it (its builder). */
  shared<T>(key: object, build: () => T): T {
    if (!this.analyses.has(key)) this.analyses.set(key, build());
    return this.analyses.get(key) as T;
  }

  /** `shared`, built a step at a time. */
  *sharedInSteps<T>(key: object, build: () => Generator<void, T>): Generator<void, T> {
    if (!this.analyses.has(key)) this.analyses.set(key, yield* build());
    return this.analyses.get(key) as T;
  }

  get arch(): Arch {
    return this.model.arch;
  }

  /** The architecture's facts; undefined when it is unknown (then no architecture-specific rule speaks). */
  get spec(): ArchSpec | undefined {
    return this.model.spec;
  }

  private get returnToCall(): bigint {
    return this.spec?.calls.returnToCall ?? 0n;
  }

  /** Range of `word` on a line, searched from `from`; the trimmed line when it is not there. */
  wordRange(line: number, word: string | undefined, from = 0): Range {
    const text = this.model.line(line) ?? '';
    if (word) {
      const at = text.indexOf(word, from);
      if (at >= 0) return lineRange(line, at, at + word.length);
    }
    const start = text.length - text.trimStart().length;
    return lineRange(line, start, Math.max(start, text.trimEnd().length));
  }

  lineRange(line: number): Range {
    return this.wordRange(line, undefined);
  }

  /** The function name of a crash `bt` frame line (after the bracketed slot). */
  btFunctionRange(frame: Frame): Range {
    const text = this.model.line(frame.line) ?? '';
    return this.wordRange(frame.line, frame.function, Math.max(0, text.indexOf(']')));
  }

  btAddressRange(frame: Frame): Range {
    const text = this.model.line(frame.line) ?? '';
    const at = text.indexOf(' at ');
    return this.wordRange(frame.line, frame.address !== undefined ? hexAddress(frame.address) : undefined, Math.max(0, at));
  }

  registerRange(register: Register): Range {
    return lineRange(register.line, register.column, register.column + Math.max(1, register.length));
  }

  /**
   * The function a caller frame (level > 0) of crash's bt really is. At offset 0 of the function
   * crash names, the return address follows a noreturn call at the very end of the function
   * before it (crash's s390x/riscv64 bt names the next one): that function, at return address −
   * the architecture's returnToCall, where the transcript knows it.
   */
  callerFunction(frame: Frame): string {
    const calls = this.spec?.calls;
    if (!calls || calls.btShowsCallSite || frame.level === 0 || frame.address === undefined) return frame.function;
    const offset = frame.offset ?? this.offsetIn(frame.function, frame.address);
    if (offset !== 0) return frame.function;
    const before = this.model.symbols.lookup(frame.address - calls.returnToCall);
    return before && before.symbol.name !== frame.function ? before.symbol.name : frame.function;
  }

  /** Offset of a text address in a function whose start the transcript shows. */
  offsetIn(functionName: string, address: bigint): number | undefined {
    const base = this.model.symbols.get(functionName)?.base;
    if (base === undefined || address < base || address - base > 0x100000n) return undefined;
    return Number(address - base);
  }

  /**
   * The call a text address returns from. Where crash prints callers at the call itself
   * (arm64 `bl`, return address − 4; the console prints the return address): the
   * instruction there. Otherwise (x86_64) the instruction before it, when a listing shows
   * the two adjacent or a direct call of the architecture's length ends there.
   * None on an unknown architecture.
   */
  callSite(address: bigint): CallSite | undefined {
    // Backtraces repeat return addresses: a 50 MB transcript has 167,000 frames at 21,000 addresses.
    let site = this.callSites.get(address);
    if (site === undefined) this.callSites.set(address, (site = callSiteOf(this.model, address) ?? null));
    return site ?? undefined;
  }

  /** A direct call that enters its target past the entry points (ppc64 module PLT stubs): the callee is not named. */
  callsStub(instruction: Instruction): boolean {
    const entries = this.spec?.calls.entryOffsets;
    const offset = instruction.targetSymbol?.offset;
    return entries !== undefined && offset !== undefined && !entries.includes(offset);
  }

  /** What the console traces say about a text address of `functionName` (after `indexConsoleInSteps`, or building the index now). */
  consoleMentions(functionName: string, address: bigint | undefined, callerShownAtCall: boolean): readonly ConsoleMention[] {
    if (address === undefined) return this.findConsoleMentions(functionName, address, callerShownAtCall);
    // Kept per address (backtraces repeat their return addresses), for the last function and way of reading it asked.
    const known = this.mentionsAt.get(address);
    if (known && known.function === functionName && known.callerShownAtCall === callerShownAtCall) return known.mentions;
    const mentions = this.findConsoleMentions(functionName, address, callerShownAtCall);
    this.mentionsAt.set(address, { function: functionName, callerShownAtCall, mentions });
    return mentions;
  }

  private findConsoleMentions(functionName: string, address: bigint | undefined, callerShownAtCall: boolean): ConsoleMention[] {
    if (!this.byName) finished(this.indexConsoleInSteps());
    const found: ConsoleMention[] = [];
    if (address !== undefined) {
      for (const m of this.byAddress!.get(address) ?? []) found.push(m);
      // arm64 crash shows callers at the `bl`; the console at the return address.
      if (callerShownAtCall) for (const m of this.byAddress!.get(address + this.returnToCall) ?? []) found.push(m);
    }
    if (found.length > 0 || address === undefined) return found;
    const offset = this.offsetIn(functionName, address);
    if (offset === undefined) return found;
    for (const m of this.byName!.get(functionName) ?? []) {
      if (m.offset === offset || (callerShownAtCall && m.offset === offset + Number(this.returnToCall))) found.push(m);
    }
    return found;
  }

  /** The first kernel pc/RIP a console report of this PID printed. */
  consolePcOfPid(pid: number): Register | undefined {
    return this.indexPcs().byPid.get(pid);
  }

  /** Some console report's pc/RIP lies in this function (or a clone of it). */
  consolePcIn(functionName: string): boolean {
    return this.indexPcs().functions.has(baseName(functionName));
  }

  private indexPcs(): { byPid: Map<number, Register>; functions: Set<string> } {
    if (this.pcs) return this.pcs;
    const pcs = { byPid: new Map<number, Register>(), functions: new Set<string>() };
    for (const report of this.model.reports) {
      for (const r of report.registers) {
        if (!PC_NAMES.has(r.name) || !r.symbol) continue;
        pcs.functions.add(baseName(r.symbol.name));
        if (report.pid !== undefined && !pcs.byPid.has(report.pid)) pcs.byPid.set(report.pid, r);
      }
    }
    return (this.pcs = pcs);
  }

  /** Indexes the console's mentions of functions, pausing between reports. */
  *indexConsoleInSteps(): Generator<void> {
    if (this.byName) return;
    const byName = new Map<string, ConsoleMention[]>();
    const byAddress = new Map<bigint, ConsoleMention[]>();
    let seen = 0;
    for (const report of this.model.reports) {
      if (++seen % PAUSE_EVERY === 0) yield;
      for (const frame of report.frames) {
        if (!frame.function || frame.offset === undefined) continue;
        // Allocation, free and lock-history stacks are records of earlier calls: they say nothing of a live stack.
        if (frame.section !== undefined && !isLiveStack(frame.section)) continue;
        this.addMention(
          byName,
          byAddress,
          {
            function: frame.function,
            offset: frame.offset,
            size: frame.size,
            unreliable: frame.unreliable,
            isPc: false,
            line: frame.line,
            report,
            section: frame.section,
          },
          frame.address,
        );
      }
      for (const register of report.registers) {
        if (!PC_NAMES.has(register.name) || !register.symbol) continue;
        const s = register.symbol;
        this.addMention(
          byName,
          byAddress,
          {
            function: s.name,
            offset: s.offset ?? 0,
            size: s.size,
            unreliable: false,
            isPc: true,
            line: register.line,
            report,
          },
          undefined,
        );
      }
    }
    // A run dropped half-way leaves nothing behind.
    this.byName = byName;
    this.byAddress = byAddress;
  }

  private addMention(
    byName: Map<string, ConsoleMention[]>,
    byAddress: Map<bigint, ConsoleMention[]>,
    mention: ConsoleMention,
    address: bigint | undefined,
  ): void {
    const list = byName.get(mention.function);
    if (list) {
      if (list.length < 256) list.push(mention);
    } else byName.set(mention.function, [mention]);
    const base = this.model.symbols.get(mention.function)?.base;
    const at = address ?? (base !== undefined ? base + BigInt(mention.offset) : undefined);
    if (at === undefined) return;
    const listed = byAddress.get(at);
    if (listed) {
      if (listed.length < 256) listed.push(mention);
    } else byAddress.set(at, [mention]);
  }
}

/** A kind's label as a noun phrase: `a vmalloc area address`, `an address on the stack of PID 2 (kthreadd)`, `a non-canonical address`. */
export function anAddress(label: string): string {
  if (/\bstack\b/.test(label) && !/\baddress\b/.test(label)) return `an address on the ${label}`;
  const phrase = /\baddress\b/.test(label) ? label : `${label} address`;
  return `${/^(?:[aeio]|IRQ|ERR)/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}
