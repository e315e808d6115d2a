// x86 segment selectors as an oops and crash's exception frames print them (`CS: 0010 DS: 0000
// ES: 0000`, `CS: 0033  SS: 002b`): a GDT index and a privilege level, not a number or a pointer.
// The ring of CS says whose context the registers are: 0 the kernel's, 3 user space's
// (arch/x86/include/asm/segment.h names the kernel's own selectors).
import type { StatusRegister } from '../types';

/** The selectors Linux loads, by value (x86_64, then i386). */
const KNOWN: Record<number, string> = {
  0x10: '__KERNEL_CS',
  0x18: '__KERNEL_DS',
  0x23: '__USER32_CS (a 32-bit task)',
  0x2b: '__USER_DS',
  0x33: '__USER_CS',
  0x60: '__KERNEL_CS (i386)',
  0x68: '__KERNEL_DS (i386)',
  0x73: '__USER_CS (i386)',
  0x7b: '__USER_DS (i386)',
};

function fields(value: bigint): string[] {
  const selector = Number(value);
  if (selector === 0) return ['the null selector: no segment loaded (64-bit code needs no DS and ES, nor an i386 kernel GS)'];
  const ring = selector & 3;
  const known = KNOWN[selector];
  return [
    known ?? 'no selector Linux loads: a word read at the wrong place?',
    `${(selector & 4) !== 0 ? 'LDT' : 'GDT'} entry ${selector >> 3}`,
    `ring ${ring}${ring === 0 ? ': kernel mode' : ring === 3 ? ': user mode' : ''}`,
  ];
}

/** Selectors are 16 bits: a wider value beside the name is a word read at the wrong place. */
const holdsValue = (value: bigint) => value < 0x10000n;

export function segmentRegister(title: string): StatusRegister {
  return { title, holds: 'a segment selector', fields, holdsValue };
}
