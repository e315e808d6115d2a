// Architectures read without a model of their own (./types): adding one is a file here
// plus one line in this list.
import { arm32 } from './arm32';
import { i386 } from './i386';
import { loongarch64 } from './loongarch64';
import { mips32 } from './mips32';
import { mips64 } from './mips64';
import type { ReadOnlyArch } from './types';

export const READ_ONLY_ARCHS: readonly ReadOnlyArch[] = [i386, arm32, mips64, mips32, loongarch64];

export function readOnlyArch(name: string | undefined): ReadOnlyArch | undefined {
  return READ_ONLY_ARCHS.find((arch) => arch.name === name);
}
