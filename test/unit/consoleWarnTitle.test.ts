// WARNING reports of architectures and kernels whose WARN prints differently from syzbot's x86:
// each gets the kind `warning` and the title syzkaller's rules give an x86 WARN (the first frame
// past the WARN machinery). Excerpts of public reports.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

/** Kind and title of each report of a console log. */
function titles(lines: string[]): string[] {
  return summarize(analyze(lines.join('\n'))).reports.map((r) => `${r.kind}: ${r.title}`);
}

// LoongArch (openEuler 6.6): WARN's message before its `WARNING:` line (CHECK_DATA_CORRUPTION), and a
// trace through the break trap (`handle_bp`, `do_bp`) that raised it.
const LOONGARCH_LIST_ADD = [
  '[26771.080369] ------------[ cut here ]------------',
  '[26771.081331] list_add corruption. next->prev should be prev (ffff800003f89348), but was 9000001af36780c0. (next=ffff800003f89348).',
  '[26771.083207] WARNING: CPU: 0 PID: 71855 at lib/list_debug.c:29 __list_add_valid_or_report+0xf0/0x128',
  '[26771.092542] CPU: 0 PID: 71855 Comm: CPU 0/KVM Kdump: loaded Tainted: G          IOE       6.6.0-117.0.0.122.loongarch64 #1',
  '[26771.099821]    ra: 9000000000c29ab0 __list_add_valid_or_report+0xf0/0x128',
  '[26771.100399]   ERA: 9000000000c29ab0 __list_add_valid_or_report+0xf0/0x128',
  '[26771.103289] ESTAT: 000c0000 [BRK] (IS= ECode=12 EsubCode=0)',
  '[26771.112350] Call Trace:',
  '[26771.112353] [<900000000022440c>] show_stack+0x64/0x188',
  '[26771.113276] [<90000000015cbd40>] dump_stack_lvl+0x5c/0x88',
  '[26771.113805] [<900000000024a440>] __warn+0x88/0x148',
  '[26771.114252] [<90000000015589e8>] report_bug+0x1f8/0x2b8',
  '[26771.114690] [<90000000015cc690>] do_bp+0x258/0x3e0',
  '[26771.115123] [<9000000000222980>] handle_bp+0x120/0x1c0',
  '[26771.115538] [<9000000000c29ab0>] __list_add_valid_or_report+0xf0/0x128',
  '[26771.115953] [<ffff800003f6fd18>] kvm_ioeventfd+0x220/0x2a8 [kvm]',
  '[26771.116869] [<ffff800003f6c800>] kvm_vm_ioctl+0xfd8/0x1258 [kvm]',
  '[26771.117387] [<90000000005f8458>] sys_ioctl+0xc8/0x150',
];

// x86_64 (EL7 3.10): the older order, `WARNING:` first and the message after it.
const X86_LIST_DEL = [
  '[476262.398106] WARNING: CPU: 3 PID: 2584 at lib/list_debug.c:59 __list_del_entry+0xa1/0xd0',
  '[476262.398109] list_del corruption. prev->next should be ffff9a7ac31f7a30, but was ffff9a7c3bc89230',
  '[476262.398272] Call Trace:',
  '[476262.398277]  <IRQ>  [<ffffffffb7b0d78e>] dump_stack+0x19/0x1b',
  '[476262.398314]  [<ffffffffb74916d8>] __warn+0xd8/0x100',
  '[476262.398317]  [<ffffffffb749175f>] warn_slowpath_fmt+0x5f/0x80',
  '[476262.398320]  [<ffffffffb7768671>] __list_del_entry+0xa1/0xd0',
  '[476262.398402]  [<ffffffffc0c7a945>] process_rcv_qp_work+0xb5/0x160 [hfi1]',
];

describe('WARNING titles and kinds across architectures', () => {
  it('names a LoongArch WARN by the frame past its break trap, and a message before WARNING makes it a warning', () => {
    assert.deepEqual(titles(LOONGARCH_LIST_ADD), ['warning: WARNING in kvm_ioeventfd']);
    assert.deepEqual(titles(X86_LIST_DEL), ['warning: WARNING in process_rcv_qp_work']);
  });
});
