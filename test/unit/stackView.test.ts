// The Stack view's pure parts: message checks on both sides, the strip layout
// (lanes of arrows, rows per transcript line) and the SVG export; and the page
// script type-checks against the DOM (it is bundled for the webview, not by tsc -p .).
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { analyze } from '../../server/src/analysis/model';
import { builtStackPictureAt, stackLensLines, stackPictureAt, type StackPicture } from '../../server/src/analysis/stackPicture';
import { stackView } from '../../server/src/lsp/stackView';
import { answerMessages, postWhileCurrent } from '../../client/src/stackView/answer';
import { HEADER_ROWS, layoutPicture } from '../../client/src/stackView/layout';
import { FIRST_SCREEN_ROWS, parseHostMessage, parseViewMessage, type HostMessage } from '../../client/src/stackView/messages';
import { stackViewHtml } from '../../client/src/stackView/page';
import { pictureToSvg, type Palette } from '../../client/src/stackView/svg';
import { firstRows, packPicture, unpackPicture, type PackedPicture } from '../../protocol/src/stackPictureWire';
import { crashDumps, example, REPO_ROOT } from '../support/corpus';

const PALETTE: Palette = {
  background: '#1e1e1e',
  foreground: '#d4d4d4',
  muted: '#9d9d9d',
  border: '#0078d4',
  returnAddress: '#b180d7',
  framePointer: '#3794ff',
  stale: '#6b6b6b',
  ptRegs: '#d18616',
  gap: '#9d9d9d',
  differs: '#cca700',
  font: 'monospace',
};

function seed002Picture() {
  const model = analyze(example('arm64-seed002.crashlog'));
  const line = model.lines.findIndex((l) => /^\s*ffffffc0427f33b0:\s+ffffffc0427f33e0/.test(l));
  return { model, picture: stackPictureAt(model, line)! };
}

describe('stack view: messages are checked on both sides', () => {
  it('accepts the webview messages the page sends', () => {
    assert.deepStrictEqual(parseViewMessage({ type: 'reveal', line: 12, column: 4, focus: true }), {
      type: 'reveal',
      line: 12,
      column: 4,
      focus: true,
    });
    assert.deepStrictEqual(parseViewMessage({ type: 'copyCommand', command: 'rd -x ffffffc0427f3a40 2' }), {
      type: 'copyCommand',
      command: 'rd -x ffffffc0427f3a40 2',
    });
    assert.ok(parseViewMessage({ type: 'saveSvg', svg: '<svg xmlns="http://www.w3.org/2000/svg" width="1"></svg>' }));
    assert.deepStrictEqual(parseViewMessage({ type: 'ready', loading: 1764480000000.5, booted: 1764480000042 }), {
      type: 'ready',
      loading: 1764480000000.5,
      booted: 1764480000042,
    });
  });

  it('drops anything else', () => {
    for (const bad of [
      null,
      'reveal',
      { type: 'reveal', line: -1, column: 0, focus: true },
      { type: 'reveal', line: 1.5, column: 0, focus: true },
      { type: 'reveal', line: '3', column: 0, focus: true },
      { type: 'copyCommand', command: 'rd -x 1 2; rm -rf /' },
      { type: 'copyCommand', command: 'foreach bt' },
      { type: 'saveSvg', svg: '<script>alert(1)</script>' },
      { type: 'openFile', path: '/etc/passwd' },
      { type: 'ready' },
      { type: 'ready', loading: 'now', booted: 1 },
    ])
      assert.strictEqual(parseViewMessage(bad), undefined, JSON.stringify(bad));
  });

  it('the page takes a real picture as packed for the wire and refuses a broken one', () => {
    const { picture } = seed002Picture();
    const message = { type: 'picture', serial: 1, picture: packPicture(picture), document: 'arm64-seed002.crashlog' };
    assert.deepStrictEqual(parseHostMessage(JSON.parse(JSON.stringify(message))), { ...message, picture });
    type Broken = { picture: { axes: { frames: { bottomRow: number }[]; values: string; runs: number[] }[] } };
    const breakers: ((m: Broken) => void)[] = [
      (m) => (m.picture.axes[0].frames[0].bottomRow = 1e6),
      (m) => (m.picture.axes[0].values = m.picture.axes[0].values.slice(16)),
      (m) => m.picture.axes[0].runs.push(3),
      (m) => (m.picture.axes[0].runs[1] = -1),
    ];
    for (const breakIt of breakers) {
      const broken = JSON.parse(JSON.stringify(message)) as Broken;
      breakIt(broken);
      assert.strictEqual(parseHostMessage(broken), undefined, breakIt.toString());
    }
    assert.strictEqual(parseHostMessage({ type: 'cursor', line: 'x' }), undefined);
  });
});

describe("stack view: the page's document", () => {
  const page = { script: 'draw()', style: 'body{}' };
  const dataBlocks = (html: string) =>
    [...html.matchAll(/<script type="application\/json" id="first-message">([^]*?)<\/script>/g)].map((m) => m[1]);

  it('carries a first answer the page reads back as it was sent, under a strict policy', () => {
    const { picture } = seed002Picture();
    const first = { type: 'picture' as const, serial: 1, picture: packPicture(picture), document: 'arm64-seed002.crashlog' };
    const { html, carriesFirst } = stackViewHtml('abc123', first, -1, page);
    assert.match(html, /content="default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123'"/);
    assert.ok(carriesFirst);
    const blocks = dataBlocks(html);
    assert.strictEqual(blocks.length, 1);
    assert.deepStrictEqual(parseHostMessage(JSON.parse(blocks[0])), { ...first, picture });
    assert.strictEqual(dataBlocks(stackViewHtml('abc123', undefined, -1, page).html).length, 0);
  });

  it('waits, without the message, for a first answer that does not hold together or cannot be drawn', () => {
    const packed = packPicture(seed002Picture().picture);
    const [axis] = packed.axes;
    const broken = { ...packed, axes: [{ ...axis, values: axis.values.slice(16) }, ...packed.axes.slice(1)] };
    // Checks out, but no screen is that high: its strip's height is no plain length.
    const endless = { ...packed, axes: [{ ...axis, rowTotal: 1e21 }, ...packed.axes.slice(1)] };
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      for (const picture of [broken, endless]) {
        const { html, carriesFirst } = stackViewHtml('n', { type: 'picture', serial: 1, picture, document: 'x' }, -1, page);
        assert.strictEqual(carriesFirst, false);
        assert.strictEqual(dataBlocks(html).length, 0);
        assert.strictEqual(html, stackViewHtml('n', undefined, -1, page).html, 'the waiting screen');
      }
    } finally {
      console.warn = warn;
    }
    assert.strictEqual(warnings.length, 2, 'each noted once');
  });

  it('cannot be ended early by the text of a message', () => {
    const message = '</script><script>alert(1)</script><!-- ';
    const { html } = stackViewHtml('n', { type: 'empty', serial: 2, message, document: '</script>.crashlog' }, -1, page);
    assert.strictEqual(html.match(/<\/script>/g)?.length, 2, 'the data block and the page script end where they should');
    assert.strictEqual((JSON.parse(dataBlocks(html)[0]) as { message: string }).message, message);
  });
});

describe('stack view: the picture packed for the wire', () => {
  const pictures: [string, () => StackPicture][] = [['seed 002', () => seed002Picture().picture]];
  for (const dump of [...crashDumps('x86_64'), ...crashDumps('arm64')])
    pictures.push([
      dump.name,
      () => {
        const model = analyze(dump.transcript);
        return stackPictureAt(model, model.backtraces[0].line)!;
      },
    ]);
  for (const [name, make] of pictures) {
    it(`${name}: unpacks to the same picture, smaller`, () => {
      const picture = make();
      const wire = JSON.stringify(packPicture(picture));
      assert.deepStrictEqual(unpackPicture(JSON.parse(wire) as PackedPicture), JSON.parse(JSON.stringify(picture)));
      const plain = JSON.stringify(picture).length;
      assert.ok(wire.length < plain, `${wire.length} bytes packed, ${plain} as objects`);
    });
  }
});

describe("stack view: a new page's first screen", () => {
  const dumps = [...crashDumps('x86_64'), ...crashDumps('arm64')].slice(0, 3);
  const pictures: [string, () => StackPicture][] = [['seed 002', () => seed002Picture().picture]];
  for (const dump of dumps)
    pictures.push([
      dump.name,
      () => {
        const model = analyze(dump.transcript);
        return stackPictureAt(model, model.backtraces[0].line)!;
      },
    ]);
  for (const [name, make] of pictures) {
    it(`${name}: the first rows of every stack, cut anywhere (gaps too), are the whole picture's, on a strip of its size`, () => {
      const picture = JSON.parse(JSON.stringify(make())) as StackPicture;
      const packed = packPicture(picture);
      const longest = Math.max(...picture.axes.map((a) => a.rows.length));
      assert.strictEqual(firstRows(packed, longest), packed, 'nothing to cut: the picture itself');
      const whole = layoutPicture(picture);
      for (let keep = 0; keep < longest; keep++) {
        const message = { type: 'picture', serial: 1, picture: firstRows(packed, keep), document: 'd' };
        const page = parseHostMessage(JSON.parse(JSON.stringify(message)));
        assert.ok(page?.type === 'picture', `the page takes the first ${keep} rows`);
        page.picture.axes.forEach((axis, a) => {
          const all = picture.axes[a].rows;
          assert.deepStrictEqual(axis.rows, all.slice(0, keep), `axis ${a}, first ${keep} rows`);
          assert.strictEqual(axis.rowTotal, all.length > keep ? all.length : undefined);
        });
        const layout = layoutPicture(page.picture);
        assert.deepStrictEqual([layout.total, layout.offsets, layout.arrows], [whole.total, whole.offsets, whole.arrows]);
        assert.deepStrictEqual(
          layout.at(whole.offsets[0] + keep),
          keep < picture.axes[0].rows.length ? undefined : whole.at(whole.offsets[0] + keep),
        );
      }
    });
  }

  it('a cut picture that says it has fewer rows than it carries is refused', () => {
    const packed = firstRows(packPicture(seed002Picture().picture), 5);
    const lying = JSON.parse(JSON.stringify(packed)) as PackedPicture;
    lying.axes[0].rowTotal = 3;
    assert.strictEqual(parseHostMessage({ type: 'picture', serial: 1, picture: lying, document: 'd' }), undefined);
    assert.ok(parseHostMessage({ type: 'picture', serial: 1, picture: packed, document: 'd' }));
  });
});

describe('stack view: how an answer goes to the page', () => {
  // A stack of 366 dumped words: more rows than a first screen.
  const large = () => {
    const model = analyze(readFileSync(path.join(REPO_ROOT, 'test', 'corpus', 'ppc64le', '01-warning.formats.crashlog'), 'utf8'));
    return packPicture(stackPictureAt(model, stackLensLines(model)[0])!);
  };
  const pictureMessage = (serial: number): HostMessage => ({ type: 'picture', serial, picture: large(), document: 'd' });
  const rowsOf = (m: HostMessage) => (m.type === 'picture' ? m.picture.axes.map((a) => a.runs.length) : []);

  it('a page with no picture gets a large one in two, first its first screen; a page that shows one gets it whole', () => {
    const message = pictureMessage(1);
    assert.ok(
      message.type === 'picture' && firstRows(message.picture, FIRST_SCREEN_ROWS) !== message.picture,
      'more than a screen',
    );
    const [top, whole, ...more] = answerMessages(message, false);
    assert.deepStrictEqual([top.type, whole, more], ['picture', message, []]);
    assert.notDeepStrictEqual(rowsOf(top), rowsOf(message));
    assert.deepStrictEqual(answerMessages(message, true), [message]);
    const empty: HostMessage = { type: 'empty', serial: 2, message: 'Nothing to draw here.', document: 'd' };
    assert.deepStrictEqual(answerMessages(empty, false), [empty]);
  });

  it("an older answer's whole picture is not posted once a newer answer took over during its first screen's post", async () => {
    let serial = 1;
    const posted: number[] = [];
    const older = answerMessages(pictureMessage(1), false);
    const post = async (m: HostMessage) => {
      posted.push(m.type === 'picture' ? m.serial : -1);
      // The newer request is answered while this post is awaited.
      serial = 2;
      await Promise.resolve();
    };
    await postWhileCurrent(older, post, () => serial === 1);
    assert.deepStrictEqual(posted, [1]);
    await postWhileCurrent(answerMessages(pictureMessage(2), true), post, () => serial === 2);
    assert.deepStrictEqual(posted, [1, 2]);
  });
});

describe('stack view: pictures made ready once a version has its diagnostics', () => {
  it('builds 8 of the stacks the lenses offer, one a step, one of the most dumped first', () => {
    const file = path.join(REPO_ROOT, 'test', 'corpus', 'ppc64le', '01-warning.formats.crashlog');
    const model = analyze(readFileSync(file, 'utf8'));
    const lines = stackLensLines(model);
    assert.ok(lines.length > 8, `${lines.length} lens lines`);
    assert.ok(
      lines.every((l) => builtStackPictureAt(model, l) === undefined),
      'nothing built before',
    );
    const builtFirst: number[] = [];
    let steps = 0;
    for (const _step of stackView.settled!(model)) {
      steps++;
      if (builtFirst.length === 0) builtFirst.push(...lines.filter((l) => builtStackPictureAt(model, l) !== undefined));
    }
    const ready = lines.filter((l) => builtStackPictureAt(model, l) !== undefined);
    assert.strictEqual(ready.length, 8);
    assert.ok(steps > ready.length, `${steps} steps for ${ready.length} pictures`);
    // The first one built has the most dumped words (a real stack dump, not only the frames' words).
    const dumpedRows = (l: number) =>
      builtStackPictureAt(model, l)!.axes.reduce((n, a) => n + a.rows.filter((r) => r.kind === 'slot' && r.value).length, 0);
    assert.strictEqual(builtFirst.length, 1);
    assert.strictEqual(dumpedRows(builtFirst[0]), Math.max(...ready.map(dumpedRows)));
    // The view's request on one of them gets that very picture (asked for the built one first: asking the view first would build it).
    const built = builtStackPictureAt(model, ready[0]);
    assert.ok(built);
    assert.strictEqual(stackPictureAt(model, ready[0]), built);
  });
});

describe('stack view: strip layout', () => {
  it('seed 002: one lane holds the whole frame-record chain, rows map back to lines', () => {
    const { model, picture } = seed002Picture();
    const layout = layoutPicture(picture);
    assert.strictEqual(layout.total, picture.rowCount + HEADER_ROWS);
    assert.strictEqual(layout.arrows.length, 17);
    assert.strictEqual(layout.lanes, 1);
    const line = model.lines.findIndex((l) => /^\s*ffffffc0427f3540:/.test(l));
    const rows = layout.rowsByLine.get(line)!;
    assert.ok(rows.length >= 1);
    const at = layout.at(rows[0])!;
    assert.strictEqual((picture.axes[at.axis].rows[at.row] as { address: string }).address.slice(0, 14), 'ffffffc0427f35');
  });

  for (const dump of crashDumps('x86_64').filter((d) => d.name.includes('SOFTLOCKUP'))) {
    it(`${dump.name}: the stack switch runs outside every frame-pointer arrow, from the IRQ axis down to the task axis`, () => {
      const model = analyze(dump.transcript);
      const picture = stackPictureAt(model, model.backtraces[0].line)!;
      const layout = layoutPicture(picture);
      const jump = layout.arrows.find((a) => a.kind === 'switch')!;
      assert.ok(jump.to > jump.from);
      assert.ok(layout.arrows.filter((a) => a.kind === 'link').every((a) => a.lane < jump.lane));
      assert.deepStrictEqual(layout.at(jump.from)?.axis, 0);
      assert.deepStrictEqual(layout.at(jump.to)?.axis, 1);
    });
  }
});

describe('stack view: Save as SVG', () => {
  it('draws every frame, arrow and gap of seed 002 in the theme colours, escaped', () => {
    const { picture } = seed002Picture();
    const svg = pictureToSvg(picture, PALETTE);
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
    for (const name of ['__const_udelay+40', 'panic+692', 'unmap_vmas+244']) assert.ok(svg.includes(`${name}</text>`), name);
    assert.strictEqual((svg.match(/marker-end="url\(#arrow\)"/g) ?? []).length, 17);
    assert.ok(svg.includes('crash&gt; rd -x ffffffc0427f3a40 2'));
    assert.ok(svg.includes('fill="#1e1e1e"'));
    assert.doesNotMatch(svg, /<script|on\w+=/);
    assert.ok(parseViewMessage({ type: 'saveSvg', svg }), 'the extension accepts it');
  });
});

describe('stack view: the page script', () => {
  it('type-checks against the DOM (media/stackView/tsconfig.json)', function () {
    this.timeout(120_000);
    const configPath = path.join(REPO_ROOT, 'media', 'stackView', 'tsconfig.json');
    const config = ts.getParsedCommandLineOfConfigFile(
      configPath,
      { noEmit: true },
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
      },
    )!;
    const program = ts.createProgram(config.fileNames, config.options);
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    assert.deepStrictEqual(problems, []);
  });
});
