// WARNING reports of architectures and kernels whose WARN prints differently from syzbot's x86, or
// that a mailer reshaped: each gets the kind `warning` and the title syzkaller's rules give an x86
// WARN (the function the header names, or the first frame past the WARN machinery). Excerpts of
// public reports.
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

// s390x (6.16-rc7) and arm64 (4.19) WARN headers that a mailer wrapped after their site: the function
// begins the next line, without a console prefix.
const S390_WRAPPED_WARN = [
  '[  215.671885] ------------[ cut here ]------------',
  '[  215.671893] WARNING: CPU: 10 PID: 6210 at drivers/vfio/vfio_iommu_type1.c:1204',
  'vfio_remove_dma+0xda/0xf0 [vfio_iommu_type1]',
  '[  215.671950] Hardware name: IBM 3906 M05 780 (LPAR)',
  '[  215.671951] Krnl PSW : 0704c00180000000 000002482f7ee55e (vfio_remove_dma+0xde/0xf0',
  '[vfio_iommu_type1])',
  '[  215.672006] Call Trace:',
  '[  215.672008]  [<000002482f7ee55e>] vfio_remove_dma+0xde/0xf0 [vfio_iommu_type1]',
  '[  215.672013]  [<000002482f7f03de>] vfio_iommu_type1_detach_group+0x3de/0x5f0 [vfio_iommu_type1]',
  '[  215.672016]  [<000002482f7d4c4e>] vfio_group_detach_container+0x5e/0x180 [vfio]',
  '[  215.672062] ---[ end trace 0000000000000000 ]---',
];
const ARM64_WRAPPED_WARN = [
  '[  125.865690] WARNING: CPU: 13 PID: 294 at kernel/cgroup/cgroup.c:4346 ',
  'css_task_iter_start+0xb0/0xb8',
  '[  125.883686] Modules linked in:',
  '[  125.889808] CPU: 13 PID: 294 Comm: kworker/13:1 Not tainted ',
  '4.19.0-rc4-mm1-00209-g70dc260f963a #912',
  '[  125.926329] Workqueue: events cpuset_hotplug_workfn',
  '[  125.945728] pc : css_task_iter_start+0xb0/0xb8',
  '[  125.954641] lr : update_tasks_nodemask+0x78/0x128',
  '[  126.132621] Call trace:',
  '[  126.137517]  css_task_iter_start+0xb0/0xb8',
  '[  126.145730]  update_tasks_nodemask+0x78/0x128',
  '[  126.154469]  cpuset_hotplug_workfn+0x1b4/0x6b8',
];
// 2.6.37 (openSUSE, a 2011 mail): the old header wrapped after its `at` and again after its site.
const OLD_WARN_WRAPPED_AFTER_AT = [
  '[691369.363848] ------------[ cut here ]------------',
  '[691369.363848] WARNING: at',
  '/usr/src/packages/BUILD/kernel-default-2.6.37.6/linux-2.6.37/kernel/watchdog.c:224',
  'watchdog_overflow_callback+0xd4/0x100()',
  '[691369.363848] Hardware name: MS-96B3',
  '[691369.363848] Watchdog detected hard LOCKUP on cpu 0',
  '[691369.363848] Pid: 0, comm: swapper Tainted: P            2.6.37.6-0.11-default #1',
  '[691369.363848] Call Trace:',
  '[691369.363848]  [<ffffffff81005769>] dump_trace+0x79/0x340',
  '[691369.363848]  [<ffffffff81441a32>] dump_stack+0x69/0x6f',
  '[691369.363848]  [<ffffffff8105ad7b>] warn_slowpath_common+0x7b/0xc0',
  '[691369.363848]  [<ffffffff8105ae77>] warn_slowpath_fmt+0x47/0x50',
  '[691369.363848]  [<ffffffff810bb0e4>] watchdog_overflow_callback+0xd4/0x100',
];

describe('WARNING titles and kinds across architectures', () => {
  it('reads a WARN header wrapped after its site with the function on the next line', () => {
    const stamp = /^\[ *[\d.]+\] /;
    for (const [log, fn] of [
      [S390_WRAPPED_WARN, 'vfio_remove_dma'],
      [ARM64_WRAPPED_WARN, 'css_task_iter_start'],
      [OLD_WARN_WRAPPED_AFTER_AT, 'watchdog_overflow_callback'],
    ] as const) {
      // With console prefixes, without them, and pasted indented as a whole.
      for (const lines of [log, log.map((l) => l.replace(stamp, '')), log.map((l) => '  ' + l.replace(stamp, ''))]) {
        const [report] = summarize(analyze(lines.join('\n'))).reports;
        assert.equal(`${report.kind}: ${report.title}`, `warning: WARNING in ${fn}`, lines[0]);
        assert.match(report.header, new RegExp(`:\\d+ ${fn}\\+0x`), lines[0]);
        // The lines the header was wrapped onto are no frames of the call trace.
        assert.ok(!report.frames.some((f) => f.line <= report.line + 2), lines[0]);
        assert.ok(report.frames.length >= 3, lines[0]);
      }
    }
  });

  it('names a LoongArch WARN by the frame past its break trap, and a message before WARNING makes it a warning', () => {
    assert.deepEqual(titles(LOONGARCH_LIST_ADD), ['warning: WARNING in kvm_ioeventfd']);
    assert.deepEqual(titles(X86_LIST_DEL), ['warning: WARNING in process_rcv_qp_work']);
  });
});

// RHEL 7's ppc64 (ELFv1, 3.10): the header names the site alone, NIP the function, as its text symbol after a dot.
const PPC64_ELFV1_WARN = [
  'WARNING: at arch/powerpc/platforms/pseries/eeh.c:390',
  'Modules linked in: dm_service_time sd_mod crc_t10dif ibmvfc scsi_transport_fc scsi_tgt ipr(+) libata',
  'CPU: 1 PID: 191 Comm: systemd-udevd Not tainted 3.10.0-33.el7.ppc64 #1',
  'NIP: c000000008068dfc LR: c000000008068df8 CTR: 00000000015c6170',
  'REGS: c000000010f92e30 TRAP: 0700 Not tainted (3.10.0-33.el7.ppc64)',
  'NIP [c000000008068dfc] .eeh_dev_check_failure+0x27c/0x390',
  'LR [c000000008068df8] .eeh_dev_check_failure+0x278/0x390',
  'Call Trace:',
  '[c000000010f930b0] [c000000008068df8] .eeh_dev_check_failure+0x278/0x390 (unreliable)',
  '[c000000010f93150] [c000000008028668] .rtas_read_config+0x128/0x170',
  '[c000000010f93340] [d0000000008c991c] .ipr_probe_ioa+0x6c/0x1390 [ipr]',
];

describe('the title of a WARNING of before 3.8', () => {
  it("names a ppc64 ELFv1 WARN whose header names only its site by NIP's function, without the text symbol's dot", () => {
    const [report] = summarize(analyze(PPC64_ELFV1_WARN.join('\n'))).reports;
    assert.equal(`${report.kind}: ${report.title}`, 'warning: WARNING in eeh_dev_check_failure');
    assert.equal(report.function, 'eeh_dev_check_failure');
  });

  it('names a WARN of a kernel built without CONFIG_DEBUG_BUGVERBOSE (no file, the function after `at`)', () => {
    // OpenWrt's logread, as pasted in coolsnowwolf/lede issue 7860.
    assert.deepEqual(
      titles([
        'Wed Sep 15 04:06:35 2021 kern.warn kernel: [ 9665.393276] ------------[ cut here ]------------',
        'Wed Sep 15 04:06:35 2021 kern.warn kernel: [ 9665.399682] WARNING: CPU: 3 PID: 4886 at kthread_is_per_cpu+0x20/0x40',
      ]),
      ['warning: WARNING in kthread_is_per_cpu'],
    );
  });

  it('names the function of `WARNING: at /build/…/fs/dcache.c:1291 d_set_d_op+0x2a/0x96()`, not the build path', () => {
    // Debian 3.2.35 (a 2013 bug report): the file as the build tree spelled it.
    const lines = [
      '------------[ cut here ]------------',
      'WARNING: at /build/buildd-linux_3.2.35-2-amd64-v9djlH/linux-3.2.35/fs/dcache.c:1291 d_set_d_op+0x2a/0x96()',
      'Pid: 14833, comm: bash Tainted: P O 3.2.0-4-amd64 #1 Debian 3.2.35-2',
      'Call Trace:',
      ' [<ffffffff81046a75>] ?  warn_slowpath_common+0x78/0x8c ',
      ' [<ffffffff81109285>] ?  d_set_d_op+0x2a/0x96',
      ' [<ffffffffa09844a3>] ?  zpl_snapdir_lookup+0x7b/0x91 [zfs]',
      ' [<ffffffff81101c61>] ?  d_alloc_and_lookup+0x3a/0x60',
      ' [<ffffffff81102705>] ?  walk_component+0x219/0x406 ',
      ' [<ffffffff81103599>] ?  path_lookupat+0x7c/0x2bd',
      ' [<ffffffff810363d8>] ?  should_resched+0x5/0x23',
      ' [<ffffffff8134bd27>] ?  _cond_resched+0x7/0x1c',
    ];
    assert.deepEqual(titles(lines), ['warning: WARNING in d_set_d_op']);
  });
});
