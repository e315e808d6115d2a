// How well the unwinder reproduces crash's frames from the places a person would start
// (issue 12): every real dump (../shared/corpus/crash-* and test/corpus/<arch>/), with
// `bt*`, `log` and `rd -s` removed and the console cut before its first call trace.
// Shared by scripts/unwind-metrics.ts (the table) and test/unit/unwind.corpus.test.ts.
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { analyze, type Model } from '../../server/src/analysis/model';
import { unwind, unwindFromAddress, unwindLensTargets, type UnwindStart } from '../../server/src/analysis/unwind';
import { namesNoFunction } from '../../server/src/analysis/symbols';
import { stackOf } from '../../server/src/analysis/unwind/code';
import { REPO_ROOT, sharedFile } from './corpus';
import { consoleBeforeTrace, withoutSections } from './sections';

export interface Dump {
  /** `crash-x86_64/06-SOFTLOCKUP`, `ppc64le/01-warning`. */
  name: string;
  transcript: string;
  console: string;
  /** The dump's truth file (crash's facts); the metrics read crash's frames from the transcript's own `bt`. */
  truth: unknown;
}

/** Every dump with a transcript, a console and a truth file. */
export function allDumps(): Dump[] {
  const dirs: [string, string][] = [];
  const corpus = sharedFile('corpus');
  if (existsSync(corpus))
    for (const d of readdirSync(corpus).sort()) if (d.startsWith('crash-')) dirs.push([d, path.join(corpus, d)]);
  const own = path.join(REPO_ROOT, 'test', 'corpus');
  if (existsSync(own)) for (const d of readdirSync(own).sort()) dirs.push([d, path.join(own, d)]);
  const dumps: Dump[] = [];
  for (const [label, dir] of dirs) {
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.truth.json')) continue;
      const base = f.slice(0, -'.truth.json'.length);
      const transcript = path.join(dir, `${base}.crashlog`);
      const console = path.join(dir, `${base}.console.crashlog`);
      if (!existsSync(transcript) || !existsSync(console)) continue;
      dumps.push({
        name: `${label}/${base}`,
        transcript: readFileSync(transcript, 'utf8'),
        console: readFileSync(console, 'utf8'),
        truth: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown,
      });
    }
  }
  return dumps;
}

export type StartKind = 'registers' | 'first dumped word' | 'bt -f frame';

export interface StartFigure {
  kind: StartKind;
  /** What the start was (`RSP ffff…`, `rd -x ffff…`, `bt -f #3 [ffff…]`). */
  label: string;
  expected: number;
  reproduced: number;
  /** The expected frames the walk missed (`func [slot]`). */
  missed: string[];
  /** crash's frames left out of `expected` for this start, each with why (`func [slot]: why`). */
  excluded: string[];
  stop: string;
}

export interface DumpFigures {
  name: string;
  /** Undefined when the registry has no architecture for the dump (a "not modelled" row). */
  arch?: string;
  starts: StartFigure[];
}

interface Expected {
  function: string;
  address: bigint;
  /** crash's level (#0 is the CPU's own frame). */
  level: number;
  /** The code address crash prints for the frame (`at ADDR`). */
  pc?: bigint;
}

const big = (hex: string) => BigInt(hex.startsWith('0x') ? hex : '0x' + hex);

/**
 * The frames a walk should find, in order: crash's frames found by frame records where every
 * function keeps the chain; elsewhere the console's reliable frames, placed on the stack by
 * crash's bt (the longest such list over the console's reports). Only frames whose slot was dumped.
 */
function expectedFrames(dump: Dump, model: Model, original: Model): Expected[] {
  // crash's own frames with the address it brackets (x86_64 the return slot, arm64 the frame record, others their sp).
  const truth = (original.backtraces.find((bt) => bt.frames.length > 0)?.frames ?? [])
    .filter((f) => f.stackAddress !== undefined)
    .map((f) => ({ function: f.function, address: f.stackAddress!, level: f.level, pc: f.address }));
  let chosen: Expected[] = truth;
  if (model.spec?.frames.alwaysKept !== true) {
    chosen = [];
    const consoleModel = analyze(dump.console);
    const traceLines = consoleModel.lines.flatMap((l, i) => (/Call [Tt]race:/.test(l) ? [i] : []));
    // One list per call trace (a report can hold several: the soft lockup's, then panic's).
    const traces = new Map<number, (typeof consoleModel.reports)[number]['frames']>();
    for (const frame of consoleModel.reports.flatMap((r) => r.frames)) {
      const trace = traceLines.filter((l) => l < frame.line).pop() ?? -1;
      traces.set(trace, [...(traces.get(trace) ?? []), frame]);
    }
    for (const frames of traces.values()) {
      const list: Expected[] = [];
      let after = -1;
      for (const frame of frames) {
        if (frame.unreliable) continue;
        const at = truth.findIndex((t, i) => i > after && t.function === frame.function);
        if (at < 0) continue;
        after = at;
        list.push(truth[at]);
      }
      if (list.length > chosen.length) chosen = list;
    }
  }
  return chosen.filter((e) => model.memory.read64(e.address) !== undefined);
}

/** The expected frames a walk from `address` can reach: from the first at or above it on its stack. */
function expectedFrom(model: Model, expected: Expected[], address: bigint | undefined): Expected[] {
  if (address === undefined) return expected;
  const stack = stackOf(model, address);
  const first = expected.findIndex((e) => {
    const other = stackOf(model, e.address);
    return other.base === stack.base && e.address >= address;
  });
  return first < 0 ? [] : expected.slice(first);
}

/**
 * A start from a stack word has no pc: the first frame it can reach counts as a frame "whose stack
 * slots were dumped" only where some dumped word of its own stack holds the code address that names
 * it (x86_64's return slot, s390x's saved r14). Where none does, the walk cannot name it, and it is
 * left out, and said why: crash's #0, named by the CPU's pc (ppc64 and riscv64: a leaf or an
 * interrupt handler); the first frame on the stack crash switched to, named by the last record on
 * the other stack (arm64 call_on_irq_stack on the task stack).
 */
function withoutUnnamedFirst(model: Model, expected: Expected[], all: Expected[]): { kept: Expected[]; excluded: string[] } {
  const first = expected[0];
  if (first === undefined || first.pc === undefined) return { kept: expected, excluded: [] };
  const before = all[all.indexOf(first) - 1];
  const stack = stackOf(model, first.address);
  const afterSwitch = before !== undefined && stackOf(model, before.address).base !== stack.base;
  if (first.level !== 0 && !afterSwitch) return { kept: expected, excluded: [] };
  // crash prints arm64 frames at the call (lr − 4): the word the stack holds is the return address.
  const returnAddress = first.pc + (model.spec?.calls.btShowsCallSite ? model.spec.calls.returnToCall : 0n);
  const held = [first.pc, returnAddress].some((value) =>
    model.memory.occurrencesOfValue(value).some((w) => w.address >= stack.base && w.address < stack.top),
  );
  if (held) return { kept: expected, excluded: [] };
  const why = afterSwitch
    ? `the first frame after crash's stack switch, named by the record at ${before.address.toString(16)} on the other stack; no dumped word of its own stack holds ${first.pc.toString(16)}`
    : `crash's #0, named by the CPU's pc ${first.pc.toString(16)}, which no dumped word of its stack holds`;
  return { kept: expected.slice(1), excluded: [`${first.function} [${first.address.toString(16)}]: ${why}`] };
}

function figure(
  model: Model,
  kind: StartKind,
  label: string,
  start: UnwindStart,
  all: Expected[],
  excludeCpuFrame = false,
  whole: Expected[] = all,
): StartFigure {
  const { kept: expected, excluded } = excludeCpuFrame ? withoutUnnamedFirst(model, all, whole) : { kept: all, excluded: [] };
  const result = unwind(model, start);
  const walked = result.frames.map((f) => ({ function: f.function, address: f.frameAddress }));
  let at = 0;
  const missed: string[] = [];
  let reproduced = 0;
  for (const e of expected) {
    // crash names some frames by a mapping symbol (riscv64 `$xrv64i2p1…`): there only the address compares.
    const found = walked.findIndex(
      (w, i) => i >= at && w.address === e.address && (w.function === e.function || namesNoFunction(e.function)),
    );
    if (found < 0) missed.push(`${e.function} [${e.address.toString(16)}]`);
    else {
      reproduced++;
      at = found + 1;
    }
  }
  return { kind, label, expected: expected.length, reproduced, missed, excluded, stop: result.stop.reason };
}

const REGISTER_LABEL = /^Unwind from (.*)$/;

export function measureDump(dump: Dump): DumpFigures {
  const consoleText = consoleBeforeTrace(dump.console.replace(/\r/g, ''));
  const consoleLines = consoleText.split('\n').length;
  const model = analyze(consoleText + '\n' + withoutSections(dump.transcript.replace(/\r/g, '')));
  if (!model.spec) return { name: dump.name, starts: [] };
  const original = analyze(dump.transcript.replace(/\r/g, ''), { arch: model.arch });
  const expected = expectedFrames(dump, model, original);
  const starts: StartFigure[] = [];

  // (a) the report's registers: the lens on the console's register lines (one per block).
  const seen = new Set<string>();
  for (const target of unwindLensTargets(model)) {
    if (target.line >= consoleLines) continue;
    const from = target.start.sp ?? target.start.fp;
    const key = `${target.start.sp}/${target.start.fp}/${target.start.pc}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const label = REGISTER_LABEL.exec(target.title)?.[1] ?? target.title;
    starts.push(figure(model, 'registers', label, target.start, expectedFrom(model, expected, from)));
  }

  // (b) the first word of each stack dump (`rd -x ADDR N`, N ≥ 16), typed into "Unwind from Address".
  for (const section of model.sections) {
    if (section.kind !== 'rd' || section.options.includes('-s')) continue;
    const count = Number(section.args[1] ?? 1);
    if (!(count >= 16)) continue;
    const address = section.args[0] !== undefined ? big(section.args[0]) : undefined;
    if (address === undefined || model.memory.read64(address) === undefined) continue;
    const start = unwindFromAddress(model, address);
    const label = `rd -x ${section.args[0]}`;
    starts.push(figure(model, 'first dumped word', label, start, expectedFrom(model, expected, address), true, expected));
  }

  // (c) every frame line of the original `bt -f`, as a start on the stripped transcript.
  const btf = original.backtraces.find((bt) =>
    original.sections.some((s) => s.kind === 'bt' && s.options.includes('-f') && bt.line > s.line && bt.line <= s.endLine),
  );
  for (const frame of btf?.frames ?? []) {
    if (frame.stackAddress === undefined || frame.address === undefined) continue;
    const start = model.spec.unwinder.frameStart(frame.stackAddress, frame.address, -1, `[${frame.stackAddress.toString(16)}]`);
    const label = `bt -f #${frame.level} [${frame.stackAddress.toString(16)}]`;
    starts.push(figure(model, 'bt -f frame', label, start, expectedFrom(model, expected, frame.stackAddress)));
  }
  return { name: dump.name, arch: model.spec.id, starts };
}

export function percent(reproduced: number, expected: number): string {
  return expected === 0 ? 'n/a' : `${((100 * reproduced) / expected).toFixed(0)} %`;
}
