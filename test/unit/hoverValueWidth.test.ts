// What a word's digits can be: a zero-extended 32-bit −errno in a 64-bit word is an int
// (AT_FDCWD is −100), not an ERR_PTR, which is pointer-wide; and on arm64 ASCII bytes or garbage
// that no region of the layout holds are no "kernel address". Lines are machine output from
// public crash sessions, unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { hoverOn } from '../support/hover';

/** Android msm-4.4 (arm64 39-bit, pre-5.4): a compat renameat's user registers and a user buffer. */
const ANDROID_RENAME = [
  'crash64> bt 5200',
  'PID: 5200   TASK: ffffffc091108000  CPU: 0   COMMAND: "Thread-8"',
  ' #0 [ffffffc091b5bc50] __switch_to at ffffff8008085538',
  ' #1 [ffffffc091b5bc80] __schedule at ffffff8008f0ce1c',
  ' #7 [ffffffc091b5bdd0] sys_renameat2 at ffffff80081c070c',
  ' #8 [ffffffc091b5beb0] sys_renameat at ffffff80081c0958',
  ' #9 [ffffffc091b5bed0] el0_svc_naked at ffffff800808462c',
  '     PC: 00000000ffffff9c   LR: 00000000f32ab040   SP: 00000000a0030010',
  '    X29: 0000000000000000  X28: 0000000000000000  X27: 0000000000000000',
  'crash64> rd ffffffc08d01fe40 2',
  'ffffffc08d01fe40:  00000000ffcdc74c 0000080000000800   L...............',
  'crash64> rd 00000000ffcdc74c -e 00000000ffcdc7ac',
  '        ffcdc74c:  656761726f74732f 6574616c756d652f   /storage/emulate',
].join('\n');

/** arm64 5.10 (48-bit, flipped layout) `bt -f`: a string buffer on the IRQ stack. */
const ARM64_510 = [
  'crash> bt -f',
  'PID: 0      TASK: ffff080080d45240  CPU: 17  COMMAND: "swapper/17"',
  ' #0 [ffff080fb99f4300] crash_kexec at ffff80001023f374',
  '    ffff080fb99f4300: ffff080fb99f4330 ffff80001012e528',
  ' #1 [ffff080fb99f4330] die at ffff80001012e524',
  '    ffff080fb99f4390: 0000000000000001 f948ef2100000000',
  '    ffff080fb99f43a0: 30303832359f43e0 3038323520343030',
  ' #2 [ffff080fb99f43e0] die_kernel_fault at ffff800010145518',
].join('\n');

/** x86_64 RHEL 8: a user-mode exception frame's R8. */
const X86_USER_R8 = [
  'crash> bt',
  'PID: 2359   TASK: ff38963f46e65ac0  CPU: 0   COMMAND: "stress"',
  ' #0 [ff41a7a440acfa38] machine_kexec at ffffffff9e6635ce',
  '    RBP: 00007fb13e034010   R8: 00000000ffffffff   R9: 0000000000000000',
].join('\n');

describe('hover: what a value can be by its width and the layout', () => {
  it('a zero-extended 32-bit −100 is an int (AT_FDCWD), not an ERR_PTR', () => {
    const text = hoverOn(analyze(ANDROID_RENAME, { arch: 'arm64' }), '00000000ffffff9c');
    assert.match(text, /as a 32-bit int: -100 \(−ENETDOWN if an error code\); zero-extended to 64 bits, so not an ERR_PTR/);
    assert.doesNotMatch(text, /ERR_PTR \//);
  });

  it('x86_64: a user R8 of 00000000ffffffff is −1 as an int, not ERR_PTR(−EPERM)', () => {
    const text = hoverOn(analyze(X86_USER_R8, { arch: 'x86_64' }), '00000000ffffffff');
    assert.match(text, /as a 32-bit int: -1 /);
    assert.doesNotMatch(text, /ERR_PTR \//);
  });

  it('a 64-bit −errno stays an ERR_PTR', () => {
    const model = analyze('    ORIG_RAX: ffffffffffffffda  CS: 0010  SS: 0018', { arch: 'x86_64' });
    assert.match(hoverOn(model, 'ffffffffffffffda'), /ERR_PTR \/ error code −38 \(ENOSYS\)/);
  });

  it('arm64 39-bit: ASCII of a user buffer and a pair of 32-bit ints are no kernel address', () => {
    const model = analyze(ANDROID_RENAME, { arch: 'arm64' });
    for (const word of ['656761726f74732f', '0000080000000800']) {
      const text = hoverOn(model, word);
      assert.match(text, new RegExp(`^\\*\\*${word}\\*\\* — not an address: no region of the arm64 39-bit`), text);
      assert.doesNotMatch(text, /kernel address/);
    }
    assert.match(hoverOn(model, '656761726f74732f'), /ASCII \(little-endian\): `\/storage`/);
  });

  it('arm64 48-bit: string bytes on a stack and garbage with bit 55 clear are no kernel address', () => {
    const model = analyze(ARM64_510, { arch: 'arm64' });
    for (const word of ['30303832359f43e0', 'f948ef2100000000']) {
      const text = hoverOn(model, word);
      assert.match(text, new RegExp(`^\\*\\*${word}\\*\\* — not an address`), text);
    }
    // A real kernel pointer in the same dump keeps its class.
    assert.doesNotMatch(hoverOn(model, 'ffff80001012e528'), /not an address/);
  });
});

describe('hover: a word just past 2³² on a 64-bit kernel', () => {
  // `rd -s` of a task stack waiting in netdev_wait_allrefs (a public blog post on vlan hung tasks, 6.1):
  // 00000001000cdf18 is the jiffies the loop compares, not an address of a program.
  const model = analyze(
    [
      'ffffc900022e7c98:  ffffc900022e7d00 ffffc900022e7d00',
      'ffffc900022e7ca8:  00000001000cdf18 ffffc900022e7d50',
      'ffffc900022e7cb8:  netdev_run_todo+2220 0000000000000002',
    ].join('\n'),
    { arch: 'x86_64' },
  );

  it('is user space or a count such as jiffies', () => {
    assert.match(
      hoverOn(model, '00000001000cdf18'),
      /— user space, or a count just past 2³² \(a 64-bit kernel's jiffies start at 2³² − 300·HZ\)/,
    );
  });
});
