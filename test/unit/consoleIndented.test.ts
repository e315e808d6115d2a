// Console reports pasted indented as a whole: commit messages and mails indent a log by two or
// four blanks or a tab. Excerpts of public reports (riscv, 32-bit arm, powerpc, s390x, x86_64),
// each read indented and unindented: the same reports must come out.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { summarize } from '../../server/src/analysis/summary';

// riscv KVM NULL dereference (6.11-rc3): the kernel prints `[<pc>] func` frames without a blank.
const RISCV_OOPS = [
  'Unable to handle kernel NULL pointer dereference at virtual address 0000000000000508',
  'Oops [#1]',
  'Modules linked in: kvm',
  'CPU: 0 UID: 0 PID: 61 Comm: term-poll Not tainted 6.11.0-rc3-00018-g44d7178dd77a #3',
  'Hardware name: riscv-virtio,qemu (DT)',
  'epc : __kvm_write_guest_page+0x94/0xa6 [kvm]',
  'status: 0000000200000120 badaddr: 0000000000000508 cause: 000000000000000d',
  '[<ffffffff01590e98>] __kvm_write_guest_page+0x94/0xa6 [kvm]',
  '[<ffffffff015943a6>] kvm_vcpu_write_guest+0x56/0x90 [kvm]',
  '[<ffffffff015a175c>] kvm_pmu_clear_snapshot_area+0x42/0x7e [kvm]',
];

// riscv stack overflow panic (6.1-rc2), ending with the line that repeats the panic's header.
const RISCV_PANIC = [
  'Kernel panic - not syncing: Kernel stack overflow',
  'CPU: 1 PID: 205 Comm: bash Not tainted 6.1.0-rc2-00001-g328a1f96f7b9 #34',
  'Hardware name: riscv-virtio,qemu (DT)',
  'Call Trace:',
  '[<ffffffff808ea2d8>] dump_stack+0x18/0x20',
  '[<ffffffff808dec06>] panic+0x126/0x2fe',
  '[<ffffffff0163a752>] recursive_loop+0x48/0xc6 [lkdtm]',
  'SMP: stopping secondary CPUs',
  '---[ end Kernel panic - not syncing: Kernel stack overflow ]---',
];

// 32-bit arm hung tasks (5.15-rt): two reports one after the other.
const ARM_HUNG_TASKS = [
  'INFO: task kworker/u8:0:8 blocked for more than 491 seconds.',
  '      Not tainted 5.15.49-rt46 #1',
  'task:kworker/u8:0    state:D stack:    0 pid:    8 ppid:     2 flags:0x00000000',
  '[<c08a3a10>] (__schedule) from [<c08a3d84>] (schedule+0xdc/0x134)',
  '[<c0374d60>] (fat_write_inode) from [<c0297304>] (__writeback_single_inode+0x354/0x3ec)',
  '',
  'INFO: task tar:2083 blocked for more than 491 seconds.',
  '      Not tainted 5.15.49-rt46 #1',
  'task:tar             state:D stack:    0 pid: 2083 ppid:  2082 flags:0x00000000',
  '[<c08a3a10>] (__schedule) from [<c08a3d84>] (schedule+0xdc/0x134)',
  '[<c08a44f4>] (out_of_line_wait_on_bit_lock) from [<c0371fb0>] (fat_mirror_bhs+0xa0/0x144)',
];

// powerpc pseries WARNING (6.2).
const PPC_WARNING = [
  'WARNING: CPU: 0 PID: 1 at arch/powerpc/platforms/pseries/event_sources.c:26 request_event_sources_irqs+0xbc/0xf0',
  'Modules linked in:',
  'NIP [c000000002022eec] request_event_sources_irqs+0xbc/0xf0',
  'LR [c000000002022ee8] request_event_sources_irqs+0xb8/0xf0',
  'Call Trace:',
  '[c000000003483bb0] [c000000002022ee8] request_event_sources_irqs+0xb8/0xf0 (unreliable)',
  '[c000000003483c40] [c000000002022fa0] __machine_initcall_pseries_init_ras_hotplug_IRQ+0x80/0xb0',
  '[c000000003483c70] [c0000000000121b8] do_one_initcall+0x98/0x300',
];

// syzbot's UBSAN report (6.11): x86_64 frames carry a blank of their own.
const X86_UBSAN = [
  'UBSAN: array-index-out-of-bounds in fs/f2fs/node.c:1170:12',
  "index 18446744073709550692 is out of range for type '__le32[5]' (aka 'unsigned int[5]')",
  'CPU: 0 UID: 0 PID: 5108 Comm: syz.0.0 Not tainted 6.11.0-syzkaller-11728-gad46e8f95e93 #0',
  'Call Trace:',
  ' <TASK>',
  ' __dump_stack lib/dump_stack.c:94 [inline]',
  ' dump_stack_lvl+0x241/0x360 lib/dump_stack.c:120',
  ' __ubsan_handle_out_of_bounds+0x121/0x150 lib/ubsan.c:429',
  ' f2fs_truncate_inode_blocks+0xa07/0xd30 fs/f2fs/node.c:1170',
  ' f2fs_do_truncate_blocks+0x7bf/0x1180 fs/f2fs/file.c:769',
  ' </TASK>',
];

// s390x oops (6.9-rc6) with printk timestamps, the indent before them.
const S390_OOPS = [
  '[  507.227423] Unable to handle kernel pointer dereference in virtual kernel address space',
  '[  507.227492] Oops: 0010 ilc:3 [#1] SMP ',
  '[  507.230576] Krnl PSW : 0704f00180000000 0000025e1092a430 (folio_remove_rmap_ptes+0xe0/0x140)',
  '[  507.230672] Call Trace:',
  '[  507.230678]  [<0000025e1092a430>] folio_remove_rmap_ptes+0xe0/0x140 ',
  '[  507.230682] ([<0000025e1092a428>] folio_remove_rmap_ptes+0xd8/0x140)',
  '[  507.230685]  [<0000025e1090d76a>] zap_present_ptes.isra.0+0x222/0x918 ',
];

/** What the summary says of each report: kind, title, lines and frames. */
function reportsOf(lines: string[]): string[] {
  return summarize(analyze(lines.join('\n'))).reports.map(
    (r) =>
      `${r.kind} | ${r.title} | ${r.line}-${r.endLine} | ` +
      r.frames.map((f) => `${f.unreliable ? '? ' : ''}${f.function}+${f.offset}/${f.size} [${f.module ?? ''}]`).join(', '),
  );
}

/** Every line but blank ones indented by `indent`, as a paste does. */
function indented(lines: string[], indent: string): string[] {
  return lines.map((line) => (line === '' ? line : indent + line));
}

const LOGS: [string, string[]][] = [
  ['riscv oops', RISCV_OOPS],
  ['riscv panic', RISCV_PANIC],
  ['arm hung tasks', ARM_HUNG_TASKS],
  ['powerpc warning', PPC_WARNING],
  ['x86_64 UBSAN', X86_UBSAN],
  ['s390x oops', S390_OOPS],
];

describe('console reports pasted indented', () => {
  it('reads the unindented excerpts as the reports they are', () => {
    const kinds = LOGS.map(([, lines]) => reportsOf(lines).map((r) => r.split(' | ')[0]));
    assert.deepEqual(kinds, [['paging'], ['panic'], ['hung-task', 'hung-task'], ['warning'], ['ubsan'], ['paging']]);
    const [riscv] = reportsOf(RISCV_OOPS);
    assert.match(riscv, /^paging \| BUG: unable to handle kernel NULL pointer dereference in __kvm_write_guest_page \| 1-10 \| /);
    assert.match(reportsOf(RISCV_PANIC)[0], /^panic \| kernel panic: Kernel stack overflow \| 1-9 \| /);
  });

  it('reads a report indented by one, two or four blanks or a tab as the same report unindented', () => {
    for (const [name, lines] of LOGS) {
      const plain = reportsOf(lines);
      // Twelve and sixteen: a commit message quoted in a list item or another quote.
      for (const indent of [' ', '  ', '    ', '\t', ' '.repeat(12), ' '.repeat(16), '\t\t\t'])
        assert.deepEqual(reportsOf(indented(lines, indent)), plain, `${name}, ${JSON.stringify(indent)}`);
    }
  });

  it("keeps a frame's own blank: the indent cut is the one before the report's header", () => {
    const report = analyze(indented(X86_UBSAN, '  ').join('\n')).reports[0];
    assert.equal(report.indent, '  ');
    assert.deepEqual(
      report.frames.map((f) => [f.function, f.line, f.inlined ?? false]),
      [
        ['__dump_stack', 5, true],
        ['dump_stack_lvl', 6, false],
        ['__ubsan_handle_out_of_bounds', 7, false],
        ['f2fs_truncate_inode_blocks', 8, false],
        ['f2fs_do_truncate_blocks', 9, false],
      ],
    );
    // A tab before printk timestamps is read as blanks there are: the frames after `Call Trace:` stay.
    assert.equal(analyze(indented(S390_OOPS, '\t').join('\n')).reports[0].frames.length, 3);
  });
});
