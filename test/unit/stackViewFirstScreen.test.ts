// A new Stack view page paints its first screen from its document alone (VS Code shows a
// webview's frame on its `load`, and the browser paints it then), and the page's script takes
// that screen over unchanged. Run in Debian's Chromium (skipped without it): the page's
// document as the panel builds it, loaded once with scripts off and once with them on.
import * as assert from 'assert';
import { build } from 'esbuild';
import { readFileSync } from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { analyze } from '../../server/src/analysis/model';
import { stackPictureAt } from '../../server/src/analysis/stackPicture';
import { answerMessages } from '../../client/src/stackView/answer';
import type { HostMessage } from '../../client/src/stackView/messages';
import { stackViewHtml } from '../../client/src/stackView/page';
import { firstRows, packPicture } from '../../protocol/src/stackPictureWire';
import { findChromium } from '../../scripts/chromium.mjs';
import { crashDumps, example, REPO_ROOT } from '../support/corpus';

const PAGE_URL = 'http://stack-view.test/';
/** About the webview beside a transcript in a 1400 x 860 window (the browser test's). */
const VIEWPORT = { width: 700, height: 780 };

/** What the page posts when a picture is on screen (the part read here). */
interface Painted {
  type: string;
  inDocument?: boolean;
}

/** What a drawn element shows: tag, attributes but its style, own text, and where it is. */
interface Drawn {
  key: string;
  html: string;
  box: [number, number, number, number];
}

// The page's side runs as text: the tests are compiled without the DOM's types (and a function
// would carry the test compiler's helpers into the page).
/** The elements of the view in the page, by id where they have one. */
const DRAWN_ELEMENTS = `[...document.querySelectorAll('#stack-view *')].map((e, k) => {
  const clone = e.cloneNode(false);
  clone.removeAttribute('style');
  const own = [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent);
  const r = e.getBoundingClientRect();
  return {
    key: e.id || (e.parentElement.id || e.parentElement.getAttribute('class')) + '/' + e.tagName + '#' + k,
    html: clone.outerHTML + own.join(''),
    box: [r.x, r.y, r.width, r.height],
  };
})`;
const FRAME_NAMES = `[...document.querySelectorAll('.frame')].map((e) => e.getAttribute('data-name'))`;
const ARROW_COUNT = `document.querySelectorAll('svg.arrows path.link, svg.arrows path.switch').length`;
// Predicates for waitForFunction are functions, not strings: Playwright evals a string again on each animation
// frame it polls, and the page's policy (no 'unsafe-eval') refuses that eval once the first check has failed.
// (they run in the page, so each names the page's globals itself; this project's types have no DOM)
type PageGlobals = {
  document: { body: { dataset: Record<string, string | undefined> }; querySelector(s: string): { disabled: boolean } | null };
};
const TAKEN_OVER = () => (globalThis as unknown as PageGlobals).document.body.dataset.takeOverMs !== undefined;

describe("stack view: a new page's first screen is in its document", function () {
  const chromium = findChromium();
  let browser: Browser | undefined;
  let script = '';
  const style = readFileSync(path.join(REPO_ROOT, 'media', 'stackView', 'stackView.css'), 'utf8');

  before(async function () {
    if (!chromium) return this.skip();
    const { chromium: launcher } = await import('playwright-core');
    browser = await launcher.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
    const bundled = await build({
      entryPoints: [path.join(REPO_ROOT, 'media', 'stackView', 'src', 'main.ts')],
      bundle: true,
      format: 'iife',
      target: 'es2022',
      write: false,
    });
    script = bundled.outputFiles[0].text;
  });
  after(async () => browser?.close());

  /** A page with the document loaded, scripts on or off; what it posts and what the policy refused. */
  async function open(html: string, scripts: boolean) {
    const context = await browser!.newContext({ javaScriptEnabled: scripts, viewport: VIEWPORT });
    const refused: string[] = [];
    let paintedIt: (m: Painted) => void = () => undefined;
    const painted = new Promise<Painted>((resolve) => (paintedIt = resolve));
    await context.exposeBinding('__posted', (_, m: Painted) => m.type === 'painted' && paintedIt(m));
    // as text: a function would carry the test compiler's helpers into the page
    await context.addInitScript({ content: 'window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted(m) });' });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.route(PAGE_URL, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(PAGE_URL);
    return { page, painted, refused, close: () => context.close() };
  }

  const cases: [string, () => { text: string; line: number }][] = [
    [
      'seed 002',
      () => {
        const text = example('arm64-seed002.crashlog');
        return { text, line: text.split('\n').findIndex((l) => /^\s*ffffffc0427f33b0:\s+ffffffc0427f33e0/.test(l)) };
      },
    ],
  ];
  for (const dump of crashDumps('x86_64').filter((d) => d.name.startsWith('06-SOFTLOCKUP')))
    cases.push([dump.name, () => ({ text: dump.transcript, line: analyze(dump.transcript).backtraces[0].line })]);

  for (const [name, transcript] of cases)
    it(`${name}: drawn without a script, under the strict policy, and the script keeps every element where it is`, async () => {
      const { text, line } = transcript();
      const picture = stackPictureAt(analyze(text), line)!;
      const message: HostMessage = { type: 'picture', serial: 1, picture: packPicture(picture), document: 'x.crashlog' };
      const [first] = answerMessages(message, false);
      const { html } = stackViewHtml('n0nce', first, line, { script, style });

      const still = await open(html, false);
      const fromDocument = await still.page.evaluate<Drawn[]>(DRAWN_ELEMENTS);
      const frames = await still.page.evaluate<string[]>(FRAME_NAMES);
      const arrows = await still.page.evaluate<number>(ARROW_COUNT);
      assert.deepStrictEqual(still.refused, []);
      await still.close();
      assert.deepStrictEqual(
        frames,
        picture.axes.flatMap((a) => a.frames.map((f) => f.name)),
        'every frame box, named',
      );
      assert.ok(arrows > 0, 'the arrows');
      assert.ok(fromDocument.filter((e) => e.key.startsWith('row-')).length >= 30, 'the first rows');

      const live = await open(html, true);
      assert.strictEqual((await live.painted).inDocument, true, "the page's first paint is its document's");
      await live.page.waitForFunction(TAKEN_OVER);
      const byKey = new Map((await live.page.evaluate<Drawn[]>(DRAWN_ELEMENTS)).map((e) => [e.key, e]));
      // what is on screen (the script draws the rows in sight, and more as the view scrolls)
      for (const e of fromDocument.filter((d) => /^(row|frame|ptregs|axis)-/.test(d.key) && d.box[1] < VIEWPORT.height))
        assert.deepStrictEqual(byKey.get(e.key), e, `${e.key} after the script took over`);
      assert.strictEqual(await live.page.evaluate<number>(ARROW_COUNT), arrows);
      assert.deepStrictEqual(live.refused, []);
      await live.close();
    });

  it('Save as SVG waits for the whole picture while the page has only its first rows', async () => {
    const dump = crashDumps('x86_64').find((d) => d.name.startsWith('06-SOFTLOCKUP'));
    if (!dump) return;
    const line = analyze(dump.transcript).backtraces[0].line;
    const picture = stackPictureAt(analyze(dump.transcript), line)!;
    const whole: HostMessage = { type: 'picture', serial: 1, picture: packPicture(picture), document: 'x.crashlog' };
    // cut as the panel cuts a taller stack (FIRST_SCREEN_ROWS)
    const first = { ...whole, picture: firstRows(whole.picture, 20) };
    assert.notStrictEqual(first.picture, whole.picture, 'a picture the page gets in two');
    const live = await open(stackViewHtml('n0nce', first, line, { script, style }).html, true);
    await live.page.waitForFunction(TAKEN_OVER);
    const save = `document.querySelector('.toolbar .save-svg')`;
    assert.deepStrictEqual(await live.page.evaluate(`[${save}.disabled, ${save}.title]`), [
      true,
      'Save as SVG waits for the whole picture, still on its way',
    ]);
    await live.page.evaluate(`window.postMessage(${JSON.stringify(whole)}, '*')`);
    await live.page.waitForFunction(
      () => (globalThis as unknown as PageGlobals).document.querySelector('.toolbar .save-svg')?.disabled === false,
    );
    assert.strictEqual(await live.page.evaluate(`${save}.title`), 'Save the whole picture as an SVG file');
    await live.close();
  });
});
