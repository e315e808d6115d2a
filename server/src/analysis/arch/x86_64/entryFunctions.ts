// Functions of a console call trace that name x86 kernels: their syscall and exception entry
// (arch/x86/entry/, arch/x86/include/asm/idtentry.h). x86_64 shares its text addresses
// (ffffffff8…) with riscv64 and mips64, so a trace without registers says x86_64 only by these.

/** Entry code only a 64-bit x86 kernel has: its syscall paths (native and compat) and its boot entry. */
const X86_64_ONLY = new Set([
  'do_syscall_64',
  'x64_sys_call',
  'system_call_fastpath',
  'x86_64_start_kernel',
  'x86_64_start_reservations',
  'secondary_startup_64',
  'secondary_startup_64_no_verify',
]);

/** `entry_SYSCALL_64`, `…_after_hwframe`, `…_fastpath`; the compat entries `entry_SYSENTER_compat`, `entry_INT80_compat`. */
const X86_64_ENTRY = /^entry_SYSCALL_64|^entry_[A-Z0-9]+_compat/;

/**
 * The idtentry handlers of 5.8+ (`exc_page_fault`, `sysvec_apic_timer_interrupt`) and their
 * `asm_` stubs: i386 kernels have them too, so they tell x86 from the others, not its width.
 * (ppc64's `exc_real_0x300_data_access` is no idtentry name.)
 */
const X86_EXCEPTIONS = new Set([
  'exc_divide_error',
  'exc_overflow',
  'exc_bounds',
  'exc_invalid_op',
  'exc_device_not_available',
  'exc_invalid_tss',
  'exc_segment_not_present',
  'exc_stack_segment',
  'exc_general_protection',
  'exc_coprocessor_error',
  'exc_alignment_check',
  'exc_simd_coprocessor_error',
  'exc_control_protection',
  'exc_int3',
  'exc_debug',
  'exc_nmi',
  'exc_page_fault',
  'exc_machine_check',
  'exc_double_fault',
  'exc_vmm_communication',
  'exc_virtualization_exception',
]);

/** A name of x86 entry code of either width (see X86_EXCEPTIONS). */
/** An entry from user space: `entry_SYSCALL_64…`, the compat entries. Below it a task's kernel stack holds only the user's pt_regs. */
export function x86UserEntry(name: string): boolean {
  return X86_64_ENTRY.test(name);
}

export function x86EntryFunction(name: string): boolean {
  return (
    X86_EXCEPTIONS.has(name) ||
    name.startsWith('sysvec_') ||
    name.startsWith('asm_exc_') ||
    name.startsWith('asm_sysvec_') ||
    name === 'asm_common_interrupt'
  );
}

/** Score of a trace function for x86_64: 2 for entry only it has, 1 for entry it shares with i386. */
export function x86_64TraceFunction(name: string, doubtful: boolean): number {
  // The speculation mitigations' return thunks are left on every stack as stale words (`?
  // srso_alias_return_thunk+0x5/0xfbef5`); SRSO's and retbleed's exist in x86_64 kernels only.
  if (name.startsWith('srso_') || name === 'retbleed_return_thunk') return 2;
  // A stale word of entry code only this kernel has (`? system_call_fastpath+0x16/0x1b`) still names it.
  if (X86_64_ONLY.has(name) || name.startsWith('__x64_sys_') || X86_64_ENTRY.test(name)) return 2;
  if (doubtful) return 0;
  return x86EntryFunction(name) ? 1 : 0;
}
