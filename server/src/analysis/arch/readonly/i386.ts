// i386 (x86-32): `EIP`/`EAX`… register lines (console `show_regs`, crash's bt exception
// blocks), AT&T disassembly at 8-digit addresses. The 3G/1G split puts the kernel at
// PAGE_OFFSET c0000000 with its text from c1000000 (CONFIG_PHYSICAL_START 0x1000000,
// arch/x86/Kconfig); modules and vmalloc'ed stacks lie above the direct map (e0…, f8…).
// x86_64 shares the names and the operands, so i386 scores them twice: only 32-bit
// evidence decides.
import { x86EntryFunction } from '../x86_64/entryFunctions';
import { CR0, CR3, CR4 } from '../x86_64/controlRegisters';
import { ORIG_EAX } from '../x86_64/origAx';
import { flagsRegister } from '../x86_64/flags';
import { segmentRegister } from '../x86_64/segments';
import { oneOf, thirtyTwoBitLine, type ReadOnlyArch } from './types';

const GENERAL = ['EAX', 'EBX', 'ECX', 'EDX', 'ESI', 'EDI', 'EBP', 'ESP', 'EIP'];
// 2.6's show_registers printed them in lower case (`eax: c038db78   ebx: c038db04 …`, `ds: 007b   es: 007b`).
const LOWER_CASE = ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp', 'esp', 'ds', 'es', 'ss'];

/**
 * A console trace's function: the entry code of arch/x86/entry/entry_32.S (its `handle_exception` is
 * riscv64's name too, scored alike so that neither wins by it), and the exception entry i386 shares
 * with x86_64 (`exc_page_fault`), scored as x86_64 scores it.
 */
function traceFunction(name: string, doubtful: boolean): number {
  if (doubtful) return 0;
  if (name === 'entry_INT80_32' || name === 'entry_SYSENTER_32' || name === 'handle_exception') return 2;
  return x86EntryFunction(name) ? 1 : 0;
}

export const i386: ReadOnlyArch = {
  name: 'i386',
  wordBytes: 4,
  // THREAD_SIZE = PAGE_SIZE << 1 and IRQ_STACK_SIZE = THREAD_SIZE (arch/x86/include/asm/page_32_types.h).
  stackBytes: { task: 0x2000n, irq: 0x2000n },
  registers: {
    names: [
      ...GENERAL,
      'EFLAGS',
      'ERR',
      'ORIG_EAX',
      'CS',
      'DS',
      'ES',
      'FS',
      'GS',
      'SS',
      'CR0',
      'CR2',
      'CR3',
      'CR4',
      ...LOWER_CASE,
    ],
    pc: ['EIP'],
    sp: ['ESP'],
    fp: ['EBP'],
    lr: [],
    // -mregparm=3 (arch/x86/Makefile): the first three arguments in registers.
    args: ['EAX', 'EDX', 'ECX'],
    holds: { CR2: 'the address of the last page fault on this CPU' },
    status: {
      EFLAGS: flagsRegister('EFLAGS'),
      eflags: flagsRegister('eflags'),
      CR0,
      CR3,
      CR4,
      ORIG_EAX,
      // crash's i386 exception frame prints orig_eax as `ERR:`.
      ERR: {
        ...ORIG_EAX,
        title: 'ERR (orig_eax)',
        inBlock: (block, line) => ({ ...ORIG_EAX.inBlock!(block, line), title: 'ERR (orig_eax)' }),
      },
      ...Object.fromEntries(['CS', 'SS', 'DS', 'ES', 'FS', 'GS'].map((name) => [name, segmentRegister(name)])),
    },
  },
  evidence: {
    machines: ['i386', 'i486', 'i586', 'i686', '686', '686-pae'],
    registerLine: oneOf(2, ...GENERAL, ...LOWER_CASE.slice(0, 8)),
    instruction: (_mnemonic, text, operandsAt) => (text.indexOf('%e', operandsAt) >= 0 && thirtyTwoBitLine(text) ? 2 : 0),
    textAddress: () => 0,
    traceFunction,
    // Before 2.6.31 CONFIG_PHYSICAL_START was 0x100000 (RHEL's 0x400000): text at c01…–c0f…, where
    // 32-bit arm's image lies too; an address there is evidence for both, and registers decide.
    textAddress32: (hex) => (hex.startsWith('c1') || (hex.startsWith('c0') && hex >= 'c0100000') ? 1 : 0),
  },
};
