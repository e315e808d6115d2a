// `rd -p` and `search -p` print physical addresses: numbers of another address space, which
// no kernel virtual layout classifies (below 4 GiB, or on s390x, they look like kernel text).
import type { Model } from './model';

/** Whether the line is output of a crash command that reads physical memory: its address column is physical. */
export function inPhysicalDump(model: Model, line: number): boolean {
  const section = model.sectionAt(line);
  return (
    section !== undefined &&
    line > section.line &&
    (section.kind === 'rd' || section.kind === 'search') &&
    section.options.includes('-p')
  );
}
