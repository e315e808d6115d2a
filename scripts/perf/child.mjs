// One measurement in a fresh process, for ab.mjs (which says how to run it): loads one tree's
// bundled analysis and prints one JSON line. Modes:
//   time FILE       floor and full analysis alternated 3 times as `npm run bench` does, each
//                   full analysis also split into phases, with the GC time and counts seen during it
//                   and the main thread's time on a CPU, waiting for one and blocked
//   once FILE       reads the file and analyses it once (what callgrind counts)
//   thrice FILE     reads it and analyses it three times (the bench keeps the median of three runs:
//                   less compiling and more optimised code than a first run)
//   read FILE       reads the file only (callgrind's start-up floor, subtracted from `once`)
//   alloc FILE      analyses it once under V8's sampling heap profiler, counting objects the collector
//                   freed too: bytes allocated per function, the most first (what keeps the scavenger busy)
// Run it with the bench's flags (`--expose-gc --max-semi-space-size=8`) so GC behaves alike.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PerformanceObserver } from 'node:perf_hooks';

const [bundle, mode, file] = process.argv.slice(2);
const analysis = createRequire(import.meta.url)(bundle);
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** The bench's floor: read, split, one regex test per line. */
function floor() {
  const t0 = now();
  const lines = readFileSync(file, 'utf8').split('\n');
  const probe = /^\s*(?:0x)?[0-9a-f]{8,16}:/;
  let hits = 0;
  for (const line of lines) if (probe.test(line)) hits++;
  if (hits < 0) console.log(hits);
  return now() - t0;
}

/**
 * The kernel's account of this process's threads (Linux /proc/self/task/TID/schedstat): the main
 * thread's ns on a CPU and ns runnable but waiting for one, and the other threads' (V8's collector
 * helpers and compiler jobs) ns on a CPU. Undefined where /proc has no schedstat.
 */
function threadTimes() {
  try {
    const main = String(process.pid);
    const times = { mainRun: 0, mainWait: 0, othersRun: 0 };
    for (const tid of readdirSync('/proc/self/task')) {
      let fields;
      try {
        fields = readFileSync(`/proc/self/task/${tid}/schedstat`, 'latin1').split(' ').map(Number);
      } catch {
        continue; // a thread that ended meanwhile
      }
      if (tid === main) [times.mainRun, times.mainWait] = fields;
      else times.othersRun += fields[0];
    }
    return times;
  } catch {
    return undefined;
  }
}

/** GC pauses reported while `fn` runs: total ms and count per kind (minor, major, incremental, weak). */
async function withGc(fn) {
  const entries = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const result = fn();
  // GC entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 0));
  observer.disconnect();
  const kinds = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weak' };
  const gc = { ms: 0 };
  for (const entry of entries) {
    const kind = kinds[entry.detail?.kind] ?? 'other';
    gc.ms += entry.duration;
    gc[kind] = (gc[kind] ?? 0) + 1;
  }
  return { result, gc };
}

if (mode === 'read') {
  if (readFileSync(file, 'utf8').length < 0) console.log('');
} else if (mode === 'once' || mode === 'thrice') {
  const text = readFileSync(file, 'utf8');
  for (let i = mode === 'once' ? 1 : 3; i > 0; i--) if (analysis.analyze(text).lineCount < 0) console.log('');
} else if (mode === 'time') {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const floorMs = floor();
    const cpu = process.cpuUsage();
    let before;
    let after;
    // The thread times are read inside the timed span's ends (withGc's observer adds its own work outside).
    const { result: phases, gc } = await withGc(() => {
      before = threadTimes();
      const result = analysis.phases(() => readFileSync(file, 'utf8'), now);
      after = threadTimes();
      return result;
    });
    // CPU time of every thread (the collector's helpers too): less than wall time when others take the cores.
    const { user, system } = process.cpuUsage(cpu);
    // The main thread's wall time split: on a CPU, runnable but waiting for one (other processes, or this
    // one's own helpers, had the cores), and blocked (waiting on the collector's helpers, the disk).
    const threads = before &&
      after && {
        onCpuMs: (after.mainRun - before.mainRun) / 1e6,
        waitingMs: (after.mainWait - before.mainWait) / 1e6,
        helpersMs: (after.othersRun - before.othersRun) / 1e6,
      };
    if (threads) threads.blockedMs = Math.max(0, phases.fullMs - threads.onCpuMs - threads.waitingMs);
    runs.push({
      floorMs,
      ...phases,
      cpuMs: (user + system) / 1000,
      threads,
      gc,
      heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20,
    });
  }
  const maxRssMB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  process.stdout.write(JSON.stringify({ runs, maxRssMB }) + '\n');
} else if (mode === 'alloc') {
  const { Session } = await import('node:inspector/promises');
  const text = readFileSync(file, 'utf8');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  if (analysis.analyze(text).lineCount < 0) console.log('');
  const { profile } = await session.post('HeapProfiler.stopSampling');
  const bytes = new Map();
  const visit = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  const rows = [...bytes].filter(([, size]) => size > 0).sort((x, y) => y[1] - x[1]);
  process.stdout.write(JSON.stringify({ total: rows.reduce((sum, [, size]) => sum + size, 0), rows }) + '\n');
} else throw new Error(`unknown mode ${mode}`);
