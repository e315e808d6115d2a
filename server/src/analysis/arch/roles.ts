// What a register is for, as a hover names it: the roles of the transcript's architecture,
// modelled (ArchSpec) or read-only (./readonly).
import type { Register } from '../types';
import { readOnlyArch } from './readonly';
import type { ArchSpec, RegisterRoles } from './types';

export function registerRoles(spec: ArchSpec | undefined, unmodelled: string | undefined): RegisterRoles | undefined {
  return spec?.registers ?? readOnlyArch(unmodelled)?.registers;
}

/** `program counter`, `argument 2`…, or undefined for a register without a role the walkers use. */
export function registerRole(roles: RegisterRoles | undefined, name: string): string | undefined {
  if (!roles) return undefined;
  const is = (names: readonly string[]) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  if (is(roles.pc)) return 'the program counter';
  if (is(roles.sp)) return 'the stack pointer';
  if (is(roles.fp)) return 'the frame pointer';
  if (is(roles.lr)) return 'the return address (link register)';
  const arg = roles.args.findIndex((n) => n.toLowerCase() === name.toLowerCase());
  return arg >= 0 ? `argument ${arg + 1} of a call` : undefined;
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
