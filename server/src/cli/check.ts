// `crashlog check FILE...`: the editor's diagnostics for terminals and CI, one per line as
// `FILE:LINE:COL: error|warning|info [code] message` (1-based), or JSON. Exit 1 on any error.
import { diagnose, isRuleCode, RULE_CODES, type ActionableDiagnostic } from '../analysis/diagnostics';
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
import { modelOf, symbolFilesOf } from './input';

export interface FileResult {
  file: string;
  diagnostics: ActionableDiagnostic[];
}

function textLine(file: string, d: ActionableDiagnostic): string {
  const message = d.message.replace(/\s*\n\s*/g, ' ');
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} [${d.code}] ${message}`;
}

function toJson(results: FileResult[]): unknown {
  const all = results.flatMap((r) => r.diagnostics);
  return {
    files: results.map((r) => ({
      file: r.file,
      diagnostics: r.diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: d.severity,
        code: d.code,
        message: d.message,
        related: d.related.map((x) => ({
          line: x.range.start.line + 1,
          column: x.range.start.character + 1,
          message: x.message,
        })),
      })),
    })),
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
    infos: all.filter((d) => d.severity === 'info').length,
  };
}

function toText(results: FileResult[]): string {
  const out: string[] = [];
  for (const r of results) for (const d of r.diagnostics) out.push(textLine(r.file, d));
  return out.length > 0 ? out.join('\n') + '\n' : '';
}

/** Output formats of `check`, by `--format` name; the first is the default. A new format is a line here. */
export const CHECK_FORMATS: Record<string, (results: FileResult[]) => string> = {
  text: toText,
  json: (results) => JSON.stringify(toJson(results), null, 2) + '\n',
};

export const checkCommand: Command = {
  name: 'check',
  synopsis: 'FILE...',
  summary: 'Prints the diagnostics of each transcript, as FILE:LINE:COL: severity [code] message.',
  options: [
    formatOption(Object.keys(CHECK_FORMATS)),
    JSON_OPTION,
    { flag: '--disable', value: 'CODE,...', help: 'rule codes to turn off (may be repeated)', repeat: true },
    ARCH_OPTION,
    SYMBOLS_OPTION,
    HELP_OPTION,
  ],
  positionals: { min: 1, max: Infinity },
  exitStatus: { 1: 'at least one diagnostic of severity error' },
  run(args) {
    const format = formatOf(args, Object.keys(CHECK_FORMATS));
    const disabled = new Set<string>();
    for (const code of (args.options.get('--disable') ?? []).flatMap((v) => v.split(',')).filter(Boolean)) {
      if (!isRuleCode(code)) throw new UsageError(`unknown rule '${code}' (rules: ${RULE_CODES.join(', ')})`);
      disabled.add(code);
    }
    const symbolFiles = symbolFilesOf(args);
    const results: FileResult[] = [];
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
    process.stdout.write(CHECK_FORMATS[format](results));
    if (results.some((r) => r.diagnostics.some((d) => d.severity === 'error'))) return 1;
    return unreadable ? 2 : 0;
  },
};

/** Runs `check` over the arguments after the subcommand; returns the exit status. */
export function runCheck(argv: readonly string[]): number {
  return runCommand(checkCommand, argv);
}
