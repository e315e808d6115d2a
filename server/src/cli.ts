// The `crashlog` command line: the same analysis as the editor, for terminals and CI.
// One argument parser (./cli/args) for every subcommand; each subcommand is a module.
import { analyzeCommand } from './cli/analyze';
import { EXIT_USAGE, runCommand, type Command } from './cli/args';
import { checkCommand } from './cli/check';
import { exitQuietlyWhenClosed } from './cli/closedOutput';
import { hoverCommand } from './cli/hover';
import { unwindCommand } from './cli/unwind';

const COMMANDS: readonly Command[] = [analyzeCommand, hoverCommand, unwindCommand, checkCommand];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => `${c.name} ${c.synopsis}`.length));
  return [
    'usage: crashlog COMMAND ... [options]',
    '',
    ...COMMANDS.map((c) => `  crashlog ${`${c.name} ${c.synopsis}`.padEnd(width)}  ${c.summary}`),
    '',
    'Lines and columns are 1-based. Every command takes --help, --arch ID and --symbols FILE.',
    'Exit status: 0 done, 1 found nothing (hover, unwind) or errors (check), 2 usage or input problem, 3 internal failure.',
    '',
  ].join('\n');
}

export function main(argv: readonly string[]): number {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return runCommand(command, rest);
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  process.stderr.write((name === undefined ? '' : `crashlog: unknown command '${name}'\n`) + usage());
  return EXIT_USAGE;
}

if (require.main === module) {
  exitQuietlyWhenClosed(process.stdout, () => process.exit());
  process.exitCode = main(process.argv.slice(2));
}
