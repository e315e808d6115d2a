// Console reports as they reach a transcript through mail, bug trackers and test robots: the
// shapes of real pasted reports that were read wrongly.
import { strict as assert } from 'assert';
import { analyze } from '../../server/src/analysis/model';
import { LineKind } from '../../server/src/analysis/lineKinds';

describe('console reports as pasted', () => {
  it('reads the lines of an s390x `Krnl Code:` listing without console prefix as code, not memory', () => {
    // netdev, "[RFC 0/1] net/mlx5: Failing fw tracer allocation on s390".
    const text = [
      '[  331.531819] WARNING: CPU: 7 PID: 2156 at mm/page_alloc.c:4727 __alloc_pages_nodemask+0x25c/0x320',
      '[  331.531844] Krnl Code: 00000000735d7200: a7212000            tmll    %r2,8192',
      '\t\t      00000000735d7204: a774ff87            brc     7,00000000735d7112',
      '\t\t     #00000000735d7208: a7f40001            brc     15,00000000735d720a',
      '\t\t     >00000000735d720c: a7890000            lghi    %r8,0',
      '\t\t      00000000735d7210: a7f4ff83            brc     15,00000000735d7116',
      '\t\t      00000000735d7214: a7180000            lhi     %r1,0',
      '\t\t      00000000735d7218: a7f4ff1b            brc     15,00000000735d704e',
      '\t\t      00000000735d721c: e31003400004        lg      %r1,832',
      '[  331.531851] Call Trace:',
      '[  331.531852] ([<0000000000000201>] 0x201)',
      '[  331.531856]  [<00000000735a20c4>] kmalloc_order+0x34/0xb0',
      '',
    ].join('\n');
    const model = analyze(text);
    assert.equal(model.memory.wordCount, 0);
    assert.deepEqual(
      Array.from(model.lineKinds.slice(1, 10)),
      Array.from({ length: 9 }, () => LineKind.ConsoleLine),
    );
    assert.equal(model.reports.length, 1);
    assert.equal(model.reports[0].frames[0]?.function, 'kmalloc_order');
  });
});
