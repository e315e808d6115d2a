// Memory the kernel could not get: warn_alloc's `page allocation failure` and the OOM killer's
// report (mm/oom_kill.c dump_header). Their headers carry the request's flags and the task's name,
// which differ run to run; the title names the code that asked, past the allocator and the OOM
// killer's own frames, so that one caller's failures group together.
import { traceFrames, type Family } from '../rules';

/** The page and slab allocators, the OOM killer and warn_alloc (names anchored: `try_alloc_writeback_ios` is a caller). */
export const ALLOCATION_MACHINERY = [
  '^_*alloc_pages',
  '^_*alloc_frozen_pages',
  '^alloc_slab_page',
  '^allocate_slab',
  '^new_slab',
  // SLAB (before 2.6.23 the only slab allocator; RHEL 6's): growing a cache by pages.
  '^kmem_getpages$',
  '^fallback_alloc$',
  '^_*cache_alloc',
  '^cache_grow',
  'slab_alloc',
  '^kmem_cache_alloc',
  '^_*kmalloc',
  '^_*vmalloc',
  '^_*get_free_pages',
  '^get_zeroed_page',
  '^_*folio_alloc',
  '^vma_alloc_folio',
  '^warn_alloc',
  '^out_of_memory',
  '^_*oom_',
  '^dump_header',
  '^pagefault_out_of_memory',
  '^mem_cgroup_out_of_memory',
];

export const pageAllocationFailureFamily: Family = {
  // `page allocation failure. order:` before 3.x.
  header: 'page allocation failure',
  notReports: [/page allocation failure(?![:.] order:)/],
  rules: [
    {
      match: /page allocation failure[:.] order:/,
      title: 'page allocation failure in {1}',
      frame: traceFrames(ALLOCATION_MACHINERY),
    },
  ],
};

export const oomFamily: Family = {
  header: 'invoked oom-killer: ',
  rules: [{ match: /invoked oom-killer: /, title: 'out of memory in {1}', frame: traceFrames(ALLOCATION_MACHINERY) }],
};

/** ALLOCATION_MACHINERY as one regex: the frames triage never names as a failed allocation's function. */
export const ALLOCATION_MACHINERY_FRAME = new RegExp(ALLOCATION_MACHINERY.join('|'));
