// The server's host in a Node process: symbol files from disk (watched), setImmediate,
// and an explicit collection after work on a large transcript.
import { fileURLToPath } from 'url';
import type { SymbolFileSource } from '../analysis/model';
import type { ServerHost, SymbolFileProblem, SymbolFileReader } from '../host';
import { collectWhenIdle } from '../idleCollect';
import { resolveSymbolFilePath, SymbolFileLoader } from '../symbolFiles';

function folderPath(uri: string | undefined): string | undefined {
  return uri?.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

function createSymbolFileReader(onFileChanged: () => void): SymbolFileReader {
  const loader = new SymbolFileLoader(onFileChanged);
  return {
    async load(paths, workspaceFolderUri) {
      const folder = folderPath(workspaceFolderUri);
      const sources: SymbolFileSource[] = [];
      const problems: SymbolFileProblem[] = [];
      const files: string[] = [];
      for (const setting of paths) {
        const file = resolveSymbolFilePath(setting, folder);
        if (file) files.push(file);
        else problems.push({ file: setting, reason: 'a relative path needs an open workspace folder' });
      }
      for (const { file, result } of await loader.load(files)) {
        if (result.ok) sources.push(result.source);
        else problems.push({ file, reason: result.reason });
      }
      return { sources, problems };
    },
    dispose: () => loader.dispose(),
  };
}

export function createNodeHost(): ServerHost {
  return {
    createSymbolFileReader,
    yieldToQueue: () => new Promise<void>((resolve) => setImmediate(resolve)),
    collectGarbage: collectWhenIdle,
  };
}
