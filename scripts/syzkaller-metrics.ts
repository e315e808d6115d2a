// Prints how the console-report parser does on the syzkaller corpus (../shared/corpus/syzkaller).
// Run: npx tsx scripts/syzkaller-metrics.ts [--list]
import { hasShared } from '../test/support/corpus';
import { measureSyzkaller } from '../test/support/syzkallerMetrics';

if (!hasShared) {
  console.error('../shared/corpus not found beside the repository');
  process.exit(1);
}
const m = measureSyzkaller();
const percent = (part: number, whole: number): string => (whole ? ((100 * part) / whole).toFixed(1) : '0.0') + '%';
console.log(`logs:                        ${m.logs}`);
console.log(`exceptions:                  ${m.exceptions.length}`);
console.log(`logs with TITLE and a report: ${m.titledWithReport}/${m.titled} (${percent(m.titledWithReport, m.titled)})`);
console.log(
  `title FUNC among frames/header functions: ${m.functionFound}/${m.functionLogs} (${percent(m.functionFound, m.functionLogs)})`,
);
console.log(
  `damaged vs CORRUPTED: Y:     precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)} ` +
    `(tp ${m.truePositives}, fp ${m.falsePositives.length}, fn ${m.falseNegatives.length})`,
);
console.log(`title equals TITLE or an ALT:  ${m.titleMatches}/${m.titled} (${percent(m.titleMatches, m.titled)})`);
const byKind = new Map<string, typeof m.titleDifferences>();
for (const d of m.titleDifferences) byKind.set(d.kind, [...(byKind.get(d.kind) ?? []), d]);
for (const [kind, list] of [...byKind].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${kind}: ${list.length}`);
  for (const d of list) console.log(`    ${d.name}: ${JSON.stringify(d.actual)} (syzkaller: ${JSON.stringify(d.expected)})`);
}
if (process.argv.includes('--list')) {
  console.log(`exceptions: ${m.exceptions.join('; ')}`);
  console.log(`titled without report: ${m.titledWithoutReport.join(' ')}`);
  console.log(`FUNC missed: ${m.functionMissed.join(', ')}`);
  console.log(`false positives: ${m.falsePositives.join(' ')}`);
  console.log(`false negatives: ${m.falseNegatives.join(' ')}`);
}
