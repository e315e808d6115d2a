// A scan for return addresses (x86_64 kernels without frame pointers, no prologue known) takes any
// text address for one. Where the transcript rejects a candidate, the scan passes it; a guess it
// keeps is never a claim that crash's bt lacks a frame. Lines of a public 4.19 x86_64 session,
// unedited: the console oops, `dis kvmalloc_node` and an excerpt crash's `bt -f` printed, where
// [ffffbd3602893ba8] holds a local copy of kvmalloc_node+67 inside __kmalloc_node's frame.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { unwind, unwindStartAtLine } from '../../server/src/analysis/unwind';
import { X86_KMALLOC_NODE_BT_F, X86_KMALLOC_NODE_CONSOLE } from '../support/publicExcerpts';

/** `dis kvmalloc_node`: its prologue. */
const DIS_KVMALLOC_NODE = [
  'crash> dis kvmalloc_node',
  '0xffffffff9c43eb60 <kvmalloc_node>:     nopl   0x0(%rax,%rax,1) [FTRACE NOP]',
  '0xffffffff9c43eb65 <kvmalloc_node+5>:   mov    %esi,%eax',
  '0xffffffff9c43eb67 <kvmalloc_node+7>:   and    $0x6000c0,%eax',
  '0xffffffff9c43eb6c <kvmalloc_node+12>:  cmp    $0x6000c0,%eax',
  '0xffffffff9c43eb71 <kvmalloc_node+17>:  je     0xffffffff9c43eb78 <kvmalloc_node+24>',
  '0xffffffff9c43eb73 <kvmalloc_node+19>:  jmpq   0xffffffff9c49a8b0 <__kmalloc_node>',
  '0xffffffff9c43eb78 <kvmalloc_node+24>:  cmp    $0x1000,%rdi',
  '0xffffffff9c43eb7f <kvmalloc_node+31>:  jbe    0xffffffff9c43eb73 <kvmalloc_node+19>',
  '0xffffffff9c43eb81 <kvmalloc_node+33>:  push   %r12',
  '0xffffffff9c43eb83 <kvmalloc_node+35>:  mov    %esi,%eax',
  '0xffffffff9c43eb85 <kvmalloc_node+37>:  push   %rbp',
  '0xffffffff9c43eb86 <kvmalloc_node+38>:  push   %rbx',
  '0xffffffff9c43eb87 <kvmalloc_node+39>:  mov    %esi,%ebx',
  '0xffffffff9c43eb89 <kvmalloc_node+41>:  or     $0x12,%ah',
  '0xffffffff9c43eb8c <kvmalloc_node+44>:  or     $0x200,%esi',
  '0xffffffff9c43eb92 <kvmalloc_node+50>:  test   $0x4,%bh',
  '0xffffffff9c43eb95 <kvmalloc_node+53>:  mov    %edx,%r12d',
  '0xffffffff9c43eb98 <kvmalloc_node+56>:  cmove  %eax,%esi',
  '0xffffffff9c43eb9b <kvmalloc_node+59>:  mov    %rdi,%rbp',
  '0xffffffff9c43eb9e <kvmalloc_node+62>:  callq  0xffffffff9c49a8b0 <__kmalloc_node>',
  '0xffffffff9c43eba3 <kvmalloc_node+67>:  test   %rax,%rax',
  '0xffffffff9c43eba6 <kvmalloc_node+70>:  jne    0xffffffff9c43ebbe <kvmalloc_node+94>',
  '0xffffffff9c43eba8 <kvmalloc_node+72>:  mov    0x18(%rsp),%rcx',
  '0xffffffff9c43ebad <kvmalloc_node+77>:  mov    %ebx,%edx',
  '0xffffffff9c43ebaf <kvmalloc_node+79>:  mov    %r12d,%esi',
  '0xffffffff9c43ebb2 <kvmalloc_node+82>:  pop    %rbx',
  '0xffffffff9c43ebb3 <kvmalloc_node+83>:  mov    %rbp,%rdi',
  '0xffffffff9c43ebb6 <kvmalloc_node+86>:  pop    %rbp',
  '0xffffffff9c43ebb7 <kvmalloc_node+87>:  pop    %r12',
  '0xffffffff9c43ebb9 <kvmalloc_node+89>:  jmpq   0xffffffff9c4737c0 <__vmalloc_node_flags_caller>',
  '0xffffffff9c43ebbe <kvmalloc_node+94>:  pop    %rbx',
  '0xffffffff9c43ebbf <kvmalloc_node+95>:  pop    %rbp',
  '0xffffffff9c43ebc0 <kvmalloc_node+96>:  pop    %r12',
  '0xffffffff9c43ebc2 <kvmalloc_node+98>:  retq',
  '0xffffffff9c43ebc3 <kvmalloc_node+99>:  data32 nopw %cs:0x0(%rax,%rax,1)',
  '0xffffffff9c43ebce <kvmalloc_node+110>: xchg   %ax,%ax',
  '',
];

const TRANSCRIPT = [...X86_KMALLOC_NODE_CONSOLE, '', ...DIS_KVMALLOC_NODE, '', ...X86_KMALLOC_NODE_BT_F];

describe('unwind: scan guesses the transcript rejects are passed', () => {
  it("passes a return-address copy inside a frame of crash's bt and finds the real slot", () => {
    const model = analyze(TRANSCRIPT.join('\n'));
    const start = unwindStartAtLine(
      model,
      TRANSCRIPT.findIndex((l) => l.includes('RSP: 0018:ffffbd3602893ba8')),
    );
    assert.ok(start);
    const result = unwind(model, start);
    const slots = result.frames.map((f) => f.frameAddress);
    assert.ok(!slots.includes(0xffffbd3602893ba8n), slots.map((s) => s?.toString(16)).join(' '));
    assert.equal(result.frames[1].frameAddress, 0xffffbd3602893be0n);
    assert.equal(result.frames[1].function, 'kvmalloc_node');
    assert.ok(result.frames[1].notes.some((n) => n.includes("inside crash's frame #7 __kmalloc_node")));
  });

  it('never names a guess bt lacks as the first difference', () => {
    const model = analyze(TRANSCRIPT.join('\n'));
    const start = unwindStartAtLine(
      model,
      TRANSCRIPT.findIndex((l) => l.includes('RSP: 0018:ffffbd3602893ba8')),
    );
    const result = unwind(model, start!);
    const guessesBtLacks = result.frames.filter((f) => f.method === 'scan' && f.bt?.status === 'absent');
    assert.ok(guessesBtLacks.length > 0, "the walk keeps a guess past bt's last frame");
    assert.equal(result.bt?.firstDifference, undefined);
  });
});
