// crash's bt output as it reaches a transcript through mail and notes: lines a mailer wrapped,
// punctuation a person typed after a pasted line, a compiler's note between register rows.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { LineKind } from '../../server/src/analysis/lineKinds';

describe('bt output pasted into mail and notes', () => {
  it('reads a frame a mailer wrapped after its `at` joined with the address on the next line', () => {
    // linux-fsdevel, "[Question] softlockup in __fsnotify_update_child_dentry_flags" (arm64, bt -c 40).
    const text = [
      'crash> bt -c 40',
      'PID: 1      TASK: ffff801faf851f80  CPU: 40  COMMAND: "systemd"',
      '  #3 [ffff000009d5bcb0] el1_irq at ffff000008083474',
      '  #4 [ffff000009d5bcc0] __fsnotify_update_child_dentry_flags at ',
      'ffff00000836c7a4',
      '  #5 [ffff000009d5bd10] __fsnotify_update_child_dentry_flags at ',
      'ffff00000836cb74',
      '  #6 [ffff000009d5bd30] fsnotify_recalc_mask at ffff00000836d910',
      '',
    ].join('\n');
    const model = analyze(text);
    assert.equal(model.backtraces.length, 1);
    const frames = model.backtraces[0].frames;
    assert.deepEqual(
      frames.map((f) => [f.level, f.function, f.address?.toString(16), f.line, Boolean(f.joined)]),
      [
        [3, 'el1_irq', 'ffff000008083474', 2, false],
        [4, '__fsnotify_update_child_dentry_flags', 'ffff00000836c7a4', 3, true],
        [5, '__fsnotify_update_child_dentry_flags', 'ffff00000836cb74', 5, true],
        [6, 'fsnotify_recalc_mask', 'ffff00000836d910', 7, false],
      ],
    );
    assert.equal(model.lineKinds[4], LineKind.BtFrame);
    assert.equal(model.backtraces[0].endLine, 7);
  });

  it('leaves a lone address after a frame that ends in `at` alone when the frame is short (not cut by a wrap)', () => {
    const text = ['crash> bt', '  #0 [ffff000009c9bda0] f at ', 'ffff0000081a280c', ''].join('\n');
    assert.equal(analyze(text).backtraces.length, 0);
  });

  it('reads a frame a person ended with a full stop (the last line of a trace pasted into a sentence)', () => {
    // "[PATCH 1/2] PCI/IOV: Add missing PCI rescan-remove locking ..." (s390x, amended bt).
    const text = [
      ' #8 [3800313fe10] kthread at c90feb390',
      ' #9 [3800313fe68] __ret_from_fork at c90f6aa64',
      ' #10 [3800313fe98] ret_from_fork at c9194f3f2.',
      '',
      'This is because in addition to sriov_disable() removing the VFs, the',
    ].join('\n');
    const frames = analyze(text).backtraces[0].frames;
    assert.deepEqual(
      frames.map((f) => [f.level, f.function, f.address?.toString(16)]),
      [
        [8, 'kthread', 'c90feb390'],
        [9, '__ret_from_fork', 'c90f6aa64'],
        [10, 'ret_from_fork', 'c9194f3f2'],
      ],
    );
  });
});
