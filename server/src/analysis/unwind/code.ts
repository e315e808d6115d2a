// What the transcript knows about code and stacks at an address: names from `dis`
// listings, `sym`, frames and symbols; whether a word can be a return address.
import { isLocalLabel, textChance } from '../classify';
import { hex16 } from '../hex';
import type { MemoryWord } from '../memory';
import type { Model } from '../model';
import { namesNoFunction } from '../symbols';
import { readBackNamedWord } from './namedWords';
import { structWords } from './structWords';
import type { Register, SourceLine } from '../types';
import type { Confidence } from './types';

export interface CodeName {
  function: string;
  offset?: number;
  module?: string;
  /** Line that names it. */
  line?: number;
  /** False when only a nearby function start suggests the name. */
  confident: boolean;
  /**
   * The address itself is the start of this (next) function: a noreturn call at the very end
   * of `function` left it, and the frame is named by the call site, as crash does.
   */
  startOf?: string;
}

/** Name of the code at an address: a listing line, then known function starts, then frames printing it. */
export function nameAt(model: Model, address: bigint): CodeName | undefined {
  const named = firstName(model, address);
  if (!named || !namesNoFunction(named.function)) return named;
  // A mapping symbol or local label (`$x…`, `.LVL9`): a frame that names the function is better.
  const frame = model.framesAt(address)?.naming;
  if (frame) return { function: frame.function, offset: frame.offset, module: frame.module, line: frame.line, confident: true };
  return named;
}

function firstName(model: Model, address: bigint): CodeName | undefined {
  const instruction = model.instructions.at(address);
  if (instruction) {
    return {
      function: instruction.function,
      offset: instruction.offset,
      module: moduleOf(model, instruction.function, address),
      line: instruction.line,
      confident: true,
    };
  }
  const match = model.symbols.lookup(address);
  const fromSymbol = match && {
    function: match.symbol.name,
    offset: match.offset,
    module: match.symbol.module ?? moduleAt(model, address),
    line: match.symbol.baseEvidence[0],
    confident: match.confidence !== 'nearest',
  };
  if (fromSymbol?.confident) return fromSymbol;
  // A frame printed at exactly this address beats a guess from the nearest known start.
  const frames = model.framesAt(address);
  const btFrame = frames?.inBacktrace;
  if (btFrame) {
    if (fromSymbol?.function === btFrame.function) return { ...fromSymbol, confident: true };
    return { function: btFrame.function, module: btFrame.module, line: btFrame.line, confident: true };
  }
  const reportFrame = frames?.inReport;
  if (reportFrame)
    return {
      function: reportFrame.function,
      offset: reportFrame.offset,
      module: reportFrame.module,
      line: reportFrame.line,
      confident: true,
    };
  if (fromSymbol) return fromSymbol;
  return undefined;
}

/**
 * Name of the function a return address returns into, judged by the call site
 * (return address − `step`: the architecture's CallConvention.returnToCall) as crash does: a return after a
 * noreturn call at the end of a function names that function. The offset stays
 * the return address's own.
 */
export function returnName(model: Model, returnAddress: bigint, step: bigint): CodeName | undefined {
  const direct = nameAt(model, returnAddress);
  if (direct && direct.confident && direct.offset !== 0) return direct;
  const site = nameAt(model, returnAddress - step);
  const adjusted = site && { ...site, offset: site.offset !== undefined ? site.offset + Number(step) : undefined };
  // Nothing returns to a function's first byte: the call ended the function before it. Unless that
  // function is only a guess from the nearest known start and no listed call precedes the address:
  // then the word is no return address (s390x keeps r14 of an interrupted context) and crash names it as is.
  if (direct?.offset === 0 && adjusted && adjusted.function !== direct.function) {
    if (direct.confident && !adjusted.confident && model.instructions.before(returnAddress)?.isCall !== true) return direct;
    return { ...adjusted, startOf: direct.function };
  }
  if (adjusted && (adjusted.confident || direct === undefined)) return adjusted;
  return direct ?? adjusted;
}

/** The words for a frame named across a function boundary (`startOf`), for notes and hovers. */
export function noreturnNote(name: CodeName, returnAddress: bigint, step: bigint): string | undefined {
  if (!name.startOf) return undefined;
  return `${hex16(returnAddress)} is ${name.startOf}+0: the return address of a noreturn call at the end of ${name.function}, named by return address − ${step} as crash does`;
}

export function sourceOf(model: Model, ...addresses: bigint[]): SourceLine | undefined {
  for (const address of addresses) {
    const source = model.sourceAt(address);
    if (source) return source;
  }
  return undefined;
}

function moduleAt(model: Model, address: bigint): string | undefined {
  return model.modules.find((m) => address >= m.base && address < m.base + BigInt(m.size))?.name;
}

function moduleOf(model: Model, fn: string, address: bigint): string | undefined {
  return model.symbols.get(fn)?.module ?? moduleAt(model, address);
}

export function isTextAddress(model: Model, address: bigint): boolean {
  const chance = textChance(model, model.classify(address).kind);
  if (chance === 'is') return true;
  // Data regions of the layout (direct map, vmemmap) and poison: no name lookup, which is the costly part.
  if (chance === 'never' || chance === 'unlikely') return false;
  return nameAt(model, address)?.confident === true;
}

export function findRegister(block: readonly Register[], ...names: string[]): Register | undefined {
  return block.find((r) => names.includes(r.name));
}

/** The pc a register holds: its value, or its symbol's address where the transcript shows the symbol's base. */
export function pcOf(model: Model, reg: Register | undefined): { pc?: bigint; pcSymbol?: Register['symbol'] } {
  if (!reg) return {};
  // crash prints some pcs with their symbol (`PC: ffff000008268b5c  [kmem_cache_free+252]`): it names the frame the transcript cannot.
  if (reg.value !== undefined) return reg.symbol ? { pc: reg.value, pcSymbol: reg.symbol } : { pc: reg.value };
  if (reg.symbol) {
    const base = model.symbols.get(reg.symbol.name)?.base;
    return { pc: base !== undefined ? base + BigInt(reg.symbol.offset ?? 0) : undefined, pcSymbol: reg.symbol };
  }
  return {};
}

export interface ReturnCheck {
  ok: boolean;
  confidence: Confidence;
  why?: string;
  /** The word is a function's first byte: a function pointer, or the return of a noreturn call before it. */
  atFunctionStart?: boolean;
}

/**
 * Whether a stack word can be a return address: text, never at offset 0 of a
 * function, and right after a call when the listing shows the instruction before it.
 */
export function checkReturnAddress(model: Model, value: bigint, calleeFunction?: string): ReturnCheck {
  if (!isTextAddress(model, value)) return { ok: false, confidence: 'guess', why: 'not a text address' };
  const name = nameAt(model, value);
  if (name && isLocalLabel(name.function))
    return { ok: false, confidence: 'guess', why: `${name.function} is a compiler's label of a constant, not code` };
  const previous = model.instructions.before(value);
  if (name?.offset === 0) {
    // Only the call at the very end of the function before it (noreturn) makes a function's start a return address.
    if (previous?.isCall && previous.function !== name.function)
      return {
        ok: true,
        confidence: 'likely',
        why: `after a noreturn call at the end of ${previous.function}`,
        atFunctionStart: true,
      };
    return { ok: false, confidence: 'guess', why: 'offset 0 of a function', atFunctionStart: true };
  }
  const here = model.instructions.at(value);
  if (previous && previous.isCall) {
    const target = previous.targetSymbol?.name;
    if (calleeFunction && target && target !== calleeFunction) {
      return { ok: true, confidence: 'likely', why: `the call before it goes to ${target}, not ${calleeFunction}` };
    }
    return { ok: true, confidence: 'likely' };
  }
  // The listing shows the instruction before it, in the same listing: it is not a call.
  if (previous && here && here.line === previous.line + 1)
    return { ok: false, confidence: 'guess', why: `follows ${previous.mnemonic}, not a call` };
  return { ok: true, confidence: 'guess', why: 'the instruction before it is not in the transcript' };
}

export interface StackBounds {
  base: bigint;
  top: bigint;
  kind: 'task' | 'irq' | 'unknown';
  /** True when the transcript showed the stack (bt frames, `task -R stack`); else aligned to its size. */
  known: boolean;
}

/** The stack an address lies in: one the transcript showed, else the aligned task-stack size around it. */
export function stackOf(model: Model, address: bigint): StackBounds {
  const known = model.stackAt(address);
  if (known) return { base: known.base, top: known.top, kind: known.kind, known: true };
  const size = model.stackBytes('task');
  const base = address & ~(size - 1n);
  return { base, top: base + size, kind: 'unknown', known: false };
}

export function inStack(stack: StackBounds, address: bigint): boolean {
  return address >= stack.base && address < stack.top;
}

/**
 * A stack word as the transcript shows it: dumped memory, else a field of a printed `struct pt_regs`,
 * else a `func+off` that `bt -F`/`rd -s` printed by name, read back where the transcript tells its value.
 */
export function stackWord(model: Model, address: bigint): MemoryWord | undefined {
  return model.memory.read64(address) ?? structWords(model).get(address) ?? readBackNamedWord(model, address);
}
