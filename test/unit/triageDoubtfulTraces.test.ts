// 2.6-era x86_64 kernels print every return address they find on the stack with `?` (no reliable
// frame-pointer walk): a trace of only such frames is the whole trace, not a damaged one. The title then
// goes by its first frame, the fault site's when printed, not by a stall's dispatcher, which a stale
// word would fake. Excerpts of a public RHEL 6 vmcore-dmesg.txt (github windxrunner/crash_dmesg).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

/** Title and function of each report. */
function triage(lines: string[]): string[] {
  return summarize(analyze(lines.join('\n'))).reports.map((r) => `${r.title} | ${r.function ?? '-'}`);
}

const KVM_SOFT_LOCKUP = [
  '<0>BUG: soft lockup - CPU#9 stuck for 71s! [CPU 1/KVM:127215]',
  '<4>Pid: 127215, comm: CPU 1/KVM Tainted: G           --L------------    2.6.32-642.el6.x86_64 #1 Dell Inc. PowerEdge R730xd/0WCJNT',
  '<4>RIP: 0010:[<ffffffffa0273951>]  [<ffffffffa0273951>] kvm_arch_vcpu_ioctl_run+0x461/0x1060 [kvm]',
  '<4>Call Trace:',
  '<4> [<ffffffff810bb023>] ? futex_wake+0x93/0x150',
  '<4> [<ffffffffa025a034>] ? kvm_vcpu_ioctl+0x434/0x580 [kvm]',
  '<4> [<ffffffff8106b4c3>] ? perf_event_task_sched_out+0x33/0x70',
  '<4> [<ffffffff8100bc0e>] ? apic_timer_interrupt+0xe/0x20',
  '<4> [<ffffffff810659b0>] ? __dequeue_entity+0x30/0x50',
  '<4> [<ffffffff810097cc>] ? __switch_to+0x1ac/0x340',
  '<4> [<ffffffff811af742>] ? vfs_ioctl+0x22/0xa0',
  '<4> [<ffffffff811afc0a>] ? do_vfs_ioctl+0x3aa/0x580',
  '<4> [<ffffffff811afe61>] ? sys_ioctl+0x81/0xa0',
  '<4> [<ffffffff810ee47e>] ? __audit_syscall_exit+0x25e/0x290',
  '<4> [<ffffffff8100b0d2>] ? system_call_fastpath+0x16/0x1b',
];

const BRIDGE_SOFT_LOCKUP = [
  '<0>BUG: soft lockup - CPU#20 stuck for 67s! [libvirtd:21321]',
  '<4>Pid: 21321, comm: libvirtd Not tainted 2.6.32-642.el6.x86_64 #1 Dell Inc. PowerEdge R730xd/0WCJNT',
  '<4>RIP: 0010:[<ffffffffa046a11c>]  [<ffffffffa046a11c>] ebt_arp_mt+0x7c/0x2d4 [ebt_arp]',
  '<4>Call Trace:',
  '<4> <IRQ> ',
  '<4> [<ffffffffa046293e>] ? ebt_do_table+0x4be/0x730 [ebtables]',
  '<4> [<ffffffff8146b087>] ? __kfree_skb+0x47/0xa0',
  '<4> [<ffffffffa04720bc>] ? ebt_in_hook+0x1c/0x20 [ebtable_filter]',
  '<4> [<ffffffff814a8c89>] ? nf_iterate+0x69/0xb0',
  '<4> [<ffffffffa041e9c0>] ? br_forward_finish+0x0/0x60 [bridge]',
  '<4> [<ffffffff814a8e46>] ? nf_hook_slow+0x76/0x120',
  '<4> [<ffffffffa041e9c0>] ? br_forward_finish+0x0/0x60 [bridge]',
];

// 2.6's allocation failure header (`page allocation failure. order:1`), an skb grown in a bridge's hook.
const OLD_ALLOCATION_FAILURE = [
  '<4>vhost-4472: page allocation failure. order:1, mode:0x20',
  '<4>Pid: 4478, comm: vhost-4472 Tainted: G           --L------------    2.6.32-642.el6.x86_64 #1',
  '<4>Call Trace:',
  '<4> <IRQ>  [<ffffffff8113e77c>] ? __alloc_pages_nodemask+0x7dc/0x950',
  '<4> [<ffffffff8117f132>] ? kmem_getpages+0x62/0x170',
  '<4> [<ffffffff8117fd4a>] ? fallback_alloc+0x1ba/0x270',
  '<4> [<ffffffff8117fac9>] ? ____cache_alloc_node+0x99/0x160',
  '<4> [<ffffffff8146cc62>] ? pskb_expand_head+0x62/0x280',
  '<4> [<ffffffff81180719>] ? __kmalloc+0x199/0x230',
  '<4> [<ffffffff8146cc62>] ? pskb_expand_head+0x62/0x280',
];

describe('triage: traces whose every frame is marked `?`', () => {
  it('names a soft lockup by its RIP, not by the stale `__switch_to` before a syscall dispatcher', () => {
    assert.deepEqual(triage(KVM_SOFT_LOCKUP), ['BUG: soft lockup in kvm_arch_vcpu_ioctl_run | kvm_arch_vcpu_ioctl_run']);
  });

  it("reads 2.6's `page allocation failure. order:` header and names the caller past the SLAB allocator", () => {
    assert.deepEqual(triage(OLD_ALLOCATION_FAILURE), ['page allocation failure in pskb_expand_head | pskb_expand_head']);
  });

  it('names a soft lockup in an interrupt by its RIP', () => {
    assert.deepEqual(triage(BRIDGE_SOFT_LOCKUP), ['BUG: soft lockup in ebt_arp_mt | ebt_arp_mt']);
  });
});
