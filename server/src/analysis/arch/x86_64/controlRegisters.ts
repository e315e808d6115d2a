// x86's control registers as an oops prints them (`CR0: 0000000080050033 CR2: … CR3: 00000006be610001
// CR4: 00000000003706f0`): CR0 and CR4 are mode bits, CR3 the physical address of the page-table
// root with the PCID (or cache flags) in its low 12 bits; none is a virtual address (CR2, the fault
// address, is). Intel SDM vol. 3A, 2.5 "Control Registers"; arch/x86/include/uapi/asm/processor-flags.h.
import { setBits, type NamedBits } from '../bitFields';
import type { StatusRegister } from '../types';

const CR0_BITS: NamedBits = [
  [0, 'PE', 'protected mode'],
  [1, 'MP', 'monitor coprocessor'],
  [2, 'EM', 'x87 emulation'],
  [3, 'TS', 'task switched: the FPU state is not loaded'],
  [4, 'ET', 'extension type (always set since the 486)'],
  [5, 'NE', 'native FPU errors'],
  [16, 'WP', 'write protect: the kernel honours read-only pages'],
  [18, 'AM', 'alignment mask'],
  [29, 'NW', 'not write-through'],
  [30, 'CD', 'cache disabled'],
  [31, 'PG', 'paging on'],
];

const CR4_BITS: NamedBits = [
  [0, 'VME', 'virtual-8086 mode extensions'],
  [1, 'PVI', 'protected-mode virtual interrupts'],
  [2, 'TSD', 'time stamp counter readable in kernel mode only'],
  [3, 'DE', 'debugging extensions'],
  [4, 'PSE', 'page size extensions'],
  [5, 'PAE', 'physical address extension'],
  [6, 'MCE', 'machine checks enabled'],
  [7, 'PGE', 'global pages'],
  [8, 'PCE', 'performance counters readable in user mode'],
  [9, 'OSFXSR', 'SSE state saved by the kernel'],
  [10, 'OSXMMEXCPT', 'unmasked SSE exceptions reported'],
  [11, 'UMIP', 'user-mode instruction prevention'],
  [12, 'LA57', '5-level paging (57-bit addresses)'],
  [13, 'VMXE', 'VMX (virtualisation) enabled'],
  [16, 'FSGSBASE', 'FSGSBASE instructions'],
  [17, 'PCIDE', 'process-context identifiers: CR3 holds a PCID'],
  [14, 'SMXE', 'safer mode (TXT) enabled'],
  [18, 'OSXSAVE', 'XSAVE enabled'],
  [19, 'KL', 'key locker enabled'],
  [20, 'SMEP', 'the kernel may not execute user pages'],
  [21, 'SMAP', 'the kernel may not access user pages outside stac/clac'],
  [22, 'PKE', 'protection keys for user pages'],
  [23, 'CET', 'control-flow enforcement'],
  [24, 'PKS', 'protection keys for kernel pages'],
];

/** Mode bits use the low 32 bits: a value above them is no control register's (a word read at the wrong place). */
const thirtyTwoBits = (value: bigint) => value < 1n << 32n;

export const CR0: StatusRegister = {
  title: 'CR0',
  fields: (value) => {
    const set = setBits(CR0_BITS, value);
    // Cleared WP lets the kernel write read-only pages: text patching, or an attacker.
    if (((value >> 31n) & 1n) === 1n && ((value >> 16n) & 1n) === 0n) set.push('WP clear: the kernel may write read-only pages');
    return set;
  },
  holdsValue: thirtyTwoBits,
};

export const CR4: StatusRegister = { title: 'CR4', fields: (value) => setBits(CR4_BITS, value), holdsValue: thirtyTwoBits };

export const CR3: StatusRegister = {
  title: 'CR3',
  label: 'CR3: the physical address of the page-table root, not a virtual address',
  fields: (value) => {
    const root = value & 0x000ffffffffff000n;
    const low = value & 0xfffn;
    const result = [`page-table root (PGD) at physical 0x${root.toString(16)}`];
    if (low !== 0n) result.push(`low 12 bits 0x${low.toString(16)}: the PCID (with CR4.PCIDE), else cache flags`);
    // The kernel's PTI user copy sits in the PGD's upper 4 KiB half (arch/x86/mm/pti.c).
    // Before 4.15 (no PTI) the bit is only the root's address, which a page-aligned PGD may well have set.
    if ((value & 0x1000n) !== 0n)
      result.push('bit 12 set: with page-table isolation (PTI, 4.15+), the user page tables; before it, part of the address');
    if (value >> 63n === 1n) result.push("bit 63: no TLB flush on this load (the PCID's entries kept)");
    return result;
  },
};
