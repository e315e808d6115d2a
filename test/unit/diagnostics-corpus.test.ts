// Diagnostics over the real corpus (../shared/corpus): crash's stale frames are
// found where the console trace of the same crash doubts them, and nothing else
// on these sound transcripts is flagged.
import { strict as assert } from 'assert';
import { diagnose, type ActionableDiagnostic } from '../../server/src/analysis/diagnostics';
import { analyze, type Model } from '../../server/src/analysis/model';
import { crashDumps, hasShared, syzkallerReports } from '../support/corpus';

/** `func+0xoff` of every console trace frame, split by the kernel's own `?` mark. */
function consoleFrames(console: string): { doubted: Set<string>; confirmed: Set<string> } {
  const doubted = new Set<string>();
  const confirmed = new Set<string>();
  for (const report of analyze(console).reports) {
    for (const f of report.frames) {
      if (f.offset === undefined) continue;
      (f.unreliable ? doubted : confirmed).add(`${f.function}+${f.offset}`);
    }
    for (const r of report.registers) if (r.name === 'RIP' && r.symbol) confirmed.add(`${r.symbol.name}+${r.symbol.offset ?? 0}`);
  }
  return { doubted, confirmed };
}

/** `func+off` of every crash bt frame, by its line, from the function starts the transcript shows. */
function btFrameKeys(model: Model): Map<number, string> {
  const keys = new Map<number, string>();
  for (const bt of model.backtraces) {
    for (const f of bt.frames) {
      const base = model.symbols.get(f.function)?.base;
      if (base !== undefined && f.address !== undefined) keys.set(f.line, `${f.function}+${Number(f.address - base)}`);
    }
  }
  return keys;
}

/** A frame crash's bt leaves out that the console's trace confirms (`asm_sysvec_apic_timer_interrupt` in 06): evidence, not noise. */
function confirmedMissingFrame(d: ActionableDiagnostic, confirmed: Set<string>): boolean {
  const m = /^unwinding the dumped stack finds (\S+) at /.exec(d.message);
  return d.code === 'unwind-disagrees' && m !== null && [...confirmed].some((key) => key.startsWith(m[1] + '+'));
}

function show(d: ActionableDiagnostic): string {
  return `${d.range.start.line + 1}: ${d.severity} [${d.code}] ${d.message}`;
}

(hasShared ? describe : describe.skip)('diagnostics over the crash corpus', () => {
  for (const dump of crashDumps('x86_64')) {
    it(`x86_64 ${dump.name}: every bt frame the console marks ? gets a stale-frame warning; no confirmed frame gets one`, () => {
      const model = analyze(dump.transcript + '\n' + dump.console);
      const diagnostics = diagnose(model).diagnostics;
      const { doubted, confirmed } = consoleFrames(dump.console);
      let stale = 0;
      for (const [line, key] of btFrameKeys(model)) {
        const here = diagnostics.filter(
          (d) => d.range.start.line === line && d.severity !== 'info' && !confirmedMissingFrame(d, confirmed),
        );
        if (confirmed.has(key)) {
          assert.deepEqual(here.map(show), [], `${key} is confirmed by the console`);
        } else if (doubted.has(key)) {
          const warning = here.find((d) => d.code === 'stale-frame');
          assert.ok(warning, `${key} on line ${line + 1} is marked ? by the console`);
          assert.equal(warning.severity, 'warning');
          assert.match(warning.message, /unreliable|stale/);
          stale++;
        }
      }
      assert.ok(stale >= 4, `found ${stale} stale frames`);
    });

    it(`x86_64 ${dump.name}: crash's "possibly bogus" exception frames are recognised`, () => {
      const model = analyze(dump.transcript);
      const diagnostics = diagnose(model).diagnostics;
      const bogus = model.backtraces.flatMap((bt) => bt.exceptionFrames.filter((e) => e.bogus));
      for (const e of bogus) {
        assert.ok(
          diagnostics.some((d) => d.code === 'bogus-exception-frame' && d.range.start.line === e.line),
          `block at line ${e.line + 1}`,
        );
        // Its garbage registers are not evidence of anything else.
        const inside = diagnostics.filter(
          (d) => d.range.start.line >= e.line && d.range.start.line <= e.endLine && d.code !== 'bogus-exception-frame',
        );
        assert.deepEqual(inside.map(show), []);
      }
      if (dump.name.includes('SOFTLOCKUP')) assert.ok(bogus.length > 0, 'the IRQ-stack block of the soft lockup');
    });
  }

  for (const arch of ['x86_64', 'arm64'] as const) {
    for (const dump of crashDumps(arch)) {
      for (const [label, text] of [
        ['alone', dump.transcript],
        ['with its console', dump.transcript + '\n' + dump.console],
      ] as const) {
        it(`${arch} ${dump.name} ${label}: no error, and warnings only where the evidence is`, () => {
          const model = analyze(text);
          const diagnostics = diagnose(model).diagnostics;
          assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map(show), []);
          const { doubted, confirmed } = consoleFrames(dump.console);
          const keys = btFrameKeys(model);
          for (const d of diagnostics.filter((x) => x.severity === 'warning')) {
            if (d.code === 'stale-frame') {
              assert.ok(doubted.has(keys.get(d.range.start.line) ?? ''), `stale frame the console does not doubt: ${show(d)}`);
            } else if (d.code === 'bogus-exception-frame') {
              assert.match(
                model.lines.slice(d.range.start.line, d.range.start.line + 12).join('\n'),
                /possibly bogus exception frame/,
              );
            } else if (!confirmedMissingFrame(d, confirmed)) {
              assert.fail(`unexpected warning ${show(d)}`);
            }
          }
        });
      }
    }
  }
});

(hasShared ? describe : describe.skip)('diagnostics over the syzkaller reports', () => {
  const logs = syzkallerReports().filter((r) => r.title !== undefined);

  it('report-damaged against CORRUPTED: precision >= 0.9 and recall >= 0.7', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const others = new Set(['report-damaged']);
    for (const log of logs) {
      const damaged = diagnose(analyze(log.log), { unwinder: null }).diagnostics.some((d) => others.has(d.code));
      if (damaged && log.corrupted) tp++;
      else if (damaged) fp++;
      else if (log.corrupted) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    assert.ok(precision >= 0.9, `precision ${precision.toFixed(3)}`);
    assert.ok(recall >= 0.7, `recall ${recall.toFixed(3)}`);
  });

  it('no error-severity diagnostic on any syzkaller log, and no rule speaks there but the few that judge one report', () => {
    // Console-only logs: doubted and damaged reports, and a pc outside text (a call through a bad pointer), are real.
    const mayFire = new Set(['unreliable-frame', 'report-damaged', 'not-text']);
    const unexpected: string[] = [];
    for (const log of syzkallerReports()) {
      for (const d of diagnose(analyze(log.log), { unwinder: null }).diagnostics)
        if (d.severity === 'error' || !mayFire.has(d.code)) unexpected.push(`${log.name}:${show(d)}`);
    }
    assert.deepEqual(unexpected, []);
  });
});
