// `rd -p` and `search -p` print physical addresses: numbers of another address space, which
// no kernel virtual layout classifies (below 4 GiB, or on s390x, they look like kernel text). So does
// `vtop`, and its `-u` a user address, which on s390x (a user address space of its own) looks like the
// kernel's.
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

/** `vtop`'s first row under `VIRTUAL  PHYSICAL`, and its page-table walk (`PUD: 1c1a0b7f8 => 1b0a63067`, s390x's `RSTE:`). */
const VTOP_HEADING = /^\s*VIRTUAL\s+PHYSICAL\s*$/;
const VTOP_ROW = /^\s*(?:0x)?([0-9a-fA-F]+)\s+(?:0x)?([0-9a-fA-F]+)\s*$/;
const VTOP_WALK = /^\s*[A-Z][A-Z ]{1,13}: ([0-9a-fA-F]+)(?: => ([0-9a-fA-F]+))?/;

/**
 * What a number of `vtop` output is by its place: `user` (the address `vtop -u` was given, on the
 * prompt or in the VIRTUAL column), `physical` (the PHYSICAL column, where a page table's entries are),
 * `entry` (what they hold: the next table's or the page's physical address and flag bits); undefined elsewhere (the kernel address of `vtop -k`, the page's struct page row).
 */
export function vtopColumn(model: Model, line: number, column: number): 'user' | 'physical' | 'entry' | undefined {
  const section = model.sectionAt(line);
  if (section === undefined || !/^vtop\b/.test(section.command)) return undefined;
  const user = section.options.includes('-u');
  if (line === section.line) return user ? 'user' : undefined;
  const text = model.line(line);
  if (line > 0 && VTOP_HEADING.test(model.line(line - 1) ?? '')) {
    const row = VTOP_ROW.exec(text);
    if (!row) return undefined;
    return column < text.indexOf(row[2], text.indexOf(row[1]) + row[1].length) ? (user ? 'user' : undefined) : 'physical';
  }
  // A `PAGE DIRECTORY:` base is virtual on some architectures (x86_64's swapper_pg_dir): read by its value.
  if (!VTOP_WALK.test(text) || column < text.indexOf(':') || text.includes('DIRECTORY')) return undefined;
  const arrow = text.indexOf('=>');
  return arrow >= 0 && column > arrow ? 'entry' : 'physical';
}
