// `BUG:` reports: sanitizers (KASAN, KMSAN, KCSAN, KFENCE), bad accesses, lock and scheduling bugs.
import {
  CALL_TRACE,
  pattern,
  SITE_THEN_TRACE,
  TRACE,
  traceFrames,
  type Family,
  type FrameRecipe,
  type Step,
  type TitleRule,
} from '../rules';
import { pickStallFrame } from '../frames';

const KMSAN_STACKS: Step[] = [TRACE, /(Local variable .* created at:|Uninit was created at:)/, TRACE];

/** Old KASan's words for a bug (mm/kasan/report.c before 4.4) and today's names for them. */
const OLD_KASAN_TYPES: [string, string][] = [
  ['use after free', 'use-after-free'],
  ['out of bounds on stack', 'stack-out-of-bounds'],
  ['out of bounds access', 'out-of-bounds'],
];

/** kmemleak's stack: past the allocator to the code that allocated (syzkaller's skips). */
export const MEMORY_LEAK_FRAMES: FrameRecipe = {
  steps: [/backtrace(?: \(crc [0-9A-Fa-f]*\))?:/, TRACE],
  skip: [
    'kmemleak',
    'mmap',
    'kmem',
    'slab',
    'alloc',
    'create_object',
    'idr_get',
    'list_lru_init',
    'kasprintf',
    'kvasprintf',
    'pcpu_create',
    'strdup',
    'strndup',
    'memdup',
  ],
};

export const bugFamily: Family = {
  header: 'BUG:',
  // A panic's message that quotes the oops (`Kernel panic - not syncing: Oops - BUG: Fatal exception`) is the panic's.
  notReports: [
    /ODEBUG:/,
    /Boot_DEBUG:/,
    /xlog_status:/,
    /DEBUG:/,
    /BUG: no syscalls can create resource/,
    /Kernel panic - not syncing/,
  ],
  rules: [
    {
      match: /BUG: KASAN:/,
      detail: pattern('BUG: KASAN: ([a-z\\-]+) in %FUNC(?:.*\\n)+?.*(Read|Write) (?:of size|at addr) (?:[0-9a-f]+)'),
      title: 'KASAN: {1} {3} in {4}',
      alt: ['bad-access in {4}'],
      // KASAN_HW_TAGS reports pass through the arm64 fault handlers.
      frame: {
        steps: [pattern('BUG: KASAN: (?:[a-z\\-]+) in %FUNC'), CALL_TRACE, TRACE],
        skip: ['kernel_fault', 'tag_check', 'mem_abort', '^el1_', '^el1h_'],
      },
    },
    {
      match: /BUG: KASAN:/,
      detail: pattern('BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in %FUNC'),
      title: 'KASAN: invalid-free in {2}',
      alt: ['invalid-free in {2}'],
      frame: {
        steps: [pattern('BUG: KASAN: (?:double-free or invalid-free|double-free|invalid-free) in %FUNC'), CALL_TRACE, TRACE],
        skip: ['slab_', 'kfree', 'vunmap', 'vfree'],
      },
    },
    { match: /BUG: KASAN: ([a-z\-]+) on address(?:.*\n)+?.*(Read|Write) of size ([0-9]+)/, title: 'KASAN: {1} {2}' },
    // KASAN as 4.0–4.3 printed it (`BUG: KASan: use after free in func+0x../0x.. at addr …`, the access
    // on the next line: `Read of size 4 by task …`), titled with today's names so that it groups with them.
    ...OLD_KASAN_TYPES.map(([printed, named]): TitleRule => ({
      match: new RegExp(`BUG: KASan: ${printed} in`),
      detail: pattern(`BUG: KASan: ${printed} in %FUNC(?:.*\\n)+?.*(Read|Write) of size`),
      title: `KASAN: ${named} {2} in {3}`,
      alt: ['bad-access in {3}'],
      frame: { steps: [pattern(`BUG: KASan: ${printed} in %FUNC`), CALL_TRACE, TRACE] },
    })),
    { match: /BUG: KASan: ([a-z\-]+) on address(?:.*\n)+?.*(Read|Write) of size ([0-9]+)/, title: 'KASAN: {1} {2}' },
    { match: /BUG: KASAN: (.*)/, title: 'KASAN: {1}', damaged: true },
    {
      match: /BUG: KMSAN: kernel-usb-infoleak/,
      detail: pattern('BUG: KMSAN: kernel-usb-infoleak in %FUNC'),
      title: 'KMSAN: kernel-usb-infoleak in {2}',
      alt: ['KMSAN origin in {3}'],
      frame: {
        steps: KMSAN_STACKS,
        skip: ['alloc_skb', 'usb_submit_urb', 'usb_start_wait_urb', 'usb_bulk_msg', 'usb_interrupt_msg', 'usb_control_msg'],
      },
      noTrace: true,
    },
    {
      match: /BUG: KMSAN:/,
      detail: pattern('BUG: KMSAN: ([a-z\\-]+) in %FUNC'),
      title: 'KMSAN: {1} in {3}',
      alt: ['bad-access in {3}'],
      // Generic crypto code is where uninit data is noticed, rarely where it comes from.
      frame: {
        steps: KMSAN_STACKS,
        skip: ['alloc_skb', 'netlink_ack', 'netlink_rcv_skb', '_encrypt$', '^(?:crypto|cipher|drbg|rng)_'],
      },
      noTrace: true,
    },
    { match: /BUG: KCSAN: data-race/, detail: /BUG: KCSAN: (.*)/, title: 'KCSAN: {1}', noTrace: true },
    { match: /BUG: KCSAN:/, detail: /BUG: KCSAN: (.*)/, title: 'KCSAN: {1}', noTrace: true },
    {
      match: pattern('BUG: KFENCE: (use-after-free|out-of-bounds) (read|write) in %FUNC'),
      title: 'KFENCE: {1} {2} in {4}',
      alt: ['bad-access in {4}'],
      frame: { steps: [pattern('BUG: KFENCE: (?:[a-z\\- ]+) in %FUNC'), TRACE] },
    },
    {
      match: pattern('BUG: KFENCE: invalid free in %FUNC'),
      title: 'KFENCE: invalid free in {2}',
      alt: ['invalid-free in {2}'],
      noTrace: true,
      frame: { steps: [pattern('BUG: KFENCE: (?:[a-z\\- ]+) in %FUNC'), TRACE] },
    },
    {
      match: pattern('BUG: KFENCE: invalid (read|write) in %FUNC'),
      title: 'KFENCE: invalid {1} in {3}',
      alt: ['bad-access in {3}'],
      frame: { steps: [pattern('BUG: KFENCE: (?:[a-z\\- ]+) in %FUNC'), TRACE] },
    },
    {
      match: pattern('BUG: KFENCE: memory corruption in %FUNC'),
      title: 'KFENCE: memory corruption in {2}',
      noTrace: true,
      frame: { steps: [pattern('BUG: KFENCE: (?:[a-z\\- ]+) in %FUNC'), TRACE] },
    },
    // powerpc's `BUG: Unable to handle kernel instruction fetch` is the same fault at an instruction.
    {
      match:
        /BUG: (?:unable to handle kernel paging request|unable to handle page fault for address|Unable to handle kernel (?:data access|instruction fetch))/,
      title: 'BUG: unable to handle kernel paging request in {1}',
      alt: ['bad-access in {1}'],
      frame: SITE_THEN_TRACE,
    },
    {
      match:
        /BUG: (?:unable to handle kernel NULL pointer dereference|kernel NULL pointer dereference|Kernel NULL pointer dereference)/,
      title: 'BUG: unable to handle kernel NULL pointer dereference in {1}',
      alt: ['bad-access in {1}'],
      frame: SITE_THEN_TRACE,
    },
    // The header's second half is a separate printk and may be lost.
    { match: /BUG: (?:unable to handle kernel|Unable to handle kernel)/, title: 'BUG: unable to handle kernel', damaged: true },
    {
      match:
        /BUG: (spinlock|rwlock) (lockup suspected|already unlocked|recursion|cpu recursion|bad magic|wrong owner|wrong CPU|trylock failure on UP)/,
      title: 'BUG: {1} {2} in {3}',
      frame: traceFrames(['spin_', '_lock', '_unlock']),
    },
    {
      match: /BUG: soft lockup/,
      title: 'BUG: soft lockup in {1}',
      alt: ['stall in {1}'],
      frame: { ...SITE_THEN_TRACE, pick: pickStallFrame },
    },
    {
      match: /BUG: .*still has locks held!/,
      detail: pattern('BUG: .*still has locks held!(?:.*\\n)+?.*%PC +%FUNC'),
      title: 'BUG: still has locks held in {1}',
    },
    { match: /BUG: scheduling while atomic/, title: 'BUG: scheduling while atomic in {1}', frame: traceFrames(['schedule']) },
    {
      match: /BUG: lock held when returning to user space/,
      detail: pattern(
        'BUG: lock held when returning to user space(?:.*\\n)+?.*leaving the kernel with locks still held(?:.*\\n)+?.*at: (?:%PC +)?%FUNC',
      ),
      title: 'BUG: lock held when returning to user space in {1}',
      noTrace: true,
    },
    {
      match: /BUG: bad unlock balance detected!/,
      title: 'BUG: bad unlock balance in {1}',
      frame: { steps: [pattern('%PC +%FUNC'), CALL_TRACE, TRACE] },
    },
    {
      match: /BUG: held lock freed!/,
      detail: pattern('BUG: held lock freed!(?:.*\\n)+?.*%PC +%FUNC'),
      title: 'BUG: held lock freed in {1}',
    },
    { match: /BUG: Bad rss-counter state/, title: 'BUG: Bad rss-counter state', noTrace: true },
    { match: /BUG: non-zero nr_ptes on freeing mm/, title: 'BUG: non-zero nr_ptes on freeing mm', noTrace: true },
    { match: /BUG: non-zero nr_pmds on freeing mm/, title: 'BUG: non-zero nr_pmds on freeing mm', noTrace: true },
    // The filesystem type and the block device (loop0, loop1...) would split one bug in many.
    {
      match: /BUG: Dentry .* still in use/,
      detail: /BUG: Dentry .* still in use \([0-9]+\) \[(unmount) of ([^\]]+)\]/,
      title: 'BUG: Dentry still in use in {1}',
      alt: ['BUG: Dentry still in use [{1} of {2}]'],
    },
    {
      match: /BUG: Bad page (state|cache)/,
      title: 'BUG: Bad page {1} in {2}',
      frame: {
        steps: [/page last allocated/, TRACE],
        skip: [
          '(free|put|get|update|release)_page',
          'free_unref',
          '^_*folio',
          'truncate_inode_pages',
          'page_frag_free',
          'alloc',
          'vmap',
          'page_owner',
        ],
      },
    },
    { match: /BUG: Bad page map/, title: 'BUG: Bad page map' },
    { match: /BUG: workqueue lockup/, title: 'BUG: workqueue lockup', noTrace: true },
    {
      match: /BUG: sleeping function called from invalid context at (.*)/,
      title: 'BUG: sleeping function called from invalid context in {2}',
      frame: traceFrames(),
    },
    {
      match: /BUG: using ([a-z_]+)\(\) in preemptible/,
      title: 'BUG: using {1}() in preemptible code in {2}',
      frame: traceFrames(['dump_stack', 'preemption', 'preempt', 'debug_', 'processor_id', 'this_cpu']),
    },
    {
      match: /BUG: workqueue leaked lock or atomic/,
      detail: /BUG: workqueue leaked lock or atomic(?:.*\n)+?.*last function: ([a-zA-Z0-9_]+)\n/,
      title: 'BUG: workqueue leaked lock or atomic in {1}',
      noTrace: true,
    },
    {
      match: /BUG: memory leak/,
      title: 'memory leak in {1}',
      frame: MEMORY_LEAK_FRAMES,
    },
    {
      match: /BUG: .*stack guard page was hit at/,
      title: 'BUG: stack guard page was hit in {1}',
      alt: ['stack-overflow in {1}'],
      frame: { ...SITE_THEN_TRACE, pick: pickStallFrame },
    },
    // arm reports this one differently from x86, which prints a lockdep WARNING: one title for both.
    {
      match: /BUG: Invalid wait context/,
      title: 'WARNING: locking bug in {1}',
      frame: traceFrames(['lock_sock', 'release_sock']),
    },
    { match: /BUG:\s*(?:\n|$)/, title: 'BUG: corrupted', damaged: true },
  ],
};
