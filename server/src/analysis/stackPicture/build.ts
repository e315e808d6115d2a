// Builds the stack picture from the model and the unwinder's answers: one axis per
// stack the walk visits, every dumped word in its slot, frames as boxes between
// their anchors, the slots that named them, links, pt_regs, crash's `bt` beside
// the walk, stale return addresses greyed and the gaps a `crash` command fills.
import { archSpec } from '../arch/registry';
import { halves, hex16 } from '../hex';
import type { Model } from '../model';
import type { ExceptionFrameLayout, FrameLinkage } from '../arch/types';
import type { Arch, Backtrace, StackRange } from '../types';
import { frameName, unwind, type UnwindFrame, type UnwindResult, type UnwindStart } from '../unwind';
import { checkReturnAddress, isTextAddress, nameAt, stackOf, type StackBounds } from '../unwind/code';
import { btAgreementText, METHOD_WORDS } from '../unwind/format';
import { isStartFrame } from '../unwind/types';
import { cpuStackName } from '../classify';
import { codeFunctions } from '../codeFunctions';
import type {
  AxisKind,
  BtMark,
  FrameBox,
  GapRow,
  LinkArrow,
  PictureRow,
  PtRegsBox,
  SlotRow,
  StackAxis,
  StackPicture,
  StackSwitch,
} from './types';

/** Walks followed across stack switches the walker itself does not take (x86_64 IRQ → task). */
const MAX_SEGMENTS = 4;
/** Rows of one axis, whatever the dump: 64 KiB of words is 8192. */
const MAX_ROWS_PER_AXIS = 16384;

/**
 * How frames link on an architecture (its spec's FrameLinkage). An architecture that is not
 * modelled has none: its picture marks no saved frame pointer or return slot rather than guess.
 */
function linkageOf(arch: Arch): FrameLinkage | undefined {
  return archSpec(arch)?.frames;
}

/**
 * The walk goes through records at the frame addresses it reports (arm64 frame records,
 * back chains), not through return slots (x86_64, whose rbp chain is an extra).
 */
function walksRecords(arch: Arch): boolean {
  const method = linkageOf(arch)?.method;
  return method !== undefined && method !== 'rbp-chain';
}

/** pt_regs fields a picture names: those the walkers read, but the record inside it (the naming slots show that). */
function shownRegisters(layout: ExceptionFrameLayout): [string, bigint][] {
  return Object.entries(layout.offsets)
    .filter(([name]) => name !== 'stackframe')
    .map(([name, offset]) => [name === 'regs' ? 'regs[0]' : name, BigInt(offset)]);
}

interface Segment {
  result: UnwindResult;
  /** How the picture got from the previous segment to this one. */
  via?: { from: bigint; to: bigint; label: string };
}

/** The walk, continued onto the interrupted stack where the walker stops at the top of an IRQ stack. */
function walkSegments(model: Model, start: UnwindStart): Segment[] {
  const segments: Segment[] = [{ result: unwind(model, start) }];
  while (segments.length < MAX_SEGMENTS) {
    const last = segments[segments.length - 1].result;
    const next = continuation(model, last);
    if (!next) break;
    const result = unwind(model, next.start);
    // The start frame of a continuation is only a stack pointer: no function, nothing to draw.
    if (result.frames[0]?.function === undefined && result.frames[0]?.pc === undefined) result.frames.shift();
    if (result.frames.length === 0) break;
    // Levels go on from the previous segment's, as in crash's `bt`.
    const offset = (last.frames[last.frames.length - 1]?.level ?? -1) + 1 - result.frames[0].level;
    for (const f of result.frames) f.level += offset;
    segments.push({ result, via: next.via });
  }
  return segments;
}

/**
 * x86_64 keeps the interrupted stack pointer in the top word of an IRQ stack: when a
 * walk ends near that top and the word points into another stack the transcript
 * shows, the walk goes on there.
 */
function continuation(
  model: Model,
  result: UnwindResult,
): { start: UnwindStart; via: { from: bigint; to: bigint; label: string } } | undefined {
  if (archSpec(result.arch)?.irqStackSavesSp !== true || result.stop.kind === 'end' || result.stop.kind === 'user-mode')
    return undefined;
  const lastAnchor = [...result.frames]
    .reverse()
    .map((f) => anchorOf(f, result.arch))
    .find((a) => a !== undefined);
  if (lastAnchor === undefined) return undefined;
  const stack = model.stackAt(lastAnchor);
  if (!stack || stack.kind !== 'irq') return undefined;
  const slot = stack.top - 8n;
  const saved = model.memory.read64(slot);
  if (!saved) return undefined;
  const other = model.stackAt(saved.value);
  if (!other || other === stack) return undefined;
  return {
    start: { sp: saved.value, arch: result.arch, line: saved.line, label: `RSP ${hex16(saved.value)}` },
    via: { from: slot, to: saved.value, label: `interrupted sp ${hex16(saved.value)}` },
  };
}

/**
 * The address a frame's box starts at (its lowest slot): the frame record (arm64), the
 * return slot (x86_64); an interrupted function's frame starts above the pt_regs the walk
 * stands at (x86_64), or at the saved sp when that lies on another stack.
 */
function anchorOf(frame: UnwindFrame, arch: UnwindResult['arch']): bigint | undefined {
  if (walksRecords(arch)) return frame.frameAddress;
  const spec = archSpec(arch);
  const regs = spec?.exceptionFrame;
  if (frame.method === 'exception-frame' && regs?.walkedAtRegs && frame.frameAddress !== undefined && frame.sp !== undefined) {
    const end = frame.frameAddress + BigInt(regs.bytes);
    const sameStack = frame.sp >= end && frame.sp - end < (spec?.stackBytes.task ?? 0x4000n);
    return sameStack ? end : frame.sp;
  }
  return frame.frameAddress ?? frame.sp;
}

interface AxisBuild {
  bounds: StackBounds;
  range?: StackRange;
  /** Addresses that must have a row even when not dumped (anchors, slots of bt frames). */
  extra: Set<bigint>;
  axis?: StackAxis;
  /** Row of each slot by its offset from the axis base (number keys: bigint keys hash slowly). */
  rowOf: Map<number, number>;
  /** The value of each row's word as 32-bit halves (NaN where the row has none). */
  valueHi: number[];
  valueLo: number[];
}

function offsetIn(build: AxisBuild, address: bigint): number {
  return Number(address - build.bounds.base);
}

function rowAt(build: AxisBuild, address: bigint): number | undefined {
  return build.rowOf.get(offsetIn(build, address));
}

const TWO32 = 4294967296;
const hexHalves = (hi: number, lo: number) => hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');

export function buildStackPicture(model: Model, start: UnwindStart): StackPicture {
  const segments = walkSegments(model, start);
  const arch = segments[0].result.arch;
  const frames: UnwindFrame[] = segments.flatMap((s) => s.result.frames);
  const axes: AxisBuild[] = [];
  const axisFor = (address: bigint): AxisBuild => {
    let found = axes.find((a) => address >= a.bounds.base && address < a.bounds.top);
    if (!found) {
      const bounds = stackOf(model, address);
      found = { bounds, range: model.stackAt(address), extra: new Set(), rowOf: new Map(), valueHi: [], valueLo: [] };
      axes.push(found);
    }
    return found;
  };
  // Records the walk read (arm64: {saved x29, LR} at the previous fp; x86 rbp chain: {saved rbp, return} around the slot).
  const linkage = linkageOf(arch);
  const records = new Map<UnwindFrame, bigint>();
  // The frame address the walk stood at before each frame (where it read an exception's pt_regs from).
  const standing = new Map<UnwindFrame, bigint>();
  for (const segment of segments) {
    let fp = segment.result.start.fp;
    for (const frame of segment.result.frames) {
      if (fp !== undefined) standing.set(frame, fp);
      // A record names the frame whose return it keeps: the callee's record (arm64, riscv64) or its own (s390x).
      if (walksRecords(arch) && linkage?.returnInto === 'own') {
        if (frame.method !== 'exception-frame' && frame.frameAddress !== undefined) records.set(frame, frame.frameAddress);
      } else if (walksRecords(arch) && !isStartFrame(frame) && fp !== undefined) records.set(frame, fp);
      if (linkage?.method === 'rbp-chain' && frame.method === 'rbp-chain' && frame.frameAddress !== undefined)
        records.set(frame, frame.frameAddress - linkage.returnOffset);
      if (walksRecords(arch)) fp = frame.frameAddress ?? fp;
    }
    if (segment.via) {
      axisFor(segment.via.from).extra.add(segment.via.from);
      axisFor(segment.via.to).extra.add(segment.via.to);
    }
    // Switches the walker took itself (the word that links the stacks and where it leads).
    for (const frame of segment.result.frames) {
      const jump = frame.stackSwitch;
      if (jump?.from === undefined) continue;
      axisFor(jump.from).extra.add(jump.from);
      axisFor(jump.to).extra.add(jump.to);
    }
  }
  for (const frame of frames) {
    const anchor = anchorOf(frame, arch);
    if (anchor !== undefined) axisFor(anchor).extra.add(anchor);
    const record = records.get(frame);
    if (record !== undefined && linkage) {
      const axis = axisFor(record);
      axis.extra.add(record + linkage.linkOffset);
      axis.extra.add(record + linkage.returnOffset);
    }
  }
  if (axes.length === 0 && start.fp !== undefined) axisFor(start.fp).extra.add(start.fp);
  if (axes.length === 0 && start.sp !== undefined) axisFor(start.sp).extra.add(start.sp);

  const backtraces = comparedBacktraces(model, segments);
  for (const bt of backtraces)
    for (const f of bt.frames) {
      if (f.stackAddress === undefined) continue;
      const axis = axes.find((a) => f.stackAddress! >= a.bounds.base && f.stackAddress! < a.bounds.top);
      axis?.extra.add(f.stackAddress);
    }

  const lastStop = segments[segments.length - 1].result.stop;
  for (const a of axes) a.axis = buildRows(model, a, lastStop, backtraces);

  const picture: StackPicture = {
    arch,
    title: '',
    line: start.line,
    axes: axes.map((a) => a.axis!),
    switches: [],
    stop: lastStop.command ? { reason: lastStop.reason, command: lastStop.command } : { reason: lastStop.reason },
    commands: [...new Set(segments.flatMap((s) => s.result.commands))],
    rowCount: 0,
  };
  placeFrames(model, arch, frames, records, axes);
  placePtRegs(model, arch, frames, standing, axes);
  markStale(model, arch, axes, frames);
  placeBacktraces(frames, segments, backtraces, axes, picture);
  picture.switches = switches(arch, segments, frames, records, axes);
  picture.rowCount = picture.axes.reduce((n, a) => n + a.rows.length, 0);
  picture.title = titleOf(start, backtraces[0], picture);
  return picture;
}

function comparedBacktraces(model: Model, segments: Segment[]): Backtrace[] {
  const lines = new Set<number>();
  for (const s of segments) if (s.result.bt) lines.add(s.result.bt.line);
  const startLine = segments[0].result.start.line;
  const around =
    startLine !== undefined ? model.backtraces.find((b) => b.line <= startLine && startLine <= b.endLine) : undefined;
  const result = model.backtraces.filter((b) => lines.has(b.line));
  if (around && !result.includes(around) && result.length === 0) result.push(around);
  return result;
}

function axisKind(build: AxisBuild): AxisKind {
  if (build.range) return build.range.kind;
  return 'unknown';
}

function axisLabel(build: AxisBuild, backtraces: Backtrace[]): string {
  const range = build.range;
  if (range?.kind === 'irq') return cpuStackName(range);
  // The bt whose frames lie here names the task better than a range learned elsewhere.
  const bt = backtraces.find((b) => b.frames.some((f) => f.stackAddress !== undefined && inBounds(build.bounds, f.stackAddress)));
  if (range?.kind === 'task' || bt) {
    const pid = bt?.pid ?? range?.task?.pid;
    const command = bt?.command ?? range?.task?.command;
    return `task stack${pid !== undefined ? ` of PID ${pid}` : ''}${command ? ` "${command}"` : ''}`;
  }
  return 'stack (range not in the transcript: 16 KiB assumed)';
}

function inBounds(bounds: StackBounds, address: bigint): boolean {
  return address >= bounds.base && address < bounds.top;
}

function buildRows(model: Model, build: AxisBuild, stop: UnwindResult['stop'], backtraces: Backtrace[]): StackAxis {
  const { base, top } = build.bounds;
  const [baseHi, baseLo] = halves(base);
  // Slots by word index from the base: the first 64-bit word dumped at each, read from the raw columns.
  const count = Math.min(Number((top - base) / 8n), MAX_ROWS_PER_AXIS);
  const line = new Int32Array(count).fill(-1);
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  const wanted = new Uint8Array(count);
  model.memory.forEachInRange(base, top, (ah, al, vh, vl, at, width) => {
    if (width !== 8 || (al & 7) !== 0) return;
    const index = ((ah - baseHi) * TWO32 + (al - baseLo)) / 8;
    if (index >= count || line[index] >= 0) return;
    line[index] = at;
    hi[index] = vh;
    lo[index] = vl;
    wanted[index] = 1;
  });
  for (const a of build.extra) {
    const index = inBounds(build.bounds, a) ? offsetIn(build, a) / 8 : -1;
    if (index >= 0 && index < count) wanted[index] = 1;
  }
  const addressHex = (offset: number) => {
    const low = baseLo + offset;
    return hexHalves(baseHi + Math.floor(low / TWO32), low % TWO32);
  };
  const columns = new LineColumns(model, base);
  const stopOffset =
    stop.address !== undefined && inBounds(build.bounds, stop.address) ? offsetIn(build, stop.address) : undefined;
  const rows: PictureRow[] = [];
  const gap = (from: number, to: number) => {
    const words = (to - from) / 8;
    if (words <= 0) return;
    const stopHere = stopOffset !== undefined && stopOffset >= from && stopOffset < to;
    const row: GapRow = {
      kind: 'gap',
      from: addressHex(from),
      to: addressHex(to),
      words,
      command: stopHere && stop.command ? stop.command : `rd -x ${addressHex(from)} ${words}`,
    };
    if (stopHere) row.stop = true;
    rows.push(row);
    build.valueHi.push(NaN);
    build.valueLo.push(NaN);
  };
  // From the top down: high addresses first, as the picture is drawn.
  let above = Number(top - base);
  for (let index = count - 1; index >= 0; index--) {
    if (!wanted[index]) continue;
    const offset = index * 8;
    gap(offset + 8, above);
    above = offset;
    const address = addressHex(offset);
    const row: SlotRow = { kind: 'slot', address, role: 'word' };
    const dumped = line[index] >= 0;
    if (dumped) {
      row.value = hexHalves(hi[index], lo[index]);
      row.line = line[index];
      row.column = columns.of(line[index], offset);
    } else {
      row.command = stopOffset === offset && stop.command ? stop.command : `rd -x ${address} 2`;
      if (stopOffset === offset) row.stop = true;
    }
    build.rowOf.set(offset, rows.length);
    rows.push(row);
    build.valueHi.push(dumped ? hi[index] : NaN);
    build.valueLo.push(dumped ? lo[index] : NaN);
  }
  return {
    kind: axisKind(build),
    label: axisLabel(build, backtraces),
    base: hex16(base),
    top: hex16(top),
    known: build.bounds.known,
    rows,
    frames: [],
    ptRegs: [],
    bt: [],
    links: [],
  };
}

/** Columns of the words on dump lines, each line split once (`ADDR: word word …`, symbolic words included). */
class LineColumns {
  /** Per line: the offset of its first word from the axis base, and each word's column. */
  private readonly lines = new Map<number, { offset: number; columns: number[] } | null>();
  constructor(
    private readonly model: Model,
    private readonly base: bigint,
  ) {}

  of(line: number, offset: number): number | undefined {
    let entry = this.lines.get(line);
    if (entry === undefined) {
      entry = this.split(line);
      this.lines.set(line, entry);
    }
    const index = entry ? (offset - entry.offset) / 8 : -1;
    if (entry && index >= 0 && index < entry.columns.length) return entry.columns[index];
    return this.model.memory.wordsAt(this.base + BigInt(offset)).find((w) => w.line === line)?.column;
  }

  private split(line: number): { offset: number; columns: number[] } | null {
    const text = this.model.line(line);
    const head = /^\s*(?:0x)?([0-9a-fA-F]{16}):/.exec(text);
    if (!head) return null;
    const columns: number[] = [];
    const field = /\S+/g;
    field.lastIndex = head[0].length;
    for (let m = field.exec(text); m; m = field.exec(text)) columns.push(m.index);
    return { offset: Number(BigInt('0x' + head[1]) - this.base), columns };
  }
}

function axisOf(axes: AxisBuild[], address: bigint | undefined): AxisBuild | undefined {
  return address === undefined ? undefined : axes.find((a) => inBounds(a.bounds, address));
}

function slot(axes: AxisBuild[], address: bigint | undefined): { axis: AxisBuild; row: number; slot: SlotRow } | undefined {
  const axis = axisOf(axes, address);
  const row = axis && address !== undefined ? rowAt(axis, address) : undefined;
  if (!axis || row === undefined) return undefined;
  const found = axis.axis!.rows[row];
  return found.kind === 'slot' ? { axis, row, slot: found } : undefined;
}

function placeFrames(
  model: Model,
  arch: UnwindResult['arch'],
  frames: UnwindFrame[],
  records: Map<UnwindFrame, bigint>,
  axes: AxisBuild[],
): void {
  const anchored = frames
    .map((frame) => ({ frame, anchor: anchorOf(frame, arch) }))
    .filter((f): f is { frame: UnwindFrame; anchor: bigint } => f.anchor !== undefined);
  for (const { frame, anchor } of anchored) {
    const axis = axisOf(axes, anchor)!;
    const picture = axis.axis!;
    const bottomRow = rowAt(axis, anchor)!;
    // The box reaches up to the next anchor above it on the same axis, or to the first gap.
    const higher = anchored
      .filter((f) => f.anchor > anchor && inBounds(axis.bounds, f.anchor))
      .reduce<bigint | undefined>((m, f) => (m === undefined || f.anchor < m ? f.anchor : m), undefined);
    let topRow = bottomRow;
    if (higher !== undefined) topRow = rowAt(axis, higher)! + 1;
    else while (topRow > 0 && picture.rows[topRow - 1].kind === 'slot') topRow--;
    const box: FrameBox = {
      level: frame.level,
      name: frameName(frame),
      method: frame.method,
      confidence: frame.confidence,
      how: `${METHOD_WORDS[frame.method]}, ${frame.confidence}`,
      topRow: Math.min(topRow, bottomRow),
      bottomRow,
      notes: frame.notes,
    };
    if (frame.module) box.module = frame.module;
    if (frame.evidence[0] !== undefined) box.line = frame.evidence[0];
    if (frame.bt) {
      const text = btAgreementText(frame.bt);
      box.bt = { status: frame.bt.status, text, first: frame.bt.first === true };
    }
    const index = picture.frames.length;
    picture.frames.push(box);
    for (let r = box.topRow; r <= box.bottomRow; r++) {
      const row = picture.rows[r];
      if (row.kind === 'slot' && row.frame === undefined) row.frame = index;
    }
    markNamingSlots(model, arch, frame, box, records.get(frame), axes);
  }
}

/** Where a saved link points: the word dumped there, else (a callee's record) the frame the walk reached through it. */
function linkTarget(link: SlotRow, frame: UnwindFrame, linkage: FrameLinkage): bigint | undefined {
  if (link.value !== undefined) return BigInt('0x' + link.value);
  return linkage.returnInto === 'caller' ? frame.frameAddress : undefined;
}

/** The slots that named a frame: its return-address slot (x86_64) or the record {saved x29, LR} (arm64). */
function markNamingSlots(
  model: Model,
  arch: UnwindResult['arch'],
  frame: UnwindFrame,
  box: FrameBox,
  record: bigint | undefined,
  axes: AxisBuild[],
): void {
  const name = box.name;
  const linkage = linkageOf(arch);
  if (!linkage) return;
  if (walksRecords(arch) && record !== undefined) {
    const fp = slot(axes, record + linkage.linkOffset);
    const lr = slot(axes, record + linkage.returnOffset);
    if (fp) {
      const to = linkTarget(fp.slot, frame, linkage);
      fp.slot.role = 'saved-fp';
      fp.slot.label = `saved ${linkage.register} → ${to !== undefined ? hex16(to) : '?'}`;
      const target = slot(axes, to);
      if (target && target.axis === fp.axis)
        fp.axis.axis!.links.push({ fromRow: fp.row, toRow: target.row, kind: 'frame-pointer' } satisfies LinkArrow);
    }
    // A frame found from registers keeps its return nowhere (its own save area holds its callee's).
    if (lr && !(linkage.returnInto === 'own' && isStartFrame(frame))) {
      lr.slot.role = 'return';
      lr.slot.label = frame.method === 'exception-frame' ? `pt_regs.stackframe: pc → ${name}` : `${linkage.returnName} → ${name}`;
      // only when the slot is on the box's own axis (a record across a stack switch is not)
      if (lr.axis.axis!.frames.includes(box)) box.returnRow = lr.row;
    }
    return;
  }
  if (frame.returnAddress !== undefined && frame.frameAddress !== undefined) {
    const ret = slot(axes, frame.frameAddress);
    if (ret) {
      ret.slot.role = 'return';
      ret.slot.label = `ret → ${name}`;
      box.returnRow = ret.row;
    }
  }
  if (record !== undefined) {
    const saved = slot(axes, record + linkage.linkOffset);
    if (saved?.slot.value !== undefined) {
      saved.slot.role = 'saved-fp';
      saved.slot.label = `saved ${linkage.register} → ${saved.slot.value}`;
      const target = slot(axes, BigInt('0x' + saved.slot.value));
      if (target && target.axis === saved.axis)
        saved.axis.axis!.links.push({ fromRow: saved.row, toRow: target.row, kind: 'frame-pointer' });
    }
  }
  void model;
}

function placePtRegs(
  model: Model,
  arch: UnwindResult['arch'],
  frames: UnwindFrame[],
  standing: Map<UnwindFrame, bigint>,
  axes: AxisBuild[],
): void {
  const layout = archSpec(arch)?.exceptionFrame;
  if (!layout) return;
  const offsets = shownRegisters(layout);
  for (const frame of frames) {
    if (frame.method !== 'exception-frame') continue;
    let address: bigint | undefined;
    if (layout.walkedAtRegs) address = frame.frameAddress;
    else {
      // The walk crossed pt_regs from a frame beside them (arm64's record inside, ppc64's interrupt frame).
      const at = standing.get(frame);
      if (at === undefined || layout.fromWalkedFrame === undefined) continue;
      address = at + BigInt(layout.fromWalkedFrame);
    }
    if (address === undefined) continue;
    const end = address + BigInt(layout.bytes);
    const axis = axisOf(axes, address);
    if (!axis) continue;
    const picture = axis.axis!;
    const registers: { name: string; value: string }[] = [];
    let line: number | undefined;
    for (const [name, offset] of offsets) {
      const word = model.memory.read64(address + offset);
      if (!word) continue;
      registers.push({ name, value: hex16(word.value) });
      line ??= word.line;
      const row = slot(axes, address + offset);
      if (row && row.slot.role === 'word') {
        row.slot.role = 'pt-regs';
        row.slot.label = `pt_regs.${name}`;
      }
    }
    const low = offsetIn(axis, address);
    const high = offsetIn(axis, end);
    const inside: number[] = [];
    for (let o = low; o < high; o += 8) {
      const row = axis.rowOf.get(o);
      if (row !== undefined) inside.push(row);
    }
    if (inside.length === 0) continue;
    const box: PtRegsBox = {
      topRow: Math.min(...inside),
      bottomRow: Math.max(...inside),
      address: hex16(address),
      registers,
    };
    if (registers.length < offsets.length) box.command = `rd -x ${hex16(address)} ${Number((end - address) / 8n)}`;
    if (line !== undefined) box.line = line;
    picture.ptRegs.push(box);
  }
}

/** Dumped words that look like return addresses but are no frame of the walk (console `?` frames, crash's extra frames). */
function markStale(model: Model, arch: Arch, axes: AxisBuild[], frames: UnwindFrame[]): void {
  const spec = model.spec;
  const layout = model.layout;
  const walkReturns = new Set<string>();
  for (const f of frames) if (f.returnAddress !== undefined) walkReturns.add(hex16(f.returnAddress));
  const unreliable = new Set<string>();
  for (const report of model.reports)
    for (const f of report.frames) if (f.unreliable) unreliable.add(`${f.function}+${f.offset ?? 0}`);
  const code = codeFunctions(model);
  const records = walksRecords(arch);
  const linkage = linkageOf(arch);
  interface Judged {
    name: string;
    /** The transcript shows the function as code (a frame, a register, a listing). */
    code: boolean;
    /** It passes the unwinder's return-address check (not after a non-call, not at offset 0). */
    returns: boolean;
  }
  // Stacks repeat values: each is judged once.
  const judged = new Map<string, Judged | null>();
  const judge = (raw: bigint): Judged | null => {
    const value = spec && layout ? spec.stripTags(raw, layout) : raw;
    if (!isTextAddress(model, value)) return null;
    const name = nameAt(model, value);
    if (!name || name.offset === 0 || name.offset === undefined) return null;
    return {
      name: `${name.function}+${name.offset}`,
      code: code.has(name.function) || model.instructions.before(value)?.function === name.function,
      returns: checkReturnAddress(model, value).ok,
    };
  };
  for (const axis of axes) {
    const rows = axis.axis!.rows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row.kind !== 'slot' || row.role !== 'word' || row.value === undefined || walkReturns.has(row.value)) continue;
      // Words below 64 KiB are never code on any architecture: most of a stack, judged at once.
      if (axis.valueHi[r] === 0 && axis.valueLo[r] < 0x10000) continue;
      let found = judged.get(row.value);
      if (found === undefined) {
        found = judge(BigInt('0x' + row.value));
        judged.set(row.value, found);
      }
      if (found === null) continue;
      // A name never shown as code (`crashtypes+192` from `bt -F`) is taken for a return address only
      // where an old frame record holds it (arm64): a saved frame pointer up this stack just below it.
      if (found.returns && (found.code || (records && linkage !== undefined && besideSavedFp(axis, r, linkage)))) {
        row.role = 'stale';
        row.label = unreliable.has(found.name) ? `stale: ${found.name} (console ? frame)` : `stale: ${found.name}`;
      } else row.label = found.name;
    }
  }
}

/** The link of the record the word at row `r` would be the return slot of points above that record, on the same stack. */
function besideSavedFp(axis: AxisBuild, r: number, linkage: FrameLinkage): boolean {
  const row = axis.axis!.rows[r];
  if (row?.kind !== 'slot') return false;
  const link = BigInt('0x' + row.address) - linkage.returnOffset + linkage.linkOffset;
  const at = inBounds(axis.bounds, link) ? rowAt(axis, link) : undefined;
  const saved = at !== undefined ? axis.axis!.rows[at] : undefined;
  if (saved?.kind !== 'slot' || saved.value === undefined) return false;
  const value = BigInt('0x' + saved.value);
  return value > link - linkage.linkOffset && value < axis.bounds.top && value % linkage.alignment === 0n;
}

function placeBacktraces(
  frames: UnwindFrame[],
  segments: Segment[],
  backtraces: Backtrace[],
  axes: AxisBuild[],
  picture: StackPicture,
): void {
  const first = segments.map((s) => s.result.bt).find((b) => b?.firstDifference !== undefined);
  if (first) picture.firstDifference = first.firstDifference;
  if (backtraces[0]) picture.btLine = backtraces[0].line;
  const firstExtra = new Set<number>();
  for (const s of segments) for (const e of s.result.bt?.extra ?? []) if (e.first) firstExtra.add(e.line);
  for (const bt of backtraces) {
    for (const f of bt.frames) {
      const at = slot(axes, f.stackAddress);
      if (!at) continue;
      const walk = frames.find((w) => w.bt?.line === f.line);
      const mark: BtMark = {
        level: f.level,
        function: f.function,
        row: at.row,
        line: f.line,
        agrees: walk?.bt?.status === 'agrees',
        first: firstExtra.has(f.line) || walk?.bt?.first === true,
      };
      at.axis.axis!.bt.push(mark);
      // crash's frames the walk passed over without finding: stale by the walk's account.
      const passed = walked(frames, at.axis, f.stackAddress!);
      if (!walk && !passed && at.slot.role === 'word') at.slot.label = `bt #${f.level} ${f.function} (beyond the walk)`;
      else if (!walk && at.slot.role === 'word') {
        at.slot.role = 'stale';
        at.slot.label = `stale: bt #${f.level} ${f.function} (not a frame of the walk)`;
      } else if (!walk && at.slot.role === 'stale') {
        at.slot.label = `${at.slot.label}; bt #${f.level} shows it as a frame`;
      }
    }
  }
}

/** Whether an address lies between the lowest and highest frame anchors of the walk on its axis. */
function walked(frames: UnwindFrame[], axis: AxisBuild, address: bigint): boolean {
  let low: bigint | undefined;
  let high: bigint | undefined;
  for (const f of frames) {
    for (const a of [f.frameAddress, f.sp]) {
      if (a === undefined || !inBounds(axis.bounds, a)) continue;
      if (low === undefined || a < low) low = a;
      if (high === undefined || a > high) high = a;
    }
  }
  return low !== undefined && high !== undefined && address >= low && address <= high;
}

function switches(
  arch: UnwindResult['arch'],
  segments: Segment[],
  frames: UnwindFrame[],
  records: Map<UnwindFrame, bigint>,
  axes: AxisBuild[],
): StackSwitch[] {
  const result: StackSwitch[] = [];
  const add = (from: bigint | undefined, to: bigint | undefined, label: string) => {
    const a = slot(axes, from);
    const b = slot(axes, to);
    if (!a || !b || a.axis === b.axis) return;
    result.push({ fromAxis: axes.indexOf(a.axis), fromRow: a.row, toAxis: axes.indexOf(b.axis), toRow: b.row, label });
  };
  for (const s of segments) if (s.via) add(s.via.from, s.via.to, s.via.label);
  const linkage = linkageOf(arch);
  const regs = archSpec(arch)?.exceptionFrame;
  for (const frame of frames) {
    if (frame.stackSwitch?.from !== undefined) add(frame.stackSwitch.from, frame.stackSwitch.to, frame.stackSwitch.label);
    // arm64: a saved x29 on one stack pointing at a record on another.
    const record = records.get(frame);
    if (linkage && walksRecords(arch) && record !== undefined) {
      const link = slot(axes, record + linkage.linkOffset);
      const to = link && linkTarget(link.slot, frame, linkage);
      if (to !== undefined) add(record + linkage.linkOffset, to, `saved ${linkage.register} → ${hex16(to)}`);
    }
    // x86_64: pt_regs whose sp lies on another stack.
    const sp = regs?.walkedAtRegs ? regs.offsets.sp : undefined;
    if (sp !== undefined && frame.method === 'exception-frame' && frame.frameAddress !== undefined)
      add(frame.frameAddress + BigInt(sp), frame.sp, `pt_regs.sp → ${hex16(frame.sp ?? 0n)}`);
  }
  return result;
}

function titleOf(start: UnwindStart, bt: Backtrace | undefined, picture: StackPicture): string {
  const who = bt?.pid !== undefined ? `PID ${bt.pid}${bt.command ? ` "${bt.command}"` : ''}` : undefined;
  const from = start.label ? `from ${start.label}` : '';
  return ['Stack', who && `of ${who}`, from, `(${picture.arch})`].filter(Boolean).join(' ');
}
