// Picks the frame that names a report: follows a rule's recipe through the report's lines,
// leaves out the functions that say nothing about the bug (the report and stack printers,
// allocators, locks, string and list helpers...) and strips syscall wrapper prefixes.
import { demangle } from './demangle';
import { DECODED_LOCATION_START } from '../parse/console/lines';
import {
  ARM_ADDRESSED_FRAME,
  ARM_FROM_FRAME,
  HEADLESS_TRACE_FRAMES,
  TRACE,
  type FramePicker,
  type FrameRecipe,
  type Step,
} from './rules';

/** Where a stack trace starts: a trace after it is a new one. */
const TRACE_STARTS = [
  /Call [Tt]race/,
  /Allocated:/,
  /Allocated by task [0-9]+:/,
  /Freed:/,
  /Freed by task [0-9]+:/,
  // kmemleak's `backtrace:` / `backtrace (crc 1a2b):`, not lockdep's `stack backtrace:`.
  /[^k] backtrace(?: \(crc [0-9A-Fa-f]*\))?:/,
  /Backtrace:/,
  /Uninit was stored to memory at/,
  // riscv prints the trace right after show_regs' last line.
  /status: [0-9a-f]{16} badaddr: [0-9a-f]{16} cause: [0-9a-f]{16}/,
];

/**
 * Lines that name a frame: x86/arm64 `func+0x../0x..` with optional `[<pc>]`s (and old x86_64's
 * `:module:` before the name), the same decoded by decode_stacktrace.sh (`func (file.c:123)`), and
 * 32-bit arm's two-name forms.
 */
/** A frame line of the common shape; `doubtful`: a `? ` before the name is read too. */
const commonFrameLine = (doubtful: boolean) =>
  // `[<(ptrval)>]`: the address as 4.15+ kernels hash it on some architectures (openrisc, arm).
  new RegExp(
    String.raw`^ *(?:\[<?(?:(?:0x)?[0-9a-f]+|\(ptrval\))>?\] ){0,2}${doubtful ? String.raw`(?:\? )?` : ''}(?::[\w-]+:)?([a-zA-Z0-9_]+)(?:\.|\+|${DECODED_LOCATION_START})`,
  );
const FRAME_LINES = [commonFrameLine(false), ARM_ADDRESSED_FRAME, ARM_FROM_FRAME];
/**
 * FRAME_LINES with the frames marked `?` as well: what a trace is read by when the kernel marked every
 * frame so (2.6-era x86 without a reliable frame-pointer walk prints each return address it finds
 * with `?`), where the reliable frames alone would leave the title without a frame.
 */
const DOUBTFUL_FRAME_LINES = [commonFrameLine(true), ARM_ADDRESSED_FRAME, ARM_FROM_FRAME];
/** A `? func+0x…` frame line. */
const DOUBTFUL_FRAME = /^ *(?:\[<?(?:0x)?[0-9a-f]+>?\] ){0,2}\? [a-zA-Z0-9_.]+\+0x/;

// Fault injection prints its own stack into reports: a report that contains one is damaged.
const FAULT_INJECTION_FRAME = /^(?: \[<?(?:0x)?[0-9a-f]+>?\])? should_fail(?:slab)?(?:\.[a-z0-9.]+)?\+0x/;

/**
 * Section bounds of the linker script, no functions: a kernel whose symbol table went wrong names every
 * address by one (`NIP [c0166624] _einittext+0x3f9d38a8/0x3fe4a284` on a 32-bit powerpc).
 */
export const LINKER_MARK = /^_[se](?:init)?(?:text|data)$|^_end$|^__(?:init|bss)_(?:begin|end|start|stop)$/;

/** Functions never taken as a report's frame (regex sources, matched anywhere in the name). */
const NEVER_THE_BUG = [
  // sanitizers and the report printers
  '__sanitizer', '__asan', 'kasan', 'hwasan', '__msan', 'kmsan', 'kcsan_setup_watchpoint',
  'check_memory_region', 'check_heap_object', 'check_object', 'read_word_at_a_time',
  '(read|write)_once_.*nocheck', 'print_address_description', 'panic', 'invalid_op', 'report_bug',
  'fixup_bug', 'print_report', 'print_usage_bug', 'do_error', '_trap$|do_trap', 'show_stack',
  'dump_stack', 'walk_stack', 'dump_backtrace', 'warn_slowpath', 'warn_alloc', 'warn_bogus', '__warn',
  'print_tainted', '^get_taint$', 'unwind_backtrace', '__fortify_report', 'program_check_exception', 'program_check_common',
  // mm's report of a bad page, and the checks that WARN for refcounts and lists (the caller is the bug)
  '^bad_page$', '^refcount_warn_saturate$', '^__list_(?:add|del_entry)_valid',
  // the break trap that raises WARN/BUG on LoongArch and mips (arch/*/kernel/traps.c, genex.S)
  '^do_bp$', '^handle_bp$',
  'stack_trace_consume_entry', 'arch_stack_walk', 'stack_trace_save', 'assertfail',
  'hex_dump_to_buffer', 'print_hex_dump',
  // memory allocation and pages
  'alloc_page', 'k?v?(?:m|z|c)alloc', 'krealloc', 'kmem_cache', 'allocate_slab', '__alloc_frozen_pages_noprof',
  'folio_(?:alloc|unlock)', 'filemap_alloc_folio', '__filemap_get_folio', 'find_or_create_page',
  'do_read_cache_folio', 'read_cache_page', 'pagecache_get_page', 'grab_cache_page_write_begin', 'slab_',
  '^kv?free$', 'kfree_skb', '^(un)?lock_page', 'xas_(?:start|load|find)', 'find_lock_entries',
  'truncate_inode_pages_range', '__phys_addr', 'memdup',
  // debug objects, timers, work
  'debug_object', 'timer_is_static_object', 'work_is_static_object', 'del_timer', 'flush_work',
  '__cancel_work_timer', 'cancel_work_sync', 'try_to_grab_pending', 'flush_workqueue', 'drain_workqueue',
  'destroy_workqueue', 'queue_work', 'insert_work', '__queue_delayed_work', 'queue_delayed_work_on',
  'lock_timer_base', '__timer_delete_sync', 'sk_stop_timer_sync', '__mod_timer', 'cleanup_srcu_struct',
  // locking
  '__might_fault', 'print_unlock', 'imbalance_bug', 'lockdep', 'bh_enable', 'bh_disable', 'perf_trace',
  'lock_acquire', 'lock_release', 'lock_class', 'mark_lock', '(reacquire|mark)_held_locks', 'raw_spin_rq',
  'spin_lock', 'spin_trylock', 'spin_unlock', 'read_lock', 'read_trylock', 'write_lock', 'write_trylock',
  'read_unlock', 'write_unlock', '^down$', 'down_read', 'down_write', 'down_read_trylock',
  'down_write_trylock', 'down_trylock', 'up_read', 'up_write', '^mutex_', '^__mutex_', '^rt_mutex_',
  'owner_on_cpu', 'osq_lock', 'osq_unlock', '(trace|lockdep)_(hard|soft)irq', '__might_resched',
  'might_fault', 'might_sleep', 'finish_wait', '^complete$', 'wait_for_completion', 'seqprop_assert',
  // atomics and reference counts
  'atomic(64)?_(dec|inc|read|set|or|xor|and|add|sub|fetch|xchg|cmpxchg|try)', '(set|clear|change|test)_bit',
  '__wake_up', '^refcount_', '^kref_', 'ref_tracker', '^iput$', '^iput_final$', '^ihold$', 'fast_dput',
  'dput', 'drop_nlink', '^put_device$', 'ida_free',
  // string, memory and user-copy helpers
  'memcpy', 'memcmp', 'memset', 'memchr', 'memmove', 'strcmp', 'strncmp', 'strcpy', 'strlcpy', 'strncpy',
  'strscpy', 'strlen', 'strstr', 'strnstr', 'strnlen', 'strchr', 'strdup', 'strndup', 'copy_to_user',
  'copy_from_user', 'copy_to_iter', 'copy_from_iter', 'copy_page_to_iter', 'copy_page_from_iter',
  'copy_folio_to_iter', '^copyin$', '^copyout$', 'put_user', 'get_user', 'extract_(user|iter)_to_sg',
  'string', 'pointer', 'snprintf', 'scnprintf', 'kasprintf', 'kvasprintf', 'printk', 'va_format',
  'dev_info', 'dev_notice', 'dev_warn', 'dev_err', 'dev_alert', 'dev_crit', 'dev_emerg',
  '^crc\\d+', 'crc_itu_t', 'rhashtable_lookup', 'mark_buffer_dirty',
  // lists and trees
  'list_add', 'list_del', 'list_replace', 'list_move', 'list_splice', '^rb_', '^__rb_', '^klist_',
  // retpolines, MMIO
  '_indirect_thunk_', 'readb$', 'readw$', 'readl$', 'readq$', 'writeb$', 'writew$', 'writel$', 'writeq$',
  'logic_in', 'logic_out',
  // device model and teardown paths shared by every driver
  'kthread_stop', 'kobject_', 'add_uevent_var', 'get_device_parent', 'device_add', 'device_del',
  'device_unregister', 'device_destroy', 'device_release', 'devres_release_all', 'hwrng_unregister',
  'i2c_del_adapter', '__unregister_client', 'device_for_each_child', 'rollback_registered',
  'unregister_netdev', 'sysfs_remove', 'device_remove_file', 'tty_unregister_device',
  // USB requests
  'dummy_urb_enqueue', 'usb_kill_urb', 'usb_kill_anchored_urbs', 'usb_control_msg', 'usb_hcd_submit_urb',
  'usb_submit_urb',
  // arm64 fault entry
  'do_(kernel|translation)_fault', 'do_mem_abort', 'el1_abort', 'el1h_64_sync(?:_handler)?',
  // section bounds of the linker script
  LINKER_MARK.source,
]; // prettier-ignore

/** NEVER_THE_BUG as one regex: the frames a report's function is never taken from either. */
export const NEVER_THE_BUG_FRAME = new RegExp(NEVER_THE_BUG.join('|'));

/** Syscall wrapper prefixes: `__x64_sys_read` and `SyS_read` are both `read`. */
const WRAPPER_PREFIXES = [
  'SYSC_', 'SyS_', 'sys_', '__x64_', '__ia32_', '__arm64_', '____sys_', '___sys_', '__sys_', '__se_',
  '__se_sys_', '__do_sys_', 'compat_SYSC_', 'compat_SyS_', 'ksys_',
]; // prettier-ignore

/** The name without its longest syscall wrapper prefix. */
export function stripWrapper(name: string): string {
  let best = name;
  for (const prefix of WRAPPER_PREFIXES)
    if (name.startsWith(prefix) && name.length - prefix.length < best.length) best = name.slice(prefix.length);
  return best;
}

export interface PickedFrame {
  /** The name the title uses (wrapper prefix stripped). */
  name: string;
  /** The name as printed. */
  raw: string;
}

export const DAMAGED_FRAME = 'corrupted';

const skipCache = new Map<FrameRecipe, RegExp>();
function skipPattern(recipe: FrameRecipe): RegExp {
  let re = skipCache.get(recipe);
  if (!re) {
    re = new RegExp([...NEVER_THE_BUG, ...(recipe.skip ?? [])].join('|'));
    skipCache.set(recipe, re);
  }
  return re;
}

function addFrames(frames: string[], match: RegExpExecArray | null, skip: RegExp): void {
  if (!match) return;
  for (let g = 1; g < match.length; g++) {
    const name = match[g] === undefined ? undefined : demangle(match[g]);
    if (name !== undefined && !skip.test(name)) frames.push(name);
  }
}

function choose(frames: string[], pick: FramePicker | undefined): PickedFrame | undefined {
  if (frames.length === 0) return undefined;
  const stripped = frames.map(stripWrapper);
  if (!pick) return { name: stripped[0], raw: frames[0] };
  const chosen = pick(stripped);
  return chosen ? { name: chosen.name, raw: frames[chosen.index] } : undefined;
}

/**
 * Follows the steps through the lines; each TRACE after the first, and the end, close a group
 * whose chosen frame is one result. `complete` is false when a group found no frame or the
 * lines hold a fault-injection stack.
 */
function follow(
  lines: string[],
  steps: Step[],
  skip: RegExp,
  pick: FramePicker | undefined,
  frameLines: readonly RegExp[] = FRAME_LINES,
): { frames: PickedFrame[]; complete: boolean } {
  const picked: PickedFrame[] = [];
  let complete = true;
  let found: string[] = [];
  let traces = 0;
  let at = 0;
  const closeGroup = (): void => {
    const frame = choose(found, pick);
    if (!frame) complete = false;
    picked.push(frame ?? { name: DAMAGED_FRAME, raw: DAMAGED_FRAME });
    found = [];
  };
  steps: for (let s = 0; ; s++) {
    if (s === steps.length || (steps[s] === TRACE && traces > 0)) closeGroup();
    if (s === steps.length) break;
    const step = steps[s];
    if (step === TRACE) {
      traces++;
      const next = steps[s + 1];
      while (at < lines.length) {
        const line = lines[at++];
        if (FAULT_INJECTION_FRAME.test(line)) {
          complete = false;
          continue steps;
        }
        if (TRACE_STARTS.some((re) => re.test(line))) continue steps;
        if (next !== undefined && next !== TRACE) {
          const m = next.exec(line);
          if (m) {
            addFrames(found, m, skip);
            s++;
            continue steps;
          }
        }
        for (const re of frameLines) {
          const m = re.exec(line);
          if (m) {
            addFrames(found, m, skip);
            break;
          }
        }
      }
    } else {
      while (at < lines.length) {
        const line = lines[at++];
        if (FAULT_INJECTION_FRAME.test(line)) {
          complete = false;
          continue steps;
        }
        const m = step.exec(line);
        if (!m) continue;
        addFrames(found, m, skip);
        // A trace without a heading (32-bit arm's) begins at its first frame: read it as one.
        if (HEADLESS_TRACE_FRAMES.some((re) => re.test(line)) && !m.slice(1).some((g) => g !== undefined)) at--;
        break;
      }
    }
  }
  return { frames: picked, complete };
}

/** The frames a recipe picks from a report's text (which starts where the rule matched). */
export function pickFrames(text: string, recipe: FrameRecipe): { frames: PickedFrame[]; complete: boolean } {
  const lines = text.split('\n');
  const skip = skipPattern(recipe);
  const first = follow(lines, recipe.steps, skip, recipe.pick);
  if (!first.complete && onlyDoubtfulFrames(lines)) {
    // A picker that looks past the top frames for a dispatcher (stalls) would take a stale word for one:
    // the first frame (the fault site's, when printed) is the only one to go by.
    const doubtful = follow(lines, recipe.steps, skip, undefined, DOUBTFUL_FRAME_LINES);
    if (doubtful.complete) return doubtful;
  }
  if (first.complete || !recipe.otherwise) return first;
  const fallbacks = recipe.otherwise.map((steps) => follow(lines, steps, skip, recipe.pick));
  return fallbacks.find((result) => result.complete) ?? fallbacks[0];
}

/** Whether every frame of the report's traces is marked `?` (there is at least one). */
function onlyDoubtfulFrames(lines: readonly string[]): boolean {
  return lines.some((line) => DOUBTFUL_FRAME.test(line)) && !lines.some((line) => FRAME_LINES.some((re) => re.test(line)));
}

// Stalls and lockups show a random point inside a loop; the function that dispatched the work
// (the syscall, the work item, the timer) groups them better. These are the dispatchers.
const DISPATCHERS = new RegExp(
  [
    // generic dispatch: workqueues, syscall entries, softirqs, timers, kthreads
    'process_one_work', 'do_syscall_', 'do_fast_syscall_', 'sysenter_dispatch', 'tracesys_phase2',
    'el0_svc_handler', 'invoke_syscall', 'ret_fast_syscall', 'netif_receive_skb', 'do_softirq',
    'call_timer_fn', '_run_timers', 'run_timer_softirq', 'hrtimer_run', 'run_ksoftirqd', 'smpboot_thread_fn',
    '^kthread$', 'start_secondary', 'cpu_startup_entry', 'ret_from_fork',
    // file operations that many devices implement
    'vfs_write', 'vfs_read', 'vfs_iter_read', 'vfs_iter_write', 'do_iter_read', 'do_iter_write',
    'call_read_iter', 'call_write_iter', 'new_sync_read', 'new_sync_write', 'vfs_ioctl', 'ksys_ioctl',
    'compat_ioctl', 'compat_sys_ioctl', 'blkdev_driver_ioctl', 'blkdev_ioctl', 'do_iter_readv_writev',
    '^call_mmap', 'mmap_region', 'do_mmap', 'do_dentry_open', 'vfs_open',
    // socket operations that many protocols implement
    '^sock_sendmsg', '^sock_recvmsg', '^sock_release', '^__sock_release', '^setsockopt$', 'kernel_setsockopt',
    'sock_common_setsockopt', '^listen$', 'kernel_listen', 'sk_common_release', '^sock_mmap', '^accept$',
    'kernel_accept', '^sock_do_ioctl', '^sock_ioctl', '^compat_sock_ioctl', '^nfnetlink_rcv_msg',
    '^rtnetlink_rcv_msg', '^netlink_dump', '^(sys_)?(socketpair|connect|ioctl)',
    // page faults, return-to-user work, cross-CPU calls, tasklets
    '__do_fault', 'do_page_fault', '^page_fault$', '__fput', 'task_work_run', 'exit_to_usermode',
    'smp_call_function', 'tasklet_action', 'tasklet_hi_action',
  ].join('|'),
); // prettier-ignore

/** Stalls: the frame just above the first dispatcher (or smp_call_function itself). */
export const pickStallFrame: FramePicker = (frames) => {
  let previous = { name: frames[0], index: 0 };
  for (let i = 0; i < frames.length; i++) {
    if (DISPATCHERS.test(frames[i]))
      return frames[i].includes('smp_call_function') ? { name: 'smp_call_function', index: i } : previous;
    previous = { name: frames[i], index: i };
  }
  return undefined;
};

// Hung tasks wait where the real culprit holds something: RTNL and RCU grace periods group them.
const HUNG_GROUPS: [string, string][] = [
  ['rtnl_lock', ''],
  ['synchronize_rcu', 'synchronize_rcu'],
  ['synchronize_srcu', 'synchronize_rcu'],
  ['synchronize_net', 'synchronize_rcu'],
  ['synchronize_sched', 'synchronize_rcu'],
];
const WAITING = ['sched', '_lock', '_slowlock', 'down', 'rwsem', 'completion', 'kthread', 'wait', 'synchronize', 'context_switch', '__switch_to', 'cancel_delayed_work', 'rcu_barrier']; // prettier-ignore

/** Hung tasks: the RTNL/RCU group when the task waits there, else the first frame that is not waiting. */
export const pickHungFrame: FramePicker = (frames) => {
  for (let i = 0; i < frames.length; i++) {
    for (const [anchor, group] of HUNG_GROUPS) if (frames[i].includes(anchor)) return { name: group || frames[i], index: i };
  }
  const i = frames.findIndex((f) => !WAITING.some((w) => f.includes(w)) && !TASK_ENTRY.test(f));
  if (i >= 0) return { name: frames[i], index: i };
  // Every frame waits, down to where the task started (a kthread parked in kthread() itself): the one
  // that called into the wait, above the entry stub. A trace cut before its start is corrupted.
  const entry = frames.findIndex((f) => TASK_ENTRY.test(f));
  return entry > 0 ? { name: frames[entry - 1], index: entry - 1 } : undefined;
};

/** Where every kernel thread and forked task starts: glue below the function that waits, never where it hangs. */
const TASK_ENTRY = /^(?:ret_from_fork\w*|ret_from_kernel_thread|kernel_thread_helper|start_kernel_thread)$/;
