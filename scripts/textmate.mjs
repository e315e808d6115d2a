// The one TextMate loader of the scripts and benchmarks: vscode-textmate over vscode-oniguruma's WASM
// scanner, the engine VS Code tokenizes with. Used by the grammar tests, the grammar benchmark and the
// token comparison of two grammar builds.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repoRoot, 'package.json'));

export const vsctm = require('vscode-textmate');
// Exported so a caller can wrap the scanner (the benchmark counts its calls).
export const oniguruma = require('vscode-oniguruma');
export const CRASHLOG_SCOPE = 'source.crashlog';
export const CRASHLOG_GRAMMAR_FILE = path.join(repoRoot, 'syntaxes', 'crashlog.tmLanguage.json');

/** The WASM module's memory, once loaded: it grows as scanners are compiled, and never shrinks. */
let wasmMemory;
let initialHeapBytes = 0;

/**
 * Bytes of oniguruma's WASM heap now (the compiled regexes of every scanner made so far, and the
 * strings searched): what the editor's tokenizer holds for this grammar, and the module's own
 * size before any (0 before any registry).
 */
export function onigurumaHeapBytes() {
  return { now: wasmMemory?.buffer.byteLength ?? 0, initial: initialHeapBytes };
}

/**
 * A registry that knows the grammars in `grammarTexts` (scope name → JSON text) and injects, into a
 * scope named in `injections`, the scopes listed there. Any other scope is unknown (null).
 */
export async function grammarRegistry(grammarTexts, injections = {}) {
  // loadWASM returns the same promise when called again, so every caller may ask for it.
  await oniguruma.loadWASM({
    instantiator: async (imports) => {
      const source = await WebAssembly.instantiate(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')), imports);
      wasmMemory = source.instance.exports.memory;
      initialHeapBytes = wasmMemory.buffer.byteLength;
      return source;
    },
  });
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      grammarTexts[scopeName] === undefined ? null : vsctm.parseRawGrammar(grammarTexts[scopeName], `${scopeName}.json`),
    getInjections: (scopeName) => injections[scopeName] ?? [],
  });
}

/** The crashlog grammar from its JSON text (by default the built syntaxes/crashlog.tmLanguage.json). */
export async function loadCrashlogGrammar(grammarText = readFileSync(CRASHLOG_GRAMMAR_FILE, 'utf8')) {
  const registry = await grammarRegistry({ [CRASHLOG_SCOPE]: grammarText });
  return registry.loadGrammar(CRASHLOG_SCOPE);
}

/** Tokens of each line of a document, the rule stack carried from line to line as an editor does. */
export function tokenizeDocument(grammar, lines) {
  let stack = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens;
  });
}
