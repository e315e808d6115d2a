// x86_64 exception frames: struct pt_regs on the stack (design.md §4). The CPU
// pushed ss, sp, flags, cs, ip; kernel cs is 0x10 and ss 0x18, user 0x33/0x2b.
import type { Model } from '../../model';
import type { ExceptionFrameLayout } from '../types';
import { isTextAddress, stackWord, type StackBounds } from '../../unwind/code';

/** r15 r14 r13 r12 bp bx r11 r10 r9 r8 ax cx dx si di orig_ax ip cs flags sp ss, 8 bytes each. */
export const PT_REGS: ExceptionFrameLayout = {
  walkedAtRegs: true,
  bytes: 0xa8,
  offsets: { bp: 0x20, ip: 0x80, cs: 0x88, flags: 0x90, sp: 0x98, ss: 0xa0 },
  words: {
    fields: [
      ['r15', 'R15'],
      ['r14', 'R14'],
      ['r13', 'R13'],
      ['r12', 'R12'],
      ['bp', 'RBP'],
      ['bx', 'RBX'],
      ['r11', 'R11'],
      ['r10', 'R10'],
      ['r9', 'R9'],
      ['r8', 'R8'],
      ['ax', 'RAX'],
      ['cx', 'RCX'],
      ['dx', 'RDX'],
      ['si', 'RSI'],
      ['di', 'RDI'],
      ['orig_ax', 'ORIG_RAX'],
      ['ip', 'RIP'],
      ['cs', 'CS'],
      ['flags', 'RFLAGS'],
      ['sp', 'RSP'],
      ['ss', 'SS'],
    ],
    pc: 'ip',
    sp: 'sp',
  },
};
export const PT_REGS_SIZE = BigInt(PT_REGS.bytes);
const at = (field: string) => BigInt(PT_REGS.offsets[field]);
const OFFSET = { bp: at('bp'), ip: at('ip'), cs: at('cs'), flags: at('flags'), sp: at('sp'), ss: at('ss') };

export interface PtRegs {
  address: bigint;
  ip: bigint;
  sp: bigint;
  bp?: bigint;
  flags: bigint;
  user: boolean;
  /** Lines of the words read. */
  lines: number[];
}

/** The pt_regs starting at `address`, when the words there have its shape. */
export function ptRegsAt(model: Model, address: bigint, stack: StackBounds): PtRegs | undefined {
  const read = (offset: bigint) => stackWord(model, address + offset);
  const cs = read(OFFSET.cs);
  if (!cs || (cs.value !== 0x10n && cs.value !== 0x33n)) return undefined;
  const ss = read(OFFSET.ss);
  const user = cs.value === 0x33n;
  if (!ss || ss.value !== (user ? 0x2bn : 0x18n)) return undefined;
  const flags = read(OFFSET.flags);
  // EFLAGS bit 1 is always set; nothing above bit 21 is defined.
  if (!flags || (flags.value & 2n) === 0n || flags.value >= 1n << 22n) return undefined;
  const ip = read(OFFSET.ip);
  const sp = read(OFFSET.sp);
  if (!ip || !sp) return undefined;
  if (!user) {
    if (!isTextAddress(model, ip.value)) return undefined;
    // The interrupted sp is above the frame on the same stack, or on another stack (IRQ entry).
    const sameStack = sp.value >= stack.base && sp.value < stack.top;
    if (sameStack && sp.value < address + PT_REGS_SIZE) return undefined;
    if (!sameStack && model.stackAt(sp.value) === undefined && (sp.value & 7n) !== 0n) return undefined;
  }
  const bp = read(OFFSET.bp);
  return {
    address,
    ip: ip.value,
    sp: sp.value,
    bp: bp?.value,
    flags: flags.value,
    user,
    lines: [...new Set([ip.line, cs.line, flags.line, sp.line, ss.line])],
  };
}
