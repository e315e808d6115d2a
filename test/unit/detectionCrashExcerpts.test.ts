// The architecture of a crash session excerpt that shows few addresses, from the lines only one
// architecture's crash prints. Excerpts of crash's commit messages (github.com/crash-utility/crash), unedited.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';

describe('architecture of crash excerpts with few addresses', () => {
  it("says s390x of a bt -f by the CPU's `LOWCORE INFO:` block", () => {
    // Commit 5218919, "s390x: Fix \"bt -f/-F\" command fail with seek error".
    const model = analyze(
      [
        '',
        '  crash> bt -f',
        '  PID: 3359     TASK: 28b01a09400       CPU: 0    COMMAND: "runtest.sh"',
        '   LOWCORE INFO:',
        '    ...',
        '    -general registers:',
        '       0x0000000034dd9140 0x0000039600000002',
        '       0x00000396cad7dfa0 0x0000028b03ba5000',
        '    ...',
        '      0000028c6e9fffd8:  0000000000000000 0000000000000000',
        '      0000028c6e9fffe8:  0000000000000000 0000000000000000',
        '      0000028c6e9ffff8:  0000000000000000bt: seek error: kernel virtual',
      ].join('\n'),
    );
    assert.equal(model.archDetected, 's390x');
  });

  it("reads mips64's bt -f by its task and stack in XKPHYS (`9800…`), which no other architecture uses", () => {
    // Commit e9f7cdf, "MIPS64: Add 'bt -f' command support".
    const model = analyze(
      [
        'PID: 4768   TASK: 9800000243bcf200  CPU: 3   COMMAND: "bash"',
        ' #0 [980000024291f930] __crash_kexec at ffffffff802fff84',
        '    [PC: ffffffff802fff84 RA: ffffffff80248cac SP: 980000024291f930 SIZE: 368]',
        '    980000024291f930: ffffffff81239060 ffffffff802a9944',
        '    980000024291f940: 0000000000000001 9800000254f3c400',
        '...',
        '',
      ].join('\n'),
    );
    assert.equal(model.archUnmodelled, 'mips64');
  });
});
