// Re-analysis after an edit: the lines before and after the edited crash command
// keep what the previous model made of them, and only the edited command's lines
// are parsed again. Crash prompts are where the parser's state is reset, so a
// command's output parses the same alone as in a whole transcript. The previous
// model is only read: what the new one reuses of it is shared, never changed.
import { MemoryBuilder } from './memory';
import { analyze, AnalyzeOptions, finish, LINE_STORES, Model, parseRange } from './model';

/** The model of `text`, reusing `previous` (the model of the text before an edit) where it can. */
export function reanalyze(previous: Model, text: string, options: AnalyzeOptions = {}): Model {
  const model = new Model(text);
  const n = model.lineCount;
  // Only edits that keep the line count keep every later line where it was.
  if (previous.lineCount !== n) return analyze(text, options);
  // The edited lines: from the first to the last character where the two texts differ.
  const oldText = previous.text.source;
  const shorter = Math.min(oldText.length, text.length);
  let head = 0;
  while (head < shorter && oldText.charCodeAt(head) === text.charCodeAt(head)) head++;
  if (head === oldText.length && head === text.length) return analyze(text, options);
  let tail = 0;
  while (tail < shorter - head && oldText.charCodeAt(oldText.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail))
    tail++;
  const first = model.text.positionAt(head).line;
  const last = Math.max(first, model.text.positionAt(Math.max(head, text.length - 1 - tail)).line);

  // The edited range grows to the crash prompts around it (sections start at prompts).
  let from = 0;
  let to = n;
  for (const section of previous.sections) {
    if (section.line < first) from = section.line;
    else if (section.line > last) {
      to = section.line;
      break;
    }
  }

  const memory = new MemoryBuilder();
  carryLines(previous, model, memory, 0, from);
  parseRange(model, memory, from, to);
  // A report's damage depends on whether another report came before it.
  const oldReportsUpTo = previous.reports.filter((r) => r.line < to).length;
  const laterReports = previous.reports.some((r) => r.line >= to);
  if (laterReports && oldReportsUpTo > 0 !== model.reports.length > 0) return analyze(text, options);
  carryLines(previous, model, memory, to, n);
  return finish(model, memory, options);
}

/** Copies every per-line store of `previous` for lines [start, end). */
function carryLines(previous: Model, model: Model, memory: MemoryBuilder, start: number, end: number): void {
  if (start >= end) return;
  for (const carry of Object.values(LINE_STORES)) carry(previous, model, memory, start, end);
}
