// `crashlog check` (default format): one line per diagnostic, as compilers print them, so
// editors and terminals link `FILE:LINE:COL` (1-based).
import type { CheckFormatter } from './types';

export const formatText: CheckFormatter = (files) => {
  const lines: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      const message = d.message.replace(/\s*\n\s*/g, ' ');
      lines.push(`${f.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} [${d.code}] ${message}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
};
