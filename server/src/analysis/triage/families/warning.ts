// `WARNING:` reports: WARN() with its file and function, and lockdep's reports.
import { PLAIN_WARNINGS } from '../../parse/console/lines';
import { pattern, SITE_LINE, CALL_TRACE, TRACE, traceFrames, type Family, type FrameRecipe } from '../rules';

/**
 * A WARN's frame: the fault-site line (x86 `RIP:`, powerpc `--- interrupt: N at`) and the trace
 * around it; the call trace alone when the site names nothing useful. Subsystems whose WARNs are
 * always their callers' bugs add their own functions to skip.
 */
function warnFrames(...skip: string[]): FrameRecipe {
  return {
    steps: [new RegExp(`(?:${SITE_LINE.source}|--- interrupt: [0-9]+ at ${pattern('%FUNC').source})`), TRACE],
    otherwise: [[CALL_TRACE, TRACE]],
    skip,
  };
}

const lockSite = (lead: string): RegExp => pattern(`${lead}(?:.*\\n)+?.*at: (?:%PC +)?%FUNC`);

export const warningFamily: Family = {
  header: 'WARNING:',
  notReports: [
    ...PLAIN_WARNINGS,
    /EXT4-[Ff][Ss](?: \(.*\))?:/,
    /warning: .* uses (deprecated v2 capabilities|wireless extensions)/i,
    /XFS \(\w+\): WARNING/,
  ],
  rules: [
    {
      match: /WARNING: .*lib\/debugobjects\.c.* (?:debug_print|debug_check|at)/,
      title: 'WARNING: ODEBUG bug in {1}',
      frame: warnFrames(
        'debug_',
        'rcu',
        'hrtimer_',
        'timer_',
        'work_',
        'percpu_',
        'vunmap',
        'vfree',
        '__free_',
        'debug_check',
        'kobject_',
      ),
    },
    {
      match: /WARNING: .*mm\/usercopy\.c.* (?:usercopy_warn|at)/,
      title: 'WARNING: bad usercopy in {1}',
      frame: warnFrames('usercopy', '__check'),
    },
    {
      match: /WARNING: .*lib\/kobject\.c.* (?:kobject_|at)/,
      title: 'WARNING: kobject bug in {1}',
      frame: warnFrames('kobject_'),
    },
    {
      match: /WARNING: .*fs\/proc\/generic\.c.* (?:proc_register|at)/,
      title: 'WARNING: proc registration bug in {1}',
      frame: warnFrames('proc_'),
    },
    {
      match: /WARNING: .*lib\/refcount\.c.* (?:refcount_|at)/,
      title: 'WARNING: refcount bug in {1}',
      frame: warnFrames('refcount', 'kobject_'),
    },
    {
      match: /WARNING: .*kernel\/locking\/lockdep\.c.*lock_/,
      title: 'WARNING: locking bug in {1}',
      frame: warnFrames('lock_sock', 'release_sock'),
    },
    {
      match: /WARNING: .*still has locks held!/,
      detail: pattern('WARNING: .*still has locks held!(?:.*\\n)+?.*at: %FUNC'),
      title: 'WARNING: still has locks held in {1}',
    },
    { match: /WARNING: Nested lock was not taken/, title: 'WARNING: nested lock was not taken in {1}', frame: warnFrames() },
    {
      match: /WARNING: lock held when returning to user space/,
      detail: lockSite('WARNING: lock held when returning to user space(?:.*\\n)+?.*leaving the kernel with locks still held'),
      title: 'WARNING: lock held when returning to user space in {1}',
      noTrace: true,
    },
    {
      match: /WARNING: .*mm\/.*\.c.* k?.?malloc/,
      title: 'WARNING: kmalloc bug in {1}',
      frame: warnFrames('kmalloc', 'krealloc', 'slab', 'kmem'),
    },
    { match: /WARNING: .*mm\/vmalloc.c.*__vmalloc_node/, title: 'WARNING: zero-size vmalloc in {1}', frame: warnFrames() },
    // USB WARNs in usb_submit_urb are the driver's: name both.
    {
      match: /WARNING: .* usb_submit_urb/,
      title: 'WARNING in {1}/usb_submit_urb',
      frame: warnFrames('usb_submit_urb', 'usb_start_wait_urb', 'usb_bulk_msg', 'usb_interrupt_msg', 'usb_control_msg'),
    },
    // Kernels from late 2025 print `WARNING: file:line at 0x0, CPU#0: comm/pid`, the function only in RIP.
    { match: pattern('WARNING: %SRC at 0x\\d+, CPU#\\d+'), title: 'WARNING in {2}', frame: warnFrames() },
    { match: pattern('WARNING: .* at %SRC %FUNC'), title: 'WARNING in {3}', frame: warnFrames() },
    { match: pattern('WARNING: %SRC at %FUNC'), title: 'WARNING in {3}', frame: warnFrames() },
    { match: pattern('WARNING: \\[.*\\] %SRC at %FUNC.*'), title: 'WARNING in {3}', frame: warnFrames() },
    // Without CONFIG_DEBUG_BUGVERBOSE: no file, the function after `at` (`WARNING: CPU: 3 PID: 4886 at kthread_is_per_cpu+0x20/0x40`).
    { match: pattern('WARNING: CPU: \\d+ PID: \\d+ at %FUNC'), title: 'WARNING in {1}', frame: warnFrames() },
    // Before 3.8: `WARNING: at fs/dcache.c:1291 d_set_d_op+0x2a/0x96()`, the file as the build saw it.
    { match: pattern('WARNING: at %SRC %FUNC'), title: 'WARNING in {2}' },
    // RHEL 7's ppc64 prints the site alone (`WARNING: at arch/powerpc/platforms/pseries/eeh.c:390`), the function at NIP.
    { match: pattern('WARNING: at %SRC\\s*\\n'), title: 'WARNING in {2}', frame: warnFrames() },
    {
      match: /WARNING: possible circular locking dependency detected/,
      detail: /WARNING: possible circular locking dependency detected(?:.*\n)+?.*is trying to acquire lock/,
      title: 'possible deadlock in {1}',
      // Workqueue functions take the locks of work items: their deadlocks belong to the work.
      frame: {
        steps: [pattern('at: (?:%PC +)?%FUNC'), pattern('at: (?:%PC +)?%FUNC'), TRACE],
        skip: ['process_one_work', 'flush_workqueue', 'drain_workqueue', 'destroy_workqueue'],
      },
      // Where the lock was being taken, not the lock primitive that tops the chains' stacks.
      frameIsFunction: true,
    },
    {
      match: /WARNING: possible irq lock inversion dependency detected/,
      detail: lockSite('WARNING: possible irq lock inversion dependency detected(?:.*\\n)+?.*just changed the state of lock'),
      title: 'possible deadlock in {1}',
      functionArg: 1,
    },
    {
      match: /WARNING: .*-safe -> .*-unsafe lock order detected/,
      title: 'possible deadlock in {1}',
      frame: { steps: [/which became (?:.*) at:/, TRACE] },
      frameIsFunction: true,
    },
    {
      match: /WARNING: possible recursive locking detected/,
      detail: lockSite('WARNING: possible recursive locking detected(?:.*\\n)+?.*is trying to acquire lock'),
      title: 'possible deadlock in {1}',
      functionArg: 1,
    },
    {
      match: /WARNING: inconsistent lock state/,
      detail: lockSite('WARNING: inconsistent lock state(?:.*\\n)+?.*takes'),
      title: 'inconsistent lock state in {2}',
      frame: traceFrames(),
      // Where the lock was taken in the wrong state (`at: timer_callback+0x26/0x380`), not lockdep's own frames.
      functionArg: 1,
    },
    {
      match: /WARNING: suspicious RCU usage/,
      detail: pattern('WARNING: suspicious RCU usage(?:.*\\n)+?.*?%SRC'),
      title: 'WARNING: suspicious RCU usage in {2}',
      frame: traceFrames(['rcu', 'kmem', 'slab']),
    },
    {
      match: /WARNING: kernel stack regs at [0-9a-f]+ in [^ ]* has bad '([^']+)' value/,
      title: "WARNING: kernel stack regs has bad '{1}' value",
      noTrace: true,
    },
    {
      match: /WARNING: kernel stack frame pointer at [0-9a-f]+ in [^ ]* has bad value/,
      title: 'WARNING: kernel stack frame pointer has bad value',
      noTrace: true,
    },
    {
      match: /WARNING: bad unlock balance detected!/,
      title: 'WARNING: bad unlock balance in {1}',
      frame: { steps: [pattern('%PC +%FUNC'), CALL_TRACE, TRACE] },
    },
    {
      match: /WARNING: held lock freed!/,
      detail: pattern('WARNING: held lock freed!(?:.*\\n)+?.*at:(?: %PC)? +%FUNC'),
      title: 'WARNING: held lock freed in {1}',
    },
    {
      match: /WARNING: kernel stack regs .* has bad 'bp' value/,
      title: 'WARNING: kernel stack regs has bad value',
      noTrace: true,
    },
    {
      match: /WARNING: kernel stack frame pointer .* has bad value/,
      title: 'WARNING: kernel stack regs has bad value',
      noTrace: true,
    },
    { match: /WARNING:\s*(?:\n|$)/, title: 'WARNING: corrupted', damaged: true },
  ],
};
