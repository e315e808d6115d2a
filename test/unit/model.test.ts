import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { describeAt } from '../../server/src/analysis/describe';
import { LineKind } from '../../server/src/analysis/lineKinds';
import { crashDumps, hasShared, seed } from '../support/corpus';

describe('transcript model', () => {
  it('parses a crash bt with header, frames, modules and the syscall register block', () => {
    const model = analyze(
      [
        'crash> bt',
        'PID: 1316   TASK: ffff8ce761c317c0  CPU: 18  COMMAND: "containerd-shim"',
        ' #7 [ffffa269e37dbc88] xfs_dir2_sf_put_ftype at ffffffffc06e7e6c [xfs]',
        ' #8 [ffffa269e37dbd30] kmem_alloc at ffffffffc07258b3 [xfs]',
        '#17 [ffffa269e37dbf50] entry_SYSCALL_64_after_hwframe at ffffffffb8e000ad',
        '    RIP: 00005655555d769b  RSP: 000000c0002a7248  RFLAGS: 00000212',
        '    ORIG_RAX: 0000000000000107  CS: 0033  SS: 002b',
      ].join('\n'),
    );
    assert.equal(model.arch, 'x86_64');
    assert.equal(model.sections.length, 1);
    assert.equal(model.sections[0].kind, 'bt');
    const bt = model.backtraces[0];
    assert.equal(bt.pid, 1316);
    assert.equal(bt.command, 'containerd-shim');
    assert.deepEqual(
      bt.frames.map((f) => [f.level, f.function, f.module]),
      [
        [7, 'xfs_dir2_sf_put_ftype', 'xfs'],
        [8, 'kmem_alloc', 'xfs'],
        [17, 'entry_SYSCALL_64_after_hwframe', undefined],
      ],
    );
    assert.equal(bt.frames[1].stackAddress, 0xffffa269e37dbd30n);
    assert.equal(bt.exceptionFrames.length, 1);
    assert.equal(bt.exceptionFrames[0].afterLevel, 17);
    assert.deepEqual(
      bt.exceptionFrames[0].registers.map((r) => r.name),
      ['RIP', 'RSP', 'RFLAGS', 'ORIG_RAX', 'CS', 'SS'],
    );
    assert.equal(model.stackAt(0xffffa269e37dbcf8n)?.task?.pid, 1316);
  });

  it('keeps memory words with their lines, annotations and conflicts', () => {
    const model = analyze(
      [
        '    ffffa269e37dbcc0: ffffffffffffffff ffffffffb8687f8b[ip]',
        '0xffff80001358e910:     0xffff80001358e9c0      0xffff80000907208c<i40e_lan_xmit_frame+68>',
        'ffffffc0427f33b0:  ffffffc0427f33e0 ffffffc008fb9754',
        'ffffffc0427f33b0:  ffffffc0427f33e1 ffffffc008fb9754',
      ].join('\n'),
    );
    assert.equal(model.memory.read64(0xffffa269e37dbcc8n)?.value, 0xffffffffb8687f8bn);
    assert.equal(model.memory.read64(0xffff80001358e918n)?.value, 0xffff80000907208cn);
    assert.equal(model.memory.read64(0xffffffc0427f33b8n)?.line, 2);
    assert.equal(model.memory.conflicts.length, 1);
    assert.equal(model.memory.conflicts[0].address, 0xffffffc0427f33b0n);
  });

  it('derives function starts from dis, sym and exception RIP lines', () => {
    const model = analyze(
      [
        'crash> dis -l kmem_alloc |grep  ffffffffc07258b3 -3',
        '0xffffffffc07258ae <kmem_alloc+78>:     callq  0xffffffffb8687ee0 <__kmalloc>',
        'crash> sym ffffffff89001e27',
        'ffffffff89001e27 (T) panic+375 debian/build/build_amd64_none_amd64/kernel/panic.c: 208',
        'crash> sym c0300b2c',
        'c0300b2c (t) __dabt_svc+76 debian/build/build_armhf_none_armmp/arch/arm/kernel/entry-armv.S',
      ].join('\n'),
    );
    // An assembly file's symbol: the path comes without a line number.
    assert.equal(model.symbols.get('__dabt_svc')?.base, 0xc0300b2cn - 76n);
    assert.equal(model.sourceAt(0xc0300b2cn), undefined);
    assert.equal(model.symbols.get('kmem_alloc')?.base, 0xffffffffc07258aen - 78n);
    assert.equal(model.symbols.get('__kmalloc')?.base, 0xffffffffb8687ee0n);
    assert.equal(model.symbols.get('panic')?.base, 0xffffffff89001e27n - 375n);
    assert.equal(model.sourceAt(0xffffffff89001e27n)?.line, 208);
    const call = model.instructions.at(0xffffffffc07258aen);
    assert.equal(call?.isCall, true);
    assert.equal(call?.targetSymbol?.name, '__kmalloc');
    assert.equal(model.instructions.before(0xffffffffc07258b3n)?.address, 0xffffffffc07258aen);
  });

  it('reads `dis -x` listings, whose offsets are hex (`<machine_kexec+0x4>:`), as the same numbers', () => {
    const model = analyze(
      [
        'crash> dis -x machine_kexec',
        '  0xffff2000200bff50 <machine_kexec>:     stp     x29, x30, [sp,#-208]!',
        '  0xffff2000200bff54 <machine_kexec+0x4>: mov     x29, sp',
        '  0xffff2000200bff58 <machine_kexec+0x8>: stp     x19, x20, [sp,#16]',
        '  0xffff2000200bff8c <machine_kexec+0x3c>:        adrp    x2, 0xffff2000200bf000 <swsusp_arch_resume+0x1e8>',
        '> crash> dis -lr __cld_pipe_upcall+0x3d',
        '> 0xffffffffc06b5de7 <__cld_pipe_upcall+0x37>:    mov    %rsp,%rsi',
        '> 0xffffffffc06b5dea <__cld_pipe_upcall+0x3a>:    mov    %rsi,%rdi',
      ].join('\n'),
    );
    assert.equal(model.instructions.count, 6);
    assert.equal(model.instructions.at(0xffff2000200bff8cn)?.offset, 0x3c);
    assert.equal(model.symbols.get('machine_kexec')?.base, 0xffff2000200bff50n);
    assert.equal(model.instructions.at(0xffffffffc06b5dean)?.offset, 0x3a);
    assert.equal(model.symbols.get('__cld_pipe_upcall')?.base, 0xffffffffc06b5de7n - 0x37n);
  });

  it('builds struct layouts with nested anonymous members and unions', () => {
    const model = analyze(
      [
        'crash> struct sock -o',
        'struct sock {',
        '  [200] struct sk_buff_head sk_receive_queue;',
        '        struct {',
        '            atomic_t rmem_alloc;',
        '            int len;',
        '            struct sk_buff *head;',
        '            struct sk_buff *tail;',
        '  [224] } sk_backlog;',
        '  [248] int sk_forward_alloc;',
        '        union {',
        '  [296]     struct socket_wq *sk_wq;',
        '  [296]     struct socket_wq *sk_wq_raw;',
        '        };',
        '}',
      ].join('\n'),
    );
    const sock = model.structs.get('sock');
    assert.ok(sock);
    const at = (offset: number) => sock.members.filter((m) => m.offset === offset).map((m) => m.path);
    assert.deepEqual(at(224), ['sk_backlog', 'sk_backlog.rmem_alloc']);
    assert.deepEqual(at(228), ['sk_backlog.len']);
    assert.deepEqual(at(232), ['sk_backlog.head']);
    assert.deepEqual(at(296), ['sk_wq', 'sk_wq_raw']);
  });

  it('reads slab objects from kmem and console reports with registers and frames', () => {
    const model = analyze(
      [
        'crash> kmem 100062fc148',
        'CACHE             OBJSIZE  ALLOCATED     TOTAL  SLABS  SSIZE  NAME',
        'ffff500003c86600     2456       2824     10452    201   128k  TCP',
        '  SLAB              MEMORY            NODE  TOTAL  ALLOCATED  FREE',
        '  ffffffe03fc18b80  ffff00ff862e0000     0     52         42    10',
        '  FREE / [ALLOCATED]',
        '  [ffff00ff862fc080]',
        '',
        '[498349.159738] WARNING: CPU: 110 PID: 28170 at net/ipv4/af_inet.c:153 inet_sock_destruct+0x158/0x188',
        '[498349.280680] pstate: 60400009 (nZCv daif +PAN -UAO)',
        '[498349.286372] pc : inet_sock_destruct+0x158/0x188',
        '[498349.301361] x29: ffff80001418fc10 x28: ffff60000f6d7000',
        '[498349.393929] Call trace:',
        '[498349.397215]  inet_sock_destruct+0x158/0x188',
        '[498349.402239]  __sk_destruct+0x34/0x1a8',
        '[498349.474594] ---[ end trace 46956112552af2a6 ]---',
      ].join('\n'),
    );
    assert.equal(model.slabAt(0xffff00ff862fc148n)?.cache, 'TCP');
    assert.equal(model.slabAt(0xffff00ff862fc080n + 2456n), undefined);
    const report = model.reports[0];
    assert.equal(report.kind, 'warning');
    assert.equal(report.headerFunction, 'inet_sock_destruct');
    assert.deepEqual(
      report.frames.map((f) => f.function),
      ['inet_sock_destruct', '__sk_destruct'],
    );
    assert.ok(report.registers.some((r) => r.name === 'x29' && r.value === 0xffff80001418fc10n));
    assert.equal(model.arch, 'arm64');
  });

  it("sizes stacks by the architecture's stackBytes, 16 KiB when the architecture is unknown", () => {
    const x86 = analyze(seed('000'), { arch: 'x86_64' });
    assert.ok(x86.stacks.length > 0);
    for (const stack of x86.stacks) assert.equal(stack.top - stack.base, x86.spec?.stackBytes[stack.kind]);
    const unknown = analyze('crash> sys\n     KERNEL: vmlinux');
    assert.equal(unknown.spec, undefined);
    assert.equal(unknown.stackBytes('task'), 0x4000n);
  });

  it('never throws on binary junk, NUL bytes, CRLF and a very long line', () => {
    const junk = ['\0\u0001\u00ff crash> bt', 'x'.repeat(1_000_000), 'PID: 1 TASK: zz\r', '#1 [ffff] f at', '\r\n'].join('\n');
    const model = analyze(junk);
    assert.ok(model.damage.length >= 2);
  });

  (hasShared ? describe : describe.skip)('real transcripts', () => {
    it('recognises every line of the corpus crash transcripts and consoles (no prose left)', () => {
      for (const arch of ['x86_64', 'arm64'] as const) {
        for (const dump of crashDumps(arch)) {
          for (const text of [dump.transcript, dump.console]) {
            const model = analyze(text);
            const prose = model.lines.filter((_, i) => model.lineKinds[i] === LineKind.Prose);
            assert.deepEqual(prose, [], `${dump.name}: lines left as prose`);
            assert.equal(model.arch, arch, dump.name);
          }
        }
      }
    });

    it("leaves only the authors' notes of the seeds as prose", () => {
      // Every line kept as prose must carry CJK text or be a short note word; machine output never does.
      for (const name of ['000', '001', '002'] as const) {
        const model = analyze(seed(name));
        const prose = model.lines.filter((_, i) => model.lineKinds[i] === LineKind.Prose);
        const machine = prose.filter((l) => /^\s*(?:0x)?[0-9a-f]{8,16}[: ]|^\s*#\d+ \[|^\s*\[\s*\d+\.\d+\]/.test(l));
        assert.deepEqual(machine, [], `seed ${name}: machine output left as prose`);
      }
    });
  });

  it('names the tasks `ps` lists, so a task_struct address elsewhere gets its PID and command', () => {
    const model = analyze(
      [
        'crash> ps',
        '      PID    PPID  CPU       TASK        ST  %MEM      VSZ      RSS  COMM',
        '        0       0   1  ffff8c6041268000  RU   0.0        0        0  [swapper/1]',
        '>     105      -1   0  ffff8c604252c200  RU   0.0     2260       56  sh',
        'crash> rd -x ffffa269e37dbcc0 2',
        'ffffa269e37dbcc0:  ffff8c604252c200 ffff8c6041268000   ..BR`...h&A`....',
      ].join('\n'),
    );
    assert.deepEqual(
      model.tasks.map((t) => [t.pid, t.task, t.cpu, t.command, t.line]),
      [
        [0, 0xffff8c6041268000n, 1, '[swapper/1]', 2],
        [105, 0xffff8c604252c200n, 0, 'sh', 3],
      ],
    );
    assert.equal(model.lineKinds[1], LineKind.CommandOutput);
    const card = describeAt(model, 5, 'ffffa269e37dbcc0:  ff'.length);
    assert.match(card?.markdown ?? '', /task_struct of PID 105 \(sh\), CPU 0/);
  });
});
