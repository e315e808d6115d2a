// What differs between the places the server runs (a Node process, a web worker): reading
// symbol files, yielding to queued messages, giving memory back. The composition in
// createServer.ts uses only this interface.
import type { SymbolFileSource } from './analysis/model';

export interface SymbolFileProblem {
  /** The path as resolved (or as typed, when it could not be resolved). */
  file: string;
  reason: string;
}

export interface SymbolFileReader {
  /** Reads and parses the files named by crashlog.symbolFiles (as typed), in order. */
  load(
    paths: readonly string[],
    workspaceFolderUri: string | undefined,
  ): Promise<{ sources: SymbolFileSource[]; problems: SymbolFileProblem[] }>;
  /** Stops watching the files. */
  dispose(): void;
}

/**
 * Documents at least this large are worth `collectGarbage` once their work is done. Kept here,
 * not beside the Node collector, so the composition imports nothing of Node's (v8, vm).
 */
export const IDLE_COLLECT_BYTES = 1024 * 1024;

export interface ServerHost {
  /** Symbol-file access; absent where there is no file system (then the setting is ignored, with a notice). */
  createSymbolFileReader?(onFileChanged: () => void): SymbolFileReader;
  /** Resolves after the messages already queued (edits, cancellations) have been handled. */
  yieldToQueue(): Promise<void>;
  /** A large document settled: the garbage of its edits and superseded models can go. */
  collectGarbage?(): void;
}
