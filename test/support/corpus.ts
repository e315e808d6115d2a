// Locates ../shared beside the repository (CI always has it; a bare clone may not).
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SHARED = path.resolve(REPO_ROOT, '..', 'shared');
export const hasShared = existsSync(path.join(SHARED, 'corpus'));

export function sharedFile(...parts: string[]): string {
  return path.join(SHARED, ...parts);
}

export function readShared(...parts: string[]): string {
  return readFileSync(sharedFile(...parts), 'utf8');
}

export function seed(prefix: '000' | '001' | '002'): string {
  const dir = sharedFile('seeds');
  const name = readdirSync(dir).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`seed ${prefix} not found in ${dir}`);
  return readFileSync(path.join(dir, name), 'utf8');
}

export function example(name: string): string {
  return readFileSync(path.join(REPO_ROOT, 'examples', name), 'utf8');
}

/** Crash transcripts of the corpus: `{ name, transcript, console, truth }`. */
/** The parts of a corpus dump's `truth.json` that tests read (x86_64 and arm64 keys). */
export interface CrashTruth {
  frames: { level: number; function: string; stack_address?: string; fp?: string }[];
  exception_frames?: { after_frame: number; registers: Record<string, string> }[];
}

export function crashDumps(arch: 'x86_64' | 'arm64'): { name: string; transcript: string; console: string; truth: CrashTruth }[] {
  const dir = sharedFile('corpus', `crash-${arch}`);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.truth.json'))
    .map((f) => {
      const name = f.replace('.truth.json', '');
      return {
        name,
        transcript: readFileSync(path.join(dir, `${name}.crashlog`), 'utf8'),
        console: readFileSync(path.join(dir, `${name}.console.crashlog`), 'utf8'),
        truth: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as CrashTruth,
      };
    });
}

/** The syzkaller logs with their header fields, header stripped from the log. */
export function syzkallerReports(): {
  name: string;
  title?: string;
  corrupted: boolean;
  headers: Record<string, string[]>;
  log: string;
}[] {
  const dir = sharedFile('corpus', 'syzkaller');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).map((name) => {
    const text = readFileSync(path.join(dir, name), 'latin1');
    // The header ends at the first empty line (an empty header is a file that starts with one).
    const blank = text.startsWith('\n') ? 0 : text.indexOf('\n\n') + 1;
    const head = blank > 0 ? text.slice(0, blank - 1) : '';
    const log = blank > 0 || text.startsWith('\n') ? text.slice(blank + 1) : text;
    const headers: Record<string, string[]> = {};
    for (const line of head.split('\n')) {
      const m = /^([A-Z]+): ?(.*)$/.exec(line);
      if (m) (headers[m[1]] ??= []).push(m[2]);
    }
    return { name, title: headers.TITLE?.[0], corrupted: headers.CORRUPTED?.[0] === 'Y', headers, log };
  });
}

/** The facts of one of our own dumps (test/corpus/<arch>/NN-type.truth.json) that tests read. */
export interface RepoTruth {
  frames: { index: number; function: string; sp: string; crash_pc: string }[];
  cpu_registers_at_dump_time: Record<string, string>;
}

/** Our own dumps of an architecture (test/corpus/<dir>/): crash session, console and truth. */
export function repoDumps(dir: string): { name: string; transcript: string; console: string; truth: RepoTruth }[] {
  const corpus = path.join(REPO_ROOT, 'test', 'corpus', dir);
  if (!existsSync(corpus)) return [];
  return readdirSync(corpus)
    .filter((f) => f.endsWith('.truth.json'))
    .sort()
    .map((f) => {
      const name = f.replace('.truth.json', '');
      return {
        name,
        transcript: readFileSync(path.join(corpus, `${name}.crashlog`), 'utf8'),
        console: readFileSync(path.join(corpus, `${name}.console.crashlog`), 'utf8'),
        truth: JSON.parse(readFileSync(path.join(corpus, f), 'utf8')) as RepoTruth,
      };
    });
}

/** Our own consoles of every architecture: test/corpus/<arch>/*.console.crashlog, named `<arch>/<file>`. */
export function repoConsoles(): { name: string; text: string }[] {
  const root = path.join(REPO_ROOT, 'test', 'corpus');
  return readdirSync(root)
    .sort()
    .flatMap((arch) =>
      readdirSync(path.join(root, arch))
        .filter((f) => f.endsWith('.console.crashlog'))
        .sort()
        .map((f) => ({ name: `${arch}/${f}`, text: readFileSync(path.join(root, arch, f), 'utf8') })),
    );
}

/**
 * Every real transcript the tests can read, by a name that is the same on every machine: the
 * repository's own (`test/…`, `examples/…`) and, when ../shared is there, `shared/…` (seeds,
 * crash sessions, syzkaller logs without their header).
 */
export function everyTranscript(): { name: string; text: string }[] {
  const found: { name: string; text: string }[] = [];
  const walk = (root: string, prefix: string, dir: string, keep: (file: string) => boolean): void => {
    const full = path.join(root, dir);
    if (!existsSync(full)) return;
    for (const entry of readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(root, prefix, rel, keep);
      else if (keep(entry.name)) found.push({ name: prefix + rel, text: readFileSync(path.join(root, rel), 'utf8') });
    }
  };
  const crashlog = (file: string) => file.endsWith('.crashlog');
  walk(REPO_ROOT, '', 'test', crashlog);
  walk(REPO_ROOT, '', 'examples', crashlog);
  if (!hasShared) return found;
  walk(SHARED, 'shared/', 'seeds', () => true);
  walk(SHARED, 'shared/', 'corpus', crashlog);
  for (const report of syzkallerReports()) found.push({ name: `shared/corpus/syzkaller/${report.name}`, text: report.log });
  return found;
}
