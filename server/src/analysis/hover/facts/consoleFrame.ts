// A frame of a console trace: the source line a symbolised trace names (decode_stacktrace.sh,
// syzbot; drgn's own traces too), whether a hard wrap cut it (read joined), and the trace section it is in when that is
// not the report's own call trace (an allocation or free stack, a lockdep chain, another CPU's
// backtrace). A register value a hard wrap cut says so too.
import { hexWord } from '../../hex';
import { isLiveStack } from '../../parse/console';
import type { Frame, Report } from '../../types';
import { code } from '../card';
import type { HoverFact } from '../fact';
import type { Model } from '../../model';

export const consoleFrame: HoverFact = {
  id: 'console-frame',
  describe({ model, line, word }) {
    if (word.kind === 'register') return joinedRegister(model, line, word.text);
    if (word.kind !== 'symbol' && word.kind !== 'name') return undefined;
    const name = /^[A-Za-z_.$][\w.$]*/.exec(word.text)?.[0];
    const found = name === undefined ? undefined : frameAt(model, line, name);
    if (!found) return undefined;
    const { report, frames, frame } = found;
    const parts: string[] = [];
    if (frame.source !== undefined) {
      // A symbolised trace prints inlined functions above the function they were inlined into.
      const into = frame.inlined ? frames.find((f) => f.level > frame.level && !f.inlined) : undefined;
      parts.push(`Source: ${code(frame.source)}${into ? `, inlined by the compiler into ${code(into.function)}` : ''}`);
    }
    if (frame.unwoundFrom !== undefined) parts.push(UNWOUND_FROM[frame.unwoundFrom]);
    if (frame.joined) parts.push('Hard-wrapped when pasted: read joined with the next line');
    if (frame.section !== undefined && report) {
      const what = isLiveStack(frame.section) ? 'a stack running at the time' : 'a stack recorded earlier';
      parts.push(`Frame of the trace ${code(frame.section)}: ${what}, kept apart from the call trace of ${code(report.title)}`);
    }
    return parts.length > 0 ? parts.join('\n\n') : undefined;
  },
};

/** What arm64's mark after a frame (6.13+) says of its pc. */
const UNWOUND_FROM: Record<NonNullable<Frame['unwoundFrom']>, string> = {
  'exception-pc': "`(P)`: the pc saved in an exception's registers — the instruction it was executing, not a return address",
  'exception-lr':
    "`(L)`: the lr saved in an exception's registers — the return address of the interrupted function, which may not have saved it in a frame record yet",
  task: "`(T)`: a sleeping task's saved pc (in `cpu_switch_to`'s context), where it will resume",
  caller: '`(C)`: the caller of the function that asked for the trace',
  unknown: '`(U)`: the unwinder could not tell where it took this pc from',
};

/** A register value cut by a hard wrap and read joined with the next line. */
function joinedRegister(model: Model, line: number, name: string): string | undefined {
  for (const report of model.reports) {
    if (line < report.line || line > report.endLine) continue;
    const register = report.registers.find((r) => r.line === line && r.name === name && r.joined);
    if (register?.value !== undefined)
      return `Hard-wrapped when pasted: the value goes on at the start of the next line, read joined as ${code(hexWord(register.value, model.wordBytes))}`;
  }
  return undefined;
}

/**
 * The console frame of `name` printed on `line`, with its report and its trace's frames; or a
 * backtrace's frame that names its source line (drgn's own traces: `#0  func (file:line:col)`) or that a
 * mailer's wrap cut (crash's `#4 [sp] func at ` with the address on the next line).
 */
function frameAt(
  model: Model,
  line: number,
  name: string,
): { report?: Report; frames: readonly Frame[]; frame: Frame } | undefined {
  for (const report of model.reports) {
    if (line < report.line || line > report.endLine) continue;
    const frame = report.frames.find((f) => f.line === line && f.function === name);
    if (frame) return { report, frames: report.frames, frame };
  }
  for (const bt of model.backtraces) {
    if (line < bt.line || line > bt.endLine) continue;
    const frame = bt.frames.find((f) => f.line === line && f.function === name && (f.source !== undefined || f.joined));
    if (frame) return { frames: bt.frames, frame };
  }
  return undefined;
}
