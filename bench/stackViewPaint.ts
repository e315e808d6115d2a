// The Stack view's own part of opening it (issue 15), end to end in Debian's Chromium: the
// typed request to the built server over stdio, on a version that has settled (as in an
// editor where the transcript has been open a moment), the page document the client builds
// from the answer (the panel's own code: its first screen, the same CSP and nonce), that
// document loaded in a Chromium page, and the first paint of the picture (the page's own
// `painted` message, posted after the first frame that shows the picture after `load`, as
// the browser test measures it; the browser's first-contentful-paint beside it). Beside each way
// of opening it, a blank page with the same policy opened the same way (what the browser and the
// machine cost whatever the page), and both pages' renderer main-thread CPU to first paint from a
// trace (a loaded machine stretches wall times, not CPU). VS Code's part (its editor split,
// webview host frame and service worker) is not in these figures: the browser test's timeline
// prints it. Prints figures, asserts nothing.
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import type { Frame, Page } from 'playwright-core';
import { loadavg } from 'os';
import * as path from 'path';
import { SettledNotification, StackViewRequest, type StackViewResponse } from '../protocol/src';
import { answerMessages } from '../client/src/stackView/answer';
import type { HostMessage, ViewMessage } from '../client/src/stackView/messages';
import { makeNonce, stackViewCsp, stackViewHtml } from '../client/src/stackView/page';
import { Session } from './lspEdits';
import { stackViewCases } from './stackView';
import { median } from './stats';
import { findChromium, TIMELINE_TRACE_CATEGORIES } from '../scripts/chromium.mjs';
import { rendererSplit, type Phase, type RendererSplit } from './rendererSplit';

/** Opens after the first one: new pages in the warm browser, and new pictures in an open page. */
const REPEATS = 7;
/** About the webview beside a transcript in a 1400 x 860 window (the browser test's). */
const VIEWPORT = { width: 700, height: 780 };
/** CRASHLOG_BENCH_TRACE=FILE records a Chromium trace of the first open (for chrome://tracing or Perfetto). */
const trace = process.env.CRASHLOG_BENCH_TRACE;
const TRACE_CATEGORIES = [...TIMELINE_TRACE_CATEGORIES, 'disabled-by-default-v8.cpu_profiler'];
/** Epoch ms with a fraction (the page's clock is the same machine's). */
const now = () => performance.timeOrigin + performance.now();

/** One open, ms from the request: the stage ends in order, then the browser's own paint mark. */
interface Open {
  answered: number;
  built?: number;
  navigating?: number;
  documentIn?: number;
  script?: number;
  parsed?: number;
  loaded?: number;
  received: number;
  drawn: number;
  painted: number;
  contentfulPaint?: number;
  /** The first paint was the document's own first screen (its script started after the browser parsed it). */
  inDocument?: boolean;
  /** The page's renderer main thread to its first paint (a traced open). */
  split?: RendererSplit;
}

/**
 * Where a new view opens: a new page (a tab: a process of its own), a new frame of another origin in
 * an open page (a process of its own, as desktop VS Code's webviews get, an origin each), or a new
 * frame of the open page's origin (its warm process, as code-server's webviews share the workbench's).
 */
type Where = 'page' | 'crossOriginFrame' | 'frame';
/** The open page the frames open in, as VS Code's workbench is (nothing in it but a frame). */
const WORKBENCH_PATH = '/workbench';
const WORKBENCH = '<!DOCTYPE html><body style="margin:0">';
/** Our page (its first screen in the document, the whole picture after `load`), or a blank one. */
type Kind = 'view' | 'blank';

const WHERE: [Where, string][] = [
  ['page', 'a new page in the warm browser'],
  ['crossOriginFrame', 'a new frame of its own origin in an open page (a new process, as desktop VS Code)'],
  ['frame', "a new frame of the open page's origin (its process, as code-server)"],
];

/**
 * A page with the view's content security policy and nothing else to show but a heading: it
 * reports its first paint the way the view's page does (the first frame after `load`). The probe
 * is a copy of the page's `afterPaint` (media/stackView/src/main.ts), which the page's bundle
 * keeps to itself: a change there belongs here too.
 */
function blankPage(nonce: string, serial: number): string {
  const csp = stackViewCsp(nonce);
  const probe = `const started = Date.now();
addEventListener('load', () => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => acquireVsCodeApi().postMessage({ type: 'painted', serial: ${serial}, received: started, shown: started, painted: Date.now() });
  channel.port2.postMessage(undefined);
}), { once: true });`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>Blank</title>
</head>
<body>
<h1>Stack</h1>
<script nonce="${nonce}">${probe}</script>
</body>
</html>`;
}

const STAGES: [keyof Open, string][] = [
  ['answered', 'server answer'],
  ['built', 'page document built'],
  ['navigating', 'page loading'],
  ['documentIn', 'document in'],
  ['script', 'page script starts'],
  ['received', 'picture in the page'],
  ['drawn', 'drawn'],
  ['parsed', 'document parsed'],
  ['loaded', 'load'],
  ['painted', 'on screen'],
];

/** What a page posts, as the extension would receive it (the page's `acquireVsCodeApi` is the bench's). */
type Posted = ViewMessage & { at?: number };

/** The navigation timing entry's marks read here (ms from the page's time origin). */
interface NavigationMarks {
  responseEnd: number;
  domInteractive: number;
  loadEventEnd: number;
}

/** What the bench's page functions use of the page's window (the bench is compiled without the DOM's types). */
interface PageWindow {
  document: {
    body: { append(node: unknown): void };
    querySelector(selector: string): { remove(): void } | null;
    createElement(tag: string): { setAttribute(name: string, value: string): void };
  };
  postMessage(message: unknown, targetOrigin: string): void;
  nextMessage?: unknown;
}

/**
 * The page's VS Code API, and VS Code's hand-over of the messages posted while a page loads:
 * on `load` the page asks the bench for them (a binding, not an evaluate of the bench's: playwright
 * evaluating in a frame first sets up its utility script there, on the thread whose paint is timed).
 */
const FAKE_VSCODE_API = `window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__crashlogPosted(m),
  getState: () => undefined,
  setState: () => undefined,
});
window.addEventListener('load', () => window.__crashlogPending().then((m) => m && window.postMessage(m, '*')), { once: true });`;

/** Prints what opening the Stack view costs that is the extension's own, stage by stage. */
export async function benchStackViewPaint(repoRoot: string): Promise<void> {
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    console.log('stack view first paint in Chromium: skipped (no Chromium at CRASHLOG_CHROMIUM or /usr/bin/chromium)');
    return;
  }
  const cases = stackViewCases(repoRoot);
  const c = cases[cases.length - 1];
  if (!c) {
    console.log('stack view first paint in Chromium: skipped (no shared corpus beside the repository)');
    return;
  }
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch (error) {
    console.log(`stack view first paint in Chromium: skipped (playwright-core: ${String(error)})`);
    return;
  }
  const load = loadavg()[0];
  const session = new Session(path.join(repoRoot, 'dist', 'server.js'));
  const uri = 'file:///bench/stack-view-paint.crashlog';
  const browser = await playwright.chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  let server: Server | undefined;
  try {
    let version = 1;
    const settled = (v: number) =>
      new Promise<void>((resolve) => {
        const listener = session.connection.onNotification(SettledNotification, (p) => {
          if (p.uri !== uri || p.version !== v) return;
          listener.dispose();
          resolve();
        });
      });
    await session.initialize();
    let waiting = settled(version);
    await session.open(uri, c.text);
    await waiting;
    /** A new version (a character typed far from the stack) that has settled: its pictures are ready. */
    const nextVersion = async () => {
      waiting = settled(++version);
      await session.change(uri, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' });
      await waiting;
    };
    const ask = () => session.connection.sendRequest(StackViewRequest, { uri, line: c.line });
    const asMessage = (serial: number, response: StackViewResponse): HostMessage =>
      response.picture
        ? { type: 'picture', serial, picture: response.picture, document: 'bench.crashlog' }
        : { type: 'empty', serial, message: response.message ?? '', document: 'bench.crashlog' };

    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await context.addInitScript(FAKE_VSCODE_API);
    let document = '';
    // Served from memory on the loopback, as VS Code's service worker serves a webview's document.
    server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(request.url === WORKBENCH_PATH ? WORKBENCH : document);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // What the pages post: `ready` (when a page's script started) by frame, `painted` by serial.
    const readies = new Map<unknown, number>();
    const paints = new Map<number, (m: Posted & { type: 'painted' }) => void>();
    await context.exposeBinding('__crashlogPosted', ({ frame }, m: Posted) => {
      if (m.type === 'ready') readies.set(frame, m.booted);
      else if (m.type === 'painted') paints.get(m.serial)?.(m);
    });
    /** The message VS Code would hand the next page that loads (the whole picture after its first screen). */
    let pending: HostMessage | undefined;
    await context.exposeBinding('__crashlogPending', () => {
      const m = pending;
      pending = undefined;
      return m;
    });
    const painted = (serial: number) => new Promise<Posted & { type: 'painted' }>((resolve) => paints.set(serial, resolve));
    let rows = 0;
    let firstScreenBytes = 0;
    let workbench: Page | undefined;
    /** The page every frame opens in: opened once, before any frame's open is timed. */
    const openWorkbench = async () => {
      if (workbench) return;
      workbench = await context.newPage();
      await workbench.goto(new URL(WORKBENCH_PATH, pageUrl).href);
    };
    // The same server under a name of another site: a frame from there gets a renderer process of its own.
    const crossOrigin = pageUrl.replace('127.0.0.1', 'localhost');

    /**
     * A new view, as a new webview: its document carries the first screen, the whole picture follows
     * after `load` (or a blank page with the same policy, opened the same way). `traced`: the open
     * is traced for its renderer's main thread (its wall times then carry the tracing's cost).
     */
    const openView = async (serial: number, where: Where, kind: Kind, traced = false): Promise<Open> => {
      // The clock starts before the page exists: VS Code makes the webview while the extension asks
      // for the picture, and both are part of what a user waits for. A first open traced for
      // CRASHLOG_BENCH_TRACE makes its page first (the trace needs it) and says so.
      const traceFile = trace !== undefined && serial === 1;
      const tracedPage = traceFile ? await context.newPage() : undefined;
      if (tracedPage) await browser.startTracing(tracedPage, { path: trace, categories: TRACE_CATEGORIES });
      else if (traced) await browser.startTracing(undefined, { categories: [...TIMELINE_TRACE_CATEGORIES] });
      const t0 = now();
      let answered = t0;
      const [page, response] = await Promise.all([
        where !== 'page' ? undefined : (tracedPage ?? context.newPage()),
        kind === 'blank'
          ? undefined
          : ask().then((r) => {
              answered = now();
              return r;
            }),
      ]);
      if (response) {
        const [firstScreen, whole] = answerMessages(asMessage(serial, response), false);
        document = stackViewHtml(makeNonce(), firstScreen).html;
        pending = whole;
        firstScreenBytes = document.length;
        if (response.picture) rows = response.picture.axes.reduce((n, a) => n + a.runs.reduce((s, r) => s + r, 0), 0);
      } else {
        document = blankPage(makeNonce(), serial);
        pending = undefined;
      }
      const built = now();
      const shown = painted(serial);
      const url = `${where === 'crossOriginFrame' ? crossOrigin : pageUrl}?view=${serial}`;
      let frame: Frame;
      if (page) {
        await page.goto(url, { waitUntil: 'commit' });
        frame = page.mainFrame();
      } else {
        if (!workbench) throw new Error('the workbench page is opened before any frame is timed');
        const attached = workbench.waitForEvent('frameattached');
        await workbench.evaluate((src) => {
          const d = (globalThis as unknown as PageWindow).document;
          d.querySelector('iframe')?.remove();
          const f = d.createElement('iframe');
          f.setAttribute('style', 'border:0;width:100vw;height:100vh;display:block');
          f.setAttribute('src', src);
          d.body.append(f);
        }, url);
        frame = await attached;
        await frame.waitForURL(url, { waitUntil: 'commit' });
      }
      const p = await shown;
      const marks = await frame.evaluate(() => {
        const nav = (performance.getEntriesByType as (type: string) => unknown[])('navigation')[0] as NavigationMarks | undefined;
        return {
          origin: performance.timeOrigin,
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
          responseEnd: nav?.responseEnd,
          domInteractive: nav?.domInteractive,
          loaded: nav?.loadEventEnd,
        };
      });
      const at = (t: number | undefined) => (t !== undefined && t > 0 ? marks.origin + t - t0 : undefined);
      if (traceFile) await browser.stopTracing();
      const split = traced && !traceFile ? rendererSplit(await browser.stopTracing(), url, marks.origin, p.painted) : undefined;
      const ready = readies.get(frame);
      if (page) await page.close();
      return {
        answered: response ? answered - t0 : 0,
        built: built - t0,
        navigating: marks.origin - t0,
        documentIn: at(marks.responseEnd),
        script: ready !== undefined ? ready - t0 : undefined,
        parsed: at(marks.domInteractive),
        loaded: at(marks.loaded),
        received: p.received - t0,
        drawn: p.shown - t0,
        painted: p.painted - t0,
        contentfulPaint: at(marks.fcp),
        inDocument: p.inDocument,
        split,
      };
    };
    let serial = 1;
    await nextVersion();
    const cold = await openView(serial++, 'page', 'view');
    // Opened here, untimed: a frame's open then times the frame alone, as its blank baseline's does.
    await openWorkbench();
    // Each way of opening, our page and the blank one in turn (a machine whose load drifts
    // weighs on both alike); then the same opens traced, for the renderers' CPU.
    const opens = new Map<string, Open[]>();
    const splits = new Map<string, RendererSplit[]>();
    for (const traced of [false, true])
      for (let k = 0; k < REPEATS; k++)
        for (const [where] of WHERE)
          for (const kind of ['view', 'blank'] as Kind[]) {
            if (kind === 'view') await nextVersion();
            const o = await openView(serial++, where, kind, traced);
            const key = `${where}:${kind}`;
            if (!traced) opens.set(key, [...(opens.get(key) ?? []), o]);
            else if (o.split) splits.set(key, [...(splits.get(key) ?? []), o.split]);
          }
    // The view open: a new picture posted into the page that shows one (drawn whole).
    const page = await context.newPage();
    await nextVersion();
    document = stackViewHtml(makeNonce(), asMessage(serial, await ask())).html;
    let shown = painted(serial++);
    await page.goto(pageUrl);
    await shown;
    // The page gets the message before the clock starts: how a page message crosses from the
    // extension to the webview is VS Code's (playwright's copy into the page is no measure of it).
    const open: Open[] = [];
    for (let k = 0; k < REPEATS; k++) {
      await nextVersion();
      const s = serial++;
      shown = painted(s);
      const answerStart = now();
      const response = await ask();
      const answerMs = now() - answerStart;
      const [message] = answerMessages(asMessage(s, response), true);
      await page.evaluate((m) => ((globalThis as unknown as PageWindow).nextMessage = m), message);
      const posted = await page.evaluate(() => {
        const w = globalThis as unknown as PageWindow;
        const t = Date.now();
        w.postMessage(w.nextMessage, '*');
        return t;
      });
      const p = await shown;
      const t0 = posted - answerMs;
      open.push({
        answered: answerMs,
        received: p.received - t0,
        drawn: p.shown - t0,
        painted: p.painted - t0,
      });
    }

    const line = (what: string, o: Open, stages = STAGES) =>
      `${what}: ${o.painted.toFixed(0)} ms (` +
      stages
        .filter(([k]) => o[k] !== undefined && !(o.inDocument && k === 'received'))
        .map(([k, name]) => `${o.inDocument && k === 'drawn' ? 'first screen parsed' : name} at ${(o[k] as number).toFixed(1)}`)
        .join(', ') +
      (o.contentfulPaint !== undefined ? `; the browser's first-contentful-paint at ${o.contentfulPaint.toFixed(1)}` : '') +
      ')';
    /** A blank page's stages: it asks nothing and draws nothing. */
    const blankStages = STAGES.filter(([k]) => ['navigating', 'documentIn', 'parsed', 'loaded', 'painted'].includes(k));
    const medianOpen = (opens: Open[]): Open => {
      const m = {} as Open;
      for (const key of [...STAGES.map(([k]) => k), 'contentfulPaint'] as Exclude<keyof Open, 'inDocument' | 'split'>[]) {
        const values = opens.map((o) => o[key]).filter((v): v is number => v !== undefined);
        if (values.length) m[key] = median(values);
      }
      m.inDocument = opens.every((o) => o.inDocument);
      return m;
    };
    const cpu = (traced: RendererSplit[] | undefined) => {
      if (!traced?.length) return 'not in the trace';
      const of = (key: Phase | 'cpu') => median(traced.map((t) => t[key])).toFixed(1);
      const phases: Phase[] = ['parse', 'script', 'style', 'layout', 'paint'];
      return `${of('cpu')} ms (${phases.map((phase) => `${phase} ${of(phase)}`).join(', ')})`;
    };
    const ways = WHERE.map(([where, what]) => {
      const view = opens.get(`${where}:view`) ?? [];
      const blank = opens.get(`${where}:blank`) ?? [];
      return (
        `  ${line(`${what} (median of ${view.length})`, medianOpen(view))}\n` +
        `    ${line('a blank page with the same policy, opened so', medianOpen(blank), blankStages)}\n` +
        `    renderer main thread to first paint, CPU (median of ${splits.get(`${where}:view`)?.length ?? 0} traced): ` +
        `ours ${cpu(splits.get(`${where}:view`))}; blank ${cpu(splits.get(`${where}:blank`))}\n`
      );
    });
    console.log(
      `stack view first paint in Chromium, ${c.name} (${rows} rows, page document ${(firstScreenBytes / 1024).toFixed(0)} KB; ` +
        `ms from the request, stage ends; load ${load.toFixed(1)}, after ${loadavg()[0].toFixed(1)}):\n` +
        `  ${line(`first open, a new page in a new browser${trace ? ' (traced)' : ''}`, cold)}\n` +
        ways.join('') +
        `  ${line(`a new picture in the open page (median of ${open.length}; from the server's answer, the page's clock)`, medianOpen(open))}\n` +
        `  (target: first paint <= 200 ms; VS Code's own part of a first open is not included)`,
    );
  } finally {
    await browser.close();
    server?.close();
    await session.stop();
  }
}
