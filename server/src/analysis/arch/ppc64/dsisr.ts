// DSISR, the data storage interrupt's status (`DSISR: 40000000`, a 0x300 data access's): why the
// access faulted, status bits, not an address (Power ISA Book III; arch/powerpc/include/asm/reg.h
// DSISR_*, where bit 0 is the least significant). DAR beside it holds the faulting address.
import { setBits, type NamedBits } from '../bitFields';
import type { StatusRegister } from '../types';

const BITS: NamedBits = [
  [30, 'NOHPTE', 'no translation for the address (a page not present)'],
  [27, 'PROTFAULT', 'a protection fault (the translation forbids the access)'],
  [26, 'BADACCESS', 'a bad access to cache-inhibited or guarded storage'],
  [25, 'ISSTORE', 'the access was a store'],
  [22, 'DABRMATCH', 'a data breakpoint matched'],
  [21, 'KEYFAULT', 'a storage key fault'],
];

function fields(value: bigint): string[] {
  const set = setBits(BITS, value);
  if (set.length > 0 && !set.some((f) => f.startsWith('ISSTORE'))) set.push('ISSTORE clear: the access was a load');
  return set.length > 0 ? set : ['no cause bit set'];
}

export const DSISR: StatusRegister = {
  title: 'DSISR',
  holds: 'why the data access faulted',
  fields,
  // 32 bits wide: a wider value in its slot is another word (crash prints whatever the frame held).
  holdsValue: (value) => value < 1n << 32n,
};
