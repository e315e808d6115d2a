// `crashlog unwind FILE (--fp ADDR | --line N) [--arch x86_64|arm64] [--json]`:
// the frame walk of the editor's "Unwind from here", printed (lines are 1-based).
import { readFileSync } from 'fs';
import { hex16, parseHex } from '../analysis/hex';
import { analyze } from '../analysis/model';
import type { Arch } from '../analysis/types';
import { unwind, unwindStartAtLine, type UnwindResult, type UnwindStart } from '../analysis/unwind';
import { formatUnwind } from '../analysis/unwind/format';

const USAGE = 'usage: crashlog unwind FILE (--fp ADDR | --line N) [--arch x86_64|arm64] [--json]';

interface UnwindArgs {
  file?: string;
  fp?: string;
  line?: string;
  arch?: string;
  json: boolean;
}

function parse(args: string[]): UnwindArgs {
  const result: UnwindArgs = { json: false };
  const rest = args[0] === 'unwind' ? args.slice(1) : args;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? rest[++i];
    if (flag === '--json') result.json = true;
    else if (flag === '--fp') result.fp = value();
    else if (flag === '--line') result.line = value();
    else if (flag === '--arch') result.arch = value();
    else if (!a.startsWith('--') && result.file === undefined) result.file = a;
  }
  return result;
}

function toArch(text: string | undefined): Arch | undefined {
  if (text === 'x86_64' || text === 'arm64') return text;
  if (text === 'aarch64') return 'arm64';
  return undefined;
}

export function runUnwind(args: string[]): number {
  const options = parse(args);
  if (!options.file || (options.fp === undefined) === (options.line === undefined)) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const arch = toArch(options.arch);
  if (options.arch !== undefined && !arch) {
    process.stderr.write(`crashlog unwind: unknown architecture ${options.arch}\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(options.file).toString('utf8');
  } catch (error) {
    process.stderr.write(`crashlog unwind: ${(error as Error).message}\n`);
    return 2;
  }
  const model = analyze(text, { arch });
  let start: UnwindStart | undefined;
  if (options.fp !== undefined) {
    const fp = parseHex(options.fp.trim());
    if (fp === undefined) {
      process.stderr.write(`crashlog unwind: --fp ${options.fp} is not a hex address\n`);
      return 2;
    }
    start = { fp, arch, label: hex16(fp) };
  } else {
    const line = Number(options.line);
    if (!Number.isInteger(line) || line < 1) {
      process.stderr.write(`crashlog unwind: --line ${options.line} is not a line number\n`);
      return 2;
    }
    start = unwindStartAtLine(model, line - 1);
    if (!start) {
      process.stderr.write(`crashlog unwind: nothing to unwind from at line ${line}\n`);
      return 1;
    }
    if (arch) start = { ...start, arch };
  }
  const result = unwind(model, start);
  process.stdout.write(options.json ? JSON.stringify(toJson(result), null, 2) + '\n' : formatUnwind(result).text);
  return 0;
}

const hexOrNull = (v: bigint | undefined) => (v === undefined ? null : hex16(v));
const lineOrNull = (v: number | undefined) => (v === undefined ? null : v + 1);

/** JSON with hex strings for addresses and 1-based lines. */
export function toJson(result: UnwindResult): unknown {
  const s = result.start;
  return {
    arch: result.arch,
    start: {
      fp: hexOrNull(s.fp),
      sp: hexOrNull(s.sp),
      pc: hexOrNull(s.pc),
      slot: hexOrNull(s.slot),
      rbp: hexOrNull(s.rbp),
      pcSymbol: s.pcSymbol ?? null,
      line: lineOrNull(s.line),
      label: s.label ?? null,
    },
    frames: result.frames.map((f) => ({
      level: f.level,
      frameAddress: hexOrNull(f.frameAddress),
      returnAddress: hexOrNull(f.returnAddress),
      pc: hexOrNull(f.pc),
      sp: hexOrNull(f.sp),
      function: f.function ?? null,
      offset: f.offset ?? null,
      module: f.module ?? null,
      source: f.source ? { file: f.source.file, line: f.source.line, at: f.source.at + 1 } : null,
      method: f.method,
      confidence: f.confidence,
      evidence: f.evidence.map((l) => l + 1),
      notes: f.notes,
      bt: f.bt ? { ...f.bt, line: lineOrNull(f.bt.line) } : null,
    })),
    stop: {
      kind: result.stop.kind,
      reason: result.stop.reason,
      address: hexOrNull(result.stop.address),
      command: result.stop.command ?? null,
    },
    commands: result.commands,
    bt: result.bt
      ? {
          line: result.bt.line + 1,
          firstDifference: result.bt.firstDifference ?? null,
          extra: result.bt.extra.map((e) => ({
            level: e.level,
            function: e.function,
            stackAddress: hex16(e.stackAddress),
            line: e.line + 1,
            first: e.first ?? false,
          })),
        }
      : null,
  };
}
