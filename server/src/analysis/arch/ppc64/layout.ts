// ppc64 (Book3S, 64-bit) address space. The kernel runs in the linear map at
// 0xc000000000000000 (no KASLR): its text starts there and slab objects and task stacks
// follow the image in the same map. vmalloc (modules too), ioremap and vmemmap are
// 2^49-byte regions from 0xc008000000000000 (RADIX_KERN_VIRT_START and the hash MMU's
// H_KERN_VIRT_START with 64K pages, arch/powerpc/include/asm/book3s/64/radix.h, hash-64k.h);
// kernels before 4.17 put vmalloc at 0xd000000000000000 and vmemmap at 0xf000000000000000.
import type { Layout, LayoutSamples, Region } from '../types';

const LINEAR = 0xc000000000000000n;
const KERN_VIRT = 0xc008000000000000n;
const MAP_SIZE = 1n << 49n;
/** The image lies in the first GB of the linear map. */
const IMAGE_LIMIT = LINEAR + (1n << 30n);
const OLD_VMALLOC = 0xd000000000000000n;
const OLD_VMEMMAP = 0xf000000000000000n;
/** TASK_SIZE_USER64 is at most 4 PB (52 bits). */
const USER_END = 1n << 52n;

/** The end of kernel text: the highest code address the transcript shows, rounded up to 64 KiB. */
function textEnd(code: bigint[]): bigint {
  let high = LINEAR;
  for (const a of code) if (a >= LINEAR && a < IMAGE_LIMIT && a >= high) high = a + 1n;
  return high === LINEAR ? LINEAR : (high + 0xffffn) & ~0xffffn;
}

export function layout(samples: LayoutSamples): Layout {
  const all = [...samples.text, ...samples.direct, ...samples.vmalloc];
  const old = all.some((a) => a >= OLD_VMALLOC && a < 0xe000000000000000n);
  const end = textEnd(samples.code);
  const regions: Region[] = [];
  if (end > LINEAR) regions.push({ kind: 'kernel-text', start: LINEAR, end });
  if (old) {
    regions.push(
      { kind: 'direct-map', start: LINEAR, end: OLD_VMALLOC },
      { kind: 'vmalloc', start: OLD_VMALLOC, end: OLD_VMALLOC + (1n << 43n) },
      { kind: 'vmemmap', start: OLD_VMEMMAP, end: OLD_VMEMMAP + (1n << 44n) },
    );
  } else {
    regions.push(
      { kind: 'direct-map', start: LINEAR, end: KERN_VIRT },
      { kind: 'vmalloc', start: KERN_VIRT, end: KERN_VIRT + MAP_SIZE },
      { kind: 'vmemmap', start: KERN_VIRT + 2n * MAP_SIZE, end: KERN_VIRT + 3n * MAP_SIZE },
    );
  }
  return {
    vaBits: 52,
    era: old ? 'ppc64 (vmalloc at d000…, before 4.17)' : 'ppc64 (vmalloc at c008…, vmemmap at c00c…)',
    userEnd: USER_END,
    // Neither user space nor the kernel's 0xc… quadrant: no valid effective address.
    nonCanonical: { start: USER_END, end: LINEAR },
    // The image is in the linear map; modules are loaded into vmalloc space.
    vmallocTextIsModules: true,
    regions,
  };
}
