// memory-conflict on real dump lines: an error only for two values inside one dump, information
// between dumps, every earlier read compared whatever width was read first, and linear in reads.
import { strict as assert } from 'assert';
import { diagnose, type ActionableDiagnostic } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';

function conflicts(lines: readonly string[]): ActionableDiagnostic[] {
  return diagnose(analyze(lines.join('\n')), { unwinder: null }).diagnostics.filter((d) => d.code === 'memory-conflict');
}

/** Each finding as [0-based line, severity, 0-based line of the read it contradicts]. */
function summary(found: readonly ActionableDiagnostic[]): [number, string, number][] {
  return found.map((d) => [d.range.start.line, d.severity, d.related[0].range.start.line]);
}

// An arm64 Android watchdog note: the frame record at x29 and the words above it.
const ARM64_RD = [
  'crash> rd -x 0xffffffc0427f33b0 0x40',
  'ffffffc0427f33b0:  ffffffc0427f33e0 ffffffc008fb9754',
  'ffffffc0427f33c0:  00000000000006ea 00000000000005c4',
  'ffffffc0427f33d0:  00000000000004ec ffffffffffffd8f1',
  'ffffffc0427f33e0:  ffffffc0427f3460 ffffffc001343890',
];

// One i386 stack read at every width crash offers (test/corpus/i386/01-warning.formats.crashlog).
const I386_WIDTHS = [
  'crash> rd -8 c2cd1cc0 16',
  'c2cd1cc0:  56 00 00 00 11 91 81 e0 00 00 00 00 92 a0 81 e0   V...............',
  'crash> rd -16 c2cd1cc0 8',
  'c2cd1cc0:  0056 0000 9111 e081 0000 0000 a092 e081   V...............',
  'crash> rd -32 c2cd1cc0 4',
  'c2cd1cc0:  00000056 e0819111 00000000 e081a092   V...............',
  'crash> rd -64 c2cd1cc0 2',
  'c2cd1cc0:  e081911100000056 e081a09200000000   V...............',
];

describe('diagnostics: memory-conflict', () => {
  it('two values at one address inside one dump are an error', () => {
    const found = conflicts([...ARM64_RD.slice(0, 2), 'ffffffc0427f33b0:  ffffffc0427f33e1 ffffffc008fb9754']);
    assert.deepEqual(summary(found), [[2, 'error', 1]]);
    assert.match(found[0].message, /one dump cannot show two values/);
  });

  it('a read is compared with every earlier read of its dump, not only the first', () => {
    // The third line repeats the first value: it agrees with line 1 but not with line 2.
    const found = conflicts([
      ...ARM64_RD.slice(0, 2),
      'ffffffc0427f33b0:  ffffffc0427f33e1 ffffffc008fb9754',
      'ffffffc0427f33b0:  ffffffc0427f33e0 ffffffc008fb9754',
    ]);
    assert.deepEqual(summary(found), [
      [2, 'error', 1],
      [3, 'error', 2],
    ]);
  });

  it('separate commands showing other values (a live counter, hex then decimal) are information', () => {
    // crash's help page for rd: jiffies read twice on a live system, the second time in decimal.
    const lines = [
      '    crash> rd jiffies',
      '    c0213ae0:  0008cc3a                              :...',
      '',
      '    crash> rd -d jiffies',
      '    c0213ae0:        577376',
    ];
    const found = conflicts(lines);
    assert.deepEqual(summary(found), [[4, 'info', 1]]);
    // The range is the decimal as printed; the message names its hex (0x8cf60 = 577376, not 0x8cc3a).
    assert.equal(found[0].range.start.character, lines[4].indexOf('577376'));
    assert.match(found[0].message, /577376 \(0x8cf60\)/);
    // The same value in decimal agrees with its hex.
    assert.deepEqual(conflicts([...lines.slice(0, 4), '    c0213ae0:        576570']), []);
  });

  it('a change is caught whatever width was read at the address first', () => {
    // rd -8 read c2cd1cc0 first; the two 32-bit reads of it disagree (a live system: info).
    const later = ['crash> rd -32 c2cd1cc0 4', 'c2cd1cc0:  00000057 e0819111 00000000 e081a092   W...............'];
    const found = conflicts([...I386_WIDTHS, ...later]);
    assert.deepEqual(summary(found), [[9, 'info', 5]]);
    assert.match(found[0].message, /c2cd1cc0 holds 00000057 here but 00000056 on line 6/);
    // Reads of one value at every width agree with each other.
    assert.deepEqual(conflicts(I386_WIDTHS), []);
  });

  it('dumps a person pasted apart under one prompt (a note, a blank line between) are separate readings', () => {
    const second = 'ffffffc0427f33c0:  00000000000006eb 00000000000005c4';
    const withNote = [...ARM64_RD, '  The same words after the watchdog fired again:', second];
    assert.deepEqual(summary(conflicts(withNote)), [[6, 'info', 2]]);
    const withBlank = [...ARM64_RD, '', second];
    assert.deepEqual(summary(conflicts(withBlank)), [[6, 'info', 2]]);
  });

  it('bt -f words and a later rd of the same slots agree: nothing to report', () => {
    // x86_64 bt -f of a BUG (the corpus's crash-x86_64/01-BUG.crashlog), then rd of two of its slots.
    const found = conflicts([
      'crash> bt -f',
      'PID: 105      TASK: ffff8c604252c200  CPU: 0    COMMAND: "sh"',
      ' #0 [ffffd45d40403a88] panic at ffffffff89001e27',
      '    ffffd45d40403a90: 0000000000000008 ffffd45d40403b10 ',
      '    ffffd45d40403b20: 0000000000000002 ffffffff88632935 ',
      ' #1 [ffffd45d40403b28] do_trap at ffffffff88632935',
      '    ffffd45d40403b30: ffffffffc02f2625 ffffffff89933d77 ',
      'crash> rd -x ffffd45d40403b20 2',
      'ffffd45d40403b20:  0000000000000002 ffffffff88632935',
    ]);
    assert.deepEqual(found, []);
  });

  it('an address read in thousands of commands costs time linear in its reads', function () {
    this.timeout(20000);
    // A counter read 20000 times, each time one more: every change is information, none an error.
    const reads = 20000;
    const lines: string[] = [];
    for (let k = 0; k < reads; k++) {
      lines.push(
        'crash> rd jiffies',
        `c0213ae0:  ${(0x8cc3a + k).toString(16).padStart(8, '0')}                              :...`,
      );
    }
    const model = analyze(lines.join('\n'));
    const started = performance.now();
    const found = diagnose(model, { unwinder: null }).diagnostics.filter((d) => d.code === 'memory-conflict');
    const elapsed = performance.now() - started;
    assert.equal(found.length, 500, 'reports stop at 500');
    assert.ok(
      found.every((d) => d.severity === 'info'),
      'separate commands',
    );
    // Comparing each read with all earlier ones took over 40 s here.
    assert.ok(elapsed < 3000, `${elapsed.toFixed(0)} ms`);
  });
});
