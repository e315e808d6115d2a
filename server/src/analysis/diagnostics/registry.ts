// Every diagnostic rule, one module each under ./rules. Adding a rule is its module plus
// one line here; RuleCode, the settings enum (package.json) and the README table follow
// from this list (`npm run docs:rules` writes them, a unit test fails when they drift).
// The order is the order rules run in (each after the rules it depends on).
import { bogusExceptionFrame } from './rules/bogus-exception-frame';
import { callTargetMismatch } from './rules/call-target-mismatch';
import { fpChainBroken } from './rules/fp-chain-broken';
import { frameOrder } from './rules/frame-order';
import { memoryConflict } from './rules/memory-conflict';
import { notText } from './rules/not-text';
import { offsetBeyondSize } from './rules/offset-beyond-size';
import { regsVsFrame } from './rules/regs-vs-frame';
import { reportDamaged } from './rules/report-damaged';
import { segmentMismatch } from './rules/segment-mismatch';
import { staleFrame } from './rules/stale-frame';
import { symbolBaseConflict } from './rules/symbol-base-conflict';
import { taggedReturnAddress } from './rules/tagged-return-address';
import { unreliableFrame } from './rules/unreliable-frame';
import { unwindDisagrees } from './rules/unwind-disagrees';

export const RULES = [
  staleFrame,
  callTargetMismatch,
  bogusExceptionFrame,
  frameOrder,
  offsetBeyondSize,
  notText,
  symbolBaseConflict,
  memoryConflict,
  fpChainBroken,
  regsVsFrame,
  unreliableFrame,
  reportDamaged,
  unwindDisagrees,
  segmentMismatch,
  taggedReturnAddress,
] as const;

export type RuleCode = (typeof RULES)[number]['code'];

export const RULE_CODES: readonly RuleCode[] = RULES.map((rule) => rule.code);

export function isRuleCode(code: string): code is RuleCode {
  return (RULE_CODES as readonly string[]).includes(code);
}
