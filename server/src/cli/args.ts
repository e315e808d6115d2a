// One argument parser for every subcommand: `--name VALUE`, `--name=VALUE`, flags without
// a value, positionals; options shared by subcommands are declared once here.
import { ARCH_IDS, ARCHS, archIdOf, type ArchId } from '../analysis/arch/registry';

export interface OptionSpec {
  /** `--name`. */
  flag: string;
  /** Placeholder of the value in help; absent for a flag without value. */
  value?: string;
  help: string;
  /** May be given more than once (values kept in order). */
  repeat?: boolean;
}

export interface ParsedArgs {
  positional: string[];
  /** Values by flag (`--arch` → ['arm64']); a flag without value maps to ['']. */
  options: Map<string, string[]>;
}

/** A problem with the command line: printed with the usage, exit status 2. */
export class UsageError extends Error {}

/** Exit statuses every subcommand shares (subcommands add 1 for "found nothing" or "found errors"). */
export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg === '-h' ? '--help' : arg;
    const spec = specs.find((s) => s.flag === flag);
    if (!spec) throw new UsageError(`unknown option ${flag}`);
    let value = '';
    if (spec.value !== undefined) {
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) value = argv[++i];
      else throw new UsageError(`${flag} needs a value (${spec.value})`);
      if (value === '') throw new UsageError(`${flag} needs a value (${spec.value})`);
    } else if (eq > 0) {
      throw new UsageError(`${flag} takes no value`);
    }
    const values = options.get(flag) ?? [];
    if (values.length > 0 && !spec.repeat) throw new UsageError(`${flag} given twice`);
    options.set(flag, [...values, value]);
  }
  return { positional, options };
}

export function optionValue(args: ParsedArgs, flag: string): string | undefined {
  return args.options.get(flag)?.[0];
}

// ---------------------------------------------------------------- shared options

/** `x86_64 (amd64)`, `arm64 (aarch64)`: every registered architecture with the other names it goes by. */
const ARCH_NAMES = ARCH_IDS.map((id) => (ARCHS[id].aliases.length ? `${id} (${ARCHS[id].aliases.join(', ')})` : id)).join(', ');

export const HELP_OPTION: OptionSpec = { flag: '--help', help: 'this help' };
export const ARCH_OPTION: OptionSpec = {
  flag: '--arch',
  value: 'ID',
  help: `architecture of the transcript: auto (the default: detected), ${ARCH_NAMES}`,
};
export const SYMBOLS_OPTION: OptionSpec = {
  flag: '--symbols',
  value: 'FILE',
  help: 'System.map, a saved /proc/kallsyms or nm output naming addresses the transcript does not (may be repeated)',
  repeat: true,
};
export const JSON_OPTION: OptionSpec = { flag: '--json', help: 'same as --format json' };
export function formatOption(formats: readonly string[]): OptionSpec {
  return { flag: '--format', value: formats.join('|'), help: `output format (default ${formats[0]})` };
}

/** `--arch`: undefined for auto or absent; a usage error for an unknown id. */
export function archOf(args: ParsedArgs): ArchId | undefined {
  const given = optionValue(args, '--arch');
  if (given === undefined || given === 'auto') return undefined;
  const arch = archIdOf(given);
  if (!arch) throw new UsageError(`unknown architecture '${given}' (known: auto, ${ARCH_NAMES})`);
  return arch;
}

/** `--format` (or `--json`), checked against the formats the subcommand has. */
export function formatOf(args: ParsedArgs, formats: readonly string[]): string {
  const given = optionValue(args, '--format');
  if (args.options.has('--json')) {
    if (given !== undefined && given !== 'json') throw new UsageError(`--json and --format ${given} disagree`);
    return 'json';
  }
  if (given === undefined) return formats[0];
  if (!formats.includes(given)) throw new UsageError(`unknown format '${given}' (formats: ${formats.join(', ')})`);
  return given;
}

// ---------------------------------------------------------------- subcommands and help

export interface Command {
  name: string;
  /** What follows the subcommand's name, e.g. `FILE LINE:COL`. */
  synopsis: string;
  /** One line, for `crashlog --help`. */
  summary: string;
  /** More for `crashlog COMMAND --help`. */
  description?: string;
  options: readonly OptionSpec[];
  /** Number of positionals accepted. */
  positionals: { min: number; max: number };
  /** What each exit status means beyond 0 = done, 2 = usage or input problem, 3 = internal failure. */
  exitStatus: Record<number, string>;
  run(args: ParsedArgs): number;
}

export function commandHelp(command: Command): string {
  const width = Math.max(...command.options.map((o) => (o.value ? `${o.flag} ${o.value}` : o.flag).length));
  const options = command.options.map((o) => `  ${(o.value ? `${o.flag} ${o.value}` : o.flag).padEnd(width)}  ${o.help}`);
  const status = {
    0: 'done',
    ...command.exitStatus,
    2: 'usage error, or an input file cannot be read or used',
    3: 'internal failure (a bug: please report it)',
  };
  return [
    `usage: crashlog ${command.name} ${command.synopsis} [options]`,
    '',
    command.description ? `${command.summary} ${command.description}` : command.summary,
    '',
    'options:',
    ...options,
    '',
    'exit status:',
    ...Object.entries(status).map(([code, meaning]) => `  ${code}  ${meaning}`),
    '',
  ].join('\n');
}

/** Parses the arguments after the subcommand and runs it; usage problems print the help. */
export function runCommand(command: Command, argv: readonly string[]): number {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, command.options);
    if (args.options.has('--help')) {
      process.stdout.write(commandHelp(command));
      return EXIT_OK;
    }
    const { min, max } = command.positionals;
    if (args.positional.length < min) throw new UsageError(`expected ${command.synopsis}`);
    if (args.positional.length > max) throw new UsageError(`unexpected argument '${args.positional[max]}'`);
    return command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(
        `crashlog ${command.name}: ${error.message}\nusage: crashlog ${command.name} ${command.synopsis} [options]; see crashlog ${command.name} --help\n`,
      );
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      process.stderr.write(`crashlog ${command.name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`crashlog ${command.name}: internal failure: ${detail}\n`);
    return EXIT_INTERNAL;
  }
}

/** An input that cannot be read or used (a missing file, an unusable symbol file): exit status 2. */
export class InputError extends Error {}
