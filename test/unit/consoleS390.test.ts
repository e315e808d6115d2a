// s390x consoles as other kernels print them, made from our own 02-null dump's console: die()'s
// line names the program check (`Unknown program exception: 0028 [#1]`, 3.x kernels without
// `ilc:`), and `Krnl GPRS:` may lose its printk prefix (it is continued onto the PSW bits' line).
import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyze } from '../../server/src/analysis/model';
import { triageReport } from '../../server/src/analysis/triage';

const CONSOLE = readFileSync(join(__dirname, '../corpus/s390x/02-null.console.crashlog'), 'utf8').split(/\r?\n/);

function frames(text: string): string[] {
  return analyze(text).reports.flatMap((r) => r.frames.map((f) => `${f.function}+${f.offset}`));
}

describe('s390x consoles of other kernels', () => {
  it("opens a report at die()'s line whatever program check it names, with or without ilc", () => {
    const fromDie = CONSOLE.slice(CONSOLE.findIndex((l) => l.includes('Oops: 0004')));
    for (const head of ['Unknown program exception: 0028 [#1] SMP', 'specification exception: 0006 ilc:2 [#1] SMP']) {
      const text = [fromDie[0].replace(/Oops: .*$/, head), ...fromDie.slice(1)].join('\n');
      const model = analyze(text);
      assert.equal(model.reports.length, 1, head);
      assert.equal(model.reports[0].kind, 'oops', head);
      assert.equal(triageReport(model.text, model.reports, 0).function, 'cc_do_null', head);
      assert.deepEqual(frames(text), frames(CONSOLE.join('\n')), head);
    }
  });

  it('reads all sixteen GPRS when the row has no printk prefix and its continuation lines do', () => {
    const text = CONSOLE.map((l) =>
      l.includes('Krnl GPRS:') ? l.replace(/^\[[^\]]*\]/, (stamp) => ' '.repeat(stamp.length)) : l,
    ).join('\n');
    const model = analyze(text);
    assert.equal(model.arch, 's390x');
    const gprs = model.reports[0].registers.filter((r) => /^r\d+$/.test(r.name));
    assert.deepEqual(
      gprs.map((r) => r.name),
      Array.from({ length: 16 }, (_, i) => `r${i}`),
    );
    assert.equal(gprs[15].value, 0x37ffff4f8a8n);
  });
});
