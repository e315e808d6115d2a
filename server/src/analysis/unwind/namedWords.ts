// Stack words `bt -F` and `rd -s` print by name instead of value (`panic+844`, `warn_count`,
// `[task_struct]`). A walk reads a `func+off` back to its value where the transcript tells where
// `func` starts: its listings and symbols, else the bt's own frames (crash printed the return
// address a frame's slot holds as the frame's `at`). Elsewhere the walk says which command prints
// the word raw.
import type { ArchSpec } from '../arch/types';
import { hex16 } from '../hex';
import { btSavedAddress } from './btFrameAddress';
import type { MemoryWord } from '../memory';
import type { Model, SymbolicWord } from '../model';
import { perModel } from '../perModel';
import type { Backtrace, Frame } from '../types';

/** A word crash printed by name, read back to a value. */
export interface NamedWord extends MemoryWord {
  /** The word as crash printed it. */
  printed: string;
  /** Where its value comes from, in words for a frame's notes. */
  readFrom: string;
}

const FUNCTION_AND_OFFSET = /^([A-Za-z_.$][\w.$]*)\+(\d+)$/;

/** The first symbolic word printed at each address. */
const namedWordsByAddress = perModel((model): ReadonlyMap<bigint, SymbolicWord> => {
  const byAddress = new Map<bigint, SymbolicWord>();
  for (const word of model.symbolicWords) if (!byAddress.has(word.address)) byAddress.set(word.address, word);
  return byAddress;
});

/** The word crash printed by name at an address, if it did. */
export function namedWordAt(model: Model, address: bigint): SymbolicWord | undefined {
  return model.symbolicWords.length > 0 ? namedWordsByAddress(model).get(address) : undefined;
}

export function isNamedWord(word: MemoryWord): word is NamedWord {
  return 'printed' in word;
}

/** The value of a word printed as `func+off`, where the transcript tells where `func` starts; undefined otherwise. */
export function readBackNamedWord(model: Model, address: bigint): NamedWord | undefined {
  const word = namedWordAt(model, address);
  const m = word && FUNCTION_AND_OFFSET.exec(word.text);
  if (!word || !m) return undefined;
  const [, name, offset] = m;
  const known = model.symbols.get(name)?.base;
  const start = known !== undefined ? { base: known, from: `${name} starts at ${hex16(known)}` } : startsFromBt(model).get(name);
  if (!start) return undefined;
  const value = start.base + BigInt(offset);
  return {
    address,
    value,
    width: 8,
    line: word.line,
    column: word.column,
    printed: word.text,
    readFrom: `\`${word.text}\` read as ${hex16(value)}: ${start.from}`,
  };
}

interface LearnedStart {
  base: bigint;
  /** In words: the frame that told it. */
  from: string;
}

/**
 * Function starts a `bt -F` tells by itself: a frame prints its function at a return address (`#2
 * [ffff80000800b6b0] panic at ffff800008cc5ffc`) and the slot that holds that return address shows
 * it as `panic+844`, so panic starts at the return address − 844. Names two frames disagree on are
 * left out.
 */
const startsFromBt = perModel((model): ReadonlyMap<string, LearnedStart> => {
  const starts = new Map<string, LearnedStart | null>();
  const spec = model.spec;
  if (!spec || model.symbolicWords.length === 0) return new Map();
  for (const bt of model.backtraces) {
    for (let k = 1; k < bt.frames.length; k++) {
      const frame = bt.frames[k];
      const slot = returnSlotOf(spec, bt, k);
      if (slot === undefined || frame.address === undefined) continue;
      const word = namedWordAt(model, slot);
      const m = word && FUNCTION_AND_OFFSET.exec(word.text);
      if (!word || !m || m[1] !== frame.function) continue;
      const base = btSavedAddress(spec, frame.address) - BigInt(m[2]);
      const known = starts.get(m[1]);
      if (known === undefined) {
        const from = `bt frame #${frame.level} prints ${m[1]} at ${hex16(frame.address)} (line ${frame.line + 1}), its return slot ${hex16(slot)} shows \`${word.text}\``;
        starts.set(m[1], { base, from });
      } else if (known && known.base !== base) starts.set(m[1], null);
    }
  }
  const agreed = new Map<string, LearnedStart>();
  for (const [name, start] of starts) if (start) agreed.set(name, start);
  return agreed;
});

/**
 * Where the return address bt frame `k` prints is saved, by what the architecture's bracket
 * stands for (ArchUnwinder.frameStart): the slot itself (x86_64), else the return slot of the
 * frame record below (arm64: the record at frame k − 1's x29 holds the LR into frame k) or of
 * its own frame (s390x, ppc64: the callee saves the return into the caller's frame).
 */
function returnSlotOf(spec: ArchSpec, bt: Backtrace, k: number): bigint | undefined {
  const start = (frame: Frame) =>
    frame.stackAddress !== undefined ? spec.unwinder.frameStart(frame.stackAddress, frame.address, frame.line, '') : undefined;
  const own = start(bt.frames[k]);
  if (own?.slot !== undefined) return own.slot;
  const holder = spec.frames.returnInto === 'caller' ? start(bt.frames[k - 1]) : own;
  return holder?.fp !== undefined ? holder.fp + spec.frames.returnOffset : undefined;
}

/**
 * Why a walk has no value for the words at `address`…`address + 8·(words − 1)`, as a predicate
 * (`the frame record at X …`): crash printed one by name only, and `bt -f` or `rd -x` prints it
 * raw; else the memory is not in the transcript at all.
 */
export function unreadWords(model: Model, address: bigint, words = 1): string {
  for (let i = 0n; i < BigInt(words); i++) {
    const word = namedWordAt(model, address + 8n * i);
    if (word && !readBackNamedWord(model, word.address))
      return `is shown by name only (\`${word.text}\` at ${hex16(word.address)}, line ${word.line + 1}), whose value the transcript does not tell: \`bt -f\` or \`rd -x\` prints it raw`;
  }
  return 'is not in the transcript';
}

/**
 * A word crash printed by name that cannot be a return address: a slab object (`[task_struct]`), a
 * symbol without offset (a function's first byte, or data), or a compiler-local label (`.LC0+877`:
 * constants in rodata).
 */
export function namedNonReturn(word: SymbolicWord): boolean {
  return word.text.startsWith('[') || !word.text.includes('+') || word.text.startsWith('.L');
}
