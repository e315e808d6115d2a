// crash's x86_64 bt prints, after an exception block, the interrupted function as a frame of its own
// at the exception's RIP. A BUG() right after its message (`call printk` then `ud2`) puts that RIP
// right after a call, which must not read as a return from printk. Real lines: a RHEL 8.4 session on
// a cgroup list_del corruption (kernel-4.18.0-305.el8), posted with its analysis notes on GitHub.
import { strict as assert } from 'assert';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';

const SESSION = [
  'crash> bt',
  'PID: 756280  TASK: ffff8b3f1fff17c0  CPU: 2   COMMAND: "kworker/2:0"',
  ' #0 [ffffa22203613bf0] machine_kexec at ffffffff9406156e',
  ' #1 [ffffa22203613c48] __crash_kexec at ffffffff9418f99d',
  ' #2 [ffffa22203613d10] crash_kexec at ffffffff9419088d',
  ' #3 [ffffa22203613d28] oops_end at ffffffff9402434d',
  ' #4 [ffffa22203613d48] do_trap at ffffffff94020b13',
  ' #5 [ffffa22203613d90] do_invalid_op at ffffffff94021476',
  ' #6 [ffffa22203613db0] invalid_op at ffffffff94a00d64',
  '    [exception RIP: __list_del_entry_valid.cold.1+69]',
  '    RIP: ffffffff94491209  RSP: ffffa22203613e68  RFLAGS: 00010246',
  '    RAX: 000000000000004e  RBX: ffff8b3c3b76b090  RCX: 0000000000000000',
  '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
  ' #7 [ffffa22203613e60] __list_del_entry_valid.cold.1 at ffffffff94491209',
  ' #8 [ffffa22203613e68] css_release_work_fn at ffffffff94196b0f',
  ' #9 [ffffa22203613e98] process_one_work at ffffffff940fe397',
  '',
  'crash> dis -rl ffffffff94491209 | tail',
  '0xffffffff944911f3 <__list_del_entry_valid.cold.1+47>:  callq  0xffffffff9414b76e <printk>',
  '/usr/src/debug/kernel-4.18.0-305.el8/linux-4.18.0-305.el8.x86_64/lib/list_debug.c: 51',
  '0xffffffff944911f8 <__list_del_entry_valid.cold.1+52>:  ud2    ',
  '0xffffffff944911fa <__list_del_entry_valid.cold.1+54>:  mov    %rdi,%rsi',
  '0xffffffff944911fd <__list_del_entry_valid.cold.1+57>:  mov    $0xffffffff95106608,%rdi',
  '0xffffffff94491204 <__list_del_entry_valid.cold.1+64>:  callq  0xffffffff9414b76e <printk>',
  '/usr/src/debug/kernel-4.18.0-305.el8/linux-4.18.0-305.el8.x86_64/lib/list_debug.c: 48',
  '0xffffffff94491209 <__list_del_entry_valid.cold.1+69>:  ud2   ',
];

describe('diagnostics: the frame crash prints at an exception pc', () => {
  it("is where the CPU was (a BUG()'s ud2 after `call printk`), not a return from the call before it", () => {
    const findings = diagnose(analyze(SESSION.join('\n'))).diagnostics.filter(
      (d) => d.code === 'call-target-mismatch' || d.code === 'stale-frame',
    );
    assert.deepEqual(
      findings.map((d) => d.message),
      [],
    );
  });

  it('still checks the frame below it against the call its return address follows', () => {
    // css_release_work_fn's call, made to another function than the interrupted one, is still a mismatch.
    const lines = [
      ...SESSION,
      'crash> dis -l ffffffff94196b0a 2',
      '0xffffffff94196b0a <css_release_work_fn+58>:  callq  0xffffffff94490000 <list_del_other>',
      '0xffffffff94196b0f <css_release_work_fn+63>:  mov    %rbx,%rdi',
    ];
    const findings = diagnose(analyze(lines.join('\n'))).diagnostics.filter((d) => d.code === 'call-target-mismatch');
    assert.equal(findings.length, 1);
    assert.match(
      findings[0].message,
      /css_release_work_fn\+63 returns from a call to list_del_other, yet bt puts __list_del_entry_valid\.cold\.1 above it/,
    );
  });
});
