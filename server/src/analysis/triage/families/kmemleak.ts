// kmemleak's reports as /sys/kernel/debug/kmemleak lists them (`unreferenced object 0xffff… (size
// 32):`, its `comm`, hex dump and `backtrace:`), without the `BUG: memory leak` line syzkaller's
// kernels print first: named as syzkaller names that one.
import type { Family } from '../rules';
import { MEMORY_LEAK_FRAMES } from './bug';

export const kmemleakFamily: Family = {
  header: 'unreferenced object 0x',
  rules: [{ match: /^unreferenced object 0x/, title: 'memory leak in {1}', frame: MEMORY_LEAK_FRAMES }],
};
