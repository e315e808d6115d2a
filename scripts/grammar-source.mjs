// The TextMate grammar's source is TypeScript (syntaxes/src/); this bundles it in memory with
// esbuild and returns the JSON text it builds. Used by `npm run build` (which writes
// syntaxes/crashlog.tmLanguage.json) and by the grammar test (which checks the file is current).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GRAMMAR_FILE = path.join(repoRoot, 'syntaxes', 'crashlog.tmLanguage.json');

export async function generatedGrammarText() {
  const result = await build({
    entryPoints: [path.join(repoRoot, 'syntaxes', 'src', 'build.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', result.outputFiles[0].text)(module, module.exports);
  return module.exports.grammarText();
}
