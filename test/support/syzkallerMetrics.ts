// Measures the console-report parser against syzkaller's own verdicts on its test corpus
// (issue 3: reports and crashing functions found; issue 7: damaged reports flagged).
import { analyze } from '../../server/src/analysis/model';
import type { Model } from '../../server/src/analysis/model';
import { leadingReport, triageReport } from '../../server/src/analysis/triage';
import { syzkallerReports } from './corpus';

/** A titled log whose title is not syzkaller's. */
export interface TitleDifference {
  name: string;
  /** syzkaller's crash class (`TYPE:`), or the start of its title. */
  kind: string;
  expected: string;
  actual: string;
}

export interface SyzkallerMetrics {
  logs: number;
  exceptions: string[];
  titled: number;
  titledWithReport: number;
  titledWithoutReport: string[];
  /** Non-corrupted titles `... in FUNC` whose FUNC occurs in the log as `FUNC+0x`. */
  functionLogs: number;
  functionFound: number;
  functionMissed: string[];
  /** `damaged` (any report with damage) against syzkaller's `CORRUPTED: Y`, logs with a TITLE. */
  truePositives: number;
  falsePositives: string[];
  falseNegatives: string[];
  precision: number;
  recall: number;
  /** Titled logs whose leading report's title is syzkaller's TITLE or one of its ALTs (issue 13). */
  titleMatches: number;
  titleDifferences: TitleDifference[];
}

/** A title's kind for grouping differences: the words before ` in `, numbers and quotes cut. */
export function titleKind(title: string): string {
  const head = title.split(/ in |: (?=[A-Z])/)[0];
  return head.length > 40 ? head.slice(0, 40) + '…' : head;
}

/** FUNC of a title ending in `in FUNC` (for `in caller/FUNC`, the last name). */
export function titleFunction(title: string): string | undefined {
  const m = / in (?:[A-Za-z_][\w.]*\/)?([A-Za-z_][\w.]*)$/.exec(title);
  return m?.[1];
}

export function modelNamesFunction(model: Model, name: string): boolean {
  return model.reports.some(
    (r) => r.headerFunction === name || (r.headerFunctions ?? []).includes(name) || r.frames.some((f) => f.function === name),
  );
}

export function measureSyzkaller(): SyzkallerMetrics {
  const metrics: SyzkallerMetrics = {
    logs: 0,
    exceptions: [],
    titled: 0,
    titledWithReport: 0,
    titledWithoutReport: [],
    functionLogs: 0,
    functionFound: 0,
    functionMissed: [],
    truePositives: 0,
    falsePositives: [],
    falseNegatives: [],
    precision: 0,
    recall: 0,
    titleMatches: 0,
    titleDifferences: [],
  };
  for (const log of syzkallerReports()) {
    metrics.logs++;
    let model: Model;
    try {
      model = analyze(log.log);
    } catch (error) {
      metrics.exceptions.push(`${log.name}: ${(error as Error).message}`);
      continue;
    }
    if (!log.title) continue;
    metrics.titled++;
    if (model.reports.length > 0) metrics.titledWithReport++;
    else metrics.titledWithoutReport.push(log.name);

    const name = log.corrupted ? undefined : titleFunction(log.title);
    if (name && new RegExp(`(?:^|[^\\w.])${name.replace(/\./g, '\\.')}\\+0x`).test(log.log)) {
      metrics.functionLogs++;
      if (modelNamesFunction(model, name)) metrics.functionFound++;
      else metrics.functionMissed.push(`${log.name} ${name}`);
    }

    const lead = leadingReport(model.text, model.reports);
    const actual = lead >= 0 ? triageReport(model.text, model.reports, lead).title : '';
    if (actual === log.title || (log.headers.ALT ?? []).includes(actual)) metrics.titleMatches++;
    else
      metrics.titleDifferences.push({
        name: log.name,
        kind: log.headers.TYPE?.[0] ?? titleKind(log.title),
        expected: log.title,
        actual,
      });

    const damaged = model.reports.some((r) => r.damage.length > 0);
    if (damaged && log.corrupted) metrics.truePositives++;
    else if (damaged) metrics.falsePositives.push(log.name);
    else if (log.corrupted) metrics.falseNegatives.push(log.name);
  }
  const flagged = metrics.truePositives + metrics.falsePositives.length;
  const corrupted = metrics.truePositives + metrics.falseNegatives.length;
  metrics.precision = flagged ? metrics.truePositives / flagged : 0;
  metrics.recall = corrupted ? metrics.truePositives / corrupted : 0;
  return metrics;
}
