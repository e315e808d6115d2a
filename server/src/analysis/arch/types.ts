// What the analysis needs to know about one architecture, in one interface.
// Each architecture is one module implementing ArchSpec, registered in ./registry.
// Everything outside arch/ asks the spec; nothing outside compares architecture ids.
import type { AddressKind, TextChance } from '../classify';
import type { Model } from '../model';
import type { Frame, Register } from '../types';
import type { UnwindStart, WalkOutput } from '../unwind/types';

/** Register names and the roles the walkers and hovers need. */
export interface RegisterRoles {
  /** Every name its register lines use (console reports, crash bt blocks, `help -r`), in any case it prints. */
  readonly names: readonly string[];
  /** Program counter (`RIP`, `pc`, ppc64 `NIP`). */
  readonly pc: readonly string[];
  readonly sp: readonly string[];
  /** Frame pointer / back-chain register (`RBP`, `x29`, ppc64 `R1`, s390x `r15`, riscv64 `s0`). */
  readonly fp: readonly string[];
  /** Link register / return-address register (`lr`, `x30`, riscv64 `ra`, s390x `r14`); none on x86. */
  readonly lr: readonly string[];
  /** Argument registers in order (`RDI RSI RDX RCX R8 R9`, `x0`…`x7`). */
  readonly args: readonly string[];
  /** What other registers hold, where it says more than their value (x86's `CR2`: the faulting address). */
  readonly holds?: Readonly<Record<string, string>>;
  /**
   * Registers that hold an instruction's own address, never a return address, with what it is
   * (ppc64's CFAR: the last branch taken before an interrupt).
   */
  readonly instructionAt?: Readonly<Record<string, string>>;
  /** Registers printed by position after one label instead of `NAME: value` pairs (s390x `GPRS:`, `PSW:`). */
  readonly rows?: readonly RegisterRow[];
  /** Names printed as `name value` without a colon, up to four to a line (LoongArch `pc v ra v tp v sp v`). */
  readonly barePairs?: readonly string[];
  /** Registers that hold status bits, never an address (s390x `PSW.mask`), by name. */
  readonly status?: Readonly<Record<string, StatusRegister>>;
  /**
   * A status value a line names by its words rather than by a register (arm64's ESR after `ESR = `
   * or as an oops's error code): the one whose value starts at `column` of `lineText`, if any.
   */
  readonly statusOnLine?: (lineText: string, column: number) => StatusRegister | undefined;
  /**
   * Whether a register block is a user-mode context, where its values are user space's (s390x: its
   * PSW mask's problem-state bit; arm64: an EL0 PSTATE; x86_64: selectors of privilege 3).
   */
  readonly userMode?: (block: readonly Register[]) => boolean;
  /**
   * What a block's registers hold because of how it was entered, where that differs from a call's
   * roles (x86_64's `syscall`: arguments in RDI, RSI, RDX, R10, R8, R9, the user RIP in RCX), with
   * each role's words; undefined for an ordinary block.
   */
  readonly entryRoles?: (block: readonly Register[]) => Readonly<Record<string, string>> | undefined;
}

/** A register of status bits: what it is called and what each field of a value says. */
export interface StatusRegister {
  /** `PSW mask`. */
  readonly title: string;
  /** What its value is, when not status bits (`a trap's cause`). */
  readonly holds?: string;
  /** The hover's whole label, where `TITLE: holds, not an address` would not say it (a physical address). */
  readonly label?: string;
  /** One phrase per field (`DAT (address translation) on`, `problem state (user mode)`). */
  fields(value: bigint): string[];
  /**
   * Whether a value can be this register's at all; one that cannot (a kernel address in ORIG_RAX,
   * where an exception frame was read at the wrong slot) is read as any other value.
   */
  holdsValue?(value: bigint): boolean;
  /**
   * This register as its block reads it, where another register of the block changes what its value
   * says (x86_64's ORIG_RAX in a 32-bit task's context numbers its system calls from the 32-bit table);
   * `line`: the line of the value, where a block holds more than one context.
   */
  inBlock?(block: readonly Register[], line: number): StatusRegister;
}

/** What a line of colon-less pairs (RegisterRoles.barePairs) is evidence of, in place of its first name. */
export const BARE_PAIRS = 'name value';

/**
 * A register row: a label (optionally after one of `prefixes`), a colon, then values named
 * by position, continued on the next lines while names remain (s390x `Krnl GPRS:` prints
 * r0–r3 and three more lines of four). A `(func+off)` after the values names the last one.
 */
export interface RegisterRow {
  readonly label: string;
  readonly prefixes?: readonly string[];
  readonly names: readonly string[];
}

/** Leading digits of a 16-digit text address that its evidence may read (detection scores each prefix once). */
export const TEXT_EVIDENCE_DIGITS = 10;

/**
 * The score of evidence that cannot be this architecture's at all (text at an address its kernel
 * never runs at): far more than the agreeing scores of a report, so that it does not lead.
 */
export const RULED_OUT = -100;

/** A bt frame shape that crash prints for some architectures only: arm.c's `#0 [<pc>] (func) from [<caller>]`. */
export type FrameShape = 'caller-from';

/** Score of a piece of evidence for this architecture: 0 when it says nothing, RULED_OUT against. Pure: the same evidence scores the same. */
export interface ArchEvidence {
  /** A register line, by the name of its first register. */
  registerLine(firstName: string): number;
  /**
   * Names a transcript calls this machine by (crash's `MACHINE: x86_64`, a kernel release's
   * `.el9.aarch64`, `-arm64`), lower case; a registered architecture's id and aliases count without.
   */
  readonly machines?: readonly string[];
  /** A disassembled instruction by its mnemonic alone: scored once per distinct mnemonic. */
  mnemonic?(mnemonic: string): number;
  /** A disassembled instruction whose operands tell (`%rax`, `r3`): mnemonic, the line, and where the operands start. Asked on every line. */
  instruction?(mnemonic: string, text: string, operandsAt: number): number;
  /** A 16-digit text address (bt frame `at` address, `sym` line), judged by its first TEXT_EVIDENCE_DIGITS digits. */
  textAddress(hex: string): number;
  /** An 8-digit text address (a bt frame's, a console trace's): only 32-bit architectures score these. */
  textAddress32?(hex: string): number;
  /**
   * A 16-digit address in a console call trace (`[<addr>] func+off`), which consoles print even
   * where no register names the architecture (sysrq's panic). Only a kernel text area that no
   * other architecture shares scores: x86_64, riscv64 and mips64 kernels all run at ffffffff8….
   * `inModule`: the frame carries a `[module]` tag (module text lies where other architectures'
   * vmalloc areas do: LoongArch loads modules at ffff8000…, arm64's core text).
   */
  traceAddress?(hex: string, inModule: boolean): number;
  /**
   * A function a console call trace names: entry code and syscall wrappers only this architecture
   * has (`__riscv_sys_write`, `do_trap_ecall_u`, s390x `__do_syscall`), where addresses are shared.
   * `doubtful`: the frame is a stale word (`? func+0x…`), a symbol of the kernel all the same but
   * no evidence of the code that ran: only a name no other architecture's kernel has may count.
   */
  traceFunction?(name: string, doubtful: boolean): number;
  /**
   * A line of a console report (or of crash's bt: s390x's `LOWCORE INFO:`) that only this architecture's kernel prints (arm64's `Mem abort info:`,
   * powerpc's 64-bit `Faulting instruction address: 0xc000…`): what names the architecture of an
   * excerpt cut before its registers. Asked on every report line: test a literal before a regex.
   */
  reportLine?(text: string): number;
  /** A bt frame by the shape it is printed in, which tells where its addresses cannot (8 digits are i386's and arm32's). */
  frameShape?(shape: FrameShape): number;
  /**
   * A 16-digit stack or task address (a bt frame's stack slot, a bt header's TASK), judged by its
   * first TEXT_EVIDENCE_DIGITS digits: where a kernel keeps its stacks and tasks can tell when its
   * text is shared (riscv64's Sv57 vmalloc and linear map, ff20…–ffde…, next to text at ffffffff8…).
   */
  stackAddress?(hex: string): number;
}

/** Regions of the address space and what lies in them (design.md §4). */
export interface Region {
  kind: AddressKind;
  start: bigint;
  end: bigint;
}

export interface Layout {
  /** VA_BITS (arm64 39/48/52, x86_64 47/56). */
  vaBits: number;
  /** Human name of the layout ("arm64 48-bit VA (5.4+ layout)"). */
  era: string;
  regions: Region[];
  /** User space is [0, userEnd). */
  userEnd: bigint;
  /** Addresses no pointer can hold (the x86_64 canonical hole). */
  nonCanonical?: { start: bigint; end: bigint };
  /** Values below this are counts and flags, not pointers (default 4 GiB; s390x kernels live in the low 4 GiB). */
  smallBelow?: bigint;
  /** Text in the vmalloc region is a module's: the kernel image lies elsewhere (ppc64's linear map). */
  vmallocTextIsModules?: boolean;
}

/** What the transcript showed, for an architecture to pick its layout from. */
export interface LayoutSamples {
  /** Kernel text addresses (bt frames, symbol bases). */
  text: bigint[];
  /** Addresses shown as code only (frames, listings, `sym` of text symbols): symbol bases can be data. */
  code: bigint[];
  /** Module text: frames tagged `[module]`, bases of `mod`'s modules (where modules begin varies by kernel). */
  moduleText?: bigint[];
  /** Direct-map / linear-map objects (slab objects, task_structs). */
  direct: bigint[];
  /** vmalloc addresses (task stacks, vmap areas). */
  vmalloc: bigint[];
  /**
   * Where the reports' registers say execution was or returns to (the architecture's pc and link
   * registers): code, unless the report is about a jump through a bad pointer.
   */
  sites?: bigint[];
}

/** Calls and return addresses. */
export interface CallConvention {
  /**
   * Bytes from a return address back into the call that made it: the `bl` at lr − 4 on
   * fixed-width ISAs, any byte of the call (− 1) on x86.
   */
  readonly returnToCall: bigint;
  /** crash's `bt` prints a caller's address at the call instruction itself (arm64), not at the return address. */
  readonly btShowsCallSite: boolean;
  /**
   * crash's `bt` prints frame #0 at the pc it starts from (riscv64.c: the crash notes' epc for an active task,
   * the ra a sleeping task switched out with), which no call in frame #0's caller left there.
   */
  readonly btFrame0AtPc?: boolean;
  /**
   * Console traces always begin with the faulting pc itself (arm64, s390x), so one that begins
   * elsewhere is another stop's; false where they begin at its caller (x86_64) or where kernels
   * differ (riscv64: 5.x's walk_stackframe skipped the epc frame, and with it a leaf's caller).
   */
  readonly traceStartsAtPc: boolean;
  /** Instructions have one width (arm64 4); undefined for variable-length encodings. */
  readonly instructionBytes?: number;
  /** Bytes of a direct call (x86 `call rel32`: 5) when calls vary in length. */
  readonly directCallBytes?: bigint;
  /** Mnemonics that call (and leave a return address). */
  readonly callMnemonics: readonly string[];
  /**
   * Offsets at which a direct call enters a function (ppc64 ELFv2: 0, and 8 past the TOC
   * setup); a call that lands elsewhere goes through a stub (module PLT, trampoline) whose
   * final target the listing does not name. Undefined: every call names its callee.
   */
  readonly entryOffsets?: readonly number[];
  /**
   * Exception vectors crash's `bt` shows as a frame above the context they interrupted (arm64
   * `el1h_64_sync`, `el1_irq`): the frame below holds the interrupted pc, which no call left.
   */
  readonly exceptionEntries?: RegExp;
  /** Entry code of a hardware interrupt, whose frame is the outermost of an IRQ stack (x86_64 `reschedule_interrupt`, `asm_common_interrupt`). */
  readonly interruptEntries?: RegExp;
  /**
   * The C entry of a system call from user space (x86_64 `do_syscall_64`, arm64 `el0_svc`): a task
   * is in one system call at a time, so a second such frame on its stack is a stale return address.
   * Matched against a name without its compiler suffix (`invoke_syscall.constprop.0`) and ppc64 ELFv1's leading dot.
   */
  readonly syscallEntries?: RegExp;
  /**
   * The entry code a system call's trace ends in (s390x `system_call`, 3.x's `sysc_nr_ok`), where the kernel
   * prints the user pc it returns to as one more, unnamed frame: a user address, no stray step.
   */
  readonly userReturnAfter?: RegExp;
  /**
   * crash's `bt` shows the CPU's pc as frame #0 and finds #1 on the stack (ppc64.c), so the
   * caller of a frameless leaf at #0 is never printed: a known gap of crash, not a broken stack.
   */
  readonly btMissesLeafCaller?: boolean;
}

/**
 * How one frame links to the next in memory: {saved link, saved return} at fixed offsets
 * from a frame address. arm64 frame record {x29, x30} at +0/+8; x86_64 rbp chain {rbp, ret}
 * at +0/+8; ppc64 back chain at r1+0 with the LR save slot at +16; s390x (packed stack)
 * back chain at r15+152 with the saved r14 at +136 of the 160-byte `struct stack_frame`;
 * riscv64 fp with ra at fp − 8 and the previous fp at fp − 16.
 */
export interface FrameLinkage {
  readonly method: 'frame-record' | 'rbp-chain' | 'back-chain';
  /** The register the chain runs through, as hovers name it (`x29`, `rbp`, `r1`). */
  readonly register: string;
  /** What the saved return slot is called (`LR`, `return address`). */
  readonly returnName: string;
  /** Offset of the link to the next frame from a frame address. */
  readonly linkOffset: bigint;
  /** Offset of the saved return address from a frame address. */
  readonly returnOffset: bigint;
  /**
   * Whose return address that slot holds: `caller`, the return into the function of the
   * linked frame (arm64, x86_64: {link, return} belong together); `own`, the return into
   * this frame's own function, which its callee saved there (s390x r14 and ppc64 LR are
   * saved into the caller's frame), so the linked frame's return is at link + returnOffset.
   */
  readonly returnInto: 'caller' | 'own';
  /** Frame addresses are aligned to this many bytes. */
  readonly alignment: bigint;
  /**
   * The smallest frame a function can have (default 16, two words): a link to a frame closer than
   * this is no frame's (ppc64's 32-byte header). s390x's packed stack has frames of 24 bytes: its
   * register save area's r15, 8 bytes below a back chain's slot, is the frame's own address.
   */
  readonly minFrameBytes?: bigint;
  /** Every kernel function keeps the chain (arm64 always builds frame records; x86_64 ORC kernels do not). */
  readonly alwaysKept: boolean;
  /**
   * Where the chain crosses an exception entry that builds no record of its own (riscv64
   * `handle_exception` saves pt_regs and leaves the interrupted sp as the link): given a frame
   * address whose record returns into the entry, the frame address to go on from, `null`
   * where the chain ends there (a user-mode trap), undefined when `fp` is no such place.
   */
  readonly crossException?: (model: Model, fp: bigint) => bigint | null | undefined;
  /** crash's bt prints each frame at its frame record (arm64's `#1 [x29]`): the records bt lists are the chain. */
  readonly btBracketsRecord?: boolean;
  /**
   * Whose frame a stack word between two frame records is, where a function may keep its record
   * anywhere in its frame (arm64): the callee's (the lower record's) or the caller's, as the listed
   * prologues say; undefined where none does. Without it, a word is the frame's whose record is below it.
   */
  readonly slotOwner?: (model: Model, address: bigint, callee: Frame, caller: Frame) => SlotOwner | undefined;
  /**
   * The outermost kernel frame links to the user stack pointer (ppc64: the syscall entry's
   * back chain is the user r1), so a link into user space ends the chain instead of breaking it.
   */
  readonly userLinkEnds?: boolean;
}

/** FrameLinkage.slotOwner's answer: whose frame, and which listed prologue says so (in words). */
export interface SlotOwner {
  owner: 'callee' | 'caller';
  why: string;
}

/** Saved registers an exception pushes (`struct pt_regs`), by byte offset. */
export interface ExceptionFrameLayout {
  readonly bytes: number;
  /** The walk's exception frame stands at pt_regs itself (x86_64), not at a frame record inside it (arm64 `stackframe`). */
  readonly walkedAtRegs: boolean;
  /** Offset of each field that the walkers read. */
  readonly offsets: Readonly<Record<string, number>>;
  /**
   * Where pt_regs starts from the frame address the walk stands at when it crosses the exception
   * (walkedAtRegs false): arm64 −stackframe, ppc64 the interrupt frame's header, riscv64 0.
   */
  readonly fromWalkedFrame?: number;
  /** Every word of the structure by field, where a dumped word inside one found on a stack is named by its field. */
  readonly words?: ExceptionFrameWords;
}

/** The words of an exception frame's structure, from its start, 8 bytes each. */
export interface ExceptionFrameWords {
  /**
   * Each word's field (`orig_ax`, `regs[3]`), the register name transcripts print for it (`ORIG_RAX`,
   * `x3`), and what to know of a word that is not one register's (arm64's syscallno shares its word).
   */
  readonly fields: readonly (readonly [field: string, register?: string, note?: string])[];
  /** The fields a printed register block is found at: its pc's and its stack pointer's. */
  readonly pc: string;
  readonly sp: string;
}

/** Where a walk can start and how it goes on: the architecture's unwinder. */
export interface ArchUnwinder {
  /** Walks from a start (never throws; every loop bounded). */
  walk(model: Model, start: UnwindStart): WalkOutput;
  /** The start a crash `bt` frame (bracketed slot and text address) stands for. */
  frameStart(stackAddress: bigint, address: bigint | undefined, line: number, label: string): UnwindStart;
  /** A start from a block of registers (a console report, a crash exception frame), when it has this architecture's. */
  registerStart(model: Model, block: Register[]): { register: Register; start: UnwindStart; alsoOn?: number[] }[];
  /**
   * The start a stack word holding a return address stands for ("this return address lives
   * here"). Default: the frame record whose return slot the word is (`frames.returnOffset`).
   */
  returnSlotStart?(slot: bigint, value: bigint, line: number, label: string): UnwindStart;
  /** Whether this kernel keeps frame pointers, judged from the transcript. Default: `frames.alwaysKept`. */
  framePointers?(model: Model): FramePointerEvidence;
}

/** What the transcript shows about frame pointers (x86_64: `push %rbp; mov %rsp,%rbp` prologues or not). */
export interface FramePointerEvidence {
  kept: boolean;
  /** In words, for the unwound-stack document ("3 of 41 listed functions set up rbp"). */
  why: string;
}

export interface ArchSpec {
  readonly id: string;
  /** Other names people use for it (`aarch64`, `amd64`). */
  readonly aliases: readonly string[];
  readonly wordBytes: 4 | 8;
  readonly registers: RegisterRoles;
  readonly evidence: ArchEvidence;
  /** The address-space layout the transcript's samples fit best. */
  layout(samples: LayoutSamples): Layout;
  /** Removes pointer tags (arm64 PAC/TBI) from a kernel pointer; identity where there are none. */
  stripTags(value: bigint, layout: Layout): bigint;
  /** Labels that differ from the generic ones (arm64 calls the direct map the linear map). */
  readonly kindLabels: Partial<Record<AddressKind, string>>;
  /** Where this architecture differs from the generic chance that a kind holds text (x86_64 vmalloc never does). */
  readonly textChance: Partial<Record<AddressKind, TextChance>>;
  readonly calls: CallConvention;
  readonly frames: FrameLinkage;
  readonly exceptionFrame?: ExceptionFrameLayout;
  /**
   * Bytes between a function's start as kallsyms and crash's `sym` give it and as gdb's listings
   * label it (riscv64: the ftrace patch area of `-fpatchable-function-entry`): two such starts are one function.
   */
  readonly listingLabelSkew?: bigint;
  /**
   * Whether a stack pointer a register block holds lies on a kernel stack: from the value and what
   * the block says of its mode (s390x's PSW problem-state bit; its user and kernel address spaces
   * share numbers). Not from the layout, which is learned from the stacks this finds.
   */
  kernelStack(sp: bigint, block: readonly Register[]): boolean;
  /**
   * The address a generic-KASAN shadow value stands for (x86_64: shadow = (addr >> 3) +
   * KASAN_SHADOW_OFFSET), where the shadow's place is fixed; undefined elsewhere.
   */
  kasanShadowTarget?(value: bigint): bigint | undefined;
  /**
   * Kernel text lies below 4 GiB (s390x: the image at 1 MiB), so a console trace's `[<addr>]`
   * there is text. Elsewhere such a value is taken for printk's hashed `%p` (a 32-bit hash on
   * 64-bit kernels since 4.15) and names no function start.
   */
  readonly textBelow4G?: boolean;
  /**
   * POISON_POINTER_DELTA of its kernels (CONFIG_ILLEGAL_POINTER_VALUE, include/linux/poison.h),
   * added to LIST_POISON1/2 and TAIL_MAPPING; 0 where the Kconfig defines none. More than one
   * where kernel versions differ.
   */
  readonly poisonPointerDelta: readonly bigint[];
  /** Bytes of a task stack and of an IRQ stack (without KASAN); `kasanTask`: a generic-KASAN kernel's task stack, where KASAN enlarges it. */
  readonly stackBytes: { task: bigint; irq: bigint; kasanTask?: bigint };
  /** The top word of an IRQ stack holds the interrupted stack pointer (x86_64), so a walk can go on there. */
  readonly irqStackSavesSp: boolean;
  readonly unwinder: ArchUnwinder;
}
