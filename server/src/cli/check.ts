// `crashlog check FILE...`: the editor's diagnostics for terminals and CI, one per line as
// `FILE:LINE:COL: error|warning|info [code] message` (1-based), JSON or SARIF (./formats). Exit 1 on any error.
import { diagnose, isRuleCode, RULE_CODES, RULES } from '../analysis/diagnostics';
import {
  ARCH_OPTION,
  formatOf,
  formatOption,
  HELP_OPTION,
  InputError,
  JSON_OPTION,
  runCommand,
  SYMBOLS_OPTION,
  UsageError,
  type Command,
} from './args';
import { failureLines } from './failures';
import { CHECK_FORMAT_NAMES, CHECK_FORMATS, type CheckedFile } from './formats';
import { modelOf, symbolFilesOf } from './input';

export const checkCommand: Command = {
  name: 'check',
  synopsis: 'FILE...',
  summary: 'Prints the diagnostics of each transcript, as FILE:LINE:COL: severity [code] message.',
  options: [
    formatOption(CHECK_FORMAT_NAMES),
    JSON_OPTION,
    { flag: '--disable', value: 'CODE,...', help: 'rule codes to turn off (may be repeated)', repeat: true },
    ARCH_OPTION,
    SYMBOLS_OPTION,
    HELP_OPTION,
  ],
  positionals: { min: 1, max: Infinity },
  exitStatus: { 1: 'at least one diagnostic of severity error' },
  run(args) {
    const format = formatOf(args, CHECK_FORMAT_NAMES) as keyof typeof CHECK_FORMATS;
    const disabled = new Set<string>();
    for (const code of (args.options.get('--disable') ?? []).flatMap((v) => v.split(',')).filter(Boolean)) {
      if (!isRuleCode(code)) throw new UsageError(`unknown rule '${code}' (rules: ${RULE_CODES.join(', ')})`);
      disabled.add(code);
    }
    const symbolFiles = symbolFilesOf(args);
    const results: CheckedFile[] = [];
    let unreadable = false;
    for (const file of args.positional) {
      try {
        const result = diagnose(modelOf(file, args, symbolFiles), { disabled });
        for (const line of failureLines(result.failures, file)) process.stderr.write(`crashlog check: ${line}\n`);
        results.push({ file, diagnostics: result.diagnostics });
      } catch (error) {
        // One unreadable file does not hide the others' diagnostics.
        if (!(error instanceof InputError)) throw error;
        process.stderr.write(`crashlog check: ${error.message}\n`);
        unreadable = true;
      }
    }
    process.stdout.write(CHECK_FORMATS[format](results, RULES));
    if (results.some((r) => r.diagnostics.some((d) => d.severity === 'error'))) return 1;
    return unreadable ? 2 : 0;
  },
};

/** Runs `check` over the arguments after the subcommand; returns the exit status. */
export function runCheck(argv: readonly string[]): number {
  return runCommand(checkCommand, argv);
}
