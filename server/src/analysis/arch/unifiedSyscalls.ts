// System call names by number, where every architecture numbers them alike: since Linux 5.1 a new
// system call takes the same number everywhere (424 on; the kernel's syscall tables). The numbers
// below 424 are each architecture's own (x86_64/syscalls.ts, asmGenericSyscalls.ts).

const FROM_424 = (
  'pidfd_send_signal io_uring_setup io_uring_enter io_uring_register open_tree move_mount fsopen fsconfig ' +
  'fsmount fspick pidfd_open clone3 close_range openat2 pidfd_getfd faccessat2 process_madvise epoll_pwait2 ' +
  'mount_setattr quotactl_fd landlock_create_ruleset landlock_add_rule landlock_restrict_self memfd_secret ' +
  'process_mrelease futex_waitv set_mempolicy_home_node cachestat fchmodat2 map_shadow_stack futex_wake ' +
  'futex_wait futex_requeue statmount listmount lsm_get_self_attr lsm_set_self_attr lsm_list_modules mseal ' +
  'setxattrat getxattrat listxattrat removexattrat'
).split(' ');

/** The name of system call `number` if it is one of the numbers shared by every architecture. */
export function unifiedSyscallName(number: number): string | undefined {
  return FROM_424[number - 424];
}

/** A name from `table` (index = number; '' where the number is unused), else a shared one. */
export function syscallNameIn(table: readonly string[], number: number): string | undefined {
  if (!Number.isInteger(number) || number < 0) return undefined;
  return (number < table.length ? table[number] : unifiedSyscallName(number)) || undefined;
}
