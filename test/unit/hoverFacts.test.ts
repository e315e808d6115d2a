import { strict as assert } from 'assert';
import { hoverContext } from '../../server/src/analysis/hover/context';
import { HOVER_FACTS } from '../../server/src/analysis/hover/facts';
import { analyze, Model } from '../../server/src/analysis/model';
import { at } from '../support/caret';
import { readFileSync } from 'fs';
import { join } from 'path';
import { example } from '../support/corpus';

interface FactCase {
  /** A file of examples/, or `corpus/ARCH/FILE` of test/corpus. */
  example: string;
  /** A transcript to hover on instead of the example. */
  text?: string;
  needle: string;
  /** Picks the line the needle is searched on. */
  line?: (line: string) => boolean;
}

// One hover on a machine-output transcript where each registered fact speaks.
// Keyed by fact id: a fact registered without a case here fails the suite.
const CASES: Record<string, FactCase> = {
  'address-heading': {
    example: 'arm64-seed002.crashlog',
    needle: 'ffffffc0427f33b0',
    line: (l) => l.startsWith('ffffffc0427f33b0:'),
  },
  'value-heading': { example: 'x86_64-seed000.crashlog', needle: 'ffffffffc07258b3' },
  'dumped-symbol': {
    example: 'corpus/arm32/02-null.crashlog',
    needle: 'delay_timer',
    line: (l) => l.startsWith('    e08f5d38:'),
  },
  'error-number': {
    example: 'console: a boot that found no root device (github.com/Ultramarine-Linux/bootc/issues/4)',
    text: '[    0.981116] VFS: Cannot open root device "UUID=96991ead-b3b0-48ef-a347-f8c3c0f86bf1" or unknown-block(0,0): error -6',
    needle: '-6',
  },
  'status-bits': { example: 'corpus/s390x/01-warning.console.crashlog', needle: '0704c00180000000' },
  'pointer-authentication': {
    example: 'crash: an Android GKI ramdump, return addresses signed by pointer authentication',
    text: [
      'crash> bt -f',
      'PID: 16930    TASK: ffffff89b3eada00  CPU: 2    COMMAND: "Firebase Backgr"',
      ' #0 [ffffffc034c437f0] __switch_to at ffffffe0036832d4',
      '    ffffffc034c437f0: ffffffc034c43850 6be732e004cf05a4',
      '    ffffffc034c43800: ffffffe006186108 a0ed07e004cf09c4',
      '    x29: ffffffc034c43850 x28: ffffff89b3eada00',
    ].join('\n'),
    needle: '6be732e004cf05a4',
  },
  'exception-frame-field': {
    example: 'corpus/x86_64/01-null.formats.crashlog',
    needle: 'ffffffffffffffff',
    line: (l) => l.startsWith('    ffffcd72c062fd68:'),
  },
  'saved-registers-pointer': {
    example: 'corpus/x86_64/01-null.formats.crashlog',
    needle: 'ffffcd72c062fcf8',
    line: (l) => l.startsWith('    ffffcd72c062fc00:'),
  },
  'bt-frame-address': { example: 'corpus/arm64/05-irq.crashlog', needle: 'ffff800008c8c23c', line: (l) => l.startsWith(' #0 ') },
  'bt-return-slot': {
    example: 'corpus/x86_64/01-null.formats.crashlog',
    needle: 'ffffffff91287329',
    line: (l) => l.includes('ffffcd72c062fc40:'),
  },
  'return-address': { example: 'x86_64-seed000.crashlog', needle: 'ffffffffc07258b3' },
  'stack-slot': { example: 'x86_64-seed000.crashlog', needle: 'ffffa269e37dbcf8', line: (l) => l.includes('ffffa269e37dbce0:') },
  'slab-object': { example: 'arm64-seed001.crashlog', needle: 'ffff00ff862fc148' },
  'past-stack-bottom': {
    example: "crash: riscv64's bt of an overflowed stack (commit a694962 of github.com/crash-utility/crash)",
    text: [
      '  crash> bt',
      '  PID: 1        TASK: ff600000000d8000  CPU: 1    COMMAND: "sh"',
      '   #0 [ff6000001fc501c0] riscv_crash_save_regs at ffffffff8000a1dc',
      '   status: 0000000200000120 badaddr: ff2000000000fd58',
      '  --- <OVERFLOW stack> ---',
      '   #3 [ff2000000000fd50] memset at ffffffff80876a34',
      '   #4 [ff20000000010190] recursive_loop at ffffffff80563e16',
      '   #5 [ff200000000105d0] recursive_loop at ffffffff80563e16',
    ].join('\n'),
    needle: 'ff2000000000fd58',
  },
  'unnamed-frame': {
    example: 'console: an arm64 trace without symbols',
    text: [
      'Internal error: Oops: 0000000096000004 [#1] SMP',
      'Call trace:',
      ' 0xffffffc00818ff8c',
      ' 0xffffffc000c81e2c [netatop@000000006b7888f1+0x12000]',
    ].join('\n'),
    needle: 'ffffffc000c81e2c',
  },
  'struct-member': {
    example: 'crash: struct -o of an object, then a stack word pointing into it',
    text: [
      'crash> struct -o sock ffff888105a2c000',
      'struct sock {',
      '  [ffff888105a2c000] struct sock_common __sk_common;',
      '  [ffff888105a2c108] struct sk_buff_head sk_receive_queue;',
      '}',
      'crash> rd ffffc90000e1fd00',
      'ffffc90000e1fd00:  ffff888105a2c108                      ........',
    ].join('\n'),
    needle: 'ffff888105a2c108',
    line: (l) => l.startsWith('ffffc90000e1fd00:'),
  },
  'memory-holds': {
    example: 'arm64-seed002.crashlog',
    needle: 'ffffffc0427f33b0',
    line: (l) => l.startsWith('ffffffc0427f33b0:'),
  },
  'stack-canary': { example: 'corpus/x86_64/01-null.formats.crashlog', needle: '1db6e46088c7cb00' },
  'task-struct': { example: 'arm64-seed002.crashlog', needle: 'x27', line: (l) => l.includes('x27: ffffff8') },
  'frame-role': { example: 'arm64-seed002.crashlog', needle: 'ffffffc0427f33e0', line: (l) => l.startsWith('ffffffc0427f33b0:') },
  'value-readings': { example: 'arm64-seed001.crashlog', needle: '00000000fffffd00' },
  occurrences: { example: 'arm64-seed001.crashlog', needle: 'ffff80001418fc10' },
  'register-note': { example: 'arm64-seed001.crashlog', needle: 'x25', line: (l) => l.includes('x25: ffff00ff862fc148') },
  // r15, the last of s390x's `Krnl GPRS:` values, named by position.
  'row-register': {
    example: 'corpus/s390x/02-null.console.crashlog',
    needle: '0000037ffff4f8a8',
    line: (l) => l.includes('000003fffa9798b0'),
  },
  'symbol-offset': { example: 'arm64-seed001.crashlog', needle: 'inet_sock_destruct+0x158/0x188' },
  'operand-offset': { example: 'arm64-seed001.crashlog', needle: '[x19,#248]' },
  'function-name': { example: 'x86_64-seed000.crashlog', needle: 'kmem_alloc', line: (l) => l.startsWith(' #8 ') },
  'slab-cache-name': {
    example: 'corpus/x86_64/01-null.formats.crashlog',
    needle: 'dentry',
    line: (l) => l.startsWith('    ffffcd72c062fd08: [ffff8b4ec2052e40:dentry]'),
  },
  'console-frame': {
    example: 'console: a KASAN report with its free stack',
    text: [
      'BUG: KASAN: use-after-free in cc_do_read+0x10/0x20 [corpus_crash]',
      'Call Trace:',
      ' cc_do_read+0x10/0x20 [corpus_crash]',
      'Freed by task 8:',
      ' kfree+0x80/0x100',
      ' cc_release+0x18/0x30 [corpus_crash]',
    ].join('\n'),
    needle: 'cc_release',
  },
};

const CASES_TEXT = new Map(Object.values(CASES).flatMap((c) => (c.text !== undefined ? [[c.example, c.text]] : [])));

describe('hover facts registry', () => {
  const models = new Map<string, Model>();
  const modelOf = (name: string) => {
    let model = models.get(name);
    const text =
      CASES_TEXT.get(name) ?? (name.startsWith('corpus/') ? readFileSync(join(__dirname, '..', name), 'utf8') : example(name));
    if (!model) models.set(name, (model = analyze(text)));
    return model;
  };

  it('has unique fact ids', () => {
    const ids = HOVER_FACTS.map((fact) => fact.id);
    assert.deepEqual([...new Set(ids)], ids);
  });

  for (const fact of HOVER_FACTS) {
    it(`${fact.id} contributes to a card`, () => {
      const known = CASES[fact.id];
      assert.ok(known, `no case for the hover fact ${fact.id}`);
      const model = modelOf(known.example);
      const { line, character } = at(model.lines, known.needle, { line: known.line, offset: 1 });
      const context = hoverContext(model, line, character);
      assert.ok(context, `no word under ${known.needle}`);
      assert.notEqual(fact.describe(context), undefined);
    });
  }

  it('every case names a registered fact', () => {
    const ids = new Set(HOVER_FACTS.map((fact) => fact.id));
    assert.deepEqual(
      Object.keys(CASES).filter((id) => !ids.has(id)),
      [],
    );
  });
});
