// Generates a large transcript of realistic mixed content for the benchmark:
// bt -a of many tasks, bt -f words, rd -x of whole stacks, dis -l listings and
// a console log with reports, in the shapes crash 8 and the kernel print.
export type ContentKind = 'bt' | 'rd' | 'btf' | 'dis' | 'log';

/** `only` restricts the mix to one kind of content (for per-kind figures). */
export function generateTranscript(targetBytes: number, seed = 1, only?: ContentKind): string {
  let state = seed >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const hex = (value: bigint) => value.toString(16).padStart(16, '0');
  const functions = [
    'schedule',
    '__schedule',
    'do_syscall_64',
    'vfs_read',
    'ksys_read',
    'ext4_file_read_iter',
    'filemap_read',
    'tcp_recvmsg',
    'inet_recvmsg',
    'sock_read_iter',
    'new_sync_read',
    'do_idle',
    'cpu_startup_entry',
    'kmem_cache_alloc',
    '__kmalloc',
    'xfs_log_commit_cil',
    '__xfs_trans_commit',
    'do_unlinkat',
    'futex_wait',
    'do_futex',
    'ep_poll',
    'do_epoll_wait',
    'pipe_read',
    'wait_woken',
    'schedule_timeout',
    'worker_thread',
    'kthread',
    'ret_from_fork',
  ];
  const bases = new Map(functions.map((f, i) => [f, 0xffffffff81000000n + BigInt(i) * 0x1340n]));
  const out: string[] = [];
  let bytes = 0;
  const push = (line: string) => {
    out.push(line);
    bytes += line.length + 1;
  };
  let pid = 1;
  let uptime = 100;
  push('$ crash -s vmlinux vmcore');
  while (bytes < targetBytes) {
    const roll = random();
    const choice = only === undefined ? roll : { bt: 0.1, rd: 0.3, btf: 0.6, dis: 0.8, log: 0.9 }[only];
    if (choice < 0.2) {
      push('crash> bt -a');
      for (let t = 0; t < 40; t++) {
        const stack = 0xffffc90000000000n + BigInt(pid) * 0x4000n;
        push(
          `PID: ${pid}   TASK: ${hex(0xffff888100000000n + BigInt(pid) * 0x2000n)}  CPU: ${pid % 64}   COMMAND: "task-${pid}"`,
        );
        let slot = stack + 0x3c00n;
        for (let level = 0; level < 12; level++) {
          const fn = pick(functions);
          const address = bases.get(fn)! + BigInt(Math.floor(random() * 0x300) + 5);
          push(`${level < 10 ? ' ' : ''}#${level} [${hex(slot)}] ${fn} at ${hex(address)}`);
          slot += BigInt(8 * (2 + Math.floor(random() * 12)));
        }
        push('    RIP: 00007f1c2a3b4c5d  RSP: 00007ffd1e2f3a40  RFLAGS: 00000246');
        push('    RAX: ffffffffffffffda  RBX: 0000000000000003  RCX: 00007f1c2a3b4c5d');
        push('    ORIG_RAX: 0000000000000000  CS: 0033  SS: 002b');
        push('');
        pid++;
      }
    } else if (choice < 0.55) {
      const stack = 0xffffc90000000000n + BigInt(Math.floor(random() * pid)) * 0x4000n;
      push(`crash> rd -x ${hex(stack)} 2048`);
      for (let a = stack; a < stack + 0x4000n; a += 16n) {
        const word = () => {
          const r = random();
          if (r < 0.2) return hex(bases.get(pick(functions))! + BigInt(Math.floor(random() * 0x300)));
          if (r < 0.4) return hex((stack + BigInt(Math.floor(random() * 0x4000))) & ~7n);
          if (r < 0.6) return hex(0xffff888100000000n + BigInt(Math.floor(random() * 0x1000000)) * 8n);
          return hex(BigInt(Math.floor(random() * 0x10000)));
        };
        push(`${hex(a)}:  ${word()} ${word()} `);
      }
    } else if (choice < 0.7) {
      push(`crash> bt -f ${pid}`);
      const stack = 0xffffc90000000000n + BigInt(pid) * 0x4000n;
      push(`PID: ${pid}   TASK: ${hex(0xffff888100000000n + BigInt(pid) * 0x2000n)}  CPU: 1   COMMAND: "worker"`);
      let slot = stack + 0x3800n;
      for (let level = 0; level < 10; level++) {
        const fn = pick(functions);
        push(` #${level} [${hex(slot)}] ${fn} at ${hex(bases.get(fn)! + 0x40n)}`);
        for (let k = 0; k < 4; k++) {
          push(`    ${hex(slot + 8n + BigInt(k) * 16n)}: ${hex(BigInt(Math.floor(random() * 1e9)))} ${hex(slot + 0x100n)} `);
        }
        slot += 0x48n;
      }
      pid++;
    } else if (choice < 0.85) {
      const fn = pick(functions);
      push(`crash> dis -l ${fn}`);
      let address = bases.get(fn)!;
      for (let k = 0; k < 120; k++) {
        if (k % 6 === 0) push(`/usr/src/debug/kernel/linux/fs/${fn}.c: ${100 + k}`);
        const insn =
          random() < 0.1
            ? `call   0x${hex(bases.get(pick(functions))!)} <${pick(functions)}>`
            : pick([
                'mov    %rdi,%rbx',
                'push   %rbp',
                'mov    0x28(%rbx),%rax',
                'test   %eax,%eax',
                'lea    0x10(%rsp),%rdi',
                'sub    $0x18,%rsp',
              ]);
        push(`0x${hex(address)} <${fn}+${Number(address - bases.get(fn)!)}>:\t${insn}`);
        address += BigInt(3 + Math.floor(random() * 5));
      }
    } else {
      push('crash> log');
      for (let k = 0; k < 200; k++) {
        uptime += random();
        const ts = `[${uptime.toFixed(6).padStart(12)}]`;
        if (k % 100 === 50) {
          push(`${ts} BUG: unable to handle page fault for address: 0000000000000010`);
          push(`${ts} Oops: 0000 [#1] PREEMPT SMP NOPTI`);
          push(`${ts} CPU: 3 PID: ${pid} Comm: worker Not tainted 6.1.0 #1`);
          push(`${ts} RIP: 0010:tcp_recvmsg+0x4cc/0x9c8`);
          push(`${ts} RSP: 0018:${hex(0xffffc90000000000n + BigInt(pid) * 0x4000n + 0x3d00n)} EFLAGS: 00010246`);
          push(`${ts} RAX: 0000000000000000 RBX: ffff888100a3c000 RCX: 0000000000000001`);
          push(`${ts} Call Trace:`);
          push(`${ts}  <TASK>`);
          for (const f of [
            'inet_recvmsg+0x5b/0xd0',
            'sock_read_iter+0x92/0xf0',
            '? new_sync_read+0x10f/0x150',
            'vfs_read+0x91/0x140',
            'do_syscall_64+0x5b/0x1a0',
          ])
            push(`${ts}  ${f}`);
          push(`${ts}  </TASK>`);
          push(`${ts} ---[ end trace 0000000000000000 ]---`);
        } else {
          push(
            `${ts} ${pick(['usb 1-1: new high-speed USB device number 2 using xhci_hcd', 'EXT4-fs (sda1): mounted filesystem with ordered data mode', 'audit: type=1400 audit(1700000000.123:45): apparmor="STATUS"', 'e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex'])}`,
          );
        }
      }
    }
  }
  return out.join('\n') + '\n';
}
