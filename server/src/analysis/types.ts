// Plain data the analysis hands to the server and the CLI. No LSP types here.
import type { ArchId } from './arch/registry';
import type { Range } from './lines';
import type { CommandKind } from './parse/commands';

export type { CommandKind };

/** A registered architecture, or `unknown` when the transcript does not settle it. */
export type Arch = ArchId | 'unknown';

/** One `crash>` command and the lines of its output. */
export interface Section {
  command: string;
  kind: CommandKind;
  /** Options such as `-f`, `-x`, `-l`. */
  options: string[];
  args: string[];
  /** Line of the prompt. */
  line: number;
  /** Last line of the output (inclusive). */
  endLine: number;
}

export interface Register {
  name: string;
  /** Numeric value when the line shows one (`RSP: 0018:ffff...` gives the address part). */
  value?: bigint;
  /** Symbolic value (`RIP: 0010:lkdtm_BUG+0x5/0x10`, `pc : func+0x..`). */
  symbol?: SymbolRef;
  /** x86's code or stack segment selector written before the value (`RIP: 0023:0xf7421509`, `RSP: 002b:…`). */
  selector?: number;
  line: number;
  column: number;
  length: number;
  /** The value was hard-wrapped onto the next line when pasted: `value` has all its digits, `length` those on this line. */
  joined?: boolean;
}

export interface SymbolRef {
  name: string;
  offset?: number;
  size?: number;
  module?: string;
}

export interface Frame {
  /** crash's `#N`, or the position in a console call trace. */
  level: number;
  function: string;
  offset?: number;
  size?: number;
  module?: string;
  /** Text address: crash's `at` address, `[<addr>]` or probe address. */
  address?: bigint;
  /** crash's bracketed stack slot. */
  stackAddress?: bigint;
  line: number;
  /** Console `?` frames, probe `(inexact)`, crash ` *`/`(?)`. */
  unreliable: boolean;
  /** Execution context when a console trace marked it (`IRQ`, `NMI`, `TASK`, `SOFTIRQ`). */
  context?: string;
  /**
   * The heading of the console trace section the frame is in when it is not the report's own
   * call trace: `Freed by task 8`, `-> #1 (&lock){+.+.}-{3:3}`, `NMI backtrace for cpu 1`.
   */
  section?: string;
  /** Frame inlined by the compiler (`[inline]` in symbolised traces). */
  inlined?: boolean;
  /** The frame was hard-wrapped onto the next line when pasted, and is read joined. */
  joined?: boolean;
  /** The source line a symbolised trace names (`net/ipv4/tcp.c:2035`, decode_stacktrace.sh, syzbot). */
  source?: string;
  /** Where arm64's unwinder (6.13+) took the frame's pc from: its ` (P)`, ` (L)`, ` (T)`, ` (C)` mark. */
  unwoundFrom?: 'exception-pc' | 'exception-lr' | 'task' | 'caller' | 'unknown';
  /** crash's `func (via caller)`: the function the frame was entered through. */
  via?: string;
  /** What crash's `bt -f` states about the frame on the line under it (i386, mips, riscv64). */
  extent?: FrameExtent;
}

/** A frame's registers and size as `bt -f` prints them: `[RA: … SP: … FP: … SIZE: 52]`, `[PC: … RA: … SP: … SIZE: 160]`. */
export interface FrameExtent {
  pc?: bigint;
  ra?: bigint;
  sp?: bigint;
  fp?: bigint;
  /** Bytes from this frame's sp to the caller's. */
  size: number;
  /** The line crash printed it on (`[PC: … RA: … SP: … SIZE: …]`). */
  line?: number;
}

/** A register block crash prints after an exception frame or at a syscall entry. */
export interface ExceptionFrame {
  /** `[exception RIP: ...]` text when present. */
  exceptionRip?: string;
  registers: Register[];
  line: number;
  endLine: number;
  /** Level of the frame this block follows. */
  afterLevel: number;
  /** crash said `WARNING: possibly bogus exception frame`. */
  bogus: boolean;
}

export interface StackMarker {
  text: string;
  line: number;
  /** Level of the first frame after the marker. */
  beforeLevel: number;
}

export interface Backtrace {
  pid?: number;
  task?: bigint;
  cpu?: number;
  command?: string;
  line: number;
  endLine: number;
  frames: Frame[];
  exceptionFrames: ExceptionFrame[];
  markers: StackMarker[];
  /** `bt -f`/`bt -F`/`bt -l` etc. */
  options: string[];
}

export type ReportKind =
  | 'warning'
  | 'bug'
  | 'oops'
  | 'gpf'
  | 'panic'
  | 'kasan'
  | 'kfence'
  | 'kmsan'
  | 'kcsan'
  | 'ubsan'
  | 'lockdep'
  | 'hung-task'
  | 'rcu-stall'
  | 'soft-lockup'
  | 'hard-lockup'
  | 'workqueue-lockup'
  | 'memory-leak'
  | 'oom'
  | 'paging'
  | 'other';

export interface Report {
  kind: ReportKind;
  title: string;
  line: number;
  endLine: number;
  /** Function named in the header line (`... at file:line func+0x../0x..`, `... in func`). */
  headerFunction?: string;
  /**
   * Every function the report names outside its call trace: the header's, fault sites
   * (`RIP:`, `pc :`, `lr :`, `PC is at`) and lockdep lock sites (`#0: ... at: func+0x..`).
   */
  headerFunctions?: string[];
  registers: Register[];
  frames: Frame[];
  /** Line of `Call Trace:` when present. */
  traceLine?: number;
  /** printk caller id of the header line (`T1083` task, `C0` CPU in interrupt context). */
  caller?: string;
  /**
   * The indent a paste put before each of the report's lines (a commit message's blanks, a mail's
   * tab), read like a console prefix; absent when the report is printed unindented.
   */
  indent?: string;
  /** Why the report looks damaged (interleaved, truncated, no frames). */
  damage: string[];
  cpu?: number;
  pid?: number;
  comm?: string;
}

export interface Instruction {
  address: bigint;
  function: string;
  offset: number;
  mnemonic: string;
  operands: string;
  /** Direct call/branch target (`callq 0x... <__kmalloc>`, `bl 0x... <...>`). */
  target?: bigint;
  targetSymbol?: SymbolRef;
  isCall: boolean;
  /** Source line printed by `dis -l` above it. */
  source?: SourceLine;
  line: number;
}

export interface SourceLine {
  file: string;
  line: number;
  /** Transcript line of the evidence. */
  at: number;
}

export interface StructMember {
  /** Dotted path, e.g. `sk_backlog.rmem_alloc`. */
  path: string;
  type: string;
  offset: number;
  /** Byte size when known. */
  size?: number;
  line: number;
}

export interface StructLayout {
  name: string;
  members: StructMember[];
  size?: number;
  line: number;
  /** The object's address when the listing is of one (`struct -o sock ffff888105a2c000`). */
  address?: bigint;
}

export interface SlabObject {
  address: bigint;
  cache: string;
  /** 0 for a pointer into an object (`pointer`): its start and size were not shown. */
  objectSize: number;
  allocated: boolean;
  line: number;
  /** `bt -FF`/`rd -SS`'s `[ADDR:cache]`: an address inside an object of the cache, not its start. */
  pointer?: boolean;
}

export interface VmapArea {
  start: bigint;
  end: bigint;
  line: number;
}

export interface Task {
  pid?: number;
  task: bigint;
  cpu?: number;
  command?: string;
  line: number;
}

export interface StackRange {
  base: bigint;
  top: bigint;
  kind: 'task' | 'irq';
  /** What crash calls a CPU's stack that is not its IRQ stack (`NMI exception stack`, `OVERFLOW stack`). */
  name?: string;
  task?: Task;
  cpu?: number;
  /** Learned from (`bt` frames, `task -R stack`, `kmem` vmap area). */
  evidence: number[];
}

export interface ModuleInfo {
  name: string;
  base: bigint;
  size: number;
  line: number;
  /** Its `struct module` (mod's MODULE column), which lies among its data. */
  struct?: bigint;
}

export interface Damage {
  line: number;
  reason: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedInfo {
  range: Range;
  message: string;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  related: RelatedInfo[];
}
