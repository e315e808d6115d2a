// Where on a dumped stack the registers of a printed block were saved: the exception frame's
// structure (x86_64 and arm64 pt_regs) whose pc word holds the block's pc and whose sp word its sp.
// A dumped word inside one is that register of that context, not a loose value.
import type { ExceptionFrameWords } from '../arch/types';
import type { Model } from '../model';
import { perModel } from '../perModel';
import type { Register } from '../types';
import { pcOf } from './code';
import { registerBlocks } from './registerBlocks';

export interface ExceptionFramePlace {
  /** Where the structure starts. */
  readonly address: bigint;
  readonly words: ExceptionFrameWords;
  /** The printed block its words are the registers of. */
  readonly block: readonly Register[];
}

/** How many dumped copies of one pc value are tried: a pc is seldom on a stack more than a few times. */
const MAX_CANDIDATES = 64;

export const exceptionFramePlaces = perModel((model: Model): ExceptionFramePlace[] => {
  const spec = model.spec;
  const words = spec?.exceptionFrame?.words;
  if (!spec || !words) return [];
  const pcAt = BigInt(8 * words.fields.findIndex(([field]) => field === words.pc));
  const spAt = BigInt(8 * words.fields.findIndex(([field]) => field === words.sp));
  // crash's "possibly bogus exception frame" is words it read at the wrong place: no context's registers.
  const bogus = new Set(model.backtraces.flatMap((bt) => bt.exceptionFrames.filter((e) => e.bogus).flatMap((e) => e.registers)));
  const places = new Map<bigint, ExceptionFramePlace>();
  for (const block of registerBlocks(model)) {
    if (block.some((r) => bogus.has(r))) continue;
    // A console's `pc : cc_do_bug+0x30/0x40` is the pc where the transcript shows the function's start.
    const pc =
      pcOf(
        model,
        block.find((r) => r.value !== undefined && spec.registers.pc.includes(r.name)),
      ).pc ??
      pcOf(
        model,
        block.find((r) => spec.registers.pc.includes(r.name)),
      ).pc;
    const sp = block.find((r) => r.value !== undefined && spec.registers.sp.includes(r.name))?.value;
    if (pc === undefined || sp === undefined || pc === 0n) continue;
    // The pc and sp can stand so elsewhere too (arm64's pt_regs.stackframe holds x29 and the pc, and
    // x29 is often the sp): of the places with both, the one whose other words hold the block's values.
    let best: { address: bigint; score: number } | undefined;
    for (const word of model.memory.occurrencesOfValue(pc, MAX_CANDIDATES)) {
      const address = word.address - pcAt;
      if (places.has(address) || model.memory.readWidest(address + spAt)?.value !== sp) continue;
      const score = agreement(model, words, block, address);
      if (score >= 0 && (!best || score > best.score)) best = { address, score };
    }
    if (best) places.set(best.address, { address: best.address, words, block });
  }
  return [...places.values()];
});

/** The block's registers the words at `address` hold, less those they do not (dumped words only). */
function agreement(model: Model, words: ExceptionFrameWords, block: readonly Register[], address: bigint): number {
  let score = 0;
  words.fields.forEach(([, register], i) => {
    const value = register !== undefined ? block.find((r) => r.name === register)?.value : undefined;
    const word = value !== undefined ? model.memory.readWidest(address + BigInt(8 * i)) : undefined;
    if (word) score += word.value === value ? 1 : -1;
  });
  return score;
}

/** The field of an exception frame the dumped word at `location` is, if it lies in one. */
export function exceptionFrameFieldAt(
  model: Model,
  location: bigint,
): { place: ExceptionFramePlace; field: string; register?: string; note?: string } | undefined {
  for (const place of exceptionFramePlaces(model)) {
    const offset = location - place.address;
    if (offset < 0n || offset % 8n !== 0n || offset >= BigInt(8 * place.words.fields.length)) continue;
    const [field, register, note] = place.words.fields[Number(offset / 8n)];
    return { place, field, register, note };
  }
  return undefined;
}
