// What a register is for, as a hover names it: the roles of the transcript's architecture,
// modelled (ArchSpec) or read-only (./readonly).
import type { Register } from '../types';
import { READ_ONLY_ARCHS, readOnlyArch } from './readonly';
import { ARCH_SPECS } from './registry';
import type { ArchSpec, RegisterRoles } from './types';

export function registerRoles(spec: ArchSpec | undefined, unmodelled: string | undefined): RegisterRoles | undefined {
  return spec?.registers ?? readOnlyArch(unmodelled)?.registers;
}

/**
 * `program counter`, `argument 2`…, or undefined for a register without a role the walkers use;
 * in `block`, what its entry made of the register (RegisterRoles.entryRoles) first.
 */
export function registerRole(roles: RegisterRoles | undefined, name: string, block?: readonly Register[]): string | undefined {
  if (!roles) return undefined;
  const entered = block && roles.entryRoles?.(block)?.[name.toUpperCase()];
  if (entered !== undefined) return entered;
  const is = (names: readonly string[]) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  if (is(roles.pc)) return 'the program counter';
  if (is(roles.sp)) return 'the stack pointer';
  if (is(roles.fp)) return 'the frame pointer';
  if (is(roles.lr)) return 'the return address (link register)';
  const arg = roles.args.findIndex((n) => n.toLowerCase() === name.toLowerCase());
  return arg >= 0 ? `argument ${arg + 1} of a call` : roles.holds?.[name];
}

/**
 * The register of a block that points into a kernel stack: its stack pointer, else its frame
 * pointer where every function keeps the chain (an arm64 report cut before `sp :`).
 */
export function kernelStackPointer(spec: ArchSpec, block: readonly Register[]): Register | undefined {
  const inStack = (names: readonly string[]) =>
    block.find((r) => r.value !== undefined && names.includes(r.name) && spec.kernelStack(r.value, block));
  return inStack(spec.registers.sp) ?? (spec.frames.alwaysKept ? inStack(spec.registers.fp) : undefined);
}

/**
 * The kernel stack pointer of a block when the transcript does not settle its architecture:
 * a register that every architecture naming it (registered or read-only) names as its stack
 * pointer (`sp` is arm64's, riscv64's and 32-bit arm's; `x29` or `r15` are not taken), whose
 * value each registered one reads as a kernel stack of `taskBytes`. Where any could disagree,
 * none: a stack is never guessed.
 */
export function unsettledStackPointer(block: readonly Register[], taskBytes: bigint): Register | undefined {
  for (const register of block) {
    if (register.value !== undefined && readsAsStackPointerEverywhere(register.name, register.value, block, taskBytes)) {
      return register;
    }
  }
  return undefined;
}

function readsAsStackPointerEverywhere(name: string, value: bigint, block: readonly Register[], taskBytes: bigint): boolean {
  let candidates = 0;
  for (const spec of ARCH_SPECS) {
    if (!spec.registers.names.includes(name)) continue;
    if (!spec.registers.sp.includes(name)) return false;
    if (spec.stackBytes.task !== taskBytes || !spec.kernelStack(value, block)) return false;
    candidates++;
  }
  for (const arch of READ_ONLY_ARCHS) {
    const roles = arch.registers;
    if (roles?.names.includes(name) && !roles.sp.includes(name)) return false;
  }
  return candidates > 0;
}
