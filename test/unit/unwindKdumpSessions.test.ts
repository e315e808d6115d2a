// Walks over two public crash sessions of kernels that went to kdump, lines unedited: a 4.19
// x86_64 `bt -f`/`bt -F`/`bt -e` and a 5.10-rt `bt -sx` with `bt -e`. The kdump path keeps a copy
// of the crashing registers in __crash_kexec's frame (crash_setup_regs() fills its `fixed_regs`),
// which `bt -e` prints as a KERNEL-MODE EXCEPTION FRAME (ff63810032077bb8 before the real pt_regs at
// ff63810032077da8; ffffa7bf4e7f3950 inside #1 __crash_kexec): a walk passes through it.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { unwind, unwindStartAtLine } from '../../server/src/analysis/unwind';
import { interruptedContexts } from '../../server/src/analysis/unwind/contexts';

/** `bt -f` of a 4.19.90 x86_64 kernel whose oops went to kdump. */
const BT_F_419 = [
  'crash> bt -f',
  'PID: 2429976  TASK: ff352c8c1e7fbc80  CPU: 53  COMMAND: "ovs-vswitchd"',
  ' #0 [ff63810032077b58] machine_kexec at ffffffff90c5ae7e',
  '    ff63810032077b60: 0000000000000000 ff352c0000000000 ',
  '    ff63810032077b70: 0000000005003000 ff352c0005003000 ',
  '    ff63810032077b80: 0000000005002000 aa800800000606a6 ',
  '    ff63810032077b90: 7789297e2d5fda00 ff63810032077da8 ',
  '    ff63810032077ba0: 0000000000000009 ff63810032077da8 ',
  '    ff63810032077bb0: ffffffff90d5ec51 ',
  ' #1 [ff63810032077bb0] __crash_kexec at ffffffff90d5ec51',
  '    ff63810032077bb8: ff63810032077e70 0000000000000000 ',
  '    ff63810032077bc8: ff63810032077e70 ff63810032077e70 ',
  '    ff63810032077bd8: ff352c7e4996ba98 ff63810032077ee0 ',
  '    ff63810032077be8: 0000000000000001 0000000000000001 ',
  '    ff63810032077bf8: 0000000000000001 0000000000000000 ',
  '    ff63810032077c08: ffffffff90ecd9c0 ffffffffc09e3960 ',
  '    ff63810032077c18: ff352c7e7a204000 0000000000000000 ',
  '    ff63810032077c28: ff63810032077f58 ffffffffffffffff ',
  '    ff63810032077c38: ffffffff90ecd9c0 0000000000000010 ',
  '    ff63810032077c48: 0000000000010282 ff63810032077e58 ',
  '    ff63810032077c58: 0000000000000018 7789297e2d5fda00 ',
  '    ff63810032077c68: ff63810032077da8 ffffffff90d5fafd ',
  ' #2 [ff63810032077c70] crash_kexec at ffffffff90d5fafd',
  '    ff63810032077c78: ffffffff00000000 0000000000000046 ',
  '    ff63810032077c88: ffffffff90c22b2f ',
  ' #3 [ff63810032077c88] oops_end at ffffffff90c22b2f',
  '    ff63810032077c90: ff63810032077da8 ff9f3fe5110e3bb0 ',
  '    ff63810032077ca0: ff352c8c1e7fbc80 ffffffff90c6a665 ',
  ' #4 [ff63810032077ca8] no_context at ffffffff90c6a665',
  '    ff63810032077cb0: 0000000000000046 0000000000000000 ',
  '    ff63810032077cc0: 0000000090f3d562 7789297e2d5fda00 ',
  '    ff63810032077cd0: 0000000000000010 ff9f3fe5110e3bb0 ',
  '    ff63810032077ce0: ff63810032077da8 0000000000000000 ',
  '    ff63810032077cf0: ff352cfe63700d80 ff352c8c1e7fbc80 ',
  '    ff63810032077d00: ffffffff90c6ae28 ',
  ' #5 [ff63810032077d00] __do_page_fault at ffffffff90c6ae28',
  '    ff63810032077d08: ff352cfe63700df8 0000000000000000 ',
  '    ff63810032077d18: 0000000100000002 ffffffff90d51770 ',
  '    ff63810032077d28: 00007fbb90c12020 ff63810032077de0 ',
  '    ff63810032077d38: 7789297e2d5fda00 0000000000000000 ',
  '    ff63810032077d48: ff63810032077da8 0000000000000010 ',
  '    ff63810032077d58: 0000000000000000 0000000000000000 ',
  '    ff63810032077d68: 0000000000000000 ffffffff90c6b271 ',
  ' #6 [ff63810032077d70] do_page_fault at ffffffff90c6b271',
  '    ff63810032077d78: 0000000000000000 0000000000000000 ',
  '    ff63810032077d88: 0000000000000000 0000000000000000 ',
  '    ff63810032077d98: 0000000000000000 ffffffff9160116e ',
  ' #7 [ff63810032077da0] page_fault at ffffffff9160116e',
  '    [exception RIP: __x64_sys_pwrite64]',
  '    RIP: ffffffff90ecd9c0  RSP: ff63810032077e58  RFLAGS: 00010282',
  '    RAX: ffffffff90ecd9c0  RBX: ff63810032077ee0  RCX: ffffffffc09e3960',
  '    RDX: ff352c7e7a204000  RSI: 0000000000000000  RDI: ff63810032077f58',
  '    RBP: ff352c7e4996ba98   R8: 0000000000000000   R9: 0000000000000001',
  '    R10: 0000000000000001  R11: 0000000000000001  R12: ff63810032077e70',
  '    R13: ff63810032077e70  R14: 0000000000000000  R15: ff63810032077e70',
  '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
  '    ff63810032077da8: ff63810032077e70 0000000000000000 ',
  '    ff63810032077db8: ff63810032077e70 ff63810032077e70 ',
  '    ff63810032077dc8: ff352c7e4996ba98 ff63810032077ee0 ',
  '    ff63810032077dd8: 0000000000000001 0000000000000001 ',
  '    ff63810032077de8: 0000000000000001 0000000000000000 ',
  '    ff63810032077df8: ffffffff90ecd9c0 ffffffffc09e3960 ',
  '    ff63810032077e08: ff352c7e7a204000 0000000000000000 ',
  '    ff63810032077e18: ff63810032077f58 ffffffffffffffff ',
  '    ff63810032077e28: ffffffff90ecd9c0 0000000000000010 ',
  '    ff63810032077e38: 0000000000010282 ff63810032077e58 ',
  '    ff63810032077e48: 0000000000000018 ff63810032077e70 ',
  '    ff63810032077e58: ffffffffc08bbb93 ',
  ' #8 [ff63810032077e58] _MODULE_START_sys_linux at ffffffffc08bbb93 [sys_linux]',
  '    ff63810032077e60: 00000000000000a6 ffffffff916001b1 ',
  '    ff63810032077e70: ff63810032077e70 ff63810032077e70 ',
  '    ff63810032077e80: ffffffff916001a5 7789297e2d5fda00 ',
  '    ff63810032077e90: 0000000000000000 0000000000000001 ',
  '    ff63810032077ea0: 7789297e2d5fda00 0000000000000012 ',
  '    ff63810032077eb0: ff63810032077f58 0000000000000000 ',
  '    ff63810032077ec0: 0000000000000000 0000000000000000 ',
  '    ff63810032077ed0: 0000000000000000 ffffffffc08bf811 ',
  ' #9 [ff63810032077ed8] _MODULE_START_sys_linux at ffffffffc08bf811 [sys_linux]',
  '    ff63810032077ee0: 0000001200000001 0000000000000005 ',
  '    ff63810032077ef0: 000000000000011a 0000555fbab5321b ',
  '    ff63810032077f00: 00000000000000a6 0000000000000000 ',
  '    ff63810032077f10: 0000000000000000 0000000000000000 ',
  '    ff63810032077f20: ff63810032077f58 0000000000000178 ',
  '    ff63810032077f30: 7789297e2d5fda00 ffffffff90c0435b ',
  '#10 [ff63810032077f38] do_syscall_64 at ffffffff90c0435b',
  '    ff63810032077f40: 0000000000000000 0000000000000000 ',
  '    ff63810032077f50: ffffffff91600088 ',
  '#11 [ff63810032077f50] entry_SYSCALL_64_after_hwframe at ffffffff91600088',
  '    RIP: 00007fbb909eda97  RSP: 00007fbb8c0dcb40  RFLAGS: 00003293',
  '    RAX: ffffffffffffffda  RBX: 000000000000011a  RCX: 00007fbb909eda97',
  '    RDX: 00000000000000a6  RSI: 0000555fbab5321b  RDI: 000000000000011a',
  '    RBP: 0000555fbab5321b   R8: 0000000000000000   R9: 00007fbb8c0e0000',
  '    R10: 0000000000000000  R11: 0000000000003293  R12: 00000000000000a6',
  '    R13: 0000000000000000  R14: ffffffffffffffff  R15: 0000555fbac74d28',
  '    ORIG_RAX: 0000000000000012  CS: 0033  SS: 002b',
  '',
];

/** `bt -F` of the same task: it names the module return addresses `sys_linux+7059`, bt `_MODULE_START_sys_linux`. */
const BT_FF_419 = [
  'crash> bt -F',
  'PID: 2429976  TASK: ff352c8c1e7fbc80  CPU: 53  COMMAND: "ovs-vswitchd"',
  ' #0 [ff63810032077b58] machine_kexec at ffffffff90c5ae7e',
  '    ff63810032077b60: 0000000000000000 ff352c0000000000 ',
  '    ff63810032077b70: 0000000005003000 ff352c0005003000 ',
  '    ff63810032077b80: 0000000005002000 aa800800000606a6 ',
  '    ff63810032077b90: 7789297e2d5fda00 ff63810032077da8 ',
  '    ff63810032077ba0: 0000000000000009 ff63810032077da8 ',
  '    ff63810032077bb0: __crash_kexec+97 ',
  ' #1 [ff63810032077bb0] __crash_kexec at ffffffff90d5ec51',
  '    ff63810032077bb8: ff63810032077e70 0000000000000000 ',
  '    ff63810032077bc8: ff63810032077e70 ff63810032077e70 ',
  '    ff63810032077bd8: ff352c7e4996ba98 ff63810032077ee0 ',
  '    ff63810032077be8: 0000000000000001 0000000000000001 ',
  '    ff63810032077bf8: 0000000000000001 0000000000000000 ',
  '    ff63810032077c08: __x64_sys_pwrite64 sys_ops+704      ',
  '    ff63810032077c18: [kmalloc-8192]   0000000000000000 ',
  '    ff63810032077c28: ff63810032077f58 ffffffffffffffff ',
  '    ff63810032077c38: __x64_sys_pwrite64 0000000000000010 ',
  '    ff63810032077c48: 0000000000010282 ff63810032077e58 ',
  '    ff63810032077c58: 0000000000000018 7789297e2d5fda00 ',
  '    ff63810032077c68: ff63810032077da8 crash_kexec+61   ',
  ' #2 [ff63810032077c70] crash_kexec at ffffffff90d5fafd',
  '    ff63810032077c78: ffffffff00000000 0000000000000046 ',
  '    ff63810032077c88: oops_end+175     ',
  ' #3 [ff63810032077c88] oops_end at ffffffff90c22b2f',
  '    ff63810032077c90: ff63810032077da8 ff9f3fe5110e3bb0 ',
  '    ff63810032077ca0: [task_struct]    no_context+453   ',
  ' #4 [ff63810032077ca8] no_context at ffffffff90c6a665',
  '    ff63810032077cb0: 0000000000000046 0000000000000000 ',
  '    ff63810032077cc0: 0000000090f3d562 7789297e2d5fda00 ',
  '    ff63810032077cd0: 0000000000000010 ff9f3fe5110e3bb0 ',
  '    ff63810032077ce0: ff63810032077da8 0000000000000000 ',
  '    ff63810032077cf0: [mm_struct]      [task_struct]    ',
  '    ff63810032077d00: __do_page_fault+200 ',
  ' #5 [ff63810032077d00] __do_page_fault at ffffffff90c6ae28',
  '    ff63810032077d08: [mm_struct]      0000000000000000 ',
  '    ff63810032077d18: 0000000100000002 futex_wait+208   ',
  '    ff63810032077d28: 00007fbb90c12020 ff63810032077de0 ',
  '    ff63810032077d38: 7789297e2d5fda00 0000000000000000 ',
  '    ff63810032077d48: ff63810032077da8 0000000000000010 ',
  '    ff63810032077d58: 0000000000000000 0000000000000000 ',
  '    ff63810032077d68: 0000000000000000 do_page_fault+49 ',
  ' #6 [ff63810032077d70] do_page_fault at ffffffff90c6b271',
  '    ff63810032077d78: 0000000000000000 0000000000000000 ',
  '    ff63810032077d88: 0000000000000000 0000000000000000 ',
  '    ff63810032077d98: 0000000000000000 page_fault+30    ',
  ' #7 [ff63810032077da0] page_fault at ffffffff9160116e',
  '    [exception RIP: __x64_sys_pwrite64]',
  '    RIP: ffffffff90ecd9c0  RSP: ff63810032077e58  RFLAGS: 00010282',
  '    RAX: ffffffff90ecd9c0  RBX: ff63810032077ee0  RCX: ffffffffc09e3960',
  '    RDX: ff352c7e7a204000  RSI: 0000000000000000  RDI: ff63810032077f58',
  '    RBP: ff352c7e4996ba98   R8: 0000000000000000   R9: 0000000000000001',
  '    R10: 0000000000000001  R11: 0000000000000001  R12: ff63810032077e70',
  '    R13: ff63810032077e70  R14: 0000000000000000  R15: ff63810032077e70',
  '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
  '    ff63810032077da8: ff63810032077e70 0000000000000000 ',
  '    ff63810032077db8: ff63810032077e70 ff63810032077e70 ',
  '    ff63810032077dc8: ff352c7e4996ba98 ff63810032077ee0 ',
  '    ff63810032077dd8: 0000000000000001 0000000000000001 ',
  '    ff63810032077de8: 0000000000000001 0000000000000000 ',
  '    ff63810032077df8: __x64_sys_pwrite64 sys_ops+704      ',
  '    ff63810032077e08: [kmalloc-8192]   0000000000000000 ',
  '    ff63810032077e18: ff63810032077f58 ffffffffffffffff ',
  '    ff63810032077e28: __x64_sys_pwrite64 0000000000000010 ',
  '    ff63810032077e38: 0000000000010282 ff63810032077e58 ',
  '    ff63810032077e48: 0000000000000018 ff63810032077e70 ',
  '    ff63810032077e58: sys_linux+7059 ',
  ' #8 [ff63810032077e58] _MODULE_START_sys_linux at ffffffffc08bbb93 [sys_linux]',
  '    ff63810032077e60: 00000000000000a6 __switch_to_asm+65 ',
  '    ff63810032077e70: ff63810032077e70 ff63810032077e70 ',
  '    ff63810032077e80: __switch_to_asm+53 7789297e2d5fda00 ',
  '    ff63810032077e90: 0000000000000000 0000000000000001 ',
  '    ff63810032077ea0: 7789297e2d5fda00 0000000000000012 ',
  '    ff63810032077eb0: ff63810032077f58 0000000000000000 ',
  '    ff63810032077ec0: 0000000000000000 0000000000000000 ',
  '    ff63810032077ed0: 0000000000000000 sys_linux+22545 ',
  ' #9 [ff63810032077ed8] _MODULE_START_sys_linux at ffffffffc08bf811 [sys_linux]',
  '    ff63810032077ee0: 0000001200000001 0000000000000005 ',
  '    ff63810032077ef0: 000000000000011a 0000555fbab5321b ',
  '    ff63810032077f00: 00000000000000a6 0000000000000000 ',
  '    ff63810032077f10: 0000000000000000 0000000000000000 ',
  '    ff63810032077f20: ff63810032077f58 0000000000000178 ',
  '    ff63810032077f30: 7789297e2d5fda00 do_syscall_64+91 ',
  '#10 [ff63810032077f38] do_syscall_64 at ffffffff90c0435b',
  '    ff63810032077f40: 0000000000000000 0000000000000000 ',
  '    ff63810032077f50: entry_SYSCALL_64_after_hwframe+68 ',
  '#11 [ff63810032077f50] entry_SYSCALL_64_after_hwframe at ffffffff91600088',
  '    RIP: 00007fbb909eda97  RSP: 00007fbb8c0dcb40  RFLAGS: 00003293',
  '    RAX: ffffffffffffffda  RBX: 000000000000011a  RCX: 00007fbb909eda97',
  '    RDX: 00000000000000a6  RSI: 0000555fbab5321b  RDI: 000000000000011a',
  '    RBP: 0000555fbab5321b   R8: 0000000000000000   R9: 00007fbb8c0e0000',
  '    R10: 0000000000000000  R11: 0000000000003293  R12: 00000000000000a6',
  '    R13: 0000000000000000  R14: ffffffffffffffff  R15: 0000555fbac74d28',
  '    ORIG_RAX: 0000000000000012  CS: 0033  SS: 002b',
  '',
];

/** `bt -e` of the same task: crash reports the copy as the exception frame. */
const BT_E_419 = [
  'crash> bt -e',
  'PID: 2429976  TASK: ff352c8c1e7fbc80  CPU: 53  COMMAND: "ovs-vswitchd"',
  '',
  '  KERNEL-MODE EXCEPTION FRAME AT: ff63810032077bb8',
  '    [exception RIP: __x64_sys_pwrite64]',
  '    RIP: ffffffff90ecd9c0  RSP: ff63810032077e58  RFLAGS: 00010282',
  '    RAX: ffffffff90ecd9c0  RBX: ff63810032077ee0  RCX: ffffffffc09e3960',
  '    RDX: ff352c7e7a204000  RSI: 0000000000000000  RDI: ff63810032077f58',
  '    RBP: ff352c7e4996ba98   R8: 0000000000000000   R9: 0000000000000001',
  '    R10: 0000000000000001  R11: 0000000000000001  R12: ff63810032077e70',
  '    R13: ff63810032077e70  R14: 0000000000000000  R15: ff63810032077e70',
  '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
];

/** `bt -sx` and `bt -e` of a 5.10-rt kernel, without stack dumps. */
const BT_SX_E_510 = [
  'crash> bt -sx',
  'PID: 11850  TASK: ffff933ee67f2280  CPU: 1   COMMAND: "swapoff"',
  ' #0 [ffffa7bf4e7f3900] machine_kexec+0x16e at ffffffff8405f86e',
  ' #1 [ffffa7bf4e7f3948] __crash_kexec+0xd2 at ffffffff8414c182',
  ' #2 [ffffa7bf4e7f3a08] crash_kexec+0x30 at ffffffff8414d370',
  ' #3 [ffffa7bf4e7f3a18] oops_end+0xca at ffffffff8402680a',
  ' #4 [ffffa7bf4e7f3a38] no_context+0x14d at ffffffff8406d7ed',
  ' #5 [ffffa7bf4e7f3a98] exc_page_fault+0x2b8 at ffffffff848bdb88',
  ' #6 [ffffa7bf4e7f3af0] asm_exc_page_fault+0x1e at ffffffff84a00ace',
  ' #7 [ffffa7bf4e7f3b78] mark_wakeup_next_waiter+0x51 at ffffffff840ea141',
  ' #8 [ffffa7bf4e7f3bd8] rt_mutex_futex_unlock+0x4f at ffffffff848c93ef',
  ' #9 [ffffa7bf4e7f3c18] z3fold_zpool_free+0x580 at ffffffffc0f37680 [z3fold]',
  '#10 [ffffa7bf4e7f3c78] zswap_free_entry+0x43 at ffffffff8427c863',
  '#11 [ffffa7bf4e7f3c88] zswap_frontswap_invalidate_page+0x8a at ffffffff8427c96a',
  '#12 [ffffa7bf4e7f3cb0] __frontswap_invalidate_page+0x48 at ffffffff8427c058',
  '#13 [ffffa7bf4e7f3cd8] swapcache_free_entries+0x1ee at ffffffff84276f8e',
  '#14 [ffffa7bf4e7f3d20] free_swap_slot+0x9f at ffffffff8427b93f',
  '#15 [ffffa7bf4e7f3d40] delete_from_swap_cache+0x61 at ffffffff84274651',
  '#16 [ffffa7bf4e7f3d60] try_to_free_swap+0x70 at ffffffff84277550',
  '#17 [ffffa7bf4e7f3d70] unuse_vma+0x55c at ffffffff842786cc',
  '#18 [ffffa7bf4e7f3e90] try_to_unuse+0x139 at ffffffff84278eb9',
  '#19 [ffffa7bf4e7f3ee8] __x64_sys_swapoff+0x1eb at ffffffff842798fb',
  '#20 [ffffa7bf4e7f3f40] do_syscall_64+0x33 at ffffffff848b9ab3',
  '#21 [ffffa7bf4e7f3f50] entry_SYSCALL_64_after_hwframe+0x44 at ffffffff84a0007c',
  '    RIP: 00007fdd9ce26d17  RSP: 00007ffe99f98238  RFLAGS: 00000202',
  '    RAX: ffffffffffffffda  RBX: 00005625219e8b60  RCX: 00007fdd9ce26d17',
  '    RDX: 0000000000000001  RSI: 0000000000000001  RDI: 00005625219e8b60',
  '    RBP: 0000000000000001   R8: 00007ffe99f982a0   R9: 0000000000000003',
  '    R10: 00005625219e8721  R11: 0000000000000202  R12: 0000000000000001',
  '    R13: 0000000000000000  R14: 00007ffe99f982a0  R15: 0000000000000000',
  '    ORIG_RAX: 00000000000000a8  CS: 0033  SS: 002b',
  'crash> bt -e',
  'PID: 11850  TASK: ffff933ee67f2280  CPU: 1   COMMAND: "swapoff"',
  '',
  '  KERNEL-MODE EXCEPTION FRAME AT: ffffa7bf4e7f3950',
  '    [exception RIP: mark_wakeup_next_waiter+81]',
  '    RIP: ffffffff840ea141  RSP: ffffa7bf4e7f3ba0  RFLAGS: 00010046',
  '    RAX: 0000000000000000  RBX: 0000000000000000  RCX: 0000000000000001',
  '    RDX: 0000000000000001  RSI: ffffa7bf4e7f3bf0  RDI: 0000000000000001',
  '    RBP: ffff933e5a7baba8   R8: ffff933f502c2000   R9: ffff933e5a7babc0',
  '    R10: 0000000000000001  R11: ffffffff855938b8  R12: ffffa7bf4e7f3be0',
  '    R13: ffffa7bf4e7f3bf0  R14: 0000000000000018  R15: ffff933ee67f2280',
  '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
];

const lineOf = (lines: string[], text: string) => lines.findIndex((l) => l.startsWith(text));

describe('unwind: the pt_regs copy in __crash_kexec is no exception frame', () => {
  it('walks through the return addresses to the pt_regs the CPU pushed', () => {
    const model = analyze(BT_F_419.join('\n'));
    const start = unwindStartAtLine(model, lineOf(BT_F_419, ' #0 '));
    assert.ok(start);
    const frames = unwind(model, start).frames;
    const names = frames.map((f) => f.function);
    for (const fn of ['crash_kexec', 'oops_end', 'no_context', '__do_page_fault', 'do_page_fault', 'page_fault'])
      assert.ok(names.includes(fn), `${fn} in ${names.join(' ')}`);
    const exceptions = frames.filter((f) => f.method === 'exception-frame');
    assert.deepEqual(
      exceptions.map((f) => f.frameAddress),
      [0xff63810032077da8n],
    );
    assert.ok(frames.some((f) => f.notes.some((n) => n.includes('is the copy crash_setup_regs() keeps in __crash_kexec'))));
  });

  it('gives no unwind-disagrees for the frames between the copy and the real entry', () => {
    const model = analyze([...BT_F_419, ...BT_E_419].join('\n'));
    const warnings = diagnose(model).diagnostics.filter((d) => d.code === 'unwind-disagrees');
    assert.deepEqual(
      warnings.map((d) => d.message),
      [],
    );
  });

  it('does not resume a walk at the copy crash printed from `bt -e`', () => {
    const model = analyze(BT_SX_E_510.join('\n'));
    assert.ok(!interruptedContexts(model).some((c) => c.pc === 0xffffffff840ea141n));
    const warnings = diagnose(model).diagnostics.filter((d) => d.code === 'unwind-disagrees');
    assert.deepEqual(
      warnings.map((d) => d.message),
      [],
    );
  });
});

describe('unwind: a walk frame and a bt frame at one slot with one address are one frame', () => {
  it('agrees although crash names the module address otherwise', () => {
    const model = analyze([...BT_F_419, ...BT_FF_419].join('\n'));
    const start = unwindStartAtLine(model, lineOf(BT_F_419, ' #0 '));
    assert.ok(start);
    const frame = unwind(model, start).frames.find((f) => f.frameAddress === 0xff63810032077e58n);
    assert.equal(frame?.function, 'sys_linux');
    assert.equal(frame?.bt?.function, '_MODULE_START_sys_linux');
    assert.equal(frame?.bt?.status, 'agrees');
  });
});
