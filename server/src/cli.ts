// The `crashlog` command line: the same analysis as the editor, for terminals and CI.
import { readFileSync } from 'fs';
import { describeAt, renderHover } from './analysis/describe';
import { analyze } from './analysis/model';
import { formatSummary, summarize } from './analysis/summary';
import { runUnwind } from './cli/unwind';
import { runCheck } from './cli/check';
import type { Arch } from './analysis/types';
import type { Model, SymbolFileSource } from './analysis/model';
import { readSymbolFileSync } from './symbolFiles';

const USAGE = `usage:
  crashlog analyze FILE [--json] [--arch x86_64|arm64] [--symbols System.map|kallsyms|nm-output]
  crashlog hover FILE LINE:COL [--arch ...] [--symbols FILE]
  crashlog unwind FILE (--fp ADDR | --line N) [--arch x86_64|arm64] [--json]
  crashlog check FILE... [--json] [--arch ...]`;

interface Args {
  command: string;
  files: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[]): Args {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') flags.set('json', true);
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else flags.set(a.slice(2), argv[++i] ?? '');
    } else positional.push(a);
  }
  return { command: positional[0] ?? '', files: positional.slice(1), flags };
}

function readTranscript(path: string): string {
  return readFileSync(path).toString('utf8');
}

function archOf(args: Args): Arch | undefined {
  const a = args.flags.get('arch');
  if (a === 'x86_64' || a === 'arm64') return a;
  if (a === 'aarch64') return 'arm64';
  return undefined;
}

/** `--symbols FILE`: a file that cannot be used stops the command with its reason. */
function symbolFilesOf(args: Args): SymbolFileSource[] {
  const file = args.flags.get('symbols');
  if (file === undefined) return [];
  if (file === true || file === '') throw new Error('--symbols needs a file');
  const result = readSymbolFileSync(file);
  if (!result.ok) throw new Error(`symbol file ${file} is not used: ${result.reason}`);
  return [result.source];
}

/** Says on stderr when a symbol file could not be matched to the transcript (then it names nothing). */
function noteUnmatchedSymbolFiles(model: Model): void {
  for (const file of model.symbolFiles) {
    if (file.slides.length === 0)
      process.stderr.write(
        `crashlog: ${file.label}: too few functions shared with the transcript to work out the KASLR offset; not used\n`,
      );
  }
}

export function main(argv: string[]): number {
  const args = parseArgs(argv);
  try {
    switch (args.command) {
      case 'analyze': {
        if (args.files.length !== 1) break;
        const model = analyze(readTranscript(args.files[0]), { arch: archOf(args), symbolFiles: symbolFilesOf(args) });
        noteUnmatchedSymbolFiles(model);
        const summary = summarize(model);
        process.stdout.write((args.flags.has('json') ? JSON.stringify(summary, null, 2) : formatSummary(summary)) + '\n');
        return 0;
      }
      case 'hover': {
        if (args.files.length !== 2) break;
        const position = /^(\d+):(\d+)$/.exec(args.files[1]);
        if (!position) break;
        const model = analyze(readTranscript(args.files[0]), { arch: archOf(args), symbolFiles: symbolFilesOf(args) });
        noteUnmatchedSymbolFiles(model);
        const card = describeAt(model, Number(position[1]) - 1, Number(position[2]) - 1);
        process.stdout.write(card ? renderHover(card.markdown) + '\n' : '');
        return card ? 0 : 1;
      }
      case 'unwind':
        return runUnwind(argv.slice(argv.indexOf('unwind') + 1));
      case 'check':
        return runCheck(argv.slice(argv.indexOf('check') + 1));
      default:
        break;
    }
  } catch (error) {
    process.stderr.write(`crashlog: ${(error as Error).message}\n`);
    return 2;
  }
  process.stderr.write(USAGE + '\n');
  return 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
