// The call a return address returns from, as far as the transcript's listings show it. A listing
// that stops short of the address (`dis exc_invalid_op 20` ending at a `mov` whose bytes run on)
// says nothing of what lies between: only an instruction known to end at the address counts.
import type { Model } from './model';
import type { Instruction } from './types';

export type CallSite =
  | { kind: 'call'; instruction: Instruction }
  /** The instruction right before the address is shown and is not a call. */
  | { kind: 'not-call'; instruction: Instruction };

/**
 * Where crash prints callers at the call itself (arm64 `bl`, return address − 4; the console prints
 * the return address): the instruction there. Otherwise (x86_64) the instruction before it, when a
 * listing shows the two adjacent or a direct call of the architecture's length ends there. None on an
 * unknown architecture.
 */
export function callSiteOf(model: Model, address: bigint): CallSite | undefined {
  const calls = model.spec?.calls;
  if (!calls) return undefined;
  const instructions = model.instructions;
  if (calls.btShowsCallSite) {
    const at = instructions.at(address);
    if (at?.isCall) return { kind: 'call', instruction: at };
    const before = instructions.at(address - calls.returnToCall);
    if (before) return before.isCall ? { kind: 'call', instruction: before } : undefined;
    return undefined;
  }
  const before = instructions.before(address);
  if (!before || before.address >= address) return undefined;
  if (adjacentInListing(model, before, address)) return { kind: before.isCall ? 'call' : 'not-call', instruction: before };
  if (before.isCall && before.target !== undefined && address - before.address === calls.directCallBytes)
    return { kind: 'call', instruction: before };
  return undefined;
}

/** The listing goes on at `address` right after `before` (`dis -l` prints a source line between two instructions). */
function adjacentInListing(model: Model, before: Instruction, address: bigint): boolean {
  for (const line of model.instructions.linesAt(address)) {
    const gap = line - before.line;
    if (gap === 1) return true;
    if (gap === 2 && model.instructions.at(address)?.source !== undefined) return true;
  }
  return false;
}
