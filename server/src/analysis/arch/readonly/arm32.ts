// 32-bit arm: console `pc : [<c0123456>]    lr : [<…>]    psr: 60000013`,
// `r10: …  r9 : …  r8 : …` (arch/arm/kernel/process.c __show_regs); crash prints the same
// names in its bt blocks. With the 3G/1G split the kernel image starts at c0008000 and
// modules sit just below PAGE_OFFSET at bf000000 (MODULES_VADDR = PAGE_OFFSET - 16 MiB,
// arch/arm/include/asm/memory.h). arm64 also writes `ldr`/`str`, `pc`/`lr`/`sp`: 32-bit
// registers in the operands decide.
import { CPSR } from './arm32Cpsr';
import { oneOf, thirtyTwoBitLine, type ReadOnlyArch } from './types';

const NUMBERED = Array.from({ length: 11 }, (_, i) => `r${i}`);
const MNEMONICS = new Set([
  'push',
  'pop',
  'ldr',
  'str',
  'ldm',
  'stm',
  'ldmia',
  'stmdb',
  'mov',
  'movw',
  'movt',
  'bl',
  'blx',
  'bx',
  'cmp',
  'add',
  'sub',
  'ldrb',
  'strb',
  'ldrd',
  'strd',
  'mcr',
  'mrc',
  'udf',
]);

export const arm32: ReadOnlyArch = {
  name: 'arm32',
  wordBytes: 4,
  // THREAD_SIZE 8 KiB (arch/arm/include/asm/thread_info.h); IRQ stacks are THREAD_SIZE too (arch/arm/kernel/irq.c).
  stackBytes: { task: 0x2000n, irq: 0x2000n },
  registers: {
    names: [...NUMBERED, 'fp', 'ip', 'sp', 'lr', 'pc', 'psr'],
    pc: ['pc'],
    sp: ['sp'],
    fp: ['fp'],
    lr: ['lr'],
    args: ['r0', 'r1', 'r2', 'r3'],
    status: { psr: CPSR },
  },
  evidence: {
    machines: ['arm', 'armv7l', 'armv7hl', 'armv6l', 'armhf', 'armel', 'armmp', 'armmp-lpae'],
    registerLine: oneOf(2, ...NUMBERED, 'fp', 'ip', 'psr'),
    // `push {fp, lr}`, `ldr r3, [r0, #4]`: A32 register names where arm64 writes x/w.
    instruction: (mnemonic, text, operandsAt) =>
      MNEMONICS.has(mnemonic) &&
      thirtyTwoBitLine(text) &&
      /(?:^|[\s,{[])(?:r\d{1,2}|fp|ip|lr|sp|pc)\b/.test(text.slice(operandsAt))
        ? 2
        : 0,
    textAddress: () => 0,
    // With the 2G/2G split (CONFIG_VMSPLIT_2G: Versatile Express, as syzkaller's arm kernels) the image
    // starts at 80008000 and modules at 7f000000: where mips32 keeps its text too, so its names decide.
    textAddress32: (hex) => (hex.startsWith('c0') || hex.startsWith('bf') || hex[0] === '8' || hex.startsWith('7f') ? 1 : 0),
    // crash's arm.c alone prints `(func) from [<caller>]`: frames of a `bt -a` of sleeping tasks
    // show no registers, and their text at c0… is i386's too.
    frameShape: (shape) => (shape === 'caller-from' ? 1 : 0),
  },
};
