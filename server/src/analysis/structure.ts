// Outline and folding: what the transcript is made of, for the Outline view,
// breadcrumbs, Go to Symbol and folding. Plain data; the server maps it to LSP.
import type { Model } from './model';

export type OutlineKind = 'heading' | 'command' | 'backtrace' | 'frame' | 'report' | 'struct';

export interface OutlineItem {
  name: string;
  detail?: string;
  kind: OutlineKind;
  line: number;
  endLine: number;
  /** Column range of the name on its line (selection range). */
  start: number;
  end: number;
  children: OutlineItem[];
}

export interface Fold {
  start: number;
  end: number;
  kind: 'region' | 'comment';
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const MAX_FRAMES_PER_TRACE = 256;

export function outline(model: Model): OutlineItem[] {
  const items: OutlineItem[] = [];
  for (const section of model.sections) {
    const text = model.line(section.line);
    const start = Math.max(0, text.indexOf(section.command));
    const item: OutlineItem = {
      name: `crash> ${section.command}`.slice(0, 200),
      kind: 'command',
      line: section.line,
      endLine: section.endLine,
      start,
      end: start + section.command.length,
      children: [],
    };
    items.push(item);
  }
  const backtraceItems: OutlineItem[] = model.backtraces.map((bt) => ({
    name: bt.pid !== undefined ? `PID ${bt.pid} ${bt.command ?? ''}`.trim() : 'backtrace',
    detail: bt.cpu !== undefined ? `CPU ${bt.cpu}` : undefined,
    kind: 'backtrace',
    line: bt.line,
    endLine: Math.max(bt.line, bt.endLine),
    start: 0,
    end: model.line(bt.line).length,
    children: bt.frames
      .slice(0, MAX_FRAMES_PER_TRACE)
      .map((f) => frameItem(model, f.line, `#${f.level} ${f.function}`, f.module)),
  }));
  const reportItems: OutlineItem[] = model.reports.map((r) => ({
    name: r.title.slice(0, 200) || r.kind,
    detail: r.kind,
    kind: 'report',
    line: r.line,
    endLine: Math.max(r.line, r.endLine),
    start: 0,
    end: model.line(r.line).length,
    children: r.frames
      .filter((f) => f.function)
      .slice(0, MAX_FRAMES_PER_TRACE)
      .map((f) => frameItem(model, f.line, `${f.unreliable ? '? ' : ''}${f.function}`, f.module)),
  }));
  const headings: { level: number; item: OutlineItem }[] = [];
  for (let i = 0; i < model.lineCount; i++) {
    if (model.lineKinds[i] !== 2 /* LineKind.Markdown */) continue;
    const m = HEADING.exec(model.line(i));
    if (!m) continue;
    headings.push({
      level: m[1].length,
      item: { name: m[2] || '#', kind: 'heading', line: i, endLine: i, start: 0, end: model.line(i).length, children: [] },
    });
  }
  // Markdown sections end where the next heading of the same or a higher level starts.
  for (let k = 0; k < headings.length; k++) {
    let end = model.lineCount - 1;
    for (let j = k + 1; j < headings.length; j++) {
      if (headings[j].level <= headings[k].level) {
        end = headings[j].item.line - 1;
        break;
      }
    }
    headings[k].item.endLine = end;
  }
  const leaves = [
    ...items,
    ...reportItems,
    ...backtraceItems.filter((b) => !items.some((s) => s.line <= b.line && b.line <= s.endLine)),
  ];
  // Backtraces nest under the command that printed them.
  for (const bt of backtraceItems) {
    const owner = items.find((s) => s.line <= bt.line && bt.line <= s.endLine);
    if (owner) owner.children.push(bt);
  }
  leaves.sort((a, b) => a.line - b.line);
  return nestUnderHeadings(
    headings.map((h) => h.item),
    headings.map((h) => h.level),
    leaves,
  );
}

function frameItem(model: Model, line: number, name: string, module?: string): OutlineItem {
  const text = model.line(line);
  return {
    name,
    detail: module ? `[${module}]` : undefined,
    kind: 'frame',
    line,
    endLine: line,
    start: 0,
    end: text.length,
    children: [],
  };
}

function nestUnderHeadings(headings: OutlineItem[], levels: number[], leaves: OutlineItem[]): OutlineItem[] {
  const roots: OutlineItem[] = [];
  const stack: { level: number; item: OutlineItem }[] = [];
  let leaf = 0;
  const place = (item: OutlineItem) => {
    while (stack.length && stack[stack.length - 1].item.endLine < item.line) stack.pop();
    (stack.length ? stack[stack.length - 1].item.children : roots).push(item);
  };
  for (let h = 0; h < headings.length; h++) {
    while (leaf < leaves.length && leaves[leaf].line < headings[h].line) place(leaves[leaf++]);
    while (stack.length && stack[stack.length - 1].level >= levels[h]) stack.pop();
    while (stack.length && stack[stack.length - 1].item.endLine < headings[h].line) stack.pop();
    (stack.length ? stack[stack.length - 1].item.children : roots).push(headings[h]);
    stack.push({ level: levels[h], item: headings[h] });
  }
  while (leaf < leaves.length) place(leaves[leaf++]);
  return roots;
}

export function folds(model: Model): Fold[] {
  const result: Fold[] = [];
  const add = (start: number, end: number) => {
    if (end > start) result.push({ start, end, kind: 'region' });
  };
  for (const s of model.sections) add(s.line, trimBlankEnd(model, s.line, s.endLine));
  for (const r of model.reports) add(r.line, r.endLine);
  for (const bt of model.backtraces) for (const e of bt.exceptionFrames) add(e.line, e.endLine);
  // Runs of console register lines inside a report.
  for (const r of model.reports) {
    let runStart = -1;
    let last = -1;
    for (const reg of r.registers) {
      if (reg.line === last) continue;
      if (reg.line !== last + 1) {
        if (runStart >= 0) add(runStart, last);
        runStart = reg.line;
      }
      last = reg.line;
    }
    if (runStart >= 0) add(runStart, last);
  }
  // Markdown sections and fences.
  const headingLines: { line: number; level: number }[] = [];
  let fenceStart = -1;
  for (let i = 0; i < model.lineCount; i++) {
    if (model.lineKinds[i] !== 2) continue;
    const text = model.line(i);
    const m = HEADING.exec(text);
    if (m) headingLines.push({ line: i, level: m[1].length });
    else if (/^\s*(?:```|~~~)/.test(text)) {
      if (fenceStart < 0) fenceStart = i;
      else {
        add(fenceStart, i);
        fenceStart = -1;
      }
    }
  }
  for (let k = 0; k < headingLines.length; k++) {
    let end = model.lineCount - 1;
    for (let j = k + 1; j < headingLines.length; j++) {
      if (headingLines[j].level <= headingLines[k].level) {
        end = headingLines[j].line - 1;
        break;
      }
    }
    add(headingLines[k].line, trimBlankEnd(model, headingLines[k].line, end));
  }
  return result;
}

function trimBlankEnd(model: Model, start: number, end: number): number {
  while (end > start && model.line(end).trim() === '') end--;
  return end;
}
