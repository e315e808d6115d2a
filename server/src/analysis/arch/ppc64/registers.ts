// Register names of Power kernels, 64- and 32-bit alike: R0–R31/NIP/LR as crash prints them,
// the console's `GPR00:` rows and show_regs' NIP/MSR/CTR/XER… (arch/powerpc/kernel/process.c).

const GPRS = Array.from({ length: 32 }, (_, i) => `R${i}`);
/** The console prints `GPR00: v v v v` rows; each value is named GPR0…GPR31 (= r0…r31). */
const CONSOLE_GPRS = Array.from({ length: 32 }, (_, i) => `GPR${i}`);

export const POWER_REGISTER_NAMES: readonly string[] = [
  ...GPRS,
  ...CONSOLE_GPRS,
  'NIP',
  'MSR',
  'OR3',
  'OGPR3',
  'CTR',
  'LR',
  'LINK',
  'XER',
  'CCR',
  'CR',
  'MQ',
  'DAR',
  'DSISR',
  'TRAP',
  'RESULT',
  'Syscall Result',
  'REGS',
  'CFAR',
  'IRQMASK',
  'SOFTE',
  'PPR',
];

/** `R8:`…`R15:` also begin x86_64 crash register lines, `LR:` arm64's: no evidence alone. */
const SHARED = new Set(['R8', 'R9', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'LR']);

/** The names whose register line says Power. */
export const POWER_OWN_REGISTERS: ReadonlySet<string> = new Set(POWER_REGISTER_NAMES.filter((n) => !SHARED.has(n)));
