// Words that are values, not what their shape suggests: a 64-bit immediate (an address, a poison,
// never an offset), a symbol `sym` shows as data, a list poison on a pointer-authentication kernel.
// Excerpts of public crash sessions.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

// x86_64: a blog's hunt for a mutex's owner (dis -r of the caller, then sym of the immediate).
const MUTEX_HUNT = [
  'crash> dis -r ffffffff82ffdff9',
  '0xffffffff82ffdfe0 <rtnetlink_rcv>:     nopl   0x0(%rax,%rax,1) [FTRACE NOP]',
  '0xffffffff82ffdfe5 <rtnetlink_rcv+0x5>: push   %rbp',
  '0xffffffff82ffdfed <rtnetlink_rcv+0xd>: mov    $0xffffffff836fe760,%rdi',
  '0xffffffff82ffdff4 <rtnetlink_rcv+0x14>:        callq  0xffffffff83110b60 <mutex_lock>',
  '0xffffffff82ffdff9 <rtnetlink_rcv+0x19>:        mov    %rbx,%rdi',
  'crash> sym 0xffffffff836fe760',
  'ffffffff836fe760 (d) rtnl_mutex',
  'crash> dis run_timer_softirq 2',
  '0xffffffff8036d0c1 <run_timer_softirq+1617>:    movabs $0xdead000000000122,%rax',
  '0xffffffff8036d0cb <run_timer_softirq+1627>:    mov    %rax,(%r15)',
];

// arm64 4.19 (no pointer authentication): a workqueue_struct whose list entry was deleted.
const ARM64_POISON = [
  'crash> bt',
  'PID: 2772769  TASK: ffff8004296f7d00  CPU: 24  COMMAND: "nfsd"',
  ' #0 [ffff80043786f5b0] machine_kexec at ffff0000480a2e8c',
  ' #1 [ffff80043786f610] __crash_kexec at ffff0000481ba948',
  ' #2 [ffff80043786f780] crash_kexec at ffff0000481baa58',
  'crash> struct workqueue_struct ffff80042c343400',
  'struct workqueue_struct {',
  '  list = {',
  '    next = 0xffff0000498d7be8 <workqueues>, ',
  '    prev = 0xdead000000000200',
  '  }, ',
];

describe('hover: words that are values', () => {
  const x86 = analyze(MUTEX_HUNT.join('\n'));

  it('reads a 64-bit immediate as the value it is, exactly', () => {
    const card = hoverOn(x86, '$0xffffffff836fe760');
    assert.match(card, /^\*\*ffffffff836fe760\*\*/);
    assert.doesNotMatch(card, /offset/);
    assert.match(hoverOn(x86, '$0xdead000000000122'), /LIST_POISON2/);
  });

  it('names a symbol `sym` shows as data as data, not as a function start', () => {
    const card = hoverOn(x86, '$0xffffffff836fe760');
    assert.match(card, /kernel data/);
    assert.match(card, /`rtnl_mutex` — data, not code: `sym` shows `rtnl_mutex` as `\(d\)`/);
  });

  it('reads a list poison as the poison, not as a signed pointer', () => {
    const card = hoverOn(analyze(ARM64_POISON.join('\n')), '0xdead000000000200');
    assert.match(card, /LIST_POISON2/);
    assert.doesNotMatch(card, /Pointer-authentication|module text/);
  });
});

describe('hover: a link register the pc has gone past', () => {
  // arm64 4.19 (an nfsd crash in a blog): the fault's registers, and the function's listing.
  const model = analyze(
    [
      'crash> bt',
      'PID: 2772769  TASK: ffff8004296f7d00  CPU: 24  COMMAND: "nfsd"',
      ' #8 [ffff80043786f960] do_mem_abort at ffff0000480812c4',
      ' #9 [ffff80043786fb40] el1_ia at ffff000048082f0c',
      '     PC: ffff000048111014  [__queue_work+180]',
      '     LR: ffff00004811100c  [__queue_work+172]',
      '     SP: ffff80043786fb50  PSTATE: 60c00085',
      '    X29: ffff80043786fb50  X28: ffff80042b644ef8  X27: ffff000049f44aa8',
      'crash> dis __queue_work',
      '0xffff000048110f60 <__queue_work>:      stp     x29, x30, [sp,#-112]!',
      '0xffff000048111004 <__queue_work+164>:  mov     x0, x28',
      '0xffff000048111008 <__queue_work+168>:  bl      0xffff000048110ef0 <get_work_pool>',
      '0xffff00004811100c <__queue_work+172>:  mov     x2, x0',
      '0xffff000048111010 <__queue_work+176>:  cbnz    x0, 0xffff000048111100 <__queue_work+416>',
      '0xffff000048111014 <__queue_work+180>:  ldr     x0, [x0]',
    ].join('\n'),
  );

  it('says the call before the lr has returned, not that its callee is the frame above', () => {
    const card = hoverOn(model, 'ffff00004811100c', 0, (l) => l.includes('LR:'));
    assert.match(card, /A link register left over: the pc of the same registers, `__queue_work\+180`/);
    assert.match(card, /`get_work_pool`\) has returned/);
    assert.doesNotMatch(card, /the frame above must be/);
  });
});
