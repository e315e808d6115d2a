// A person's sentence between a command's output and the next prompt, as mails and commit messages
// have them: prose, not the command's output. Output lines of every known format stay output.
import { strict as assert } from 'assert';
import { LineKind } from '../../server/src/analysis/lineKinds';
import { analyze } from '../../server/src/analysis/model';
import { isSentence } from '../../server/src/analysis/parse/sentence';

// A crash commit message (ppc64le, `mod -S` and a module's symbol), its author's words between.
const COMMIT = [
  'crash> bt',
  'PID: 35705    TASK: c0000000b0365680  CPU: 16   COMMAND: "lsof"',
  ' [NIP  : ovl_revalidate_real+40]',
  ' [LR   : ovl_dentry_revalidate_common+136]',
  ' #4 [c0000000394df9c0] ovl_revalidate_real at c00800001ce82040 [overlay]',
  ' #5 [c0000000394dfa00] walk_component at c0000000005c914c',
  'From the stack, I do not think that it is related:',
  'crash> sym c00800001ce82040',
  'c00800001ce82040 (t) ovl_revalidate_real+40 [overlay]',
  'As a result, the following instruction triggered the panic:',
];

describe("a person's sentences between crash's output", () => {
  it('reads them as prose, and the output around them as output', () => {
    const model = analyze(COMMIT.join('\n'));
    const prose = COMMIT.filter((_, i) => model.lineKinds[i] === LineKind.Prose);
    assert.deepEqual(prose, [COMMIT[6], COMMIT[9]]);
    assert.equal(model.backtraces[0].frames.length, 2);
  });

  it('tells a sentence from output lines of crash', () => {
    for (const line of [
      'From the stack, I do not think that it is related:',
      'The list seems to be empty. And the same is the case for the other inode:',
      'So this is where it went wrong',
    ])
      assert.ok(isSentence(line), line);
    for (const line of [
      '  [208] struct rcu_work destroy_rwork;',
      'CACHE             OBJSIZE  ALLOCATED     TOTAL  SLABS  SSIZE  NAME',
      '  FREE / [ALLOCATED]',
      '    /usr/src/debug/kernel/mm/slub.c: 3216',
      'kmem: invalid address, not in any cache',
      '  cgroups = 0xffff90460d67b9c0,',
      'ffffffff81000000 (T) _text',
      'PANIC: "Kernel panic - not syncing: Hard LOCKUP"',
    ])
      assert.ok(!isSentence(line), line);
  });
});
