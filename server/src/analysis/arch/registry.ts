// Every architecture the analysis models, keyed by id. Adding one is a module
// implementing ArchSpec plus one line here; ArchId and ARCH_IDS follow from it.
import { arm64 } from './arm64';
import { ppc64 } from './ppc64';
import { READ_ONLY_ARCHS } from './readonly';
import { riscv64 } from './riscv64';
import { s390x } from './s390x';
import type { ArchSpec, RegisterRow } from './types';
import { x86_64 } from './x86_64';

export const ARCHS = {
  x86_64,
  arm64,
  riscv64,
  s390x,
  ppc64,
} as const satisfies Record<string, ArchSpec>;

export type ArchId = keyof typeof ARCHS;

/** Ids in registry order (settings enum, `--arch`). */
export const ARCH_IDS = Object.keys(ARCHS) as ArchId[];

/** Specs in registry order; index i scores ARCH_IDS[i]. */
export const ARCH_SPECS: readonly ArchSpec[] = ARCH_IDS.map((id) => ARCHS[id]);

export function archSpec(id: string | undefined): ArchSpec | undefined {
  return id !== undefined && Object.hasOwn(ARCHS, id) ? ARCHS[id as ArchId] : undefined;
}

/** The id a user's name stands for (`aarch64` → `arm64`), or undefined for an unknown name. */
export function archIdOf(name: string): ArchId | undefined {
  const lower = name.toLowerCase();
  return ARCH_IDS.find((id) => id === lower || ARCHS[id].aliases.includes(lower));
}

/** Every register name of every architecture, read-only ones too: register lines parse before the architecture is known. */
export const REGISTER_NAMES: ReadonlySet<string> = new Set([
  ...ARCH_SPECS.flatMap((spec) => spec.registers.names),
  ...READ_ONLY_ARCHS.flatMap((arch) => arch.registers?.names ?? []),
]);

/** Names some architecture prints as colon-less `name value` pairs (LoongArch's general registers). */
export const BARE_PAIR_NAMES: ReadonlySet<string> = new Set([
  ...ARCH_SPECS.flatMap((spec) => spec.registers.barePairs ?? []),
  ...READ_ONLY_ARCHS.flatMap((arch) => arch.registers?.barePairs ?? []),
]);

/** Program-counter registers of every architecture (`RIP`, `pc`, s390x `PSW.addr`). */
export const PC_NAMES: ReadonlySet<string> = new Set(ARCH_SPECS.flatMap((spec) => spec.registers.pc));

/**
 * Program counters of every architecture, read-only ones too (i386 `EIP`, mips `epc`, LoongArch `ERA`):
 * for text-level readers of any report (triage, report damage).
 */
export const ANY_PC_NAMES: ReadonlySet<string> = new Set([
  ...ARCH_SPECS.flatMap((spec) => spec.registers.pc),
  ...READ_ONLY_ARCHS.flatMap((arch) => arch.registers?.pc ?? []),
]);

/** Registers that hold a code address (pc and lr roles): a symbol beside one names code. */
export const PC_REGISTER_NAMES: ReadonlySet<string> = new Set(
  ARCH_SPECS.flatMap((spec) => [...spec.registers.pc, ...spec.registers.lr]),
);

/** Register rows (labels with positional values) of every architecture. */
export const REGISTER_ROWS: readonly RegisterRow[] = ARCH_SPECS.flatMap((spec) => spec.registers.rows ?? []);

/** Mnemonics that call, on any architecture (a listing's instructions are parsed before detection). */
export const CALL_MNEMONICS: ReadonlySet<string> = new Set(ARCH_SPECS.flatMap((spec) => spec.calls.callMnemonics));

/** POISON_POINTER_DELTA of every registered architecture: what a value is read against when the architecture is unknown. */
const ANY_POISON_POINTER_DELTA: readonly bigint[] = [...new Set(ARCH_SPECS.flatMap((spec) => spec.poisonPointerDelta))];

/** The POISON_POINTER_DELTAs a transcript's kernel may use: its architecture's, or any. */
export function poisonPointerDeltas(spec: ArchSpec | undefined): readonly bigint[] {
  return spec?.poisonPointerDelta ?? ANY_POISON_POINTER_DELTA;
}
