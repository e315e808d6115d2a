// Prints, for every dump (../shared/corpus/crash-* and test/corpus/<arch>/) and every place a
// person would start (the report's registers, the first word of a stack dump, each `bt -f`
// frame), how many of the frames crash finds the walk reproduces in order (issue 12).
// Run: npx tsx scripts/unwind-metrics.ts [--missed]
import { allDumps, measureDump, percent } from '../test/support/unwindMetrics';

const showMissed = process.argv.includes('--missed');
const rows: string[][] = [['dump', 'arch', 'start', 'from', 'frames', 'reproduced', 'stopped']];
let expected = 0;
let reproduced = 0;
for (const dump of allDumps()) {
  const figures = measureDump(dump);
  if (!figures.arch) {
    rows.push([dump.name, '-', '-', 'not modelled', '', '', '']);
    continue;
  }
  for (const start of figures.starts) {
    expected += start.expected;
    reproduced += start.reproduced;
    rows.push([
      dump.name,
      figures.arch,
      start.kind,
      start.label,
      `${start.reproduced}/${start.expected}`,
      percent(start.reproduced, start.expected),
      start.stop.length > 60 ? start.stop.slice(0, 57) + '...' : start.stop,
    ]);
    if (showMissed && start.missed.length > 0) rows.push(['', '', '', '  missed: ' + start.missed.join(', '), '', '', '']);
  }
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const row of rows)
  console.log(
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
console.log(`\nall starts: ${reproduced}/${expected} frames (${percent(reproduced, expected)})`);
