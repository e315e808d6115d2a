// Prints, for every dump (../shared/corpus/crash-* and test/corpus/<arch>/) and every place a
// person would start (the report's registers, the first word of a stack dump, each `bt -f`
// frame), how many of the frames crash finds the walk reproduces in order (issue 12), then one
// line per dump and kind of start, then the frames of crash left out of a start's count and why
// (crash's #0 where the start is a stack word and no dumped word holds the CPU's pc). Architectures the registry does not model print "not modelled".
// Run: npx tsx scripts/unwind-metrics.ts [--missed]
import { allDumps, measureDump, percent, type StartKind } from '../test/support/unwindMetrics';

const showMissed = process.argv.includes('--missed');
const rows: string[][] = [['dump', 'arch', 'start', 'from', 'frames', 'reproduced', 'stopped']];
const summary: string[][] = [['dump', 'arch', 'registers', 'first dumped word', 'bt -f frames']];
const missed: string[] = [];
const excluded: string[] = [];
let expected = 0;
let reproduced = 0;
for (const dump of allDumps()) {
  const figures = measureDump(dump);
  if (!figures.arch) {
    rows.push([dump.name, '-', '-', 'not modelled', '', '', '']);
    summary.push([dump.name, '-', 'not modelled', '', '']);
    continue;
  }
  const byKind = new Map<StartKind, { starts: number; expected: number; reproduced: number }>();
  for (const start of figures.starts) {
    expected += start.expected;
    reproduced += start.reproduced;
    const kind = byKind.get(start.kind) ?? { starts: 0, expected: 0, reproduced: 0 };
    kind.starts++;
    kind.expected += start.expected;
    kind.reproduced += start.reproduced;
    byKind.set(start.kind, kind);
    const stop = start.stop.length > 60 ? start.stop.slice(0, 57) + '...' : start.stop;
    rows.push([
      dump.name,
      figures.arch,
      start.kind,
      start.label,
      `${start.reproduced}/${start.expected}`,
      percent(start.reproduced, start.expected),
      stop,
    ]);
    if (start.missed.length > 0) missed.push(`${dump.name} ${start.label}: ${start.missed.join(', ')}`);
    for (const frame of start.excluded) excluded.push(`${dump.name} ${start.label}: ${frame}`);
  }
  const cell = (kind: StartKind) => {
    const k = byKind.get(kind);
    return k
      ? `${k.reproduced}/${k.expected} (${percent(k.reproduced, k.expected)}, ${k.starts} start${k.starts > 1 ? 's' : ''})`
      : 'none';
  };
  summary.push([dump.name, figures.arch, cell('registers'), cell('first dumped word'), cell('bt -f frame')]);
}

function print(table: string[][]): void {
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  for (const row of table)
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
}

print(rows);
console.log('');
print(summary);
console.log(`\nall starts: ${reproduced}/${expected} frames (${percent(reproduced, expected)})`);
if (excluded.length > 0) console.log('');
for (const line of excluded) console.log(`not counted: ${line}`);
if (showMissed) for (const line of missed) console.log(`missed: ${line}`);
