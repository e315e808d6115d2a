// loongarch64, from the kernel and crash sources. __show_regs (arch/loongarch/kernel/traps.c)
// prints the general registers as colon-less pairs, four to a line (`pc X ra X tp X sp X`, `a0 …`,
// …, `t8 X u0 X s9 X s0 X`, `s1 …`, `s5 …`; `pc` stands for $zero's slot and holds ERA, `s9` is
// $r22, the frame pointer), then `   ra: X func+off`, `  ERA: X func+off` and the CSRs: ` CRMD:`,
// ` PRMD:`, ` EUEN:`, ` ECFG:`, `ESTAT: X [PIL] (…)`, ` BADV:`, ` PRID:` (5.19–6.1 kernels print
// `BadVA :` and `PrId  :` like mips). crash's bt prints exception frames as `$ 0      : v v v v`
// rows, `era      :`, `ra       :`, `CSR crmd :` … `BadVA    :` (loongarch64.c
// loongarch64_dump_exception_stack). ABI: $r1 ra, $r3 sp, $r4–$r11 a0–a7, $r22 fp.
// The kernel runs in the cached direct-mapped window at 9000000000000000 (CACHE_BASE,
// arch/loongarch/include/asm/addrspace.h); modules and vmalloc start at vm_map_base =
// -(1 << (VA bits - 1)), ffff8000… with 48-bit VA (arch/loongarch/include/asm/pgtable.h), where
// arm64 puts its image: no evidence there.
import { BARE_PAIRS } from '../types';
import { CRMD, ESTAT, EUEN, PRMD } from './loongarchCsrs';
import { NUMBERED_GPRS, oneOf, type ReadOnlyArch } from './types';

const CSRS = ['ERA', 'era', 'CRMD', 'PRMD', 'EUEN', 'ECFG', 'ESTAT', 'BADV', 'PRID'];
const CRASH_CSRS = ['CSR crmd', 'CSR prmd', 'CSR ecfg', 'CSR estat', 'CSR euen'];
const ARGS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];
/** In the order __show_regs prints them: ERA in $zero's slot, then $r1…$r31 by ABI name. */
const GPRS = [
  'pc',
  'ra',
  'tp',
  'sp',
  ...ARGS,
  't0',
  't1',
  't2',
  't3',
  't4',
  't5',
  't6',
  't7',
  't8',
  'u0',
  's9',
  's0',
  's1',
  's2',
  's3',
  's4',
  's5',
  's6',
  's7',
  's8',
];
const OWN = new Set([...CSRS, ...CRASH_CSRS, BARE_PAIRS]);

export const loongarch64: ReadOnlyArch = {
  name: 'loongarch64',
  wordBytes: 8,
  // THREAD_SIZE 16 KiB (arch/loongarch/include/asm/thread_info.h); IRQ_STACK_SIZE = THREAD_SIZE (asm/irq.h).
  stackBytes: { task: 0x4000n, irq: 0x4000n },
  registers: {
    names: [...CSRS, ...CRASH_CSRS, ...GPRS, ...NUMBERED_GPRS, 'BadVA', 'PrId'],
    pc: ['ERA', 'era', 'pc'],
    sp: ['sp', '$3'],
    fp: ['s9', '$22'],
    lr: ['ra', '$1'],
    args: ARGS,
    barePairs: GPRS,
    status: {
      CRMD,
      'CSR crmd': CRMD,
      PRMD,
      'CSR prmd': PRMD,
      EUEN,
      'CSR euen': EUEN,
      ESTAT,
      'CSR estat': ESTAT,
    },
  },
  evidence: {
    machines: ['loongarch64', 'loong64'],
    // A `$N` row also begins mips' register dumps: a point each, the other names decide.
    registerLine: (name) => (OWN.has(name) ? 2 : name.startsWith('$') ? 1 : 0),
    // Only LoongArch spells mnemonics with a width suffix (`addi.d`) or these names.
    mnemonic: oneOf(
      2,
      'addi.d',
      'addi.w',
      'ld.d',
      'ld.w',
      'st.d',
      'st.w',
      'ldptr.d',
      'stptr.d',
      'jirl',
      'pcaddu12i',
      'pcalau12i',
      'lu12i.w',
    ),
    textAddress: (hex) => (hex.startsWith('90000000') ? 2 : 0),
    // mips64 runs its kernel in CKSEG0 (ffffffff8…): XKPHYS 9000… is text only here.
    traceAddress: (hex) => (hex.startsWith('90000000') ? 2 : 0),
  },
};
