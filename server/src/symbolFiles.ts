// Reading symbol files (crashlog.symbolFiles, `--symbols`) from disk: size and binary
// checks before parsing, one parse per file change. The parsing itself is analysis.
import { closeSync, FSWatcher, openSync, readSync, promises as fsp, readFileSync, statSync, Stats, watch } from 'fs';
import { homedir } from 'os';
import * as path from 'path';
import { parseSymbolFile, SymbolFileParse } from './analysis/symbolFile';
import type { SymbolFileSource } from './analysis/model';

/** Larger files are refused: a System.map is a few MB, kallsyms of an allyesconfig kernel ~100 MB. */
export const MAX_SYMBOL_FILE_BYTES = 256 * 1024 * 1024;
/** Bytes looked at for NULs before reading a whole file: a vmlinux shows them at once. */
const SNIFF_BYTES = 64 * 1024;

export type SymbolFileResult = { ok: true; source: SymbolFileSource } | { ok: false; reason: string };

/** `~/`, `${workspaceFolder}` and relative paths (against the workspace folder) made absolute. */
export function resolveSymbolFilePath(setting: string, workspaceFolder: string | undefined): string | undefined {
  let p = setting.trim();
  if (workspaceFolder) p = p.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  if (p === '~' || p.startsWith('~/')) p = path.join(homedir(), p.slice(1));
  if (path.isAbsolute(p)) return path.normalize(p);
  return workspaceFolder ? path.resolve(workspaceFolder, p) : undefined;
}

function statProblem(stats: Stats): string | undefined {
  if (!stats.isFile()) return 'it is not a regular file';
  if (stats.size > MAX_SYMBOL_FILE_BYTES) {
    return `it is ${Math.round(stats.size / 1024 / 1024)} MB, over the ${MAX_SYMBOL_FILE_BYTES / 1024 / 1024} MB limit for symbol files`;
  }
  return undefined;
}

function errorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'the file cannot be read (permission denied)';
  return `the file cannot be read (${(error as Error).message})`;
}

function fromText(buffer: Buffer, label: string): SymbolFileResult {
  if (buffer.subarray(0, SNIFF_BYTES).includes(0)) {
    return {
      ok: false,
      reason: 'it is a binary file (a vmlinux or vmcore?); expected System.map, /proc/kallsyms or `nm` output',
    };
  }
  const parsed: SymbolFileParse = parseSymbolFile(buffer.toString('utf8'));
  return parsed.ok ? { ok: true, source: { table: parsed.table, label } } : parsed;
}

/** For the CLI: reads and parses one file, or says why not. */
export function readSymbolFileSync(file: string): SymbolFileResult {
  try {
    const problem = statProblem(statSync(file));
    if (problem) return { ok: false, reason: problem };
    return fromText(readFileSync(file), path.basename(file));
  } catch (error) {
    return { ok: false, reason: errorReason(error) };
  }
}

async function readSymbolFile(file: string, stats: Stats): Promise<SymbolFileResult> {
  const problem = statProblem(stats);
  if (problem) return { ok: false, reason: problem };
  // Sniff first: a 200 MB vmlinux should not be read whole to learn it is binary.
  const head = Buffer.alloc(Math.min(SNIFF_BYTES, stats.size));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.includes(0)) return fromText(head, path.basename(file));
  return fromText(await fsp.readFile(file), path.basename(file));
}

interface Cached {
  mtimeMs: number;
  size: number;
  result: SymbolFileResult;
}

/**
 * The server's symbol files: parsed once per change of the file (mtime and size), watched
 * so an edit or a replaced file is picked up without touching the settings.
 */
export class SymbolFileLoader {
  private readonly cache = new Map<string, Cached>();
  private readonly watchers = new Map<string, FSWatcher>();
  private files: readonly string[] = [];

  constructor(private readonly onFileChanged: () => void) {}

  /** Results per absolute path, in the order given. */
  async load(files: readonly string[]): Promise<{ file: string; result: SymbolFileResult }[]> {
    this.watch(files);
    const results: { file: string; result: SymbolFileResult }[] = [];
    for (const file of files) {
      let stats: Stats;
      try {
        stats = await fsp.stat(file);
      } catch (error) {
        this.cache.delete(file);
        results.push({ file, result: { ok: false, reason: errorReason(error) } });
        continue;
      }
      const cached = this.cache.get(file);
      if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) {
        results.push({ file, result: cached.result });
        continue;
      }
      let result: SymbolFileResult;
      try {
        result = await readSymbolFile(file, stats);
      } catch (error) {
        result = { ok: false, reason: errorReason(error) };
      }
      this.cache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, result });
      results.push({ file, result });
    }
    for (const file of [...this.cache.keys()]) if (!files.includes(file)) this.cache.delete(file);
    return results;
  }

  /** Watches the directories (files may not exist yet, or be replaced by rename). */
  private watch(files: readonly string[]): void {
    this.files = files;
    const directories = new Set(files.map((f) => path.dirname(f)));
    for (const [directory, watcher] of this.watchers) {
      if (!directories.has(directory)) {
        watcher.close();
        this.watchers.delete(directory);
      }
    }
    for (const directory of directories) {
      if (this.watchers.has(directory)) continue;
      try {
        const watcher = watch(directory, { persistent: false }, (_event, name) => {
          if (!name || this.files.includes(path.join(directory, name.toString()))) this.onFileChanged();
        });
        watcher.on('error', () => {
          watcher.close();
          this.watchers.delete(directory);
        });
        this.watchers.set(directory, watcher);
      } catch {
        // A missing directory is reported through the missing file; nothing to watch.
      }
    }
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
