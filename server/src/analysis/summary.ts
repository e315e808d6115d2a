// The `crashlog analyze` summary (design.md §5): plain JSON-able data, 1-based lines.
import { warnMessage } from './triage/warnMessage';
import { layoutName } from './classify';
import { hexWord } from './hex';
import type { Model } from './model';
import { asPrintedLines } from './parse/console/pasted';
import { leadingReport, triageReport } from './triage';
import type { Frame } from './types';

export interface FrameSummary {
  level: number;
  function: string;
  offset?: number;
  size?: number;
  module?: string;
  address?: string;
  stackAddress?: string;
  line: number;
  unreliable: boolean;
  context?: string;
  /** A function inlined into the frame below it (symbolised traces' `[inline]`, drgn's `(inline)`). */
  inlined?: true;
  /** The source line a symbolised trace or drgn names (`kernel/sched/core.c:5381`). */
  source?: string;
  /** The part of the report the frame is printed in: `Freed by task 8`, `-> #1 (&lock){+.+.}-{3:3}`, `NMI backtrace for cpu 1`. */
  section?: string;
  /** Where arm64's unwinder took the frame from (its ` (P)`, ` (L)`, ` (T)`, ` (C)` mark): `exception-pc` is the interrupted pc. */
  unwoundFrom?: Frame['unwoundFrom'];
  /** crash's `func (via caller)`: the function the frame was entered through. */
  via?: string;
}

export interface ModelSummary {
  arch: string;
  /** With arch `unknown`: the architecture not modelled that the transcript's evidence points to. */
  unmodelledArch?: string;
  layout: string;
  sections: { command: string; kind: string; line: number; endLine: number }[];
  backtraces: { pid?: number; task?: string; cpu?: number; command?: string; line: number; frames: FrameSummary[] }[];
  /** Index in `reports` of the crash the transcript is known by: the first report of a known family (as syzbot picks). */
  leadingReport?: number;
  reports: {
    kind: string;
    /** syzkaller-style title (`WARNING in ext4_xattr_inode_update_ref`). */
    title: string;
    /** Other titles of the same bug. */
    alternativeTitles: string[];
    /** The header line as printed. */
    header: string;
    /** A WARN()'s own message, printed between its cut-here line and its header (`refcount_t: underflow; use-after-free.`). */
    message?: string;
    /** Where it faulted: the fault-site function (RIP/pc), else the header's, else the first reliable frame. */
    function?: string;
    module?: string;
    /** Equal for reports of the same bug. */
    signature: string;
    line: number;
    endLine: number;
    headerFunction?: string;
    damage: string[];
    frames: FrameSummary[];
  }[];
  counts: {
    lines: number;
    memoryWords: number;
    memoryConflicts: number;
    symbols: number;
    instructions: number;
    structs: number;
    slabObjects: number;
    tasks: number;
    stacks: number;
    damagedLines: number;
    proseLines: number;
  };
  damage: { line: number; reason: string }[];
}

/** Addresses as crash prints them: 8 digits on a 32-bit kernel, 16 on a 64-bit one. */
function frameSummary(f: Frame, wordBytes: 4 | 8): FrameSummary {
  return {
    level: f.level,
    function: f.function,
    offset: f.offset,
    size: f.size,
    module: f.module,
    address: f.address !== undefined ? hexWord(f.address, wordBytes) : undefined,
    stackAddress: f.stackAddress !== undefined ? hexWord(f.stackAddress, wordBytes) : undefined,
    line: f.line + 1,
    unreliable: f.unreliable,
    context: f.context,
    inlined: f.inlined || undefined,
    source: f.source,
    section: f.section,
    unwoundFrom: f.unwoundFrom,
    via: f.via,
  };
}

/** Report kinds that are a fault (a bad access the CPU or a sanitizer caught): their function is where it faulted. */
const FAULTS: ReadonlySet<string> = new Set(['oops', 'gpf', 'paging', 'kasan', 'kfence', 'kmsan']);

export function summarize(model: Model): ModelSummary {
  let prose = 0;
  for (const k of model.lineKinds) if (k === 0) prose++;
  // Headers read as printed, as triage reads them (a pasted no-break space or colour is no other family).
  const leading = leadingReport(asPrintedLines(model.text), model.reports);
  return {
    arch: model.arch,
    unmodelledArch: model.archUnmodelled,
    layout: layoutName(model),
    sections: model.sections.map((s) => ({ command: s.command, kind: s.kind, line: s.line + 1, endLine: s.endLine + 1 })),
    backtraces: model.backtraces.map((b) => ({
      pid: b.pid,
      task: b.task !== undefined ? hexWord(b.task, model.wordBytes) : undefined,
      cpu: b.cpu,
      command: b.command,
      line: b.line + 1,
      frames: b.frames.map((f) => frameSummary(f, model.wordBytes)),
    })),
    leadingReport: leading >= 0 ? leading : undefined,
    reports: model.reports.map((r, i) => {
      const triage = triageReport(model.text, model.reports, i);
      return {
        kind: r.kind,
        title: triage.title,
        alternativeTitles: triage.alternatives,
        header: r.title,
        message: warnMessage(model.text, r),
        function: triage.function,
        module: triage.module,
        signature: triage.signature,
        line: r.line + 1,
        endLine: r.endLine + 1,
        headerFunction: r.headerFunction,
        damage: r.damage,
        frames: r.frames.map((f) => frameSummary(f, model.wordBytes)),
      };
    }),
    counts: {
      lines: model.text.lineCount,
      memoryWords: model.memory.wordCount,
      memoryConflicts: model.memory.conflicts.length,
      symbols: model.symbols.count,
      instructions: model.instructions.count,
      structs: model.structs.size,
      slabObjects: model.slabs.length,
      tasks: model.tasks.length,
      stacks: model.stacks.length,
      damagedLines: model.damage.length,
      proseLines: prose,
    },
    damage: model.damage.slice(0, 100).map((d) => ({ line: d.line + 1, reason: d.reason })),
  };
}

export function formatSummary(s: ModelSummary): string {
  const out: string[] = [];
  const unmodelled = s.unmodelledArch ? `, looks like ${s.unmodelledArch}: read without its own rules` : '';
  out.push(`arch: ${s.arch} (${s.layout}${unmodelled})`);
  const lead = s.leadingReport !== undefined ? s.reports[s.leadingReport] : undefined;
  if (lead) out.push(`crash: ${lead.title} (line ${lead.line}, signature ${lead.signature})`);
  const c = s.counts;
  out.push(
    `lines: ${c.lines}, memory words: ${c.memoryWords} (${c.memoryConflicts} conflicts), symbols: ${c.symbols}, instructions: ${c.instructions}, structs: ${c.structs}, slab objects: ${c.slabObjects}, tasks: ${c.tasks}, stacks: ${c.stacks}, damaged lines: ${c.damagedLines}, prose lines: ${c.proseLines}`,
  );
  if (s.sections.length) {
    out.push('', 'sections:');
    for (const sec of s.sections) out.push(`  ${sec.line}: crash> ${sec.command} [${sec.kind}]`);
  }
  for (const b of s.backtraces) {
    out.push(
      '',
      `backtrace at line ${b.line}: PID ${b.pid ?? '?'} TASK ${b.task ?? '?'} CPU ${b.cpu ?? '?'} COMMAND ${b.command ?? '?'}`,
    );
    for (const f of b.frames) {
      const place = f.inlined ? '(inline)' : `[${f.stackAddress ?? ''}]`;
      const at = f.inlined ? '' : ` at ${f.address ?? '?'}`;
      const source = f.source !== undefined ? ` (${f.source})` : '';
      // A frame crash could name no function for: as crash prints it (`(nfsd module)`), or `?`.
      const name = (f.function || (f.module ? `(${f.module} module)` : '?')) + (f.via ? ` (via ${f.via})` : '');
      out.push(
        `  #${f.level} ${place} ${name}${at}${f.module ? ` [${f.module}]` : ''}${f.unreliable ? ' (unreliable)' : ''}${source}  (line ${f.line})`,
      );
    }
  }
  for (const r of s.reports) {
    // A WARN, a BUG, a hung task, a stall, a lockup, a leak or a lock report names where it was, not where it faulted.
    const where = FAULTS.has(r.kind) ? 'faulted in' : 'in';
    const site = r.function ? `  [${where} ${r.function}${r.module ? ` [${r.module}]` : ''}]` : '';
    out.push('', `report (${r.kind}) at line ${r.line}: ${r.title}${site}  signature ${r.signature}`);
    if (r.header !== r.title) out.push(`  ${r.header}`);
    if (r.message !== undefined) out.push(`  message: ${r.message}`);
    if (r.damage.length) out.push(`  damaged: ${r.damage.join('; ')}`);
    // Where the frames go from one stack to another (an NMI backtrace of another CPU, an allocation
    // stack), the stack's heading, as the report prints it: one list would read as one stack.
    let section: string | undefined;
    for (const f of r.frames) {
      if (f.section !== section) out.push(`  -- ${f.section ?? 'call trace'} --`);
      section = f.section;
      const off =
        f.offset !== undefined ? `+0x${f.offset.toString(16)}${f.size !== undefined ? `/0x${f.size.toString(16)}` : ''}` : '';
      // A frame the kernel could not name: its address.
      const name = f.function || (f.address !== undefined ? `0x${f.address}` : '(no address)');
      out.push(
        `  ${f.unreliable ? '? ' : ''}${name}${off}${f.module ? ` [${f.module}]` : ''}${f.context ? ` <${f.context}>` : ''}  (line ${f.line})`,
      );
    }
  }
  return out.join('\n');
}
