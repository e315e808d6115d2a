// A scan for return addresses (x86_64 kernels without frame pointers, no prologue known) takes any
// text address for one. Where the transcript rejects a candidate, the scan passes it; a guess it
// keeps is never a claim that crash's bt lacks a frame. Lines of a public 4.19 x86_64 session,
// unedited: the console oops, `dis kvmalloc_node` and an excerpt crash's `bt -f` printed, where
// [ffffbd3602893ba8] holds a local copy of kvmalloc_node+67 inside __kmalloc_node's frame.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { unwind, unwindStartAtLine } from '../../server/src/analysis/unwind';

/** The console report from its header to its registers. */
const CONSOLE = [
  '[ 9016.879381] stack segment: 0000 [#1] SMP NOPTI',
  '[ 9016.879404] CPU: 0 PID: 965 Comm: irqbalance Kdump: loaded Tainted: G           OE     4.19.90-2107.6.0.0251.43.oe1.bclinux.x86_64 #1',
  '[ 9016.879447] Hardware name: VMware, Inc. VMware Virtual Platform/440BX Desktop Reference Platform, BIOS 6.00 11/12/2020',
  '[ 9016.879480] RIP: 0010:__kmalloc_node+0x123/0x280',
  '[ 9016.879494] Code: 0e 41 f6 47 0b 04 4d 89 f9 0f 84 6b ff ff ff 4c 89 ff e8 60 d3 01 00 49 89 c1 e9 5b ff ff ff 41 8b 41 20 49 8b 39 48 8d 4a 01 <48> 8b 5c 05 00 48 89 e8 65 48 0f c7 0f 0f 94 c0 84 c0 0f 84 41 ff',
  '[ 9016.879541] RSP: 0018:ffffbd3602893ba8 EFLAGS: 00010246',
  '[ 9016.879576] RAX: 0000000000000000 RBX: 00000000007012c0 RCX: 0000000000015a88',
  '[ 9016.879638] RDX: 0000000000015a87 RSI: 00000000007012c0 RDI: 00000000000271c0',
  '[ 9016.880299] RBP: 6d69742f72656761 R08: ffff9c5d2dc271c0 R09: ffff9c5a00006680',
  '[ 9016.880908] R10: ffffffff9d667a60 R11: 0000000000000000 R12: 00000000007012c0',
  '[ 9016.881488] R13: 0000000000001150 R14: 00000000ffffffff R15: ffff9c5a00006680',
  '[ 9016.882102] FS:  00007f689d31b300(0000) GS:ffff9c5d2dc00000(0000) knlGS:0000000000000000',
  '[ 9016.882725] CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033',
  '[ 9016.883349] CR2: 00007fb0bde9f040 CR3: 0000000103892003 CR4: 00000000007606f0',
];

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

/** crash's `bt -f` as the session shows it (its first frames cut to `......` there). */
const BT_F = [
  'crash> bt -f',
  '......',
  ' #7 [ffffbd3602893b78] __kmalloc_node at ffffffff9c49a9d3',
  '    ffffbd3602893b80: 0000000000000010 0000000000010246',
  '    ffffbd3602893b90: ffffbd3602893ba8 0000000000000018',
  '    ffffbd3602893ba0: ffffffff9c49a913 ffffffff9c43eba3',
  '    ffffbd3602893bb0: 00000000007000c0 0000000000001150',
  '    ffffbd3602893bc0: 00000000ffffffff 0000000000001150',
  '    ffffbd3602893bd0: ffff9c5d2fb6e618 ffff9c5a0728f100',
  '    ffffbd3602893be0: ffffffff9c43eba3',
  ' #8 [ffffbd3602893be0] kvmalloc_node at ffffffff9c43eba3',
  '    ffffbd3602893be8: ffff9c5a0728f100 ffffffff9c566720',
  '    ffffbd3602893bf8: 0000000000000000 ffffffff9c4f47bc',
  ' #9 [ffffbd3602893c00] single_open_size at ffffffff9c4f47bc',
  '    ffffbd3602893c08: ffff9c5d2eef3d40 ffff9c5d2eef3d40',
  '    ffffbd3602893c18: ffff9c5a0d3e8310 ffff9c5a0728f100',
  '    ffffbd3602893c28: 00000000fffffff4 ffff9c5d2fb6e618',
  '    ffffbd3602893c38: ffffffff9c55ceee',
  '#10 [ffffbd3602893c38] proc_reg_open at ffffffff9c55ceee',
  '    ffffbd3602893c40: ffff9c5a0728f100 ffff9c5a0d3e8310',
  '    ffffbd3602893c50: ffff9c5a0728f110 ffffffff9c55ce80',
];

const TRANSCRIPT = [...CONSOLE, '', ...DIS_KVMALLOC_NODE, '', ...BT_F];

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
