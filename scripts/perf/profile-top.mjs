// Where a .cpuprofile's time goes: self and total time per function, the heaviest first.
//
//   node scripts/perf/profile-top.mjs [--top N] A.cpuprofile [B.cpuprofile]
//
// With two profiles (ab.mjs --cpu-prof writes a.cpuprofile and b.cpuprofile) functions are matched by
// name and file name, and the list is sorted by how much more self time B spends than A: the
// first lines are where B lost time. Times are sampled (1 ms by default), so a few ms are noise.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { topArgs } from './topArgs.mjs';

function load(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const interval = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const self = new Map();
  const total = new Map();
  const key = (node) => `${node.callFrame.functionName || '(anonymous)'} ${path.basename(node.callFrame.url)}`;
  for (const sample of profile.samples) {
    let node = byId.get(sample);
    self.set(key(node), (self.get(key(node)) ?? 0) + interval);
    // A function counts once per sample however often it recurses.
    const seen = new Set();
    for (; node; node = byId.get(parent.get(node.id))) {
      const k = key(node);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + interval);
    }
  }
  return { self, total };
}

const { top, files } = topArgs(
  process.argv.slice(2),
  'node scripts/perf/profile-top.mjs [--top N] A.cpuprofile [B.cpuprofile]',
  (n) => n >= 1 && n <= 2,
);
const [a, b] = files.map(load);
const ms = (value) => (value ?? 0).toFixed(1).padStart(8);
if (!b) {
  console.log('    self   total  function');
  const rows = [...a.self.keys()].sort((x, y) => a.self.get(y) - a.self.get(x)).slice(0, top);
  for (const k of rows) console.log(`${ms(a.self.get(k))}${ms(a.total.get(k))}  ${k}`);
} else {
  console.log('  self A  self B   B - A  total A total B  function');
  const keys = new Set([...a.self.keys(), ...b.self.keys()]);
  const diff = (k) => (b.self.get(k) ?? 0) - (a.self.get(k) ?? 0);
  const rows = [...keys].sort((x, y) => Math.abs(diff(y)) - Math.abs(diff(x))).slice(0, top);
  for (const k of rows)
    console.log(`${ms(a.self.get(k))}${ms(b.self.get(k))}${ms(diff(k))}${ms(a.total.get(k))}${ms(b.total.get(k))}  ${k}`);
}
