// BUG_ON(): `kernel BUG at file:line!`, and SLUB's `BUG kmalloc-N (...): Object already free`.
import { pattern, SITE_THEN_TRACE, traceFrames, type Family } from '../rules';

export const kernelBugFamily: Family = {
  header: 'kernel BUG',
  rules: [
    { match: /kernel BUG at mm\/usercopy.c/, title: 'BUG: bad usercopy in {1}', frame: traceFrames(['usercopy', '__check']) },
    {
      match: /kernel BUG at lib\/list_debug.c/,
      title: 'BUG: corrupted list in {1}',
      alt: ['bad-access in {1}'],
      frame: traceFrames(),
    },
    // skb helpers BUG_ON their arguments: the bug is the caller's.
    { match: pattern('kernel BUG at (.*)'), title: 'kernel BUG in {2}', frame: { ...SITE_THEN_TRACE, skip: ['^skb_'] } },
  ],
};

export const kernelBugCapitalFamily: Family = {
  header: 'Kernel BUG',
  rules: [{ match: /Kernel BUG (.*)/, title: 'kernel BUG {1}' }],
};

export const slabObjectFreeFamily: Family = {
  header: 'BUG kmalloc-',
  rules: [{ match: /BUG kmalloc-.*: Object already free/, title: 'BUG: Object already free' }],
};
