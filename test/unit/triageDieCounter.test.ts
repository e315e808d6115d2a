// die() headers that print only a reason and the oops count: mips and LoongArch `%s[#%d]:`, s390x
// `%s: %04x ilc:%d [#%d]`; and 32-bit arm's `func from caller+0x…` traces (5.16+), which name their
// architecture. Unedited excerpts of public reports:
// - MIPS64_BUG: linux-mips, "[BUG]: MIPS: VM_BUG_ON_PAGE in move_freepages() on an SGI_IP27",
//   <566D1C43.7040102@gentoo.org> (the stack dump's continuation rows left out);
// - S390X_ILLEGAL_OPERATION: linux-s390, "Illegal operation with clang + CONFIG_MARCH_Z13",
//   <YyC/JvFONhtTYjM/@dev-arch.thelio-3990X>;
// - LOONGARCH_ADE: LKML, "\"kernel ade access\" oops on LoongArch",
//   <1e6f4d35946e4e2e7c7f5dcc7b69d5e609de8184.camel@xry111.site> (quoted-printable decoded);
// - ARM32_FROM_TRACE: LKML, "Re: Linux 6.0-rc4", <752fba06-8ccc-d1e7-68d8-f141eece1230@roeck-us.net>;
// - MIPS32_NULL_JUMP: linux-mips, "MIPS: ath79: regression after patch: sched/fair: …",
//   <20190613063057.szrvmvpauzagxf62@pengutronix.de> (the stack dump's continuation rows left out).
// - PPC32_BROKEN_KALLSYMS: linuxppc-dev, "Kernel bug in 5.7 for PPC32 on PowerBook G4 - bisected to commit
//   697ece7", <2c361d8e-5e2a-cdd9-da8e-aa49a4f93cfd@lwfinger.net> (the lines the mailer wrapped, and the GPR rows, left out).
// - S390X_KERNEL_BUG: abrt/satyr tests/kerneloopses/rhbz-1040900-s390x-2 (its escapes decoded; registers,
//   code and all but the first frames left out);
// - LOONGARCH_KERNEL_BUG: intel-xe, a reply quoting "drm/xe/bo: … PAGE_SIZE" (6.13.3, 16K pages; registers,
//   stack and all but the first frames left out).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';
import { PPC64_PERF_CALLCHAIN } from '../support/publicExcerpts';

const MIPS64_BUG = [
  '[  643.996460] Kernel bug detected[#1]:',
  '[  644.039500] CPU: 0 PID: 1371 Comm: bonnie++ Not tainted 4.4.0-rc4 #3',
  '[  644.116049] task: a8000000ff6bd200 ti: a8000000ff8f0000 task.ti: a8000000ff8f0000',
  '[  644.206216] $ 0   : 0000000000000000 ffffffffb4001ce0 0000000000580000 a8000000005c7a80',
  '[  644.303199] $ 4   : 00000000005c7a80 0000000000000000 0000000000000000 00000000000000ea',
  '[  644.400184] $ 8   : 0000000000000029 0000000000000000 00000000005c0000 00000000000000ea',
  '[  644.497168] $12   : 0000000000000006 0000000005f5e100 0000000000000000 a8000000006556ed',
  '[  644.594151] $16   : a800000100028000 0000000000000003 a800000101024020 a800000100028510',
  '[  644.691136] $20   : 000000000000000a a8000001000285b8 000000000000000a 0000000000000007',
  '[  644.788117] $24   : 0000000000000002 0000000000000000',
  '[  644.885101] $28   : a8000000ff8f0000 a8000000ff8f3880 a800000100028100 a8000000001054fc',
  '[  644.982086] Hi    : 0000000000000000',
  '[  645.025131] Lo    : 00000063a147afa3',
  '[  645.068219] epc   : a8000000001054fc move_freepages+0xe4/0x188',
  '[  645.138569] ra    : a8000000001054fc move_freepages+0xe4/0x188',
  '[  645.208836] Status: b4001ce2 KX SX UX KERNEL EXL',
  '[  645.266128] Cause : 0000d024 (ExcCode 09)',
  '[  645.314408] PrId  : 00000f14 (R14000)',
  '[  645.358509] Process bonnie++ (pid: 1371, threadinfo=a8000000ff8f0000, task=a8000000ff6bd200, tls=0000000077195dd0)',
  '[  645.483235] Stack : a8000000ff8f3ac0 a80000000010924c 01000002852c7fff a8000000002068b4',
  '[  646.272200] Call Trace:',
  '[  646.301641] [<a8000000001054fc>] move_freepages+0xe4/0x188',
  '[  646.367738] [<a80000000010924c>] __rmqueue.isra.10+0x74c/0xa28',
  '[  646.438009] [<a8000000001097e4>] get_page_from_freelist+0x2bc/0xfd0',
];

const S390X_ILLEGAL_OPERATION = [
  '[    1.675787] illegal operation: 0001 ilc:3 [#1] SMP',
  '[    1.675888] Modules linked in:',
  '[    1.676044] CPU: 0 PID: 59 Comm: modprobe Not tainted 6.0.0-rc5-00017-gd1221cea11fc #1',
  '[    1.676134] Hardware name: QEMU 8561 QEMU (KVM/Linux)',
  '[    1.676202] Krnl PSW : 0704d00180000000 0000000000579fbc (load_elf_binary+0x31c/0x11c0)',
  '[    1.676459]            R:0 T:1 IO:1 EX:1 Key:0 M:1 W:0 P:0 AS:3 CC:1 PM:0 RI:0 EA:3',
  '[    1.676489] Krnl GPRS: 0000000000000001 00000000044f0000 0000000000000000 0000000000000000',
  '[    1.676506]            8000000000000080 0000000000000000 0000000000000000 00000000035fa900',
  '[    1.676522]            0000000000000001 000000000353ce00 0000000000000001 00000000044693c0',
  '[    1.676538]            000000000276fa00 000000000446a000 0000000000579f9e 00000380002ebc78',
  '[    1.677128] Krnl Code: 0000000000579fac: a7f405b8            brc     15,000000000057ab1c',
  '[    1.677128]            0000000000579fb0: e31003400004        lg      %r1,832',
  '[    1.677128]           #0000000000579fb6: e3001780003b        lzrf    %r0,1920(%r1)',
  '[    1.677128]           >0000000000579fbc: 50001780            st      %r0,1920(%r1)',
  '[    1.677128]            0000000000579fc0: e31003400004        lg      %r1,832',
  '[    1.677128]            0000000000579fc6: c40800aa99a9        lgrl    %r0,0000000001acd318',
  '[    1.677128]            0000000000579fcc: e3001d400124        stg     %r0,7488(%r1)',
  '[    1.677128]            0000000000579fd2: e31003400004        lg      %r1,832',
  '[    1.677343] Call Trace:',
  '[    1.677564]  [<0000000000579fbc>] load_elf_binary+0x31c/0x11c0',
  '[    1.677635] ([<0000000000579f9e>] load_elf_binary+0x2fe/0x11c0)',
  '[    1.677652]  [<00000000004e1ae6>] bprm_execve+0x4f6/0x7b0',
];

const LOONGARCH_ADE = [
  '[11569.195043] Kernel ade access[#1]:',
  '[11569.198441] CPU: 1 PID: 1132296 Comm: ld-linux-loonga Not tainted 6.2.0-rc8+ #61',
  '[11569.205792] Hardware name: Loongson Loongson-3A5000-HV-7A2000-1w-V0.1-EVB/Loongson-LS3A5000-7A2000-1w-EVB-V1.21, BIOS Loongson-UDK2018-V4.0.05383-beta10 1',
  '[11569.219536] $ 0   : 0000000000000000 90000000005e3448 90000001113a0000 90000001113a3ab0',
  '[11569.227505] $ 4   : 90000001113a3af8 1000000000cf16d0 5555555555555850 000000000000000c',
  '[11569.235475] $ 8   : 90000000009caa10 0000000000000000 00000000000002ca 000000000000008b',
  '[11569.243438] $12   : 0000000000000001 9000000000cf1258 ffffffffffffffff 00007ffffb93c000',
  '[11569.251402] $16   : 0000000000000000 0000000000000140 0000000000000000 0000000000000020',
  '[11569.259366] $20   : 90000001113a3ec8 9000000000a97ee0 00007ffffb93bfa0 1555555555555613',
  '[11569.267334] $24   : 1000000000cf16d0 000000000000000c 9000000000cf1258 90000000009caa10',
  '[11569.275303] $28   : 90000001113a3af8 0aaaaaaaaaaaab0a 00007ffffb93bde0 90000001113a3ec0',
  '[11569.283268] era   : 90000000009caa10 cmp_ex_search+0x0/0x28',
  '[11569.288814] ra    : 90000000005e3448 bsearch+0x58/0xa8',
  '[11569.293921] CSR crmd: 000000b0\t',
  '[11569.293923] CSR prmd: 00000004\t',
  '[11569.297037] CSR euen: 00000000\t',
  '[11569.300152] CSR ecfg: 00071c1c\t',
  '[11569.303266] CSR estat: 00480000\t',
  '[11569.309587] ExcCode : 8 (SubCode 1)',
  '[11569.313049] BadVA : 1000000000cf16d0',
  '[11569.316596] PrId  : 0014c011 (Loongson-64bit)',
  '[11569.320923] Modules linked in: amdgpu nls_cp936 vfat fat input_leds drm_ttm_helper ttm video gpu_sched drm_buddy snd_hda_codec_generic drm_display_helper ledtrig_audio drm_kms_helper led_class snd_hda_intel sha256_generic snd_intel_dspcfg cfbfillrect libsha256 snd_hda_codec syscopyarea snd_hda_core hid_generic cfbimgblt cfg80211 snd_pcm sysfillrect usbhid sysimgblt snd_timer cfbcopyarea hid snd igb soundcore efivarfs',
  '[11569.357709] Process ld-linux-loonga (pid: 1132296, threadinfo=000000003cbd0caa, task=000000005bcd27a6)',
  '[11569.366977] Stack : 00007ffffb93bd60 0000000000000000 9000000180a36a40 0000000000000001',
  '[11569.374940]         90000001113a3bb0 00007ffffb93c000 9000000000224c94 90000000009cab2c',
  '[11569.382899]         0000000000000001 9000000000224c94 00007ffff3258000 900000000025a1b4',
  '[11569.390866]         90000001113a3bb0 900000000022f4cc 00007ffffb93c000 900000000022f74c',
  '[11569.398834]         9000000180a36a40 0000000000000001 0000000000000000 00007ffffb93c000',
  '[11569.406800]         90000001113a3bb0 900000000022f8f8 90000001113a3ec0 00007ffffb93bde0',
  '[11569.414768]         00007ffffb93bd60 0000000000000000 0000000000000000 00007fffff7c4600',
  '[11569.422734]         9000000182ebab70 9000000000d08000 0000000046505501 900000000022ee6c',
  '[11569.430698]         0000000000000000 9000000000224b84 90000001113a0000 90000001113a3cf0',
  '[11569.438661]         0000000000000000 00007ffffb93c0d0 0000000000000000 0000000000000040',
  '[11569.446627]         ...',
  '[11569.449058] Call Trace:',
  '[11569.449062] [<90000000009caa10>] cmp_ex_search+0x0/0x28',
  '[11569.456681] [<90000000005e3448>] bsearch+0x58/0xa8',
  '[11569.461443] [<90000000009cab2c>] search_extable+0x28/0x34',
];

const ARM32_FROM_TRACE = [
  '[   22.043994] BUG: sleeping function called from invalid context at drivers/clk/imx/clk-pllv3.c:68',
  '[   22.044249] in_atomic(): 1, irqs_disabled(): 128, non_block: 0, pid: 272, name: ip',
  '[   22.044395] preempt_count: 1, expected: 0',
  '[   22.044485] 3 locks held by ip/272:',
  '[   22.044571]  #0: c1af1ce0 (rtnl_mutex){+.+.}-{3:3}, at: devinet_ioctl+0xbc/0x8f0',
  '[   22.044792]  #1: c40dc8e8 (&fep->tmreg_lock){....}-{2:2}, at: fec_enet_clk_enable+0x58/0x250',
  '[   22.045011]  #2: c1a71af8 (prepare_lock){+.+.}-{3:3}, at: clk_prepare_lock+0xc/0xd4',
  '[   22.045217] irq event stamp: 1460',
  '[   22.045295] hardirqs last  enabled at (1459): [<c1084cd8>] _raw_spin_unlock_irqrestore+0x50/0x64',
  '[   22.045454] hardirqs last disabled at (1460): [<c1084a98>] _raw_spin_lock_irqsave+0x64/0x68',
  '[   22.045623] softirqs last  enabled at (1444): [<c0e77268>] __dev_change_flags+0xa8/0x254',
  '[   22.045784] softirqs last disabled at (1442): [<c0e77238>] __dev_change_flags+0x78/0x254',
  '[   22.045944] CPU: 0 PID: 272 Comm: ip Tainted: G        W        N 6.0.0-rc4-00286-gb260ebd186c0 #1',
  '[   22.046113] Hardware name: Freescale i.MX7 Dual (Device Tree)',
  '[   22.046235]  unwind_backtrace from show_stack+0x10/0x14',
  '[   22.046360]  show_stack from dump_stack_lvl+0x68/0x90',
  '[   22.046477]  dump_stack_lvl from __might_resched+0x17c/0x284',
  '[   22.046604]  __might_resched from clk_pllv3_wait_lock+0x4c/0xcc',
  '[   22.046735]  clk_pllv3_wait_lock from clk_core_prepare+0xc4/0x328',
  '[   22.046866]  clk_core_prepare from clk_core_prepare+0x50/0x328',
  '[   22.046992]  clk_core_prepare from clk_core_prepare+0x50/0x328',
  '[   22.047118]  clk_core_prepare from clk_core_prepare+0x50/0x328',
  '[   22.047243]  clk_core_prepare from clk_core_prepare+0x50/0x328',
  '[   22.047368]  clk_core_prepare from clk_core_prepare+0x50/0x328',
  '[   22.047493]  clk_core_prepare from clk_core_prepare+0x50/0x328',
  '[   22.047618]  clk_core_prepare from clk_core_prepare+0x50/0x328',
  '[   22.047744]  clk_core_prepare from clk_core_prepare+0x50/0x328',
  '[   22.047868]  clk_core_prepare from clk_core_prepare+0x50/0x328',
  '[   22.047992]  clk_core_prepare from clk_prepare+0x20/0x30',
  '[   22.048110]  clk_prepare from fec_enet_clk_enable+0x68/0x250',
  '[   22.048235]  fec_enet_clk_enable from fec_enet_open+0x3c/0x3b8',
  '[   22.048360]  fec_enet_open from __dev_open+0xec/0x1ac',
];

const MIPS32_NULL_JUMP = [
  '[    0.000000] CPU 0 Unable to handle kernel paging request at virtual address 00000000, epc == 00000000, ra == 00000000',
  '[    0.000000] Oops[#1]:',
  '[    0.000000] CPU: 0 PID: 0 Comm: swapper Not tainted 5.2.0-rc4+ #308',
  '[    0.000000] $ 0   : 00000000 8007e5fc 00000003 00000002',
  '[    0.000000] $ 4   : 00000001 00000000 00000000 83c22470',
  '[    0.000000] $ 8   : 00000000 00000000 00000000 00000000',
  '[    0.000000] $12   : 806afe04 00000000 00000001 00000000',
  '[    0.000000] $16   : 800adc0c 800adc00 00000000 00000000',
  '[    0.000000] $20   : 00000000 0000048e 00000000 806c0000',
  '[    0.000000] $24   : 00000003 800619e4',
  '[    0.000000] $28   : 806ae000 806afe10 808b0000 00000000',
  '[    0.000000] Hi    : 00000000',
  '[    0.000000] Lo    : 00000000',
  '[    0.000000] epc   : 00000000 0x0',
  '[    0.000000] ra    : 00000000 0x0',
  '[    0.000000] Status: 10000002 KERNEL EXL',
  '[    0.000000] Cause : 10800008 (ExcCode 02)',
  '[    0.000000] BadVA : 00000000',
  '[    0.000000] PrId  : 00019374 (MIPS 24Kc)',
  '[    0.000000] Modules linked in:',
  '[    0.000000] Process swapper (pid: 0, threadinfo=(ptrval), task=(ptrval), tls=00000000)',
  '[    0.000000] Stack : 00000002 8007e784 806ca284 00000000 800adc0c 00000000 80070eb0 8007108c',
  '[    0.000000] Call Trace:',
  '[    0.000000]',
  '[    0.000000] [<8007e784>] r4k_flush_icache_range+0x10/0x18',
  '[    0.000000] [<800adc0c>] preempt_count_sub+0x10/0xe4',
  '[    0.000000] [<80070eb0>] ftrace_caller+0x0/0x54',
  '[    0.000000] [<8007108c>] ftrace_make_nop+0x8c/0x94',
];

const PPC32_BROKEN_KALLSYMS = [
  '[  336.148935] ------------[ cut here ]------------',
  '[  336.148950] kernel BUG at ./include/linux/swapops.h:195!',
  '[  336.148971] Oops: Exception in kernel mode, sig: 5 [#1]',
  '[  336.148975] BE PAGE_SIZE=4K MMU=Hash PowerMac',
  '[  336.148978] Modules linked in: cpufreq_ondemand fuse ctr ccm b43 mac80211 ',
  '[  336.149052] CPU: 0 PID: 8346 Comm: ld Not tainted 5.6.0-rc2-00086-g36b7840 #249',
  '[  336.149056] NIP:  c0166624 LR: c016661c CTR: 00000000',
  '[  336.149062] REGS: f42ddb08 TRAP: 0700   Not tainted  (5.6.0-rc2-00086-g36b7840)',
  '[  336.149064] MSR:  00029032 <EE,ME,IR,DR,RI>  CR: 24000424  XER: 00000000',
  '[  336.149107] NIP [c0166624] _einittext+0x3f9d38a8/0x3fe4a284',
  '[  336.149111] LR [c016661c] _einittext+0x3f9d38a0/0x3fe4a284',
  '[  336.149114] Call Trace:',
  '[  336.149118] [f42ddbc0] [c07b9b60] 0xc07b9b60 (unreliable)',
  '[  336.149123] [f42ddbd0] [c013ff64] _einittext+0x3f9ad1e8/0x3fe4a284',
  '[  336.149128] [f42ddc10] [c0140d4c] _einittext+0x3f9adfd0/0x3fe4a284',
  '[  336.149133] [f42ddc90] [c002aadc] _einittext+0x3f897d60/0x3fe4a284',
  '[  336.149137] [f42ddce0] [c00153a4] _einittext+0x3f882628/0x3fe4a284',
  '[  336.149144] --- interrupt: 301 at _einittext+0x3fb52a50/0x3fe4a284',
];

const S390X_KERNEL_BUG = [
  'kernel BUG at drivers/scsi/scsi_lib.c:660!',
  'illegal operation: 0001 [#1] SMP',
  'CPU: 0 PID: 10721 Comm: systemd-udevd Not tainted 3.69.69-69.0.fit.s390x #1',
  'Krnl PSW : 0404c00180000000 0000000000431f8e (scsi_alloc_sgtable+0x62/0x7c)',
  'Call Trace:',
  '([<00000000027f8000>] 0x27f8000)',
  ' [<0000000000432114>] scsi_init_io+0xdc/0x184',
  ' [<000003ff808bd352>] sd_prep_fn+0xfa/0xd1c [sd_mod]',
];

const LOONGARCH_KERNEL_BUG = [
  '> [    7.430032] kernel BUG at drivers/gpu/drm/drm_gem.c:181!',
  '> [    7.435330] Oops - BUG[#1]:',
  '> [    7.438099] CPU: 0 UID: 0 PID: 102 Comm: kworker/0:4 Tainted: G            E      6.13.3-aosc-main-00336-g60829239b300-dirty #3',
  '> [    7.544893]   ERA: 9000000001045fa4 drm_gem_private_object_init+0xcc/0xd0',
  '> [    7.703588] Call Trace:',
  '> [    7.703590] [<9000000001045fa4>] drm_gem_private_object_init+0xcc/0xd0',
  '> [    7.712496] [<ffff8000025331d8>] ___xe_bo_create_locked+0x154/0x3b0 [xe]',
  '> [    7.719268] [<ffff80000253365c>] __xe_bo_create_locked+0x228/0x304 [xe]',
];

describe('triage: die() headers of mips, LoongArch and s390x', () => {
  const only = (lines: string[]) => {
    const reports = summarize(analyze(lines.join('\n'))).reports;
    assert.equal(reports.length, 1);
    return reports[0];
  };

  it('mips `Kernel bug detected[#1]:` starts the report, titled by its reason and epc', () => {
    const report = only(MIPS64_BUG);
    assert.equal(report.kind, 'oops');
    assert.equal(report.line, 1);
    assert.equal(report.title, 'Kernel bug detected in move_freepages');
  });

  it('LoongArch `Kernel ade access[#1]:` likewise', () => {
    const report = only(LOONGARCH_ADE);
    assert.equal(report.kind, 'oops');
    assert.equal(report.title, 'Kernel ade access in cmp_ex_search');
  });

  it('after `kernel BUG at`, the die() line (s390x `illegal operation`, LoongArch `Oops - BUG[#1]:`) goes on the same report', () => {
    assert.equal(only(S390X_KERNEL_BUG).title, 'kernel BUG in scsi_alloc_sgtable');
    assert.equal(only(LOONGARCH_KERNEL_BUG).title, 'kernel BUG in drm_gem_private_object_init');
  });

  it("s390x's program check names the bug, not the panic after it", () => {
    const report = only(S390X_ILLEGAL_OPERATION);
    assert.equal(report.title, 'illegal operation in load_elf_binary');
    assert.equal(report.function, 'load_elf_binary');
  });
});

describe("detection: 32-bit arm's `func from caller+0x…` trace", () => {
  it('says arm32, which no other architecture prints', () => {
    const model = analyze(ARM32_FROM_TRACE.join('\n'));
    assert.equal(model.arch, 'unknown');
    assert.equal(model.archUnmodelled, 'arm32');
  });
});

describe('triage: a mips jump to NULL', () => {
  it('names no site (`epc   : 00000000 0x0`): the trace after it does', () => {
    const [report] = summarize(analyze(MIPS32_NULL_JUMP.join('\n'))).reports;
    assert.equal(report.title, 'BUG: unable to handle kernel paging request in r4k_flush_icache_range');
  });
});

describe('triage: a kernel whose symbol table went wrong', () => {
  it('names no function by a section bound of the linker script (`_einittext+0x3f9d38a8/0x3fe4a284`)', () => {
    const [report] = summarize(analyze(PPC32_BROKEN_KALLSYMS.join('\n'))).reports;
    assert.equal(report.function, undefined);
    assert.doesNotMatch(report.title, /_einittext/);
  });
});

describe('triage: a pc printed as a number', () => {
  it('is placed in the function a frame of the transcript spans (powerpc faulting address, riscv epc)', () => {
    const ppc64 = PPC64_PERF_CALLCHAIN.join('\n');
    // linux-riscv, CAOnJCUKDP=xr=ddFvaTW_1gux=jshycvxmb=CYtt_+jpN6-u4g@mail.gmail.com (quoting removed,
    // shortened): a dump_stack() from mmap_assert_locked just before the BUG, whose own report has no trace.
    const riscv64 = [
      '[   10.334133] Call Trace:',
      '[   10.341451] [<ffffffe0002db4ce>] mmap_assert_locked.part.13+0x14/0x1c',
      '[   10.342131] [<ffffffe0002db330>] walk_page_range_novma+0x0/0x4e',
      '[   10.342973] [<ffffffe000204f94>] set_direct_map_invalid_noflush+0x66/0x6e',
      '[   10.369325] ------------[ cut here ]------------',
      '[   10.370763] kernel BUG at include/linux/mmap_lock.h:81!',
      '[   10.375235] Kernel BUG [#1]',
      '[   10.380179] Workqueue: events bpf_prog_free_deferred',
      '[   10.381270] epc: ffffffe0002db4d4 ra : ffffffe0002db4d4 sp : ffffffe3eaea7c70',
    ].join('\n');
    const functions = (text: string) => summarize(analyze(text)).reports.map((r) => r.function);
    assert.deepEqual(functions(ppc64), ['perf_callchain_user_64']);
    assert.equal(functions(riscv64).pop(), 'mmap_assert_locked.part.13');
  });
});
