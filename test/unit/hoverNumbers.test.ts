// Numbers read as crash and the disassembler print them: a struct member's value in decimal (crash's
// default without `-x`), a negative offset in hex as `-0xd0`, an i386 displacement printed as its 32
// bits (`0xffffffd8(%ebp)` is -0x28), an immediate alone as an immediate. Excerpts of public
// sessions (a crash commit message, crash's help page for dis).
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hasShared, readShared } from '../support/corpus';
import { hoverOn } from '../support/hover';

// x86_64: an irq_desc as `struct` prints it.
const STRUCT = [
  'crash> struct irq_desc 0xffff97d03f21e800',
  'struct irq_desc {',
  '  irq_common_data = {',
  '    state_use_accessors = 425755136,',
  '    node = 3,',
  '    handler_data = 0x0,',
  '    msi_desc = 0xffff97ca51b83480,',
  '  },',
];

const ARM64_DIS = [
  'crash> dis -x machine_kexec',
  '0xffff2000200bff50 <machine_kexec>:     stp     x29, x30, [sp,#-208]!',
  '0xffff2000200bff54 <machine_kexec+0x4>: mov     x29, sp',
  '0xffff2000200bff64 <machine_kexec+0x14>:        mov     x2, #0x8ab3',
];

const I386_DIS = [
  'crash> dis -l sys_signal',
  '/usr/src/linux-2.2.5/kernel/signal.c: 1074',
  '0xc0112c88 <sys_signal>:        push   %ebp',
  '0xc0112c89 <sys_signal+1>:      mov    %esp,%ebp',
  '0xc0112c8b <sys_signal+3>:      sub    $0x28,%esp',
  '0xc0112c9b <sys_signal+19>:     lea    0xffffffd8(%ebp),%eax',
];

describe('hover: numbers as crash and the disassembler print them', () => {
  it("reads a struct member's digits as decimal, not as an address's hex digits", () => {
    const card = hoverOn(analyze(STRUCT.join('\n')), '425755136');
    assert.match(card, /^\*\*425755136\*\* — decimal number \(0x19608200\)/);
    assert.doesNotMatch(card, /address|user space/);
  });

  it("reads digits typed in a `p` expression as gdb does, decimal (a task's uptime in days from its exec_start)", () => {
    // A session posted with its notes: `p` of a runqueue clock minus a task's se.exec_start, in ns.
    const model = analyze(
      [
        'crash> p ((21567758243841466-636632819573610)/1000000000/60/60/24)',
        '$23 = 242',
        'crash> eval 0x1000000000',
        'hexadecimal: 1000000000  (64GB)',
      ].join('\n'),
    );
    assert.match(hoverOn(model, '636632819573610'), /^\*\*636632819573610\*\* — decimal number \(0x24303a110236a\)/);
    assert.match(hoverOn(model, '1000000000'), /^\*\*1000000000\*\* — decimal number \(0x3b9aca00\)/);
    // `0x` says hex, in eval as in gdb.
    assert.match(hoverOn(model, '1000000000', 1), /^\*\*0*1000000000\*\* — /);
    assert.doesNotMatch(hoverOn(model, '1000000000', 1), /decimal number/);
  });

  it('reads a count printed with its unit as decimal (`interrupt took 13919589 ns`)', () => {
    // A console line inside a session's `log`, as posted with an arm64 runq analysis.
    const model = analyze(['crash> log', '[ 7358.357537] hrtimer: interrupt took 13919589 ns'].join('\n'));
    assert.match(hoverOn(model, '13919589'), /^\*\*13919589\*\* — decimal number \(0xd46565\)/);
  });

  it('writes a negative offset as -0xd0, and names an immediate alone an immediate', () => {
    const model = analyze(ARM64_DIS.join('\n'));
    assert.match(hoverOn(model, '[sp,#-208]!'), /offset -208 \(-0xd0\) from `sp`/);
    assert.match(hoverOn(model, '#0x8ab3'), /immediate 35507 \(0x8ab3\)/);
  });

  it('reads an i386 displacement printed as its 32 bits as the negative offset it is', () => {
    assert.match(hoverOn(analyze(I386_DIS.join('\n')), '0xffffffd8(%ebp)'), /offset -40 \(-0x28\) from `ebp`/);
  });
});

describe('hover: a fault address in the top page', () => {
  // A mail to LKML (lore: CAA8EJpqwJKwYS=9o5Vtqwmi5qGd33woK_q4NO5h6mh-f3G+NtA@mail.gmail.com), its header wrapped by the mailer.
  const WRAPPED_HEADER = [
    '[   57.832972] platform 3d6a000.gmu: shutdown',
    '[   57.837778] Unable to handle kernel paging request at virtual',
    'address ffffffffffffffe8',
  ].join('\n');

  it('reads it first as NULL less an offset (container_of on NULL), then as an errno', () => {
    const text = hoverOn(analyze(WRAPPED_HEADER), 'ffffffffffffffe8');
    assert.match(text, /— just below NULL \(a NULL pointer less an offset\), or a negative errno/);
    const readings = text.split('\n').filter((l) => l.startsWith('- '));
    assert.match(readings[0], /^- NULL − 0x18: a NULL pointer less a member's offset/);
    assert.match(readings[1], /^- ERR_PTR \/ error code −24 \(EMFILE\)/);
  });

  it('reads a top-page word elsewhere first as the errno it usually is', () => {
    // A syscall's return register as a syzkaller log prints it (−ENOSYS on entry).
    const line = '[   68.082071][T10420] RAX: ffffffffffffffda RBX: 000000000056bf60 RCX: 0000000000465ef9';
    const readings = hoverOn(analyze(line), 'ffffffffffffffda')
      .split('\n')
      .filter((l) => l.startsWith('- '));
    assert.match(readings[0], /^- ERR_PTR \/ error code −38 \(ENOSYS\)/);
    assert.match(readings[1], /^- NULL − 0x26/);
  });
});

describe("hover: a compiler's local label", () => {
  it('reads a word `bt -F` names `.LC0+877` (a string constant) as data, not a return address; the walk does not take it', function () {
    if (!hasShared) this.skip();
    // The shared x86_64 BUG dump: do_trap's frame holds the address of its message.
    const model = analyze(readShared('corpus', 'crash-x86_64', '01-BUG.crashlog'));
    const text = hoverOn(model, 'ffffffff89933d77', 0, (l) => l.startsWith('    ffffd45d40403b50:'));
    assert.match(text, /^\*\*ffffffff89933d77\*\* — kernel data/);
    assert.match(text, /`\.LC0\+877` — data, not code: `\.LC0` is a compiler's label of a constant/);
    assert.doesNotMatch(text, /Return address/);
  });
});
