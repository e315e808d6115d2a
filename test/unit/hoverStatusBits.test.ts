// The s390x PSW is two words: the mask, status bits, and the instruction address. Hovered, the
// mask reads as its fields, not as an address. Lines from test/corpus/s390x/01-warning (crash's bt
// with the CPU's lowcore, the console's `Krnl PSW`), unedited. riscv64's sstatus and scause too.
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';
import { ORIG_AX } from '../../server/src/analysis/arch/x86_64/origAx';
import type { Register } from '../../server/src/analysis/types';

const CRASH_BT = [
  'crash> bt',
  'PID: 82       TASK: 2309200           CPU: 0    COMMAND: "sh"',
  ' LOWCORE INFO:',
  '  -psw      : 0x0002000180000000 0x000000000010fdee',
  '  -function : stop_run at 10fdee',
  '  -prefix   : 0x019dc000',
  '  -cpu timer: 0x1f400002797827d8',
  '  -clock cmp: 0xa82060de99dd4900',
  '  -general registers:',
  '     000000000000000000 0x000000000010fdee',
  '     0x0000000000c03d42 0x0000000000c03d42',
  '     0x000000000010ff3a 0x0000000000668540',
  '     0x000000000000001d 0x0000000000000009',
  '     0x00000000012a9d40 000000000000000000',
  '     0x00000000fffffff9 000000000000000000',
  '     0x0000000002309200 000000000000000000',
  '     0x000000000010ff4e 0x0000037ffff575f8',
  '  -access registers:',
  '     0000000000 0x014ee3c0 0000000000 0000000000',
  '     0000000000 0000000000 0000000000 0000000000',
  '     0000000000 0000000000 0000000000 0000000000',
  '     0000000000 0000000000 0000000000 0000000000',
  '  -control registers:',
  '     0x0000000014166a10 0x0000000001290007',
  '     0x0000000001675140 000000000000000000',
  '     0x000000000000ffff 0x0000000001675140',
  '     0x0000000030000000 0x00000000023ac1c7',
  '     0x0000000000008000 000000000000000000',
  '     000000000000000000 000000000000000000',
  '     000000000000000000 0x0000000001290007',
  '     0x00000000db000000 0x0000000001675000',
  '  -floating point registers:',
  '     0x000003ffcaaf98b0 0x000003ff00000000',
  '     0x0000000000000003 0x000000000100486c',
  '     0x000003ff00000001 000000000000000000',
  '     000000000000000000 000000000000000000',
  '     000000000000000000 0x00000000014f05c0',
  '     000000000000000000 000000000000000000',
  '     0x000003ffcaaf9a88 000000000000000000',
  '     000000000000000000 000000000000000000',
  '',
  ' #0 [37ffff57640] on_panic_notify at 10ff4e',
  ' #1 [37ffff57658] atomic_notifier_call_chain at 178e36',
  ' #2 [37ffff576a0] panic at a17d42',
  ' #3 [37ffff57740] check_panic_on_warn at 148734',
  ' #4 [37ffff57770] __warn at 1489ca',
  ' #5 [37ffff577d0] report_bug at 9f06cc',
  ' #6 [37ffff57830] monitor_event_exception at 101180',
  ' #7 [37ffff57860] __noinstr_text_start at a22274',
  ' #8 [37ffff578a8] pgm_check_handler at a31b9c',
  ' PSW:  0704c00180000000 000003ff7fd022c4 (cc_do_warning+60 [corpus_crash])',
  ' GPRS: 0000000000057fa8 0000000000000001 0000000000000020 0000000000e63e38 ',
  '       000003ff7fd022b4 0000037ffff57868 0000000002762000 0000037ffff57c98 ',
  '       0000037ffff57b18 00000000014f06c0 0000000000000008 0000000000000008 ',
  '       0000000002309200 000003ffcaaf9770 000003ff7fd022b4 0000037ffff57a10 ',
  ' #6 [37ffff57e98] system_call at a31a12',
  ' PSW:  0705200180000000 00000000011112ea (user space)',
  ' GPRS: 0000000000000000 00000000011f4bf0 ffffffffffffffda 00000000014f06c0 ',
  '       0000000000000008 00000000014f06d0 000003ff00000001 0000000000000000 ',
  '       00000000014ee3b8 0000000000000008 00000000014f06c0 0000000000000001 ',
  '       00000000011f2948 000003ffcaaf9770 00000000010094d8 000003ffcaaf94e8 ',
].join('\n');

/** The console's WARNING up to its registers: `Krnl PSW`, and the kernel's own reading of its mask on the line below. */
const CONSOLE = [
  '[   17.950471] corpus_crash: triggering WARNING',
  '[   17.950630] ------------[ cut here ]------------',
  '[   17.950673] WARNING: CPU: 0 PID: 82 at corpus_crash.c:29 cc_do_warning+0x38/0x58 [corpus_crash]',
  '[   17.951066] Modules linked in: corpus_crash(OE)',
  '[   17.953251] CPU: 0 PID: 82 Comm: sh Tainted: G           OE      6.1.0-50-s390x #1  Debian 6.1.176-1',
  '[   17.953359] Hardware name: QEMU 8561 QEMU (KVM/Linux)',
  '[   17.953442] Krnl PSW : 0704c00180000000 000003ff7fd022c4 (cc_do_warning+0x3c/0x58 [corpus_crash])',
  '[   17.953532]            R:0 T:1 IO:1 EX:1 Key:0 M:1 W:0 P:0 AS:3 CC:0 PM:0 RI:0 EA:3',
  '[   17.953570] Krnl GPRS: 0000000000057fa8 0000000000000001 0000000000000020 0000000000e63e38',
  '[   17.953589]            000003ff7fd022b4 0000037ffff57868 0000000002762000 0000037ffff57c98',
  '[   17.953607]            0000037ffff57b18 00000000014f06c0 0000000000000008 0000000000000008',
  '[   17.953623]            0000000002309200 000003ffcaaf9770 000003ff7fd022b4 0000037ffff57a10',
].join('\n');

describe('hover: the s390x PSW mask', () => {
  const crash = analyze(CRASH_BT);

  it('reads a kernel PSW mask as status bits, and only the second word as the instruction address', () => {
    const mask = hoverOn(crash, '0704c00180000000');
    assert.match(mask, /^\*\*0704c00180000000\*\* — PSW mask: status bits, not an address/);
    assert.doesNotMatch(mask, /kernel address|unsigned:/);
    for (const field of [
      'DAT (address translation) on',
      'supervisor state (kernel mode)',
      'home-space mode',
      '64-bit addressing',
    ])
      assert.ok(mask.includes(field), `${field} in ${mask}`);
    // Named by its row's position and by the name before it: said once.
    assert.equal(mask.match(/\(value of register/g)?.length, 1, mask);
    assert.match(hoverOn(crash, '000003ff7fd022c4'), /program counter/);
  });

  it('reads a user PSW mask: problem state, primary space, its condition code', () => {
    const mask = hoverOn(crash, '0705200180000000');
    assert.match(mask, /problem state \(user mode\)/);
    assert.match(mask, /primary-space mode/);
    assert.match(mask, /condition code 2/);
  });

  it("reads the lowcore's -psw of a stopped CPU as a disabled wait", () => {
    const mask = hoverOn(crash, '0x0002000180000000');
    assert.match(mask, /PSW mask: status bits/);
    assert.match(mask, /wait state/);
    assert.match(mask, /I\/O interrupts disabled/);
  });

  it("reads the lowcore's CPU timer and clock comparator as TOD-clock counts, not addresses", () => {
    const timer = hoverOn(crash, '0x1f400002797827d8');
    assert.match(timer, /^\*\*1f400002797827d8\*\* — CPU timer: a signed count of TOD-clock units/);
    assert.doesNotMatch(timer, /kernel address/);
    // 0x1f400002797827d8 / 4096 µs = 549,756 s ≈ 6363 days, counting down.
    assert.match(timer, /- 6363 days to go before its CPU-timer interrupt/);
    const comparator = hoverOn(crash, '0xa82060de99dd4900');
    assert.match(comparator, /— clock comparator: a TOD-clock value/);
    assert.doesNotMatch(comparator, /kernel address/);
    // TOD epoch 1900-01-01: 0xa82060de99dd4900 / 4096 µs after it (a QEMU guest's clock).
    assert.match(comparator, /- due at 1993-09-22 18:44:41 UTC on the TOD clock/);
  });

  it("agrees with the kernel's own reading of the console's Krnl PSW (R:0 T:1 IO:1 EX:1 Key:0 M:1 W:0 P:0 AS:3 CC:0 PM:0)", () => {
    const mask = hoverOn(analyze(CONSOLE), '0704c00180000000');
    const fields = mask.split('\n').filter((l) => l.startsWith('- '));
    assert.deepEqual(fields, [
      '- DAT (address translation) on',
      '- I/O interrupts enabled',
      '- external interrupts enabled',
      '- machine checks enabled',
      '- storage key 0',
      '- supervisor state (kernel mode)',
      '- home-space mode',
      '- condition code 0',
      '- program mask 0x0',
      '- 64-bit addressing',
    ]);
  });
});

/** test/corpus/arm64/05-irq: `bt`'s frame #0, `help -r` (the CPU's registers, which only the walkers read as a block) and `sym`. */
const ARM64_HELP_R = [
  'crash> bt',
  'PID: 87       TASK: ffff0000030930c0  CPU: 0    COMMAND: "sh"',
  ' #0 [ffff8000080039e0] __delay at ffff800008c8c23c',
  'crash> help -r',
  'CPU 0:',
  '    X0: 000000000000723e   X1: ffff8000080039d0   X2: 0000000000000000',
  '    X3: 0000000000000000   X4: 0000000000000000   X5: 0000000000000fff',
  '    X6: 0000000000057fa8   X7: c0000000ffffefff   X8: 0000000000017fe8',
  '    X9: ffff800008c8c210  X10: ffff800009d409c8  X11: 00000000ffffefff',
  '   X12: 727265746e69206e  X13: 2d2d2d5d20747075  X14: 706f4f203a676e69',
  '   X15: 6c61746146203a73  X16: 6974706563786520  X17: 6e69206e69206e6f',
  '   X18: 0000000000000006  X19: 000000000000f424  X20: 0000000026e4370a',
  '   X21: ffffffffd91be160  X22: 0000000000000578  X23: 0000000000000022',
  '   X24: 0000000000418958  X25: ffff80000911b000  X26: ffff800000d00288',
  '   X27: ffff00003fdb1480  X28: ffff0000030930c0  X29: ffff8000080039e0',
  '    LR: ffff800008c8c244   SP: ffff8000080039e0   PC: ffff800008c8c240',
  '   PSTATE: 80000005   FPVALID: 00000001',
  'crash> sym ffff800008c8c23c',
  'ffff800008c8c23c (T) __delay+92 debian/build/build_arm64_none_arm64/arch/arm64/lib/delay.c: 60',
].join('\n');

describe('hover: a register of a block only the walkers read (help -r)', () => {
  it("reads help -r's PC as where execution was, not as a return address", () => {
    const text = hoverOn(analyze(ARM64_HELP_R), 'ffff800008c8c240');
    assert.match(text, /where execution was, not a return address/);
    assert.doesNotMatch(text, /Return address/);
  });
});

describe("hover: riscv64's sstatus and scause", () => {
  const corpus = (name: string) => analyze(readFileSync(join(__dirname, '..', 'corpus', 'riscv64', name), 'utf8'));

  it("reads a NULL store's cause as a store page fault and its status as a trap from supervisor mode", () => {
    const model = corpus('02-null.console.crashlog');
    const statusLine = (l: string) => l.includes('status: ');
    assert.match(
      hoverOn(model, '000000000000000f', 0, statusLine),
      /scause: a trap's cause, not an address[\s\S]*exception 15: store\/AMO page fault/,
    );
    const status = hoverOn(model, '0000000200000120', 0, statusLine);
    assert.match(status, /sstatus: status bits, not an address/);
    assert.match(status, /trap taken from supervisor mode \(SPP=1\)/);
    assert.match(status, /user mode 64-bit \(UXL\)/);
  });

  it("reads a WARN's cause as its breakpoint, and crash's `CAUSE:` of an interrupt as the interrupt", () => {
    assert.match(
      hoverOn(corpus('01-warning.console.crashlog'), '0000000000000003', 0, (l) => l.includes('cause: ')),
      /exception 3: breakpoint/,
    );
    // crash's bt -E of an IRQ taken in the idle loop (crash's riscv64 IRQ-stack commit).
    const bt = analyze(
      [
        'crash> bt -E',
        '   #8 [ff20000000003fd0] handle_riscv_irq at ffffffff808361e8',
        '       PC: ffffffff80837314  [default_idle_call+50]',
        '       RA: ffffffff80837310  [default_idle_call+46]',
        '       SP: ffffffff81403da0  CAUSE: 8000000000000009',
      ].join('\n'),
    );
    assert.match(hoverOn(bt, '8000000000000009'), /interrupt 9: supervisor external interrupt/);
  });
});

describe('hover: the registers of an s390x user-mode context', () => {
  // crash's bt -e of a system call (crash's s390x bt -e commit): user space shares the kernel's numbers.
  const model = analyze(
    [
      'crash> bt -e',
      'PID: 604      TASK: 7052a00           CPU: 1    COMMAND: "systemd-journal"',
      ' USER-MODE INTERRUPT FRAME at 38000003e98',
      ' pt_regs at 38000003f38:',
      ' PSW:  0705000180000000 000003ff8db0fa36 (user space)',
      ' GPRS: 00000000002f9112 000003ff00000000 ffffffffffffffda 000002aa2b4db520',
      '       000000000000003e ffffffffffffffff 00063ea900000007 0000000000000020',
      '       0000000000000140 000002aa2b4b5290 000003ff8e2e6b40 000000000000003e',
      '       000003ff8e17bcd0 000003ff8e2af018 000003ff8e089a02 000003ffe02f98f0',
    ].join('\n'),
    { arch: 's390x' },
  );

  it('reads the user PSW address and the GPRS as user space, not kernel text', () => {
    assert.match(hoverOn(model, '000003ff8db0fa36'), /user space: a register of a user-mode context/);
    assert.match(hoverOn(model, '00000000002f9112'), /user space: a register of a user-mode context/);
    assert.doesNotMatch(hoverOn(model, '00000000002f9112'), /kernel text/);
    // The mask itself stays status bits.
    assert.match(hoverOn(model, '0705000180000000'), /problem state \(user mode\)/);
    // A number stays one: -ENOSYS in the syscall's return register.
    const errno = hoverOn(model, 'ffffffffffffffda');
    assert.match(
      errno,
      /negative errno \(an error code, or an ERR_PTR where a pointer goes\), in a register of a user-mode context/,
    );
    assert.match(errno, /ENOSYS/);
    assert.doesNotMatch(errno, /user space/);
  });
});

describe("hover: x86_64's ORIG_RAX", () => {
  // crash's bt of a CFS-throttling hard lockup (a blog): an NMI's exception frame, then the timer interrupt's.
  const model = analyze(
    [
      'crash> bt',
      'PID: 0      TASK: ffff881039250000  CPU: 3   COMMAND: "swapper/3"',
      '#11 [ffff88103fbc3ef0] end_repeat_nmi at ffffffff8169ab99',
      '    [exception RIP: native_queued_spin_lock_slowpath+29]',
      '    RIP: ffffffff810ce3cf  RSP: ffff88103fbc3db8  RFLAGS: 00000093',
      '    R13: 0000000000000001  R14: 0000000000000003  R15: ffff8813bf7f5548',
      '    ORIG_RAX: ffffffffffffffff  CS: 0010  SS: 0018',
      '--- <NMI exception stack> ---',
      '#21 [ffff88103fbc3fb0] apic_timer_interrupt at ffffffff8169845d',
      '--- <IRQ stack> ---',
      '#22 [ffff8801699a3de8] apic_timer_interrupt at ffffffff8169845d',
      '    [exception RIP: native_safe_halt+6]',
      '    RIP: ffffffff81060fe6  RSP: ffff8801699a3e98  RFLAGS: 00000286',
      '    ORIG_RAX: ffffffffffffff10  CS: 0010  SS: 0018',
      '    ORIG_RAX: 00000000000000a8  CS: 0033  SS: 002b',
    ].join('\n'),
  );

  it('reads −1 as no system call and no error code, not as EPERM', () => {
    const card = hoverOn(model, 'ffffffffffffffff');
    assert.match(card, /ORIG_RAX: the entry's own word, not an address/);
    assert.match(card, /no system call and no error code/);
    assert.doesNotMatch(card, /EPERM|ERR_PTR/);
  });

  it("reads an interrupt's complement as its vector, and a small value as a system call or an error code", () => {
    assert.match(hoverOn(model, 'ffffffffffffff10'), /interrupt vector 0xef, stored as its complement/);
    assert.match(hoverOn(model, '00000000000000a8'), /system call 168 \(swapoff\)/);
  });
});

// Register blocks quoted in crash's commit messages (github.com/crash-utility/crash): 7d4daf0 (an x86_64
// IRQ exception frame read at the wrong slot, then right with irq_eframe_link), 1c6da3e (an arm64
// user context of an Android ramdump), 5da4d15 (a ppc64le exception frame); unedited.
const X86_64_IRQ_EFRAME = [
  '  --- <IRQ stack> ---',
  '      RIP: 0000000000000010  RSP: 0000000000000018  RFLAGS: ff5eba26ddc9f7e8',
  '      RAX: 0000000000000a20  RBX: ff5eba26ddc9f940  RCX: 0000000000001000',
  '      RDX: ffffffb559980000  RSI: ff4cb12d67207400  RDI: ffffffffffffffff',
  '      RBP: 0000000000001000   R8: ff5eba26ddc9f940   R9: ff5eba26ddc9f8af',
  '      R10: 0000000000000003  R11: 0000000000000a20  R12: ff5eba26ddc9f8b0',
  '      R13: 000000283c07f000  R14: ff4cb0f5a29a1c00  R15: 0000000000000001',
  '      ORIG_RAX: ffffffffa07c4e60  CS: 0206  SS: 7000001cf0380001',
  '  bt: WARNING: possibly bogus exception frame',
  '',
  'Running "crash" with "--machdep irq_eframe_link=0xffffffffffffffe8"',
  '  --- <IRQ stack> ---',
  '  #16 [ff5eba26ddc9f738] asm_sysvec_apic_timer_interrupt at ffffffffa0e00e06',
  '      [exception RIP: alloc_pte.constprop.0+32]',
  '      RIP: ffffffffa07c4e60  RSP: ff5eba26ddc9f7e8  RFLAGS: 00000206',
  '      RAX: ff5eba26ddc9f940  RBX: 0000000000001000  RCX: 0000000000000a20',
].join('\n');

const ARM64_USER_CONTEXT = [
  '  crash> bt 16930',
  '  PID: 16930    TASK: ffffff89b3eada00  CPU: 2    COMMAND: "Firebase Backgr"',
  '   #0 [ffffffc034c437f0] __switch_to at ffffffe0036832d4',
  '  ...',
  '       PC: 00000073f5294840   LR: 00000070d8f39ba4   SP: 00000070d4afd5d0',
  '      X29: 00000070d4afd600  X28: b4000071efcda7f0  X27: 00000070d4afe000',
  '      X26: 0000000000000000  X25: 00000070d9616000  X24: 0000000000000000',
  '      X23: 0000000000000000  X22: 0000000000000000  X21: 0000000000000000',
  '      X20: b40000728fd27520  X19: b40000728fd27550  X18: 000000702daba000',
  '      X17: 00000073f5294820  X16: 00000070d940f9d8  X15: 00000000000000bf',
  '      X14: 0000000000000000  X13: 00000070d8ad2fac  X12: b40000718fce5040',
  '      X11: 0000000000000000  X10: 0000000000000070   X9: 0000000000000001',
  '       X8: 0000000000000062   X7: 0000000000000020   X6: 0000000000000000',
  '       X5: 0000000000000000   X4: 0000000000000000   X3: 0000000000000000',
  '       X2: 0000000000000002   X1: 0000000000000080   X0: b40000728fd27550',
  '      ORIG_X0: b40000728fd27550  SYSCALLNO: ffffffff  PSTATE: 40001000',
].join('\n');

const PPC64LE_EXCEPTION = [
  'crash> bt -c 3',
  'PID: 17524    TASK: c0000000b2c0e400  CPU: 3    COMMAND: "xyz"',
  ' #9 [c000000140d67750] do_IRQ at c000000000015fa4',
  ' #10 [c000000140d67780] hardware_interrupt_common_virt at c000000000009080',
  ' Hardware Interrupt [500] exception frame:',
  ' R0:  c000000001023de0    R1:  c000000140d67a90    R2:  c000000002c02500',
  ' R30: c000000002c47190    R31: 000000000020000b',
  ' NIP: c0000000000aea14    MSR: 800000000280b033    OR3: c0000000000ae944',
  ' CTR: c000000001023d70    LR:  c000000001023de0    XER: 0000000020040001',
].join('\n');

describe('hover: flags and machine-state registers', () => {
  it("reads x86_64's RFLAGS as its flags: interrupts on", () => {
    const flags = hoverOn(analyze(X86_64_IRQ_EFRAME), '00000206');
    assert.match(flags, /^\*\*0000000000000206\*\* — RFLAGS: status bits, not an address/);
    assert.match(flags, /- IF: interrupts enabled/);
    assert.match(flags, /- PF: parity/);
  });

  it('reads a frame read at the wrong slot as the addresses it holds: no flags, no system call in a kernel address', () => {
    const model = analyze(X86_64_IRQ_EFRAME);
    assert.doesNotMatch(hoverOn(model, 'ff5eba26ddc9f7e8'), /RFLAGS|status bits/);
    const origRax = hoverOn(model, 'ffffffffa07c4e60');
    assert.doesNotMatch(origRax, /system call|not an address/);
    assert.match(origRax, /alloc_pte\.constprop\.0\+32/);
  });

  it("reads arm64's PSTATE: EL0 makes the block a user context, whose tagged heap pointers are user space's", () => {
    const model = analyze(ARM64_USER_CONTEXT);
    const pstate = hoverOn(model, '40001000');
    assert.match(pstate, /PSTATE: status bits, not an address/);
    assert.match(pstate, /- EL0t: user mode/);
    assert.match(pstate, /- condition flags nZcv/);
    assert.match(pstate, /- no exception masked: IRQs on/);
    const syscall = hoverOn(model, 'ffffffff', 0, (l) => l.includes('SYSCALLNO'));
    assert.match(syscall, /syscallno: the system call number of the entry, not an address/);
    assert.match(syscall, /- −1 \(NO_SYSCALL\): not in a system call/);
    assert.doesNotMatch(syscall, /EPERM/);
    const tagged = hoverOn(model, 'b40000728fd27520');
    assert.match(tagged, /user space: a register of a user-mode context/);
    assert.doesNotMatch(tagged, /kernel address/);
  });

  it("reads ppc64's MSR as its bits: 64-bit, kernel mode, interrupts on, little-endian", () => {
    const msr = hoverOn(analyze(PPC64LE_EXCEPTION), '800000000280b033');
    assert.match(msr, /MSR \(machine state\): status bits, not an address/);
    for (const field of [
      'PR clear: supervisor state (kernel mode)',
      'SF: 64-bit mode',
      'EE: external interrupts enabled',
      'LE: little-endian',
    ])
      assert.ok(msr.includes(`- ${field}`), `${field} in ${msr}`);
    assert.doesNotMatch(msr, /non-canonical/);
  });
});

// An x86_64 oops's registers (an openzfs issue), unedited.
const X86_64_OOPS_REGISTERS = [
  'BUG: kernel NULL pointer dereference, address: 0000000000000020',
  'Oops: 0000 [#1] PREEMPT SMP PTI',
  'RIP: 0010:zap_leaf_lookup+0x4d/0x170 [zfs]',
  'RSP: 0018:ffffb7196e14b9e8 EFLAGS: 00010216',
  'RAX: 000000000000000c RBX: 0000000000000000 RCX: 0000000000000007',
  'RDX: 0000000000000000 RSI: c17acc2d070f0000 RDI: ffff9e2430566100',
  'RBP: ffffb7196e14ba28 R08: 0000000000000000 R09: ffff9e2430566100',
  'R10: ffff9e2430566198 R11: 0000000000000000 R12: 0000000000000000',
  'R13: ffff9e2430566100 R14: ffff9e23edb1c400 R15: 0000000000000039',
  'FS:  0000000000000000(0000) GS:ffff9e2a3fb40000(0000) knlGS:0000000000000000',
  'CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033',
  'CR2: 0000000000000020 CR3: 00000006be610001 CR4: 00000000001706e0',
].join('\n');

describe("hover: x86's control registers", () => {
  const model = analyze(X86_64_OOPS_REGISTERS);

  it('reads CR3 as the physical page-table root and its PCID, not a user-space address', () => {
    const cr3 = hoverOn(model, '00000006be610001');
    assert.match(cr3, /CR3: the physical address of the page-table root, not a virtual address/);
    assert.match(cr3, /- page-table root \(PGD\) at physical 0x6be610000/);
    assert.match(cr3, /- low 12 bits 0x1: the PCID/);
    assert.doesNotMatch(cr3, /user space/);
  });

  it("does not take CR3's bit 12 for PTI's user page tables on a kernel that may predate PTI", () => {
    // A 3.0 oops (linux-mm, CAI Qian, "Re: [BUG 3.0.0-rc1] ksm: NULL pointer dereference"; most registers left out).
    const oops = [
      'Oops: 0002 [#1] SMP ',
      'RIP: 0010:[<ffffffff814d2659>]  [<ffffffff814d2659>] down_read+0x19/0x30',
      'CS:  0010 DS: 0000 ES: 0000 CR0: 000000008005003b',
      'CR2: 0000000000000060 CR3: 0000000001a03000 CR4: 00000000000006f0',
    ];
    const cr3 = hoverOn(analyze(oops.join('\n')), '0000000001a03000');
    assert.match(
      cr3,
      /- bit 12 set: with page-table isolation \(PTI, 4\.15\+\), the user page tables; before it, part of the address/,
    );
  });

  it('reads CR0 and CR4 as their mode bits: paging, write protect, SMEP', () => {
    const cr0 = hoverOn(model, '0000000080050033');
    assert.match(cr0, /CR0: status bits, not an address/);
    assert.match(cr0, /- PG: paging on/);
    assert.match(cr0, /- WP: write protect/);
    const cr4 = hoverOn(model, '00000000001706e0');
    assert.match(cr4, /- SMEP: the kernel may not execute user pages/);
    assert.match(cr4, /- PCIDE: process-context identifiers/);
    assert.doesNotMatch(cr4, /SMAP/);
    // Every bit set is named: CR0's ET (bit 4), CR4's OSXMMEXCPT (bit 10).
    assert.match(cr0, /- ET: extension type/);
    assert.match(cr4, /- OSXMMEXCPT: unmasked SSE exceptions reported/);
  });

  it("reads the segment selectors: CS as the kernel's code segment in ring 0, DS as the null selector", () => {
    const cs = hoverOn(model, '0010', 0, (l) => l.startsWith('CS:'));
    assert.match(cs, /CS: a segment selector, not an address/);
    assert.match(cs, /- __KERNEL_CS\n- GDT entry 2\n- ring 0: kernel mode/);
    assert.match(
      hoverOn(model, '0000', 0, (l) => l.startsWith('CS:')),
      /DS: a segment selector[\s\S]*the null selector/,
    );
  });

  it('says whose value a hovered register value is, and what CR2 holds', () => {
    assert.match(
      hoverOn(model, '0000000000000020', 0, (l) => l.startsWith('CR2:')),
      /\(value of register `CR2`, the address of the last page fault on this CPU\)$/,
    );
    assert.match(hoverOn(model, 'ffffb7196e14ba28'), /\(value of register `RBP`, the frame pointer\)$/);
  });

  it('reads the EFLAGS of the oops line: interrupts on', () => {
    assert.match(hoverOn(model, '00010216'), /EFLAGS: status bits[\s\S]*- IF: interrupts enabled/);
  });
});

// A user task's exception frame, as crash prints it: the system call it entered the kernel with is
// named from its architecture's table (x86_64's own; arm64's and riscv64's the generic one, where 64
// is write, not x86_64's getsockname). Our own dumps' sessions, test/corpus/*/.
describe('hover: the system call of a user context', () => {
  const corpus = (file: string) => analyze(readFileSync(join(__dirname, '../corpus', file), 'utf8'));

  it("names x86_64's ORIG_RAX from the 64-bit table", () => {
    const card = hoverOn(corpus('x86_64/01-null.formats.crashlog'), '0000000000000001', 0, (l) => l.includes('ORIG_RAX'));
    assert.match(card, /on a system call's entry: system call 1 \(write\)/);
  });

  it("names arm64's syscallno from the generic table", () => {
    const card = hoverOn(corpus('arm64/05-irq.crashlog'), '40', 0, (l) => l.includes('SYSCALLNO'));
    assert.match(card, /syscallno: the system call number of the entry, not an address/);
    assert.match(card, /- system call 64 \(write\)/);
  });

  it("names riscv64's SYSCALLNO from the generic table", () => {
    const card = hoverOn(corpus('riscv64/01-warning.formats.crashlog'), '0000000000000040', 0, (l) => l.includes('SYSCALLNO'));
    assert.match(card, /- system call 64 \(write\)/);
    assert.doesNotMatch(card, /getsockname/);
  });
});

// A 32-bit task's entry on x86_64 (its code segment __USER32_CS, 0023) numbers its system calls from
// the 32-bit table: 54 is ioctl there, setsockopt in the 64-bit one. Lines of ../shared/corpus/syzkaller/675,
// unedited; i386's crash prints orig_eax as `ERR:` (test/corpus/i386).
describe('hover: the system call of a 32-bit context', () => {
  it("names a compat task's ORIG_RAX from the 32-bit table", () => {
    const model = analyze(
      [
        '[ 1889.676824][T11163]  do_SYSENTER_32+0x1b/0x20',
        '[ 1889.681294][T11163]  entry_SYSENTER_compat_after_hwframe+0x6a/0x7c',
        '[ 1889.687585][T11163] RIP: 0023:0xf7421509',
        '[ 1889.691628][T11163] Code: b8 01 10 06 03 74 b4 01 10 07 03 74 b0 01 10 08 03 74 d8 01 00 00 00 00 00 00 00 00 00 00 00 00 00 51 52 55 89 e5 0f 34 cd 80 <5d> 5a 59 c3 90 90 90 90 8d b4 26 00 00 00 00 8d b4 26 00 00 00 00',
        '[ 1889.711371][T11163] RSP: 002b:00000000f60c25cc EFLAGS: 00000296 ORIG_RAX: 0000000000000036',
        '[ 1889.719744][T11163] RAX: ffffffffffffffda RBX: 0000000000000003 RCX: 0000000000000001',
        '[ 1889.727676][T11163] RDX: 0000000020000180 RSI: 0000000000000000 RDI: 0000000000000000',
      ].join('\n'),
    );
    const card = hoverOn(model, '0000000000000036');
    assert.match(card, /on a 32-bit system call's entry: system call 54 \(ioctl\)/);
    assert.doesNotMatch(card, /setsockopt/);
  });

  it("names i386's ERR (orig_eax) from the same table", () => {
    const model = analyze(readFileSync(join(__dirname, '../corpus/i386/01-warning.formats.crashlog'), 'utf8'));
    const card = hoverOn(model, '00000004', 0, (l) => l.includes('ERR:'));
    assert.match(card, /ERR \(orig_eax\): the entry's own word/);
    assert.match(card, /system call 4 \(write\)/);
  });

  it("reads a kernel-mode context's ORIG_RAX as an exception's code, a page fault's in the kernel's words", () => {
    const at = (name: string, value: bigint): Register => ({ name, value, line: 0, column: 0, length: 16 });
    const kernel = ORIG_AX.inBlock!([at('RIP', 0xffffffffc0a1b2c3n), at('CS', 0x10n)], 0);
    // An oops's `#PF: supervisor write access in kernel mode` / `#PF: error_code(0x0003) - permissions violation`.
    assert.deepEqual(kernel.fields(3n), [
      "on an exception's: its error code 0x3",
      "as a page fault's (#PF): supervisor write access, permissions violation",
    ]);
    assert.match(kernel.fields(0x10n).join('\n'), /supervisor instruction fetch, not-present page/);
    // A user-mode one's may be its system call's number, a 64-bit task's from the 64-bit table.
    const user = ORIG_AX.inBlock!([at('CS', 0x33n)], 0);
    assert.match(user.fields(54n).join('\n'), /system call 54 \(setsockopt\)/);
  });
});

// 32-bit arm's psr, as its oops prints it beside its own reading (`Flags: nZCv  IRQs on  FIQs on  Mode
// SVC_32  ISA ARM`): our own dump's console, test/corpus/arm32.
describe("hover: 32-bit arm's CPSR", () => {
  it('reads psr as the mode, flags, masks and instruction set the oops spells out', () => {
    const model = analyze(readFileSync(join(__dirname, '../corpus/arm32/02-null.console.crashlog'), 'utf8'));
    const card = hoverOn(model, '60000013', 0, (l) => l.includes('psr:'));
    assert.match(card, /CPSR: status bits, not an address/);
    assert.match(card, /- SVC_32: kernel mode \(supervisor\)\n- condition flags nZCv\n- IRQs on, FIQs on\n- ISA ARM/);
  });
});

describe("hover: ppc64's DSISR", () => {
  // A PowerNV oops of github.com/open-power/skiboot/issues/194 (4.15), unedited.
  const model = analyze(
    [
      '[  218.533737] Unable to handle kernel paging request for data at address 0x00000000',
      '[  218.533821] Faulting instruction address: 0xc000000000353484',
      '[  218.533879] Oops: Kernel access of bad area, sig: 11 [#1]',
      '[  218.533917] LE SMP NR_CPUS=2048 NUMA PowerNV',
      '[  218.534369] NIP:  c000000000353484 LR: c00000000033720c CTR: c00000000032d280',
      '[  218.534436] REGS: c000003fdce376f0 TRAP: 0300   Not tainted  (4.15.0-33-generic)',
      '[  218.534491] MSR:  9000000000009033 <SF,HV,EE,ME,IR,DR,RI,LE>  CR: 24002828  XER: 20040000',
      '[  218.534552] CFAR: c000000000337208 DAR: 0000000000000000 DSISR: 40000000 SOFTE: 1',
    ].join('\n'),
  );

  it('reads the data access fault status: no translation, a load', () => {
    const card = hoverOn(model, '40000000', 0, (l) => l.includes('DSISR'));
    assert.match(card, /DSISR: why the data access faulted, not an address/);
    assert.match(card, /- NOHPTE: no translation for the address/);
    assert.match(card, /- ISSTORE clear: the access was a load/);
  });
});

describe("hover: LoongArch's CSRs", () => {
  // The oops's own decode stands beside each value: the card must say the same.
  const model = analyze(readFileSync(join(__dirname, '..', 'corpus', 'loongarch64', '01-i8042.console.crashlog'), 'utf8'));

  it('reads CRMD as `PLV0 -IE -DA +PG DACF=CC DACM=CC -WE`', () => {
    const card = hoverOn(model, '000000b0', 0, (l) => l.includes(' CRMD: '));
    assert.match(card, /CRMD \(current mode\): status bits, not an address/);
    assert.match(
      card,
      /- privilege PLV0 \(kernel\)\n- -IE \(interrupts disabled\)\n- -DA \+PG \(mapped address translation\)\n- DACF=CC \(coherent cached\), DACM=CC \(coherent cached\)\n- -WE/,
    );
  });

  it('reads ESTAT as `[PIL] (IS= ECode=1 EsubCode=0)`', () => {
    const card = hoverOn(model, '00010000', 0, (l) => l.includes('ESTAT: '));
    assert.match(card, /- ECode 1: PIL: page invalid on a load\n- interrupts pending: none/);
  });

  it('reads EUEN as `-FPE -SXE -ASXE -BTE`', () => {
    const card = hoverOn(model, '00000000', 0, (l) => l.includes(' EUEN: '));
    assert.match(card, /- -FPE floating point\n- -SXE LSX/);
  });
});
