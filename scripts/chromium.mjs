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
