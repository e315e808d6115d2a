// The stacks a console report prints besides its own call trace (KASAN/KFENCE allocation and
// free stacks, lockdep's dependency chain, NMI backtraces of every CPU) are trace sections of
// their own: their frames are labelled with the heading and kept out of comparisons with the
// report's trace.
import { strict as assert } from 'assert';
import { diagnose } from '../../server/src/analysis/diagnostics';
import { Evidence } from '../../server/src/analysis/diagnostics/evidence';
import { hoverContext } from '../../server/src/analysis/hover/context';
import { consoleFrame } from '../../server/src/analysis/hover/facts/consoleFrame';
import { analyze } from '../../server/src/analysis/model';
import { consolePrefixLength, isLiveStack } from '../../server/src/analysis/parse/console';
import { crashDumps, hasShared, syzkallerReports } from '../support/corpus';

// Headings as a reader spots them, each with the section name its frames should carry ('' for the report's own trace).
const HEADINGS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(Allocated by task \d+|Freed by task \d+|Last potentially related work creation):$/, (m) => m[1]],
  [/^(-> #\d+ \(.*\)\S*):$/, (m) => m[1]],
  [/^(NMI backtrace for cpu \d+)$/, (m) => m[1]],
  [/^stack backtrace:$/, () => ''],
];
// Lines that end what a heading above them announces, for a reader.
const OTHER_HEADING = /^(?:\S.*:$|BUG: |WARNING: |INFO: |Kernel panic)/;

function body(line: string): string {
  const text = line.replace(/\r$/, '');
  return text.slice(consolePrefixLength(text)).trimEnd();
}

/** The section a reader gives the frame on line `at`: the nearest heading above it in the report. */
function expectedSection(lines: string[], from: number, at: number): string | undefined {
  for (let i = at - 1; i >= from; i--) {
    const text = body(lines[i]).trimStart();
    for (const [re, name] of HEADINGS) {
      const m = re.exec(text);
      if (m) return name(m);
    }
    if (text === 'Call Trace:' || text === 'Call trace:') continue;
    if (OTHER_HEADING.test(text)) return undefined;
  }
  return '';
}

describe('console trace sections', () => {
  (hasShared ? it : it.skip)(
    'labels the frames of allocation/free stacks, lockdep chains and NMI backtraces in real reports',
    () => {
      const seen = new Map<string, number>();
      for (const { name, log } of syzkallerReports()) {
        const lines = log.split('\n');
        for (const report of analyze(log).reports) {
          for (const frame of report.frames) {
            const expected = expectedSection(lines, report.line, frame.line);
            if (expected === undefined) continue;
            assert.equal(frame.section ?? '', expected, `${name}:${frame.line + 1} ${frame.function}`);
            const family = expected.replace(/ (?:#)?\d+.*$/, '');
            seen.set(family, (seen.get(family) ?? 0) + 1);
          }
        }
      }
      for (const family of ['', 'Allocated by task', 'Freed by task', '->', 'NMI backtrace for cpu'])
        assert.ok((seen.get(family) ?? 0) > 20, `${family || 'own trace'}: ${seen.get(family) ?? 0} frames`);
    },
  );

  (hasShared ? it : it.skip)(
    "keeps the stacks printed before a report's own trace (`Preemption disabled at:`, page_owner's of a bad page) apart, and the `Call Trace:` after them the report's",
    () => {
      let reports = 0;
      for (const { name, log } of syzkallerReports()) {
        if (!/Preemption disabled at:|page last free/.test(log)) continue;
        const lines = log.split('\n');
        for (const report of analyze(log).reports) {
          const heading = lines.findIndex(
            (l, i) => i > report.line && /(?:Preemption disabled at|page last allocated via)/.test(l),
          );
          const trace = report.traceLine;
          if (heading < 0 || trace === undefined || trace < heading || heading > report.endLine) continue;
          if (!/Call [Tt]race:\s*$/.test(lines[trace])) continue;
          const before = report.frames.filter((f) => f.line > heading && f.line < trace);
          const after = report.frames.filter((f) => f.line > trace);
          assert.ok(before.length > 0 && after.length > 0, name);
          assert.ok(
            before.every((f) => f.section !== undefined && !isLiveStack(f.section)),
            `${name}: ${before.map((f) => f.section).join(', ')}`,
          );
          assert.ok(
            // (or of the panic the report caused, a stack running at the time)
            after.every((f) => f.section === undefined || isLiveStack(f.section)),
            `${name}: ${after.map((f) => `${f.line + 1} ${f.section}`).join(', ')}`,
          );
          reports++;
        }
      }
      assert.ok(reports >= 6, `${reports} reports`);
    },
  );

  (hasShared ? it : it.skip)('does not let a free stack vouch for or doubt the frames of crash bt', () => {
    for (const { name, transcript } of crashDumps('x86_64')) {
      const lines = transcript.split('\n');
      const model = analyze(transcript);
      const report = model.reports.find((r) => r.frames.filter((f) => !f.unreliable).length > 3)!;
      const sure = report.frames.filter((f) => !f.unreliable && f.offset !== undefined && f.size !== undefined);
      // The same frames again, doubted, in a free stack printed after the trace.
      const last = Math.max(...report.frames.map((f) => f.line));
      const stamp = lines[last].slice(0, consolePrefixLength(lines[last]));
      const freed = [
        `${stamp}Freed by task 1:`,
        ...sure.map((f) => `${stamp} ? ${f.function}+0x${f.offset!.toString(16)}/0x${f.size!.toString(16)}`),
      ];
      const text = [...lines.slice(0, last + 1), ...freed, ...lines.slice(last + 1)].join('\n');
      const withFreed = analyze(text);
      const evidence = new Evidence(withFreed);
      let checked = 0;
      for (const bt of withFreed.backtraces) {
        for (const frame of bt.frames) {
          if (frame.address === undefined) continue;
          const mentions = evidence.consoleMentions(frame.function, frame.address, false);
          assert.ok(
            mentions.every((m) => m.section === undefined || isLiveStack(m.section)),
            `${name}: ${frame.function} mentioned in ${mentions.map((m) => m.section).join(', ')}`,
          );
          checked += mentions.length;
        }
      }
      assert.ok(checked > 0, `${name}: console mentions of bt frames`);
      const codes = (m: typeof model) =>
        diagnose(m)
          .diagnostics.filter((d) => d.code === 'stale-frame' || d.code === 'call-target-mismatch')
          .map((d) => `${d.code} ${d.message}`);
      assert.deepEqual(codes(withFreed), codes(model), name);
      // The free stack's frames are its own section, and the hover says so.
      const copy = withFreed.reports.flatMap((r) => r.frames).find((f) => f.line === last + 2)!;
      assert.equal(copy.section, 'Freed by task 1', name);
      const context = hoverContext(withFreed, copy.line, withFreed.line(copy.line).indexOf(copy.function) + 1)!;
      assert.match(consoleFrame.describe(context) as string, /Freed by task 1.*recorded earlier/, name);
    }
  });
});
