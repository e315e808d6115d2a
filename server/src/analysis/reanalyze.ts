// Re-analysis after an edit: the lines before and after the edited crash command
// keep what the previous model made of them, and only the edited command's lines
// are parsed again. Crash prompts are where the parser's state is reset, so a
// command's output parses the same alone as in a whole transcript.
import { MemoryBuilder } from './memory';
import { analyze, AnalyzeOptions, finish, Model, parseRange } from './model';
import { RegisterBlock } from './registerBlock';

interface Lined {
  line: number;
}

function outside<T extends Lined>(items: readonly T[], from: number, to: number, before: boolean): T[] {
  return items.filter((item) => (before ? item.line < from : item.line >= to));
}

/** The model of `text`, reusing `previous` (the model of the text before an edit) where it can. */
export function reanalyze(previous: Model, text: string, options: AnalyzeOptions = {}): Model {
  const model = new Model(text);
  const n = model.lineCount;
  // Only edits that keep the line count keep every later line where it was.
  if (previous.lineCount !== n || !previous.symbols.journal) return analyze(text, options);
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
  model.symbols.journal = [];
  copyOutside(previous, model, memory, from, to, true);
  parseRange(model, memory, from, to);
  // A report's damage depends on whether another report came before it.
  const oldReportsUpTo = previous.reports.filter((r) => r.line < to).length;
  const laterReports = previous.reports.some((r) => r.line >= to);
  if (laterReports && oldReportsUpTo > 0 !== model.reports.length > 0) return analyze(text, options);
  copyOutside(previous, model, memory, from, to, false);
  return finish(model, memory, options);
}

/** Copies what `previous` holds for the lines before `from` (or from `to` on). */
function copyOutside(previous: Model, model: Model, memory: MemoryBuilder, from: number, to: number, before: boolean): void {
  const [start, end] = before ? [0, from] : [to, previous.lineCount];
  model.lineKinds.set(previous.lineKinds.subarray(start, end), start);
  model.archEvidence.copyFrom(previous.archEvidence, start, end);
  const pick = <T extends Lined>(items: readonly T[]) => outside(items, from, to, before);
  model.sections.push(...pick(previous.sections));
  const backtraces = pick(previous.backtraces);
  // Reused register blocks read their lines from this model's text from now on.
  for (const bt of backtraces) for (const e of bt.exceptionFrames) if (e instanceof RegisterBlock) e.source = model.text;
  model.backtraces.push(...backtraces);
  model.reports.push(...pick(previous.reports));
  model.slabs.push(...pick(previous.slabs));
  model.vmaps.push(...pick(previous.vmaps));
  model.modules.push(...pick(previous.modules));
  model.damage.push(...pick(previous.damage));
  model.failures.push(...pick(previous.failures));
  model.symbolicWords.push(...pick(previous.symbolicWords));
  model.declaredStacks.push(...pick(previous.declaredStacks));
  model.structList.push(...pick(previous.structList));
  // Tasks come from bt headers, the first header of a task wins, as when parsing: after the
  // edit a later header may be the first again.
  if (before) for (const task of pick(previous.tasks)) model.addTask(task);
  else {
    for (const bt of pick(previous.backtraces)) {
      if (bt.task !== undefined && bt.pid !== undefined && !model.taskAt(bt.task)) {
        model.addTask({ pid: bt.pid, task: bt.task, cpu: bt.cpu, command: bt.command, line: bt.line });
      }
    }
  }
  for (const entry of previous.sourceJournal) {
    if (before ? entry.source.at < from : entry.source.at >= to) model.setSource(entry.address, entry.source);
  }
  model.symbols.replay(previous.symbols.journal!.filter((op) => (before ? op.line < from : op.line >= to)));
  memory.copyLines(previous.memory, start, end);
  model.instructions.copyLines(previous.instructions, start, end);
}
