// Where Debian's chromium is, for the browser tests and the benchmarks that drive it with
// playwright-core: CRASHLOG_CHROMIUM, else the Debian paths, else whatever `chromium` is on PATH.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** The chromium executable, or undefined where there is none. */
export function findChromium() {
  if (process.env.CRASHLOG_CHROMIUM) return existsSync(process.env.CRASHLOG_CHROMIUM) ? process.env.CRASHLOG_CHROMIUM : undefined;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  const onPath = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  }).stdout?.trim();
  return onPath || undefined;
}

/** Chromium trace categories for a page's timeline (layout, paint, script, loading), as DevTools records them. */
export const TIMELINE_TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'loading',
  'navigation',
  'toplevel',
  'v8.execute',
];
