// `crashlog check --format json`: one document with every file's diagnostics (1-based lines and
// columns, as editors show them) and the totals per severity.
import type { CheckFormatter } from './types';

export const formatJson: CheckFormatter = (files) => {
  const all = files.flatMap((f) => f.diagnostics);
  const count = (severity: string): number => all.filter((d) => d.severity === severity).length;
  const document = {
    files: files.map((f) => ({
      file: f.file,
      diagnostics: f.diagnostics.map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: d.severity,
        code: d.code,
        message: d.message,
        related: d.related.map((r) => ({
          line: r.range.start.line + 1,
          column: r.range.start.character + 1,
          message: r.message,
        })),
      })),
    })),
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
  };
  return JSON.stringify(document, null, 2) + '\n';
};
