// Our own consoles of every architecture reshaped as people paste them must read as they were
// printed: joined onto one line by a web page that took the line breaks out (each record still
// led by its stamp), printk timestamps trimmed by hand to whole seconds.
import { strict as assert } from 'assert';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { analyze } from '../../server/src/analysis/model';
import { consolePrefixLength } from '../../server/src/analysis/parse/console';
import { MAX_LINE_LENGTH } from '../../server/src/analysis/lines';
import { joinedRecordStarts } from '../../server/src/analysis/parse/console/joined';
import { summarize } from '../../server/src/analysis/summary';
import { familyOf } from '../../server/src/analysis/triage/families';
import { repoConsoles } from '../support/corpus';

/** The log as a web page shows it: line breaks and runs of blanks folded into one blank. */
function joined(text: string, lead = ''): string {
  return (
    lead +
    text
      .replace(/\r/g, '')
      .split('\n')
      .join(' ')
      .replace(/[ \t]+/g, ' ')
  );
}

/** What a person triaging reads of each report, and its frames. */
function reading(text: string): string[] {
  return summarize(analyze(text)).reports.map((r) =>
    [
      r.kind,
      r.title,
      r.function,
      r.module,
      r.signature,
      r.damage.join('; '),
      ...r.frames.map(
        (f) => `${f.unreliable ? '? ' : ''}${f.context ?? ''} ${f.function}+${f.offset}/${f.size} [${f.module ?? ''}]`,
      ),
    ].join('\n'),
  );
}

/** The findings, without where they are. */
function findings(text: string): string[] {
  return diagnose(analyze(text))
    .diagnostics.map((d) => `${d.severity} [${d.code}] ${d.message}`)
    .sort();
}

describe('console logs joined onto one line', () => {
  it('reads every record of our consoles of each architecture as the lines they were', () => {
    const all = repoConsoles();
    assert.ok(all.length >= 20, `${all.length} consoles`);
    for (const { name, text } of all) {
      const line = joined(text, 'This is what the console printed: ');
      const expected = reading(text);
      assert.ok(expected.length > 0, name);
      assert.deepEqual(reading(line), expected, name);
      assert.equal(summarize(analyze(line)).arch, summarize(analyze(text)).arch, name);
      assert.deepEqual(findings(line), findings(text), name);
    }
  });

  it('reads several consoles joined onto one line as they were printed, one after the other', () => {
    const all = repoConsoles();
    const twice = all.map(({ name, text }) => ({ name, text: [text, text].join('\n') }));
    // A panic's trailer (`---[ end Kernel panic - not syncing: ... ]---`) repeats its title: the next panic starts after it.
    const thrice = all
      .filter((c) => ['arm64/05-irq.console.crashlog', 'riscv64/02-null.console.crashlog'].includes(c.name))
      .map(({ name, text }) => ({ name, text: [text, text, text].join('\n') }));
    assert.equal(thrice.length, 2);
    for (const { name, text } of [...twice, ...thrice]) {
      const expected = reading(text);
      assert.deepEqual(reading(joined(text)), expected, name);
      assert.deepEqual(findings(joined(text)), findings(text), name);
    }
  });

  it('leaves a joined line too long to parse whole, as the parser does (triage cuts no records from it)', () => {
    const text = repoConsoles().find((c) => c.name === 'arm64/05-irq.console.crashlog')!.text;
    let line = joined(text);
    while (line.length <= MAX_LINE_LENGTH) line = `${line} ${joined(text)}`;
    assert.equal(joinedRecordStarts(line), undefined);
    const model = analyze(line);
    assert.deepEqual(summarize(model).reports, []);
    // One damage, for the whole line, where records past the limit were each damaged before.
    assert.deepEqual(
      model.damage.map((d) => [d.line, d.reason]),
      [[0, `line of ${line.length} characters left unparsed`]],
    );
  });

  it('cuts at system log stamps too, with or without a printk timestamp after them', () => {
    const text = repoConsoles().find((c) => c.name === 'riscv64/02-null.console.crashlog')!.text;
    const lines = text
      .replace(/\r/g, '')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const expected = reading(text);
    const syslog = lines.map((l) => `Nov 22 01:07:26 host kernel: ${l}`).join(' ');
    assert.deepEqual(reading(syslog), expected);
    const bare = lines.map((l) => `Nov 22 01:07:26 host kernel: ${l.replace(/^\[\s*\d+\.\d+\] /, '')}`).join(' ');
    assert.deepEqual(reading(bare), expected);
  });

  it('leaves lines with fewer than three stamps whole (one CPU running into another)', () => {
    assert.equal(
      joinedRecordStarts(
        '[   12.345678] BUG: unable to handle page fault for address: ffffffffffffffe8 [   12.345679] #PF: supervisor read access in kernel mode',
      ),
      undefined,
    );
    const three = 'a [ 1.000000] BUG: kernel NULL pointer dereference [ 1.000001] #PF: supervisor read access [ 0.5] Oops: 0000';
    assert.deepEqual(joinedRecordStarts(three), [2, 51, 91]);
    // Shorter lines are not tried.
    assert.equal(joinedRecordStarts('a [ 1.000000] x [ 1.000001] y [ 0.5] z'), undefined);
  });
});

describe('console timestamps trimmed by hand', () => {
  it('reads our consoles of each architecture with `[  240.]` stamps as printed', () => {
    for (const { name, text } of repoConsoles()) {
      const trimmed = text.replace(/^\[(\s*\d+\.)\d+\]/gm, '[$1]');
      assert.notEqual(trimmed, text, name);
      assert.deepEqual(reading(trimmed), reading(text), name);
      assert.deepEqual(findings(trimmed), findings(text), name);
    }
  });

  it('cuts a login prompt before a trimmed stamp (`syzkaller login: [  240.] BUG: ...`)', () => {
    for (const { name, text } of repoConsoles()) {
      const lines = text.split('\n');
      const header = lines.findIndex((l) => familyOf(l.slice(consolePrefixLength(l))));
      assert.ok(header >= 0, name);
      const login = lines.map((l, i) => (i === header ? `syzkaller login: ${l}` : l)).join('\n');
      const trimmed = login.replace(/^(syzkaller login: )?\[(\s*\d+\.)\d+\]/gm, '$1[$2]');
      assert.deepEqual(reading(trimmed), reading(login), name);
    }
  });
});
