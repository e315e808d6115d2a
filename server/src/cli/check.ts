// `crashlog check FILE... [--json] [--arch x86_64|arm64] [--disable CODE,...]`: the
// editor's diagnostics for terminals and CI, one per line as
// `FILE:LINE:COL: error|warning|info [code] message` (1-based). Exit 1 on any error.
import { readFileSync } from 'fs';
import { diagnose, isRuleCode, RULE_CODES, type ActionableDiagnostic } from '../analysis/diagnostics';
import { analyze } from '../analysis/model';
import type { Arch } from '../analysis/types';

const USAGE = 'usage: crashlog check FILE... [--json] [--arch x86_64|arm64] [--disable CODE,...]';

interface CheckArgs {
  files: string[];
  json: boolean;
  arch?: Arch;
  disabled: Set<string>;
  problem?: string;
}

function parse(args: string[]): CheckArgs {
  const result: CheckArgs = { files: [], json: false, disabled: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => (eq > 0 ? a.slice(eq + 1) : (args[++i] ?? ''));
    if (flag === '--json') result.json = true;
    else if (flag === '--arch') {
      const arch = value();
      if (arch === 'x86_64' || arch === 'arm64') result.arch = arch;
      else if (arch === 'aarch64') result.arch = 'arm64';
      else if (arch !== 'auto') result.problem = `unknown architecture '${arch}'`;
    } else if (flag === '--disable') {
      for (const code of value().split(',').filter(Boolean)) {
        if (!isRuleCode(code)) result.problem = `unknown rule '${code}' (rules: ${RULE_CODES.join(', ')})`;
        result.disabled.add(code);
      }
    } else if (a.startsWith('--')) result.problem = `unknown option ${a}`;
    else result.files.push(a);
  }
  if (result.files.length === 0 && !result.problem) result.problem = 'no file given';
  return result;
}

interface FileResult {
  file: string;
  diagnostics: ActionableDiagnostic[];
}

function line(file: string, d: ActionableDiagnostic): string {
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

/** Runs `check` over the arguments after the subcommand; returns the exit status. */
export function runCheck(args: string[]): number {
  const parsed = parse(args);
  if (parsed.problem) {
    process.stderr.write(`crashlog check: ${parsed.problem}\n${USAGE}\n`);
    return 2;
  }
  const results: FileResult[] = [];
  let unreadable = false;
  for (const file of parsed.files) {
    let text: string;
    try {
      text = readFileSync(file).toString('utf8');
    } catch (error) {
      process.stderr.write(`crashlog check: cannot read ${file}: ${(error as Error).message}\n`);
      unreadable = true;
      continue;
    }
    const model = analyze(text, { arch: parsed.arch });
    const { diagnostics, failures } = diagnose(model, { disabled: parsed.disabled });
    // A bug of the analysis, not of the transcript: said on stderr, the other findings still count.
    for (const f of failures) {
      const where = f.line !== undefined ? `:${f.line + 1}` : '';
      process.stderr.write(`crashlog check: ${file}${where}: internal failure in ${f.source}: ${f.message}\n`);
    }
    results.push({ file, diagnostics });
  }
  if (parsed.json) process.stdout.write(JSON.stringify(toJson(results), null, 2) + '\n');
  else {
    const out: string[] = [];
    for (const r of results) for (const d of r.diagnostics) out.push(line(r.file, d));
    if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
  }
  if (results.some((r) => r.diagnostics.some((d) => d.severity === 'error'))) return 1;
  return unreadable ? 2 : 0;
}
