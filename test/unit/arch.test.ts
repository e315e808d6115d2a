import { strict as assert } from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { ARCH_IDS, ARCHS, archIdOf, archSpec } from '../../server/src/analysis/arch/registry';
import { ADDRESS_KINDS, classifyAddress, kindLabel, type AddressKind } from '../../server/src/analysis/classify';
import { describeAt, renderHover } from '../../server/src/analysis/describe';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import { parseRegisterLine } from '../../server/src/analysis/parse/registers';
import { unsettledStackPointer } from '../../server/src/analysis/arch/roles';
import { unwindLensTargets } from '../../server/src/analysis/unwind';
import { valueFacts } from '../../server/src/analysis/values';
import { hasShared, syzkallerReports } from '../support/corpus';
import { RISCV64_SYSRQ_BT } from '../support/publicExcerpts';

const ANALYSIS = join(__dirname, '../../server/src/analysis');
const PPC64LE = readFileSync(join(__dirname, '../corpus/ppc64le/01-warning.crashlog'), 'utf8');
const PPC64LE_CONSOLE = readFileSync(join(__dirname, '../corpus/ppc64le/02-null.console.crashlog'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Rules that judge by an architecture's layout, calls or frame linkage. */
const ARCH_SPECIFIC = ['not-text', 'call-target-mismatch', 'fp-chain-broken', 'offset-beyond-size', 'unwind-disagrees'];
const CORPUS = join(__dirname, '../corpus');
/** Classes only an architecture's layout gives (learned stacks, slabs and symbols are the transcript's). */
const LAYOUT_KINDS: AddressKind[] = ['user', 'direct-map', 'vmalloc', 'vmemmap', 'fixmap', 'non-canonical', 'kernel'];

describe('architectures', () => {
  it('are one registry: every id names its own spec, aliases resolve, unknown names do not', () => {
    assert.ok(ARCH_IDS.includes('x86_64') && ARCH_IDS.includes('arm64'));
    for (const id of ARCH_IDS) {
      assert.equal(ARCHS[id].id, id);
      assert.equal(archSpec(id), ARCHS[id]);
      for (const alias of ARCHS[id].aliases) assert.equal(archIdOf(alias), id, alias);
    }
    assert.equal(archIdOf('AArch64'), 'arm64');
    assert.equal(archIdOf('ppc64le'), 'ppc64');
    assert.equal(archIdOf('risc-v'), undefined);
    assert.equal(archSpec('unknown'), undefined);
    assert.equal(archSpec('toString'), undefined);
  });

  it('are every value of the crashlog.arch setting (package.json), besides auto', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { enum?: string[] }> } };
    };
    assert.deepEqual(manifest.contributes.configuration.properties['crashlog.arch'].enum, ['auto', ...ARCH_IDS]);
  });

  it('are compared only inside arch/: no architecture id or alias literal in the other analysis sources', () => {
    const names = ARCH_IDS.flatMap((id) => [id, ...ARCHS[id].aliases]);
    const literal = new RegExp(`(['"\`])(?:${names.map((n) => n.replace(/[-_]/g, '[-_]')).join('|')})\\1`, 'i');
    const offenders: string[] = [];
    for (const file of sources(ANALYSIS)) {
      const rel = relative(ANALYSIS, file);
      if (rel.startsWith('arch')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (literal.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offenders, []);
  });

  describe('detection scores every registered architecture', () => {
    // A Debian kernel release's machine on a console's CPU line (`6.12.117+deb13-riscv64 #1`), which settles it alone.
    const RELEASE_MACHINE = /-(?:riscv64|s390x|arm64|amd64) #/g;
    const x86 = ' RIP: 0010:lkdtm_BUG+0x5/0x10\n RSP: 0018:ffffd45d40403c80 EFLAGS: 00010282\n';
    const arm = 'x29: ffff80001418fc10 x28: ffff60000f6d7000\nx27: 0000000000000000 x26: 0000000000000001\n';

    it("a powerpc register dump of 64-bit text addresses is ppc64's, whose register names ppc32 shares", () => {
      // A ppc64le 4.20 WARN as a commit message quoted it, cut before its call trace.
      const warn = [
        'WARNING: CPU: 2 PID: 1056 at arch/powerpc/mm/fault.c:377 __do_page_fault+0x310/0xc20',
        'CPU: 2 PID: 1056 Comm: signal_force_ni Not tainted 4.20.0-rc3-00088-gcc58d8570ae6-dirty #823',
        'NIP:  c00000000006f810 LR: c00000000000b0f4 CTR: c0000000000e5590',
        'REGS: c00000042651fab0 TRAP: 0700   Not tainted  (4.20.0-rc3-00088-gcc58d8570ae6-dirty)',
        'MSR:  8000000000021033 <SF,ME,IR,DR,RI,LE>  CR: 48000242  XER: 20000000',
        'GPR00: c00000000000b0f4 c00000042651fd40 c000000000e6d800 0000000000000000',
      ];
      assert.equal(analyze(warn.join('\n')).arch, 'ppc64');
    });

    it("an i386 2.6 oops (lower-case registers) is i386's, though x86_64 prints an EFLAGS too", () => {
      // A 2.6.9 kernel's oops in a blog post.
      const oops = [
        'Oops: 0002 [#1]',
        'CPU: 0',
        'EFLAGS: 00210286 (2.6.9-11.21AXKProbes)',
        'EIP is at kobject_add+0x83/0xd7',
        'eax: c038db78 ebx: c038db04 ecx: f899b670 edx: f8a4a630',
        'esi: c038db4c edi: f8a4a614 ebp: c038db80 esp: d7568f2c',
        'ds: 007b es: 007b ss: 0068',
        'Process modprobe (pid: 8227, threadinfo=d7568000 task=f4ea99b0)',
      ];
      const model = analyze(oops.join('\n'));
      assert.deepEqual([model.arch, model.archUnmodelled], ['unknown', 'i386']);
    });

    it('the architecture with the most evidence wins', () => {
      assert.equal(analyze(x86).arch, 'x86_64');
      assert.equal(analyze(arm).arch, 'arm64');
      assert.equal(analyze(x86 + arm + arm).arch, 'arm64');
    });

    it('a tie, or no evidence, settles nothing', () => {
      assert.equal(analyze(x86.split('\n')[0] + '\n' + arm.split('\n')[0] + '\n').arch, 'unknown');
      assert.equal(analyze('just some notes\n').arch, 'unknown');
    });

    it('a ppc64 console trace without registers is ppc64 by its return addresses in kernel text (c000…)', () => {
      const sysrq = readFileSync(join(CORPUS, 'ppc64le/04-sysrq.console.crashlog'), 'utf8');
      // The panic and its trace, cut before the interrupt frame's NIP/MSR/GPR lines.
      const trace = sysrq.slice(0, sysrq.indexOf('--- interrupt'));
      assert.ok(!/NIP|MSR|GPR/.test(trace));
      assert.deepEqual([analyze(trace).arch, analyze(trace).reports[0]?.frames.length], ['ppc64', 10]);
    });

    it("a mips64 kernel loaded in XKPHYS (a800…) with modules in XKSEG (c000…, ppc64's text) is not ppc64", () => {
      const oops = readFileSync(join(CORPUS, 'mips64/02-null.console.crashlog'), 'utf8');
      // Its trace alone (no registers), moved where such a kernel runs: three module frames, four core ones.
      const trace = oops
        .split('\n')
        .filter((l) => /Call Trace:|\[</.test(l))
        .join('\n')
        .replace(/\[<ffffffffc0/g, '[<c000000000')
        .replace(/\[<ffffffff80/g, '[<a800000000');
      assert.equal((trace.match(/\[<c000000000/g) ?? []).length, 3);
      const model = analyze(trace);
      assert.deepEqual([model.arch, model.archUnmodelled], ['unknown', 'mips64']);
      // However many module frames: text at a800… is no ppc64 address (between its user space and c000…).
      const fewerCore = trace
        .split('\n')
        .filter((l) => !/\[<a800/.test(l) || /syscall_common/.test(l))
        .join('\n');
      assert.equal((fewerCore.match(/\[<a800/g) ?? []).length, 1);
      assert.deepEqual([analyze(fewerCore).arch, analyze(fewerCore).archUnmodelled], ['unknown', 'mips64']);
    });

    it('a 64-bit Book3E console, its modules in vmalloc at 8000…, is still ppc64', () => {
      for (const name of ['01-warning', '02-null', '03-bug']) {
        const console = readFileSync(join(CORPUS, `ppc64le/${name}.console.crashlog`), 'utf8');
        const book3e = console.replace(/c0080000/g, '80000000');
        assert.notEqual(book3e, console, name);
        assert.equal(analyze(book3e).arch, 'ppc64', name);
      }
    });

    it('riscv64 and s390x sysrq panics (a trace, no registers) are settled by functions only they have', () => {
      for (const [dir, arch, own] of [
        ['riscv64', 'riscv64', /__riscv_sys_write|do_trap_ecall_u|handle_exception/],
        ['s390x', 's390x', /__do_syscall/],
      ] as const) {
        const console = readFileSync(join(CORPUS, `${dir}/04-sysrq.console.crashlog`), 'utf8');
        assert.ok(!/epc|GPRS|PSW/.test(console), 'no registers');
        assert.equal(analyze(console).arch, arch, dir);
        // The same trace without those functions (nor the machine its Debian release names): its text addresses alone settle nothing.
        const shared = console
          .split('\n')
          .filter((l) => !own.test(l))
          .join('\n')
          .replace(RELEASE_MACHINE, ' #');
        assert.equal(analyze(shared).arch, 'unknown', `${dir} without its own functions`);
      }
    });

    it('an arm64 console trace without registers or addresses is settled by functions only arm64 has', () => {
      const console = readFileSync(join(CORPUS, 'arm64/05-irq.console.crashlog'), 'utf8');
      const trace = console
        .split('\n')
        .filter((l) => !/ (?:pc|lr|sp|x\d+) ?: |pstate/.test(l))
        .join('\n');
      assert.equal(analyze(trace).arch, 'arm64');
      // Without the exception vectors and the syscall wrapper (nor its release's machine, nor its abort decoding and oops line with the ESR),
      // its frames name no architecture.
      const shared = trace
        .split('\n')
        .filter((l) => !/ (?:do_)?el[01]\w*_|__arm64_sys_|abort info:|ESR = 0x|Internal error: Oops: /.test(l))
        .join('\n')
        .replace(RELEASE_MACHINE, ' #');
      assert.equal(analyze(shared).arch, 'unknown');
    });

    it("a module frame at ffff8000… (LoongArch's vm_map_base) is no arm64 evidence; an arm64 core frame there is", () => {
      const trace = (core: string): string =>
        [
          '[   13.334524] Call Trace:',
          '[   13.334746] [<ffff800002a3c010>] cc_do_null+0x10/0x20 [corpus_crash]',
          '[   13.334781] [<ffff800002a3c0a8>] cc_dispatch+0x58/0x80 [corpus_crash]',
          '[   13.334802] [<ffff800002a3c1f0>] cc_write+0x90/0xc0 [corpus_crash]',
          '[   13.334839] [<ffff800002a3c2c4>] cc_proc_write+0x24/0x40 [corpus_crash]',
          `[   13.336649] [<${core}00434e34>] vfs_write+0xd4/0x3b0`,
          `[   13.336809] [<${core}0043520c>] ksys_write+0x7c/0x130`,
          `[   13.336964] [<${core}012e63f4>] do_syscall+0x154/0x610`,
        ].join('\n');
      const loongarch = analyze(trace('90000000'));
      assert.deepEqual([loongarch.arch, loongarch.archUnmodelled], ['unknown', 'loongarch64']);
      assert.equal(analyze(trace('ffff8000')).arch, 'arm64');
    });

    it('arm64 kernels before 5.4 are read in their own layout: 39-bit VA (Android 4.x phones), 48-bit with KASAN', () => {
      // Our arm64 bt, moved where those kernels put text (and, for 39-bit, the linear map).
      const session = readFileSync(join(CORPUS, 'arm64/05-irq.crashlog'), 'utf8').split('\n');
      const bt = session.slice(session.indexOf('crash> bt'), session.indexOf('crash> bt -f')).join('\n');
      const moved: [string, RegExp, (text: string) => string][] = [
        ['39-bit', /39-bit VA \(pre-5\.4/, (t) => t.replace(/ffff8000/g, 'ffffff80').replace(/ffff0000/g, 'ffffffc0')],
        [
          '48-bit KASAN',
          /48-bit VA \(pre-5\.4/,
          (t) =>
            t
              .replace(/ffff0000/g, 'LINEAR')
              .replace(/ffff8000/g, 'ffff2000')
              .replace(/LINEAR/g, 'ffff8000'),
        ],
      ];
      const findings = (text: string): string[] =>
        diagnose(analyze(text))
          .diagnostics.filter((d) => d.severity !== 'info')
          .map((d) => `${d.range.start.line} ${d.code}`);
      for (const [what, era, move] of moved) {
        const model = analyze(move(bt));
        assert.equal(model.arch, 'arm64', what);
        assert.match(model.layout?.era ?? '', era, what);
        assert.deepEqual(findings(move(bt)), findings(bt), what);
      }
    });

    it('x86_64 module text begins where the transcript shows it: 1 GB above the image start with KASLR, lower when a module says so', () => {
      // A RHEL kdump (KASLR: kernel text anywhere in the image's 1 GB) and a kernel without KASLR (btrfs at ffffffffa0…).
      const kaslr = analyze(
        [
          'crash> bt',
          'PID: 4051   TASK: ffff8ca4366ab0c0  CPU: 0   COMMAND: "insmod"',
          ' #0 [ffff8ca47a56fa48] machine_kexec at ffffffffb1263674',
          ' #1 [ffff8ca47a56faa8] __crash_kexec at ffffffffb131ce12',
          ' #2 [ffff8ca47a56fb78] crash_kexec at ffffffffb131cf00',
        ].join('\n'),
        { arch: 'x86_64' },
      );
      assert.equal(classifyAddress(kaslr, 0xffffffffb1263674n).kind, 'kernel-text');
      assert.equal(classifyAddress(kaslr, 0xffffffffb8000000n).kind, 'kernel-text');
      assert.equal(classifyAddress(kaslr, 0xffffffffc0a01000n).kind, 'module-text');
      const noKaslr = analyze(
        [
          'crash> bt -S ffffc900037568d0 1212',
          'PID: 1212   TASK: ffff88819c7ec000  CPU: 0   COMMAND: "fsstress"',
          ' #0 [ffffc900037568d0] __schedule at ffffffff8260d345',
          ' #1 [ffffc90003756910] rcu_read_lock_sched_held at ffffffff812c08b1',
          ' #3 [ffffc90003756a40] btrfs_chunk_alloc at ffffffffa03cb7ad [btrfs]',
          ' #4 [ffffc90003756ae0] find_free_extent at ffffffffa01abfa2 [btrfs]',
        ].join('\n'),
        { arch: 'x86_64' },
      );
      assert.equal(classifyAddress(noKaslr, 0xffffffffa0600000n).kind, 'module-text');
      assert.equal(classifyAddress(noKaslr, 0xffffffff8260d345n).kind, 'kernel-text');
    });

    it('arm64 48-bit kernels before 5.4 with KASLR (text anywhere in ffff0000…, a 5.4+ linear map) are read in their own layout', () => {
      // A 4.19 kdump's bt: the image moved 1 GB into vmalloc, modules beside it.
      const model = analyze(
        [
          'crash> bt',
          'PID: 2772769  TASK: ffff8004296f7d00  CPU: 24  COMMAND: "nfsd"',
          ' #0 [ffff80043786f5b0] machine_kexec at ffff0000480a2e8c',
          ' #1 [ffff80043786f610] __crash_kexec at ffff0000481ba948',
          ' #2 [ffff80043786f780] crash_kexec at ffff0000481baa58',
          '#12 [ffff80043786fbf0] nfsd4_probe_callback at ffff000042a231e8 [nfsd]',
        ].join('\n'),
        { arch: 'arm64' },
      );
      assert.match(model.layout?.era ?? '', /48-bit VA \(pre-5\.4/);
      assert.equal(model.classify(0xffff800400000000n).kind, 'direct-map');
    });

    it('arm64 39-bit kernels with KASLR (text anywhere in vmalloc) are read as 39-bit: their PAC bits strip to ffffffe0…', () => {
      // An Android GKI ramdump: the image at ffffffe0…, return addresses signed by pointer authentication.
      const model = analyze(
        [
          'crash> bt -f',
          'PID: 16930    TASK: ffffff89b3eada00  CPU: 2    COMMAND: "Firebase Backgr"',
          ' #0 [ffffffc034c437f0] __switch_to at ffffffe0036832d4',
          '    ffffffc034c437f0: ffffffc034c43850 6be732e004cf05a4',
          '    ffffffc034c43800: ffffffe006186108 a0ed07e004cf09c4',
          ' #1 [ffffffc034c43850] __kvm_nvhe_$d.2314 at 6be732e004cf05a0',
          '    ffffffc034c43850: ffffffc034c438b0 86c54c6004ceff84',
        ].join('\n'),
        { arch: 'arm64' },
      );
      assert.match(model.layout?.era ?? '', /39-bit VA \(5\.4\+/);
      assert.equal(model.classify(0x6be732e004cf05a4n).stripped, 0xffffffe004cf05a4n);
    });

    it('arm64 39-bit kernels before 4.6 ran their image in the linear map: a core pc at ffffffc000… is text, the task beside it no vmalloc', () => {
      // syzkaller's 3.18 Tegra report (corpus/syzkaller/45), cut before its trace by syzkaller itself.
      const model = analyze(
        [
          '[  167.371618] Internal error: Oops: 96000044 [#1] PREEMPT SMP',
          '[  167.377205] CPU: 2 PID: 12170 Comm: syz-executor Tainted: G    BU         3.18.0 #78',
          '[  167.390780] task: ffffffc016e04e80 ti: ffffffc016110000 task.ti: ffffffc016110000',
          '[  167.398267] PC is at _snd_timer_stop.constprop.9+0x184/0x2b0',
          '[  167.403931] LR is at _snd_timer_stop.constprop.9+0x184/0x2b0',
          '[  167.409593] pc : [<ffffffc000d394c4>] lr : [<ffffffc000d394c4>] pstate: 200001c5',
          '[  167.416985] sp : ffffffc016113990',
        ].join('\n'),
        { arch: 'arm64' },
      );
      assert.match(model.layout?.era ?? '', /39-bit VA \(pre-4\.6/);
      assert.equal(model.classify(0xffffffc016e04e80n).kind, 'direct-map');
      assert.equal(model.classify(0xffffffc000d394c4n).kind, 'kernel-text');
      assert.equal(model.classify(0xffffffbffc001000n).kind, 'module-text');
    });

    it('a riscv64 Sv57 bt says riscv64 by its stack slots and TASK (its text at ffffffff8… is x86_64-like), and its saved registers are no left-out frame', () => {
      const text = RISCV64_SYSRQ_BT.join('\n');
      const model = analyze(text);
      assert.equal(model.arch, 'riscv64');
      assert.deepEqual(
        diagnose(model)
          .diagnostics.filter((d) => d.severity !== 'info')
          .map((d) => `${d.range.start.line} ${d.code}: ${d.message}`),
        [],
      );
    });

    it("an x86_64 bt with 5-level paging and randomized bases (TASK ff36…, stacks ff5e…) is no riscv64 Sv57's", () => {
      // Our x86_64 bt, its task and stack moved where RANDOMIZE_MEMORY put them on a 5-level server (TASK: ff36bfda010c8000).
      const session = readFileSync(join(CORPUS, 'x86_64/01-null.formats.crashlog'), 'utf8').split('\n');
      const bt = session
        .slice(0, 6)
        .join('\n')
        .replace(/ffff8b4ec/g, 'ff36bfda0')
        .replace(/ffffcd72c/g, 'ff5e2a31c');
      assert.match(bt, /TASK: ff36bfda0/);
      assert.notEqual(analyze(bt).arch, 'riscv64');
    });

    it('registers other architectures share (ppc64 `R8:`…`R15:`) are no evidence for x86_64', () => {
      assert.equal(analyze(' R9:  0000000000000100    R10: 6b6b6b6b6b6b6b6b    R11: 0000000000008000\n').arch, 'unknown');
    });
  });

  describe('a real ppc64le crash session (test/corpus/ppc64le): read as ppc64', () => {
    const model = analyze(PPC64LE);
    const lineOf = (needle: string) => PPC64LE.split('\n').findIndex((l) => l.includes(needle));

    it('is ppc64 with its linear-map layout', () => {
      assert.equal(model.arch, 'ppc64');
      assert.equal(model.spec?.id, 'ppc64');
      assert.match(model.layout?.era ?? '', /ppc64/);
    });

    it('parses the backtrace: 14 frames with their slots, text addresses and module', () => {
      const bt = model.backtraces[0];
      assert.equal(bt.frames.length, 14);
      assert.equal(bt.frames[7].function, 'cc_dispatch');
      assert.equal(bt.frames[7].module, 'corpus_crash');
      assert.equal(bt.frames[7].address, 0xc0080000003700e4n);
      assert.equal(bt.frames[13].stackAddress, 0xc0000000048fbe10n);
    });

    it("reads crash's register block: R0…R31, NIP, MSR, LR and `Syscall Result`", () => {
      const block = model.backtraces[0].exceptionFrames[0].registers;
      const value = (name: string) => block.find((r) => r.name === name)?.value;
      assert.equal(value('R1'), 0xc0000000048fb380n);
      assert.equal(value('R31'), 0x9c4n);
      assert.equal(value('NIP'), 0xc000000000004900n);
      assert.equal(value('LR'), 0xc0000000001380a4n);
      assert.equal(value('Syscall Result'), 0n);
    });

    it('raises no error', () => {
      const found = diagnose(model).diagnostics;
      assert.deepEqual(
        found.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line + 1}: ${d.code}: ${d.message}`),
        [],
      );
    });

    it('classifies kernel text, module text, the linear map, vmemmap and the task stack', () => {
      assert.equal(model.classify(0xc000000000137c28n).kind, 'kernel-text');
      assert.equal(model.classify(0xc0080000003702d4n).kind, 'module-text');
      // Past the last code the transcript shows: the linear map (named data, e.g. `log_wait+8` in bt -F, reads as a symbol).
      assert.equal(model.classify(0xc000000003000000n).kind, 'direct-map');
      assert.equal(kindLabel('direct-map', model), 'linear map');
      assert.equal(model.classify(0xc00c000000011d80n).kind, 'vmemmap');
      assert.equal(model.classify(0x00007fffdbe517e8n).kind, 'user');
      assert.equal(model.classify(0xc0000000048fba40n).kind, 'task-stack');
    });

    it('hovers a bt slot as the stack of PID 84', () => {
      const line = lineOf(' #6 [');
      const card = describeAt(model, line, model.line(line).indexOf('c0000000048fb8f0') + 1);
      assert.ok(card);
      assert.match(renderHover(card.markdown), /stack of PID 84 \(sh\)/);
    });

    it("offers walks from crash's register block and from help -r", () => {
      const lines = unwindLensTargets(model).map((t) => t.line);
      assert.ok(lines.includes(lineOf(' R0:  c0000000001380a4    R1:')));
      assert.ok(lines.includes(lineOf('     R0: c0000000001380a4   R1:')));
    });
  });

  describe('ppc64 console register lines', () => {
    const model = analyze(PPC64LE_CONSOLE);
    const registers = model.reports.flatMap((r) => r.registers);
    const kernel = (name: string) => registers.find((r) => r.name === name);

    it('reads `GPRnn:` rows as GPR0…GPR31 (r0…r31), four values a row', () => {
      assert.equal(kernel('GPR0')?.value, 0xc00800000037034cn);
      assert.equal(kernel('GPR1')?.value, 0xc0000000045a7a30n);
      assert.equal(kernel('GPR31')?.value, 5n);
      assert.equal(registers.filter((r) => /^GPR\d+$/.test(r.name)).length, 64);
      const gpr1 = kernel('GPR1')!;
      assert.equal(model.line(gpr1.line).slice(gpr1.column, gpr1.column + gpr1.length), 'c0000000045a7a30');
    });

    it('reads eight values a row too, and no row of names that are not registers', () => {
      const row = parseRegisterLine(
        'GPR08: c000000002536978 0000000000000001 0000000000000000 0000000000002000 0000000000000000 c000000002880000 00007fffd14ef2f8 0000000010277870',
        0,
      );
      assert.deepEqual(
        row?.map((r) => r.name),
        ['GPR8', 'GPR9', 'GPR10', 'GPR11', 'GPR12', 'GPR13', 'GPR14', 'GPR15'],
      );
      assert.equal(row?.[5].value, 0xc000000002880000n);
      assert.equal(
        parseRegisterLine('GPR28: 0000000000000005 0000000020fb2750 0000000000000000 0000000000000005 0000000000000001', 0),
        undefined,
      );
      assert.equal(parseRegisterLine('XYZ00: 0000000000000005 0000000020fb2750', 0), undefined);
    });

    it('reads NIP/LR/CTR, REGS/TRAP before the taint, MSR with its flags, CFAR…IRQMASK', () => {
      assert.equal(kernel('NIP')?.value, 0xc00800000037035cn);
      assert.equal(kernel('LR')?.value, 0xc00800000037034cn);
      assert.equal(kernel('REGS')?.value, 0xc0000000045a7790n);
      assert.equal(kernel('TRAP')?.value, 0x300n);
      assert.equal(kernel('MSR')?.value, 0x8000000000009033n);
      assert.equal(kernel('XER')?.value, 0x20040006n);
      assert.equal(kernel('IRQMASK')?.value, 0n);
    });

    it('gives r1 the stack-pointer and frame roles, NIP the pc role and LR the link role', () => {
      const roles = ARCHS.ppc64.registers;
      assert.ok(roles.sp.includes('GPR1') && roles.sp.includes('R1') && roles.fp.includes('GPR1'));
      assert.deepEqual(roles.pc, ['NIP']);
      assert.ok(roles.lr.includes('LR'));
      const start = unwindLensTargets(model).find((t) => t.line === kernel('GPR1')!.line);
      assert.equal(start?.start.sp, 0xc0000000045a7a30n);
      assert.equal(start?.start.pc, 0xc00800000037035cn);
    });
  });

  describe('real dumps of architectures not modelled (test/corpus/<arch>/): unknown, no error or warning, no architecture-specific finding', () => {
    const unmodelled = readdirSync(CORPUS).filter((arch) => archIdOf(arch) === undefined);
    for (const arch of unmodelled) {
      for (const name of readdirSync(join(CORPUS, arch)).filter((n) => n.endsWith('.crashlog'))) {
        it(`${arch}/${name}`, () => {
          const text = readFileSync(join(CORPUS, arch, name), 'utf8');
          const model = analyze(text);
          assert.equal(model.arch, 'unknown');
          const { diagnostics, failures } = diagnose(model);
          assert.deepEqual(failures, []);
          // mips64's crash prints `invalid` inside bt -F words, and its sysrq panic has no stack: neither is a finding.
          const found = diagnostics.filter((d) => d.severity !== 'info' || ARCH_SPECIFIC.includes(d.code));
          assert.deepEqual(
            found.map((d) => `${d.range.start.line + 1}: ${d.code}: ${d.message}`),
            [],
          );
          assert.ok(model.backtraces.length > 0 || model.reports.length > 0, 'frames are still parsed');
          for (const m of text.matchAll(/\b[0-9a-f]{16}\b/g)) {
            const kind = model.classify(BigInt('0x' + m[0])).kind;
            assert.ok(!LAYOUT_KINDS.includes(kind), `no class guessed from a layout: ${m[0]} is ${kind}`);
          }
        });
      }
    }
  });

  describe('address kinds are one table', () => {
    it('every kind has a label, and only poison and ERR_PTR are special values', () => {
      for (const [kind, info] of Object.entries(ADDRESS_KINDS)) {
        assert.ok(info.label.length > 0, kind);
        if ('token' in info && info.token === 'specialValue') assert.ok(kind === 'poison' || kind === 'err-ptr', kind);
      }
    });

    it('LIST_POISON, slab poison, redzones and stack-leak poison classify as poison on a modelled architecture', () => {
      const model = analyze(' RIP: 0010:lkdtm_BUG+0x5/0x10\n RSP: 0018:ffffd45d40403c80 EFLAGS: 00010282\n');
      for (const [value, label] of [
        [0xdead000000000100n, /LIST_POISON1/],
        [0xdead000000000122n, /LIST_POISON2/],
        [0x6b6b6b6b6b6b6ba5n, /freed object/],
        [0x5a5a5a5a5a5a5a5an, /uninitialised/],
        [0xccccccccccccccccn, /redzone/],
        [0xffffffffffff4111n, /stack-leak/],
      ] as const) {
        const c = model.classify(value);
        assert.equal(c.kind, 'poison', value.toString(16));
        assert.match(c.label, label);
      }
      // A pointer is not poison.
      assert.notEqual(model.classify(0xffffd45d40403c80n).kind, 'poison');
    });
  });

  describe("poison pointers are read with the architecture's POISON_POINTER_DELTA", () => {
    it('x86_64 (0xdead000000000000 since 2.6.27, none before) reads every LIST_POISON era', () => {
      const model = analyze(' RIP: 0010:lkdtm_BUG+0x5/0x10\n RSP: 0018:ffffd45d40403c80 EFLAGS: 00010282\n');
      assert.equal(model.classify(0xdead000000100100n).label, 'LIST_POISON1');
      assert.equal(model.classify(0xdead000000000200n).label, 'LIST_POISON2');
      // A list_head of a 2.6.18 kernel (RHEL5): the hover says LIST_POISON1, the address class does not.
      assert.match(valueFacts(0x100100n, model.spec!.poisonPointerDelta).patterns.join(), /LIST_POISON1/);
      assert.notEqual(model.classify(0x100100n).kind, 'poison');
    });

    it('ppc64 (no delta) does not take 0xdead… for list poison, but reads 0x00100100 as LIST_POISON1', () => {
      const model = analyze(PPC64LE);
      assert.equal(model.arch, 'ppc64');
      assert.notEqual(model.classify(0xdead000000000100n).kind, 'poison');
      assert.match(valueFacts(0x100100n, model.spec!.poisonPointerDelta).patterns.join(), /LIST_POISON1/);
    });

    it('s390x (no delta) reads 0x00100100 inside its kernel image as text, not as list poison', () => {
      // A stack word of the real dump made 0x00100100, which `sym -l` puts inside __traceiter_initcall_start.
      const text = readFileSync(join(CORPUS, 's390x/02-null.formats.crashlog'), 'utf8').replace(
        '     37ffff4f5c0:  000000000010fdee 00000000fffffff9 ',
        '     37ffff4f5c0:  0000000000100100 00000000fffffff9 ',
      );
      const model = analyze(text);
      assert.equal(model.arch, 's390x');
      const cls = model.classify(0x100100n);
      assert.equal(cls.kind, 'kernel-text');
      assert.equal(cls.symbol?.symbol.name, '__traceiter_initcall_start');
      const line = model.lines.findIndex((l) => l.includes('37ffff4f5c0:  0000000000100100'));
      const hover = describeAt(model, line, model.line(line).indexOf('0000000000100100') + 1)!.markdown;
      // In the image, by a nearest symbol whose size `sym -l` leaves open: text, or the image's data.
      assert.match(hover, /kernel image \(text or data\)/);
      assert.doesNotMatch(hover, /POISON/);
    });
  });

  describe('KASAN shadow readings are an architecture fact', () => {
    (hasShared ? it : it.skip)(
      'x86_64 reads dffffc0000000000 as the shadow of 0 in a real KASAN report; arm64, whose offset depends on its VA size, does not',
      () => {
        const report = syzkallerReports().find((r) => r.name === '196')!;
        const line = report.log.split('\n').findIndex((l) => /RAX: dffffc0000000000/.test(l));
        assert.ok(line >= 0 && /BUG: KASAN/.test(report.log));
        const hover = (arch?: 'arm64') => {
          const model = analyze(report.log, { arch });
          return describeAt(model, line, model.line(line).indexOf('dffffc0000000000') + 1)!.markdown;
        };
        assert.match(hover(), /KASAN shadow of `0000000000000000`/);
        assert.doesNotMatch(hover('arm64'), /KASAN shadow/);
      },
    );
  });

  describe('a report whose architecture is not settled', () => {
    (hasShared ? it : it.skip)(
      'learns its task stack from an sp that every architecture printing `sp` reads as a kernel stack (syzkaller 45, arm64 3.18, its pc left out)',
      () => {
        // Without its `pc :` line, whose text address would settle arm64, nor its abort decoding and ESR, which would too.
        const log = syzkallerReports()
          .find((r) => r.name === '45')!
          .log.replace(/^.*\bpc : \[<.*\n/m, '')
          .replace(/^.*(?:abort info:|ESR = 0x|Internal error: Oops: ).*\n/gm, '');
        const model = analyze(log);
        assert.equal(model.arch, 'unknown');
        const line = log.split('\n').findIndex((l) => /\bsp : ffffffc016113990/.test(l));
        const stack = model.stackAt(0xffffffc016113990n);
        // The thread_info the report prints (`ti: ffffffc016110000`) is that stack's base.
        assert.equal(stack?.base, 0xffffffc016110000n);
        assert.deepEqual(stack?.evidence, [line]);
        const hover = describeAt(model, line, model.line(line).indexOf('ffffffc016113990') + 1)!.markdown;
        assert.match(hover, /task stack/);
      },
    );

    it('takes an sp only where every architecture naming the register reads its value as a kernel stack', () => {
      const spOf = (file: string, pattern: RegExp) => {
        const text = readFileSync(join(CORPUS, file), 'utf8')
          .split('\n')
          .find((l) => pattern.test(l))!;
        const block = parseRegisterLine(text.replace(/^\[[\s\d.]+\]\s*/, ''), 0)!;
        return unsettledStackPointer(block, 0x4000n)?.name;
      };
      assert.equal(spOf('arm64/05-irq.console.crashlog', /\bsp : ffff800008003e50/), 'sp');
      // riscv64's Sv57 stacks at ff20… are no arm64 kernel stack, and a 32-bit arm sp is neither's.
      assert.equal(spOf('riscv64/02-null.console.crashlog', /\bsp : ff2000000021ba40/), undefined);
      assert.equal(spOf('arm32/02-null.console.crashlog', /\bsp : e08f5e80/), undefined);
      // arm64's frame pointer is no stack pointer's name.
      assert.equal(spOf('arm64/05-irq.console.crashlog', /\bx29: /), undefined);
    });
  });
});
