// A/B of the full analysis of two checkouts of crashlog, on the transcript `npm run bench` makes.
//
//   node scripts/perf/ab.mjs [--mb N] [--runs N] [--callgrind] [--cpu-prof DIR] TREE_A TREE_B
//
// TREE_A, TREE_B: checkouts (a worktree of the baseline commit and this one, say). Each tree's
// analysis is bundled from its own sources with this tree's esbuild, and the transcript comes from
// this tree's bench/generate.ts, so both analyse the same text with the same Node.
//   --mb N          transcript size in MB (default 50)
//   --runs N        fresh processes per tree, alternated A B A B … (default 5); each runs the bench's
//                   floor and full analysis 3 times and keeps the median, as `npm run bench` does
//   --callgrind     instruction counts under valgrind instead (use --mb 10: ~50x slower); node's
//                   `--predictable --hash-seed=1 --random-seed=1` make them repeat, so --runs 1 does.
//                   First run: one analysis minus a run that only reads the file (compiling included:
//                   --predictable compiles on the main thread). Later runs: half of what a process
//                   analysing three times adds to one analysing once (what the bench's median sees).
//                   Each is also split: TurboFan's compile jobs, which outside --predictable run on a
//                   background thread (the bench's other core), and the rest, the main thread's work
//                   (counted again with collection on only inside the jobs: twice the valgrind runs)
//   --keep DIR      with --callgrind: keeps the three-run processes' counts per instruction (with a
//                   cache simulation) and node's perf maps in DIR, for scripts/perf/callgrind-js.mjs
//   --gc            the collector's work instead, from `--trace-gc-nvp` under `--predictable` (repeats
//                   like the instruction counts): pauses by kind, their time, bytes allocated and
//                   promoted, with a read-only run subtracted
//   --bench         each tree's own `npm run bench` (its built dist/bench.js, the bench's flags) up to
//                   its peak-memory lines, alternated --runs times: full analysis, floor, ratio, peak
//                   memory as the bench prints them, with their medians (build each tree first)
//   --single-threaded  the timed runs with V8's collector and compiler on the main thread (node's
//                   `--single-threaded`): its time on a CPU is then all the work an analysis costs, which
//                   other processes on the machine change only through the caches
//   --cpu-prof DIR  also writes one .cpuprofile per tree into DIR, of a process that runs the bench's
//                   3 floors and full analyses (scripts/perf/profile-top.mjs compares them)
// Printed per tree: medians of full analysis (read + analyze), floor and their ratio; the phases
// (read, line index, parse, finish = memory map + finalize); GC time and pause counts during the full
// analysis; heap used after it; peak RSS of the process; on Linux, the main thread's part of the full
// analysis on a CPU, waiting for one and blocked, and its helper threads' CPU time (the kernel's
// schedstat). Times count other processes on a shared machine (say `uptime` with them); the main
// thread's time on a CPU much less (only through the caches they share), instruction counts not at all.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const MB = 2 ** 20;
const NODE_FLAGS = ['--expose-gc', '--max-semi-space-size=8'];
const DETERMINISTIC = ['--predictable', '--hash-seed=1', '--random-seed=1'];

function options(argv) {
  const opts = {
    mb: 50,
    runs: 5,
    callgrind: false,
    gc: false,
    bench: false,
    singleThreaded: false,
    keep: undefined,
    cpuProf: undefined,
    trees: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--mb') opts.mb = Number(argv[++i]);
    else if (arg === '--runs') opts.runs = Number(argv[++i]);
    else if (arg === '--callgrind') opts.callgrind = true;
    else if (arg === '--gc') opts.gc = true;
    else if (arg === '--bench') opts.bench = true;
    else if (arg === '--single-threaded') opts.singleThreaded = true;
    else if (arg === '--keep') opts.keep = path.resolve(argv[++i]);
    else if (arg === '--cpu-prof') opts.cpuProf = path.resolve(argv[++i]);
    else opts.trees.push(path.resolve(arg));
  }
  if (opts.trees.length !== 2 || !(opts.mb > 0) || !(opts.runs > 0)) {
    console.error(
      'usage: node scripts/perf/ab.mjs [--mb N] [--runs N] [--callgrind [--keep DIR] | --gc | --bench | --single-threaded] [--cpu-prof DIR] TREE_A TREE_B',
    );
    process.exit(2);
  }
  return opts;
}

// The phases of `analyze` as every version so far has it: line index, parse, finish.
const ENTRY = `
import * as model from './server/src/analysis/model';
import { MemoryBuilder } from './server/src/analysis/memory';
export const analyze = model.analyze;
export function phases(read: () => string, now: () => number) {
  const t0 = now();
  const text = read();
  const t1 = now();
  const m: any = new model.Model(text);
  // Older trees' analyze started a symbol journal before parsing: do as it did.
  if (String(model.analyze).includes('journal = []')) m.symbols.journal = [];
  const memory = new MemoryBuilder();
  const t2 = now();
  model.parseRange(m, memory, 0, m.lineCount);
  const t3 = now();
  model.finish(m, memory, {});
  const t4 = now();
  return { fullMs: t4 - t0, readMs: t1 - t0, linesMs: t2 - t1, parseMs: t3 - t2, finishMs: t4 - t3 };
}
`;

async function bundle(tree, outfile) {
  await build({
    stdin: { contents: ENTRY, resolveDir: tree, loader: 'ts', sourcefile: 'perf-entry.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
}

async function transcript(dir, mb) {
  const generator = path.join(dir, 'generate.cjs');
  await build({
    entryPoints: [path.join(repo, 'bench/generate.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: generator,
  });
  const file = path.join(dir, `transcript-${mb}mb.crashlog`);
  writeFileSync(file, createRequire(import.meta.url)(generator).generateTranscript(mb * MB));
  return file;
}

function child(nodeArgs, args, wrapper = []) {
  const command = wrapper.length ? wrapper[0] : process.execPath;
  const argv = [
    ...wrapper.slice(1),
    ...(wrapper.length ? [process.execPath] : []),
    ...nodeArgs,
    path.join(here, 'child.mjs'),
    ...args,
  ];
  // Run in the temporary directory: V8's logs (isolate-*.log) land there, not in the checkout.
  const result = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 64 * MB, cwd: tmpdir() });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed:\n${result.stderr}`);
  return result;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (value, digits = 0) => value.toFixed(digits);

function timeRuns(bundles, file, runs, labels, nodeFlags) {
  const results = bundles.map(() => []);
  for (let r = 0; r < runs; r++) {
    bundles.forEach((b, t) => {
      const out = JSON.parse(child(nodeFlags, [b, 'time', file]).stdout);
      // The middle of the 3 in-process runs, as the bench takes it.
      const byFull = [...out.runs].sort((x, y) => x.fullMs - y.fullMs);
      results[t].push({ ...byFull[1], floorMs: median(out.runs.map((x) => x.floorMs)), maxRssMB: out.maxRssMB });
      process.stderr.write(`${labels[t]} run ${r + 1}: full ${fmt(byFull[1].fullMs)} ms\n`);
    });
  }
  for (let t = 0; t < bundles.length; t++) {
    const rs = results[t];
    const m = (key) => median(rs.map((x) => x[key]));
    const gc = (kind) => median(rs.map((x) => x.gc[kind] ?? 0));
    console.log(`${labels[t]}`);
    console.log(`  full analysis: median ${fmt(m('fullMs'))} ms (runs: ${rs.map((x) => fmt(x.fullMs)).join(' ')})`);
    console.log(`  CPU time of it: median ${fmt(m('cpuMs'))} ms (runs: ${rs.map((x) => fmt(x.cpuMs)).join(' ')})`);
    if (rs.every((x) => x.threads)) {
      const t = (key) => median(rs.map((x) => x.threads[key]));
      console.log(
        `  main thread during it: on a CPU ${fmt(t('onCpuMs'))} ms (runs: ${rs.map((x) => fmt(x.threads.onCpuMs)).join(' ')}), waiting for a CPU ${fmt(t('waitingMs'))}, blocked ${fmt(t('blockedMs'))}; helper threads on a CPU ${fmt(t('helpersMs'))} ms`,
      );
    }
    console.log(`  floor ${fmt(m('floorMs'))} ms, ratio full/floor ${fmt(m('fullMs') / m('floorMs'), 2)}`);
    console.log(
      `  phases: read ${fmt(m('readMs'))}, line index ${fmt(m('linesMs'))}, parse ${fmt(m('parseMs'))}, finish ${fmt(m('finishMs'))} ms`,
    );
    console.log(
      `  GC during it: ${fmt(gc('ms'))} ms, ${gc('minor')} minor, ${gc('major')} major, ${gc('incremental')} incremental; heap used after ${fmt(m('heapUsedMB'))} MB; peak RSS ${fmt(m('maxRssMB'))} MB`,
    );
  }
}

/** Where TurboFan compiles a function: a background thread's job outside --predictable. */
const COMPILE_JOB = 'v8::internal::compiler::PipelineCompilationJob::ExecuteJobImpl*';

/**
 * Instructions of a process under callgrind; `keep` also keeps its counts per instruction and node's
 * perf map there; `compileOnly` counts only inside TurboFan's compile jobs.
 */
function instructions(bundle, file, mode, outDir, label, keep, compileOnly = false) {
  const out = path.join(keep ?? outDir, `callgrind.${label}.${mode}${compileOnly ? '.compile' : ''}`);
  const detail = keep ? ['--dump-instr=yes', '--cache-sim=yes'] : [];
  // --toggle-collect turns collection off at the start, on inside the job.
  const only = compileOnly ? [`--toggle-collect=${COMPILE_JOB}`] : [];
  const valgrind = ['valgrind', '--tool=callgrind', ...detail, ...only, `--callgrind-out-file=${out}`];
  const { pid } = child(
    [...DETERMINISTIC, ...NODE_FLAGS, ...(keep ? ['--perf-basic-prof'] : [])],
    [bundle, mode, file],
    valgrind,
  );
  if (keep) {
    // V8 writes its perf map to /tmp on Linux, whatever TMPDIR says.
    const map = `/tmp/perf-${pid}.map`;
    copyFileSync(map, `${out}.map`);
    rmSync(map);
  }
  const summary = /^summary: (\d+)/m.exec(readFileSync(out, 'utf8'));
  return Number(summary[1]);
}

/** Sums of `--trace-gc-nvp` lines: pauses per kind (s scavenge, mc mark-compact…), ms, bytes. */
function collectorWork(bundle, file, mode) {
  const { stdout } = child([...DETERMINISTIC, ...NODE_FLAGS, '--trace-gc-nvp'], [bundle, mode, file]);
  const work = { pauseMs: 0, allocatedMB: 0, promotedMB: 0, kinds: {} };
  for (const line of stdout.split('\n')) {
    const pause = /\bpause=([\d.]+)/.exec(line);
    if (!pause) continue;
    const kind = /\bgc=(\w+)/.exec(line)?.[1] ?? '?';
    work.kinds[kind] = (work.kinds[kind] ?? 0) + 1;
    work.pauseMs += Number(pause[1]);
    work.allocatedMB += Number(/\ballocated=(\d+)/.exec(line)?.[1] ?? 0) / MB;
    work.promotedMB += Number(/\bpromoted=(\d+)/.exec(line)?.[1] ?? 0) / MB;
  }
  return work;
}

function gcRuns(bundles, file, labels) {
  bundles.forEach((b, t) => {
    const read = collectorWork(b, file, 'read');
    const once = collectorWork(b, file, 'once');
    const kinds = Object.keys(once.kinds)
      .map((k) => `${once.kinds[k] - (read.kinds[k] ?? 0)} ${k}`)
      .join(', ');
    console.log(`${labels[t]}`);
    console.log(
      `  collector during the analysis: ${kinds}; pauses ${fmt(once.pauseMs - read.pauseMs)} ms; allocated ${fmt(once.allocatedMB - read.allocatedMB)} MB, promoted ${fmt(once.promotedMB - read.promotedMB)} MB`,
    );
  });
}

/** The first lines `npm run bench` prints in a tree (up to its peak memory), the rest of the bench cut short. */
function benchHead(tree) {
  return new Promise((resolve, reject) => {
    const bench = spawn(process.execPath, [...NODE_FLAGS, path.join(tree, 'dist/bench.js')], { cwd: tree });
    let out = '';
    bench.stdout.on('data', (chunk) => {
      out += chunk;
      // `peak memory: …` is followed by two `  = …` lines: then the figures asked for are all there.
      if ((out.match(/^ {2}= /gm) ?? []).length >= 2) bench.kill();
    });
    bench.on('error', reject);
    bench.on('close', () => resolve(out));
  });
}

async function benchRuns(trees, runs, labels) {
  const figures = trees.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let t = 0; t < trees.length; t++) {
      const out = await benchHead(trees[t]);
      const number = (re) => Number(re.exec(out)?.[1]);
      const run = {
        full: number(/^full analysis: (\d+) ms/m),
        floor: number(/^floor .*: (\d+) ms/m),
        ratio: number(/^ratio full\/floor: ([\d.]+)/m),
        peak: number(/^peak memory: (\d+) MB/m),
      };
      figures[t].push(run);
      process.stderr.write(`${labels[t]} run ${r + 1}: ${JSON.stringify(run)}\n`);
    }
  }
  figures.forEach((rs, t) => {
    const m = (key) => median(rs.map((x) => x[key]));
    console.log(`${labels[t]}`);
    console.log(`  full analysis: median ${m('full')} ms (runs: ${rs.map((x) => x.full).join(' ')})`);
    console.log(
      `  floor: median ${m('floor')} ms; ratio full/floor: median ${m('ratio')} (runs: ${rs.map((x) => x.ratio).join(' ')})`,
    );
    console.log(`  peak memory: median ${m('peak')} MB RSS`);
  });
}

async function main() {
  const opts = options(process.argv.slice(2));
  const dir = mkdtempSync(path.join(tmpdir(), 'crashlog-ab-'));
  try {
    const labels = opts.trees.map((tree, t) => `${'AB'[t]}: ${tree}`);
    if (opts.bench) return await benchRuns(opts.trees, opts.runs, labels);
    // Same file name in both: profiles name functions by it.
    const bundles = opts.trees.map((_, t) => path.join(dir, 'ab'[t], 'analysis.cjs'));
    await Promise.all(opts.trees.map((tree, t) => bundle(tree, bundles[t])));
    const file = await transcript(dir, opts.mb);
    console.log(`transcript: ${opts.mb} MB`);
    if (opts.callgrind) {
      for (let r = 0; r < opts.runs; r++) {
        if (opts.keep) mkdirSync(opts.keep, { recursive: true });
        bundles.forEach((b, t) => {
          const read = instructions(b, file, 'read', dir, 'ab'[t]);
          const once = instructions(b, file, 'once', dir, 'ab'[t]);
          const thrice = instructions(b, file, 'thrice', dir, 'ab'[t], opts.keep);
          const compiled = (mode) => instructions(b, file, mode, dir, 'ab'[t], undefined, true);
          const [readJobs, onceJobs, thriceJobs] = [compiled('read'), compiled('once'), compiled('thrice')];
          const count = (n) => Math.round(n).toLocaleString('en');
          const split = (all, jobs) => `${count(all)} (main thread ${count(all - jobs)}, compile jobs ${count(jobs)})`;
          console.log(`${labels[t]}`);
          console.log(
            `  instructions of a first analysis: ${split(once - read, onceJobs - readJobs)} (reading alone ${count(read)})`,
          );
          console.log(`  instructions of a later analysis: ${split((thrice - once) / 2, (thriceJobs - onceJobs) / 2)}`);
        });
        if (opts.keep) console.log(`callgrind counts and perf maps: ${opts.keep}/callgrind.{a,b}.thrice{,.map}`);
      }
    } else if (opts.gc) gcRuns(bundles, file, labels);
    else timeRuns(bundles, file, opts.runs, labels, opts.singleThreaded ? [...NODE_FLAGS, '--single-threaded'] : NODE_FLAGS);
    if (opts.cpuProf) {
      mkdirSync(opts.cpuProf, { recursive: true });
      bundles.forEach((b, t) => {
        const name = `--cpu-prof-name=${'ab'[t]}.cpuprofile`;
        child(
          ['--cpu-prof', '--cpu-prof-interval=250', `--cpu-prof-dir=${opts.cpuProf}`, name, ...NODE_FLAGS],
          [b, 'time', file],
        );
      });
      console.log(`cpu profiles: ${opts.cpuProf}/{a,b}.cpuprofile`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
