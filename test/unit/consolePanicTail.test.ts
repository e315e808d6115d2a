// The panic that ends an oops (`Kernel panic - not syncing: Oops: Fatal exception in interrupt`)
// prints no stack of its own: panic() skips dump_stack() once the oops tainted the kernel (TAINT_DIE).
// Pasted without the oops, it is a panic whose cause is missing, not one without a call trace; and
// `in interrupt` names no function.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { DAMAGE } from '../../server/src/analysis/reportDamage';
import { summarize } from '../../server/src/analysis/summary';

// The end of an arm64 oops of an OpenWrt router (mt76, no kallsyms), its header not pasted.
const ARM64_PANIC_TAIL = [
  '[   26.872689] Call trace:',
  '[   26.875121]  0xffffffc078f78a18 [mt76@00000000936acc78+0xe000]',
  '[   26.892910]  0xffffffc08005a134',
  '[   26.905416] Code: f9401b00 eb00035f 54000120 a9430702 (f9000459)',
  '[   26.911489] ---[ end trace 0000000000000000 ]---',
  '[   26.924445] Kernel panic - not syncing: Oops: Fatal exception in interrupt',
  '[   26.931297] SMP: stopping secondary CPUs',
  '[   26.935207] Kernel Offset: disabled',
  '[   26.938679] CPU features: 0x00,00000000,00000000,4200400b',
  '[   26.944059] Memory Limit: none',
  '[   26.949962] Rebooting in 1 seconds..',
];

describe('the panic that ends an oops', () => {
  it('pasted alone: its cause is missing, its call trace is not', () => {
    const alone = ARM64_PANIC_TAIL.slice(ARM64_PANIC_TAIL.findIndex((l) => l.includes('Kernel panic')));
    const panic = analyze(alone.join('\n')).reports.find((r) => r.kind === 'panic')!;
    assert.equal(panic.title, 'Kernel panic - not syncing: Oops: Fatal exception in interrupt');
    assert.deepEqual(panic.damage, [DAMAGE.causeMissing]);
    assert.equal(panic.headerFunction, undefined, '`in interrupt` is no function');
  });

  it("pasted from its oops's call trace on: the trace is read (its frames unnamed), the panic's cause is cut", () => {
    const reports = analyze(ARM64_PANIC_TAIL.join('\n')).reports;
    assert.deepEqual(
      reports.map((r) => [r.kind, r.frames.length]),
      [
        ['other', 2],
        ['panic', 0],
      ],
    );
    // Whoever triages from the panic's line learns that the oops it ends lost its header (syzkaller: corrupted).
    assert.deepEqual(reports[1].damage, [DAMAGE.causeCut]);
  });

  it('a panic of its own that reboots after its countdown printed no stack and is whole', () => {
    const text = [
      '[  100.000000] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)',
      '[  100.000100] Kernel Offset: disabled',
      '[  100.000200] Rebooting in 10 seconds..',
    ].join('\n');
    assert.deepEqual(analyze(text).reports[0].damage, []);
  });

  it("reads 6.2+'s panic_on_warn panic, which names what warned (`UBSAN: panic_on_warn set ...`), as the panic that ends a report", () => {
    // A syzbot UBSAN report's panic (lore: 69ef9c80.050a0220.18b4f.0005.GAE@google.com), pasted alone.
    const lines = [
      'Kernel panic - not syncing: UBSAN: panic_on_warn set ...',
      'CPU: 1 UID: 0 PID: 77 Comm: kworker/u8:4 Not tainted syzkaller #0 PREEMPT(full) ',
      'Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 04/18/2026',
      'Workqueue: events_unbound conn_resize_work_handler',
      'Call Trace:',
      ' <TASK>',
      ' vpanic+0x56c/0xa60 kernel/panic.c:650',
      ' panic+0xc5/0xd0 kernel/panic.c:787',
      ' check_panic_on_warn+0x89/0xb0 kernel/panic.c:524',
      ' __ubsan_handle_shift_out_of_bounds+0x385/0x410 lib/ubsan.c:494',
      ' __roundup_pow_of_two include/linux/log2.h:57 [inline]',
      ' ip_vs_rht_desired_size+0x2cf/0x410 net/netfilter/ipvs/ip_vs_core.c:240',
    ];
    const [panic] = summarize(analyze(lines.join('\n'))).reports;
    assert.equal(panic.title, 'kernel panic: panic_on_warn set');
    assert.deepEqual(panic.damage, [DAMAGE.causeMissing]);
  });
});
