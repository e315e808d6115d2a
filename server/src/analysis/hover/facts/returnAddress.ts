// A text address: the function it is in, its source line, and whether the
// instruction before it is a call (so whether it can be a return address). A program counter's
// value (`RIP:`, `pc :`, `epc :`, `NIP:`) is where execution was, not a return address.
// Where the transcript shows no start of the function, or only the nearest one before the
// address (whose size is unknown), a frame crash prints there names it, as it does for the unwinder.
import { opaqueTargetNote } from '../../callTargets';
import { callSiteOf } from '../../callSite';
import { exceptionFrameFieldAt } from '../../unwind/exceptionFramePlaces';
import { COLD_PART_START, isColdPart, shownAsCode } from '../../codeFunctions';
import { DATA_TYPES, dataSymbolType, isLocalLabel } from '../../classify';
import { registerRoles } from '../../arch/roles';
import { hexWord } from '../../hex';
import { LineKind } from '../../lineKinds';
import type { Model } from '../../model';
import { code, frameName, lineRef } from '../card';
import { readValue, registerBlockOf, registerOf, type HoverContext } from '../context';
import type { HoverFact } from '../fact';
import { hoveredBtAddress } from './btFrameAddress';

function isProgramCounter(context: HoverContext): boolean {
  // powerpc prints the pc before its registers: `Faulting instruction address: 0xc00000000020fac0`.
  const before = context.lineText.slice(0, context.word.start);
  if (before.endsWith('Faulting instruction address: ')) return true;
  // And names it after its registers: `NIP [c0000000003d55f4] ___slab_alloc+0x1f4/0x760`.
  if (NIP_LINE.test(before)) return true;
  const roles = registerRoles(context.model.spec, context.model.archUnmodelled);
  if (!roles) return false;
  // The name written before the value, where no register line was read (a note's `[exception RIP: f+29] RIP: ffff…`).
  const name = registerOf(context) ?? WRITTEN_NAME.exec(context.lineText.slice(0, context.word.start))?.[1];
  return name !== undefined && roles.pc.some((pc) => pc.toLowerCase() === name.toLowerCase());
}

/** What the hovered register holds when it is one of an instruction's own address (RegisterRoles.instructionAt). */
function instructionRegister(context: HoverContext): string | undefined {
  const roles = registerRoles(context.model.spec, context.model.archUnmodelled);
  const name = roles?.instructionAt ? registerOf(context) : undefined;
  return name !== undefined ? roles!.instructionAt![name] : undefined;
}

/** powerpc's `NIP [` before the pc's value, on the line that names it. */
const NIP_LINE = /(?:^|\s)NIP \[$/;
/** s390x's line before the address of the last branch taken (`Last Breaking-Event-Address:`). */
const BREAKING_EVENT = /Last Breaking-Event-Address:\s*$/;

/** `NAME: ` (perhaps `NAME: 0010:`) right before a value. */
const WRITTEN_NAME = /\b([A-Za-z][A-Za-z0-9]{0,7}) *: *(?:[0-9a-fA-F]{4}:)?$/;

export const returnAddress: HoverFact = {
  id: 'return-address',
  describe(context) {
    const value = readValue(context);
    if (!value) return undefined;
    // Without a layout (architecture unknown) a symbol the transcript shows near the value still names
    // it, and so does a frame printed at it (`#0 [c0ceded4] schedule at c011af85`).
    const text = value.cls.kind === 'kernel-text' || value.cls.kind === 'module-text';
    const unknownNamed =
      value.cls.kind === 'address' &&
      (value.cls.symbol !== undefined || context.model.framesAt(value.address)?.naming !== undefined);
    if (!text && !unknownNamed) return undefined;
    const { model } = context;
    const address = value.address;
    const match = model.symbols.lookup(address);
    const pc = isProgramCounter(context);
    // A bt frame's call instruction or the instruction before its pc (arm64) is ./btFrameAddress's.
    if (!pc && (hoveredBtAddress(context)?.role ?? 'return') !== 'return') return undefined;
    const onListing = model.instructions.linesAt(address).includes(context.line);
    // A bt frame printed at the pc of the exception frame crash shows in its backtrace (` #6 [..]
    // _spin_lock_irq at ffffffff8152a238` below `RIP: ffffffff8152a238`): the interrupted instruction.
    const interrupted = pc ? undefined : interruptedAt(context, address);
    if (interrupted !== undefined && (!match || match.confidence === 'nearest')) {
      const frame = hoveredBtAddress(context)!.frame;
      return `Instruction in ${code(frame.function)}${frame.module ? ` [${frame.module}]` : ''}: ${interruptedWords(interrupted)}`;
    }
    if (!pc && !onListing && (!match || match.confidence === 'nearest')) {
      const framed = namedByFrame(model, address);
      if (framed) return framed;
    }
    if (!match) return undefined;
    const parts: string[] = [];
    const module = match.symbol.module ? ` [${match.symbol.module}]` : '';
    // `sym` showed it as data (`ffffffff836fe760 (d) rtnl_mutex`, `(B) ata_dummy_port_ops [libata]`): no code at all.
    if (isLocalLabel(match.symbol.name)) {
      const inside = match.offset === 0 ? code(match.symbol.name) : code(`${match.symbol.name}+${match.offset}`);
      return `${inside}${module} — data, not code: ${code(match.symbol.name)} is a compiler's label of a constant (a string in .rodata), so no return address`;
    }
    const dataType = dataSymbolType(model, match.symbol);
    if (dataType !== undefined) {
      const inside = match.offset === 0 ? code(match.symbol.name) : code(`${match.symbol.name}+${match.offset}`);
      return `${inside}${module} — data, not code: ${code('sym')} shows ${code(match.symbol.name)} as ${code(`(${dataType})`)} (${DATA_TYPES[dataType]}), so no return address`;
    }
    const guess =
      match.confidence === 'nearest'
        ? ' (nearest known symbol; its size is unknown)'
        : match.symbol.fromFile
          ? ` (from the symbol file ${code(match.symbol.fromFile)}, not the transcript)`
          : '';
    const at = match.offset === 0 ? code(match.symbol.name) : code(`${match.symbol.name}+${match.offset}`);
    const hexAt = match.offset === 0 ? '' : ` (${code(`${match.symbol.name}+0x${match.offset.toString(16)}`)})`;
    const instructionAt = (what: string): string => {
      parts.push(`Instruction at ${at}${module}${hexAt}${guess}: ${what}`);
      const source = model.sourceAt(address);
      if (source) parts.push(`Source: ${code(`${source.file}: ${source.line}`)}`);
      return parts.join('\n\n');
    };
    if (pc) return instructionAt('where execution was, not a return address');
    if (context.line > 0 && BREAKING_EVENT.test(model.line(context.line - 1)))
      return instructionAt("the last branch taken before the exception (s390x's breaking-event address), not a return address");
    const branch = instructionRegister(context);
    if (branch !== undefined) return instructionAt(`${branch}, not a return address`);
    if (interrupted !== undefined) return instructionAt(interruptedWords(interrupted));
    // A listing line's own address (`0xffffffffc07258ae <kmem_alloc+78>:`): the instruction it shows.
    if (onListing) return instructionAt('the one this line shows');
    // The operand of the line's jump or call (`jne 0xffffffffc0832d00 <nvme_queue_rq.cold+46>`): where it goes.
    const shown = model.instructions.decode(context.line);
    if (shown && shown.target === address && context.lineText.indexOf(shown.mnemonic) < context.word.start)
      return instructionAt(
        shown.isCall
          ? `the target of the ${code(shown.mnemonic)} on this line, the function it calls, not a return address`
          : `where the ${code(shown.mnemonic)} on this line branches to, not a return address`,
      );
    // `sym`'s line (`79009700 (t) iomap_finish_ioend+192`) names an address someone asked about: no more.
    if (
      model.lineKinds[context.line] === LineKind.Sym &&
      context.lineText.slice(0, context.word.start).trim() === '' &&
      match.offset !== 0
    )
      return instructionAt(`the address ${code('sym')} names on this line; a return address only if a stack holds it`);
    const call = callSiteOf(model, address)?.instruction;
    // A function's first byte after a call that ends the function before it (noreturn): crash names it by that call.
    const step = model.spec?.calls.returnToCall;
    // Only a function the transcript shows reaching the address: by its size, or a listing of its last
    // instruction (the nearest symbol before it may end far below).
    const near = match.offset === 0 && step !== undefined ? model.symbols.lookup(address - step) : undefined;
    const site = near && (near.confidence !== 'nearest' || call?.function === near.symbol.name) ? near : undefined;
    const caller =
      site && site.symbol.name !== match.symbol.name ? `${site.symbol.name}+${site.offset + Number(step)}` : undefined;
    if (caller && call?.isCall && call.function !== match.symbol.name) {
      parts.push(
        `Return address ${code(caller)} of a noreturn call at the end of ${code(site!.symbol.name)} — crash names it so (return address − ${step}); the address itself is ${code(`${match.symbol.name}+0`)}${module}`,
      );
    } else if (!shownAsCode(model, match.symbol)) {
      parts.push(notShownAsCode(match.symbol.name, match.offset, module, guess));
    } else if (match.offset === 0) {
      const or = caller
        ? `; on a stack it can also be the return address of a noreturn call at the end of ${code(site!.symbol.name)} (${code(caller)})`
        : ', so not a return address';
      parts.push(`${code(match.symbol.name)}${module} — start of the function${or}${guess}`);
    } else {
      parts.push(
        `Return address ${code(`${match.symbol.name}+${match.offset}`)}${module} (${code(`${match.symbol.name}+0x${match.offset.toString(16)}`)})${guess}`,
      );
    }
    const pcPast = pcPastLink(context, address, match.symbol.name);
    if (pcPast !== undefined) {
      const call = callSiteOf(model, address)?.instruction;
      const callee = call?.isCall && call.targetSymbol ? ` (${code(call.targetSymbol.name)})` : '';
      parts.push(
        `A link register left over: the pc of the same registers, ${code(`${match.symbol.name}+${pcPast}`)}, is past it in the same function, so that call${callee} has returned and no frame of it is above; the registers are ${code(match.symbol.name)}'s own`,
      );
      return parts.join('\n\n');
    }
    parts.push(...callFacts(model, address));
    return parts.join('\n\n');
  },
};

/**
 * Functions are rarely longer than this: a word this far past its nearest symbol is in an object (an
 * array: `_printk_rb_static_descs+98280`), not in code.
 */
const LONGEST_FUNCTION = 0x10000;

/** A word crash names by a symbol the transcript never shows as code: a return address only if the symbol is a function. */
function notShownAsCode(name: string, offset: number, module: string, guess: string): string {
  const at = offset === 0 ? code(name) : code(`${name}+${offset}`);
  const shown = `${at}${module}${guess} — the transcript shows ${code(name)} as no function (no frame, listing or call of it; crash names any kernel address by its nearest symbol)`;
  if (offset === 0 && isColdPart(name)) return `${shown}: its start, ${COLD_PART_START}`;
  const what =
    offset === 0
      ? "its start: an object's address or a function pointer, not a return address"
      : offset >= LONGEST_FUNCTION
        ? `${offset} bytes in, more than a function's length: most likely a pointer into data, not a return address`
        : `a return address only if ${code(name)} is code; it may be a pointer into data`;
  return `${shown}: ${what} (${code(`sym ${name}`)} tells)`;
}

const interruptedWords = (line: number): string =>
  `where the exception interrupted it, the pc of the exception frame on line ${lineRef(line)}, not a return address`;

/**
 * The line of the exception frame whose pc is `address`, when the hovered value is a frame of that
 * backtrace, or a dumped word of the stack (the pt_regs the exception saved it in).
 */
function interruptedAt(context: HoverContext, address: bigint): number | undefined {
  const hovered = hoveredBtAddress(context);
  const roles = registerRoles(context.model.spec, context.model.archUnmodelled);
  if (!roles) return undefined;
  const pcs = roles.pc.map((name) => name.toLowerCase());
  const isPc = (r: { name: string; value?: bigint }) => r.value === address && pcs.includes(r.name.toLowerCase());
  if (hovered) {
    const exceptions = hovered.bt.exceptionFrames;
    const line = exceptions.find((e) => e.registers.some(isPc))?.line;
    // The frame right after an exception frame crash printed: the function it interrupted. Where the
    // backtrace shows none (a `bt -f` pasted from the interrupted frame on), a frame at a report's pc too.
    const afterException = exceptions.some((e) => e.afterLevel === hovered.frame.level - 1);
    return line ?? (afterException || exceptions.length === 0 ? reportPcAt(context, address, pcs) : undefined);
  }
  const value = readValue(context);
  // A console trace's frame at the pc its report's registers hold (s390x and arm64 traces start at the pc).
  if (context.model.lineKinds[context.line] === LineKind.TraceFrame)
    return context.model.registersWithValue(address).find((r) => isPc(r) && r.line !== context.line)?.line;
  if (value?.role !== 'word' || context.model.stackAt(value.address) !== undefined || !onStack(context)) return undefined;
  // The pc field of the registers an exception saved on the stack (x86_64's pt_regs.ip), where the block is found.
  const field = value.location !== undefined ? exceptionFrameFieldAt(context.model, value.location) : undefined;
  if (field?.register !== undefined && pcs.includes(field.register.toLowerCase())) {
    const printed = field.place.block.find((r) => r.name === field.register);
    if (printed) return printed.line;
  }
  return context.model.registersWithValue(address).find((r) => isPc(r) && r.line !== context.line)?.line;
}

/**
 * The line of a console report whose pc names `address` by its symbol (`RIP: 0010:lkdtm_SOFTLOCKUP+0xe/0x10`,
 * no value): crash's bt prints the interrupted function as a frame at that pc, also where it took the
 * exception frame for bogus.
 */
function reportPcAt(context: HoverContext, address: bigint, pcs: readonly string[]): number | undefined {
  const match = context.model.symbols.lookup(address);
  if (!match || match.confidence === 'nearest') return undefined;
  for (const report of context.model.reports)
    for (const r of report.registers)
      if (pcs.includes(r.name.toLowerCase()) && r.symbol?.name === match.symbol.name && r.symbol.offset === match.offset)
        return r.line;
  return undefined;
}

/** Whether the hovered word is dumped from a stack (its line's address lies in one). */
function onStack(context: HoverContext): boolean {
  const location = readValue(context)?.location;
  return location !== undefined && context.model.stackAt(location) !== undefined;
}

/**
 * The pc's offset when the hovered value is a link register whose block's pc lies past it in the same
 * function (`PC: __queue_work+180`, `LR: __queue_work+172`): the call before the lr has returned.
 */
function pcPastLink(context: HoverContext, address: bigint, fn: string): number | undefined {
  const roles = registerRoles(context.model.spec, context.model.archUnmodelled);
  const name = registerOf(context);
  if (!roles || name === undefined || !roles.lr.includes(name)) return undefined;
  const pc = registerBlockOf(context)?.find((r) => roles.pc.includes(r.name) && r.value !== undefined)?.value;
  if (pc === undefined || pc <= address) return undefined;
  const at = context.model.symbols.lookup(pc);
  return at && at.symbol.name === fn && at.confidence !== 'nearest' ? at.offset : undefined;
}

/** A return address a frame names (../card frameName), in words. */
function namedByFrame(model: Model, address: bigint): string | undefined {
  const named = frameName(model, address);
  if (!named) return undefined;
  const { frame, offset, step } = named;
  const module = named.module ? ` [${named.module}]` : '';
  const name =
    offset !== undefined && offset !== 0
      ? `${code(`${named.function}+${offset}`)}${module} (${code(`${named.function}+0x${offset.toString(16)}`)})`
      : `into ${code(named.function)}${module}`;
  const where = named.atCall
    ? `printed at its call ${code(hexWord(address - step, model.wordBytes))}, return address − ${step}`
    : 'printed at this address';
  const who = named.inBacktrace
    ? `, as bt frame #${frame.level} names it, ${where} (line ${lineRef(frame.line)})`
    : `, as the call trace names it (line ${lineRef(frame.line)})`;
  return [`Return address ${name}${who}`, ...callFacts(model, address)].join('\n\n');
}

/** The source line of a return address and the call before it, when the transcript shows them. */
function callFacts(model: Model, address: bigint): string[] {
  const parts: string[] = [];
  const call = callSiteOf(model, address)?.instruction;
  const source = model.sourceAt(address);
  if (source) parts.push(`Source: ${code(`${source.file}: ${source.line}`)}`);
  if (call && call.isCall) {
    const target = call.targetSymbol;
    const entries = model.spec?.calls.entryOffsets;
    // ppc64 `bl <cleanup_module+136>`: a module's PLT stub, not a function of that name.
    const viaStub = target?.offset !== undefined && entries !== undefined && !entries.includes(target.offset);
    const insn = `${call.mnemonic} ${call.operands}`.trim();
    parts.push(
      `Returns after ${code(insn)} at ${code(`${call.function}+${call.offset}`)}` +
        (viaStub
          ? ' (through a stub: the listing does not name the callee)'
          : target && opaqueTargetNote(target.name)
            ? ` — ${opaqueTargetNote(target.name)}`
            : target
              ? ` — so the frame above must be ${code(target.name)}`
              : call.target !== undefined
                ? ` (a call to ${code(hexWord(call.target, model.wordBytes))}, which the listing does not name)`
                : ' (indirect call)'),
    );
  } else if (call && !call.isCall) {
    parts.push(
      `The instruction before it is ${code(`${call.mnemonic} ${call.operands}`.trim())}, not a call: probably not a return address`,
    );
  }
  return parts;
}
