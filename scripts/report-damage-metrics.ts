// Precision and recall of the `report-damaged` diagnostic against syzkaller's own
// `CORRUPTED: Y` label over ../shared/corpus/syzkaller (logs whose header is empty
// hold no report for syzkaller and are left out).
// Run: npx tsx scripts/report-damage-metrics.ts [--list]
import { diagnose, RULE_CODES } from '../server/src/analysis/diagnostics';
import { analyze } from '../server/src/analysis/model';
import { syzkallerReports } from '../test/support/corpus';

const onlyDamage = new Set(RULE_CODES.filter((c) => c !== 'report-damaged'));
const logs = syzkallerReports().filter((r) => r.title !== undefined);
if (logs.length === 0) {
  process.stderr.write('no syzkaller corpus found beside the repository (../shared/corpus/syzkaller)\n');
  process.exit(2);
}

let truePositive = 0;
let falsePositive = 0;
let falseNegative = 0;
let trueNegative = 0;
const misses: string[] = [];
for (const log of logs) {
  const model = analyze(log.log);
  const damaged = diagnose(model, { disabled: onlyDamage, unwinder: null }).diagnostics.some((d) => d.code === 'report-damaged');
  if (damaged && log.corrupted) truePositive++;
  else if (damaged) {
    falsePositive++;
    misses.push(`false positive ${log.name}: ${log.title}`);
  } else if (log.corrupted) {
    falseNegative++;
    misses.push(`false negative ${log.name}: ${log.title}`);
  } else trueNegative++;
}

const precision = truePositive + falsePositive > 0 ? truePositive / (truePositive + falsePositive) : 0;
const recall = truePositive + falseNegative > 0 ? truePositive / (truePositive + falseNegative) : 0;
if (process.argv.includes('--list')) for (const m of misses) console.log(m);
console.log(`reports: ${logs.length} (corrupted ${truePositive + falseNegative}, sound ${falsePositive + trueNegative})`);
console.log(`report-damaged: ${truePositive} true positives, ${falsePositive} false positives, ${falseNegative} false negatives`);
console.log(`precision: ${precision.toFixed(3)} (target >= 0.9)`);
console.log(`recall: ${recall.toFixed(3)} (target >= 0.7)`);
