// The hover facts, in the order the card shows them: most telling first.
// A new fact is one file in this folder plus one line here.
import type { HoverFact } from '../fact';
import { addressHeading } from './addressHeading';
import { btFrameAddress } from './btFrameAddress';
import { btReturnSlot } from './btReturnSlot';
import { consoleFrame } from './consoleFrame';
import { dumpedSymbol } from './dumpedSymbol';
import { errorNumber } from './errorNumber';
import { exceptionFrameField } from './exceptionFrameField';
import { frameRole } from './frameRole';
import { functionName } from './functionName';
import { memoryHolds } from './memoryHolds';
import { occurrences } from './occurrences';
import { operandOffset } from './operandOffset';
import { pastStackBottom } from './pastStackBottom';
import { pointerAuthentication } from './pointerAuthentication';
import { registerNote } from './registerNote';
import { returnAddress } from './returnAddress';
import { savedRegistersPointer } from './savedRegistersPointer';
import { rowRegister } from './rowRegister';
import { slabCacheName } from './slabCacheName';
import { slabObject } from './slabObject';
import { stackCanary } from './stackCanary';
import { stackSlot } from './stackSlot';
import { statusBits } from './statusBits';
import { structMember } from './structMember';
import { symbolOffset } from './symbolOffset';
import { taskStruct } from './taskStruct';
import { unnamedFrame } from './unnamedFrame';
import { valueHeading } from './valueHeading';
import { valueReadings } from './valueReadings';

export const HOVER_FACTS: readonly HoverFact[] = [
  addressHeading,
  valueHeading,
  errorNumber,
  statusBits,
  pointerAuthentication,
  exceptionFrameField,
  savedRegistersPointer,
  btFrameAddress,
  returnAddress,
  btReturnSlot,
  stackSlot,
  pastStackBottom,
  slabObject,
  structMember,
  memoryHolds,
  taskStruct,
  stackCanary,
  frameRole,
  valueReadings,
  occurrences,
  registerNote,
  rowRegister,
  symbolOffset,
  dumpedSymbol,
  consoleFrame,
  unnamedFrame,
  operandOffset,
  functionName,
  slabCacheName,
];
