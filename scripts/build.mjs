// Bundles the extension: a thin client (vscode external), a self-contained
// language server, the CLI and the benchmark. One esbuild call per entry keeps
// the client free of server code. The web bundles (package.json `browser`, for
// vscode.dev/github.dev) are the same client and server built for a browser.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { GRAMMAR_FILE, generatedGrammarText } from './grammar-source.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

/**
 * Web bundles: no Node built-ins (a build that reaches for one fails), and the packages'
 * `browser` builds (vscode-languageclient, vscode-languageserver, vscode-jsonrpc).
 */
const web = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
};

/**
 * The Stack view's page (a webview: browser, no Node): its script and style go into the client
 * bundles as two constants, and the panel's HTML carries them inline. A webview's first boot then
 * fetches nothing through VS Code's webview service worker (each file a round trip to the host).
 */
const page = await build({
  ...common,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  entryPoints: ['media/stackView/src/main.ts'],
  sourcemap: false,
  write: false,
});
const pageScript = page.outputFiles[0].text;
const pageStyle = readFileSync('media/stackView/stackView.css', 'utf8');
// Inline text must not be able to end its own element.
if (/<\/script|<!--/i.test(pageScript) || /<\/style/i.test(pageStyle))
  throw new Error('the Stack view page would end its own tag');
const stackViewPage = {
  define: { STACK_VIEW_SCRIPT: JSON.stringify(pageScript), STACK_VIEW_STYLE: JSON.stringify(pageStyle) },
};

await Promise.all([
  build({
    ...common,
    ...stackViewPage,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
  }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  // VS Code's web extension host loads the client as a CommonJS module.
  build({
    ...web,
    ...stackViewPage,
    format: 'cjs',
    entryPoints: ['client/src/browser/extension.ts'],
    outfile: 'dist/browser/client.js',
    external: ['vscode'],
  }),
  // The server is a classic worker script (the web-worker host may start it from a blob: URL).
  build({ ...web, format: 'iife', entryPoints: ['server/src/browser/main.ts'], outfile: 'dist/browser/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // The bench builds the Stack view's page as the panel does; it drives Chromium with playwright-core from node_modules.
  build({
    ...common,
    ...stackViewPage,
    entryPoints: ['bench/bench.ts'],
    outfile: 'dist/bench.js',
    external: ['playwright-core'],
  }),
  // The grammar benchmark tokenises the same generated transcript as `npm run bench`.
  build({ ...common, entryPoints: ['bench/generate.ts'], outfile: 'dist/generate.js' }),
]);

// The grammar is generated from syntaxes/src/; written only when it changed, so builds leave the tree as it was.
const grammar = await generatedGrammarText();
if (readFileSync(GRAMMAR_FILE, 'utf8') !== grammar) writeFileSync(GRAMMAR_FILE, grammar);
