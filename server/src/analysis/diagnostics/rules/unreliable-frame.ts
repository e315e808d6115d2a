// `unreliable-frame` (information): a frame the unwinder itself doubted: the console's
// ` ? ` and probe-style `(inexact)` frames, crash's ` *` and `(?)`. A doubted bt frame at an
// address that is never text (ppc64's `(unreliable)` #0 at a stack address) is no frame: a warning.
import { frameRecordHolding } from '../../parse/console/joined';
import { ANY_PC_NAMES, PC_NAMES } from '../../arch/registry';
import { asPrinted } from '../../parse/console/pasted';
import { textChance } from '../../classify';
import { anAddress, hexAddress } from '../evidence';
import { defineRule, PAUSE_EVERY } from '../rule';
import type { Backtrace, ExceptionFrame, Frame } from '../../types';

/** Frames of a trace all marked `?` from which the trace reads as a guess unwinder's, not a few stale words. */
const GUESS_UNWINDER_FRAMES = 4;

// crash's marks of a doubted bt frame: x86_64's ` *` and `(?)`, ppc64's `(unreliable)`.
const BT_MARKERS = ['(unreliable)', '(?)'];

/** The mark on a doubted bt frame's line, as crash printed it. */
function btMarker(line: string): string {
  const mark = BT_MARKERS.find((m) => line.includes(m)) ?? (/ \*\s*$/.test(line) ? '*' : undefined);
  return mark ? `\`${mark}\`` : 'marked doubtful';
}

export const unreliableFrame = defineRule({
  code: 'unreliable-frame',
  severity: 'info',
  description:
    "A frame the unwinder itself doubted (` ? `, `(inexact)`, crash's ` *`); a warning where crash's sits at an address never text.",
  arches: 'any',
  example: {
    lines: ['Call Trace:', ' ? filemap_map_pages+0x153/0x720', ' ksys_write+0x6b/0xf0'],
    firesOn: [1],
  },
  *check({ evidence, emit }) {
    let seen = 0;
    for (const bt of evidence.model.backtraces) {
      if (++seen % PAUSE_EVERY === 0) yield;
      for (const frame of bt.frames) {
        if (!frame.unreliable) continue;
        const mark = btMarker(evidence.model.line(frame.line) ?? '');
        // The interrupted context's LR, printed in the exception frame just above, holds the same address: the frame is its caller.
        const exception = mark === '`(unreliable)`' ? confirmingLr(bt, frame) : undefined;
        // Or in its pc: the frame is the interrupted code itself (crash prints it after the exception frame).
        const interrupted = mark === '`(unreliable)`' && !exception ? holdingPc(bt, frame) : undefined;
        // An address of a kind that never holds text (a stack's): the word held no return address, whatever symbol crash put on it.
        const kind = frame.address === undefined ? undefined : evidence.model.classify(frame.address);
        if (interrupted) {
          const lr = interrupted.registers.find((r) => r.name === 'LR' || r.name === 'lr')?.value;
          const lrIn = lr === undefined ? undefined : evidence.model.symbols.lookup(lr)?.symbol.name;
          emit({
            severity: 'info',
            message: `crash marks frame #${frame.level} ${frame.function} ${mark}, but the exception frame above (line ${interrupted.line + 1}) holds its address as the pc: the code the exception interrupted, not a return address read from the stack${lrIn === frame.function ? ` (crash marks it so when that frame's LR, ${hexAddress(lr!)}, lies in the same function)` : ''}`,
            range: evidence.btFunctionRange(frame),
            related: [],
          });
          continue;
        }
        if (!exception && kind && textChance(evidence.model, kind.kind) === 'never') {
          emit({
            severity: 'warning',
            message: `frame #${frame.level} ${frame.function} (${mark}) is no frame: ${hexAddress(frame.address!)} is ${anAddress(kind.label)}, not text (the word crash read held no return address; the name is only the symbol nearest below it)`,
            range: evidence.btFunctionRange(frame),
            related: [],
          });
          continue;
        }
        emit({
          severity: 'info',
          // ppc64's: the frame's return address came from an LR save word its function may not have written yet.
          message: exception
            ? `crash marks frame #${frame.level} ${frame.function} ${mark} because its address comes from an LR save word, but the exception frame above (line ${exception.line + 1}) holds it in LR: the interrupted function's caller, confirmed`
            : mark === '`(unreliable)`'
              ? `crash could not verify frame #${frame.level} ${frame.function} (${mark}): its address comes from an LR save word on the stack that may not have been written yet (a function saves its link register only once it calls), so the frame itself may be stale`
              : `crash could not size or verify frame #${frame.level} ${frame.function} (${mark}): the frames below it may be off`,
          range: evidence.btFunctionRange(frame),
          related: [],
        });
      }
    }
    for (const report of evidence.model.reports) {
      if (++seen % PAUSE_EVERY === 0) yield;
      // Every frame `?`: a kernel without a reliable unwinder (no frame pointers, no ORC: the guess
      // unwinder) prints its trace so. One note says it, not one per frame.
      const guessed = report.frames.length >= GUESS_UNWINDER_FRAMES && report.frames.every((f) => f.unreliable);
      if (guessed) {
        const first = report.frames[0];
        emit({
          severity: 'info',
          message: `every frame of this call trace is marked \`?\`: the kernel has no reliable unwinder (built without frame pointers or ORC, it prints the text addresses it finds on the stack), so the frames are likely but unverified, and a few may be left over from earlier calls`,
          range: evidence.wordRange(first.line, first.function || undefined),
          related: [],
        });
        continue;
      }
      for (const frame of report.frames) {
        if (!frame.unreliable) continue;
        const name =
          frame.function ||
          (frame.address !== undefined ? `0x${frame.address.toString(16)}` : 'a frame the kernel could not name');
        // A console log joined onto one line: the frame's own record.
        const site = frame.offset !== undefined ? `${frame.function}+0x${frame.offset.toString(16)}` : frame.function;
        const text = asPrinted(frameRecordHolding(evidence.model.line(frame.line) ?? '', site));
        const probe = text.includes('(inexact)');
        // s390x prints the interrupted frame's saved r14 in parentheses: it may be stale.
        const parenthesised = /(?:^|\]) ?\s*\(\[<[0-9a-fA-F]+>\]/.test(text);
        // powerpc's first entry: the LR save word of the newest frame, written by whatever it called last.
        const newest = text.trimEnd().endsWith('(unreliable)');
        // The fault site's own function and offset (`RIP: 0010:run_timer_softirq+0x645`): the interrupted code, no leftover.
        const atSite = report.registers.some(
          (r) => r.symbol?.name === frame.function && r.symbol.offset === frame.offset && PC_NAMES.has(r.name),
        );
        emit({
          severity: 'info',
          message: probe
            ? `${name} is inexact: found by scanning the stack, not by unwinding`
            : parenthesised
              ? `${name} is in parentheses: the r14 saved in the interrupted frame, which the unwinder cannot vouch for (it may be left over from an earlier call)`
              : newest && !frame.function && frame.address === undefined
                ? 'the newest frame is marked `(unreliable)` and its LR save word holds no code address (0, or an address on the stack): nothing was saved there yet'
                : newest
                  ? `${name} is marked \`(unreliable)\`: the LR save word of the newest frame, stale when the function running there has not called anything since`
                  : atSite
                    ? `${name} is marked \`?\` but is where the fault happened (the report's program counter names it): the interrupted code's address, found on the stack`
                    : `${name} is marked \`?\`: a text address found on the stack that the kernel's unwinder did not reach; usually left over from an earlier call`,
          range: evidence.wordRange(frame.line, frame.function || undefined),
          related: [],
        });
      }
    }
  },
});

/** The exception frame printed within two frames above `frame` whose LR register holds the frame's address. */
function confirmingLr(bt: Backtrace, frame: Frame): ExceptionFrame | undefined {
  if (frame.address === undefined) return undefined;
  return bt.exceptionFrames.find(
    (e) =>
      e.afterLevel < frame.level &&
      e.afterLevel >= frame.level - 2 &&
      e.registers.some((r) => (r.name === 'LR' || r.name === 'lr') && r.value === frame.address),
  );
}

/** The exception frame printed just above `frame` whose program counter (`NIP`, `PC`) holds the frame's address. */
function holdingPc(bt: Backtrace, frame: Frame): ExceptionFrame | undefined {
  if (frame.address === undefined) return undefined;
  return bt.exceptionFrames.find(
    (e) => e.afterLevel === frame.level - 1 && e.registers.some((r) => ANY_PC_NAMES.has(r.name) && r.value === frame.address),
  );
}
