#!/usr/bin/env node
// Memory of the language server on `npm run bench`'s 50 MB transcript, as vscode.dev runs it
// (dist/browser/server.js in a web worker of Debian's Chromium) and as the desktop runs it
// (dist/server.js in a Node process), both driven by the same LSP messages: initialize, open
// the document, ask for its outline (builds the model), wait for its diagnostics, hover ten
// places. Prints figures; asserts nothing unless --strict is given (then exit 1 when the
// worker needs more than the desktop server).
//
// Worker: its V8 heap (objects plus ArrayBuffer backing stores, the analysis' typed columns),
// read over the DevTools protocol every 50 ms between the worker's tasks (the inspector does
// not interrupt a long parse; V8 keeps the heap it grew to committed for a while after it, so
// the reading that follows shows how far it grew), and once more after a forced collection
// with the document open. The longest gap between readings is printed.
// Desktop: the Node server's peak RSS (VmHWM) above its RSS before the document was opened.
//
// Usage: npm run bench:web   (builds first)   or   node bench/web-memory.mjs [--size-mb N] [--strict]
// Environment: CRASHLOG_CHROMIUM=path to Chromium (default /usr/bin/chromium, else chromium on PATH).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from '../scripts/chromium.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;
const args = process.argv.slice(2);
const strict = args.includes('--strict');
const sizeAt = args.indexOf('--size-mb');
const megabytes = sizeAt >= 0 ? Number(args[sizeAt + 1]) : 50;
const URI = 'file:///bench/big.crashlog';
const mb = (bytes) => `${(bytes / MB).toFixed(0)} MB`;

for (const file of ['dist/browser/server.js', 'dist/server.js', 'dist/generate.js']) {
  if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run npm run build`);
}
const { generateTranscript } = require(path.join(ROOT, 'dist', 'generate.js'));
const text = generateTranscript(megabytes * MB);
const lines = text.split('\n');
const size = Buffer.byteLength(text);
console.log(`transcript: ${(size / MB).toFixed(1)} MB, ${lines.length} lines`);

/** Ten positions to hover: the start of a hex word on lines spread over the document. */
const hoverPositions = [];
for (let i = 1; hoverPositions.length < 10 && i < 1000; i++) {
  const line = Math.floor((lines.length * i) / 11) % lines.length;
  const character = lines[line].search(/[0-9a-f]{16}/);
  if (character >= 0) hoverPositions.push({ line, character });
}

/** The LSP conversation both servers get; `lsp` sends a request or (no id wanted) a notification. */
async function converse(lsp) {
  await lsp.request('initialize', { processId: null, rootUri: null, capabilities: {} });
  lsp.notify('initialized', {});
  await lsp.baseline();
  const diagnostics = lsp.diagnosticsFor(URI);
  await lsp.openDocument();
  const symbols = await lsp.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
  const published = await diagnostics;
  let hovers = 0;
  for (const position of hoverPositions) {
    if (await lsp.request('textDocument/hover', { textDocument: { uri: URI }, position })) hovers++;
  }
  return { symbols: symbols.length, diagnostics: published.diagnostics.length, hovers };
}

// ---------------------------------------------------------------- desktop: a Node process
async function desktop() {
  const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
  const serverArgs = ['--max-semi-space-size=8', path.join(ROOT, 'dist', 'server.js'), '--stdio'];
  const child = spawn(process.execPath, serverArgs, { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => waiting.get(params.uri)?.(params));
  connection.onRequest(() => null);
  connection.listen();
  const status = (field) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) * 1024;
  let before = 0;
  try {
    const answers = await converse({
      request: (method, params) => connection.sendRequest(method, params),
      notify: (method, params) => void connection.sendNotification(method, params),
      baseline: async () => {
        before = status('VmRSS');
      },
      diagnosticsFor: (uri) => new Promise((resolve) => waiting.set(uri, resolve)),
      openDocument: () =>
        connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri: URI, languageId: 'crashlog', version: 1, text },
        }),
    });
    return { ...answers, before, peak: status('VmHWM') };
  } finally {
    connection.dispose();
    child.kill();
  }
}

// ---------------------------------------------------------------- web: a worker in Chromium
const PAGE = `<!doctype html><meta charset="utf-8"><title>crashlog web worker memory</title><script>
const worker = new Worker('/server.js', { name: 'crashlog-server' });
let nextId = 1;
const pending = new Map();
const diagnosticsWaiters = new Map();
worker.onmessage = ({ data: m }) => {
  if (m.method === 'textDocument/publishDiagnostics') diagnosticsWaiters.get(m.params.uri)?.(m.params);
  else if (m.method && m.id !== undefined) worker.postMessage({ jsonrpc: '2.0', id: m.id, result: null });
  else if (pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); }
};
window.request = (method, params) => new Promise((resolve, reject) => {
  const id = nextId++;
  pending.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result)));
  worker.postMessage({ jsonrpc: '2.0', id, method, params });
});
window.notify = (method, params) => worker.postMessage({ jsonrpc: '2.0', method, params });
window.diagnosticsFor = (uri) => new Promise((resolve) => diagnosticsWaiters.set(uri, resolve));
window.openDocument = async (uri) => {
  const text = await (await fetch('/transcript')).text();
  notify('textDocument/didOpen', { textDocument: { uri, languageId: 'crashlog', version: 1, text } });
};
</script>`;

function serve() {
  const files = {
    '/': { type: 'text/html', body: PAGE },
    '/server.js': { type: 'text/javascript', body: fs.readFileSync(path.join(ROOT, 'dist', 'browser', 'server.js')) },
    '/transcript': { type: 'text/plain; charset=utf-8', body: text },
  };
  const server = http.createServer((request, response) => {
    const file = files[new URL(request.url, 'http://127.0.0.1').pathname];
    response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
    response.end(file?.body ?? 'not found');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A DevTools session with the page's worker, through the browser's session (Target.sendMessageToTarget). */
async function attachToWorker(browser) {
  const cdp = await browser.newBrowserCDPSession();
  let target;
  for (let tries = 0; !target && tries < 200; tries++) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    target = targetInfos.find((t) => t.type === 'worker' && t.url.endsWith('/server.js'));
    if (!target) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!target) throw new Error('the server worker never showed up as a DevTools target');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 1;
  const pending = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  return (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
}

/** The worker's heap: V8 objects plus ArrayBuffer backing stores (older Chromium: objects only). */
const heapOf = (usage, field) => usage[field] + (usage.backingStorageSize ?? 0);

async function web() {
  const { chromium } = await import('playwright-core');
  const server = await serve();
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const worker = await attachToWorker(browser);
    let peak = 0;
    let before = 0;
    let sampling = true;
    let samples = 0;
    let longestGap = 0;
    const sampler = (async () => {
      let last = Date.now();
      while (sampling) {
        const usage = await worker('Runtime.getHeapUsage');
        peak = Math.max(peak, heapOf(usage, 'totalSize'));
        samples++;
        longestGap = Math.max(longestGap, Date.now() - last);
        last = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const answers = await converse({
      // Only what converse() reads comes back: playwright takes far longer to copy a large
      // answer (the outline of 50 MB) out of the page than the worker takes to compute it.
      request: (method, params) =>
        page.evaluate(
          async ([m, p]) => {
            const result = await window.request(m, p);
            return Array.isArray(result) ? { length: result.length } : result;
          },
          [method, params],
        ),
      notify: (method, params) => page.evaluate(([m, p]) => window.notify(m, p), [method, params]),
      baseline: async () => {
        await worker('HeapProfiler.collectGarbage');
        before = heapOf(await worker('Runtime.getHeapUsage'), 'usedSize');
      },
      diagnosticsFor: (uri) => page.evaluate((u) => window.diagnosticsFor(u), uri),
      openDocument: () => {
        // The gaps that matter are those while the worker parses and answers.
        samples = 0;
        longestGap = 0;
        return page.evaluate((u) => window.openDocument(u), URI);
      },
    });
    sampling = false;
    await sampler;
    await worker('HeapProfiler.collectGarbage');
    const retained = heapOf(await worker('Runtime.getHeapUsage'), 'usedSize');
    return { ...answers, before, peak, retained, samples, longestGap };
  } finally {
    await browser.close();
    server.close();
  }
}

const node = await desktop();
console.log(
  `desktop (Node process): ${node.symbols} outline items, ${node.diagnostics} diagnostics, ${node.hovers}/${hoverPositions.length} hovers; ` +
    `peak RSS ${mb(node.peak)}, ${mb(node.peak - node.before)} above its ${mb(node.before)} before the document = ${((node.peak - node.before) / size).toFixed(2)}x the text`,
);
const worker = await web();
console.log(
  `web worker (Chromium): ${worker.symbols} outline items, ${worker.diagnostics} diagnostics, ${worker.hovers}/${hoverPositions.length} hovers; ` +
    `peak heap ${mb(worker.peak)} (${mb(worker.before)} before the document) = ${((worker.peak - worker.before) / size).toFixed(2)}x the text; ` +
    `${mb(worker.retained)} after a collection with the document open ` +
    `(${worker.samples} samples, at most ${worker.longestGap} ms apart)`,
);
const within = worker.peak - worker.before <= node.peak - node.before;
console.log(
  `web worker vs desktop: ${mb(worker.peak - worker.before)} vs ${mb(node.peak - node.before)} for the transcript: ${within ? 'within' : 'OVER'} the desktop figure`,
);
if (node.symbols !== worker.symbols || node.diagnostics !== worker.diagnostics || node.hovers !== worker.hovers) {
  console.log('the two servers answered differently');
  process.exitCode = 1;
}
if (strict && !within) process.exitCode = 1;
