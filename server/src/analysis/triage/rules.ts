// The shape of the title rules (one family per file under families/) and the patterns they share.
// A rule recognises a report header and says how to name it: `WARNING in {1}` with the frame
// that a frame recipe picks from the report's lines. The rules follow syzkaller's report
// titles (pkg/report/linux.go), so that titles group crashes the way syzbot does.

import { DECODED_LOCATION_START } from '../parse/console/lines';

/** Recipe step: read the frames of a stack trace up to the next trace marker. */
export const TRACE = Symbol('stack trace');
export type Step = RegExp | typeof TRACE;

/** Chooses the frame that names the report among all the recipe found (names already stripped). */
export type FramePicker = (frames: readonly string[]) => { name: string; index: number } | undefined;

export interface FrameRecipe {
  /** Lines to find in order; a group of a matching line is a frame; TRACE reads a call trace. */
  steps: Step[];
  /** Tried in order when `steps` yield no frame: the first that yields one, else the first's result. */
  otherwise?: Step[][];
  /** More function-name patterns (regex sources) never taken as the frame. */
  skip?: string[];
  /** Default: the first frame left after skipping. */
  pick?: FramePicker;
}

export interface TitleRule {
  /** Recognises the report; searched in the whole report, the earliest match wins. */
  match: RegExp;
  /** More of the report the title needs; its groups replace `match`'s. No match: no title from this rule. */
  detail?: RegExp;
  /** `{1}`, `{2}`…: the groups, then the picked frame(s). */
  title: string;
  /** Other titles of the same bug (syzbot merges reports under them). */
  alt?: string[];
  frame?: FrameRecipe;
  /** The family prints no call trace, so a missing one is no damage. */
  noTrace?: boolean;
  /** A title that only a damaged report gets. */
  damaged?: boolean;
  /**
   * The frame the title names is where the bug is, though no frame of the trace or fault site
   * names it (the IRQ handler that claimed nothing), or though the frames above it are the
   * scheduler or the stall detector (a hung task, an RCU stall): it is the report's function.
   */
  frameIsFunction?: boolean;
  /**
   * The title's `{N}` names the report's function, as frameIsFunction does for a picked frame: the
   * site of a lock that lockdep's report names (`possible deadlock in {1}`), not the lock primitive
   * at the top of the trace.
   */
  functionArg?: number;
}

export interface Family {
  /** Text that starts a report of this family anywhere in a line. */
  header: string;
  /** Lines containing the header that are ordinary messages. */
  notReports?: RegExp[];
  /** Tried in order; the rule whose `match` comes first in the report wins. */
  rules: TitleRule[];
}

const TOKENS: Record<string, string> = {
  // A function name followed by `+0x..`, a compiler suffix (`.isra.0`, `.cold`) or decoded source locations;
  // ppc64 ELFv1 kernels print a function's text symbol, its name after a dot (`.eeh_dev_check_failure+0x27c`).
  FUNC: `\\.?([a-zA-Z0-9_]+)(?:\\.|\\+|${DECODED_LOCATION_START})`,
  // `[<ffffffff81234567>]`, `[ffff0000...]`.
  PC: '\\[<?(?:0x)?[0-9a-f]+>?\\]',
  // `fs/ext4/xattr.c:1058`.
  SRC: '([a-zA-Z0-9\\-_/.]+\\.[a-z]+:[0-9]+)',
  // A task name and pid of any shape, short.
  TASK: '[\\s\\S]{0,100}?',
};

/** A regex with `%FUNC`, `%PC`, `%SRC`, `%TASK` spelled out. */
export function pattern(source: string): RegExp {
  return new RegExp(source.replace(/%(FUNC|PC|SRC|TASK)/g, (_, token: string) => TOKENS[token]));
}

/**
 * The fault-site line: x86 `RIP: 0010:func+0x..`, powerpc `NIP [..] func`, arm64 `pc : func` (riscv's
 * `epc : func` too), arm `PC is at func`, s390's `Krnl PSW : mask addr (func+0x..)`, and the
 * address then function of mips (`epc   : addr func+0x..`, padded) and LoongArch (`ERA: addr func+0x..`;
 * `era   : addr func+0x..` before 6.2). A site with no symbol (a jump to NULL: `RIP: 0010:0x0`,
 * `Krnl PSW : mask 0000000000000000 (0x0)`, mips `epc   : 00000000 0x0`) names no frame: the trace after it does. i386
 * named its site on a line of its own, `EIP is at func+0x../0x..` (2.4's ksymoops form: `EIP is at func [kernel] 0x5e`), and
 * powerpc's xmon prints `pc: c00000000008b6f0: func+0x150/0x210`. The register's
 * name stands alone and x86's has its colon: `Code: Bad RIP value.` names no site.
 */
export const SITE_LINE = pattern(
  '(?<![A-Za-z])(?:[RE]?IP:|NIP:?|e?pc :?|PC is at:?) (?:(?:[0-9]+:)?(?:%PC +){0,2}%FUNC|(?:[0-9]+:)?0x[0-9a-f]+|(?:[0-9]+:)?%PC +\\[< *\\(null\\)>\\] +\\(null\\)|[0-9]+: +\\(null\\))|Krnl PSW : [0-9a-f]+ [0-9a-f]+ \\((?:%FUNC|0x[0-9a-f]+\\))|(?:epc +|era +|ERA): [0-9a-f]{8,16} (?:%FUNC|0x[0-9a-f]+$)|(?<![A-Za-z])pc: [0-9a-f]{8,16}: %FUNC|EIP is at (?:%FUNC|([a-zA-Z0-9_]+) \\[[\\w-]+\\] 0x)',
);
/**
 * 32-bit arm's traces since 6.0 (arch/arm/kernel/traps.c dump_backtrace_entry): ` callee [mod] from
 * caller+0x../0x.. [mod]`, with no `Call trace:` line before them. `name` wraps each of the two names.
 */
const armFromFrame = (name: (source: string) => string) =>
  String.raw`^ *${name('[a-zA-Z0-9_.]+')}(?: \[[\w-]+\])? from ${name('[a-zA-Z0-9_]+')}(?:\.|\+)`;
/** An arm `callee from caller+off` frame line; its groups are the two names. */
export const ARM_FROM_FRAME = new RegExp(armFromFrame((name) => `(${name})`));
/**
 * 32-bit arm's traces before 6.0, with addresses and no heading either: `[<c08a3a10>] (__schedule)
 * from [<c08a3d84>] (schedule+0xdc/0x134)`, a module's function as `(fuse_writepages [fuse])`, 2.6's
 * callee with its offset and no blank after the address (`[<c001437c>](unwind_backtrace+0x0/0xfc) from`).
 */
const armAddressedFrame = (name: (source: string) => string) =>
  String.raw`^ *\[<?(?:0x)?[0-9a-f]+>?\] ?\(${name('[a-zA-Z0-9_.]+')}(?:\+0x[0-9a-f]+\/0x[0-9a-f]+)?(?: \[[\w-]+\])?\) from \[<?(?:0x)?[0-9a-f]+>?\] ?\(${name('[a-zA-Z0-9_]+')}(?:\.|\+)`;
/** An arm `[<addr>] (callee) from [<addr>] (caller+off)` frame line; its groups are the two names. */
export const ARM_ADDRESSED_FRAME = new RegExp(armAddressedFrame((name) => `(${name})`));
/** Frame lines that begin a trace printed without a heading. */
export const HEADLESS_TRACE_FRAMES = [ARM_FROM_FRAME, ARM_ADDRESSED_FRAME];
/**
 * A trace's heading, or the first frame of 32-bit arm's trace, which has none. It captures nothing:
 * a recipe step's groups are frames, and the arm frame is read again as the trace's first.
 */
export const CALL_TRACE = new RegExp(
  `Call [Tt]race:|Backtrace:|${armFromFrame((name) => name)}|${armAddressedFrame((name) => name)}`,
);

/** Fault-site line, then its call trace: the usual oops recipe. */
export const SITE_THEN_TRACE: FrameRecipe = { steps: [SITE_LINE, CALL_TRACE, TRACE] };
/** The call trace alone. */
export function traceFrames(skip?: string[], pick?: FramePicker): FrameRecipe {
  return { steps: [CALL_TRACE, TRACE], skip, pick };
}
