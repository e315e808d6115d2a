// Console reports moved by an edit above them. A large transcript's reports hold hundreds of
// thousands of frames and registers; moving each of them to its new line right away is most of
// what an Enter costs. A moved report moves its frames and registers when they are first read
// (a feature, the rules running in the background), and a report moved again before that
// moves the original ones once, by both shifts.
import type { Frame, Register, Report } from './types';

type MovedList = 'frames' | 'registers';

/** Lists not moved yet: the items as they were and the lines they are to move. */
interface Pending {
  items: readonly { line: number }[];
  shift: number;
}

const pending = new WeakMap<Report, Partial<Record<MovedList, Pending>>>();

/** A report `shift` lines further down (itself when the shift is 0). */
export function movedReport(report: Report, shift: number): Report {
  if (shift === 0) return report;
  const before = pending.get(report);
  const frames = before?.frames ?? { items: report.frames, shift: 0 };
  const registers = before?.registers ?? { items: report.registers, shift: 0 };
  // Spreading the report would read (and move) its lists: its other fields are copied one by one.
  const copy = {} as Report;
  for (const key of Object.keys(report) as (keyof Report)[]) {
    if (key !== 'frames' && key !== 'registers') (copy as unknown as Record<string, unknown>)[key] = report[key];
  }
  copy.line = report.line + shift;
  copy.endLine = report.endLine + shift;
  if (report.traceLine !== undefined) copy.traceLine = report.traceLine + shift;
  pending.set(copy, {
    frames: { items: frames.items, shift: frames.shift + shift },
    registers: { items: registers.items, shift: registers.shift + shift },
  });
  // One descriptor per list for every report (no closures per report: ten thousand reports move at an Enter).
  Object.defineProperty(copy, 'frames', DEFERRED.frames);
  Object.defineProperty(copy, 'registers', DEFERRED.registers);
  return copy;
}

/**
 * A report's registers and the lines they are still to move, without moving them: for a
 * look at every report (the model's finalize) that needs a few of them.
 */
export function unmovedRegisters(report: Report): { registers: readonly Register[]; shift: number } {
  const { items, shift } = unmoved(report, 'registers');
  return { registers: items as readonly Register[], shift };
}

function unmoved(report: Report, list: MovedList): Pending {
  return pending.get(report)?.[list] ?? { items: report[list], shift: 0 };
}

/** `report[list]` as the moved items, made on first read (and then a plain property). */
function deferred(list: MovedList): PropertyDescriptor {
  return {
    configurable: true,
    enumerable: true,
    get(this: Report) {
      const lists = pending.get(this)!;
      const { items, shift } = lists[list]!;
      const value = list === 'frames' ? movedFrames(items as Frame[], shift) : movedRegisters(items as Register[], shift);
      Object.defineProperty(this, list, { value, writable: true, enumerable: true, configurable: true });
      delete lists[list];
      return value;
    },
    set(this: Report, value: unknown) {
      Object.defineProperty(this, list, { value, writable: true, enumerable: true, configurable: true });
      delete pending.get(this)![list];
    },
  };
}

const DEFERRED: Record<MovedList, PropertyDescriptor> = { frames: deferred('frames'), registers: deferred('registers') };

// Each list has a copy site of its own: a site that sees one kind of item copies it several
// times faster than one that sees them all.
function movedFrames(frames: readonly Frame[], shift: number): Frame[] {
  return frames.map((frame) => ({ ...frame, line: frame.line + shift }));
}

/** Registers `shift` lines further down: one copy site for every register list (reports' and exception frames'). */
export function movedRegisters(registers: readonly Register[], shift: number): Register[] {
  return shift === 0 ? (registers as Register[]) : registers.map((register) => ({ ...register, line: register.line + shift }));
}
