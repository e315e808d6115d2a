// `bt` output: task headers, frames, exception register blocks and stack-switch
// markers. Recognised with or without a prompt: notes paste backtraces bare.
import { ANY_PC_NAMES, PC_REGISTER_NAMES } from '../../arch/registry';
import { LineKind } from '../../lineKinds';
import { RegisterBlock } from '../../registerBlock';
import type { Backtrace, Frame, FrameExtent, Section, SourceLine } from '../../types';
import { withoutCrashNote } from '../note';
import { mayBeWrapped } from '../console/wrapped';
import { newRegisterRun, parseRegisterLine, startsRegisterRow } from '../registers';
import type { ParseSink } from '../sink';
import { exceptionRipSymbol } from '../symbolref';

// ppc64's `[NIP  : release_resource+56]` under an exception frame's registers (decimal offset, or hex with `-x`).
export const NAMED_REGISTER = /^\s*\[(NIP|LR)\s*:\s*([A-Za-z_.$][\w.$]*)\+(0x[0-9a-fA-F]+|\d+)\]\s*$/;
import { defineCommand } from './command';

export const bt = defineCommand({
  kind: 'bt',
  names: ['bt'],
  // `bt -F` prints symbols and slab names for some words (`init_pid_ns`, `[ffff…:seq_file]`); no other bt
  // output puts a name after a stack address, so its words are read so whatever the prompt says: pasted
  // transcripts keep the output of `bt -FF` under a prompt edited or cut to `bt`.
  dump: () => ({ symbolic: true, width: 0, ownLines: false }),
});

const BT_HEADER = /^\s*PID:\s+(\d+)\s+TASK:\s+([0-9a-fA-F]+)\s+CPU:\s+(\d+|-)\s+COMMAND:\s+"(.*)"/;

export interface BtHeaderLine {
  pid: number;
  task: string;
  cpu?: number;
  command: string;
}

export function parseBtHeader(text: string): BtHeaderLine | undefined {
  const m = BT_HEADER.exec(text);
  if (!m) return undefined;
  return { pid: Number(m[1]), task: m[2], cpu: m[3] === '-' ? undefined : Number(m[3]), command: m[4] };
}

// ` #7 [ffffa269e37dbc88] xfs_dir2_sf_put_ftype at ffffffffc06e7e6c [xfs]`, also `# 7` as typed by hand,
// crash's `(?)` before the function and ` *` / `(?)` after the address; `bt -s`/`-sx` print
// `func+117`/`func+0x75`, old i386 kernels `error_code (via page_fault)`.
export interface BtFrameLine {
  level: number;
  /** The bracketed stack slot; 32-bit arm's bt prints none. */
  slot?: string;
  function: string;
  /** The offset `bt -s` prints after the function (of the text address). */
  offset?: number;
  /** The function crash names after `via`. */
  via?: string;
  /** The text address; none for drgn's `(inline)` frames. */
  address?: string;
  module?: string;
  unreliable: boolean;
  /** A function inlined into the frame below it (drgn's crash mode prints it as a frame of its own). */
  inlined?: boolean;
  /** The function's size, where drgn's own trace prints `func+0x1c/0x40`. */
  size?: number;
  /** The source line drgn's own trace prints (`kernel/sched/core.c:5381`). */
  source?: string;
  /** Printed as crash's arm.c prints frames: `(func) from [<caller>]`. */
  callerFrom?: boolean;
}

// A person's note after a line of crash's output (`# why`, `<-- here`, `<< this`, `// why`): crash
// prints nothing after a frame's module or its marks, so what follows is the person's.
const NOTE = String.raw`(?:\s+(?:#|<-+|<<+|\/\/)(?:\s.*)?)?\s*$`;

// A full stop or comma a person typed after a line pasted into a sentence (`... at c9194f3f2.`): crash
// ends a frame with its address, module or marks, never with punctuation.
const SENTENCE_END = '[.,;]?';

// ppc64 crash marks a frame `  (unreliable)` where others print `(?)`.
// One regex beats a hand scanner here: irregexp matches this shape faster than JS can walk it.
const BT_FRAME = new RegExp(
  String.raw`^\s*#\s?(\d+)\s+\[([0-9a-fA-F]+)\]\s+(\(\?\)\s+)?([^\s+]+)(?:\+(0x[0-9a-fA-F]+|\d+))?(?:\s+\(via ([^\s)]+)\))?\s+at\s+([0-9a-fA-F]+)(?:\s+\[([\w.-]+)\])?(\s+\*)?(\s+\((?:\?|unreliable)\))?` +
    SENTENCE_END +
    NOTE,
);

// 32-bit arm: ` #1 [<c0aa2e40>] (func [mod]) from [<c0209ab0>]`: the frame's pc, its function,
// and the address in its caller (crash's arm.c prints no stack slot).
const ARM_BT_FRAME = new RegExp(
  String.raw`^\s*#\s?(\d+)\s+\[<([0-9a-fA-F]{8})>\]\s+\(([^\s)]+)(?:\s+\[([\w.-]+)\])?\)\s+from\s+\[<[0-9a-fA-F]{8}>\]` + NOTE,
);

// The commonest frame, ` #7 [SLOT] func at ADDR [module]` with nothing else on the line, in five
// groups: where it matches, BT_FRAME matches too with the same groups and its others empty (its
// function stops at a `+` or blank too, and each of its extra parts needs a character this shape
// leaves out). Its smaller match runs on most frames of a big `bt -a`.
/** A frame's shape without its `#` (HASHLESS above): level, slot, a name, ` at ` and an address. */
const HASHLESS_FRAME = /^\s*\d+\s+\[[0-9a-fA-F]+\]\s+\S.*\sat\s+[0-9a-fA-F]+\b/;

const PLAIN_BT_FRAME = /^\s*#\s?(\d+)\s+\[([0-9a-fA-F]+)\]\s+([^\s+(]+)\s+at\s+([0-9a-fA-F]+)(?:\s+\[([\w.-]+)\])?\s*$/;

// A text address in a module that crash finds no symbol for: ` #3 [c5601fec] (nfsd module) at c806e303`
// (an i386 `foreach bt`). The function is unknown, the module is not.
const MODULE_ONLY_BT_FRAME = new RegExp(
  String.raw`^\s*#\s?(\d+)\s+\[([0-9a-fA-F]+)\]\s+\(([\w.-]+) module\)\s+at\s+([0-9a-fA-F]+)` + NOTE,
);

// drgn's crash mode (drgn/commands/_crash/_bt.py) prints an inlined function as a frame without
// slot or address, ` #1 (inline)           func [mod]`, and a frame whose sp it cannot tell with
// question marks for the slot, ` #3 [????????????????] func at ADDR [mod]`.
const INLINE_BT_FRAME = /^\s*#\s?(\d+)\s+\(inline\)\s+([^\s+(]+)(?:\s+\[([\w.-]+)\])?\s*$/;
const UNKNOWN_SLOT_BT_FRAME = /^\s*#\s?(\d+)\s+\[\?+\]\s+([^\s+(]+)\s+at\s+([0-9a-fA-F]+)(?:\s+\[([\w.-]+)\])?\s*$/;

// drgn's own traces (libdrgn's drgn_format_stack_trace: `#%-2zu ` then the frame), as `print(trace)`
// shows them: `#0  func (file:line:col)`, `#3  func+0x1c/0x40` where the debug info names no
// function, `#5  0xffffffffc0123456` where no symbol holds the pc. A name alone is left as prose.
const DRGN_TRACE_FRAME =
  /^\s*#(\d+) +(?:([A-Za-z_.$][\w.$]*)(?:\+0x([0-9a-f]+)\/0x([0-9a-f]+))?|0x([0-9a-f]+))(?: \(([^\s()]+?:\d+)(?::\d+)?\))?\s*$/;

/** A frame that drgn prints and crash never does (inlined, without its slot, or drgn's own trace). */
function drgnBtFrame(text: string): BtFrameLine | undefined {
  const inline = INLINE_BT_FRAME.exec(text);
  if (inline) return { level: Number(inline[1]), function: inline[2], module: inline[3], unreliable: false, inlined: true };
  const m = UNKNOWN_SLOT_BT_FRAME.exec(text);
  if (m) return { level: Number(m[1]), function: m[2], address: m[3], module: m[4], unreliable: false };
  const t = DRGN_TRACE_FRAME.exec(text);
  if (!t || (t[3] === undefined && t[5] === undefined && t[6] === undefined)) return undefined;
  return {
    level: Number(t[1]),
    function: t[2] ?? '',
    offset: t[3] !== undefined ? parseInt(t[3], 16) : undefined,
    size: t[4] !== undefined ? parseInt(t[4], 16) : undefined,
    address: t[5],
    source: t[6],
    unreliable: false,
  };
}

export function parseBtFrame(text: string): BtFrameLine | undefined {
  const plain = PLAIN_BT_FRAME.exec(text);
  if (plain)
    return {
      level: Number(plain[1]),
      slot: plain[2],
      function: plain[3],
      offset: undefined,
      via: undefined,
      address: plain[4],
      module: plain[5],
      unreliable: false,
    };
  const m = BT_FRAME.exec(text);
  if (!m) {
    const arm = text.indexOf(') from [<') > 0 ? ARM_BT_FRAME.exec(text) : null;
    if (arm)
      return {
        level: Number(arm[1]),
        function: arm[3],
        address: arm[2],
        module: arm[4],
        unreliable: false,
        callerFrom: true,
      };
    const inModule = text.indexOf(' module) at ') > 0 ? MODULE_ONLY_BT_FRAME.exec(text) : null;
    if (inModule)
      return {
        level: Number(inModule[1]),
        slot: inModule[2],
        function: '',
        address: inModule[4],
        module: inModule[3],
        unreliable: false,
      };
    return drgnBtFrame(text);
  }
  return {
    level: Number(m[1]),
    slot: m[2],
    function: m[4],
    offset: m[5] === undefined ? undefined : Number(m[5]),
    via: m[6],
    address: m[7],
    module: m[8],
    unreliable: Boolean(m[3] || m[9] || m[10]),
  };
}

// `bt -t`/`-T`: a text address found on the stack, `  [c1aa1f78] svc_recv at cb22c4d8 [sunrpc]`,
// after `START: schedule at c01190e0`.
// s390x (no KASLR) right-aligns short slots: `  [     37ffff4f520] sie64a at a318fe`.
const TEXT_ON_STACK = new RegExp(
  String.raw`^\s*\[\s*([0-9a-fA-F]{6,16})\]\s+([^\s+]+)(?:\+(0x[0-9a-fA-F]+|\d+))?\s+at\s+([0-9a-fA-F]{4,16})(?:\s+\[([\w.-]+)\])?` +
    NOTE,
);
const TEXT_START = new RegExp(
  String.raw`^\s*START:\s+([^\s+]+)(?:\+(0x[0-9a-fA-F]+|\d+))?\s+(?:\(\S+\)\s+)?at\s+([0-9a-fA-F]{4,16})` + NOTE,
);

// `bt -e`/`-E`: `KERNEL-MODE EXCEPTION FRAME AT c0b3bf44:` before a register block.
const EXCEPTION_FRAME_AT = /^\s*(?:(KERNEL|USER)-MODE )?EXCEPTION FRAME AT:?\s+([0-9a-fA-F]{8,16}):?/;

// i386 `bt -f`: `[RA: c0153088  SP: c0ceded4  FP: c0cedf04  SIZE: 52]`; mips, riscv64 and
// loongarch64: `[PC: ... RA: ... SP: ... SIZE: 160]`.
const FRAME_EXTENT = new RegExp(String.raw`^\s*\[((?:(?:PC|RA|SP|FP):\s+[0-9a-fA-F]{8,16}\s+)+)SIZE:\s+(\d+)\]` + NOTE);

export function parseFrameExtent(text: string): FrameExtent | undefined {
  const m = FRAME_EXTENT.exec(text);
  if (!m) return undefined;
  const extent: FrameExtent = { size: Number(m[2]) };
  for (const [, name, value] of m[1].matchAll(/(PC|RA|SP|FP):\s+([0-9a-fA-F]+)/g)) {
    extent[name.toLowerCase() as 'pc' | 'ra' | 'sp' | 'fp'] = BigInt('0x' + value);
  }
  return extent;
}

// `[exception RIP: func+off]`, i386 `[exception EIP: func+off]`.
const EXCEPTION_RIP = /^\s*\[exception [RE]IP: ([^\]]*)\]/;

export function parseExceptionRip(text: string): string | undefined {
  return EXCEPTION_RIP.exec(text)?.[1];
}

const STACK_MARKER = new RegExp(String.raw`^\s*--- <([^>]+)> ---` + NOTE);

export function parseStackMarker(text: string): string | undefined {
  return STACK_MARKER.exec(text)?.[1];
}

// A frame a mailer wrapped after its `at` (` #4 [ffff000009d5bcc0] long_function_name at `): the
// text address, and perhaps its module, make the next line alone (`ffff00000836c7a4`).
const CUT_AFTER_AT = /^\s*#\s?\d+\s+\[[0-9a-fA-F]+\]\s+\S.*\sat\s*$/;
const ADDRESS_REST = /^\s*[0-9a-fA-F]{4,16}(?:\s+\[[\w.-]+\])?(?:\s+\*)?\s*$/;

/** A frame line wrapped after its `at` and the next line joined, when they are such a pair; else undefined. */
export function addressContinued(text: string, next: string): string | undefined {
  if (!mayBeWrapped(text) || !CUT_AFTER_AT.test(text) || !ADDRESS_REST.test(next)) return undefined;
  return `${text.trimEnd()} ${next.trim()}`;
}

// Marks a person put under values (`~~~~`, `^^^^`), as under a word of a listing.
const UNDERLINE = /^\s*(?:~+|\^+)(?:\s+(?:~+|\^+))*\s*$/;

type BtSink = Pick<
  ParseSink,
  | 'backtrace'
  | 'task'
  | 'symbolBase'
  | 'symbolOffset'
  | 'symbolModule'
  | 'source'
  | 'textAddress'
  | 'registerLine'
  | 'frameShape'
  | 'traceFunction'
  | 'reportLine'
  | 'stackAddress'
  | 'lines'
  | 'kinds'
  | 'word'
  | 'text'
  | 'lineAfter'
>;

// crash commands that head their output per task with bt's `PID: … TASK: …` line but print no trace.
const TASK_HEADED = new Set(['files', 'vm', 'net', 'task', 'sig', 'set', 'fuser', 'ps', 'mount', 'kmem', 'waitq', 'runq']);

/** Whether a section's `PID:` lines head backtraces: bt's, `foreach … bt`'s, or a command crashlog does not know. */
function printsBacktraces(section: Section): boolean {
  if (section.kind === 'foreach') return section.args.includes('bt');
  return !TASK_HEADED.has(/^\S*/.exec(section.command)![0]);
}

/** The backtrace being printed, frame after frame; reset at each prompt. */
export class BacktraceParser {
  private bt: Backtrace | undefined;
  private exception: RegisterBlock | undefined;
  private lastFrame: Frame | undefined;
  /** The line a wrapped frame was read joined with (its text address), taken as part of that frame. */
  private takenLine = -1;
  /** A register row (s390x `GPRS:`) that may go on at the next line. */
  private readonly run = newRegisterRun();

  constructor(private readonly sink: BtSink) {}

  /** The backtrace still printing. */
  get current(): Backtrace | undefined {
    return this.bt;
  }

  get idle(): boolean {
    return this.bt === undefined && this.exception === undefined && this.lastFrame === undefined;
  }

  reset(): void {
    this.bt = undefined;
    this.exception = undefined;
    this.lastFrame = undefined;
    this.takenLine = -1;
  }

  /**
   * A line of bt's own shapes, told by its first non-blank character `c` at `start`: a frame
   * (`#7 [...]`), a task header (`PID:`), `[exception RIP: …]`, bt -t/-e/-f lines, a stack
   * marker (`--- <IRQ stack> ---`); undefined for any other line. `section` is the open one.
   */
  line(text: string, start: number, c: number, i: number, section: Section | undefined): LineKind | undefined {
    if (c === 35 /* # */) return this.frame(text, i, section?.options ?? [], section?.args ?? []);
    // A bt pasted into a git commit message loses its `#` (git drops lines that start with one, so
    // people strip it): ` 6 [ffffb656ca11fce0] page_fault at ffffffff8c001174`, under its `PID:` line
    // or followed by another such frame or an exception frame.
    if (c >= 48 && c <= 57 && HASHLESS_FRAME.test(text) && (this.bt !== undefined || this.framesGoOn(i))) {
      const hashed = start > 0 ? `${text.slice(0, start - 1)}#${text.slice(start)}` : `#${text}`;
      return this.frame(hashed, i, section?.options ?? [], section?.args ?? []);
    }
    if (c === 80 /* P */ && text.startsWith('PID:', start)) {
      if (section && !printsBacktraces(section)) return this.taskHeader(text, i);
      return this.header(text, i, section?.kind === 'bt' || section?.kind === 'foreach' ? section.options : []);
    }
    if (c === 91 /* [ */)
      return this.exceptionRip(text, i) ?? this.namedRegister(text, i) ?? this.textOnStack(text, i) ?? this.frameExtent(text, i);
    // `START: func at ADDR` (bt -t), `KERNEL-MODE EXCEPTION FRAME AT ADDR:` (bt -e).
    if (c === 83 || c === 75 || c === 85 || c === 69) return this.textOnStack(text, i) ?? this.exceptionFrameAt(text, i);
    if (c === 45 /* - */) return this.stackMarker(text, i);
    if (c === 126 /* ~ */ || c === 94 /* ^ */) return this.underline(text, i, section);
    // s390x's lowcore block, which only its bt prints: evidence of the architecture (read as registers later).
    if (c === 76 /* L */ && text.startsWith('LOWCORE INFO:', start)) this.sink.reportLine(text);
    return undefined;
  }

  /** Whether the line after a frame without its `#` goes on with another, or with its exception frame. */
  private framesGoOn(i: number): boolean {
    const next = i + 1 < this.sink.text.lineCount ? this.sink.lineAfter(i) : '';
    return HASHLESS_FRAME.test(next) || EXCEPTION_RIP.test(next);
  }

  /**
   * A person's marks under values of a register block (`~~~~~~~~~~~~~~~~` under `RCX: 0000000000000003`):
   * the block goes on after them. Read as the note it is, in the open block's lines.
   */
  private underline(text: string, i: number, section: Section | undefined): LineKind | undefined {
    const block = this.exception;
    if (!block || !this.bt || block.endLine !== i - 1 || !UNDERLINE.test(text)) return undefined;
    block.endLine = i;
    this.bt.endLine = i;
    return section ? LineKind.CommandOutput : LineKind.Prose;
  }

  /** The same header over another command's output (`files`, `vm`, `task`): it names the task, no backtrace. */
  private taskHeader(text: string, i: number): LineKind | undefined {
    const header = parseBtHeader(text);
    if (!header) return undefined;
    const { pid, cpu, command } = header;
    this.bt = undefined;
    this.exception = undefined;
    this.lastFrame = undefined;
    this.sink.task({ pid, task: BigInt('0x' + header.task), cpu, command, line: i });
    this.sink.stackAddress(header.task);
    return LineKind.BtHeader;
  }

  /** `PID: 1316  TASK: ...  CPU: 18  COMMAND: "..."` starts a backtrace (and names a task). */
  header(text: string, i: number, options: string[]): LineKind | undefined {
    const header = parseBtHeader(text);
    if (!header) return undefined;
    const task = BigInt('0x' + header.task);
    const { pid, cpu, command } = header;
    this.bt = { pid, task, cpu, command, line: i, endLine: i, frames: [], exceptionFrames: [], markers: [], options };
    this.sink.backtrace(this.bt);
    this.exception = undefined;
    this.lastFrame = undefined;
    this.sink.task({ pid, task, cpu, command, line: i });
    this.sink.stackAddress(header.task);
    return LineKind.BtHeader;
  }

  frame(text: string, i: number, options: string[], args: readonly string[] = []): LineKind | undefined {
    let frame = parseBtFrame(text);
    let joined = false;
    if (!frame && i + 1 < this.sink.text.lineCount) {
      const whole = addressContinued(text, this.sink.lineAfter(i));
      frame = whole === undefined ? undefined : parseBtFrame(whole);
      joined = frame !== undefined;
    }
    if (!frame) return undefined;
    if (this.startsAnotherExcerpt(frame.level, i)) this.reset();
    if (!this.bt) {
      // An excerpt without its `PID:` header (`bt -FFxs 842`, then `[...]`): the command named the task.
      const pid = args.length === 1 && /^\d{1,7}$/.test(args[0]) ? Number(args[0]) : undefined;
      this.bt = { ...(pid !== undefined && { pid }), line: i, endLine: i, frames: [], exceptionFrames: [], markers: [], options };
      this.sink.backtrace(this.bt);
    }
    const entry: Frame = {
      level: frame.level,
      function: frame.function,
      address: frame.address !== undefined ? BigInt('0x' + frame.address) : undefined,
      stackAddress: frame.slot !== undefined ? BigInt('0x' + frame.slot) : undefined,
      module: frame.module,
      line: i,
      unreliable: frame.unreliable,
    };
    if (frame.offset !== undefined) entry.offset = frame.offset;
    if (frame.size !== undefined) entry.size = frame.size;
    if (frame.source !== undefined) entry.source = frame.source;
    if (frame.via !== undefined) entry.via = frame.via;
    if (frame.inlined) entry.inlined = true;
    if (joined) {
      entry.joined = true;
      this.takenLine = i + 1;
    }
    this.bt.frames.push(entry);
    this.bt.endLine = i;
    this.lastFrame = entry;
    this.exception = undefined;
    if (frame.callerFrom) this.sink.frameShape('caller-from');
    // Functions only one architecture has (arm64's el1_irq, x86_64's entry_SYSCALL_64) tell it as a console trace's do.
    this.sink.traceFunction(frame.function, frame.unreliable);
    if (frame.slot !== undefined) this.sink.stackAddress(frame.slot);
    if (frame.address !== undefined && frame.function)
      this.textSymbol(frame.function, frame.offset, entry.address!, frame.module, frame.address, i);
    else if (frame.address !== undefined) this.sink.textAddress(frame.address);
    else {
      if (frame.module) this.sink.symbolModule(frame.function, frame.module, i);
      if (frame.offset !== undefined) this.sink.symbolOffset(frame.function, frame.offset, frame.size, frame.module, i);
    }
    return LineKind.BtFrame;
  }

  /** Whether line `i` is the rest of a wrapped frame just read joined (it then belongs to that frame). */
  takes(i: number): boolean {
    if (this.takenLine !== i) return false;
    this.takenLine = -1;
    if (this.bt) this.bt.endLine = i;
    return true;
  }

  /**
   * A frame numbered back (`#5` after `#10`) after a person's words or a blank line is another
   * excerpt pasted into the notes, not this backtrace going on. crash itself numbers back only
   * right after a register block (s390x), with nothing between.
   */
  private startsAnotherExcerpt(level: number, i: number): boolean {
    const last = this.lastFrame;
    if (!this.bt || !last || level > last.level) return false;
    const kinds = this.sink.kinds;
    for (let j = last.line + 1; j < i; j++) {
      const kind = kinds[j];
      if (kind === LineKind.Prose || kind === LineKind.Blank || kind === LineKind.Markdown) return true;
    }
    return false;
  }

  /** What a frame or a text word of `bt -t` tells about its function: the module, and its start when the offset is shown. */
  private textSymbol(
    fn: string,
    offset: number | undefined,
    address: bigint,
    module: string | undefined,
    hex: string,
    i: number,
  ): void {
    if (module) this.sink.symbolModule(fn, module, i);
    if (offset !== undefined) {
      this.sink.symbolBase(fn, address - BigInt(offset), i);
      this.sink.symbolOffset(fn, offset, undefined, module, i);
    }
    this.sink.textAddress(hex);
  }

  /**
   * `bt -t`/`-T`: `[SLOT] func at ADDR [module]`, a text address crash found in a stack
   * word (a stack word for the memory map), and `START: func at ADDR`.
   */
  textOnStack(text: string, i: number): LineKind | undefined {
    const m = TEXT_ON_STACK.exec(text);
    if (m) {
      const slot = BigInt('0x' + m[1]);
      const address = BigInt('0x' + m[4]);
      const width = m[1].length > 8 ? 8 : 4;
      this.sink.word(
        Number(slot >> 32n),
        Number(slot & 0xffffffffn),
        Number(address >> 32n),
        Number(address & 0xffffffffn),
        width,
        0,
      );
      this.textSymbol(m[2], m[3] === undefined ? undefined : Number(m[3]), address, m[5], m[4], i);
      if (this.bt) this.bt.endLine = i;
      return LineKind.Memory;
    }
    const start = TEXT_START.exec(text);
    if (!start) return undefined;
    this.textSymbol(
      start[1],
      start[2] === undefined ? undefined : Number(start[2]),
      BigInt('0x' + start[3]),
      undefined,
      start[3],
      i,
    );
    return LineKind.BtFrame;
  }

  /** `bt -e`: `KERNEL-MODE EXCEPTION FRAME AT ADDR:` opens a register block. */
  exceptionFrameAt(text: string, i: number): LineKind | undefined {
    if (!EXCEPTION_FRAME_AT.test(text)) return undefined;
    if (this.bt) {
      this.exception = new RegisterBlock(this.sink.lines, i, this.lastFrame?.level ?? -1);
      this.bt.exceptionFrames.push(this.exception);
      this.bt.endLine = i;
    }
    return LineKind.ExceptionRip;
  }

  /** `[RA: … SP: … FP: … SIZE: …]` under a frame (bt -f on i386, mips, riscv64). */
  frameExtent(text: string, i: number): LineKind | undefined {
    const extent = parseFrameExtent(text);
    if (!extent) return undefined;
    const frame = this.lastFrame;
    if (frame && !frame.extent) frame.extent = { ...extent, line: i };
    if (this.bt) this.bt.endLine = i;
    return LineKind.BtFrame;
  }

  /** `[exception RIP: func+off]` opens the register block of an exception frame. */
  exceptionRip(text: string, i: number): LineKind | undefined {
    const rip = parseExceptionRip(text);
    if (rip === undefined) return undefined;
    const bt = this.bt;
    if (bt) {
      // bt -e's `KERNEL-MODE EXCEPTION FRAME AT ADDR:` just above opened this block: one block, not two.
      const heading = this.exception;
      if (heading && heading.registerLines.length === 0 && heading.line === i - 1) bt.exceptionFrames.pop();
      this.exception = new RegisterBlock(this.sink.lines, i, this.lastFrame?.level ?? -1, rip);
      bt.exceptionFrames.push(this.exception);
    }
    return LineKind.ExceptionRip;
  }

  /**
   * ppc64's names of an exception frame's NIP and LR, printed under its registers (`[NIP  :
   * release_resource+56]`, `[LR   : release_resource+48]`): the function starts that many bytes
   * before the register's value.
   */
  namedRegister(text: string, i: number): LineKind | undefined {
    const m = NAMED_REGISTER.exec(text);
    const block = this.exception;
    if (!m || !block || i - block.endLine > 2) return undefined;
    const value = block.registers.find((r) => r.name === m[1])?.value;
    const offset = m[3].startsWith('0x') ? parseInt(m[3], 16) : parseInt(m[3], 10);
    if (value !== undefined && value >= BigInt(offset)) {
      this.sink.symbolBase(m[2], value - BigInt(offset), i);
      this.sink.symbolOffset(m[2], offset, undefined, undefined, i);
    }
    block.endLine = i;
    if (this.bt) this.bt.endLine = i;
    return LineKind.Registers;
  }

  /** `--- <IRQ stack> ---`: the frames after it are on another stack. */
  stackMarker(text: string, i: number): LineKind | undefined {
    const marker = parseStackMarker(text);
    if (marker === undefined) return undefined;
    this.bt?.markers.push({ text: marker, line: i, beforeLevel: (this.lastFrame?.level ?? -1) + 1 });
    return LineKind.StackMarker;
  }

  /** The next line of a register row of the open block (s390x `GPRS:` values run on for three lines). */
  registerRowLine(text: string, i: number): LineKind | undefined {
    if (this.run.line !== i - 1 || !this.exception) return undefined;
    const row = withoutCrashNote(text);
    const registers = parseRegisterLine(row, i, 0, this.run);
    return registers ? this.registerLine(this.run.label, row, i) : undefined;
  }

  /** A line of a register block: kept by line, parsed when read (see RegisterBlock). */
  registerLine(head: string, text: string, i: number): LineKind {
    this.sink.registerLine(head);
    if (ANY_PC_NAMES.has(head)) this.pcEvidence(head, text, i);
    if (this.run.line !== i && startsRegisterRow(text)) parseRegisterLine(withoutCrashNote(text), i, 0, this.run);
    const bt = this.bt;
    if (!bt) return LineKind.Registers;
    // A bt -e heading's block takes the register rows a few lines under it (riscv64 prints PC/RA/SP lines first).
    const heading = this.exception && this.exception.registerLines.length === 0 && i - this.exception.line <= 4;
    if (!this.exception || (this.exception.endLine < i - 1 && !heading)) {
      this.exception = new RegisterBlock(this.sink.lines, i, this.lastFrame?.level ?? -1);
      bt.exceptionFrames.push(this.exception);
    }
    this.exception.registerLines.push(i);
    this.exception.endLine = i;
    bt.endLine = i;
    // `[exception RIP: lkdtm_BUG+5]` with `RIP: ffffffffc02f2625` tells lkdtm_BUG's start.
    const rip = this.exception.exceptionRip;
    if (!rip) {
      if (text.indexOf('(') >= 0 || text.indexOf('[') >= 0) this.learnNamedPc(text, i);
      return LineKind.Registers;
    }
    const ripValue = parseRegisterLine(text, i)?.find((r) => r.name === 'RIP' || r.name === 'EIP' || r.name === 'PC')?.value;
    const named = exceptionRipSymbol(rip);
    if (named && ripValue !== undefined) {
      const offset = named.offset ?? 0;
      this.sink.symbolBase(named.name, ripValue - BigInt(offset), i);
      this.sink.symbolOffset(named.name, offset, undefined, undefined, i);
    }
    return LineKind.Registers;
  }

  /**
   * s390x `PSW:  mask addr (func+56 [mod])` and arm64's `PC: addr  [func+796]` name the address: the
   * function starts that many bytes before it.
   */
  private learnNamedPc(text: string, i: number): void {
    for (const r of parseRegisterLine(withoutCrashNote(text), i) ?? []) {
      const offset = r.symbol?.offset;
      if (!PC_REGISTER_NAMES.has(r.name) || offset === undefined || r.value === undefined || r.value < BigInt(offset)) continue;
      this.sink.symbolBase(r.symbol!.name, r.value - BigInt(offset), i);
      this.sink.symbolOffset(r.symbol!.name, offset, r.symbol!.size, r.symbol!.module, i);
    }
  }

  /**
   * A program counter's value as a text address: evidence where architectures share the register
   * names (mips' 32- and 64-bit `EPC:`, powerpc's `NIP:`), its digits telling the word size.
   */
  private pcEvidence(head: string, text: string, i: number): void {
    const pc = parseRegisterLine(withoutCrashNote(text), i)?.find((r) => r.name === head);
    if (pc?.value === undefined || (pc.length !== 8 && pc.length !== 16)) return;
    // In the kernel's half only: a user task's pc says nothing of where kernels keep their text.
    if (pc.value < (pc.length === 8 ? 0x80000000n : 0x8000000000000000n)) return;
    this.sink.textAddress(pc.value.toString(16).padStart(pc.length, '0'));
  }

  /** crash's `WARNING: possibly bogus exception frame` is about the block just printed. */
  bogusException(): void {
    const last = this.bt?.exceptionFrames[this.bt.exceptionFrames.length - 1];
    if (last) last.bogus = true;
  }

  /** `bt -l` prints the source line of a frame right under it. */
  frameSource(source: SourceLine, i: number): void {
    const frame = this.lastFrame;
    if (frame && frame.line === i - 1 && frame.address !== undefined) this.sink.source(frame.address, source);
  }
}
