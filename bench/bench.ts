// Benchmark: prints figures, asserts nothing. Ratios are against a floor measured
// in the same run, so the numbers mean the same on a slower or busier machine.
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { describeAt } from '../server/src/analysis/describe';
import { diagnose } from '../server/src/analysis/diagnostics';
import { analyze } from '../server/src/analysis/model';
import { reanalyze } from '../server/src/analysis/reanalyze';
import { generateTranscript } from './generate';
import { benchEdits } from './lspEdits';
import { benchStackView } from './stackView';
import { benchStackViewPaint } from './stackViewPaint';
import { median } from './stats';

const MB = 1024 * 1024;
const now = () => Number(process.hrtime.bigint()) / 1e6;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

/** The floor: read the file, split lines, one regex test per line. */
function floor(file: string): number {
  const t0 = now();
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const probe = /^\s*(?:0x)?[0-9a-f]{8,16}:/;
  let hits = 0;
  for (const line of lines) if (probe.test(line)) hits++;
  if (hits < 0) console.log(hits);
  return now() - t0;
}

function full(file: string): number {
  const t0 = now();
  const model = analyze(readFileSync(file, 'utf8'));
  if (model.lines.length < 0) console.log('');
  return now() - t0;
}

/** Child mode: measure the peak RSS of one job in a fresh process. */
function child(mode: string, file: string): void {
  const before = process.memoryUsage().rss;
  let keep: unknown;
  if (mode === 'baseline') keep = readFileSync(file, 'utf8').length;
  else keep = analyze(readFileSync(file, 'utf8'));
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ before, peak, keep: keep !== undefined }));
}

function peakRss(mode: string, file: string): { before: number; peak: number } {
  const result = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', mode, file], {
    encoding: 'utf8',
    maxBuffer: 10 * MB,
  });
  return JSON.parse(result.stdout) as { before: number; peak: number };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'crashlog-bench-'));
  try {
    const file = path.join(dir, 'big.crashlog');
    const text = generateTranscript(50 * MB);
    writeFileSync(file, text);
    const size = Buffer.byteLength(text);
    console.log(`transcript: ${(size / MB).toFixed(1)} MB, ${text.split('\n').length} lines`);

    const floors: number[] = [];
    const fulls: number[] = [];
    for (let i = 0; i < 3; i++) {
      floors.push(floor(file));
      fulls.push(full(file));
    }
    const floorMs = median(floors);
    const fullMs = median(fulls);
    console.log(`floor (read + split + one regex per line): ${floorMs.toFixed(0)} ms`);
    console.log(`full analysis: ${fullMs.toFixed(0)} ms`);
    console.log(`ratio full/floor: ${(fullMs / floorMs).toFixed(2)} (target <= 3)`);

    const empty = peakRss('baseline', file);
    const analysed = peakRss('analyze', file);
    const multiple = (analysed.peak - empty.before) / size;
    const added = (analysed.peak - empty.peak) / size + 1;
    console.log(
      `peak memory: ${(analysed.peak / MB).toFixed(0)} MB RSS (node alone ${(empty.before / MB).toFixed(0)} MB; reading the text alone peaks at ${(empty.peak / MB).toFixed(0)} MB)`,
    );
    console.log(`  = ${multiple.toFixed(2)}x the text size above node's own baseline (target <= 4)`);
    console.log(`  = ${added.toFixed(2)}x counting the text once plus what analysis adds over reading it`);

    // Re-analysis after a one-line edit of a 5 MB document, as the server does it (reusing the
    // previous version's model), and a full analysis of the same text for comparison.
    const small = generateTranscript(5 * MB, 7);
    let previous = analyze(small);
    const lines = small.split('\n');
    const edits: number[] = [];
    const fulls5: number[] = [];
    for (let i = 0; i < 7; i++) {
      const at = Math.floor((lines.length * (i + 1)) / 9);
      lines[at] = lines[at] + ' ';
      const edited = lines.join('\n');
      let t0 = now();
      previous = reanalyze(previous, edited);
      edits.push(now() - t0);
      t0 = now();
      analyze(edited);
      fulls5.push(now() - t0);
    }
    console.log(
      `re-analysis of a 5 MB document after a one-line edit: median ${median(edits).toFixed(1)} ms (target <= 50); full analysis of it ${median(fulls5).toFixed(1)} ms`,
    );

    // Hover latency over random positions of the 50 MB model.
    const model = analyze(text);
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 0x100000000;
    const latencies: number[] = [];
    for (let i = 0; i < 10000; i++) {
      const line = Math.floor(random() * model.lines.length);
      const character = Math.floor(random() * Math.max(1, model.lines[line].length));
      const t0 = now();
      describeAt(model, line, character);
      latencies.push(now() - t0);
    }
    console.log(
      `hover latency over 10000 random positions: p50 ${percentile(latencies, 50).toFixed(3)} ms, p99 ${percentile(latencies, 99).toFixed(3)} ms, max ${Math.max(...latencies).toFixed(1)} ms (target p99 <= 5)`,
    );

    const parseAgain = median(
      [0, 1, 2].map(() => {
        const t0 = now();
        analyze(text);
        return now() - t0;
      }),
    );
    const diagnostics = median(
      [0, 1, 2].map(() => {
        const t0 = now();
        diagnose(model);
        return now() - t0;
      }),
    );
    console.log(
      `diagnostics of the 50 MB transcript: ${diagnostics.toFixed(0)} ms vs parsing it again ${parseAgain.toFixed(0)} ms = ${(diagnostics / parseAgain).toFixed(2)} (target <= 1)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await benchEdits(path.resolve(__dirname, '..'), EDIT_SIZES_MB);
  await benchStackView(path.resolve(__dirname, '..'));
  await benchStackViewPaint(path.resolve(__dirname, '..'));
}

/** Document sizes of the change-to-answer figures (`--edits-only` prints only those). */
const EDIT_SIZES_MB = [5, 20, 50];

if (process.argv[2] === '--child') child(process.argv[3], process.argv[4]);
else if (process.argv[2] === '--edits-only') {
  // Sizes in MB may follow (`--edits-only 5`).
  const sizes = process.argv
    .slice(3)
    .map(Number)
    .filter((size) => size > 0);
  void benchEdits(path.resolve(__dirname, '..'), sizes.length ? sizes : EDIT_SIZES_MB);
} else if (process.argv[2] === '--stack-view-only')
  void benchStackView(path.resolve(__dirname, '..')).then(() => benchStackViewPaint(path.resolve(__dirname, '..')));
else void main();
