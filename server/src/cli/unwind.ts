// `crashlog unwind FILE (--fp ADDR | --line N)`: the frame walk of the editor's "Unwind
// from here", printed (lines are 1-based).
import { hex16, parseHex } from '../analysis/hex';
import {
  unwind,
  unwindFromAddress,
  unwindStartFromLine,
  unwindUnavailable,
  type UnwindResult,
  type UnwindStart,
} from '../analysis/unwind';
import { formatUnwind } from '../analysis/unwind/format';
import {
  ARCH_OPTION,
  archOf,
  formatOf,
  formatOption,
  HELP_OPTION,
  JSON_OPTION,
  optionValue,
  runCommand,
  SYMBOLS_OPTION,
  UsageError,
  type Command,
} from './args';
import { modelOf } from './input';

const FORMATS = ['text', 'json'];

export const unwindCommand: Command = {
  name: 'unwind',
  synopsis: 'FILE (--fp ADDR | --address ADDR | --line N)',
  summary: 'Walks the stack from a frame pointer or from a line (register block, bt header, dump line).',
  description:
    'For each frame its address, return address, function+offset, source line, method, and why the walk stopped, with the crash command that would let it go on.',
  options: [
    { flag: '--fp', value: 'ADDR', help: 'frame pointer to start from (hex, with or without 0x)' },
    {
      flag: '--address',
      value: 'ADDR',
      help: 'stack address read as the editor\'s "Unwind from Address…": a frame-pointer chain or the return slot plus scan, as the transcript shows the kernel',
    },
    { flag: '--line', value: 'N', help: 'line (1-based) whose registers, bt header or dump line to start from' },
    formatOption(FORMATS),
    JSON_OPTION,
    ARCH_OPTION,
    SYMBOLS_OPTION,
    HELP_OPTION,
  ],
  positionals: { min: 1, max: 1 },
  exitStatus: { 1: 'nothing to unwind from at that line' },
  run(args) {
    const fpText = optionValue(args, '--fp');
    const lineText = optionValue(args, '--line');
    const addressText = optionValue(args, '--address');
    if ([fpText, lineText, addressText].filter((v) => v !== undefined).length !== 1)
      throw new UsageError('give one of --fp ADDR, --address ADDR or --line N');
    const format = formatOf(args, FORMATS);
    const arch = archOf(args);
    let fp: bigint | undefined;
    let address: bigint | undefined;
    let line: number | undefined;
    if (fpText !== undefined) {
      fp = parseHex(fpText.trim());
      if (fp === undefined) throw new UsageError(`--fp ${fpText} is not a hex address`);
    } else if (addressText !== undefined) {
      address = parseHex(addressText.trim());
      if (address === undefined) throw new UsageError(`--address ${addressText} is not a hex address`);
    } else {
      line = Number(lineText);
      if (!Number.isInteger(line) || line < 1) throw new UsageError(`--line ${lineText} is not a line number`);
    }
    const model = modelOf(args.positional[0], args);
    let start: UnwindStart | undefined;
    if (fp !== undefined) start = { fp, arch, label: hex16(fp) };
    else if (address !== undefined) start = { ...unwindFromAddress(model, address), ...(arch ? { arch } : {}) };
    else {
      start = unwindStartFromLine(model, line! - 1);
      if (!start) {
        const why = unwindUnavailable(model);
        process.stderr.write(`crashlog unwind: nothing to unwind from at line ${line}${why ? `: ${why}` : ''}\n`);
        return 1;
      }
      if (arch) start = { ...start, arch };
    }
    const result = unwind(model, start);
    process.stdout.write(format === 'json' ? JSON.stringify(toJson(result), null, 2) + '\n' : formatUnwind(result).text);
    return 0;
  },
};

/** Runs `unwind` over the arguments after the subcommand; returns the exit status. */
export function runUnwind(argv: readonly string[]): number {
  return runCommand(unwindCommand, argv);
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
      choice: s.choice ?? null,
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
      stackSwitch: f.stackSwitch
        ? {
            from: hexOrNull(f.stackSwitch.from),
            to: hex16(f.stackSwitch.to),
            label: f.stackSwitch.label,
            confidence: f.stackSwitch.confidence,
            line: lineOrNull(f.stackSwitch.line),
          }
        : null,
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
