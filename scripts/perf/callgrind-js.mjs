// Callgrind's counts per JavaScript function: callgrind cannot name JIT code, node's perf map can.
//
//   node scripts/perf/callgrind-js.mjs [--top N] OUT.callgrind PERF.map [OUT2.callgrind PERF2.map]
//
// OUT.callgrind from `valgrind --tool=callgrind --dump-instr=yes [--cache-sim=yes]
// --callgrind-out-file=OUT.callgrind node --perf-basic-prof --predictable --hash-seed=1 --random-seed=1 …`,
// PERF.map the /tmp/perf-PID.map that node wrote (`ab.mjs --callgrind --per-function` does both).
// Prints self counts (instructions, and with --cache-sim the L1 instruction and data read misses)
// per function, the most instructions first; with two runs, per function of both, by the largest
// difference. Code V8 moved or dropped during the run keeps the name its address had last.
import { readFileSync } from 'node:fs';
import { topArgs } from './topArgs.mjs';

function perfMap(file) {
  const ranges = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
    if (m) ranges.push({ start: parseInt(m[1], 16), end: parseInt(m[1], 16) + parseInt(m[2], 16), name: m[3] });
  }
  ranges.sort((a, b) => a.start - b.start);
  return ranges;
}

function nameAt(ranges, address) {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (ranges[mid].start <= address) low = mid + 1;
    else high = mid - 1;
  }
  const range = ranges[high];
  // `JS:*run /tmp/x/analysis.cjs:6335:6` -> `run analysis.cjs`: the same function in two bundles has one name.
  if (!range || address >= range.end) return undefined;
  const name = range.name.replace(/^(?:JS|LazyCompile|Function):[*~^+]?/, '');
  const m = /^(\S*) (?:\S*\/)?([^/\s]+?)(?::\d+:\d+)?$/.exec(name);
  return m ? `${m[1] || '(anonymous)'} ${m[2]}` : name;
}

/** Self cost per function: callgrind's per-instruction lines, names from the perf map, else callgrind's fn=. */
function costs(file, mapFile) {
  const ranges = perfMap(mapFile);
  const lines = readFileSync(file, 'utf8').split('\n');
  let events = [];
  let positions = ['line'];
  const byName = new Map();
  const names = new Map();
  let fn = '?';
  let address = 0;
  let afterCalls = false;
  for (const line of lines) {
    if (line.startsWith('events:')) events = line.slice(7).trim().split(/\s+/);
    else if (line.startsWith('positions:')) positions = line.slice(10).trim().split(/\s+/);
    else if (line.startsWith('fn=') || line.startsWith('cfn=')) {
      // Names are numbered where first seen, in fn= or cfn= lines alike.
      const m = /^c?fn=\((\d+)\)(?: (.*))?$/.exec(line);
      if (m && m[2] !== undefined) names.set(m[1], m[2]);
      if (line.startsWith('fn=')) {
        fn = m ? names.get(m[1]) : line.slice(3);
        afterCalls = false;
      }
    } else if (line.startsWith('calls=')) afterCalls = true;
    else if (/^[0-9+*-]/.test(line)) {
      const fields = line.split(' ');
      const position = fields[0];
      // Relative positions are decimal: only 0x-prefixed numbers are hex in callgrind's format.
      if (position.startsWith('0x')) address = parseInt(position, 16);
      else if (position.startsWith('+')) address += Number(position.slice(1));
      else if (position.startsWith('-')) address -= Number(position.slice(1));
      // A cost line after calls= is the call's inclusive cost: not this function's own.
      if (afterCalls) {
        afterCalls = false;
        continue;
      }
      const values = fields.slice(positions.length).map(Number);
      const name = nameAt(ranges, address) ?? fn;
      let row = byName.get(name);
      if (!row) byName.set(name, (row = new Array(events.length).fill(0)));
      values.forEach((value, k) => (row[k] += value));
    }
  }
  return { events, byName };
}

const { top, files } = topArgs(
  process.argv.slice(2),
  'node scripts/perf/callgrind-js.mjs [--top N] OUT.callgrind PERF.map [OUT2.callgrind PERF2.map]',
  (n) => n === 2 || n === 4,
);
const runs = [];
for (let i = 0; i < files.length; i += 2) runs.push(costs(files[i], files[i + 1]));
const shown = ['Ir', 'I1mr', 'D1mr'].filter((e) => runs[0].events.includes(e));
const value = (run, name, event) => run.byName.get(name)?.[run.events.indexOf(event)] ?? 0;
const millions = (n) => (n / 1e6).toFixed(2).padStart(9);
const names = new Set(runs.flatMap((run) => [...run.byName.keys()]));
const diff = (name) => (runs.length === 2 ? value(runs[1], name, 'Ir') - value(runs[0], name, 'Ir') : value(runs[0], name, 'Ir'));
const rows = [...names].sort((x, y) => Math.abs(diff(y)) - Math.abs(diff(x))).slice(0, top);
console.log(`millions of ${runs.length === 2 ? shown.map((e) => `${e} A, ${e} B`).join(', ') : shown.join(', ')}`);
for (const name of rows) {
  const cells = shown.flatMap((e) => runs.map((run) => millions(value(run, name, e))));
  console.log(`${cells.join('')}  ${name}`);
}
